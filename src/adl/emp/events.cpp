#include "adl/emp/events.hpp"

#include "adl/emp/table.hpp"

#include "adl/io/csv.hpp"
#include "adl/io/read.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <set>
#include <span>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace adl::emp {
namespace {

using io::InputError;
using io::detail::ColumnSpec;
using io::detail::CsvField;
using io::detail::CsvHeader;
using io::detail::CsvReader;
using io::detail::CsvRecord;
using ref::Rational;


// A CSV table whose header must be exactly `columns`, in that order.
class StrictTable {
 public:
  StrictTable(std::string_view text, std::string source, std::span<const std::string_view> columns)
      : reader_(text, source), source_(std::move(source)) {
    for (const auto name : columns) specs_.push_back(ColumnSpec{name, true});
    const auto header = reader_.next();
    if (!header) throw InputError(source_, 1, 1, "", "empty file: no header line");
    const CsvHeader checked(*header, specs_, source_);  // unknown, duplicate, missing columns
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (header->fields[i].text != columns[i]) {
        std::string expected;
        for (const auto name : columns) expected += (expected.empty() ? "" : ",") + std::string(name);
        throw InputError(source_, header->line, header->fields[i].column, header->fields[i].text,
                         "column " + std::to_string(i + 1) + " is '" + header->fields[i].text +
                             "', expected '" + std::string(columns[i]) +
                             "' (the header must be exactly: " + expected + ")");
      }
    }
    header_.emplace(checked);
    names_.assign(columns.begin(), columns.end());
  }

  // The next data record, width-checked; nothing at the end.
  std::optional<CsvRecord> next() {
    auto record = reader_.next();
    if (record) header_->check_width(*record);
    return record;
  }

  [[nodiscard]] const std::string& source() const { return source_; }

  [[noreturn]] void fail(const CsvRecord& r, std::size_t i, const std::string& message) const {
    throw InputError(source_, r.line, r.fields[i].column, std::string(names_[i]), message);
  }

  [[nodiscard]] Rational number(const CsvRecord& r, std::size_t i) const {
    try {
      return ref::parse_rational(r.fields[i].text);
    } catch (const std::invalid_argument& e) {
      fail(r, i, e.what());
    }
  }

  [[nodiscard]] Rational positive(const CsvRecord& r, std::size_t i) const {
    Rational v = number(r, i);
    if (v <= 0) fail(r, i, "must be > 0, found " + r.fields[i].text);
    return v;
  }

  // A non-negative integer written with decimal digits only (times, ids, counts).
  [[nodiscard]] std::int64_t integer(const CsvRecord& r, std::size_t i, const char* what) const {
    std::int64_t v = 0;
    std::string message;
    if (!detail::parse_non_negative_integer(r.fields[i].text, what, v, message)) fail(r, i, message);
    return v;
  }

  [[nodiscard]] std::size_t count(const CsvRecord& r, std::size_t i, const char* what) const {
    return static_cast<std::size_t>(integer(r, i, what));
  }

  [[nodiscard]] const std::string& text(const CsvRecord& r, std::size_t i) const {
    return r.fields[i].text;
  }

 private:
  CsvReader reader_;
  std::string source_;
  std::vector<ColumnSpec> specs_;
  std::vector<std::string_view> names_;
  std::optional<CsvHeader> header_;
};

bool is_address(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || s[1] != 'x') return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    const char ch = s[i];
    const bool hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    if (!hex) return false;
  }
  return true;
}

Rational abs_of(const Rational& x) { return x < 0 ? Rational(-x) : x; }

std::string show(const Rational& x) { return ref::to_decimal(x, 12); }

// Column indices of the event table.
enum Col : std::size_t {
  kUser, kCoin, kTime, kPrice, kSize, kNotional, kClosedPnl, kPosition, kEntry, kCash, kUpnl,
  kEquity, kNegative, kLeverage, kPositionUpnl, kPnlPercent, kLiquidated
};

