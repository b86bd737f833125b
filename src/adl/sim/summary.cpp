// The view model of `adl simulate` (spec/online.md): one seed's run with the
// sweep's engine, its exact totals, and the means over the seeds.
#include "adl/sim/summary.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace adl::sim {
namespace {

std::string exact(const Rational& x) { return ref::to_fraction(x); }

Rational exact_of(const Rational& x) { return x; }

Rational exact_of(double x) {
  if (!std::isfinite(x)) throw std::runtime_error("simulate: a non-finite value in a fast-engine result");
  return Rational(x);  // every finite double is a dyadic rational: exact
}

Rational count(std::size_t n) { return Rational(static_cast<unsigned long long>(n)); }

Scenario exact_scenario(const SweepParameters& p, std::uint64_t seed) {
  if (p.scenario == "pareto") {
    ParetoOptions o = p.pareto;
    o.seed = seed;
    return pareto_scenario(o);
  }
  if (p.scenario == "alternating") return alternating_scenario(p.alternating);
  Oct10Options o;
  o.per_wave_dir = p.data_dir / "per-wave";
  o.winners = p.oct10_winners;
  o.seed = seed;
  return oct10_scenario(o);
}

FastScenario fast_scenario(const SweepParameters& p, std::uint64_t seed) {
  if (p.scenario == "pareto") {
    ParetoOptions o = p.pareto;
    o.seed = seed;
    return pareto_fast_scenario(o);
  }
  try {
    return to_fast(exact_scenario(p, seed));
  } catch (const std::invalid_argument& e) {
    throw ref::InvalidInput("--engine fast: the " + p.scenario +
                            " scenario does not fit the fast engine's micro-USD "
                            "scale (" +
                            e.what() + "); use --engine exact");
  }
}

// The view of an engine's run: its exact totals (the records are data of either engine; the
// conversion is exact, so merged sweeps equal unsharded ones).
template <class Run>
SeedTotals totals_of(const Run& run) {
  const auto& g = run.regret;
  const auto& sum = run.totals;
  SeedTotals t{exact_of(g.loss),
               exact_of(g.static_regret),
               exact_of(g.best_static_theta),
               exact_of(g.path_length),
               exact_of(g.sum_r2),
               exact_of(g.max_r),
               exact_of(sum.tracking),
               exact_of(sum.fairness),
               exact_of(sum.objective),
               Rational(0),
               exact_of(sum.uncovered),
               exact_of(sum.budget),
               exact_of(sum.final_fund),
               exact_of(sum.churn),
               sum.touched,
               {}};  // class_regret: set once every policy of the seed has run
  for (const auto& b : run.bounds) {
    if (b.applies)
      t.bounds.push_back(
          {b.name, b.claim, b.proved, true, b.dynamic, exact_of(b.value), exact_of(b.realized), b.holds});
  }
  return t;
}

// The per-round rows of an engine's run, each figure as the engine computed it.
template <class Run>
std::vector<RoundRow> rows_of(const Run& run) {
  std::vector<RoundRow> rows;
  rows.reserve(run.rounds.size());
  double cumulative = 0;
  for (const auto& r : run.rounds) {
    RoundRow row{r.t,          r.bad_debt,  r.fund,       r.residual,  r.capacity,      r.needed,
                 r.theta_star, r.theta,     r.budget,     r.uncovered, r.severity_loss, r.tracking,
                 r.fairness,   r.objective, std::nullopt, r.churn,     r.touched,       0};
    if (r.ptsr) row.ptsr = Figure(*r.ptsr);
    cumulative += as_double(row.severity_loss);
    row.cumulative_loss = cumulative;
    rows.push_back(std::move(row));
  }
  return rows;
}

// A mean over the seeds: Σ/k, and the bounds' means over the seeds where each applies.
PolicySummary policy_summary(const std::vector<SeedResult>& seeds, std::size_t policy, const std::string& name,
                             std::size_t rounds) {
  PolicySummary ps;
  ps.policy = name;
  std::map<std::string, std::size_t> bound_index;
  for (const SeedResult& r : seeds) {
    const SeedTotals& t = r.policies[policy];
    ps.loss += t.loss;
    ps.static_regret += t.static_regret;
    ps.tracking += t.tracking;
    ps.objective += t.objective;
    ps.class_regret += t.class_regret;
    ps.uncovered += t.uncovered;
    ps.mean_burden += t.fairness;
    ps.churn += t.churn;
    ps.touched += count(t.touched);
    for (const Bound& b : t.bounds) {
      const auto [it, inserted] = bound_index.emplace(b.name, ps.bounds.size());
      if (inserted) ps.bounds.push_back({{b.name, b.claim, b.proved, true, b.dynamic, 0, 0, true}, 0, 0});
      BoundSummary& mean = ps.bounds[it->second];
      mean.mean.value += b.value;
      mean.mean.realized += b.realized;
      mean.holds += b.holds ? 1 : 0;
      mean.seeds += 1;
    }
  }
  if (!seeds.empty()) {
    const Rational k = count(seeds.size());
    for (Rational* x : {&ps.loss, &ps.static_regret, &ps.tracking, &ps.objective, &ps.class_regret, &ps.uncovered,
                        &ps.churn, &ps.touched}) {
      *x /= k;
    }
    ps.mean_burden /= k * count(rounds);
  }
  for (BoundSummary& b : ps.bounds) {
    b.mean.value /= count(b.seeds);
    b.mean.realized /= count(b.seeds);
  }
  return ps;
}

}  // namespace

