#include "adl/io/read.hpp"

#include "adl/io/csv.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/aggregate.hpp"
#include "adl/ref/error.hpp"
#include "adl/ref/number.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <utility>
#include <vector>

namespace adl::io {
namespace {

using ref::Rational;

using Kind = JsonValue::Kind;

/// A side in one of the FMT-POSITION-CSV spellings, case-insensitive.
ref::Side side(const Fields& check, const Cell& cell) {
  if (cell.is_absent()) check.fail(cell, cell.absent);
  std::string lower;
  for (const char ch : cell.text) {
    lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  if (lower == "long" || lower == "+1" || lower == "1" || lower == "buy" || lower == "b") {
    return ref::Side::Long;
  }
  if (lower == "short" || lower == "-1" || lower == "sell" || lower == "a") {
    return ref::Side::Short;
  }
  check.fail(cell,
             "unknown side '" + std::string(cell.text) + "' (expected long, short, +1, -1, 1, buy, B, sell or A)");
}

std::string describe(const std::optional<Rational>& value) {
  return value ? ref::format_exact(*value) : std::string("no value");
}

// ---------------------------------------------------------------------------
// Building accounts and positions from cells (both file types).

struct WealthCells {
  Cell account, cash, pnl, score, leverage, max_haircut, min_equity;
};

/// The cells of a wealth row, in column order, from `cell(name)` (a CSV column or a JSON key).
template <class CellOf>
WealthCells wealth_cells(CellOf cell) {
  return WealthCells{cell("account"),  cell("cash"),        cell("pnl"),       cell("score"),
                     cell("leverage"), cell("max_haircut"), cell("min_equity")};
}

ref::Account build_account(const Fields& check, const WealthCells& cells) {
  ref::Account account;
  account.id = check.name(cells.account);
  account.cash = check.number(cells.cash, Rule::NonNegative);
  account.pnl = check.number(cells.pnl, Rule::Any);
  account.score = check.optional_number(cells.score, Rule::Any);
  account.leverage = check.optional_number(cells.leverage, Rule::Positive);
  account.max_haircut = check.optional_number(cells.max_haircut, Rule::UnitInterval);
  account.min_equity = check.optional_number(cells.min_equity, Rule::Any);
  return account;
}

struct PositionCells {
  Cell account, market, side, quantity, entry_price, collateral, open_time, funding;
};

/// The cells of a position row, in column order, from `cell(name)` (a CSV column or a JSON key).
template <class CellOf>
PositionCells position_cells(CellOf cell) {
  return PositionCells{cell("account"),     cell("market"),     cell("side"),      cell("quantity"),
                       cell("entry_price"), cell("collateral"), cell("open_time"), cell("funding")};
}

ref::Position build_position(const Fields& check, const PositionCells& cells) {
  ref::Position position;
  position.account = check.name(cells.account);
  position.market = check.name(cells.market);
  position.side = side(check, cells.side);
  position.quantity = check.number(cells.quantity, Rule::NonNegative);
  position.entry_price = check.number(cells.entry_price, Rule::Positive);
  position.collateral = check.number(cells.collateral, Rule::NonNegative);
  position.open_time = check.whole_number(cells.open_time);
  position.funding = check.optional_number(cells.funding, Rule::Any).value_or(Rational(0));
  return position;
}

/// Account ids seen so far, with the line of their first appearance.
class UniqueIds {
 public:
  void add(const Fields& check, const Cell& cell, const std::string& id) {
    const auto [it, inserted] = first_.emplace(id, cell.line);
    if (!inserted) {
      check.fail(cell, "duplicate account '" + id + "' (first on line " + std::to_string(it->second) + ")");
    }
  }
  [[nodiscard]] bool contains(const std::string& id) const { return first_.count(id) != 0; }

 private:
  std::map<std::string, std::size_t> first_;
};

/// Derives the wealth-space view. The readers check every rule first, so a
/// domain error of the model is not expected; if one comes, it becomes an
/// InputError pointing at the positions (CSV header line, JSON `positions`).
ref::Book aggregate(const Fields& check, const ref::PositionBook& positions, std::size_t line, std::size_t column) {
  try {
    return ref::to_wealth_book(positions);
  } catch (const ref::InvalidInput& e) {
    check.fail(line, column, "", e.what());
  }
}

// ---------------------------------------------------------------------------
// CSV books.

constexpr std::array<ColumnSpec, 7> kWealthColumns{{{"account", true},
                                                    {"cash", true},
                                                    {"pnl", true},
                                                    {"score", false},
                                                    {"leverage", false},
                                                    {"max_haircut", false},
                                                    {"min_equity", false}}};

constexpr std::array<ColumnSpec, 12> kPositionColumns{{{"account", true},
                                                       {"market", true},
                                                       {"side", true},
                                                       {"quantity", true},
                                                       {"entry_price", true},
                                                       {"collateral", true},
                                                       {"mark_price", true},
                                                       {"open_time", false},
                                                       {"funding", false},
                                                       {"max_haircut", false},
                                                       {"min_equity", false},
                                                       {"score", false}}};

constexpr std::array<ColumnSpec, 3> kCapsColumns{{{"account", true}, {"max_haircut", true}, {"min_equity", true}}};

LoadedBook read_wealth_csv(const Fields& check, CsvTable header) {
  LoadedBook loaded;
  loaded.form = BookForm::Wealth;
  loaded.source = check.source();
  UniqueIds ids;
  while (const auto record = header.next()) {
    const WealthCells cells = wealth_cells([&](std::string_view name) { return csv_cell(*record, header, name); });
    ref::Account account = build_account(check, cells);
    ids.add(check, cells.account, account.id);
    loaded.book.accounts.push_back(std::move(account));
  }
  if (loaded.book.accounts.empty()) {
    check.fail(header.header().line, 1, "", "book has no accounts");
  }
  return loaded;
}

/// A per-account value of a position book with the line that first gave it.
struct AccountValue {
  std::optional<Rational> value;
  std::size_t line = 0;
};

LoadedBook read_position_csv(const Fields& check, CsvTable header) {
  ref::PositionBook book;
  std::map<std::string, std::size_t> mark_line;
  // account -> (max_haircut, min_equity, score) as first given.
  std::map<std::string, std::array<AccountValue, 3>> extras;
  constexpr std::array<std::string_view, 3> kExtraNames{"max_haircut", "min_equity", "score"};
  constexpr std::array<Rule, 3> kExtraRules{Rule::UnitInterval, Rule::Any, Rule::Any};
  std::vector<std::string> account_order;

  while (const auto record = header.next()) {
    const auto cell = [&](std::string_view name) { return csv_cell(*record, header, name); };
    const PositionCells cells = position_cells(cell);
    ref::Position position = build_position(check, cells);

    const Cell mark_cell = cell("mark_price");
    const Rational mark = check.number(mark_cell, Rule::Positive);
    if (const auto it = book.marks.find(position.market); it != book.marks.end()) {
      if (it->second != mark) {
        check.fail(mark_cell, "mark price " + ref::format_exact(mark) + " of market '" + position.market +
                                  "' differs from " + ref::format_exact(it->second) + " on line " +
                                  std::to_string(mark_line[position.market]) +
                                  " (every row of one market must carry the same mark)");
      }
    } else {
      book.marks.emplace(position.market, mark);
      mark_line.emplace(position.market, record->line);
    }

    std::array<std::optional<Rational>, 3> values;
    std::array<Cell, 3> value_cells;
    for (std::size_t k = 0; k < 3; ++k) {
      value_cells[k] = cell(kExtraNames[k]);
      values[k] = check.optional_number(value_cells[k], kExtraRules[k]);
    }
    const auto [it, first] = extras.try_emplace(position.account);
    if (first) {
      account_order.push_back(position.account);
      for (std::size_t k = 0; k < 3; ++k) it->second[k] = AccountValue{values[k], record->line};
    } else {
      for (std::size_t k = 0; k < 3; ++k) {
        const AccountValue& seen = it->second[k];
        if (seen.value != values[k]) {
          check.fail(value_cells[k], "rows of account '" + position.account + "' disagree on " +
                                         std::string(kExtraNames[k]) + ": line " + std::to_string(seen.line) +
                                         " gives " + describe(seen.value) + ", this row gives " + describe(values[k]));
        }
      }
    }
    book.positions.push_back(std::move(position));
  }
  if (book.positions.empty()) check.fail(header.header().line, 1, "", "book has no positions");

  for (const auto& id : account_order) {
    const auto& seen = extras.at(id);
    if (seen[0].value) book.max_haircut.emplace(id, *seen[0].value);
    if (seen[1].value) book.min_equity.emplace(id, *seen[1].value);
    if (seen[2].value) book.score.emplace(id, *seen[2].value);
  }
  LoadedBook loaded;
  loaded.form = BookForm::Position;
  loaded.source = check.source();
  loaded.book = aggregate(check, book, header.header().line, 1);
  loaded.positions = std::move(book);
  return loaded;
}

LoadedBook read_csv_book(std::string_view text, const std::string& source) {
  const Fields check(source);
  CsvReader reader(text, source);
  auto header = reader.next();
  if (!header) check.fail(1, 1, "", "empty book: no header line");
  const auto pnl = find_column(*header, "pnl");
  const auto side = find_column(*header, "side");
  if (pnl && side) {
    check.fail(header->line, std::max(*pnl, *side), "",
               "the header has both a 'pnl' column (wealth space) and a 'side' column (position "
               "space); a book is one or the other");
  }
  if (!pnl && !side) {
    check.fail(header->line, 1, "",
               "cannot tell the form of the book: the header has neither a 'pnl' column (wealth "
               "space) nor a 'side' column (position space)");
  }
  if (pnl)
    return read_wealth_csv(check, CsvTable(std::move(reader), std::move(*header), kWealthColumns, HeaderRule::ByName));
  return read_position_csv(check,
                           CsvTable(std::move(reader), std::move(*header), kPositionColumns, HeaderRule::ByName));
}

// ---------------------------------------------------------------------------
// JSON books.

const JsonValue& json_array(const Fields& check, const JsonValue& root, std::string_view key) {
  const JsonValue* value = root.find(key);
  if (value == nullptr) {
    check.fail(root.line, root.column, std::string(key), "missing required key '" + std::string(key) + "'");
  }
  check.expect(*value, Kind::Array, std::string(key));
  return *value;
}

/// The JSON type a book's member has: ids and markets are strings, a side a
/// string or a number, every other value a number (FMT-BOOK-JSON).
Accept json_accept(std::string_view key) {
  if (key == "account" || key == "market") return Accept::Text;
  if (key == "side") return Accept::Side;
  return Accept::Number;
}

/// Visits the objects of the array `key` of a book: `visit(cell)`, where
/// `cell(name)` reads the member `name` as a cell of its JSON type.
template <class Visit>
void for_each_row(const Fields& check, const JsonValue& array, const std::string& key,
                  std::span<const std::string_view> allowed, Visit visit) {
  check.for_each_object(array, key, allowed, [&](const JsonValue& item, const std::string& path) {
    visit([&](std::string_view name) { return check.member_cell(item, path, name, json_accept(name)); });
  });
}

constexpr std::array<std::string_view, 3> kTopKeys{"accounts", "marks", "positions"};
constexpr std::array<std::string_view, 7> kWealthKeys{"account",  "cash",        "pnl",       "score",
                                                      "leverage", "max_haircut", "min_equity"};
constexpr std::array<std::string_view, 8> kPositionKeys{"account",     "market",     "side",      "quantity",
                                                        "entry_price", "collateral", "open_time", "funding"};
constexpr std::array<std::string_view, 4> kAccountCapKeys{"account", "max_haircut", "min_equity", "score"};

LoadedBook read_wealth_json(const Fields& check, const JsonValue& root) {
  const JsonValue& accounts = json_array(check, root, "accounts");
  if (accounts.items.empty()) {
    check.fail(accounts.line, accounts.column, "accounts", "book has no accounts");
  }
  LoadedBook loaded;
  loaded.form = BookForm::Wealth;
  loaded.source = check.source();
  UniqueIds ids;
  for_each_row(check, accounts, "accounts", kWealthKeys, [&](const auto& cell) {
    const WealthCells cells = wealth_cells(cell);
    ref::Account account = build_account(check, cells);
    ids.add(check, cells.account, account.id);
    loaded.book.accounts.push_back(std::move(account));
  });
  return loaded;
}

LoadedBook read_position_json(const Fields& check, const JsonValue& root) {
  ref::PositionBook book;

  const JsonValue* marks = root.find("marks");
  if (marks == nullptr) {
    check.fail(root.line, root.column, "marks", "missing required key 'marks'");
  }
  check.expect(*marks, Kind::Object, "marks");
  for (const auto& member : marks->members) {
    if (member.key.empty()) check.fail(member.line, member.column, "marks", "empty market name");
    Cell cell = check.member_cell(*marks, "marks", member.key, Accept::Number);
    cell.name = "mark_price";  // as the CSV column, for messages
    book.marks.emplace(member.key, check.number(cell, Rule::Positive));
  }

  const JsonValue& positions = json_array(check, root, "positions");
  if (positions.items.empty()) {
    check.fail(positions.line, positions.column, "positions", "book has no positions");
  }
  UniqueIds holders;  // accounts holding a position (first line only matters)
  for_each_row(check, positions, "positions", kPositionKeys, [&](const auto& cell) {
    const PositionCells cells = position_cells(cell);
    ref::Position position = build_position(check, cells);
    if (book.marks.count(position.market) == 0) {
      check.fail(cells.market, "no mark price for market '" + position.market + "' in 'marks'");
    }
    if (!holders.contains(position.account)) holders.add(check, cells.account, position.account);
    book.positions.push_back(std::move(position));
  });

  if (const JsonValue* accounts = root.find("accounts"); accounts != nullptr) {
    check.expect(*accounts, Kind::Array, "accounts");
    UniqueIds ids;
    for_each_row(check, *accounts, "accounts", kAccountCapKeys, [&](const auto& cell) {
      const Cell account_cell = cell("account");
      const std::string id = check.name(account_cell);
      ids.add(check, account_cell, id);
      if (!holders.contains(id)) {
        check.fail(account_cell, "account '" + id + "' holds no position in 'positions'");
      }
      const auto number = [&](std::string_view key, Rule rule) { return check.optional_number(cell(key), rule); };
      if (auto v = number("max_haircut", Rule::UnitInterval)) book.max_haircut.emplace(id, *v);
      if (auto v = number("min_equity", Rule::Any)) book.min_equity.emplace(id, *v);
      if (auto v = number("score", Rule::Any)) book.score.emplace(id, *v);
    });
  }

  LoadedBook loaded;
  loaded.form = BookForm::Position;
  loaded.source = check.source();
  loaded.book = aggregate(check, book, positions.line, positions.column);
  loaded.positions = std::move(book);
  return loaded;
}

LoadedBook read_json_book(const JsonValue& root, const Fields& check) {
  check.expect(root, Kind::Object, "");
  check.check_keys(root, "", kTopKeys);
  if (root.find("positions") != nullptr) return read_position_json(check, root);
  for (const auto& member : root.members) {
    if (member.key == "marks") {
      check.fail(member.line, member.column, "marks",
                 "'marks' belongs to a position-space book, which needs 'positions'");
    }
  }
  if (root.find("accounts") == nullptr) {
    check.fail(root.line, root.column, "",
               "the book has neither 'accounts' (wealth space) nor 'positions' (position space)");
  }
  return read_wealth_json(check, root);
}

}  // namespace

LoadedBook load_book(const std::string& path) { return parse_book(read_text_file(path), path); }

LoadedBook parse_book(std::string_view text, const std::string& source) {
  const std::string_view body = detail::strip_bom(text);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') return read_book(parse_json(text, source), source);
  return read_csv_book(text, source);
}

LoadedBook read_book(const JsonValue& value, const std::string& source) {
  return read_json_book(value, Fields(source));
}

void apply_caps(const std::string& path, ref::Book& book) { apply_caps_text(read_text_file(path), path, book); }

void apply_caps_text(std::string_view text, const std::string& source, ref::Book& book) {
  const Fields check(source);
  CsvTable header(text, source, kCapsColumns, HeaderRule::ByName, "empty caps file: no header line");

  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) index.emplace(book.accounts[i].id, i);

  struct Caps {
    std::size_t account;
    std::optional<Rational> max_haircut;
    std::optional<Rational> min_equity;
  };
  std::vector<Caps> changes;
  UniqueIds ids;
  while (const auto record = header.next()) {
    const Cell account_cell = csv_cell(*record, header, "account");
    const std::string id = check.name(account_cell);
    const auto it = index.find(id);
    if (it == index.end()) check.fail(account_cell, "account '" + id + "' is not in the book");
    ids.add(check, account_cell, id);
    changes.push_back(Caps{it->second,
                           check.optional_number(csv_cell(*record, header, "max_haircut"), Rule::UnitInterval),
                           check.optional_number(csv_cell(*record, header, "min_equity"), Rule::Any)});
  }
  // Nothing changes unless the whole file is valid.
  for (auto& change : changes) {
    ref::Account& account = book.accounts[change.account];
    account.max_haircut = std::move(change.max_haircut);
    account.min_equity = std::move(change.min_equity);
  }
}

}  // namespace adl::io