EventRow read_event_row(const StrictTable& t, const CsvRecord& r) {
  EventRow row;
  row.line = r.line;
  row.user = t.text(r, kUser);
  if (!is_address(row.user)) {
    t.fail(r, kUser, "expected 0x followed by 40 hexadecimal digits, found '" + row.user + "'");
  }
  row.coin = t.text(r, kCoin);
  if (row.coin.empty()) t.fail(r, kCoin, "empty coin");
  row.time_ms = t.integer(r, kTime, "a non-negative integer time in ms");
  row.adl_price = t.positive(r, kPrice);
  row.adl_size = t.positive(r, kSize);
  row.adl_notional = t.number(r, kNotional);
  row.closed_pnl = t.number(r, kClosedPnl);
  row.position_size = t.number(r, kPosition);
  row.entry_price = t.number(r, kEntry);
  row.account_value_realtime = t.number(r, kCash);
  row.total_unrealized_pnl = t.number(r, kUpnl);
  row.total_equity = t.number(r, kEquity);
  const std::string& flag = t.text(r, kNegative);
  if (flag == "True") {
    row.is_negative_equity = true;
  } else if (flag == "False") {
    row.is_negative_equity = false;
  } else {
    t.fail(r, kNegative, "expected True or False, found '" + flag + "'");
  }
  row.leverage_realtime = t.number(r, kLeverage);
  row.position_unrealized_pnl = t.number(r, kPositionUpnl);
  row.pnl_percent = t.number(r, kPnlPercent);
  row.liquidated_user = t.text(r, kLiquidated);
  if (!row.liquidated_user.empty() && !is_address(row.liquidated_user)) {
    t.fail(r, kLiquidated,
           "expected empty or 0x followed by 40 hexadecimal digits, found '" + row.liquidated_user + "'");
  }
  return row;
}

Finding warning(const std::string& check, const std::string& file, std::size_t line,
                const std::string& field, std::string message) {
  return Finding{Severity::kWarning, check, file, line, field, std::move(message)};
}

// The row identities of EMP-EVENT-TABLE, appended to `out`.
void check_row_identities(const EventRow& row, const std::string& file, Findings& out) {
  const Rational tol = event_identity_tolerance();
  // Money identities: |v − e| ≤ 10⁻⁹·max(1, |e|). The columns are doubles of
  // magnitude up to 1e8, whose last bit is ~1e-8: an absolute 1e-9 would flag
  // plain double rounding.
  const auto money_ok = [&](const Rational& diff, const Rational& expected) {
    const Rational magnitude = abs_of(expected) > 1 ? abs_of(expected) : Rational(1);
    return abs_of(diff) <= tol * magnitude;
  };
  // notional = size·price.
  {
    const Rational expected = row.adl_size * row.adl_price;
    const Rational diff = row.adl_notional - expected;
    if (!money_ok(diff, expected)) {
      out.push_back(warning("event.notional", file, row.line, "adl_notional",
                            "adl_notional " + show(row.adl_notional) + " != adl_size*adl_price " +
                                show(expected) + " (difference " + show(diff) + ")"));
    }
  }
  // equity = cash + uPnL.
  {
    const Rational expected = row.account_value_realtime + row.total_unrealized_pnl;
    const Rational diff = row.total_equity - expected;
    if (!money_ok(diff, expected)) {
      out.push_back(warning("event.equity", file, row.line, "total_equity",
                            "total_equity " + show(row.total_equity) +
                                " != account_value_realtime + total_unrealized_pnl " +
                                show(expected) + " (difference " + show(diff) + ")"));
    }
  }
  // flag = (equity < 0).
  if (row.is_negative_equity != (row.total_equity < 0)) {
    out.push_back(warning("event.negative_flag", file, row.line, "is_negative_equity",
                          std::string("is_negative_equity is ") +
                              (row.is_negative_equity ? "True" : "False") + " but total_equity is " +
                              show(row.total_equity)));
  }
  // Relative checks: |v − e| ≤ 10⁻⁹·|e|, or |v| ≤ 10⁻⁹ when e = 0.
  const auto relative_ok = [&](const Rational& value, const Rational& expected) {
    const Rational bound = expected == 0 ? tol : Rational(tol * abs_of(expected));
    return abs_of(value - expected) <= bound;
  };
  // leverage = |position|·price / cash, 0 when cash ≤ 0.
  {
    const Rational expected = row.account_value_realtime > 0
                                  ? Rational(abs_of(row.position_size) * row.adl_price /
                                             row.account_value_realtime)
                                  : Rational(0);
    if (!relative_ok(row.leverage_realtime, expected)) {
      out.push_back(warning("event.leverage", file, row.line, "leverage_realtime",
                            "leverage_realtime " + show(row.leverage_realtime) +
                                " != |position_size|*adl_price/account_value_realtime " +
                                show(expected) + " (0 when cash <= 0; relative tolerance 1e-9)"));
    }
  }
  // pnl% = 100·uPnL_position / (|position|·price).
  {
    const Rational notional = abs_of(row.position_size) * row.adl_price;
    if (notional == 0) {
      out.push_back(Finding{Severity::kInfo, "event.pnl_percent", file, row.line, "pnl_percent",
                            "cannot be checked: position_size is 0 (pnl_percent " +
                                show(row.pnl_percent) + ")"});
    } else {
      const Rational expected = 100 * row.position_unrealized_pnl / notional;
      if (!relative_ok(row.pnl_percent, expected)) {
        out.push_back(warning("event.pnl_percent", file, row.line, "pnl_percent",
                              "pnl_percent " + show(row.pnl_percent) +
                                  " != 100*position_unrealized_pnl/(|position_size|*adl_price) " +
                                  show(expected) + " (relative tolerance 1e-9)"));
      }
    }
  }
}