double as_double(const Figure& figure) {
  if (const double* x = std::get_if<double>(&figure)) return *x;
  return std::get<Rational>(figure).convert_to<double>();
}

std::string canonical_command(const SweepParameters& p) {
  std::ostringstream c;
  c << "adl simulate --scenario " << p.scenario << " --rounds " << p.rounds << " --policies";
  for (const std::string& name : p.policy_names) c << " '" << name << "'";
  c << " --seeds " << p.seed_count << " --seed " << p.first_seed << " --engine " << p.engine << " --lambda "
    << exact(p.lambda);
  if (p.scenario == "pareto") {
    c << " --winners " << p.pareto.winners << " --losers " << p.pareto.losers << " --alpha " << exact(p.alpha_win)
      << " --alpha-loss " << exact(p.alpha_loss) << " --fee-rate " << exact(p.pareto.fee_rate);
  } else if (p.scenario == "alternating") {
    c << " --deficit " << exact(p.alternating.lambda) << " --m " << exact(p.alternating.m) << " --winners "
      << p.alternating.winners;
  } else {
    c << " --winners " << p.oct10_winners;
  }
  return c.str();
}

std::vector<std::uint64_t> shard_seeds(const SweepParameters& p, std::uint64_t index, std::uint64_t count) {
  std::vector<std::uint64_t> seeds;
  for (std::uint64_t s = 0; s < p.seed_count; ++s) {
    const std::uint64_t seed = p.first_seed + s;
    if (seed % count == index - 1) seeds.push_back(seed);  // SIM-SHARDS: s mod k = i − 1
  }
  return seeds;
}

SeedResult run_seed(const SweepParameters& p, std::uint64_t seed, bool keep_rounds) {
  SeedResult result;
  result.seed = seed;
  RunOptions options;
  options.lambda = p.lambda;
  options.keep_rounds = keep_rounds;
  if (p.engine == "exact") {
    const Scenario scenario = exact_scenario(p, seed);
    for (const PolicySpec& policy : p.policies) {
      const RunResult run = run_exact(scenario, policy, options);
      result.policies.push_back(totals_of(run));
      if (keep_rounds) result.rounds.push_back(rows_of(run));
    }
  } else {
    for (const FastRunResult& run : run_fast(fast_scenario(p, seed), p.policies, options)) {
      result.policies.push_back(totals_of(run));
      if (keep_rounds) result.rounds.push_back(rows_of(run));
    }
  }
  // Policy-class regret (SIM-REGRET): total L^λ minus the smallest among the sweep's policies.
  Rational best = result.policies.front().objective;
  for (const SeedTotals& t : result.policies) best = std::min(best, t.objective);
  for (SeedTotals& t : result.policies) t.class_regret = t.objective - best;
  return result;
}

RunSummary summarise(SweepParameters parameters, std::vector<SeedResult> seeds, std::string shard) {
  RunSummary s;
  s.command = canonical_command(parameters);
  for (std::size_t i = 0; i < parameters.policies.size(); ++i) {
    s.policies.push_back(policy_summary(seeds, i, parameters.policy_names[i], parameters.rounds));
  }
  s.parameters = std::move(parameters);
  s.shard = std::move(shard);
  s.seeds = std::move(seeds);
  return s;
}

}  // namespace adl::sim
