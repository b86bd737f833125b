#include "adl/io/read.hpp"

#include "adl/io/csv.hpp"
#include "adl/io/json.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/aggregate.hpp"
#include "adl/ref/error.hpp"
#include "adl/ref/number.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

namespace adl::io {
namespace {

std::string format_input_error(const std::string& file, std::size_t line, std::size_t column,
                               const std::string& field, const std::string& message) {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  if (!field.empty()) out += "field '" + field + "': ";
  out += message;
  // FMT-ERRORS: one line. Control characters that came from the input (a JSON
  // "\n" escape in an account id, say) are shown escaped.
  std::string one_line;
  for (const char ch : out) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '\n') {
      one_line += "\\n";
    } else if (ch == '\r') {
      one_line += "\\r";
    } else if (ch == '\t') {
      one_line += "\\t";
    } else if (byte < 0x20U || byte == 0x7FU) {
      const char* digits = "0123456789ABCDEF";
      one_line += "\\x";
      one_line.push_back(digits[byte >> 4U]);
      one_line.push_back(digits[byte & 0x0FU]);
    } else {
      one_line.push_back(ch);
    }
  }
  return one_line;
}

}  // namespace

InputError::InputError(std::string file, std::size_t line, std::size_t column, std::string field,
                       std::string message)
    : std::runtime_error(format_input_error(file, line, column, field, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      field_(std::move(field)),
      message_(std::move(message)) {}

namespace {

using detail::ColumnSpec;
using detail::CsvHeader;
using detail::CsvReader;
using detail::CsvRecord;
using detail::JsonValue;
using ref::Rational;

// ---------------------------------------------------------------------------
// Values with their locations, shared by the CSV and the JSON readers.

/// One input value to check: its text and where it came from.
struct Cell {
  std::string_view text;            // CSV field, JSON number text or string contents
  bool given = false;               // false: column/key missing, or JSON null
  bool empty_means_absent = false;  // CSV: an empty optional field is absent
  std::size_t line = 0;
  std::size_t column = 0;
  std::string field;   // column name or JSON key path
  std::string name;    // column name or JSON key, for messages
  std::string absent;  // message when a required value is absent

  [[nodiscard]] bool is_absent() const { return !given || (empty_means_absent && text.empty()); }
};

enum class Rule { Any, NonNegative, Positive, UnitInterval };

class Checker {
 public:
  explicit Checker(const std::string& source) : source_(source) {}

  [[nodiscard]] const std::string& source() const { return source_; }

  [[noreturn]] void fail(const Cell& cell, const std::string& message) const {
    throw InputError(source_, cell.line, cell.column, cell.field, message);
  }

  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string field,
                         const std::string& message) const {
    throw InputError(source_, line, column, std::move(field), message);
  }

  /// A required number obeying `rule`.
  [[nodiscard]] Rational number(const Cell& cell, Rule rule) const {
    if (cell.is_absent()) fail(cell, cell.absent);
    Rational value;
    try {
      value = ref::parse_rational(cell.text);
    } catch (const std::invalid_argument& e) {
      fail(cell, e.what());
    }
    check(cell, value, rule);
    return value;
  }

  /// An optional number obeying `rule` (absent when the cell is).
  [[nodiscard]] std::optional<Rational> optional_number(const Cell& cell, Rule rule) const {
    if (cell.is_absent()) return std::nullopt;
    return number(cell, rule);
  }

  /// A required non-empty name (account, market).
  [[nodiscard]] std::string name(const Cell& cell) const {
    if (!cell.given) fail(cell, cell.absent);
    if (cell.text.empty()) fail(cell, "empty " + cell.name);
    return std::string(cell.text);
  }

  /// A side in one of the FMT-POSITION-CSV spellings, case-insensitive.
  [[nodiscard]] ref::Side side(const Cell& cell) const {
    if (cell.is_absent()) fail(cell, cell.absent);
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
    fail(cell, "unknown side '" + std::string(cell.text) +
                   "' (expected long, short, +1, -1, 1, buy, B, sell or A)");
  }

  /// An optional integer time ≥ 0 (default 0).
  [[nodiscard]] std::int64_t time(const Cell& cell) const {
    if (cell.is_absent()) return 0;
    const Rational value = number(cell, Rule::Any);
    if (boost::multiprecision::denominator(value) != 1) {
      fail(cell, cell.name + " must be an integer (got " + ref::format_exact(value) + ")");
    }
    if (value < 0) fail(cell, "negative " + cell.name + " " + ref::format_exact(value) +
                                  " (must be an integer >= 0)");
    if (value > Rational(std::numeric_limits<std::int64_t>::max())) {
      fail(cell, cell.name + " " + ref::format_exact(value) + " is too large");
    }
    return boost::multiprecision::numerator(value).convert_to<std::int64_t>();
  }

 private:
  const std::string& source_;

  void check(const Cell& cell, const Rational& value, Rule rule) const {
    switch (rule) {
      case Rule::Any:
        return;
      case Rule::NonNegative:
        if (value < 0) {
          fail(cell, "negative " + cell.name + " " + ref::format_exact(value) + " (must be >= 0)");
        }
        return;
      case Rule::Positive:
        if (value <= 0) {
          fail(cell, cell.name + " must be > 0 (got " + ref::format_exact(value) + ")");
        }
        return;
      case Rule::UnitInterval:
        if (value < 0 || value > 1) {
          fail(cell, cell.name + " must be in [0, 1] (got " + ref::format_exact(value) + ")");
        }
        return;
    }
  }
};

std::string describe(const std::optional<Rational>& value) {
  return value ? ref::format_exact(*value) : std::string("no value");
}

// ---------------------------------------------------------------------------
// Building accounts and positions from cells (both file types).

struct WealthCells {
  Cell account, cash, pnl, score, leverage, max_haircut, min_equity;
};

ref::Account build_account(const Checker& check, const WealthCells& cells) {
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

ref::Position build_position(const Checker& check, const PositionCells& cells) {
  ref::Position position;
  position.account = check.name(cells.account);
  position.market = check.name(cells.market);
  position.side = check.side(cells.side);
  position.quantity = check.number(cells.quantity, Rule::NonNegative);
  position.entry_price = check.number(cells.entry_price, Rule::Positive);
  position.collateral = check.number(cells.collateral, Rule::NonNegative);
  position.open_time = check.time(cells.open_time);
  position.funding = check.optional_number(cells.funding, Rule::Any).value_or(Rational(0));
  return position;
}

/// Account ids seen so far, with the line of their first appearance.
class UniqueIds {
 public:
  void add(const Checker& check, const Cell& cell, const std::string& id) {
    const auto [it, inserted] = first_.emplace(id, cell.line);
    if (!inserted) {
      check.fail(cell, "duplicate account '" + id + "' (first on line " +
                           std::to_string(it->second) + ")");
    }
  }
  [[nodiscard]] bool contains(const std::string& id) const { return first_.count(id) != 0; }

 private:
  std::map<std::string, std::size_t> first_;
};

/// Derives the wealth-space view. The readers check every rule first, so a
/// domain error of the model is not expected; if one comes, it becomes an
/// InputError pointing at the positions (CSV header line, JSON `positions`).
ref::Book aggregate(const Checker& check, const ref::PositionBook& positions, std::size_t line,
                    std::size_t column) {
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

constexpr std::array<ColumnSpec, 3> kCapsColumns{
    {{"account", true}, {"max_haircut", true}, {"min_equity", true}}};

Cell csv_cell(const CsvRecord& record, const CsvHeader& header, std::string_view name) {
  Cell cell;
  cell.name = std::string(name);
  cell.field = cell.name;
  cell.line = record.line;
  cell.empty_means_absent = true;
  cell.absent = "missing value (the column '" + cell.name + "' is required)";
  const auto index = header.index(name);
  if (!index) {
    cell.column = 1;
    return cell;
  }
  const auto& field = record.fields[*index];
  cell.column = field.column;
  cell.text = field.text;
  cell.given = true;
  return cell;
}

LoadedBook read_wealth_csv(const Checker& check, CsvReader& reader, const CsvRecord& header_record) {
  const CsvHeader header(header_record, kWealthColumns, check.source());
  LoadedBook loaded;
  loaded.form = BookForm::Wealth;
  loaded.source = check.source();
  UniqueIds ids;
  while (const auto record = reader.next()) {
    header.check_width(*record);
    const auto cell = [&](std::string_view name) { return csv_cell(*record, header, name); };
    const WealthCells cells{cell("account"),  cell("cash"),        cell("pnl"),
                            cell("score"),    cell("leverage"),    cell("max_haircut"),
                            cell("min_equity")};
    ref::Account account = build_account(check, cells);
    ids.add(check, cells.account, account.id);
    loaded.book.accounts.push_back(std::move(account));
  }
  if (loaded.book.accounts.empty()) {
    check.fail(header.line(), 1, "", "book has no accounts");
  }
  return loaded;
}

/// A per-account value of a position book with the line that first gave it.
struct AccountValue {
  std::optional<Rational> value;
  std::size_t line = 0;
};

LoadedBook read_position_csv(const Checker& check, CsvReader& reader,
                             const CsvRecord& header_record) {
  const CsvHeader header(header_record, kPositionColumns, check.source());
  ref::PositionBook book;
  std::map<std::string, std::size_t> mark_line;
  // account -> (max_haircut, min_equity, score) as first given.
  std::map<std::string, std::array<AccountValue, 3>> extras;
  constexpr std::array<std::string_view, 3> kExtraNames{"max_haircut", "min_equity", "score"};
  constexpr std::array<Rule, 3> kExtraRules{Rule::UnitInterval, Rule::Any, Rule::Any};
  std::vector<std::string> account_order;

  while (const auto record = reader.next()) {
    header.check_width(*record);
    const auto cell = [&](std::string_view name) { return csv_cell(*record, header, name); };
    const PositionCells cells{cell("account"),     cell("market"),     cell("side"),
                              cell("quantity"),    cell("entry_price"), cell("collateral"),
                              cell("open_time"),   cell("funding")};
    ref::Position position = build_position(check, cells);

    const Cell mark_cell = cell("mark_price");
    const Rational mark = check.number(mark_cell, Rule::Positive);
    if (const auto it = book.marks.find(position.market); it != book.marks.end()) {
      if (it->second != mark) {
        check.fail(mark_cell, "mark price " + ref::format_exact(mark) + " of market '" +
                                  position.market + "' differs from " +
                                  ref::format_exact(it->second) + " on line " +
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
          check.fail(value_cells[k],
                     "rows of account '" + position.account + "' disagree on " +
                         std::string(kExtraNames[k]) + ": line " + std::to_string(seen.line) +
                         " gives " + describe(seen.value) + ", this row gives " +
                         describe(values[k]));
        }
      }
    }
    book.positions.push_back(std::move(position));
  }
  if (book.positions.empty()) check.fail(header.line(), 1, "", "book has no positions");

  for (const auto& id : account_order) {
    const auto& seen = extras.at(id);
    if (seen[0].value) book.max_haircut.emplace(id, *seen[0].value);
    if (seen[1].value) book.min_equity.emplace(id, *seen[1].value);
    if (seen[2].value) book.score.emplace(id, *seen[2].value);
  }
  LoadedBook loaded;
  loaded.form = BookForm::Position;
  loaded.source = check.source();
  loaded.book = aggregate(check, book, header.line(), 1);
  loaded.positions = std::move(book);
  return loaded;
}

LoadedBook read_csv_book(std::string_view text, const std::string& source) {
  const Checker check(source);
  CsvReader reader(text, source);
  const auto header = reader.next();
  if (!header) check.fail(1, 1, "", "empty book: no header line");
  const auto pnl = detail::find_column(*header, "pnl");
  const auto side = detail::find_column(*header, "side");
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
  return pnl ? read_wealth_csv(check, reader, *header) : read_position_csv(check, reader, *header);
}

// ---------------------------------------------------------------------------
// JSON books.

std::string expected_keys(std::span<const std::string_view> keys) {
  std::string out;
  for (const auto key : keys) {
    if (!out.empty()) out += ", ";
    out += std::string(key);
  }
  return out;
}

/// Throws on a member whose key is not in `allowed`.
void check_keys(const Checker& check, const JsonValue& object, const std::string& path,
                std::span<const std::string_view> allowed) {
  for (const auto& member : object.members) {
    bool known = false;
    for (const auto key : allowed) known = known || key == member.key;
    if (!known) {
      check.fail(member.line, member.column, detail::json_path(path, member.key),
                 "unknown key '" + member.key + "' (expected keys: " + expected_keys(allowed) +
                     ")");
    }
  }
}

void expect_kind(const Checker& check, const JsonValue& value, JsonValue::Kind kind,
                 const std::string& path) {
  if (value.kind != kind) {
    check.fail(value.line, value.column, path,
               std::string("expected ") + detail::describe(kind) + ", found " +
                   detail::describe(value.kind));
  }
}

enum class Accept { Number, Text, Side };

/// The cell of key `key` of `object` (at `path`); checks the JSON type.
Cell json_cell(const Checker& check, const JsonValue& object, const std::string& path,
               std::string_view key, Accept accept) {
  Cell cell;
  cell.name = std::string(key);
  cell.field = detail::json_path(path, key);
  const JsonValue* value = object.find(key);
  if (value == nullptr) {
    cell.line = object.line;
    cell.column = object.column;
    cell.absent = "missing required key '" + cell.name + "'";
    return cell;
  }
  cell.line = value->line;
  cell.column = value->column;
  using Kind = JsonValue::Kind;
  if (value->kind == Kind::Null) {
    cell.absent = "null where a value is required";
    return cell;
  }
  const bool ok = value->kind == Kind::String ||
                  (value->kind == Kind::Number && accept != Accept::Text);
  if (!ok) {
    const char* wanted = accept == Accept::Number ? "a number (or a string holding one)"
                         : accept == Accept::Text ? "a string"
                                                  : "a string (or the number 1 or -1)";
    check.fail(cell, std::string("expected ") + wanted + ", found " +
                         detail::describe(value->kind));
  }
  cell.text = value->text;
  cell.given = true;
  return cell;
}

const JsonValue& json_array(const Checker& check, const JsonValue& root, std::string_view key) {
  const JsonValue* value = root.find(key);
  if (value == nullptr) {
    check.fail(root.line, root.column, std::string(key),
               "missing required key '" + std::string(key) + "'");
  }
  expect_kind(check, *value, JsonValue::Kind::Array, std::string(key));
  return *value;
}

constexpr std::array<std::string_view, 3> kTopKeys{"accounts", "marks", "positions"};
constexpr std::array<std::string_view, 7> kWealthKeys{
    "account", "cash", "pnl", "score", "leverage", "max_haircut", "min_equity"};
constexpr std::array<std::string_view, 8> kPositionKeys{
    "account", "market", "side", "quantity", "entry_price", "collateral", "open_time", "funding"};
constexpr std::array<std::string_view, 4> kAccountCapKeys{"account", "max_haircut", "min_equity",
                                                          "score"};

LoadedBook read_wealth_json(const Checker& check, const JsonValue& root) {
  const JsonValue& accounts = json_array(check, root, "accounts");
  if (accounts.items.empty()) {
    check.fail(accounts.line, accounts.column, "accounts", "book has no accounts");
  }
  LoadedBook loaded;
  loaded.form = BookForm::Wealth;
  loaded.source = check.source();
  UniqueIds ids;
  for (std::size_t i = 0; i < accounts.items.size(); ++i) {
    const JsonValue& item = accounts.items[i];
    const std::string path = detail::json_path("accounts", i);
    expect_kind(check, item, JsonValue::Kind::Object, path);
    check_keys(check, item, path, kWealthKeys);
    const auto cell = [&](std::string_view key, Accept accept) {
      return json_cell(check, item, path, key, accept);
    };
    const WealthCells cells{cell("account", Accept::Text),     cell("cash", Accept::Number),
                            cell("pnl", Accept::Number),       cell("score", Accept::Number),
                            cell("leverage", Accept::Number),  cell("max_haircut", Accept::Number),
                            cell("min_equity", Accept::Number)};
    ref::Account account = build_account(check, cells);
    ids.add(check, cells.account, account.id);
    loaded.book.accounts.push_back(std::move(account));
  }
  return loaded;
}

LoadedBook read_position_json(const Checker& check, const JsonValue& root) {
  ref::PositionBook book;

  const JsonValue* marks = root.find("marks");
  if (marks == nullptr) {
    check.fail(root.line, root.column, "marks", "missing required key 'marks'");
  }
  expect_kind(check, *marks, JsonValue::Kind::Object, "marks");
  for (const auto& member : marks->members) {
    if (member.key.empty()) check.fail(member.line, member.column, "marks", "empty market name");
    Cell cell = json_cell(check, *marks, "marks", member.key, Accept::Number);
    cell.name = "mark_price";  // as the CSV column, for messages
    book.marks.emplace(member.key, check.number(cell, Rule::Positive));
  }

  const JsonValue& positions = json_array(check, root, "positions");
  if (positions.items.empty()) {
    check.fail(positions.line, positions.column, "positions", "book has no positions");
  }
  UniqueIds holders;  // accounts holding a position (first line only matters)
  for (std::size_t i = 0; i < positions.items.size(); ++i) {
    const JsonValue& item = positions.items[i];
    const std::string path = detail::json_path("positions", i);
    expect_kind(check, item, JsonValue::Kind::Object, path);
    check_keys(check, item, path, kPositionKeys);
    const auto cell = [&](std::string_view key, Accept accept) {
      return json_cell(check, item, path, key, accept);
    };
    const PositionCells cells{cell("account", Accept::Text),      cell("market", Accept::Text),
                              cell("side", Accept::Side),         cell("quantity", Accept::Number),
                              cell("entry_price", Accept::Number), cell("collateral", Accept::Number),
                              cell("open_time", Accept::Number),  cell("funding", Accept::Number)};
    ref::Position position = build_position(check, cells);
    if (book.marks.count(position.market) == 0) {
      check.fail(cells.market, "no mark price for market '" + position.market + "' in 'marks'");
    }
    if (!holders.contains(position.account)) holders.add(check, cells.account, position.account);
    book.positions.push_back(std::move(position));
  }

  if (const JsonValue* accounts = root.find("accounts"); accounts != nullptr) {
    expect_kind(check, *accounts, JsonValue::Kind::Array, "accounts");
    UniqueIds ids;
    for (std::size_t i = 0; i < accounts->items.size(); ++i) {
      const JsonValue& item = accounts->items[i];
      const std::string path = detail::json_path("accounts", i);
      expect_kind(check, item, JsonValue::Kind::Object, path);
      check_keys(check, item, path, kAccountCapKeys);
      const Cell account_cell = json_cell(check, item, path, "account", Accept::Text);
      const std::string id = check.name(account_cell);
      ids.add(check, account_cell, id);
      if (!holders.contains(id)) {
        check.fail(account_cell, "account '" + id + "' holds no position in 'positions'");
      }
      const auto number = [&](std::string_view key, Rule rule) {
        return check.optional_number(json_cell(check, item, path, key, Accept::Number), rule);
      };
      if (auto v = number("max_haircut", Rule::UnitInterval)) book.max_haircut.emplace(id, *v);
      if (auto v = number("min_equity", Rule::Any)) book.min_equity.emplace(id, *v);
      if (auto v = number("score", Rule::Any)) book.score.emplace(id, *v);
    }
  }

  LoadedBook loaded;
  loaded.form = BookForm::Position;
  loaded.source = check.source();
  loaded.book = aggregate(check, book, positions.line, positions.column);
  loaded.positions = std::move(book);
  return loaded;
}

LoadedBook read_json_book(std::string_view text, const std::string& source) {
  const Checker check(source);
  const JsonValue root = detail::parse_json(text, source);
  expect_kind(check, root, JsonValue::Kind::Object, "");
  check_keys(check, root, "", kTopKeys);
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

// ---------------------------------------------------------------------------
// Files.

}  // namespace

std::string read_text_file(const std::string& path, const std::string& source) {
  const std::string& name = source.empty() ? path : source;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(name, 0, 0, "", "cannot open: is a directory");
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    throw InputError(name, 0, 0, "", "cannot open: " + std::generic_category().message(error));
  }
  std::string text;
  std::array<char, 65536> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) text.append(buffer.data(), got);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    throw InputError(name, 0, 0, "", "cannot read: " + std::generic_category().message(error));
  }
  return text;
}

LoadedBook load_book(const std::string& path) { return parse_book(read_text_file(path), path); }

LoadedBook parse_book(std::string_view text, const std::string& source) {
  const std::string_view body = detail::strip_bom(text);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') return read_json_book(text, source);
  return read_csv_book(text, source);
}

void apply_caps(const std::string& path, ref::Book& book) {
  apply_caps_text(read_text_file(path), path, book);
}

void apply_caps_text(std::string_view text, const std::string& source, ref::Book& book) {
  const Checker check(source);
  CsvReader reader(text, source);
  const auto header_record = reader.next();
  if (!header_record) check.fail(1, 1, "", "empty caps file: no header line");
  const CsvHeader header(*header_record, kCapsColumns, source);

  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) index.emplace(book.accounts[i].id, i);

  struct Caps {
    std::size_t account;
    std::optional<Rational> max_haircut;
    std::optional<Rational> min_equity;
  };
  std::vector<Caps> changes;
  UniqueIds ids;
  while (const auto record = reader.next()) {
    header.check_width(*record);
    const Cell account_cell = csv_cell(*record, header, "account");
    const std::string id = check.name(account_cell);
    const auto it = index.find(id);
    if (it == index.end()) check.fail(account_cell, "account '" + id + "' is not in the book");
    ids.add(check, account_cell, id);
    changes.push_back(
        Caps{it->second,
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