// The account-level columns must be equal on every row of a user: one finding
// per user whose rows differ, at the first row that differs from the user's first.
std::size_t check_account_columns(const std::vector<EventRow>& rows, const std::string& file,
                                  Findings& out) {
  std::map<std::string, std::vector<std::size_t>> by_user;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string key = address_key(rows[i].user);
    auto [it, inserted] = by_user.try_emplace(key);
    if (inserted) order.push_back(key);
    it->second.push_back(i);
  }
  struct Column {
    const char* name;
    std::string (*value)(const EventRow&);
  };
  static const Column kColumns[] = {
      {"account_value_realtime", [](const EventRow& r) { return r.account_value_realtime.str(); }},
      {"total_unrealized_pnl", [](const EventRow& r) { return r.total_unrealized_pnl.str(); }},
      {"total_equity", [](const EventRow& r) { return r.total_equity.str(); }},
      {"is_negative_equity",
       [](const EventRow& r) { return std::string(r.is_negative_equity ? "True" : "False"); }},
  };
  std::size_t unequal_users = 0;
  std::vector<Finding> found;
  for (const auto& key : order) {
    const auto& idx = by_user[key];
    const EventRow& first = rows[idx.front()];
    std::string differing;
    std::string first_field;
    std::size_t first_line = 0;
    for (const auto& column : kColumns) {
      std::set<std::string> distinct;
      std::size_t line = 0;
      for (const std::size_t i : idx) {
        distinct.insert(column.value(rows[i]));
        if (line == 0 && column.value(rows[i]) != column.value(first)) line = rows[i].line;
      }
      if (distinct.size() > 1) {
        differing += (differing.empty() ? "" : ", ") + std::string(column.name) + " (" +
                     std::to_string(distinct.size()) + " distinct values)";
        if (first_line == 0 || line < first_line) {
          first_line = line;
          first_field = column.name;
        }
      }
    }
    if (!differing.empty()) {
      ++unequal_users;
      found.push_back(warning("event.account_columns", file, first_line, first_field,
                              "user " + first.user + " has " + std::to_string(idx.size()) +
                                  " rows whose account-level columns differ: " + differing +
                                  "; first row at line " + std::to_string(first.line)));
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  out.insert(out.end(), found.begin(), found.end());
  return unequal_users;
}

// Indices of the table's rows sorted by time, file order among equal times.
std::vector<std::size_t> time_order(const std::vector<EventRow>& rows,
                                    const std::vector<std::size_t>& indices) {
  std::vector<std::size_t> out = indices;
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].time_ms < rows[b].time_ms;
  });
  return out;
}

// Splits time-ordered indices at gaps above gap_ms.
std::vector<std::vector<std::size_t>> split_at_gaps(const std::vector<EventRow>& rows,
                                                    const std::vector<std::size_t>& ordered,
                                                    std::int64_t gap_ms) {
  std::vector<std::vector<std::size_t>> groups;
  for (const std::size_t i : ordered) {
    if (groups.empty() || rows[i].time_ms - rows[groups.back().back()].time_ms > gap_ms) {
      groups.emplace_back();
    }
    groups.back().push_back(i);
  }
  return groups;
}

}  // namespace

Rational event_identity_tolerance() { return Rational(1, 1000000000); }

std::string address_key(std::string_view address) {
  std::string key(address);
  for (char& ch : key) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return key;
}

