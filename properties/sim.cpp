// Properties of the multi-round engine (spec/online.md):
//  * SIM-BOUNDS: on generated loss sequences (R_t, θ⋆_t, T ≤ 30) the realized
//    regret of ogd (hindsight step), ogd-tuned and omd (repaired D_max) never
//    exceeds any bound marked PROVED that applies to it — exact arithmetic;
//  * SIM-ENGINES: the fast engine agrees with the exact engine on small books
//    (n ≤ 8, T ≤ 6): |θ_fast − θ_exact| ≤ 10⁻⁹ per round and, per account,
//    |x_fast − x_exact| ≤ 1 micro-USD + |B_fast − B_exact|, with
//    |B_fast − B_exact| ≤ ½ micro-USD + |Δθ|·R_t (the budget's own rounding).
#include "property.hpp"

#include "adl/sim/engine.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using adl::ref::Rational;
namespace sim = adl::sim;

// A loss sequence as a scenario: R_t = D_t (no fund), θ⋆_t given, one winner
// with w = R_t so that C_t ≥ R_t (the bounds concern the losses only).
sim::Scenario loss_scenario(const std::vector<Rational>& residual, const std::vector<Rational>& theta_star) {
  sim::Scenario s;
  s.name = "generated";
  for (std::size_t t = 0; t < residual.size(); ++t) {
    sim::Winner w;
    w.id = 1;
    w.endowment = residual[t];
    w.equity = residual[t];
    sim::RoundInput r;
    r.winners = {w};
    r.bad_debt = residual[t];
    r.theta_star = theta_star[t];
    s.rounds.push_back(r);
  }
  return s;
}

// @spec SIM-BOUNDS
// @spec THM-OGD-SEVERITY
// @spec THM-OGD-DYNAMIC-RATE
// @spec THM-OMD-REPAIRED
ADL_PROPERTY(SimBounds, ProvedBoundsHold, ()) {
  const auto T = *rc::gen::inRange<std::size_t>(1, 31).as("T");
  const auto scale = *rc::gen::element<std::int64_t>(1, 7, 1000).as("R scale");
  std::vector<Rational> residual, theta_star;
  for (std::size_t t = 0; t < T; ++t) {
    const auto r = *rc::gen::inRange<std::int64_t>(0, 41);
    const auto k = *rc::gen::inRange<std::int64_t>(0, 17);
    residual.push_back(Rational(r * scale, 4));
    theta_star.push_back(Rational(k, 16));
  }
  const auto k1 = *rc::gen::inRange<std::int64_t>(0, 17).as("theta1 (x16)");
  const std::string theta1 = std::to_string(k1) + "/16";
  const auto scenario = loss_scenario(residual, theta_star);
  for (const std::string& text : {"ogd:theta1=" + theta1, "ogd-tuned:theta1=" + theta1, "omd:theta1=" + theta1}) {
    const auto p = sim::parse_policy(text);
    sim::RunOptions o;
    o.keep_rounds = false;
    const auto run = sim::run_exact(scenario, p, o);
    bool any = false;
    for (const auto& b : run.bounds) {
      if (!b.applies || !b.proved) continue;
      any = true;
      // How close the regret comes to the bound (shows the bounds are exercised).
      if (b.value > 0) {
        const double ratio = (b.realized / b.value).convert_to<double>();
        RC_TAG(b.name + (ratio > 0.5   ? ": regret > bound/2"
                         : ratio > 0.1 ? ": regret in (bound/10, bound/2]"
                                       : ": regret <= bound/10"));
      }
      RC_ASSERT(b.realized == (b.dynamic ? run.regret.dynamic_regret : run.regret.static_regret));
      if (!(b.realized <= b.value)) {
        RC_FAIL(text + ": " + b.name + " (" + b.claim + ") violated: regret " + adl::ref::format_exact(b.realized) +
                " > bound " + adl::ref::format_exact(b.value));
      }
    }
    RC_ASSERT(any);
  }
}

