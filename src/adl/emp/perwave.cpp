// The checks of the per-wave tables (spec/empirical.md, EMP-FINDINGS): every
// identity and cross-file comparison is a finding with file, line and field;
// and the replay's entry point. perwave_read.cpp reads the tables and
// perwave_compute.cpp computes the headlines, the loss table and the bound.
#include "adl/emp/perwave.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace adl::emp {
namespace {

Rational clip01(const Rational& x) {
  if (x < 0) return Rational(0);
  if (x > 1) return Rational(1);
  return x;
}

// Values in messages: exact when short, else 12 decimals marked `…`.
std::string show(const Rational& x) { return ref::to_decimal(x, 12); }

}  // namespace

// ---------------------------------------------------------------------------
// Checks.

namespace {

class Checker {
 public:
  explicit Checker(Findings& out) : out_(out) {}

  void warn(std::string check, const std::string& file, std::size_t line, std::string field, std::string message) {
    out_.push_back({Severity::kWarning, std::move(check), file, line, std::move(field), std::move(message)});
  }
  void info(std::string check, const std::string& file, std::size_t line, std::string field, std::string message) {
    out_.push_back({Severity::kInfo, std::move(check), file, line, std::move(field), std::move(message)});
  }

  // |published − expected| ≤ 10⁻⁶ USD, else a warning.
  void money(const std::string& check, const std::string& file, std::size_t line, const std::string& field,
             const Rational& published, const Rational& expected, const std::string& what) {
    const Rational diff = ref::abs_of(published - expected);
    if (diff > money_tolerance()) {
      warn(check, file, line, field,
           field + " = " + show(published) + " but " + what + " = " + show(expected) + " (difference " + show(diff) +
               " exceeds 1e-6 USD)");
    }
  }

  // |published − expected| ≤ 10⁻⁹·max(|published|, |expected|), else a warning.
  void ratio(const std::string& check, const std::string& file, std::size_t line, const std::string& field,
             const Rational& published, const Rational& expected, const std::string& what) {
    const Rational diff = ref::abs_of(published - expected);
    const Rational scale = std::max(ref::abs_of(published), ref::abs_of(expected));
    if (diff > ratio_tolerance() * scale) {
      warn(check, file, line, field,
           field + " = " + show(published) + " but " + what + " = " + show(expected) +
               " (relative difference exceeds 1e-9)");
    }
  }