EventTable parse_event_table(std::string_view text, const std::string& source) {
  StrictTable table(text, source, kEventColumns);
  EventTable out;
  out.source = source;
  while (auto record = table.next()) out.rows.push_back(read_event_row(table, *record));

  for (const auto& row : out.rows) check_row_identities(row, source, out.findings);
  Findings account;
  const std::size_t unequal = check_account_columns(out.rows, source, account);
  // Row findings and account findings, merged in line order (stable).
  out.findings.insert(out.findings.end(), account.begin(), account.end());
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });

  EventTableSummary& s = out.summary;
  s.rows = out.rows.size();
  std::set<std::string> users;
  std::set<std::string> liquidated;
  std::set<std::string> coins;
  for (const auto& row : out.rows) {
    users.insert(address_key(row.user));
    if (!row.liquidated_user.empty()) liquidated.insert(address_key(row.liquidated_user));
    coins.insert(row.coin);
    if (row.is_negative_equity) ++s.negative_equity_rows;
    if (!s.first_time_ms || row.time_ms < *s.first_time_ms) s.first_time_ms = row.time_ms;
    if (!s.last_time_ms || row.time_ms > *s.last_time_ms) s.last_time_ms = row.time_ms;
  }
  s.users = users.size();
  s.liquidated_users = liquidated.size();
  s.coins = coins.size();
  s.users_with_unequal_account_columns = unequal;
  for (const auto& f : out.findings) {
    if (f.severity == Severity::kInfo) {
      ++s.findings_info;
    } else {
      ++s.findings_warning;
    }
    ++s.findings_by_check[f.check];
  }
  return out;
}

EventTable load_event_table(const std::string& path) {
  return parse_event_table(io::read_text_file(path), path);
}