// Small books on the fixed-point grid: w multiple of 4 micro-USD and β a multiple
// of 1/4 (so β·w is whole micro-USD), risk and score multiples of 10⁻⁹.
sim::Scenario small_scenario() {
  sim::Scenario s;
  s.name = "small";
  const Rational micro(1, 1'000'000);
  s.initial_fund = Rational(*rc::gen::inRange<std::int64_t>(0, 20'000'000).as("IF_1 (micro)")) * micro;
  const auto T = *rc::gen::inRange<std::size_t>(1, 7).as("T");
  for (std::size_t t = 0; t < T; ++t) {
    sim::RoundInput r;
    const auto n = *rc::gen::inRange<std::size_t>(0, 9);
    for (std::size_t i = 0; i < n; ++i) {
      sim::Winner w;
      w.id = i + 1;
      w.endowment = Rational(4 * *rc::gen::inRange<std::int64_t>(0, 5'000'000)) * micro;
      w.equity = w.endowment + Rational(*rc::gen::inRange<std::int64_t>(0, 10'000'000)) * micro;
      w.cap = Rational(*rc::gen::inRange<std::int64_t>(0, 5), 4);
      w.risk = Rational(*rc::gen::inRange<std::int64_t>(0, 9), 4);
      w.score = Rational(*rc::gen::inRange<std::int64_t>(0, 5));
      r.winners.push_back(w);
    }
    r.bad_debt = Rational(*rc::gen::inRange<std::int64_t>(0, 60'000'000)) * micro;
    r.fee_inflow = Rational(*rc::gen::inRange<std::int64_t>(0, 5'000'000)) * micro;
    s.rounds.push_back(r);
  }
  return s;
}

// @spec SIM-ENGINES
ADL_PROPERTY(SimEngines, FastAgreesWithExact, ()) {
  const auto scenario = small_scenario();
  const auto controller = *rc::gen::element<std::string>("static:theta=3/8", "static:theta=1", "match:omega=1/4",
                                                         "backoff:alpha=1/2,window=2", "ogd:theta1=1/2", "ogd:eta=1/7",
                                                         "ogd-tuned", "omd", "mdic:eta0=1/10")
                               .as("controller");
  const auto rule = *rc::gen::element<std::string>("queue", "pro-rata", "capped-pro-rata", "rap").as("rule");
  const bool mdic = controller.rfind("mdic", 0) == 0;
  const auto p = sim::parse_policy(controller + "/" + (mdic ? std::string("rap") : rule));
  sim::RunOptions o;
  o.keep_allocations = true;
  const auto exact = sim::run_exact(scenario, p, o);
  const auto fast = sim::run_fast(scenario, p, o);
  RC_ASSERT(exact.rounds.size() == fast.rounds.size());
  for (std::size_t t = 0; t < exact.rounds.size(); ++t) {
    const auto& e = exact.rounds[t];
    const auto& f = fast.rounds[t];
    const double d_theta = std::fabs(f.theta - e.theta.convert_to<double>());
    if (d_theta > 1e-9) {
      RC_FAIL("round " + std::to_string(t + 1) + ": theta fast " + std::to_string(f.theta) + " exact " +
              adl::ref::format_exact(e.theta));
    }
    RC_ASSERT(std::fabs(f.residual - e.residual.convert_to<double>()) <= 1e-9);
    const double r_micro = e.residual.convert_to<double>() * 1e6;
    const double d_budget = std::fabs(f.budget - e.budget.convert_to<double>()) * 1e6;  // micro-USD
    RC_ASSERT(d_budget <= 0.5 + d_theta * r_micro + 1e-6);
    if (mdic) continue;  // RAP on MDIC weights: fast rounds the weights to 10⁻⁹, so only θ and B are compared
    RC_ASSERT(e.seized.size() == f.seized.size());
    for (std::size_t i = 0; i < e.seized.size(); ++i) {
      const double dx = std::fabs(f.seized[i] - e.seized[i].convert_to<double>()) * 1e6;
      if (dx > 1 + d_budget + 1e-6) {
        RC_FAIL("round " + std::to_string(t + 1) + ", account " + std::to_string(i + 1) +
                ": |dx| = " + std::to_string(dx) + " micro-USD > 1 + |dB| = " + std::to_string(1 + d_budget));
      }
    }
  }
}

}  // namespace
