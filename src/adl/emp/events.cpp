#include "adl/emp/events.hpp"

#include "adl/emp/columns.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/table.hpp"
#include "adl/io/text.hpp"

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

using io::Cell;
using io::Fields;
using io::InputError;
using io::TableColumn;
using ref::Rational;
using detail::Columns;

bool is_address(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || s[1] != 'x') return false;
  for (std::size_t i = 2; i < s.size(); ++i) {
    const char ch = s[i];
    const bool hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    if (!hex) return false;
  }
  return true;
}

using ref::abs_of;

std::string show(const Rational& x) { return ref::to_decimal(x, 12); }

/// An account address column: `0x` + 40 hex digits, or (`optional`) empty.
TableColumn<EventRow> address(std::string name, std::string EventRow::*member, bool optional) {
  return {std::move(name), [member, optional](const Fields& f, const Cell& c, EventRow& row) {
            const std::string text(c.text);
            if (!(optional && text.empty()) && !is_address(text)) {
              f.fail(c, std::string(optional ? "expected empty or " : "expected ") +
                            "0x followed by 40 hexadecimal digits, found '" + text + "'");
            }
            row.*member = text;
          }};
}

const Columns<EventRow>& event_columns() {
  using R = EventRow;
  using detail::number;
  // The names of kEventColumns, in order: the header is that list (EMP-EVENT-TABLE).
  const auto name = [](std::size_t i) { return std::string(kEventColumns[i]); };
  static const Columns<R> columns{address(name(0), &R::user, false),
                                  detail::label(name(1), &R::coin),
                                  detail::digits(name(2), &R::time_ms, "a non-negative integer time in ms"),
                                  detail::positive(name(3), &R::adl_price),
                                  detail::positive(name(4), &R::adl_size),
                                  number(name(5), &R::adl_notional),
                                  number(name(6), &R::closed_pnl),
                                  number(name(7), &R::position_size),
                                  number(name(8), &R::entry_price),
                                  number(name(9), &R::account_value_realtime),
                                  number(name(10), &R::total_unrealized_pnl),
                                  number(name(11), &R::total_equity),
                                  {name(12),
                                   [](const Fields& f, const Cell& c, R& row) {
                                     if (c.text != "True" && c.text != "False") {
                                       f.fail(c, "expected True or False, found '" + std::string(c.text) + "'");
                                     }
                                     row.is_negative_equity = c.text == "True";
                                   }},
                                  number(name(13), &R::leverage_realtime),
                                  number(name(14), &R::position_unrealized_pnl),
                                  number(name(15), &R::pnl_percent),
                                  address(name(16), &R::liquidated_user, true)};
  return columns;
}

/// The rules of the event tables (EMP-EVENT-TABLE): known columns in exactly
/// the published order; an empty number cell is "not a number".
const io::TableRules& event_rules() {
  static const io::TableRules kRules{io::HeaderRule::ByNameInOrder, false, "", "empty file: no header line"};
  return kRules;
}

/// `t_end_ms` ≥ `t_start_ms`, a time column read after the start.
template <class Row>
TableColumn<Row> end_time(std::string name, std::int64_t Row::*end, std::int64_t Row::*start) {
  return {std::move(name), [end, start](const Fields& f, const Cell& c, Row& row) {
            row.*end = f.digits(c, "a non-negative integer time in ms");
            if (row.*end < row.*start) {
              f.fail(c, "t_end_ms " + std::to_string(row.*end) + " is before t_start_ms " + std::to_string(row.*start));
            }
          }};
}

Finding warning(const std::string& check, const std::string& file, std::size_t line, const std::string& field,
                std::string message) {
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
                            "adl_notional " + show(row.adl_notional) + " != adl_size*adl_price " + show(expected) +
                                " (difference " + show(diff) + ")"));
    }
  }
  // equity = cash + uPnL.
  {
    const Rational expected = row.account_value_realtime + row.total_unrealized_pnl;
    const Rational diff = row.total_equity - expected;
    if (!money_ok(diff, expected)) {
      out.push_back(warning("event.equity", file, row.line, "total_equity",
                            "total_equity " + show(row.total_equity) +
                                " != account_value_realtime + total_unrealized_pnl " + show(expected) +
                                " (difference " + show(diff) + ")"));
    }
  }
  // flag = (equity < 0).
  if (row.is_negative_equity != (row.total_equity < 0)) {
    out.push_back(warning("event.negative_flag", file, row.line, "is_negative_equity",
                          std::string("is_negative_equity is ") + (row.is_negative_equity ? "True" : "False") +
                              " but total_equity is " + show(row.total_equity)));
  }
  // Relative checks: |v − e| ≤ 10⁻⁹·|e|, or |v| ≤ 10⁻⁹ when e = 0.
  const auto relative_ok = [&](const Rational& value, const Rational& expected) {
    const Rational bound = expected == 0 ? tol : Rational(tol * abs_of(expected));
    return abs_of(value - expected) <= bound;
  };
  // leverage = |position|·price / cash, 0 when cash ≤ 0.
  {
    const Rational expected = row.account_value_realtime > 0
                                  ? Rational(abs_of(row.position_size) * row.adl_price / row.account_value_realtime)
                                  : Rational(0);
    if (!relative_ok(row.leverage_realtime, expected)) {
      out.push_back(warning("event.leverage", file, row.line, "leverage_realtime",
                            "leverage_realtime " + show(row.leverage_realtime) +
                                " != |position_size|*adl_price/account_value_realtime " + show(expected) +
                                " (0 when cash <= 0; relative tolerance 1e-9)"));
    }
  }
  // pnl% = 100·uPnL_position / (|position|·price).
  {
    const Rational notional = abs_of(row.position_size) * row.adl_price;
    if (notional == 0) {
      out.push_back(Finding{Severity::kInfo, "event.pnl_percent", file, row.line, "pnl_percent",
                            "cannot be checked: position_size is 0 (pnl_percent " + show(row.pnl_percent) + ")"});
    } else {
      const Rational expected = 100 * row.position_unrealized_pnl / notional;
      if (!relative_ok(row.pnl_percent, expected)) {
        out.push_back(warning("event.pnl_percent", file, row.line, "pnl_percent",
                              "pnl_percent " + show(row.pnl_percent) +
                                  " != 100*position_unrealized_pnl/(|position_size|*adl_price) " + show(expected) +
                                  " (relative tolerance 1e-9)"));
      }
    }
  }
}