std::vector<EventWave> global_waves(const EventTable& table, std::int64_t gap_ms) {
  std::vector<std::size_t> all(table.rows.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<EventWave> waves;
  for (auto& group : split_at_gaps(table.rows, time_order(table.rows, all), gap_ms)) {
    EventWave wave;
    wave.index = waves.size() + 1;
    wave.t_start_ms = table.rows[group.front()].time_ms;
    wave.t_end_ms = table.rows[group.back()].time_ms;
    std::set<std::string> losers;
    for (const std::size_t i : group) {
      if (!table.rows[i].liquidated_user.empty()) losers.insert(address_key(table.rows[i].liquidated_user));
    }
    wave.unique_liquidated_users = losers.size();
    wave.rows = std::move(group);
    waves.push_back(std::move(wave));
  }
  return waves;
}

std::vector<ExpectedWave> parse_expected_waves(std::string_view text, const std::string& source) {
  static constexpr std::string_view kColumns[] = {"wave",         "t_start_ms",  "t_end_ms",
                                                  "n_rows",       "unique_losers", "deficit_usd",
                                                  "max_loss_usd"};
  StrictTable table(text, source, kColumns);
  std::vector<ExpectedWave> out;
  while (auto r = table.next()) {
    ExpectedWave w;
    w.line = r->line;
    w.wave = table.integer(*r, 0, "a non-negative integer wave id");
    w.t_start_ms = table.integer(*r, 1, "a non-negative integer time in ms");
    w.t_end_ms = table.integer(*r, 2, "a non-negative integer time in ms");
    if (w.t_end_ms < w.t_start_ms) {
      table.fail(*r, 2, "t_end_ms " + std::to_string(w.t_end_ms) + " is before t_start_ms " +
                            std::to_string(w.t_start_ms));
    }
    w.n_rows = table.count(*r, 3, "a non-negative integer count");
    if (!table.text(*r, 4).empty()) w.unique_losers = table.count(*r, 4, "a non-negative integer count or empty");
    w.deficit_usd = table.number(*r, 5);
    w.max_loss_usd = table.number(*r, 6);
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<ExpectedWave> load_expected_waves(const std::string& path) {
  return parse_expected_waves(io::read_text_file(path), path);
}

WaveComparison match_expected_waves(const EventTable& table, const std::vector<EventWave>& computed,
                                    const std::vector<ExpectedWave>& expected,
                                    const std::string& expected_source) {
  WaveComparison out;
  const std::size_t n = std::max(computed.size(), expected.size());
  for (std::size_t k = 0; k < n; ++k) {
    WaveMatch m;
    if (k < computed.size()) m.computed = computed[k];
    if (k < expected.size()) m.expected = expected[k];
    if (m.computed && m.expected) {
      const EventWave& c = *m.computed;
      const ExpectedWave& e = *m.expected;
      m.start_matches = c.t_start_ms == e.t_start_ms;
      m.end_matches = c.t_end_ms == e.t_end_ms;
      m.rows_match = c.rows.size() == e.n_rows;
      m.losers_match = !e.unique_losers || *e.unique_losers == c.unique_liquidated_users;
      const std::string wave = "wave " + std::to_string(e.wave) + " (position " + std::to_string(k + 1) + ")";
      if (!m.start_matches) {
        out.findings.push_back(warning("waves.start", expected_source, e.line, "t_start_ms",
                                       wave + ": expected start " + std::to_string(e.t_start_ms) +
                                           ", the event rows give " + std::to_string(c.t_start_ms)));
      }
      if (!m.end_matches) {
        out.findings.push_back(warning("waves.end", expected_source, e.line, "t_end_ms",
                                       wave + ": expected end " + std::to_string(e.t_end_ms) +
                                           ", the event rows give " + std::to_string(c.t_end_ms)));
      }
      if (!m.rows_match) {
        out.findings.push_back(warning("waves.rows", expected_source, e.line, "n_rows",
                                       wave + ": expected " + std::to_string(e.n_rows) +
                                           " rows, the event rows give " + std::to_string(c.rows.size())));
      }
      if (!m.losers_match) {
        out.findings.push_back(warning("waves.unique_losers", expected_source, e.line, "unique_losers",
                                       wave + ": expected " + std::to_string(*e.unique_losers) +
                                           " losers, the event rows name " +
                                           std::to_string(c.unique_liquidated_users) +
                                           " distinct liquidated users"));
      }
    } else if (m.expected) {
      out.findings.push_back(warning("waves.missing", expected_source, m.expected->line, "wave",
                                     "wave " + std::to_string(m.expected->wave) +
                                         " is listed but the event rows give only " +
                                         std::to_string(computed.size()) + " waves"));
    } else {
      const EventWave& c = *m.computed;
      out.findings.push_back(warning("waves.extra", table.source, table.rows[c.rows.front()].line, "time",
                                     "the event rows give a wave " + std::to_string(c.t_start_ms) + "–" +
                                         std::to_string(c.t_end_ms) + " (" + std::to_string(c.rows.size()) +
                                         " rows) that " + expected_source + " does not list"));
    }
    if (m.matches()) ++out.matching;
    out.waves.push_back(std::move(m));
  }
  return out;
}

std::vector<CoinCluster> coin_clusters(const EventTable& table, std::int64_t gap_ms) {
  std::map<std::string, std::vector<std::size_t>> by_coin;
  for (std::size_t i = 0; i < table.rows.size(); ++i) by_coin[table.rows[i].coin].push_back(i);
  std::vector<CoinCluster> out;
  for (const auto& [coin, indices] : by_coin) {
    std::size_t id = 0;
    for (auto& group : split_at_gaps(table.rows, time_order(table.rows, indices), gap_ms)) {
      CoinCluster c;
      c.coin = coin;
      c.cluster_id = ++id;
      c.t_start_ms = table.rows[group.front()].time_ms;
      c.t_end_ms = table.rows[group.back()].time_ms;
      for (const std::size_t i : group) {
        const EventRow& row = table.rows[i];
        if (row.is_negative_equity && row.total_equity < 0) {
          c.deficit -= row.total_equity;
          ++c.deficit_rows;
        }
      }
      c.rows = std::move(group);
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<ExampleQueueCluster> parse_example_queue_clusters(std::string_view text,
                                                              const std::string& source) {
  static constexpr std::string_view kColumns[] = {
      "coin",     "cluster_id",         "t_start_ms",       "t_end_ms",           "deficit_usd",
      "total_capacity_usd", "budget_queue_usd", "overshoot_queue_usd", "residual_queue_usd"};
  StrictTable table(text, source, kColumns);
  std::vector<ExampleQueueCluster> out;
  while (auto r = table.next()) {
    ExampleQueueCluster c;
    c.line = r->line;
    c.coin = table.text(*r, 0);
    if (c.coin.empty()) table.fail(*r, 0, "empty coin");
    c.cluster_id = table.count(*r, 1, "a positive integer cluster id");
    if (c.cluster_id == 0) table.fail(*r, 1, "cluster ids count from 1");
    c.t_start_ms = table.integer(*r, 2, "a non-negative integer time in ms");
    c.t_end_ms = table.integer(*r, 3, "a non-negative integer time in ms");
    if (c.t_end_ms < c.t_start_ms) {
      table.fail(*r, 3, "t_end_ms " + std::to_string(c.t_end_ms) + " is before t_start_ms " +
                            std::to_string(c.t_start_ms));
    }
    c.deficit_usd = table.number(*r, 4);
    c.total_capacity_usd = table.number(*r, 5);
    c.budget_queue_usd = table.number(*r, 6);
    c.overshoot_queue_usd = table.number(*r, 7);
    c.residual_queue_usd = table.number(*r, 8);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ExampleQueueCluster> load_example_queue_clusters(const std::string& path) {
  return parse_example_queue_clusters(io::read_text_file(path), path);
}

}  // namespace adl::emp
