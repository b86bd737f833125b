#include "adl/emp/perwave.hpp"

#include "adl/emp/table.hpp"
#include "adl/io/read.hpp"
#include "adl/ref/error.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

namespace adl::emp {

using io::InputError;
using io::detail::CsvRecord;
using io::detail::JsonValue;

namespace {

using Integer = boost::multiprecision::mpz_int;

Integer pow10(unsigned digits) {
  Integer out = 1;
  for (unsigned i = 0; i < digits; ++i) out *= 10;
  return out;
}

Rational abs_of(const Rational& x) { return x < 0 ? Rational(-x) : x; }

Rational clip01(const Rational& x) {
  if (x < 0) return Rational(0);
  if (x > 1) return Rational(1);
  return x;
}

// Values in messages: exact when short, else 12 decimals marked `…`.
std::string show(const Rational& x) { return ref::to_decimal(x, 12); }

std::vector<std::string> names(std::initializer_list<const char*> list) {
  std::vector<std::string> out;
  for (const char* name : list) out.emplace_back(name);
  return out;
}

}  // namespace

Rational money_tolerance() { return Rational(1, 1000000); }
Rational ratio_tolerance() { return Rational(1, 1000000000); }

// ---------------------------------------------------------------------------
// Timestamps.

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm, re-derived: shift the year to start in March so
// the leap day is last).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t days_in_month(std::int64_t y, std::int64_t m) {
  static constexpr std::array<std::int64_t, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                         31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

}  // namespace

std::int64_t parse_pipeline_timestamp_ms(std::string_view text) {
  const std::string form = "expected YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM, found '" +
                           std::string(text) + "'";
  std::size_t pos = 0;
  const auto digits = [&](std::size_t n) -> std::int64_t {
    if (pos + n > text.size()) throw ref::InvalidInput(form);
    std::int64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char ch = text[pos + i];
      if (ch < '0' || ch > '9') throw ref::InvalidInput(form);
      v = v * 10 + (ch - '0');
    }
    pos += n;
    return v;
  };
  const auto expect = [&](char ch) {
    if (pos >= text.size() || text[pos] != ch) throw ref::InvalidInput(form);
    ++pos;
  };
  const std::int64_t year = digits(4);
  expect('-');
  const std::int64_t month = digits(2);
  expect('-');
  const std::int64_t day = digits(2);
  expect(' ');
  const std::int64_t hour = digits(2);
  expect(':');
  const std::int64_t minute = digits(2);
  expect(':');
  const std::int64_t second = digits(2);
  // Fraction of a second: up to 9 digits; only whole milliseconds are accepted.
  std::int64_t millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t n = 0;
    std::int64_t rest = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      const std::int64_t d = text[pos] - '0';
      if (n < 3) {
        millis = millis * 10 + d;
      } else {
        rest = rest * 10 + d;
      }
      ++n;
      ++pos;
    }
    if (n == 0 || n > 9) throw ref::InvalidInput(form);
    for (std::size_t i = n; i < 3; ++i) millis *= 10;
    if (rest != 0) {
      throw ref::InvalidInput("'" + std::string(text) + "' is not a whole millisecond");
    }
  }
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) throw ref::InvalidInput(form);
  const std::int64_t sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  const std::int64_t off_h = digits(2);
  expect(':');
  const std::int64_t off_m = digits(2);
  if (pos != text.size()) throw ref::InvalidInput(form);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59 || off_h > 23 || off_m > 59) {
    throw ref::InvalidInput("'" + std::string(text) + "' has a field out of range");
  }
  const std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 +
                               minute * 60 + second - sign * (off_h * 3600 + off_m * 60);
  const std::int64_t ms = seconds * 1000 + millis;
  if (ms < 0) throw ref::InvalidInput("'" + std::string(text) + "' is before 1970");
  return ms;
}

// ---------------------------------------------------------------------------
// CSV parsers.

