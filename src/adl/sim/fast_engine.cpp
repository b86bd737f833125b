// The fast engine (spec/online.md, SIM-ENGINES): money in adl::fx micro-USD,
// haircuts by adl::fx (FX-ROUNDING), controllers in IEEE double
// (fast_controllers.hpp). Shares no algorithm with the exact engine; the
// property SimEngines.FastAgreesWithExact holds the two together.
#include "adl/sim/engine.hpp"

#include "adl/fx/book.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/policies.hpp"
#include "adl/ref/error.hpp"
#include "adl/sim/fast_controllers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <utility>

namespace adl::sim {
namespace {

constexpr double usd = 1e-6;  // USD per micro-USD

double in_usd(fx::Money amount) { return static_cast<double>(amount) * usd; }

// SIM-ROUND steps 1–2 in fixed point.
struct FastScalars {
  fx::Money fund = 0, residual = 0, capacity = 0, wealth = 0;
  double theta_star = 0;
  double needed = 0;  // USD
};

void check_round(std::size_t t, const FastRound& r) {
  const std::size_t n = r.endowment.size();
  if (r.equity.size() != n || r.cap.size() != n || r.risk.size() != n || r.score.size() != n) {
    throw ref::InvalidInput("fast scenario, round " + std::to_string(t) + ": columns of different lengths");
  }
}

// The round's scalars; advances the fund (DEF-INSURANCE-FUND).
FastScalars fast_scalars(const FastRound& r, fx::Money& fund) {
  FastScalars s;
  s.fund = fund;
  s.capacity = fx::checked_sum(std::span<const fx::Money>(r.cap), "round capacity C_t");
  s.wealth = fx::checked_sum(std::span<const fx::Money>(r.endowment), "round wealth U_t");
  s.residual = std::max<fx::Money>(0, fx::checked_sub(r.bad_debt, fund, "residual"));
  if (r.theta_star) {
    s.theta_star = *r.theta_star;
    s.needed = s.theta_star * static_cast<double>(s.residual) * usd;
  } else if (s.residual > 0) {
    const fx::Money needed = std::min(s.residual, s.capacity);
    s.theta_star = static_cast<double>(needed) / static_cast<double>(s.residual);
    s.needed = in_usd(needed);
  }
  fund = fx::checked_sub(fx::checked_add(fund, r.fee_inflow, "insurance fund"), std::min(fund, r.bad_debt),
                         "insurance fund");
  return s;
}

// B_t = min(round(θ_t·R_t), C_t) in micro-USD (SIM-ENGINES), clipped to what the rule can use.
fx::Money fast_budget(double theta, const FastScalars& s, fx::Money usable) {
  const double wanted = std::nearbyint(theta * static_cast<double>(s.residual));
  const fx::Money budget = wanted >= 9.2e18 ? std::numeric_limits<fx::Money>::max()
                                            : fx::Money(static_cast<std::int64_t>(wanted));
  return std::min({budget, s.capacity, usable});
}

fx::Allocation fast_allocate(Rule rule, const FastRound& round, std::span<const fx::Fraction> risk, fx::Money budget) {
  switch (rule) {
    case Rule::Queue: return fx::queue(round.cap, round.score, budget);
    case Rule::ProRata: return fx::pro_rata(round.cap, budget);
    case Rule::CappedProRata: return fx::capped_pro_rata(round.endowment, round.cap, budget);
    case Rule::Rap: return fx::rap(round.endowment, round.cap, risk, budget);
  }
  throw ref::InvalidInput("simulate: unknown haircut rule");
}

// One policy's state through a fast run.
class FastPolicyRun {
 public:
  FastPolicyRun(const FastScenario& scenario, const PolicySpec& policy, const detail::fast::Hindsight& hindsight)
      : spec_(policy), controller_(policy, hindsight) {
    result_.scenario = scenario.name;
    result_.policy = policy_name(policy);
    result_.spec = policy;
  }

  void play(std::size_t t, const FastRound& round, const FastScalars& s, double lambda, const RunOptions& options);
  FastRunResult finish(fx::Money final_fund, std::size_t rounds);

 private:
  // The risk weights RAP uses: the book's, or MDIC's v scaled to 10⁻⁹ by n (at least 1).
  std::span<const fx::Fraction> risk_weights(const FastRound& round);
  void measure(const FastRound& round, const fx::Allocation& a, fx::Money budget, const RunOptions& options,
               FastRoundRecord& rec);