// The account-level columns must be equal on every row of a user: one finding
// per user whose rows differ, at the first row that differs from the user's first.
std::size_t check_account_columns(const std::vector<EventRow>& rows, const std::string& file, Findings& out) {
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
      {"is_negative_equity", [](const EventRow& r) { return std::string(r.is_negative_equity ? "True" : "False"); }},
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
                                  " rows whose account-level columns differ: " + differing + "; first row at line " +
                                  std::to_string(first.line)));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) { return a.line < b.line; });
  out.insert(out.end(), found.begin(), found.end());
  return unequal_users;
}

// Indices of the table's rows sorted by time, file order among equal times.
std::vector<std::size_t> time_order(const std::vector<EventRow>& rows, const std::vector<std::size_t>& indices) {
  std::vector<std::size_t> out = indices;
  std::stable_sort(out.begin(), out.end(),
                   [&](std::size_t a, std::size_t b) { return rows[a].time_ms < rows[b].time_ms; });
  return out;
}

// Splits time-ordered indices at gaps above gap_ms.
std::vector<std::vector<std::size_t>> split_at_gaps(const std::vector<EventRow>& rows,
                                                    const std::vector<std::size_t>& ordered, std::int64_t gap_ms) {
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
  EventTable out;
  out.source = source;
  out.rows = io::read_table(text, source, event_columns(), event_rules());

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

EventTable load_event_table(const std::string& path) { return parse_event_table(io::read_text_file(path), path); }

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
  using R = ExpectedWave;
  static const Columns<R> columns{
      detail::digits("wave", &R::wave, "a non-negative integer wave id"),
      detail::digits("t_start_ms", &R::t_start_ms, "a non-negative integer time in ms"),
      end_time("t_end_ms", &R::t_end_ms, &R::t_start_ms),
      detail::digits("n_rows", &R::n_rows, "a non-negative integer count"),
      {"unique_losers",
       [](const Fields& f, const Cell& c, R& row) {
         if (!c.text.empty()) {
           row.unique_losers = static_cast<std::size_t>(f.digits(c, "a non-negative integer count or empty"));
         }
       }},
      detail::number("deficit_usd", &R::deficit_usd),
      detail::number("max_loss_usd", &R::max_loss_usd)};
  return io::read_table(text, source, columns, event_rules());
}

std::vector<ExpectedWave> load_expected_waves(const std::string& path) {
  return parse_expected_waves(io::read_text_file(path), path);
}

WaveComparison match_expected_waves(const EventTable& table, const std::vector<EventWave>& computed,
                                    const std::vector<ExpectedWave>& expected, const std::string& expected_source) {
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
                                       wave + ": expected " + std::to_string(e.n_rows) + " rows, the event rows give " +
                                           std::to_string(c.rows.size())));
      }
      if (!m.losers_match) {
        out.findings.push_back(warning("waves.unique_losers", expected_source, e.line, "unique_losers",
                                       wave + ": expected " + std::to_string(*e.unique_losers) +
                                           " losers, the event rows name " + std::to_string(c.unique_liquidated_users) +
                                           " distinct liquidated users"));
      }
    } else if (m.expected) {
      out.findings.push_back(warning("waves.missing", expected_source, m.expected->line, "wave",
                                     "wave " + std::to_string(m.expected->wave) +
                                         " is listed but the event rows give only " + std::to_string(computed.size()) +
                                         " waves"));
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

std::vector<ExampleQueueCluster> parse_example_queue_clusters(std::string_view text, const std::string& source) {
  using R = ExampleQueueCluster;
  static const Columns<R> columns{
      detail::label("coin", &R::coin),
      {"cluster_id",
       [](const Fields& f, const Cell& c, R& row) {
         row.cluster_id = static_cast<std::size_t>(f.digits(c, "a positive integer cluster id"));
         if (row.cluster_id == 0) f.fail(c, "cluster ids count from 1");
       }},
      detail::digits("t_start_ms", &R::t_start_ms, "a non-negative integer time in ms"),
      end_time("t_end_ms", &R::t_end_ms, &R::t_start_ms),
      detail::number("deficit_usd", &R::deficit_usd),
      detail::number("total_capacity_usd", &R::total_capacity_usd),
      detail::number("budget_queue_usd", &R::budget_queue_usd),
      detail::number("overshoot_queue_usd", &R::overshoot_queue_usd),
      detail::number("residual_queue_usd", &R::residual_queue_usd)};
  return io::read_table(text, source, columns, event_rules());
}

std::vector<ExampleQueueCluster> load_example_queue_clusters(const std::string& path) {
  return parse_example_queue_clusters(io::read_text_file(path), path);
}

}  // namespace adl::emp