  template <class T>
  void exact(const std::string& check, const std::string& file, std::size_t line, const std::string& field,
             const T& published, const T& expected, const std::string& what) {
    if (published != expected) {
      warn(check, file, line, field,
           field + " = " + std::to_string(published) + " but " + what + " = " + std::to_string(expected));
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
    c.ratio("two_pass.theta_prod", f, r.line, "theta_prod", r.theta_prod, r.budget_prod_usd / r.deficit_usd,
            "budget_prod_usd / deficit_usd");
    c.ratio("two_pass.theta_needed", f, r.line, "theta_needed", r.theta_needed, r.budget_needed_usd / r.deficit_usd,
            "budget_needed_usd / deficit_usd");
    c.ratio("two_pass.theta_prod_capped", f, r.line, "theta_prod_capped", r.theta_prod_capped, clip01(r.theta_prod),
            "clip(theta_prod, 0, 1)");
    c.ratio("two_pass.theta_needed_capped", f, r.line, "theta_needed_capped", r.theta_needed_capped,
            clip01(r.theta_needed), "clip(theta_needed, 0, 1)");
    c.exact("two_pass.eval_end", f, r.line, "t_eval_end_ms", r.t_eval_end_ms, r.t_end_ms + r.eval_horizon_ms,
            "t_end_ms + eval_horizon_ms");
  }

  // The same waves, with the same D, Δ, B^needed and times, at every horizon.
  std::map<std::int64_t, std::map<std::int64_t, const TwoPassRow*>> by_horizon;
  for (const auto& r : tp.rows) {
    auto& waves = by_horizon[r.eval_horizon_ms];
    const auto [it, inserted] = waves.emplace(r.wave, &r);
    if (!inserted) {
      c.warn("two_pass.duplicate_wave", f, r.line, "wave",
             "wave " + std::to_string(r.wave) + " appears twice at horizon " + std::to_string(r.eval_horizon_ms) +
                 " ms (first at line " + std::to_string(it->second->line) + ")");
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
               "wave " + std::to_string(wave) + " has no row at horizon " + std::to_string(horizon) + " ms");
        continue;
      }
      const TwoPassRow& r = *it->second;
      const std::string what = "at horizon 0 (" + at(f, r0->line) + ")";
      c.exact("two_pass.same_waves", f, r.line, "t_start_ms", r.t_start_ms, r0->t_start_ms, what);
      c.exact("two_pass.same_waves", f, r.line, "t_end_ms", r.t_end_ms, r0->t_end_ms, what);
      c.money("two_pass.same_waves", f, r.line, "deficit_usd", r.deficit_usd, r0->deficit_usd, what);
      c.money("two_pass.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, r0->max_loss_usd, what);
      c.money("two_pass.same_waves", f, r.line, "budget_needed_usd", r.budget_needed_usd, r0->budget_needed_usd, what);
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
             "horizon-0 rows are not in time order (wave " + std::to_string(r.wave) + " starts before wave " +
                 std::to_string(previous->wave) + "); the path length and the series use time order");
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

// Matches the rows of a per-wave file, wave by wave, to the horizon-0 rows of
// two_pass_by_wave, with the findings `<family>.duplicate_wave` and
// `<family>.same_waves` (loser_waves.csv and policy_per_wave_metrics.csv).
class HorizonZeroWaves {
 public:
  HorizonZeroWaves(std::string family, const std::string& file, const CsvFile<TwoPassRow>& tp)
      : family_(std::move(family)), file_(file), tp_(tp), zero_(horizon_zero(tp)) {}

  // The horizon-0 row of `wave` (of the file's row at `line`), or nullptr after
  // a warning: the wave appeared before, or has no horizon-0 row.
  const TwoPassRow* match(std::size_t line, std::int64_t wave, Checker& c) {
    const auto [dup, inserted] = seen_.emplace(wave, line);
    if (!inserted) {
      c.warn(family_ + ".duplicate_wave", file_, line, "wave",
             "wave " + std::to_string(wave) + " appears twice (first at line " + std::to_string(dup->second) + ")");
      return nullptr;
    }
    const auto it = zero_.find(wave);
    if (it == zero_.end()) {
      c.warn(family_ + ".same_waves", file_, line, "wave",
             "wave " + std::to_string(wave) + " has no horizon-0 row in " +
                 std::filesystem::path(tp_.source).filename().string());
      return nullptr;
    }
    return it->second;
  }

  // A warning for each horizon-0 wave that no row of the file has.
  void report_unmatched(Checker& c) const {
    for (const auto& [wave, t] : zero_) {
      if (seen_.find(wave) == seen_.end()) {
        c.warn(family_ + ".same_waves", tp_.source, t->line, "wave",
               "wave " + std::to_string(wave) + " (horizon 0) is not in " +
                   std::filesystem::path(file_).filename().string());
      }
    }
  }

 private:
  std::string family_;
  const std::string& file_;
  const CsvFile<TwoPassRow>& tp_;
  std::map<std::int64_t, const TwoPassRow*> zero_;
  std::map<std::int64_t, std::size_t> seen_;  // wave -> line of its first row
};

void check_loser_waves(const CsvFile<LoserWaveRow>& lw, const CsvFile<TwoPassRow>& tp, Checker& c) {
  const std::string& f = lw.source;
  HorizonZeroWaves waves("loser_waves", f, tp);
  for (const auto& r : lw.rows) {
    if (r.t_end_ms < r.t_start_ms) {
      c.warn("loser_waves.interval", f, r.line, "t_end_ms",
             "t_end_ms = " + std::to_string(r.t_end_ms) + " is before t_start_ms = " + std::to_string(r.t_start_ms));
    }
    if (r.max_loss_usd > r.deficit_usd + money_tolerance()) {
      c.warn("loser_waves.max_loss", f, r.line, "max_loss_usd",
             "max_loss_usd = " + show(r.max_loss_usd) + " exceeds deficit_usd = " + show(r.deficit_usd) +
                 " (Δ_t is one term of D_t)");
    }
    const TwoPassRow* match = waves.match(r.line, r.wave, c);
    if (match == nullptr) continue;
    const TwoPassRow& t = *match;
    const std::string what = "two_pass_by_wave's (" + at(tp.source, t.line) + ")";
    c.exact("loser_waves.same_waves", f, r.line, "t_start_ms", r.t_start_ms, t.t_start_ms, what);
    c.exact("loser_waves.same_waves", f, r.line, "t_end_ms", r.t_end_ms, t.t_end_ms, what);
    c.money("loser_waves.same_waves", f, r.line, "deficit_usd", r.deficit_usd, t.deficit_usd, what);
    c.money("loser_waves.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, t.max_loss_usd, what);
  }
  waves.report_unmatched(c);
}

// Sums over two_pass_by_wave at one horizon: the totals the horizon files
// publish, and the sums of the capped ratios whose means the summary publishes.
struct HorizonSums {
  HorizonTotals totals;
  Rational theta_prod_capped, theta_needed_capped;
};

std::map<std::int64_t, HorizonSums> horizon_sums(const CsvFile<TwoPassRow>& tp) {
  std::map<std::int64_t, HorizonSums> out;
  for (const auto& r : tp.rows) {
    HorizonSums& s = out[r.eval_horizon_ms];
    ++s.totals.num_waves;
    s.totals.total_deficit_usd += r.deficit_usd;
    s.totals.total_budget_needed_usd += r.budget_needed_usd;
    s.totals.total_H_prod_usd += r.budget_prod_usd;
    s.totals.total_overshoot_prod_minus_needed_usd += r.budget_prod_usd - r.budget_needed_usd;
    s.theta_prod_capped += r.theta_prod_capped;
    s.theta_needed_capped += r.theta_needed_capped;
  }
  return out;
}

// The columns both horizon files share.
struct HorizonView {
  std::size_t line = 0;
  std::int64_t horizon = 0;
  const HorizonTotals* totals = nullptr;
};

template <class Row>
std::vector<HorizonView> views_of(const CsvFile<Row>& file) {
  std::vector<HorizonView> out;
  for (const auto& r : file.rows) out.push_back({r.line, r.eval_horizon_ms, &r.totals});
  return out;
}

// The published totals of one horizon against the expected ones; `count_what`
// and `what` name where the expected row count and sums come from.
void compare_totals(Checker& c, const std::string& check, const std::string& f, std::size_t line,
                    const HorizonTotals& published, const HorizonTotals& expected, const std::string& count_what,
                    const std::string& what) {
  c.exact(check, f, line, "num_waves", published.num_waves, expected.num_waves, count_what);
  c.money(check, f, line, "total_deficit_usd", published.total_deficit_usd, expected.total_deficit_usd, what);
  c.money(check, f, line, "total_budget_needed_usd", published.total_budget_needed_usd,
          expected.total_budget_needed_usd, what);
  c.money(check, f, line, "total_H_prod_usd", published.total_H_prod_usd, expected.total_H_prod_usd, what);
  c.money(check, f, line, "total_overshoot_prod_minus_needed_usd", published.total_overshoot_prod_minus_needed_usd,
          expected.total_overshoot_prod_minus_needed_usd, what);
}

void check_horizon_file(const std::string& f, const std::vector<HorizonView>& rows,
                        const std::map<std::int64_t, HorizonSums>& sums, const std::string& tp_name, Checker& c) {
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
    compare_totals(c, "horizon.totals", f, r.line, *r.totals, it->second.totals, "the row count of " + tp_name,
                   "the sum over " + tp_name);
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
      if (it == sums.end() || it->second.totals.num_waves == 0) continue;
      const Rational n(it->second.totals.num_waves);
      c.ratio("horizon.totals", file.source, r.line, "mean_theta_prod_capped", r.mean_theta_prod_capped,
              it->second.theta_prod_capped / n, "the mean over " + tp_name);
      c.ratio("horizon.totals", file.source, r.line, "mean_theta_needed_capped", r.mean_theta_needed_capped,
              it->second.theta_needed_capped / n, "the mean over " + tp_name);
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
      compare_totals(c, "horizon.files_agree", t.horizon_sweep->source, r.line, *r.totals, *it->totals, what, what);
    }
    for (const auto& s : summary) {
      const auto sweep = views_of(*t.horizon_sweep);
      if (std::none_of(sweep.begin(), sweep.end(), [&](const HorizonView& r) { return r.horizon == s.horizon; })) {
        c.warn("horizon.files_agree", t.horizon_summary->source, s.line, "eval_horizon_ms",
               "horizon " + std::to_string(s.horizon) + " ms is not in " +
                   std::filesystem::path(t.horizon_sweep->source).filename().string());
      }
    }
  }
}

void check_policy(const CsvFile<PolicyWaveRow>& pw, const CsvFile<TwoPassRow>& tp, Checker& c) {
  const std::string& f = pw.source;
  HorizonZeroWaves matched("policy", f, tp);
  for (const auto& r : pw.rows) {
    for (std::size_t p = 0; p < kPolicyCount; ++p) {
      const std::string name(kPolicyNames[p]);
      c.money("policy.overshoot_identity", f, r.line, "overshoot_" + name, r.policy[p].overshoot,
              r.policy[p].budget - r.budget_needed, "budget_" + name + " − budget_needed");
    }
    c.money("policy.budget_target", f, r.line, "budget_target", r.budget_target, r.budget_needed, "budget_needed");
    const TwoPassRow* match = matched.match(r.line, r.wave, c);
    if (match == nullptr) continue;
    const TwoPassRow& t = *match;
    const std::string where = " (" + at(tp.source, t.line) + ")";
    c.exact("policy.same_waves", f, r.line, "t_start", r.t_start_ms, t.t_start_ms,
            "two_pass_by_wave's t_start_ms" + where);
    c.exact("policy.same_waves", f, r.line, "t_end", r.t_end_ms, t.t_end_ms, "two_pass_by_wave's t_end_ms" + where);
    c.money("policy.same_waves", f, r.line, "budget_needed", r.budget_needed, t.budget_needed_usd,
            "two_pass_by_wave's budget_needed_usd" + where);
    c.money("policy.same_waves", f, r.line, "budget_prod", r.policy[kProductionPolicy].budget, t.budget_prod_usd,
            "two_pass_by_wave's budget_prod_usd at horizon 0" + where);
    c.money("policy.same_waves", f, r.line, "deficit_usd", r.deficit_usd, t.deficit_usd,
            "two_pass_by_wave's deficit_usd" + where);
    c.money("policy.same_waves", f, r.line, "max_loss_usd", r.max_loss_usd, t.max_loss_usd,
            "two_pass_by_wave's max_loss_usd" + where);
    c.ratio("policy.same_waves", f, r.line, "theta_prod_capped", r.theta_prod_capped, t.theta_prod_capped,
            "two_pass_by_wave's theta_prod_capped" + where);
    c.ratio("policy.same_waves", f, r.line, "theta_needed_capped", r.theta_needed_capped, t.theta_needed_capped,
            "two_pass_by_wave's theta_needed_capped" + where);
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
  matched.report_unmatched(c);
}

void check_wave_coin_gap(const CsvFile<WaveCoinGapRow>& wc, const CsvFile<TwoPassRow>& tp, Checker& c) {
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
    c.exact("wave_coin_gap.times", f, r.line, "t_start_ms", r.t_start_ms, it->second->t_start_ms, what);
    c.exact("wave_coin_gap.times", f, r.line, "t_end_ms", r.t_end_ms, it->second->t_end_ms, what);
  }
  // Σ_c gap = B^needed_t, unless spot coins were left out of the per-coin table
  // (EMP-NEEDED: `@…` and PURR/USDC are excluded there only): info, not warning.
  for (const auto& [wave, t] : zero) {
    const Rational sum = gap_sum.count(wave) != 0 ? gap_sum.at(wave) : Rational(0);
    const Rational diff = ref::abs_of(sum - t->budget_needed_usd);
    if (diff > money_tolerance()) {
      c.info("wave_coin_gap.needed_sum", f, 0, "gap_usd_x_qty",
             "wave " + std::to_string(wave) + ": Σ gap_usd_x_qty = " + show(sum) +
                 " differs from budget_needed_usd = " + show(t->budget_needed_usd) + " (" + at(tp.source, t->line) +
                 ") by more than 1e-6 USD; the per-coin table leaves spot coins out");
    }
  }
}

void check_json(const PerWaveTables& t, const Totals& totals, Checker& c) {
  if (t.loser_waves_summary) {
    const auto& f = t.loser_waves_summary->source;
    const auto& s = t.loser_waves_summary->content;
    const auto what = [](const char* x) { return std::string(x) + " recomputed from loser_waves.csv"; };
    c.money("json.loser_waves_summary", f, s.total_deficit_usd.line, "total_deficit_usd", s.total_deficit_usd.value,
            totals.deficit_usd, what("ΣD_t"));
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
      c.exact("json.gap_ms", t.headlines->source, 0, "inputs.gap_ms", t.headlines->content.gap_ms, s.gap_ms,
              "loser_waves_summary.json's gap_ms");
    }
  }
  if (t.headlines) {
    const auto& f = t.headlines->source;
    const auto& h = t.headlines->content;
    c.money("json.headlines", f, h.prod_overshoot_vs_needed_usd.line, "headline.prod_overshoot_vs_needed_usd",
            h.prod_overshoot_vs_needed_usd.value, totals.overshoot_usd, "O(0) recomputed from two_pass_by_wave.csv");
    if (t.summary_totals) {
      for (const auto& r : t.summary_totals->rows) {
        if (r.policy != "queue") continue;
        c.money("json.headlines", f, h.queue_total_overshoot_usd.line, "headline.queue_total_overshoot_usd",
                h.queue_total_overshoot_usd.value, r.total_overshoot,
                "summary_totals.csv's total_overshoot (" + at(t.summary_totals->source, r.line) + ")");
      }
    }
  }
  if (t.overshoot_robustness) {
    const auto& f = t.overshoot_robustness->source;
    const auto& o = t.overshoot_robustness->content;
    c.money("json.overshoot_robustness", f, o.O0.line, "O0", o.O0.value, totals.overshoot_usd,
            "O(0) recomputed from two_pass_by_wave.csv");
    c.money("json.overshoot_robustness", f, o.O_min_band.line, "O_min_band", o.O_min_band.value, totals.band_min_usd,
            "min over horizons of O(Δ) recomputed from two_pass_by_wave.csv");
    c.money("json.overshoot_robustness", f, o.O_max_band.line, "O_max_band", o.O_max_band.value, totals.band_max_usd,
            "max over horizons of O(Δ) recomputed from two_pass_by_wave.csv");
    for (const auto& d : o.discounted) {
      c.money("json.overshoot_robustness", f, d.o_disc.line, "discounted." + std::to_string(d.half_life_ms) + ".O_disc",
              d.o_disc.value, o.O0.value + d.delta_o_disc.value, "O0 + DeltaO_disc");
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
  c.ratio("policy.path_length", tables.policy_per_wave.source, 0, "theta_needed_capped", out.bound.path_length_policy,
          out.bound.path_length, "the path length from two_pass_by_wave.csv");
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