  PolicySpec spec_;
  detail::fast::SeverityController controller_;
  FastRunResult result_;
  std::vector<FastLossRound> losses_;
  std::vector<fx::Fraction> mdic_weights_;
  std::vector<double> haircut_;
};

std::span<const fx::Fraction> FastPolicyRun::risk_weights(const FastRound& round) {
  detail::fast::Mdic* mdic = controller_.mdic();
  if (mdic == nullptr) return round.risk;
  const std::size_t n = round.endowment.size();
  const std::vector<double>& v = mdic->ranking_weights(n);
  const double scale = static_cast<double>(n) * 1e9;
  mdic_weights_.resize(n);
  for (std::size_t i = 0; i < n; ++i) mdic_weights_[i] = std::max<fx::Fraction>(1, std::llround(v[i] * scale));
  return mdic_weights_;
}

void FastPolicyRun::measure(const FastRound& round, const fx::Allocation& a, fx::Money budget,
                            const RunOptions& options, FastRoundRecord& rec) {
  const std::size_t n = round.endowment.size();
  const bool mdic = controller_.mdic() != nullptr;
  if (mdic) haircut_.assign(n, 0.0);
  fx::Money top = 0;
  double fairness = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const fx::Money x = a.seized[i];
    top = std::max(top, round.endowment[i] - x);
    if (x <= 0) continue;
    if (round.equity[i] > 0)
      fairness = std::max(fairness, static_cast<double>(x) / static_cast<double>(round.equity[i]));
    ++rec.touched;
    const double h = static_cast<double>(x) / static_cast<double>(round.endowment[i]);
    rec.churn += 1.0 - std::exp(-options.churn_beta * h);
    if (mdic) haircut_[i] = h;
  }
  rec.fairness = fairness;
  if (budget > 0) rec.ptsr = static_cast<double>(top) / static_cast<double>(budget);
  if (options.keep_allocations) {
    rec.seized.resize(n);
    for (std::size_t i = 0; i < n; ++i) rec.seized[i] = in_usd(a.seized[i]);
  }
}

void FastPolicyRun::play(std::size_t t, const FastRound& round, const FastScalars& s, double lambda,
                         const RunOptions& options) {
  FastRoundRecord rec;
  rec.t = t;
  rec.bad_debt = in_usd(round.bad_debt);
  rec.fund = in_usd(s.fund);
  rec.residual = in_usd(s.residual);
  rec.capacity = in_usd(s.capacity);
  rec.wealth = in_usd(s.wealth);
  rec.theta_star = s.theta_star;
  rec.needed = s.needed;
  rec.theta = controller_.choose(t, rec.residual, rec.wealth);

  const std::span<const fx::Fraction> risk = risk_weights(round);
  fx::Money usable = s.capacity;
  if (spec_.rule == Rule::Rap) {  // RAP cannot haircut an account of weight 0 (SIM-ROUND step 4)
    fx::i128 sum = 0;
    for (std::size_t i = 0; i < risk.size(); ++i) {
      if (risk[i] > 0 && round.endowment[i] > 0) sum += round.cap[i].raw();
    }
    usable = static_cast<fx::Money>(sum);
  }
  const fx::Money budget = fast_budget(rec.theta, s, usable);
  const fx::Allocation a = fast_allocate(spec_.rule, round, risk, budget);
  rec.budget = in_usd(budget);
  rec.uncovered = in_usd(s.residual - budget);
  rec.severity_loss = rec.residual * std::fabs(rec.theta - rec.theta_star);
  rec.tracking = std::fabs(rec.budget - rec.needed);
  measure(round, a, budget, options, rec);
  rec.objective = rec.tracking + lambda * rec.needed * rec.fairness;

  controller_.observe({t, rec.residual, rec.theta_star, rec.capacity, rec.theta});
  rec.step = controller_.step();
  if (auto* mdic = controller_.mdic()) mdic->observe_haircuts(haircut_);

  FastTotals& sum = result_.totals;
  sum.severity_loss += rec.severity_loss;
  sum.tracking += rec.tracking;
  sum.fairness += rec.fairness;
  sum.objective += rec.objective;
  sum.uncovered += rec.uncovered;
  sum.budget += rec.budget;
  sum.churn += rec.churn;
  sum.touched += rec.touched;
  losses_.push_back({rec.residual, rec.theta_star, rec.theta});
  if (options.keep_rounds) result_.rounds.push_back(std::move(rec));
}

FastRunResult FastPolicyRun::finish(fx::Money final_fund, std::size_t rounds) {
  result_.totals.final_fund = in_usd(final_fund);
  result_.regret = regret(losses_);
  result_.bounds = bounds(spec_, result_.regret, rounds);
  return std::move(result_);
}

// The first pass for hindsight steps: R_t and θ⋆_t of every round.
detail::fast::Hindsight hindsight_pass(const FastScenario& scenario, FastRound& round) {
  detail::fast::HindsightPass pass;
  fx::Money fund = scenario.initial_fund;
  for (std::size_t t = 1; t <= scenario.rounds; ++t) {
    scenario.fill(t, round);
    check_round(t, round);
    const FastScalars s = fast_scalars(round, fund);
    pass.add(in_usd(s.residual), s.theta_star);
  }
  return pass.result();
}

}  // namespace

