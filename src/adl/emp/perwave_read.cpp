// The per-wave tables of the October-10 replay, read (spec/empirical.md,
// EMP-PERWAVE-TABLES): each CSV file is one column-descriptor table read by
// io::read_table, each JSON file a few typed reads of the io field reader.
#include "adl/emp/perwave.hpp"

#include "adl/emp/columns.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/io/table.hpp"
#include "adl/io/text.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

namespace adl::emp {
namespace {

using io::Cell;
using io::Fields;
using io::InputError;
using io::JsonValue;
using io::TableColumn;
using detail::Columns;

using detail::label;
using detail::non_negative;
using detail::non_negative_value;
using detail::number;
using detail::positive;
using detail::unit_interval;
using detail::unit_interval_value;

template <class Row>
TableColumn<Row> count(std::string name, std::int64_t Row::*member) {
  return detail::digits(std::move(name), member, "a non-negative integer");
}

template <class Row>
TableColumn<Row> time_ms(std::string name, std::int64_t Row::*member) {
  return detail::digits(std::move(name), member, "an integer time in milliseconds");
}

const io::TableRules& rules(bool core) {
  static const io::TableRules kCore{io::HeaderRule::Exact, true, "empty value: expected a number", ""};
  static const io::TableRules kOptional{io::HeaderRule::Exact, false, "empty value: expected a number", ""};
  return core ? kCore : kOptional;
}

template <class Row>
CsvFile<Row> read_file(std::string_view text, const std::string& source, const Columns<Row>& columns, bool core) {
  return CsvFile<Row>{source, io::read_table(text, source, columns, rules(core))};
}

// ---------------------------------------------------------------------------
// The tables.

const Columns<LoserWaveRow>& loser_wave_columns() {
  using R = LoserWaveRow;
  static const Columns<R> columns{count("wave", &R::wave),
                                  time_ms("t_start_ms", &R::t_start_ms),
                                  time_ms("t_end_ms", &R::t_end_ms),
                                  count("n_rows", &R::n_rows),
                                  count("unique_losers", &R::unique_losers),
                                  positive("deficit_usd", &R::deficit_usd),
                                  non_negative("max_loss_usd", &R::max_loss_usd)};
  return columns;
}

const Columns<TwoPassRow>& two_pass_columns() {
  using R = TwoPassRow;
  static const Columns<R> columns{time_ms("eval_horizon_ms", &R::eval_horizon_ms),
                                  count("wave", &R::wave),
                                  time_ms("t_start_ms", &R::t_start_ms),
                                  time_ms("t_end_ms", &R::t_end_ms),
                                  time_ms("t_eval_end_ms", &R::t_eval_end_ms),
                                  positive("deficit_usd", &R::deficit_usd),
                                  non_negative("max_loss_usd", &R::max_loss_usd),
                                  non_negative("budget_needed_usd", &R::budget_needed_usd),
                                  non_negative("budget_prod_usd", &R::budget_prod_usd),
                                  number("overshoot_prod_minus_needed_usd", &R::overshoot_prod_minus_needed_usd),
                                  non_negative("max_prod_haircut_usd", &R::max_prod_haircut_usd),
                                  number("winners_equity_start_usd", &R::winners_equity_start_usd),
                                  number("winners_pnl_start_usd", &R::winners_pnl_start_usd),
                                  non_negative("theta_prod", &R::theta_prod),
                                  unit_interval("theta_prod_capped", &R::theta_prod_capped),
                                  non_negative("theta_needed", &R::theta_needed),
                                  unit_interval("theta_needed_capped", &R::theta_needed_capped),
                                  number("H_star_equity", &R::H_star_equity),
                                  number("H_star_pnl", &R::H_star_pnl)};
  return columns;
}

/// The totals columns both horizon files publish, in file order, read into
/// `Row::totals`.
template <class Row>
void add_horizon_totals(Columns<Row>& columns) {
  using T = HorizonTotals;
  static const Columns<T> totals{
      count("num_waves", &T::num_waves), non_negative("total_deficit_usd", &T::total_deficit_usd),
      non_negative("total_budget_needed_usd", &T::total_budget_needed_usd),
      non_negative("total_H_prod_usd", &T::total_H_prod_usd),
      number("total_overshoot_prod_minus_needed_usd", &T::total_overshoot_prod_minus_needed_usd)};
  for (const auto& column : totals) {
    columns.push_back(
        {column.name, [read = column.read](const Fields& f, const Cell& c, Row& row) { read(f, c, row.totals); }});
  }
}

const Columns<HorizonSummaryRow>& horizon_summary_columns() {
  using R = HorizonSummaryRow;
  static const Columns<R> columns = [] {
    Columns<R> c{time_ms("eval_horizon_ms", &R::eval_horizon_ms)};
    add_horizon_totals(c);
    c.push_back(unit_interval("mean_theta_prod_capped", &R::mean_theta_prod_capped));
    c.push_back(unit_interval("mean_theta_needed_capped", &R::mean_theta_needed_capped));
    return c;
  }();
  return columns;
}

const Columns<HorizonSweepRow>& horizon_sweep_columns() {
  using R = HorizonSweepRow;
  static const Columns<R> columns = [] {
    Columns<R> c{time_ms("gap_ms", &R::gap_ms), time_ms("eval_horizon_ms", &R::eval_horizon_ms)};
    add_horizon_totals(c);
    return c;
  }();
  return columns;
}

/// A timestamp column, kept both as text and as epoch milliseconds.
TableColumn<PolicyWaveRow> timestamp(std::string name, std::string PolicyWaveRow::*text,
                                     std::int64_t PolicyWaveRow::*ms) {
  return {std::move(name), [text, ms](const Fields& f, const Cell& c, PolicyWaveRow& row) {
            row.*text = std::string(c.text);
            row.*ms = f.timestamp_ms(c);
          }};
}

/// A per-policy column `METRIC_POLICY` of policy_per_wave_metrics.csv.
TableColumn<PolicyWaveRow> per_policy(const char* metric, std::size_t p,
                                      void (*read)(const Fields&, const Cell&, PolicyWaveValues&)) {
  return {std::string(metric) + "_" + std::string(kPolicyNames[p]),
          [p, read](const Fields& f, const Cell& c, PolicyWaveRow& row) { read(f, c, row.policy[p]); }};
}

const Columns<PolicyWaveRow>& policy_wave_columns() {
  using R = PolicyWaveRow;
  using V = PolicyWaveValues;
  static const Columns<R> columns = [] {
    Columns<R> c{count("wave", &R::wave), timestamp("t_start", &R::t_start, &R::t_start_ms),
                 timestamp("t_end", &R::t_end, &R::t_end_ms), non_negative("budget_needed", &R::budget_needed)};
    // PTSR, RD-NSE and PMR are empty where the pipeline left them undefined
    // (NaN written as an empty cell); no number of adlref uses them.
    const std::array<std::pair<const char*, void (*)(const Fields&, const Cell&, V&)>, 6> metrics{{
        {"budget", [](const Fields& f, const Cell& x, V& v) { v.budget = non_negative_value(f, x); }},
        {"overshoot", [](const Fields& f, const Cell& x, V& v) { v.overshoot = f.number(x, io::Rule::Any); }},
        {"max_pct", [](const Fields& f, const Cell& x, V& v) { v.max_pct = unit_interval_value(f, x); }},
        {"ptsr", [](const Fields& f, const Cell& x, V& v) { v.ptsr = f.optional_number(x, io::Rule::Any); }},
        {"rd_nse", [](const Fields& f, const Cell& x, V& v) { v.rd_nse = f.optional_number(x, io::Rule::Any); }},
        {"pmr", [](const Fields& f, const Cell& x, V& v) { v.pmr = f.optional_number(x, io::Rule::Any); }},
    }};
    for (const auto& [metric, read] : metrics) {
      for (std::size_t p = 0; p < kPolicyCount; ++p) c.push_back(per_policy(metric, p, read));
    }
    c.push_back(non_negative("total_cap", &R::total_cap));
    c.push_back(non_negative("budget_target", &R::budget_target));
    c.push_back(number("fixed_point_ilp_scale", &R::fixed_point_ilp_scale));
    c.push_back(positive("deficit_usd", &R::deficit_usd));
    c.push_back(non_negative("max_loss_usd", &R::max_loss_usd));
    c.push_back(unit_interval("theta_prod_capped", &R::theta_prod_capped));
    c.push_back(unit_interval("theta_needed_capped", &R::theta_needed_capped));
    return c;
  }();
  return columns;
}

const Columns<WaveCoinGapRow>& wave_coin_gap_columns() {
  using R = WaveCoinGapRow;
  static const Columns<R> columns{count("wave", &R::wave),
                                  time_ms("t_start_ms", &R::t_start_ms),
                                  time_ms("t_end_ms", &R::t_end_ms),
                                  label("coin", &R::coin),
                                  non_negative("gap_usd_x_qty", &R::gap_usd_x_qty),
                                  positive("qty_contracts", &R::qty_contracts),
                                  non_negative("gap_per_contract_usd", &R::gap_per_contract_usd)};
  return columns;
}

const Columns<SummaryTotalsRow>& summary_totals_columns() {
  using R = SummaryTotalsRow;
  static const Columns<R> columns{{"policy",
                                   [](const Fields& f, const Cell& c, R& row) {
                                     if (c.text.empty()) f.fail(c, "empty policy name");
                                     row.policy = std::string(c.text);
                                   }},
                                  non_negative("total_residual", &R::total_residual),
                                  non_negative("total_overshoot", &R::total_overshoot),
                                  number("total_revenue_lost", &R::total_revenue_lost),
                                  unit_interval("avg_participation", &R::avg_participation)};
  return columns;
}

// ---------------------------------------------------------------------------
// JSON documents: keys adlref uses must be present with the right type; other
// keys (the pipeline's local paths) are ignored.

/// A document of the pipeline: an object at the top.
class Document {
 public:
  Document(std::string_view text, const std::string& source) : fields_(source), root_(io::parse_json(text, source)) {
    fields_.expect(root_, JsonValue::Kind::Object, "");
  }