CsvFile<LoserWaveRow> parse_loser_waves(std::string_view text, const std::string& source) {
  const detail::CsvTable table(text, source,
                               names({"wave", "t_start_ms", "t_end_ms", "n_rows", "unique_losers",
                                      "deficit_usd", "max_loss_usd"}),
                               true);
  CsvFile<LoserWaveRow> out{source, {}};
  for (const CsvRecord& r : table.rows()) {
    LoserWaveRow row;
    row.line = r.line;
    row.wave = table.count(r, "wave");
    row.t_start_ms = table.time_ms(r, "t_start_ms");
    row.t_end_ms = table.time_ms(r, "t_end_ms");
    row.n_rows = table.count(r, "n_rows");
    row.unique_losers = table.count(r, "unique_losers");
    row.deficit_usd = table.positive(r, "deficit_usd");
    row.max_loss_usd = table.non_negative(r, "max_loss_usd");
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvFile<TwoPassRow> parse_two_pass(std::string_view text, const std::string& source) {
  const detail::CsvTable table(
      text, source,
      names({"eval_horizon_ms", "wave", "t_start_ms", "t_end_ms", "t_eval_end_ms", "deficit_usd",
             "max_loss_usd", "budget_needed_usd", "budget_prod_usd",
             "overshoot_prod_minus_needed_usd", "max_prod_haircut_usd", "winners_equity_start_usd",
             "winners_pnl_start_usd", "theta_prod", "theta_prod_capped", "theta_needed",
             "theta_needed_capped", "H_star_equity", "H_star_pnl"}),
      true);
  CsvFile<TwoPassRow> out{source, {}};
  bool horizon_zero = false;
  for (const CsvRecord& r : table.rows()) {
    TwoPassRow row;
    row.line = r.line;
    row.eval_horizon_ms = table.time_ms(r, "eval_horizon_ms");
    row.wave = table.count(r, "wave");
    row.t_start_ms = table.time_ms(r, "t_start_ms");
    row.t_end_ms = table.time_ms(r, "t_end_ms");
    row.t_eval_end_ms = table.time_ms(r, "t_eval_end_ms");
    row.deficit_usd = table.positive(r, "deficit_usd");
    row.max_loss_usd = table.non_negative(r, "max_loss_usd");
    row.budget_needed_usd = table.non_negative(r, "budget_needed_usd");
    row.budget_prod_usd = table.non_negative(r, "budget_prod_usd");
    row.overshoot_prod_minus_needed_usd = table.number(r, "overshoot_prod_minus_needed_usd");
    row.max_prod_haircut_usd = table.non_negative(r, "max_prod_haircut_usd");
    row.winners_equity_start_usd = table.number(r, "winners_equity_start_usd");
    row.winners_pnl_start_usd = table.number(r, "winners_pnl_start_usd");
    row.theta_prod = table.non_negative(r, "theta_prod");
    row.theta_prod_capped = table.unit_interval(r, "theta_prod_capped");
    row.theta_needed = table.non_negative(r, "theta_needed");
    row.theta_needed_capped = table.unit_interval(r, "theta_needed_capped");
    row.H_star_equity = table.number(r, "H_star_equity");
    row.H_star_pnl = table.number(r, "H_star_pnl");
    horizon_zero = horizon_zero || row.eval_horizon_ms == 0;
    out.rows.push_back(std::move(row));
  }
  if (!horizon_zero) {
    table.fail(table.rows().front(), "eval_horizon_ms",
               "no row has eval_horizon_ms = 0: the headline numbers need horizon 0");
  }
  return out;
}

CsvFile<HorizonSummaryRow> parse_horizon_summary(std::string_view text, const std::string& source) {
  const detail::CsvTable table(
      text, source,
      names({"eval_horizon_ms", "num_waves", "total_deficit_usd", "total_budget_needed_usd",
             "total_H_prod_usd", "total_overshoot_prod_minus_needed_usd", "mean_theta_prod_capped",
             "mean_theta_needed_capped"}),
      false);
  CsvFile<HorizonSummaryRow> out{source, {}};
  for (const CsvRecord& r : table.rows()) {
    HorizonSummaryRow row;
    row.line = r.line;
    row.eval_horizon_ms = table.time_ms(r, "eval_horizon_ms");
    row.num_waves = table.count(r, "num_waves");
    row.total_deficit_usd = table.non_negative(r, "total_deficit_usd");
    row.total_budget_needed_usd = table.non_negative(r, "total_budget_needed_usd");
    row.total_H_prod_usd = table.non_negative(r, "total_H_prod_usd");
    row.total_overshoot_prod_minus_needed_usd =
        table.number(r, "total_overshoot_prod_minus_needed_usd");
    row.mean_theta_prod_capped = table.unit_interval(r, "mean_theta_prod_capped");
    row.mean_theta_needed_capped = table.unit_interval(r, "mean_theta_needed_capped");
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvFile<HorizonSweepRow> parse_horizon_sweep(std::string_view text, const std::string& source) {
  const detail::CsvTable table(
      text, source,
      names({"gap_ms", "eval_horizon_ms", "num_waves", "total_deficit_usd",
             "total_budget_needed_usd", "total_H_prod_usd",
             "total_overshoot_prod_minus_needed_usd"}),
      false);
  CsvFile<HorizonSweepRow> out{source, {}};
  for (const CsvRecord& r : table.rows()) {
    HorizonSweepRow row;
    row.line = r.line;
    row.gap_ms = table.time_ms(r, "gap_ms");
    row.eval_horizon_ms = table.time_ms(r, "eval_horizon_ms");
    row.num_waves = table.count(r, "num_waves");
    row.total_deficit_usd = table.non_negative(r, "total_deficit_usd");
    row.total_budget_needed_usd = table.non_negative(r, "total_budget_needed_usd");
    row.total_H_prod_usd = table.non_negative(r, "total_H_prod_usd");
    row.total_overshoot_prod_minus_needed_usd =
        table.number(r, "total_overshoot_prod_minus_needed_usd");
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> policy_columns() {
  std::vector<std::string> columns = names({"wave", "t_start", "t_end", "budget_needed"});
  for (const char* metric : {"budget", "overshoot", "max_pct", "ptsr", "rd_nse", "pmr"}) {
    for (const auto policy : kPolicyNames) columns.push_back(std::string(metric) + "_" + std::string(policy));
  }
  for (const char* tail : {"total_cap", "budget_target", "fixed_point_ilp_scale", "deficit_usd",
                           "max_loss_usd", "theta_prod_capped", "theta_needed_capped"}) {
    columns.emplace_back(tail);
  }
  return columns;
}

CsvFile<PolicyWaveRow> parse_policy_per_wave(std::string_view text, const std::string& source) {
  const detail::CsvTable table(text, source, policy_columns(), true);
  CsvFile<PolicyWaveRow> out{source, {}};
  const auto column = [](const char* metric, std::string_view policy) {
    return std::string(metric) + "_" + std::string(policy);
  };
  const auto timestamp = [&](const CsvRecord& r, const char* name) {
    try {
      return parse_pipeline_timestamp_ms(table.text(r, name));
    } catch (const std::invalid_argument& e) {
      table.fail(r, name, std::string("not a timestamp: ") + e.what());
    }
  };
  for (const CsvRecord& r : table.rows()) {
    PolicyWaveRow row;
    row.line = r.line;
    row.wave = table.count(r, "wave");
    row.t_start = table.text(r, "t_start");
    row.t_end = table.text(r, "t_end");
    row.t_start_ms = timestamp(r, "t_start");
    row.t_end_ms = timestamp(r, "t_end");
    row.budget_needed = table.non_negative(r, "budget_needed");
    for (std::size_t p = 0; p < kPolicyCount; ++p) {
      PolicyWaveValues& v = row.policy[p];
      v.budget = table.non_negative(r, column("budget", kPolicyNames[p]));
      v.overshoot = table.number(r, column("overshoot", kPolicyNames[p]));
      v.max_pct = table.unit_interval(r, column("max_pct", kPolicyNames[p]));
      // PTSR, RD-NSE and PMR are empty where the pipeline left them undefined
      // (NaN written as an empty cell); no number of adlref uses them.
      v.ptsr = table.optional_number(r, column("ptsr", kPolicyNames[p]));
      v.rd_nse = table.optional_number(r, column("rd_nse", kPolicyNames[p]));
      v.pmr = table.optional_number(r, column("pmr", kPolicyNames[p]));
    }
    row.total_cap = table.non_negative(r, "total_cap");
    row.budget_target = table.non_negative(r, "budget_target");
    row.fixed_point_ilp_scale = table.number(r, "fixed_point_ilp_scale");
    row.deficit_usd = table.positive(r, "deficit_usd");
    row.max_loss_usd = table.non_negative(r, "max_loss_usd");
    row.theta_prod_capped = table.unit_interval(r, "theta_prod_capped");
    row.theta_needed_capped = table.unit_interval(r, "theta_needed_capped");
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvFile<WaveCoinGapRow> parse_wave_coin_gap(std::string_view text, const std::string& source) {
  const detail::CsvTable table(text, source,
                               names({"wave", "t_start_ms", "t_end_ms", "coin", "gap_usd_x_qty",
                                      "qty_contracts", "gap_per_contract_usd"}),
                               false);
  CsvFile<WaveCoinGapRow> out{source, {}};
  for (const CsvRecord& r : table.rows()) {
    WaveCoinGapRow row;
    row.line = r.line;
    row.wave = table.count(r, "wave");
    row.t_start_ms = table.time_ms(r, "t_start_ms");
    row.t_end_ms = table.time_ms(r, "t_end_ms");
    row.coin = table.text(r, "coin");
    if (row.coin.empty()) table.fail(r, "coin", "empty coin");
    row.gap_usd_x_qty = table.non_negative(r, "gap_usd_x_qty");
    row.qty_contracts = table.positive(r, "qty_contracts");
    row.gap_per_contract_usd = table.non_negative(r, "gap_per_contract_usd");
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvFile<SummaryTotalsRow> parse_summary_totals(std::string_view text, const std::string& source) {
  const detail::CsvTable table(text, source,
                               names({"policy", "total_residual", "total_overshoot",
                                      "total_revenue_lost", "avg_participation"}),
                               false);
  CsvFile<SummaryTotalsRow> out{source, {}};
  for (const CsvRecord& r : table.rows()) {
    SummaryTotalsRow row;
    row.line = r.line;
    row.policy = table.text(r, "policy");
    if (row.policy.empty()) table.fail(r, "policy", "empty policy name");
    row.total_residual = table.non_negative(r, "total_residual");
    row.total_overshoot = table.non_negative(r, "total_overshoot");
    row.total_revenue_lost = table.number(r, "total_revenue_lost");
    row.avg_participation = table.unit_interval(r, "avg_participation");
    out.rows.push_back(std::move(row));
  }
  return out;
}

// ---------------------------------------------------------------------------
// JSON parsers. Keys adlref uses must be present with the right type; other
// keys (the pipeline's local paths) are ignored.

namespace {

JsonScalar scalar(const detail::JsonDoc& doc, const JsonValue& parent, const std::string& path,
                  std::string_view key) {
  const std::string full = io::detail::json_path(path, key);
  const JsonValue& value = doc.member(parent, path, key);
  return JsonScalar{doc.number(value, full), value.line};
}

Rational number_at(const detail::JsonDoc& doc, const JsonValue& parent, const std::string& path,
                   std::string_view key) {
  return doc.number(doc.member(parent, path, key), io::detail::json_path(path, key));
}

std::int64_t count_at(const detail::JsonDoc& doc, const JsonValue& parent, const std::string& path,
                      std::string_view key) {
  return doc.count(doc.member(parent, path, key), io::detail::json_path(path, key));
}

}  // namespace

JsonFile<LoserWavesSummary> parse_loser_waves_summary(std::string_view text,
                                                      const std::string& source) {
  const detail::JsonDoc doc(text, source);
  const JsonValue& root = doc.root();
  LoserWavesSummary s;
  s.deficit_measure = doc.string(doc.member(root, "", "deficit_measure"), "deficit_measure");
  s.gap_ms = count_at(doc, root, "", "gap_ms");
  s.prefer_equity = doc.boolean(doc.member(root, "", "prefer_equity"), "prefer_equity");
  const JsonValue& count = doc.member(root, "", "num_waves_with_positive_deficit");
  s.num_waves_with_positive_deficit = doc.count(count, "num_waves_with_positive_deficit");
  s.num_waves_line = count.line;
  s.total_deficit_usd = scalar(doc, root, "", "total_deficit_usd");
  s.max_wave_deficit_usd = scalar(doc, root, "", "max_wave_deficit_usd");
  s.max_wave_max_loss_usd = scalar(doc, root, "", "max_wave_max_loss_usd");
  return {source, std::move(s)};
}

JsonFile<PublishedHeadlines> parse_headlines(std::string_view text, const std::string& source) {
  const detail::JsonDoc doc(text, source);
  const JsonValue& root = doc.root();
  PublishedHeadlines h;
  const JsonValue& headline = doc.object(doc.member(root, "", "headline"), "headline");
  h.prod_overshoot_vs_needed_usd = scalar(doc, headline, "headline", "prod_overshoot_vs_needed_usd");
  h.queue_total_overshoot_usd = scalar(doc, headline, "headline", "queue_total_overshoot_usd");
  const std::string oc_path = "headline.winner_overcollateralization_equity_over_pnl";
  const JsonValue& oc = doc.object(
      doc.member(headline, "headline", "winner_overcollateralization_equity_over_pnl"), oc_path);
  h.overcollateralization.mean = number_at(doc, oc, oc_path, "mean");
  h.overcollateralization.median = number_at(doc, oc, oc_path, "median");
  h.overcollateralization.n_users = count_at(doc, oc, oc_path, "n_users");
  h.overcollateralization.p10 = number_at(doc, oc, oc_path, "p10");
  h.overcollateralization.p90 = number_at(doc, oc, oc_path, "p90");
  h.overcollateralization.trimmed_mean = number_at(doc, oc, oc_path, "trimmed_mean");
  const JsonValue& derived = doc.object(doc.member(root, "", "derived"), "derived");
  h.factor_naive_expected_over_observed =
      number_at(doc, derived, "derived", "factor_naive_expected_over_observed");
  h.naive_expected_pnl_closed_usd = number_at(doc, derived, "derived", "naive_expected_pnl_closed_usd");
  const JsonValue& inputs = doc.object(doc.member(root, "", "inputs"), "inputs");
  h.gap_ms = count_at(doc, inputs, "inputs", "gap_ms");
  h.horizon_ms = count_at(doc, inputs, "inputs", "horizon_ms");
  h.trim_alpha = number_at(doc, inputs, "inputs", "trim_alpha");
  return {source, std::move(h)};
}

JsonFile<OvershootRobustness> parse_overshoot_robustness(std::string_view text,
                                                         const std::string& source) {
  const detail::JsonDoc doc(text, source);
  const JsonValue& root = doc.root();
  OvershootRobustness o;
  o.O0 = scalar(doc, root, "", "O0");
  o.O_min_band = scalar(doc, root, "", "O_min_band");
  o.O_max_band = scalar(doc, root, "", "O_max_band");
  o.band_max_ms = count_at(doc, root, "", "band_max_ms");
  const JsonValue& discounted = doc.object(doc.member(root, "", "discounted"), "discounted");
  for (const auto& member : discounted.members) {
    const std::string path = io::detail::json_path("discounted", member.key);
    DiscountedOvershoot d;
    std::string message;
    if (!detail::parse_non_negative_integer(member.key, "a half-life in milliseconds",
                                            d.half_life_ms, message)) {
      throw InputError(source, member.line, member.column, path, message);
    }
    const JsonValue& entry = doc.object(member.value, path);
    d.delta_o_disc = scalar(doc, entry, path, "DeltaO_disc");
    d.o_disc = scalar(doc, entry, path, "O_disc");
    o.discounted.push_back(std::move(d));
  }
  return {source, std::move(o)};
}

// ---------------------------------------------------------------------------
// The folder.

PerWaveTables read_per_wave_tables(const std::filesystem::path& dir, Findings& findings) {
  PerWaveTables t;
  const auto source_of = [&](std::string_view name) { return (dir / name).string(); };
  const auto core = [&](std::string_view name) {
    const std::string source = source_of(name);
    std::error_code ec;
    if (!std::filesystem::exists(dir / name, ec)) {
      throw InputError(source, 0, 0, "",
                       "missing: the per-wave replay needs this file (EMP-PERWAVE-TABLES)");
    }
    return detail::read_text_file(dir / name, source);
  };
  // An optional file: its text, or nothing (and an info finding) when absent.
  const auto optional = [&](std::string_view name) -> std::optional<std::string> {
    const std::string source = source_of(name);
    std::error_code ec;
    if (!std::filesystem::exists(dir / name, ec)) {
      findings.push_back({Severity::kInfo, "file.missing", source, 0, "",
                          "optional file absent: the checks and sections that need it are "
                          "skipped"});
      t.missing.push_back(std::string(name));
      return std::nullopt;
    }
    return detail::read_text_file(dir / name, source);
  };

  t.loser_waves = parse_loser_waves(core(perwave_files::kLoserWaves), source_of(perwave_files::kLoserWaves));
  t.two_pass = parse_two_pass(core(perwave_files::kTwoPass), source_of(perwave_files::kTwoPass));
  t.policy_per_wave =
      parse_policy_per_wave(core(perwave_files::kPolicy), source_of(perwave_files::kPolicy));
  if (auto text = optional(perwave_files::kHorizonSummary)) {
    t.horizon_summary = parse_horizon_summary(*text, source_of(perwave_files::kHorizonSummary));
  }
  if (auto text = optional(perwave_files::kHorizonSweep)) {
    t.horizon_sweep = parse_horizon_sweep(*text, source_of(perwave_files::kHorizonSweep));
  }
  if (auto text = optional(perwave_files::kWaveCoinGap)) {
    t.wave_coin_gap = parse_wave_coin_gap(*text, source_of(perwave_files::kWaveCoinGap));
  }
  if (auto text = optional(perwave_files::kSummaryTotals)) {
    t.summary_totals = parse_summary_totals(*text, source_of(perwave_files::kSummaryTotals));
  }
  if (auto text = optional(perwave_files::kLoserWavesSummary)) {
    t.loser_waves_summary =
        parse_loser_waves_summary(*text, source_of(perwave_files::kLoserWavesSummary));
  }
  if (auto text = optional(perwave_files::kHeadlines)) {
    t.headlines = parse_headlines(*text, source_of(perwave_files::kHeadlines));
  }
  if (auto text = optional(perwave_files::kOvershootRobustness)) {
    t.overshoot_robustness =
        parse_overshoot_robustness(*text, source_of(perwave_files::kOvershootRobustness));
  }
  return t;
}

// ---------------------------------------------------------------------------
// Computations.

Rational floor_sqrt(const Rational& x, unsigned digits) {
  if (x < 0) throw ref::InvalidInput("floor_sqrt of a negative number " + show(x));
  // y = 10^(2d)·x = p/q. For real y ≥ 0, ⌊√y⌋ = ⌊√⌊y⌋⌋. Proof: let n = ⌊√y⌋,
  // so n² ≤ y < (n+1)². n² is an integer ≤ y, hence n² ≤ ⌊y⌋; and ⌊y⌋ ≤ y <
  // (n+1)². So n ≤ √⌊y⌋ < n+1, i.e. ⌊√⌊y⌋⌋ = n. Then ⌊10^d·√x⌋ = ⌊√y⌋ is the
  // integer square root of the integer ⌊p/q⌋ (truncation is the floor since
  // y ≥ 0), which GMP computes exactly (mpz_sqrt rounds down).
  const Integer scale = pow10(digits);
  const Rational y = x * Rational(scale * scale);
  const Integer floor_y = boost::multiprecision::numerator(y) / boost::multiprecision::denominator(y);
  const Integer root = boost::multiprecision::sqrt(floor_y);
  return Rational(root, scale);
}

Rational round_half_away(const Rational& x, unsigned digits) {
  const Integer scale = pow10(digits);
  const Rational scaled = abs_of(x) * Rational(scale);
  Integer whole = boost::multiprecision::numerator(scaled) / boost::multiprecision::denominator(scaled);
  if (scaled - Rational(whole) >= Rational(1, 2)) whole += 1;
  const Rational magnitude(whole, scale);
  return x < 0 ? Rational(-magnitude) : magnitude;
}

std::vector<const TwoPassRow*> waves_in_time_order(const CsvFile<TwoPassRow>& two_pass) {
  std::vector<const TwoPassRow*> rows;
  for (const auto& row : two_pass.rows) {
    if (row.eval_horizon_ms == 0) rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TwoPassRow* a, const TwoPassRow* b) {
    return a->t_start_ms < b->t_start_ms;
  });
  return rows;
}

Totals compute_totals(const PerWaveTables& tables) {
  Totals t;
  t.num_waves = tables.loser_waves.rows.size();
  for (const auto& row : tables.loser_waves.rows) t.deficit_usd += row.deficit_usd;
  for (const TwoPassRow* row : waves_in_time_order(tables.two_pass)) {
    t.needed_usd += row->budget_needed_usd;
    t.prod_usd += row->budget_prod_usd;
    // O_t is recomputed as H − B^needed, not read from the published column.
    const Rational o = row->budget_prod_usd - row->budget_needed_usd;
    t.overshoot_positive_usd += ref::positive_part(o);
    t.overshoot_abs_usd += abs_of(o);
    if (o < 0) ++t.waves_undershoot;
  }
  t.overshoot_usd = t.prod_usd - t.needed_usd;

  std::map<std::int64_t, HorizonTotal> by_horizon;
  for (const auto& row : tables.two_pass.rows) {
    HorizonTotal& h = by_horizon[row.eval_horizon_ms];
    h.horizon_ms = row.eval_horizon_ms;
    ++h.num_waves;
    h.prod_usd += row.budget_prod_usd;
    h.needed_usd += row.budget_needed_usd;
  }
  bool first = true;
  for (auto& [horizon, h] : by_horizon) {
    h.overshoot_usd = h.prod_usd - h.needed_usd;
    // Ascending Δ and strict comparisons: ties go to the smallest horizon.
    if (first || h.overshoot_usd < t.band_min_usd) {
      t.band_min_usd = h.overshoot_usd;
      t.band_min_horizon_ms = horizon;
    }
    if (first || h.overshoot_usd > t.band_max_usd) {
      t.band_max_usd = h.overshoot_usd;
      t.band_max_horizon_ms = horizon;
    }
    first = false;
    t.horizons.push_back(h);
  }
  return t;
}

std::vector<PolicyLoss> compute_loss_table(const CsvFile<PolicyWaveRow>& policy) {
  std::vector<PolicyLoss> out;
  for (std::size_t p = 0; p < kPolicyCount; ++p) {
    PolicyLoss loss;
    loss.name = std::string(kPolicyNames[p]);
    for (const auto& row : policy.rows) {
      // MET-OVERSHOOT-REGRET and MET-FAIR-REGRET, summed over the waves.
      loss.tracking_usd += abs_of(row.policy[p].budget - row.budget_needed);
      loss.fairness_usd += row.budget_needed *
                           abs_of(row.policy[p].max_pct - row.policy[kFairReferencePolicy].max_pct);
    }
    loss.l1_usd = loss.tracking_usd + loss.fairness_usd;
    out.push_back(std::move(loss));
  }
  return out;
}

namespace {

template <class Row, class Theta>
Rational path_length_of(const std::vector<const Row*>& rows, Theta theta) {
  Rational p;
  for (std::size_t i = 1; i < rows.size(); ++i) p += abs_of(theta(*rows[i]) - theta(*rows[i - 1]));
  return p;
}

std::vector<const PolicyWaveRow*> policy_in_time_order(const CsvFile<PolicyWaveRow>& policy) {
  std::vector<const PolicyWaveRow*> rows;
  for (const auto& row : policy.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const PolicyWaveRow* a, const PolicyWaveRow* b) {
    return a->t_start_ms < b->t_start_ms;
  });
  return rows;
}

}  // namespace

Bound compute_bound(const PerWaveTables& tables, std::vector<PolicyLoss>& losses) {
  Bound b;
  const auto waves = waves_in_time_order(tables.two_pass);
  b.path_length = path_length_of(waves, [](const TwoPassRow& r) { return r.theta_needed_capped; });
  b.path_length_policy = path_length_of(policy_in_time_order(tables.policy_per_wave),
                                        [](const PolicyWaveRow& r) { return r.theta_needed_capped; });
  for (const TwoPassRow* row : waves) {
    b.sum_deficit_squared_usd2 += row->deficit_usd * row->deficit_usd;
    b.prod_loss_capped_usd +=
        row->deficit_usd * abs_of(row->theta_prod_capped - row->theta_needed_capped);
    b.prod_loss_uncapped_usd += row->deficit_usd * abs_of(row->theta_prod - row->theta_needed);
  }
  b.radicand = (1 + 2 * b.path_length) * b.sum_deficit_squared_usd2;
  b.bound_usd = floor_sqrt(b.radicand, 2);
  // The ratios use a finer floor 𝔅_k = ⌊10^k·𝔅⌋/10^k ≤ 𝔅 < 𝔅_k + 10^−k, so
  // L¹/(𝔅_k + 10^−k) < L¹/𝔅 ≤ L¹/𝔅_k: a bracket of width ≈ 10^−k·L¹/𝔅².
  unsigned digits = 12;
  b.bound_fine_usd = floor_sqrt(b.radicand, digits);
  while (b.bound_fine_usd == 0 && b.radicand > 0) {
    digits += 12;
    b.bound_fine_usd = floor_sqrt(b.radicand, digits);
  }
  const Rational ulp(Integer(1), pow10(digits));
  for (auto& loss : losses) {
    if (b.bound_fine_usd > 0) {
      loss.ratio_to_bound_high = loss.l1_usd / b.bound_fine_usd;
      loss.ratio_to_bound_low = loss.l1_usd / (b.bound_fine_usd + ulp);
      loss.ratio_to_bound = loss.ratio_to_bound_high;
    }
  }
  return b;
}

std::vector<WavePoint> compute_wave_series(const PerWaveTables& tables) {
  std::map<std::int64_t, const PolicyWaveRow*> policy;
  for (const auto& row : tables.policy_per_wave.rows) policy.emplace(row.wave, &row);
  std::vector<WavePoint> out;
  Rational cumulative;
  for (const TwoPassRow* row : waves_in_time_order(tables.two_pass)) {
    WavePoint w;
    w.wave = row->wave;
    w.t_start_ms = row->t_start_ms;
    w.t_end_ms = row->t_end_ms;
    w.deficit_usd = row->deficit_usd;
    w.max_loss_usd = row->max_loss_usd;
    w.needed_usd = row->budget_needed_usd;
    w.prod_usd = row->budget_prod_usd;
    w.overshoot_usd = row->budget_prod_usd - row->budget_needed_usd;
    cumulative += w.overshoot_usd;
    w.cumulative_overshoot_usd = cumulative;
    w.theta_needed_capped = row->theta_needed_capped;
    w.theta_prod_capped = row->theta_prod_capped;
    if (const auto it = policy.find(row->wave); it != policy.end()) {
      std::array<Rational, kPolicyCount> budgets;
      for (std::size_t p = 0; p < kPolicyCount; ++p) budgets[p] = it->second->policy[p].budget;
      w.policy_budget_usd = budgets;
    }
    out.push_back(std::move(w));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Checks.

namespace {

class Checker {
 public:
  explicit Checker(Findings& out) : out_(out) {}

  void warn(std::string check, const std::string& file, std::size_t line, std::string field,
            std::string message) {
    out_.push_back({Severity::kWarning, std::move(check), file, line, std::move(field),
                    std::move(message)});
  }
  void info(std::string check, const std::string& file, std::size_t line, std::string field,
            std::string message) {
    out_.push_back({Severity::kInfo, std::move(check), file, line, std::move(field),
                    std::move(message)});
  }

  // |published − expected| ≤ 10⁻⁶ USD, else a warning.
  void money(const std::string& check, const std::string& file, std::size_t line,
             const std::string& field, const Rational& published, const Rational& expected,
             const std::string& what) {
    const Rational diff = abs_of(published - expected);
    if (diff > money_tolerance()) {
      warn(check, file, line, field,
           field + " = " + show(published) + " but " + what + " = " + show(expected) +
               " (difference " + show(diff) + " exceeds 1e-6 USD)");
    }
  }

  // |published − expected| ≤ 10⁻⁹·max(|published|, |expected|), else a warning.
  void ratio(const std::string& check, const std::string& file, std::size_t line,
             const std::string& field, const Rational& published, const Rational& expected,
             const std::string& what) {
    const Rational diff = abs_of(published - expected);
    const Rational scale = std::max(abs_of(published), abs_of(expected));
    if (diff > ratio_tolerance() * scale) {
      warn(check, file, line, field,
           field + " = " + show(published) + " but " + what + " = " + show(expected) +
               " (relative difference exceeds 1e-9)");
    }
  }

  template <class T>
  void exact(const std::string& check, const std::string& file, std::size_t line,
             const std::string& field, const T& published, const T& expected,
             const std::string& what) {
    if (published != expected) {
      warn(check, file, line, field,
           field + " = " + std::to_string(published) + " but " + what + " = " +
               std::to_string(expected));
    }
  }

 private:
  Findings& out_;
};

std::string at(const std::string& file, std::size_t line) {
  std::string name = std::filesystem::path(file).filename().string();
  return name + " line " + std::to_string(line);
}

void check_two_pass(const CsvFile<TwoPassRow>& tp, Checker& c) {
  const std::string& f = tp.source;
  for (const auto& r : tp.rows) {
    c.money("two_pass.overshoot_identity", f, r.line, "overshoot_prod_minus_needed_usd",
            r.overshoot_prod_minus_needed_usd, r.budget_prod_usd - r.budget_needed_usd,
            "budget_prod_usd − budget_needed_usd");
    c.ratio("two_pass.theta_prod", f, r.line, "theta_prod", r.theta_prod,
            r.budget_prod_usd / r.deficit_usd, "budget_prod_usd / deficit_usd");
    c.ratio("two_pass.theta_needed", f, r.line, "theta_needed", r.theta_needed,
            r.budget_needed_usd / r.deficit_usd, "budget_needed_usd / deficit_usd");
    c.ratio("two_pass.theta_prod_capped", f, r.line, "theta_prod_capped", r.theta_prod_capped,
            clip01(r.theta_prod), "clip(theta_prod, 0, 1)");
    c.ratio("two_pass.theta_needed_capped", f, r.line, "theta_needed_capped",
            r.theta_needed_capped, clip01(r.theta_needed), "clip(theta_needed, 0, 1)");
    c.exact("two_pass.eval_end", f, r.line, "t_eval_end_ms", r.t_eval_end_ms,
            r.t_end_ms + r.eval_horizon_ms, "t_end_ms + eval_horizon_ms");
  }

  // The same waves, with the same D, Δ, B^needed and times, at every horizon.
  std::map<std::int64_t, std::map<std::int64_t, const TwoPassRow*>> by_horizon;
  for (const auto& r : tp.rows) {
    auto& waves = by_horizon[r.eval_horizon_ms];
    const auto [it, inserted] = waves.emplace(r.wave, &r);
    if (!inserted) {
      c.warn("two_pass.duplicate_wave", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " appears twice at horizon " +
                 std::to_string(r.eval_horizon_ms) + " ms (first at line " +
                 std::to_string(it->second->line) + ")");
    }
  }
  // parse_two_pass guarantees horizon-0 rows; tables built by hand may lack them.
  static const std::map<std::int64_t, const TwoPassRow*> kNone;
  const auto found = by_horizon.find(0);
  const auto& zero = found == by_horizon.end() ? kNone : found->second;
  for (const auto& [horizon, waves] : by_horizon) {
    if (horizon == 0) continue;
    for (const auto& [wave, r0] : zero) {
      const auto it = waves.find(wave);
      if (it == waves.end()) {
        c.warn("two_pass.same_waves", f, r0->line, "wave",
               "wave " + std::to_string(wave) + " has no row at horizon " +
                   std::to_string(horizon) + " ms");
        continue;
      }
      const TwoPassRow& r = *it->second;
      const std::string what = "at horizon 0 (" + at(f, r0->line) + ")";
      c.exact("two_pass.same_waves", f, r.line, "t_start_ms", r.t_start_ms, r0->t_start_ms, what);
      c.exact("two_pass.same_waves", f, r.line, "t_end_ms", r.t_end_ms, r0->t_end_ms, what);
      c.money("two_pass.same_waves", f, r.line, "deficit_usd", r.deficit_usd, r0->deficit_usd, what);
      c.money("two_pass.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, r0->max_loss_usd,
              what);
      c.money("two_pass.same_waves", f, r.line, "budget_needed_usd", r.budget_needed_usd,
              r0->budget_needed_usd, what);
    }
    for (const auto& [wave, r] : waves) {
      if (zero.find(wave) == zero.end()) {
        c.warn("two_pass.same_waves", f, r->line, "wave",
               "wave " + std::to_string(wave) + " is not among the waves at horizon 0");
      }
    }
  }

  // Rows in time order (info: P̂ and the series sort by t_start_ms anyway).
  const TwoPassRow* previous = nullptr;
  for (const auto& r : tp.rows) {
    if (r.eval_horizon_ms != 0) continue;
    if (previous != nullptr && r.t_start_ms < previous->t_start_ms) {
      c.info("two_pass.time_order", f, r.line, "t_start_ms",
             "horizon-0 rows are not in time order (wave " + std::to_string(r.wave) +
                 " starts before wave " + std::to_string(previous->wave) +
                 "); the path length and the series use time order");
      break;
    }
    previous = &r;
  }
}

std::map<std::int64_t, const TwoPassRow*> horizon_zero(const CsvFile<TwoPassRow>& tp) {
  std::map<std::int64_t, const TwoPassRow*> out;
  for (const auto& r : tp.rows) {
    if (r.eval_horizon_ms == 0) out.emplace(r.wave, &r);
  }
  return out;
}

void check_loser_waves(const CsvFile<LoserWaveRow>& lw, const CsvFile<TwoPassRow>& tp, Checker& c) {
  const std::string& f = lw.source;
  const auto zero = horizon_zero(tp);
  std::map<std::int64_t, const LoserWaveRow*> seen;
  for (const auto& r : lw.rows) {
    if (r.t_end_ms < r.t_start_ms) {
      c.warn("loser_waves.interval", f, r.line, "t_end_ms",
             "t_end_ms = " + std::to_string(r.t_end_ms) + " is before t_start_ms = " +
                 std::to_string(r.t_start_ms));
    }
    if (r.max_loss_usd > r.deficit_usd + money_tolerance()) {
      c.warn("loser_waves.max_loss", f, r.line, "max_loss_usd",
             "max_loss_usd = " + show(r.max_loss_usd) + " exceeds deficit_usd = " +
                 show(r.deficit_usd) + " (Δ_t is one term of D_t)");
    }
    const auto [dup, inserted] = seen.emplace(r.wave, &r);
    if (!inserted) {
      c.warn("loser_waves.duplicate_wave", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " appears twice (first at line " +
                 std::to_string(dup->second->line) + ")");
      continue;
    }
    const auto it = zero.find(r.wave);
    if (it == zero.end()) {
      c.warn("loser_waves.same_waves", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " has no horizon-0 row in " +
                 std::filesystem::path(tp.source).filename().string());
      continue;
    }
    const TwoPassRow& t = *it->second;
    const std::string what = "two_pass_by_wave's (" + at(tp.source, t.line) + ")";
    c.exact("loser_waves.same_waves", f, r.line, "t_start_ms", r.t_start_ms, t.t_start_ms, what);
    c.exact("loser_waves.same_waves", f, r.line, "t_end_ms", r.t_end_ms, t.t_end_ms, what);
    c.money("loser_waves.same_waves", f, r.line, "deficit_usd", r.deficit_usd, t.deficit_usd, what);
    c.money("loser_waves.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, t.max_loss_usd,
            what);
  }
  for (const auto& [wave, t] : zero) {
    if (seen.find(wave) == seen.end()) {
      c.warn("loser_waves.same_waves", tp.source, t->line, "wave",
             "wave " + std::to_string(wave) + " (horizon 0) is not in " +
                 std::filesystem::path(f).filename().string());
    }
  }
}

// Sums over two_pass_by_wave at one horizon.
struct HorizonSums {
  std::int64_t num_waves = 0;
  Rational deficit, needed, prod, overshoot, theta_prod_capped, theta_needed_capped;
};

std::map<std::int64_t, HorizonSums> horizon_sums(const CsvFile<TwoPassRow>& tp) {
  std::map<std::int64_t, HorizonSums> out;
  for (const auto& r : tp.rows) {
    HorizonSums& s = out[r.eval_horizon_ms];
    ++s.num_waves;
    s.deficit += r.deficit_usd;
    s.needed += r.budget_needed_usd;
    s.prod += r.budget_prod_usd;
    s.overshoot += r.budget_prod_usd - r.budget_needed_usd;
    s.theta_prod_capped += r.theta_prod_capped;
    s.theta_needed_capped += r.theta_needed_capped;
  }
  return out;
}

// The columns both horizon files share.
struct HorizonView {
  std::size_t line = 0;
  std::int64_t horizon = 0;
  std::int64_t num_waves = 0;
  const Rational* deficit = nullptr;
  const Rational* needed = nullptr;
  const Rational* prod = nullptr;
  const Rational* overshoot = nullptr;
};

template <class Row>
std::vector<HorizonView> views_of(const CsvFile<Row>& file) {
  std::vector<HorizonView> out;
  for (const auto& r : file.rows) {
    out.push_back({r.line, r.eval_horizon_ms, r.num_waves, &r.total_deficit_usd,
                   &r.total_budget_needed_usd, &r.total_H_prod_usd,
                   &r.total_overshoot_prod_minus_needed_usd});
  }
  return out;
}

void check_horizon_file(const std::string& f, const std::vector<HorizonView>& rows,
                        const std::map<std::int64_t, HorizonSums>& sums, const std::string& tp_name,
                        Checker& c) {
  std::map<std::int64_t, std::size_t> seen;
  for (const auto& r : rows) {
    const auto [dup, inserted] = seen.emplace(r.horizon, r.line);
    if (!inserted) {
      c.warn("horizon.duplicate", f, r.line, "eval_horizon_ms",
             "horizon " + std::to_string(r.horizon) + " ms appears twice (first at line " +
                 std::to_string(dup->second) + ")");
      continue;
    }
    const auto it = sums.find(r.horizon);
    if (it == sums.end()) {
      c.warn("horizon.totals", f, r.line, "eval_horizon_ms",
             "horizon " + std::to_string(r.horizon) + " ms has no rows in " + tp_name);
      continue;
    }
    const HorizonSums& s = it->second;
    const std::string what = "the sum over " + tp_name;
    c.exact("horizon.totals", f, r.line, "num_waves", r.num_waves, s.num_waves,
            "the row count of " + tp_name);
    c.money("horizon.totals", f, r.line, "total_deficit_usd", *r.deficit, s.deficit, what);
    c.money("horizon.totals", f, r.line, "total_budget_needed_usd", *r.needed, s.needed, what);
    c.money("horizon.totals", f, r.line, "total_H_prod_usd", *r.prod, s.prod, what);
    c.money("horizon.totals", f, r.line, "total_overshoot_prod_minus_needed_usd", *r.overshoot,
            s.overshoot, what);
  }
  for (const auto& [horizon, s] : sums) {
    if (seen.find(horizon) == seen.end()) {
      c.warn("horizon.totals", f, 0, "eval_horizon_ms",
             "no row for horizon " + std::to_string(horizon) + " ms of " + tp_name);
    }
  }
}

void check_horizons(const PerWaveTables& t, Checker& c) {
  const auto sums = horizon_sums(t.two_pass);
  const std::string tp_name = std::filesystem::path(t.two_pass.source).filename().string();
  if (t.horizon_summary) {
    const auto& file = *t.horizon_summary;
    check_horizon_file(file.source, views_of(file), sums, tp_name, c);
    for (const auto& r : file.rows) {
      const auto it = sums.find(r.eval_horizon_ms);
      if (it == sums.end() || it->second.num_waves == 0) continue;
      const Rational n(it->second.num_waves);
      c.ratio("horizon.totals", file.source, r.line, "mean_theta_prod_capped",
              r.mean_theta_prod_capped, it->second.theta_prod_capped / n, "the mean over " + tp_name);
      c.ratio("horizon.totals", file.source, r.line, "mean_theta_needed_capped",
              r.mean_theta_needed_capped, it->second.theta_needed_capped / n,
              "the mean over " + tp_name);
    }
  }
  if (t.horizon_sweep) check_horizon_file(t.horizon_sweep->source, views_of(*t.horizon_sweep), sums, tp_name, c);
  if (t.horizon_summary && t.horizon_sweep) {
    // The two files agree, horizon by horizon.
    const auto summary = views_of(*t.horizon_summary);
    const std::string other = std::filesystem::path(t.horizon_summary->source).filename().string();
    for (const auto& r : views_of(*t.horizon_sweep)) {
      const auto it = std::find_if(summary.begin(), summary.end(),
                                   [&](const HorizonView& s) { return s.horizon == r.horizon; });
      if (it == summary.end()) {
        c.warn("horizon.files_agree", t.horizon_sweep->source, r.line, "eval_horizon_ms",
               "horizon " + std::to_string(r.horizon) + " ms is not in " + other);
        continue;
      }
      const std::string what = other + "'s (line " + std::to_string(it->line) + ")";
      const std::string& f = t.horizon_sweep->source;
      c.exact("horizon.files_agree", f, r.line, "num_waves", r.num_waves, it->num_waves, what);
      c.money("horizon.files_agree", f, r.line, "total_deficit_usd", *r.deficit, *it->deficit, what);
      c.money("horizon.files_agree", f, r.line, "total_budget_needed_usd", *r.needed, *it->needed,
              what);
      c.money("horizon.files_agree", f, r.line, "total_H_prod_usd", *r.prod, *it->prod, what);
      c.money("horizon.files_agree", f, r.line, "total_overshoot_prod_minus_needed_usd",
              *r.overshoot, *it->overshoot, what);
    }
    for (const auto& s : summary) {
      const auto sweep = views_of(*t.horizon_sweep);
      if (std::none_of(sweep.begin(), sweep.end(),
                       [&](const HorizonView& r) { return r.horizon == s.horizon; })) {
        c.warn("horizon.files_agree", t.horizon_summary->source, s.line, "eval_horizon_ms",
               "horizon " + std::to_string(s.horizon) + " ms is not in " +
                   std::filesystem::path(t.horizon_sweep->source).filename().string());
      }
    }
  }
}

void check_policy(const CsvFile<PolicyWaveRow>& pw, const CsvFile<TwoPassRow>& tp, Checker& c) {
  const std::string& f = pw.source;
  const auto zero = horizon_zero(tp);
  std::map<std::int64_t, const PolicyWaveRow*> seen;
  for (const auto& r : pw.rows) {
    for (std::size_t p = 0; p < kPolicyCount; ++p) {
      const std::string name(kPolicyNames[p]);
      c.money("policy.overshoot_identity", f, r.line, "overshoot_" + name, r.policy[p].overshoot,
              r.policy[p].budget - r.budget_needed, "budget_" + name + " − budget_needed");
    }
    c.money("policy.budget_target", f, r.line, "budget_target", r.budget_target, r.budget_needed,
            "budget_needed");
    const auto [dup, inserted] = seen.emplace(r.wave, &r);
    if (!inserted) {
      c.warn("policy.duplicate_wave", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " appears twice (first at line " +
                 std::to_string(dup->second->line) + ")");
      continue;
    }
    const auto it = zero.find(r.wave);
    if (it == zero.end()) {
      c.warn("policy.same_waves", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " has no horizon-0 row in " +
                 std::filesystem::path(tp.source).filename().string());
      continue;
    }
    const TwoPassRow& t = *it->second;
    const std::string where = " (" + at(tp.source, t.line) + ")";
    c.exact("policy.same_waves", f, r.line, "t_start", r.t_start_ms, t.t_start_ms,
            "two_pass_by_wave's t_start_ms" + where);
    c.exact("policy.same_waves", f, r.line, "t_end", r.t_end_ms, t.t_end_ms,
            "two_pass_by_wave's t_end_ms" + where);
    c.money("policy.same_waves", f, r.line, "budget_needed", r.budget_needed, t.budget_needed_usd,
            "two_pass_by_wave's budget_needed_usd" + where);
    c.money("policy.same_waves", f, r.line, "budget_prod", r.policy[kProductionPolicy].budget,
            t.budget_prod_usd, "two_pass_by_wave's budget_prod_usd at horizon 0" + where);
    c.money("policy.same_waves", f, r.line, "deficit_usd", r.deficit_usd, t.deficit_usd,
            "two_pass_by_wave's deficit_usd" + where);
    c.money("policy.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, t.max_loss_usd,
            "two_pass_by_wave's max_loss_usd" + where);
    c.ratio("policy.same_waves", f, r.line, "theta_prod_capped", r.theta_prod_capped,
            t.theta_prod_capped, "two_pass_by_wave's theta_prod_capped" + where);
    c.ratio("policy.same_waves", f, r.line, "theta_needed_capped", r.theta_needed_capped,
            t.theta_needed_capped, "two_pass_by_wave's theta_needed_capped" + where);
  }
  // Empty PTSR / RD-NSE / PMR cells: a documented quirk, one info for the file.
  std::size_t empty = 0;
  std::string waves;
  for (const auto& r : pw.rows) {
    std::size_t here = 0;
    for (const auto& v : r.policy) {
      here += (v.ptsr ? 0U : 1U) + (v.rd_nse ? 0U : 1U) + (v.pmr ? 0U : 1U);
    }
    if (here != 0) waves += (waves.empty() ? "" : ", ") + std::to_string(r.wave);
    empty += here;
  }
  if (empty != 0) {
    c.info("policy.undefined_metric", f, 0, "ptsr_*, rd_nse_*, pmr_*",
           std::to_string(empty) + " empty PTSR/RD-NSE/PMR cells (waves " + waves +
               "): left undefined by the pipeline; no number of the replay uses them");
  }
  for (const auto& [wave, t] : zero) {
    if (seen.find(wave) == seen.end()) {
      c.warn("policy.same_waves", tp.source, t->line, "wave",
             "wave " + std::to_string(wave) + " (horizon 0) is not in " +
                 std::filesystem::path(f).filename().string());
    }
  }
}

void check_wave_coin_gap(const CsvFile<WaveCoinGapRow>& wc, const CsvFile<TwoPassRow>& tp,
                         Checker& c) {
  const std::string& f = wc.source;
  const auto zero = horizon_zero(tp);
  std::set<std::pair<std::int64_t, std::string>> seen;
  std::map<std::int64_t, Rational> gap_sum;
  for (const auto& r : wc.rows) {
    c.ratio("wave_coin_gap.per_contract", f, r.line, "gap_per_contract_usd", r.gap_per_contract_usd,
            r.gap_usd_x_qty / r.qty_contracts, "gap_usd_x_qty / qty_contracts");
    if (!seen.emplace(r.wave, r.coin).second) {
      c.warn("wave_coin_gap.duplicate", f, r.line, "coin",
             "(wave " + std::to_string(r.wave) + ", " + r.coin + ") appears twice");
    }
    const auto it = zero.find(r.wave);
    if (it == zero.end()) {
      c.warn("wave_coin_gap.unknown_wave", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " is not a wave of " +
                 std::filesystem::path(tp.source).filename().string());
      continue;
    }
    gap_sum[r.wave] += r.gap_usd_x_qty;
    const std::string what = "the wave's (" + at(tp.source, it->second->line) + ")";
    c.exact("wave_coin_gap.times", f, r.line, "t_start_ms", r.t_start_ms, it->second->t_start_ms,
            what);
    c.exact("wave_coin_gap.times", f, r.line, "t_end_ms", r.t_end_ms, it->second->t_end_ms, what);
  }
  // Σ_c gap = B^needed_t, unless spot coins were left out of the per-coin table
  // (EMP-NEEDED: `@…` and PURR/USDC are excluded there only): info, not warning.
  for (const auto& [wave, t] : zero) {
    const Rational sum = gap_sum.count(wave) != 0 ? gap_sum.at(wave) : Rational(0);
    const Rational diff = abs_of(sum - t->budget_needed_usd);
    if (diff > money_tolerance()) {
      c.info("wave_coin_gap.needed_sum", f, 0, "gap_usd_x_qty",
             "wave " + std::to_string(wave) + ": Σ gap_usd_x_qty = " + show(sum) +
                 " differs from budget_needed_usd = " + show(t->budget_needed_usd) + " (" +
                 at(tp.source, t->line) +
                 ") by more than 1e-6 USD; the per-coin table leaves spot coins out");
    }
  }
}

void check_json(const PerWaveTables& t, const Totals& totals, Checker& c) {
  if (t.loser_waves_summary) {
    const auto& f = t.loser_waves_summary->source;
    const auto& s = t.loser_waves_summary->content;
    const auto what = [](const char* x) { return std::string(x) + " recomputed from loser_waves.csv"; };
    c.money("json.loser_waves_summary", f, s.total_deficit_usd.line, "total_deficit_usd",
            s.total_deficit_usd.value, totals.deficit_usd, what("ΣD_t"));
    std::int64_t positive = 0;
    Rational max_deficit, max_loss;
    for (const auto& r : t.loser_waves.rows) {
      if (r.deficit_usd > 0) ++positive;
      max_deficit = std::max(max_deficit, r.deficit_usd);
      max_loss = std::max(max_loss, r.max_loss_usd);
    }
    c.exact("json.loser_waves_summary", f, s.num_waves_line, "num_waves_with_positive_deficit",
            s.num_waves_with_positive_deficit, positive, what("the count of waves with D_t > 0"));
    c.money("json.loser_waves_summary", f, s.max_wave_deficit_usd.line, "max_wave_deficit_usd",
            s.max_wave_deficit_usd.value, max_deficit, what("max D_t"));
    c.money("json.loser_waves_summary", f, s.max_wave_max_loss_usd.line, "max_wave_max_loss_usd",
            s.max_wave_max_loss_usd.value, max_loss, what("max Δ_t"));
    if (t.horizon_sweep) {
      for (const auto& r : t.horizon_sweep->rows) {
        c.exact("json.gap_ms", t.horizon_sweep->source, r.line, "gap_ms", r.gap_ms, s.gap_ms,
                "loser_waves_summary.json's gap_ms");
      }
    }
    if (t.headlines) {
      c.exact("json.gap_ms", t.headlines->source, 0, "inputs.gap_ms", t.headlines->content.gap_ms,
              s.gap_ms, "loser_waves_summary.json's gap_ms");
    }
  }
  if (t.headlines) {
    const auto& f = t.headlines->source;
    const auto& h = t.headlines->content;
    c.money("json.headlines", f, h.prod_overshoot_vs_needed_usd.line,
            "headline.prod_overshoot_vs_needed_usd", h.prod_overshoot_vs_needed_usd.value,
            totals.overshoot_usd, "O(0) recomputed from two_pass_by_wave.csv");
    if (t.summary_totals) {
      for (const auto& r : t.summary_totals->rows) {
        if (r.policy != "queue") continue;
        c.money("json.headlines", f, h.queue_total_overshoot_usd.line,
                "headline.queue_total_overshoot_usd", h.queue_total_overshoot_usd.value,
                r.total_overshoot, "summary_totals.csv's total_overshoot (" +
                                       at(t.summary_totals->source, r.line) + ")");
      }
    }
  }
  if (t.overshoot_robustness) {
    const auto& f = t.overshoot_robustness->source;
    const auto& o = t.overshoot_robustness->content;
    c.money("json.overshoot_robustness", f, o.O0.line, "O0", o.O0.value, totals.overshoot_usd,
            "O(0) recomputed from two_pass_by_wave.csv");
    c.money("json.overshoot_robustness", f, o.O_min_band.line, "O_min_band", o.O_min_band.value,
            totals.band_min_usd, "min over horizons of O(Δ) recomputed from two_pass_by_wave.csv");
    c.money("json.overshoot_robustness", f, o.O_max_band.line, "O_max_band", o.O_max_band.value,
            totals.band_max_usd, "max over horizons of O(Δ) recomputed from two_pass_by_wave.csv");
    for (const auto& d : o.discounted) {
      c.money("json.overshoot_robustness", f, d.o_disc.line,
              "discounted." + std::to_string(d.half_life_ms) + ".O_disc", d.o_disc.value,
              o.O0.value + d.delta_o_disc.value, "O0 + DeltaO_disc");
    }
  }
}

}  // namespace

void check_per_wave(const PerWaveTables& tables, Findings& findings) {
  Checker c(findings);
  check_two_pass(tables.two_pass, c);
  check_loser_waves(tables.loser_waves, tables.two_pass, c);
  check_horizons(tables, c);
  check_policy(tables.policy_per_wave, tables.two_pass, c);
  if (tables.wave_coin_gap) check_wave_coin_gap(*tables.wave_coin_gap, tables.two_pass, c);
  check_json(tables, compute_totals(tables), c);
}

PerWaveReplay analyse_per_wave(PerWaveTables tables, Findings findings) {
  PerWaveReplay out;
  check_per_wave(tables, findings);
  out.totals = compute_totals(tables);
  out.policies = compute_loss_table(tables.policy_per_wave);
  out.bound = compute_bound(tables, out.policies);
  Checker c(findings);
  c.ratio("policy.path_length", tables.policy_per_wave.source, 0, "theta_needed_capped",
          out.bound.path_length_policy, out.bound.path_length,
          "the path length from two_pass_by_wave.csv");
  out.waves = compute_wave_series(tables);
  out.tables = std::move(tables);
  out.findings = std::move(findings);
  return out;
}

PerWaveReplay load_per_wave(const std::filesystem::path& dir) {
  Findings findings;
  PerWaveTables tables = read_per_wave_tables(dir, findings);
  return analyse_per_wave(std::move(tables), std::move(findings));
}

}  // namespace adl::emp