FastScenario to_fast(const Scenario& scenario) {
  check_scenario(scenario);
  auto rounds = std::make_shared<std::vector<FastRound>>();
  rounds->reserve(scenario.rounds.size());
  const std::string name = "scenario '" + scenario.name + "', round ";
  for (std::size_t t = 1; t <= scenario.rounds.size(); ++t) {
    const RoundInput& in = scenario.rounds[t - 1];
    FastRound r;
    const std::string round = name + std::to_string(t);
    r.bad_debt = fx::to_fx_money(in.bad_debt, round + ", bad_debt");
    r.fee_inflow = fx::to_fx_money(in.fee_inflow, round + ", fee_inflow");
    if (in.theta_star) r.theta_star = in.theta_star->convert_to<double>();
    for (std::size_t i = 0; i < in.winners.size(); ++i) {
      const Winner& w = in.winners[i];
      const std::string at = round + ", winner " + std::to_string(i + 1);
      r.endowment.push_back(fx::to_fx_money(w.endowment, at + ", endowment"));
      r.equity.push_back(fx::to_fx_money(w.equity, at + ", equity"));
      r.cap.push_back(fx::to_fx_cap(w.cap, r.endowment.back(), at + ", cap"));
      r.risk.push_back(fx::to_fx_fraction(w.risk, at + ", risk"));
      r.score.push_back(fx::to_fx_fraction(w.score, at + ", score"));
    }
    rounds->push_back(std::move(r));
  }
  FastScenario out;
  out.name = scenario.name;
  out.parameters = scenario.parameters;
  out.initial_fund = fx::to_fx_money(scenario.initial_fund, "scenario '" + scenario.name + "', initial fund");
  out.rounds = scenario.rounds.size();
  out.fill = [rounds](std::size_t t, FastRound& r) { r = (*rounds)[t - 1]; };
  return out;
}

std::vector<FastRunResult> run_fast(const FastScenario& scenario, const std::vector<PolicySpec>& policies,
                                    const RunOptions& options) {
  if (!scenario.fill && scenario.rounds > 0) throw ref::InvalidInput("fast scenario without a round generator");
  if (options.lambda < 0) throw ref::InvalidInput("lambda must be >= 0");
  const double lambda = options.lambda.convert_to<double>();
  FastRound round;
  detail::fast::Hindsight hindsight;
  if (std::any_of(policies.begin(), policies.end(), needs_hindsight)) hindsight = hindsight_pass(scenario, round);
  std::vector<FastPolicyRun> runs;
  runs.reserve(policies.size());
  for (const PolicySpec& p : policies) runs.emplace_back(scenario, p, hindsight);
  fx::Money fund = scenario.initial_fund;
  for (std::size_t t = 1; t <= scenario.rounds; ++t) {
    scenario.fill(t, round);
    check_round(t, round);
    const FastScalars s = fast_scalars(round, fund);
    for (FastPolicyRun& run : runs) run.play(t, round, s, lambda, options);
  }
  std::vector<FastRunResult> out;
  out.reserve(runs.size());
  for (FastPolicyRun& run : runs) out.push_back(run.finish(fund, scenario.rounds));
  return out;
}

FastRunResult run_fast(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options) {
  return std::move(run_fast(to_fast(scenario), std::vector<PolicySpec>{policy}, options).front());
}

}  // namespace adl::sim
