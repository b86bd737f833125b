// The exact engine (spec/online.md, SIM-ROUND, SIM-LOSSES, SIM-ENGINES): every
// round in adl::ref rationals with the exact controllers of exact_controllers.hpp.
#include "adl/sim/engine.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/policies.hpp"
#include "adl/sim/exact_controllers.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace adl::sim {
namespace {

using detail::exact::SeverityController;

// Per-round scalars (SIM-ROUND steps 1–2).
struct Scalars {
  std::vector<Rational> fund, residual, capacity, wealth, theta_star, needed;
  Rational final_fund;
};

Scalars scalars_of(const Scenario& s) {
  Scalars out;
  Rational fund = s.initial_fund;
  for (const RoundInput& r : s.rounds) {
    Rational capacity = 0;
    Rational wealth = 0;
    for (const Winner& w : r.winners) {
      capacity += w.cap * w.endowment;
      wealth += w.endowment;
    }
    const Rational residual = ref::positive_part(r.bad_debt - fund);
    Rational theta_star = 0;
    if (r.theta_star) {
      theta_star = *r.theta_star;
    } else if (residual > 0) {
      theta_star = std::min(residual, capacity) / residual;
    }
    out.fund.push_back(fund);
    out.residual.push_back(residual);
    out.capacity.push_back(capacity);
    out.wealth.push_back(wealth);
    out.theta_star.push_back(theta_star);
    out.needed.push_back(theta_star * residual);
    fund = fund + r.fee_inflow - std::min(fund, r.bad_debt);
  }
  out.final_fund = fund;
  return out;
}

// One round's winners as the rules take them (buffers reused from round to round).
struct Columns {
  std::vector<Rational> endowment, caps, money_caps, risk;
  std::vector<ref::Score> scores;

  void fill(const RoundInput& in) {
    endowment.clear();
    caps.clear();
    money_caps.clear();
    risk.clear();
    scores.clear();
    for (const Winner& w : in.winners) {
      endowment.push_back(w.endowment);
      caps.push_back(w.cap);
      money_caps.push_back(w.cap * w.endowment);
      risk.push_back(w.risk);
      scores.push_back(ref::Score{w.score, false});
    }
  }
};

// SIM-ROUND step 4: the haircut rule on the budget (queue and pro-rata on the money caps β·w).
ref::Allocation allocate(Rule rule, const Columns& c, const Rational& budget) {
  switch (rule) {
    case Rule::Queue: return ref::queue(c.money_caps, c.scores, budget);
    case Rule::ProRata: return ref::pro_rata(c.money_caps, budget);
    case Rule::CappedProRata: return ref::capped_pro_rata(c.endowment, c.caps, budget);
    case Rule::Rap: return ref::rap(c.endowment, c.caps, c.risk, budget);
  }
  throw ref::InvalidInput("simulate: unknown haircut rule");
}

// The capacity the rule can use: RAP cannot haircut an account of weight 0 (SIM-ROUND step 4, ours).
Rational rule_capacity(Rule rule, const Columns& c, const Rational& capacity) {
  if (rule != Rule::Rap) return capacity;
  Rational usable = 0;
  for (std::size_t i = 0; i < c.risk.size(); ++i) {
    if (c.risk[i] > 0) usable += c.money_caps[i];
  }
  return usable;
}

// SIM-LOSSES after the allocation: fairness, PTSR, churn, winners touched; h_i = x_i/w_i into `haircut`.
void score_round(const RoundInput& in, const ref::Allocation& a, const RunOptions& options, RoundRecord& rec,
                 std::vector<Rational>& haircut) {
  const std::size_t n = in.winners.size();
  rec.uncovered = rec.residual - rec.budget;
  rec.severity_loss = rec.residual * abs(rec.theta - rec.theta_star);
  rec.tracking = abs(rec.budget - rec.needed);
  Rational top_survivor = 0;
  haircut.assign(n, Rational(0));
  for (std::size_t i = 0; i < n; ++i) {
    const Winner& w = in.winners[i];
    const Rational& x = a.seized[i];
    if (w.equity > 0) rec.fairness = std::max(rec.fairness, Rational(x / w.equity));
    top_survivor = std::max(top_survivor, ref::positive_part(w.endowment - x));
    if (x > 0) {
      ++rec.touched;
      haircut[i] = x / w.endowment;
      rec.churn += 1.0 - std::exp(-options.churn_beta * haircut[i].convert_to<double>());
    }
  }
  rec.objective = rec.tracking + options.lambda * rec.needed * rec.fairness;
  if (rec.budget > 0) rec.ptsr = top_survivor / rec.budget;
  if (options.keep_allocations) rec.seized = a.seized;
}

void add_round(const RoundRecord& rec, Totals& tot) {
  tot.severity_loss += rec.severity_loss;
  tot.tracking += rec.tracking;
  tot.fairness += rec.fairness;
  tot.objective += rec.objective;
  tot.uncovered += rec.uncovered;
  tot.budget += rec.budget;
  tot.churn += rec.churn;
  tot.touched += rec.touched;
}

}  // namespace

