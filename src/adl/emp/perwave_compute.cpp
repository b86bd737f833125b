// The computations of the per-wave replay (spec/empirical.md): the headline
// totals and horizon band (EMP-HEADLINES, EMP-OVERSHOOT), the loss table
// (EMP-LOSS-TABLE), the regret scale 𝔅 (EMP-BOUND) and the wave series, all exact.
#include "adl/emp/perwave.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace adl::emp {

Rational money_tolerance() { return Rational(1, 1000000); }
Rational ratio_tolerance() { return Rational(1, 1000000000); }

// ---------------------------------------------------------------------------
// Computations.

std::vector<const TwoPassRow*> waves_in_time_order(const CsvFile<TwoPassRow>& two_pass) {
  std::vector<const TwoPassRow*> rows;
  for (const auto& row : two_pass.rows) {
    if (row.eval_horizon_ms == 0) rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TwoPassRow* a, const TwoPassRow* b) { return a->t_start_ms < b->t_start_ms; });
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
    t.overshoot_abs_usd += ref::abs_of(o);
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
      loss.tracking_usd += ref::abs_of(row.policy[p].budget - row.budget_needed);
      loss.fairness_usd += row.budget_needed *
                           ref::abs_of(row.policy[p].max_pct - row.policy[kFairReferencePolicy].max_pct);
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
  for (std::size_t i = 1; i < rows.size(); ++i) p += ref::abs_of(theta(*rows[i]) - theta(*rows[i - 1]));
  return p;
}

std::vector<const PolicyWaveRow*> policy_in_time_order(const CsvFile<PolicyWaveRow>& policy) {
  std::vector<const PolicyWaveRow*> rows;
  for (const auto& row : policy.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const PolicyWaveRow* a, const PolicyWaveRow* b) { return a->t_start_ms < b->t_start_ms; });
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
    b.prod_loss_capped_usd += row->deficit_usd * ref::abs_of(row->theta_prod_capped - row->theta_needed_capped);
    b.prod_loss_uncapped_usd += row->deficit_usd * ref::abs_of(row->theta_prod - row->theta_needed);
  }
  b.radicand = (1 + 2 * b.path_length) * b.sum_deficit_squared_usd2;
  b.bound_usd = ref::floor_sqrt(b.radicand, 2);
  // The ratios use a finer floor 𝔅_k = ⌊10^k·𝔅⌋/10^k ≤ 𝔅 < 𝔅_k + 10^−k, so
  // L¹/(𝔅_k + 10^−k) < L¹/𝔅 ≤ L¹/𝔅_k: a bracket of width ≈ 10^−k·L¹/𝔅².
  unsigned digits = 12;
  b.bound_fine_usd = ref::floor_sqrt(b.radicand, digits);
  while (b.bound_fine_usd == 0 && b.radicand > 0) {
    digits += 12;
    b.bound_fine_usd = ref::floor_sqrt(b.radicand, digits);
  }
  const Rational ulp(ref::Integer(1), ref::pow10(digits));
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

}  // namespace adl::emp