  [[nodiscard]] const Fields& fields() const { return fields_; }
  [[nodiscard]] const JsonValue& root() const { return root_; }

  /// The member `key` of `parent` (at `path`), which must be an object.
  [[nodiscard]] const JsonValue& object(const JsonValue& parent, const std::string& path, std::string_view key) const {
    const JsonValue& value = fields_.member(parent, path, key);
    fields_.expect(value, JsonValue::Kind::Object, io::json_path(path, key));
    return value;
  }
  [[nodiscard]] Rational number(const JsonValue& parent, const std::string& path, std::string_view key) const {
    return fields_.json_number(fields_.member(parent, path, key), io::json_path(path, key));
  }
  [[nodiscard]] JsonScalar scalar(const JsonValue& parent, const std::string& path, std::string_view key) const {
    const JsonValue& value = fields_.member(parent, path, key);
    return JsonScalar{fields_.json_number(value, io::json_path(path, key)), value.line};
  }
  [[nodiscard]] std::int64_t count(const JsonValue& parent, const std::string& path, std::string_view key) const {
    return fields_.json_count(fields_.member(parent, path, key), io::json_path(path, key));
  }

 private:
  Fields fields_;
  JsonValue root_;
};

}  // namespace

namespace detail {

Rational non_negative_value(const Fields& f, const Cell& c) {
  Rational value = f.number(c, io::Rule::Any);
  if (value < 0) f.fail(c, "negative value " + std::string(c.text) + ": must be ≥ 0");
  return value;
}

Rational unit_interval_value(const Fields& f, const Cell& c) {
  Rational value = f.number(c, io::Rule::Any);
  if (value < 0 || value > 1) f.fail(c, "value " + std::string(c.text) + " is outside [0, 1]");
  return value;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Public parsers.

CsvFile<LoserWaveRow> parse_loser_waves(std::string_view text, const std::string& source) {
  return read_file(text, source, loser_wave_columns(), true);
}

CsvFile<TwoPassRow> parse_two_pass(std::string_view text, const std::string& source) {
  CsvFile<TwoPassRow> out = read_file(text, source, two_pass_columns(), true);
  bool horizon_zero = false;
  for (const auto& row : out.rows) horizon_zero = horizon_zero || row.eval_horizon_ms == 0;
  if (!horizon_zero) {
    const TwoPassRow& first = out.rows.front();
    throw InputError(source, first.line, 1, "eval_horizon_ms",
                     "no row has eval_horizon_ms = 0: the headline numbers need horizon 0");
  }
  return out;
}

CsvFile<HorizonSummaryRow> parse_horizon_summary(std::string_view text, const std::string& source) {
  return read_file(text, source, horizon_summary_columns(), false);
}

CsvFile<HorizonSweepRow> parse_horizon_sweep(std::string_view text, const std::string& source) {
  return read_file(text, source, horizon_sweep_columns(), false);
}

std::vector<std::string> policy_columns() {
  std::vector<std::string> names;
  for (const auto& column : policy_wave_columns()) names.push_back(column.name);
  return names;
}

CsvFile<PolicyWaveRow> parse_policy_per_wave(std::string_view text, const std::string& source) {
  return read_file(text, source, policy_wave_columns(), true);
}

CsvFile<WaveCoinGapRow> parse_wave_coin_gap(std::string_view text, const std::string& source) {
  return read_file(text, source, wave_coin_gap_columns(), false);
}

CsvFile<SummaryTotalsRow> parse_summary_totals(std::string_view text, const std::string& source) {
  return read_file(text, source, summary_totals_columns(), false);
}

JsonFile<LoserWavesSummary> parse_loser_waves_summary(std::string_view text, const std::string& source) {
  const Document doc(text, source);
  const Fields& f = doc.fields();
  const JsonValue& root = doc.root();
  LoserWavesSummary s;
  const JsonValue& measure = f.member(root, "", "deficit_measure");
  f.expect(measure, JsonValue::Kind::String, "deficit_measure");
  s.deficit_measure = measure.text;
  s.gap_ms = doc.count(root, "", "gap_ms");
  const JsonValue& prefer = f.member(root, "", "prefer_equity");
  f.expect(prefer, JsonValue::Kind::Boolean, "prefer_equity");
  s.prefer_equity = prefer.boolean;
  s.num_waves_with_positive_deficit = doc.count(root, "", "num_waves_with_positive_deficit");
  s.num_waves_line = f.member(root, "", "num_waves_with_positive_deficit").line;
  s.total_deficit_usd = doc.scalar(root, "", "total_deficit_usd");
  s.max_wave_deficit_usd = doc.scalar(root, "", "max_wave_deficit_usd");
  s.max_wave_max_loss_usd = doc.scalar(root, "", "max_wave_max_loss_usd");
  return {source, std::move(s)};
}

JsonFile<PublishedHeadlines> parse_headlines(std::string_view text, const std::string& source) {
  const Document doc(text, source);
  const JsonValue& root = doc.root();
  PublishedHeadlines h;
  const JsonValue& headline = doc.object(root, "", "headline");
  h.prod_overshoot_vs_needed_usd = doc.scalar(headline, "headline", "prod_overshoot_vs_needed_usd");
  h.queue_total_overshoot_usd = doc.scalar(headline, "headline", "queue_total_overshoot_usd");
  const std::string oc_path = "headline.winner_overcollateralization_equity_over_pnl";
  const JsonValue& oc = doc.object(headline, "headline", "winner_overcollateralization_equity_over_pnl");
  h.overcollateralization.mean = doc.number(oc, oc_path, "mean");
  h.overcollateralization.median = doc.number(oc, oc_path, "median");
  h.overcollateralization.n_users = doc.count(oc, oc_path, "n_users");
  h.overcollateralization.p10 = doc.number(oc, oc_path, "p10");
  h.overcollateralization.p90 = doc.number(oc, oc_path, "p90");
  h.overcollateralization.trimmed_mean = doc.number(oc, oc_path, "trimmed_mean");
  const JsonValue& derived = doc.object(root, "", "derived");
  h.factor_naive_expected_over_observed = doc.number(derived, "derived", "factor_naive_expected_over_observed");
  h.naive_expected_pnl_closed_usd = doc.number(derived, "derived", "naive_expected_pnl_closed_usd");
  const JsonValue& inputs = doc.object(root, "", "inputs");
  h.gap_ms = doc.count(inputs, "inputs", "gap_ms");
  h.horizon_ms = doc.count(inputs, "inputs", "horizon_ms");
  h.trim_alpha = doc.number(inputs, "inputs", "trim_alpha");
  return {source, std::move(h)};
}

JsonFile<OvershootRobustness> parse_overshoot_robustness(std::string_view text, const std::string& source) {
  const Document doc(text, source);
  const JsonValue& root = doc.root();
  OvershootRobustness o;
  o.O0 = doc.scalar(root, "", "O0");
  o.O_min_band = doc.scalar(root, "", "O_min_band");
  o.O_max_band = doc.scalar(root, "", "O_max_band");
  o.band_max_ms = doc.count(root, "", "band_max_ms");
  const JsonValue& discounted = doc.object(root, "", "discounted");
  for (const auto& member : discounted.members) {
    const std::string path = io::json_path("discounted", member.key);
    DiscountedOvershoot d;
    std::string message;
    if (!io::parse_digits(member.key, "a half-life in milliseconds", d.half_life_ms, message)) {
      throw InputError(source, member.line, member.column, path, message);
    }
    doc.fields().expect(member.value, JsonValue::Kind::Object, path);
    d.delta_o_disc = doc.scalar(member.value, path, "DeltaO_disc");
    d.o_disc = doc.scalar(member.value, path, "O_disc");
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
      throw InputError(source, 0, 0, "", "missing: the per-wave replay needs this file (EMP-PERWAVE-TABLES)");
    }
    return io::read_text_file((dir / name).string(), source);
  };
  // An optional file: its text, or nothing (and an info finding) when absent.
  const auto optional = [&](std::string_view name) -> std::optional<std::string> {
    const std::string source = source_of(name);
    std::error_code ec;
    if (!std::filesystem::exists(dir / name, ec)) {
      findings.push_back({Severity::kInfo, "file.missing", source, 0, "",
                          "optional file absent: the checks and sections that need it are skipped"});
      t.missing.push_back(std::string(name));
      return std::nullopt;
    }
    return io::read_text_file((dir / name).string(), source);
  };

  t.loser_waves = parse_loser_waves(core(perwave_files::kLoserWaves), source_of(perwave_files::kLoserWaves));
  t.two_pass = parse_two_pass(core(perwave_files::kTwoPass), source_of(perwave_files::kTwoPass));
  t.policy_per_wave = parse_policy_per_wave(core(perwave_files::kPolicy), source_of(perwave_files::kPolicy));
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
    t.loser_waves_summary = parse_loser_waves_summary(*text, source_of(perwave_files::kLoserWavesSummary));
  }
  if (auto text = optional(perwave_files::kHeadlines)) {
    t.headlines = parse_headlines(*text, source_of(perwave_files::kHeadlines));
  }
  if (auto text = optional(perwave_files::kOvershootRobustness)) {
    t.overshoot_robustness = parse_overshoot_robustness(*text, source_of(perwave_files::kOvershootRobustness));
  }
  return t;
}

}  // namespace adl::emp
