// Regrets and bounds of the fast engine in IEEE double (spec/online.md,
// SIM-REGRET, SIM-BOUNDS, SIM-ENGINES). Written apart from the exact versions
// (exact_regret.cpp); the agreement of the two engines is a property test.
#include "adl/sim/regret.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace adl::sim {

FastRegret regret(const std::vector<FastLossRound>& rounds) {
  FastRegret r;
  double total_weight = 0;
  const FastLossRound* previous = nullptr;
  for (const FastLossRound& round : rounds) {
    r.loss += round.residual * std::fabs(round.theta - round.theta_star);
    r.sum_r2 += round.residual * round.residual;
    r.max_r = std::max(r.max_r, round.residual);
    total_weight += round.residual;
    if (previous != nullptr) r.path_length += std::fabs(round.theta_star - previous->theta_star);
    previous = &round;
  }
  // Static comparator: the smallest weighted median of θ⋆ (weights R_t), rounds ordered by (θ⋆_t, t).
  std::vector<std::size_t> by_theta_star(rounds.size());
  std::iota(by_theta_star.begin(), by_theta_star.end(), std::size_t{0});
  std::stable_sort(by_theta_star.begin(), by_theta_star.end(),
                   [&](std::size_t a, std::size_t b) { return rounds[a].theta_star < rounds[b].theta_star; });
  double running_weight = 0;
  for (const std::size_t t : by_theta_star) {
    running_weight += rounds[t].residual;
    if (rounds[t].residual > 0 && 2 * running_weight >= total_weight) {
      r.best_static_theta = rounds[t].theta_star;
      break;
    }
  }
  for (const FastLossRound& round : rounds) {
    r.best_static_loss += round.residual * std::fabs(r.best_static_theta - round.theta_star);
  }
  r.dynamic_regret = r.loss;
  r.static_regret = r.loss - r.best_static_loss;
  return r;
}

std::vector<FastBound> bounds(const PolicySpec& p, const FastRegret& r, std::size_t rounds) {
  const double root_t = std::sqrt(static_cast<double>(rounds));
  const bool ogd_default_step = p.controller == Controller::Ogd && !p.params.contains("eta");
  const bool omd = p.controller == Controller::Omd;
  double dmax2 = 0.5;
  double theta1 = 0;
  if (omd) {
    dmax2 = p.params.at("dmax2").convert_to<double>();
    theta1 = p.params.at("theta1").convert_to<double>();
  }
  const double tuned = std::sqrt((1.0 + 2 * r.path_length) * r.sum_r2);
  const double fixed_dynamic = (1.0 + r.path_length) * r.max_r * root_t;
  const double fixed_static = r.max_r * root_t;
  const double omd_repaired = 2 * std::sqrt(dmax2) * r.max_r * root_t;
  const double omd_literal = 2 * std::sqrt(0.125) * r.max_r * root_t;
  std::vector<FastBound> out(5);
  out[0] = {"tuned dynamic", "THM-OGD-SEVERITY", true, p.controller == Controller::OgdTuned, true,
            tuned,           r.dynamic_regret,   true};
  out[1] = {"fixed-step dynamic", "THM-OGD-DYNAMIC-RATE", true, ogd_default_step, true,
            fixed_dynamic,        r.dynamic_regret,       true};
  out[2] = {"fixed-step static", "THM-OGD-DYNAMIC-RATE", true, ogd_default_step, false,
            fixed_static,        r.static_regret,        true};
  out[3] = {"OMD static (repaired)",
            "THM-OMD-REPAIRED",
            true,
            omd && dmax2 >= 0.5,
            false,
            omd_repaired,
            r.static_regret,
            true};
  out[4] = {"OMD static (literal)",
            "THM-OMD-LITERAL",
            false,
            omd && dmax2 == 0.125 && theta1 == 0.5,
            false,
            omd_literal,
            r.static_regret,
            true};
  for (FastBound& b : out) b.holds = !(b.value < b.realized);  // NaN never counts as a violation
  return out;
}

std::vector<double> policy_class_regret(const std::vector<FastRunResult>& runs) {
  if (runs.empty()) return {};
  const auto best = std::min_element(runs.begin(), runs.end(), [](const FastRunResult& a, const FastRunResult& b) {
    return a.totals.objective < b.totals.objective;
  });
  std::vector<double> out;
  out.reserve(runs.size());
  for (const FastRunResult& run : runs) out.push_back(run.totals.objective - best->totals.objective);
  return out;
}

}  // namespace adl::sim
