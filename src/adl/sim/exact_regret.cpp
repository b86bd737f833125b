// Regrets and bounds in exact arithmetic (spec/online.md, SIM-REGRET,
// SIM-BOUNDS). The fast engine's double versions are in fast_regret.cpp.
#include "adl/sim/regret.hpp"

#include "adl/ref/number.hpp"

#include <algorithm>
#include <numeric>

namespace adl::sim {
namespace {

Rational absolute(const Rational& x) { return x < 0 ? Rational(-x) : x; }

// The smallest weighted median of θ⋆ with weights R_t: where Σ R_t·|θ − θ⋆_t|
// attains its minimum over [0, 1] (a convex piecewise-linear function of θ).
Rational weighted_median(const std::vector<LossRound>& rounds, const Rational& total_weight) {
  std::vector<std::size_t> order(rounds.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rounds[a].theta_star != rounds[b].theta_star) return rounds[a].theta_star < rounds[b].theta_star;
    return a < b;
  });
  Rational cumulative = 0;
  for (const std::size_t t : order) {
    cumulative += rounds[t].residual;
    if (rounds[t].residual > 0 && 2 * cumulative >= total_weight) return rounds[t].theta_star;
  }
  return 0;  // every R_t = 0: any θ is a minimiser
}

}  // namespace

Rational ceil_sqrt12(const Rational& x) { return ref::ceil_sqrt(x, 12); }

Regret regret(const std::vector<LossRound>& rounds) {
  Regret r;
  Rational total_weight = 0;
  for (std::size_t t = 0; t < rounds.size(); ++t) {
    const LossRound& x = rounds[t];
    r.loss += x.residual * absolute(x.theta - x.theta_star);  // f_t(θ_t) of SIM-SEVERITY-LOSS
    r.sum_r2 += x.residual * x.residual;
    r.max_r = std::max(r.max_r, x.residual);
    total_weight += x.residual;
    if (t > 0) r.path_length += absolute(x.theta_star - rounds[t - 1].theta_star);
  }
  r.best_static_theta = weighted_median(rounds, total_weight);
  for (const LossRound& x : rounds) r.best_static_loss += x.residual * absolute(r.best_static_theta - x.theta_star);
  r.dynamic_regret = r.loss;  // the comparator θ⋆ has loss 0
  r.static_regret = r.loss - r.best_static_loss;
  return r;
}

std::vector<Bound> bounds(const PolicySpec& p, const Regret& r, std::size_t rounds) {
  // Square roots rounded up (ceil_sqrt12), so a realized regret below a bound is never a rounding artefact.
  const Rational sqrt_t = ceil_sqrt12(Rational(static_cast<unsigned long long>(rounds)));
  const bool ogd_hindsight_step = p.controller == Controller::Ogd && p.params.count("eta") == 0;
  const bool omd = p.controller == Controller::Omd;
  const Rational dmax2 = omd ? p.params.at("dmax2") : Rational(1, 2);
  const Rational theta1 = omd ? p.params.at("theta1") : Rational(0);
  std::vector<Bound> out;
  out.push_back({"tuned dynamic", "THM-OGD-SEVERITY", true, p.controller == Controller::OgdTuned, true,
                 ceil_sqrt12((1 + 2 * r.path_length) * r.sum_r2), r.dynamic_regret, true});
  out.push_back({"fixed-step dynamic", "THM-OGD-DYNAMIC-RATE", true, ogd_hindsight_step, true,
                 (1 + r.path_length) * r.max_r * sqrt_t, r.dynamic_regret, true});
  out.push_back({"fixed-step static", "THM-OGD-DYNAMIC-RATE", true, ogd_hindsight_step, false, r.max_r * sqrt_t,
                 r.static_regret, true});
  out.push_back({"OMD static (repaired)", "THM-OMD-REPAIRED", true, omd && dmax2 >= Rational(1, 2), false,
                 2 * ceil_sqrt12(dmax2) * r.max_r * sqrt_t, r.static_regret, true});
  // THM-OMD-LITERAL is REFUTED; it is stated for θ₁ = 1/2 and D_max² = 1/8 only.
  out.push_back({"OMD static (literal)", "THM-OMD-LITERAL", false,
                 omd && dmax2 == Rational(1, 8) && theta1 == Rational(1, 2), false,
                 2 * ceil_sqrt12(Rational(1, 8)) * r.max_r * sqrt_t, r.static_regret, true});
  for (Bound& b : out) b.holds = b.realized <= b.value;
  return out;
}

std::vector<Rational> policy_class_regret(const std::vector<RunResult>& runs) {
  std::vector<Rational> out;
  if (runs.empty()) return out;
  Rational best = runs.front().totals.objective;
  for (const RunResult& run : runs) best = std::min(best, run.totals.objective);
  for (const RunResult& run : runs) out.push_back(run.totals.objective - best);
  return out;
}

}  // namespace adl::sim