void check_scenario(const Scenario& s) {
  const std::string scenario = "scenario '" + s.name + "'";
  if (s.initial_fund < 0) throw ref::InvalidInput(scenario + ": initial fund is negative");
  for (std::size_t t = 1; t <= s.rounds.size(); ++t) {
    const RoundInput& r = s.rounds[t - 1];
    const std::string round = scenario + ", round " + std::to_string(t);
    if (r.bad_debt < 0) throw ref::InvalidInput(round + ": bad_debt is negative");
    if (r.fee_inflow < 0) throw ref::InvalidInput(round + ": fee_inflow is negative");
    if (r.theta_star && (*r.theta_star < 0 || *r.theta_star > 1)) {
      throw ref::InvalidInput(round + ": theta_star outside [0, 1]");
    }
    for (std::size_t i = 0; i < r.winners.size(); ++i) {
      const Winner& w = r.winners[i];
      const std::string at = round + ", winner " + std::to_string(i + 1) + " (id " + std::to_string(w.id) + ")";
      if (w.endowment < 0) throw ref::InvalidInput(at + ": endowment is negative");
      if (w.equity < w.endowment) throw ref::InvalidInput(at + ": equity is below the endowment");
      if (w.cap < 0 || w.cap > 1) throw ref::InvalidInput(at + ": cap outside [0, 1]");
      if (w.risk < 0) throw ref::InvalidInput(at + ": risk weight is negative");
    }
  }
}

RunResult run_exact(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options) {
  check_scenario(scenario);
  if (options.lambda < 0) throw ref::InvalidInput("lambda must be >= 0");
  const Scalars sc = scalars_of(scenario);
  SeverityController controller(policy, detail::exact::hindsight_of(sc.residual, sc.theta_star));

  RunResult result;
  result.scenario = scenario.name;
  result.policy = policy_name(policy);
  result.spec = policy;
  std::vector<LossRound> losses;
  Columns columns;
  std::vector<Rational> haircut;
  for (std::size_t t = 1; t <= scenario.rounds.size(); ++t) {
    const RoundInput& in = scenario.rounds[t - 1];
    RoundRecord rec;
    rec.t = t;
    rec.bad_debt = in.bad_debt;
    rec.fund = sc.fund[t - 1];
    rec.residual = sc.residual[t - 1];
    rec.capacity = sc.capacity[t - 1];
    rec.wealth = sc.wealth[t - 1];
    rec.theta_star = sc.theta_star[t - 1];
    rec.needed = sc.needed[t - 1];
    rec.theta = controller.choose({t, rec.residual, rec.wealth});

    columns.fill(in);
    if (auto* mdic = controller.mdic()) columns.risk = mdic->ranking_weights(in.winners.size());
    const Rational usable = rule_capacity(policy.rule, columns, rec.capacity);
    rec.budget = std::min(std::min(Rational(rec.theta * rec.residual), rec.capacity), usable);
    const ref::Allocation a = allocate(policy.rule, columns, rec.budget);
    score_round(in, a, options, rec, haircut);

    controller.observe({t, rec.residual, rec.theta_star, rec.capacity, rec.theta});
    rec.step = controller.step();
    if (auto* mdic = controller.mdic()) mdic->observe_haircuts(haircut);

    add_round(rec, result.totals);
    losses.push_back({rec.residual, rec.theta_star, rec.theta});
    if (options.keep_rounds) result.rounds.push_back(std::move(rec));
  }
  result.totals.final_fund = sc.final_fund;
  result.regret = regret(losses);
  result.bounds = bounds(policy, result.regret, scenario.rounds.size());
  return result;
}

std::vector<Rational> play_controller(const PolicySpec& policy, const std::vector<Rational>& residual,
                                      const std::vector<Rational>& theta_star) {
  if (residual.size() != theta_star.size()) throw ref::InvalidInput("play_controller: sizes differ");
  SeverityController controller(policy, detail::exact::hindsight_of(residual, theta_star));
  std::vector<Rational> out;
  for (std::size_t t = 1; t <= residual.size(); ++t) {
    const Rational& r = residual[t - 1];
    const Rational theta = controller.choose({t, r, r});
    out.push_back(theta);
    controller.observe({t, r, theta_star[t - 1], r, theta});
  }
  return out;
}

}  // namespace adl::sim
