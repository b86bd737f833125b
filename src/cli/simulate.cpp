// `adl simulate` and `adl simulate merge` (spec/online.md): a scenario
// (SIM-SCENARIO-*) played by several policies (SIM-CONTROLLERS) over seeds,
// on threads, with a summary table of losses, regrets and bounds (SIM-REGRET,
// SIM-BOUNDS), a per-round CSV, one JSON document (adlref.simulate/1), an HTML
// report with plots, sharded sweeps with an exact merge (SIM-SHARDS) and the
// Monte Carlo experiments of SIM-MONTE-CARLO.
//
// Reproducibility: a seed's result depends on nothing but the parameters and
// the seed; results are gathered in seed order whatever --threads is, and
// every figure that crosses seeds (sums, means) is an exact rational of the
// per-seed totals (fast-engine doubles convert exactly), so a merged sweep
// equals one run byte for byte.
#include "commands.hpp"

#include "adl/emp/perwave.hpp"
#include "adl/ref/error.hpp"
#include "adl/report/html.hpp"
#include "adl/report/plot.hpp"
#include "adl/sim/engine.hpp"
#include "adl/sim/scenario.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

namespace adl::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using ref::Rational;

constexpr const char* kSchema = "adlref.simulate/1";
constexpr const char* kResultSchema = "adlref.simulate-result/1";
constexpr const char* kExperimentSchema = "adlref.simulate-experiment/1";
// Above this many winner-rounds `--engine auto` uses the fast engine.
constexpr std::size_t kAutoExactLimit = 20'000;

// ---------------------------------------------------------------- small helpers

std::string exact(const Rational& x) { return ref::to_fraction(x); }

Rational from_double(double x) {
  if (!std::isfinite(x)) throw std::runtime_error("simulate: a non-finite value in a fast-engine result");
  return Rational(x);  // every finite double is a dyadic rational: exact
}

double to_double(const Rational& x) { return x.convert_to<double>(); }

Rational parse_exact(const ordered_json& j, const std::string& what, const std::string& file) {
  if (!j.is_string()) throw UsageError("merge: " + file + ": " + what + " is not an exact number string");
  try {
    return ref::parse_rational(j.get<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError("merge: " + file + ": " + what + ": " + e.what());
  }
}

// A number shown to people: exact decimal when short, else rounded to 6 places with `…`.
std::string shown(const Rational& x, int digits = 6) { return ref::to_decimal(x, digits); }


// ---------------------------------------------------------------- results

// One bound of SIM-BOUNDS that applies to a policy, for one seed.
struct BoundValue {
  std::string name;
  std::string claim;
  bool proved = false;
  bool dynamic = false;
  Rational value;
  Rational realized;
  bool holds = true;
};

// One policy's totals on one seed, exact.
struct PolicyTotals {
  Rational loss;            // Σ f_t(θ_t) = dynamic regret vs θ⋆
  Rational static_regret;
  Rational best_static_theta;
  Rational path_length;
  Rational sum_r2;
  Rational max_r;
  Rational tracking;
  Rational fairness;        // Σ max burden
  Rational objective;       // Σ L^λ
  Rational class_regret;    // objective − min over the run's policies
  Rational uncovered;
  Rational budget;
  Rational final_fund;
  Rational churn;           // exact value of the double
  std::size_t touched = 0;
  std::vector<BoundValue> bounds;  // those that apply
};

// One round of one policy for the CSV and the plots.
struct RoundRow {
  std::vector<std::string> cells;  // CSV cells after seed and policy
  double cumulative_loss = 0;
  std::optional<double> ptsr;
};

struct SeedResult {
  std::uint64_t seed = 0;
  std::vector<PolicyTotals> policies;
  std::vector<std::vector<RoundRow>> rounds;  // per policy (empty unless kept)
};

// The parameters of a run: everything the result depends on (not threads, shard or files).
struct Parameters {
  std::string scenario;
  std::size_t rounds = 0;
  std::vector<sim::PolicySpec> policies;
  std::vector<std::string> policy_names;
  std::uint64_t first_seed = 1;
  std::uint64_t seed_count = 1;
  std::string engine;  // exact | fast (resolved)
  Rational lambda = 1;
  // Scenario parameters.
  sim::ParetoOptions pareto;
  Rational alpha_win = 0;   // α₊ as typed (exact); pareto.alpha_win is its double
  Rational alpha_loss = 0;  // α₋ as typed (exact)
  sim::AlternatingOptions alternating;
  std::size_t oct10_winners = 100;
  fs::path data_dir;
};

ordered_json parameters_json(const Parameters& p) {
  ordered_json j;
  j["scenario"] = p.scenario;
  j["rounds"] = p.rounds;
  j["policies"] = p.policy_names;
  j["seeds"] = {{"first", p.first_seed}, {"count", p.seed_count}};
  j["engine"] = p.engine;
  j["lambda"] = exact(p.lambda);
  ordered_json s;
  if (p.scenario == "pareto") {
    s["winners"] = p.pareto.winners;
    s["losers"] = p.pareto.losers;
    s["alpha_win"] = exact(p.alpha_win);
    s["alpha_loss"] = exact(p.alpha_loss);
    s["fee_rate"] = exact(p.pareto.fee_rate);
  } else if (p.scenario == "alternating") {
    s["deficit"] = exact(p.alternating.lambda);
    s["m"] = exact(p.alternating.m);
    s["winners"] = p.alternating.winners;
  } else {
    s["winners"] = p.oct10_winners;
  }
  j["scenario_parameters"] = s;
  return j;
}

// The command that reproduces the whole (unsharded) run.
std::string canonical_command(const Parameters& p) {
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

// ---------------------------------------------------------------- option parsing

std::size_t positive_count(std::int64_t value, const std::string& option, std::int64_t max) {
  if (value <= 0) throw UsageError(option + " must be a positive integer, got " + std::to_string(value));
  if (value > max) throw UsageError(option + " must be at most " + std::to_string(max) + ", got " + std::to_string(value));
  return static_cast<std::size_t>(value);
}

Rational parse_alpha(const std::string& option, const std::string& text) {
  const Rational a = parse_number(option, text);
  if (a <= 0 || a > 100) throw UsageError(option + " must lie in (0, 100], got " + text);
  return a;
}

fs::path default_data_dir() {
  if (const char* shared = std::getenv("ADL_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return fs::path(shared) / "data" / "oct10";
  }
  return fs::path(ADL_DEFAULT_SHARED_DIR) / "data" / "oct10";
}

// The shard `i/k` with 1 ≤ i ≤ k.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) {
    throw UsageError("--shard must be I/K with whole numbers 1 <= I <= K (e.g. 2/8), got '" + text + "'");
  }
  const std::uint64_t i = std::stoull(text.substr(0, slash));
  const std::uint64_t k = std::stoull(text.substr(slash + 1));
  if (k < 1 || i < 1 || i > k) {
    throw UsageError("--shard must be I/K with whole numbers 1 <= I <= K (e.g. 2/8), got '" + text + "'");
  }
  return {i, k};
}

std::vector<std::string> split_policies(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string current;
    for (char c : item) {
      if (c == ';' || c == ' ') {
        if (!current.empty()) out.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    if (!current.empty()) out.push_back(current);
  }
  return out;
}

Parameters resolve(const SimulateOptions& o) {
  Parameters p;
  p.scenario = o.scenario;
  if (p.scenario != "pareto" && p.scenario != "alternating" && p.scenario != "oct10") {
    throw UsageError("--scenario must be pareto, alternating or oct10, got '" + o.scenario + "'");
  }
  const std::vector<std::string> names = split_policies(o.policies);
  if (names.empty()) throw UsageError("--policies needs at least one policy (e.g. ogd-tuned or static:theta=1/2)");
  for (const std::string& name : names) {
    try {
      p.policies.push_back(sim::parse_policy(name));
    } catch (const std::invalid_argument& e) {
      throw UsageError("--policies: '" + name + "': " + e.what());
    }
    p.policy_names.push_back(sim::policy_name(p.policies.back()));
  }
  {
    std::set<std::string> seen;
    for (const std::string& n : p.policy_names) {
      if (!seen.insert(n).second) throw UsageError("--policies lists '" + n + "' twice");
    }
  }
  p.seed_count = positive_count(o.seeds, "--seeds", 1'000'000);
  p.first_seed = parse_seed(o.seed);
  if (p.first_seed > std::numeric_limits<std::uint64_t>::max() - (p.seed_count - 1)) {
    throw UsageError("--seed + --seeds - 1 must stay below 2^64");
  }
  p.lambda = parse_number("--lambda", o.lambda);
  if (p.lambda < 0) throw UsageError("--lambda must be >= 0, got " + o.lambda);

  if (p.scenario == "oct10") {
    if (o.rounds && *o.rounds != 16) {
      throw UsageError("--rounds: the oct10 scenario has T = 16 rounds (one per published wave), got " +
                       std::to_string(*o.rounds));
    }
    p.rounds = 16;
    p.oct10_winners = o.winners ? positive_count(*o.winners, "--winners", 100'000) : 100;
    p.data_dir = o.data ? fs::path(*o.data) : default_data_dir();
    std::error_code ec;
    if (!fs::is_directory(p.data_dir / "per-wave", ec)) {
      throw UsageError("--scenario oct10 needs the October-10 data: '" + (p.data_dir / "per-wave").string() +
                       "' not found (pass --data DIR, the folder holding per-wave/)");
    }
  } else {
    if (!o.rounds) throw UsageError("--rounds T is required for the " + p.scenario + " scenario");
    p.rounds = positive_count(*o.rounds, "--rounds", 100'000'000);
  }
  if (p.scenario == "pareto") {
    p.pareto.rounds = p.rounds;
    p.pareto.winners = o.winners ? positive_count(*o.winners, "--winners", 8'000'000) : 1000;
    p.pareto.losers = positive_count(o.losers, "--losers", 8'000'000);
    p.alpha_win = parse_alpha("--alpha", o.alpha);
    p.alpha_loss = o.alpha_loss ? parse_alpha("--alpha-loss", *o.alpha_loss) : p.alpha_win;
    p.pareto.alpha_win = to_double(p.alpha_win);
    p.pareto.alpha_loss = to_double(p.alpha_loss);
    p.pareto.fee_rate = parse_number("--fee-rate", o.fee_rate);
    if (p.pareto.fee_rate < 0) throw UsageError("--fee-rate must be >= 0, got " + o.fee_rate);
  } else if (p.scenario == "alternating") {
    if (p.rounds % 2 != 0) throw UsageError("--rounds must be even for the alternating scenario, got " +
                                            std::to_string(p.rounds));
    p.alternating.rounds = p.rounds;
    p.alternating.lambda = parse_number("--deficit", o.deficit);
    if (p.alternating.lambda <= 0) throw UsageError("--deficit (λ of the alternating scenario) must be > 0");
    p.alternating.m = parse_number("--m", o.m);
    if (p.alternating.m <= 1) throw UsageError("--m (M of the alternating scenario) must be > 1, got " + o.m);
    p.alternating.winners = o.winners ? positive_count(*o.winners, "--winners", 100'000) : 2;
  }

  const std::size_t winners = p.scenario == "pareto" ? p.pareto.winners
                              : p.scenario == "alternating" ? p.alternating.winners
                                                            : p.oct10_winners;
  if (o.engine == "exact" || o.engine == "fast") {
    p.engine = o.engine;
  } else if (o.engine == "auto") {
    p.engine = p.scenario == "pareto" && p.rounds * winners > kAutoExactLimit ? "fast" : "exact";
  } else {
    throw UsageError("--engine must be auto, exact or fast, got '" + o.engine + "'");
  }
  return p;
}

// ---------------------------------------------------------------- running

sim::Scenario exact_scenario(const Parameters& p, std::uint64_t seed) {
  if (p.scenario == "pareto") {
    sim::ParetoOptions o = p.pareto;
    o.seed = seed;
    return sim::pareto_scenario(o);
  }
  if (p.scenario == "alternating") return sim::alternating_scenario(p.alternating);
  sim::Oct10Options o;
  o.per_wave_dir = p.data_dir / "per-wave";
  o.winners = p.oct10_winners;
  o.seed = seed;
  return sim::oct10_scenario(o);
}

template <class Num>
Rational exact_of(const Num& x) {
  if constexpr (std::is_same_v<Num, double>) {
    return from_double(x);
  } else {
    return x;
  }
}

template <class Num>
std::string cell(const Num& x) {
  if constexpr (std::is_same_v<Num, double>) {
    std::ostringstream s;
    s << std::setprecision(17) << x;
    return s.str();
  } else {
    return exact(x);
  }
}

template <class Num>
PolicyTotals totals_of(const sim::RunResultT<Num>& run) {
  PolicyTotals t;
  t.loss = exact_of(run.regret.loss);
  t.static_regret = exact_of(run.regret.static_regret);
  t.best_static_theta = exact_of(run.regret.best_static_theta);
  t.path_length = exact_of(run.regret.path_length);
  t.sum_r2 = exact_of(run.regret.sum_r2);
  t.max_r = exact_of(run.regret.max_r);
  t.tracking = exact_of(run.totals.tracking);
  t.fairness = exact_of(run.totals.fairness);
  t.objective = exact_of(run.totals.objective);
  t.uncovered = exact_of(run.totals.uncovered);
  t.budget = exact_of(run.totals.budget);
  t.final_fund = exact_of(run.totals.final_fund);
  t.churn = from_double(run.totals.churn);
  t.touched = run.totals.touched;
  for (const auto& b : run.bounds) {
    if (!b.applies) continue;
    t.bounds.push_back({b.name, b.claim, b.proved, b.dynamic, exact_of(b.value), exact_of(b.realized), b.holds});
  }
  return t;
}

template <class Num>
std::vector<RoundRow> rows_of(const sim::RunResultT<Num>& run) {
  std::vector<RoundRow> rows;
  rows.reserve(run.rounds.size());
  double cumulative = 0;
  for (const auto& r : run.rounds) {
    RoundRow row;
    row.cells = {std::to_string(r.t), cell(r.bad_debt),  cell(r.fund),      cell(r.residual),  cell(r.capacity),
                 cell(r.needed),      cell(r.theta_star), cell(r.theta),    cell(r.budget),    cell(r.uncovered),
                 cell(r.severity_loss), cell(r.tracking), cell(r.fairness), cell(r.objective),
                 r.ptsr ? cell(*r.ptsr) : std::string(), cell(r.churn), std::to_string(r.touched)};
    if constexpr (std::is_same_v<Num, double>) {
      cumulative += r.severity_loss;
      if (r.ptsr) row.ptsr = *r.ptsr;
    } else {
      cumulative += to_double(r.severity_loss);
      if (r.ptsr) row.ptsr = to_double(*r.ptsr);
    }
    row.cumulative_loss = cumulative;
    rows.push_back(std::move(row));
  }
  return rows;
}

SeedResult run_seed(const Parameters& p, std::uint64_t seed, bool keep_rounds) {
  SeedResult result;
  result.seed = seed;
  sim::RunOptions options;
  options.lambda = p.lambda;
  options.keep_rounds = keep_rounds;
  if (p.engine == "exact") {
    const sim::Scenario scenario = exact_scenario(p, seed);
    for (const sim::PolicySpec& policy : p.policies) {
      const sim::RunResult run = sim::run_exact(scenario, policy, options);
      result.policies.push_back(totals_of(run));
      if (keep_rounds) result.rounds.push_back(rows_of(run));
    }
  } else {
    sim::FastScenario scenario;
    if (p.scenario == "pareto") {
      sim::ParetoOptions o = p.pareto;
      o.seed = seed;
      scenario = sim::pareto_fast_scenario(o);
    } else {
      try {
        scenario = sim::to_fast(exact_scenario(p, seed));
      } catch (const std::invalid_argument& e) {
        throw UsageError("--engine fast: the " + p.scenario + " scenario does not fit the fast engine's micro-USD "
                         "scale (" + e.what() + "); use --engine exact");
      }
    }
    const std::vector<sim::FastRunResult> runs = sim::run_fast(scenario, p.policies, options);
    for (const sim::FastRunResult& run : runs) {
      result.policies.push_back(totals_of(run));
      if (keep_rounds) result.rounds.push_back(rows_of(run));
    }
  }
  // Policy-class regret (SIM-REGRET): total L^λ minus the smallest among the run's policies.
  Rational best = result.policies.front().objective;
  for (const PolicyTotals& t : result.policies) best = std::min(best, t.objective);
  for (PolicyTotals& t : result.policies) t.class_regret = t.objective - best;
  return result;
}

// Runs `seeds` on `threads` threads; results in the order of `seeds`, whatever the thread count.
std::vector<SeedResult> run_seeds(const Parameters& p, const std::vector<std::uint64_t>& seeds, unsigned threads,
                                  bool keep_rounds, std::ostream& progress_stream) {
  std::vector<SeedResult> results(seeds.size());
  std::vector<std::exception_ptr> errors(seeds.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < seeds.size(); i = next++) {
      try {
        results[i] = run_seed(p, seeds[i], keep_rounds);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      ++done;
    }
  };
  const unsigned count = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(seeds.size())));
  Progress progress(progress_stream, seeds.size());
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < count; ++k) pool.emplace_back(worker);
  while (done.load() < seeds.size()) {
    progress.show(done.load(), p.scenario + " seeds");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (std::thread& t : pool) t.join();
  progress.finish();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

// ---------------------------------------------------------------- result files (SIM-SHARDS)

ordered_json totals_json(const PolicyTotals& t) {
  ordered_json j;
  j["loss"] = exact(t.loss);
  j["static_regret"] = exact(t.static_regret);
  j["dynamic_regret"] = exact(t.loss);
  j["best_static_theta"] = exact(t.best_static_theta);
  j["path_length"] = exact(t.path_length);
  j["sum_r2"] = exact(t.sum_r2);
  j["max_r"] = exact(t.max_r);
  j["tracking"] = exact(t.tracking);
  j["fairness"] = exact(t.fairness);
  j["objective"] = exact(t.objective);
  j["class_regret"] = exact(t.class_regret);
  j["uncovered"] = exact(t.uncovered);
  j["budget"] = exact(t.budget);
  j["final_fund"] = exact(t.final_fund);
  j["churn"] = exact(t.churn);
  j["touched"] = t.touched;
  ordered_json bounds = ordered_json::array();
  for (const BoundValue& b : t.bounds) {
    bounds.push_back({{"name", b.name},
                      {"claim", b.claim},
                      {"verdict", b.proved ? "PROVED" : "REFUTED"},
                      {"regret", b.dynamic ? "dynamic" : "static"},
                      {"value", exact(b.value)},
                      {"realized", exact(b.realized)},
                      {"holds", b.holds}});
  }
  j["bounds"] = bounds;
  return j;
}

PolicyTotals totals_from_json(const ordered_json& j, const std::string& file) {
  if (!j.is_object()) throw UsageError("merge: " + file + ": a policy's totals are not an object");
  PolicyTotals t;
  const auto get = [&](const char* key) {
    if (!j.contains(key)) throw UsageError("merge: " + file + ": totals lack '" + key + "'");
    return parse_exact(j[key], key, file);
  };
  t.loss = get("loss");
  t.static_regret = get("static_regret");
  t.best_static_theta = get("best_static_theta");
  t.path_length = get("path_length");
  t.sum_r2 = get("sum_r2");
  t.max_r = get("max_r");
  t.tracking = get("tracking");
  t.fairness = get("fairness");
  t.objective = get("objective");
  t.class_regret = get("class_regret");
  t.uncovered = get("uncovered");
  t.budget = get("budget");
  t.final_fund = get("final_fund");
  t.churn = get("churn");
  if (!j.contains("touched") || !j["touched"].is_number_unsigned()) {
    throw UsageError("merge: " + file + ": totals lack a whole 'touched'");
  }
  t.touched = j["touched"].get<std::size_t>();
  if (!j.contains("bounds") || !j["bounds"].is_array()) throw UsageError("merge: " + file + ": totals lack 'bounds'");
  for (const ordered_json& b : j["bounds"]) {
    if (!b.is_object() || !b.contains("name") || !b["name"].is_string() || !b.contains("claim") ||
        !b["claim"].is_string() || !b.contains("holds") || !b["holds"].is_boolean() || !b.contains("verdict") ||
        !b.contains("regret") || !b.contains("value") || !b.contains("realized")) {
      throw UsageError("merge: " + file + ": a malformed bound entry");
    }
    t.bounds.push_back({b["name"].get<std::string>(), b["claim"].get<std::string>(), b["verdict"] == "PROVED",
                        b["regret"] == "dynamic", parse_exact(b["value"], "bound value", file),
                        parse_exact(b["realized"], "bound realized", file), b["holds"].get<bool>()});
  }
  return t;
}

std::string result_file_text(const Parameters& p, const ordered_json& parameters, const std::string& shard,
                             const std::vector<SeedResult>& results) {
  ordered_json doc;
  doc["schema"] = kResultSchema;
  doc["command"] = canonical_command(p);
  doc["parameters"] = parameters;
  doc["shard"] = shard;
  ordered_json seeds = ordered_json::array();
  for (const SeedResult& r : results) {
    ordered_json s;
    s["seed"] = r.seed;
    ordered_json policies = ordered_json::array();
    for (std::size_t k = 0; k < r.policies.size(); ++k) {
      ordered_json e;
      e["policy"] = p.policy_names[k];
      e["totals"] = totals_json(r.policies[k]);
      policies.push_back(e);
    }
    s["policies"] = policies;
    seeds.push_back(s);
  }
  doc["results"] = seeds;
  return dump_json(doc);
}

// ---------------------------------------------------------------- summary

struct Summary {
  struct BoundSummary {
    std::string name;
    std::string claim;
    bool proved = false;
    bool dynamic = false;
    Rational mean_value;
    Rational mean_realized;
    std::size_t holds = 0;
    std::size_t seeds = 0;
  };
  struct PolicySummary {
    std::string policy;
    Rational loss, static_regret, tracking, objective, class_regret, uncovered, mean_burden, churn;
    Rational touched;
    std::vector<BoundSummary> bounds;
  };
  std::vector<PolicySummary> policies;
};

Summary summarise(const Parameters& p, const std::vector<SeedResult>& results) {
  Summary s;
  const Rational k(static_cast<long long>(results.size()));
  for (std::size_t i = 0; i < p.policies.size(); ++i) {
    Summary::PolicySummary ps;
    ps.policy = p.policy_names[i];
    std::map<std::string, std::size_t> bound_index;
    for (const SeedResult& r : results) {
      const PolicyTotals& t = r.policies[i];
      ps.loss += t.loss;
      ps.static_regret += t.static_regret;
      ps.tracking += t.tracking;
      ps.objective += t.objective;
      ps.class_regret += t.class_regret;
      ps.uncovered += t.uncovered;
      ps.mean_burden += t.fairness;
      ps.churn += t.churn;
      ps.touched += Rational(static_cast<unsigned long long>(t.touched));
      for (const BoundValue& b : t.bounds) {
        auto [it, inserted] = bound_index.emplace(b.name, ps.bounds.size());
        if (inserted) ps.bounds.push_back({b.name, b.claim, b.proved, b.dynamic, 0, 0, 0, 0});
        Summary::BoundSummary& bs = ps.bounds[it->second];
        bs.mean_value += b.value;
        bs.mean_realized += b.realized;
        bs.holds += b.holds ? 1 : 0;
        bs.seeds += 1;
      }
    }
    if (!results.empty()) {
      ps.loss /= k;
      ps.static_regret /= k;
      ps.tracking /= k;
      ps.objective /= k;
      ps.class_regret /= k;
      ps.uncovered /= k;
      ps.mean_burden /= k * Rational(static_cast<unsigned long long>(p.rounds));
      ps.churn /= k;
      ps.touched /= k;
    }
    for (Summary::BoundSummary& b : ps.bounds) {
      b.mean_value /= Rational(static_cast<unsigned long long>(b.seeds));
      b.mean_realized /= Rational(static_cast<unsigned long long>(b.seeds));
    }
    s.policies.push_back(std::move(ps));
  }
  return s;
}

std::string summary_text(const Parameters& p, const Summary& s, std::size_t included, const std::string& shard) {
  std::ostringstream out;
  out << "adl simulate — " << p.scenario << " scenario, T = " << p.rounds << ", " << p.engine << " engine\n\n";
  KeyValues kv;
  kv.add("Command", canonical_command(p));
  kv.add("Seeds", std::to_string(included) + " of " + std::to_string(p.seed_count) + " (first " +
                      std::to_string(p.first_seed) + ")" + (shard == "1/1" ? "" : ", shard " + shard));
  kv.add("λ of L^λ", exact(p.lambda));
  out << kv.render() << "\n";
  out << "Per policy (means over the seeds; loss = Σ_t R_t·|θ_t − θ⋆_t| = dynamic regret against θ⋆):\n";
  Table table({{"policy", false},
               {"loss", true},
               {"static regret", true},
               {"bound", false},
               {"bound value", true},
               {"claim", false},
               {"holds", true},
               {"uncovered", true},
               {"mean max burden", true},
               {"class regret", true}});
  for (const Summary::PolicySummary& ps : s.policies) {
    std::vector<std::string> first = {ps.policy, shown(ps.loss), shown(ps.static_regret), "—", "—", "—", "—",
                                      shown(ps.uncovered), shown(ps.mean_burden), shown(ps.class_regret)};
    for (std::size_t b = 0; b < ps.bounds.size(); ++b) {
      const Summary::BoundSummary& bs = ps.bounds[b];
      const std::vector<std::string> bound_cells = {
          bs.name + (bs.dynamic ? " (dynamic)" : " (static)"), shown(bs.mean_value),
          bs.claim + (bs.proved ? "" : " REFUTED"), std::to_string(bs.holds) + "/" + std::to_string(bs.seeds)};
      if (b == 0) {
        std::copy(bound_cells.begin(), bound_cells.end(), first.begin() + 3);
        table.add_row(first);
      } else {
        table.add_row({"", "", "", bound_cells[0], bound_cells[1], bound_cells[2], bound_cells[3], "", "", ""});
      }
    }
    if (ps.bounds.empty()) table.add_row(first);
  }
  out << table.render("  ");
  out << "\nA bound is shown only for the controller and step it is stated for (SIM-BOUNDS); \"holds\" counts the\n"
         "seeds where the realized regret is at most the bound. Exact values: --json.\n";
  return out.str();
}

ordered_json summary_json(const Parameters& p, const Summary& s, const std::vector<SeedResult>& results) {
  ordered_json doc;
  doc["schema"] = kSchema;
  doc["command"] = canonical_command(p);
  doc["parameters"] = parameters_json(p);
  ordered_json seeds = ordered_json::array();
  for (const SeedResult& r : results) seeds.push_back(r.seed);
  doc["seeds"] = seeds;
  ordered_json policies = ordered_json::array();
  for (std::size_t i = 0; i < s.policies.size(); ++i) {
    const Summary::PolicySummary& ps = s.policies[i];
    ordered_json e;
    e["policy"] = ps.policy;
    e["mean"] = {{"loss", exact(ps.loss)},
                 {"static_regret", exact(ps.static_regret)},
                 {"dynamic_regret", exact(ps.loss)},
                 {"tracking", exact(ps.tracking)},
                 {"objective", exact(ps.objective)},
                 {"class_regret", exact(ps.class_regret)},
                 {"uncovered", exact(ps.uncovered)},
                 {"max_burden", exact(ps.mean_burden)},
                 {"churn", exact(ps.churn)},
                 {"touched", exact(ps.touched)}};
    ordered_json bounds = ordered_json::array();
    for (const Summary::BoundSummary& b : ps.bounds) {
      bounds.push_back({{"name", b.name},
                        {"claim", b.claim},
                        {"verdict", b.proved ? "PROVED" : "REFUTED"},
                        {"regret", b.dynamic ? "dynamic" : "static"},
                        {"mean_value", exact(b.mean_value)},
                        {"mean_realized", exact(b.mean_realized)},
                        {"holds", b.holds},
                        {"seeds", b.seeds}});
    }
    e["bounds"] = bounds;
    ordered_json per_seed = ordered_json::array();
    for (const SeedResult& r : results) {
      ordered_json t = totals_json(r.policies[i]);
      ordered_json with_seed;
      with_seed["seed"] = r.seed;
      for (auto it = t.begin(); it != t.end(); ++it) with_seed[it.key()] = it.value();
      per_seed.push_back(with_seed);
    }
    e["per_seed"] = per_seed;
    policies.push_back(e);
  }
  doc["policies"] = policies;
  return doc;
}

// Text or JSON for a set of seed results (shared by a run and by merge: same results, same bytes).
std::string render(const Parameters& p, const std::vector<SeedResult>& results, bool json, const std::string& shard) {
  const Summary s = summarise(p, results);
  if (json) return dump_json(summary_json(p, s, results));
  return summary_text(p, s, results.size(), shard);
}

// ---------------------------------------------------------------- CSV and report

void write_csv(std::ostream& out, const Parameters& p, const std::vector<SeedResult>& results) {
  out << "seed,policy,t,bad_debt,fund,residual,capacity,needed,theta_star,theta,budget,uncovered,severity_loss,"
         "tracking,fairness,objective,ptsr,churn,touched\n";
  for (const SeedResult& r : results) {
    for (std::size_t k = 0; k < r.rounds.size(); ++k) {
      for (const RoundRow& row : r.rounds[k]) {
        out << r.seed << ",\"" << p.policy_names[k] << "\"";
        for (const std::string& c : row.cells) out << "," << c;
        out << "\n";
      }
    }
  }
}

std::string report_html(const Parameters& p, const std::vector<SeedResult>& results, const std::string& summary) {
  report::HtmlReport page("adl simulate — " + p.scenario);
  page.paragraph("Command: " + canonical_command(p));
  page.heading("Summary");
  page.paragraph(summary);
  const SeedResult& first = results.front();
  page.heading("Cumulative regret against the bounds (seed " + std::to_string(first.seed) + ")");
  {
    report::Chart c;
    c.title = "Cumulative dynamic regret Σ R_t·|θ_t − θ⋆_t| per policy";
    c.x_label = "round t";
    c.y_label = "USD";
    for (std::size_t t = 1; t <= p.rounds; ++t) c.x.push_back(static_cast<double>(t));
    for (std::size_t k = 0; k < first.rounds.size(); ++k) {
      report::Series s{p.policy_names[k], {}, false};
      for (const RoundRow& row : first.rounds[k]) s.y.push_back(row.cumulative_loss);
      c.series.push_back(s);
      for (const BoundValue& b : first.policies[k].bounds) {
        if (!b.dynamic) continue;
        report::Series line{"bound of " + p.policy_names[k] + " (" + b.claim + ")",
                            std::vector<double>(p.rounds, to_double(b.value)), true};
        c.series.push_back(line);
      }
    }
    page.figure(report::render_svg(c),
                "Each policy's cumulative loss against θ⋆ (its dynamic regret so far); dashed: the dynamic-regret "
                "bound at T that applies to the policy (SIM-BOUNDS). The bound is stated for the whole horizon.");
  }
  page.heading("PTSR per round (seed " + std::to_string(first.seed) + ")");
  {
    report::Chart c;
    c.title = "PTSR = max_i (w_i − x_i)₊ / B_t";
    c.x_label = "round t";
    c.y_label = "PTSR";
    c.log_y = true;
    for (std::size_t t = 1; t <= p.rounds; ++t) c.x.push_back(static_cast<double>(t));
    for (std::size_t k = 0; k < first.rounds.size(); ++k) {
      report::Series s{p.policy_names[k], {}, false};
      for (const RoundRow& row : first.rounds[k]) s.y.push_back(row.ptsr && *row.ptsr > 0 ? *row.ptsr : NAN);
      c.series.push_back(s);
    }
    page.figure(report::render_svg(c), "MET-PTSR per round; absent where B_t = 0. PTSR against n with the "
                                       "b_n/(θn) reference line: adl simulate --experiment ptsr-scaling --report.");
  }
  return page.render();
}

// ---------------------------------------------------------------- Monte Carlo (SIM-MONTE-CARLO)

std::vector<std::size_t> parse_sizes(const std::string& text) {
  std::vector<std::size_t> sizes;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) {
    if (item.empty() || !std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        item.size() > 8) {
      throw UsageError("--sizes must be a comma-separated list of whole numbers >= 2, got '" + text + "'");
    }
    const std::size_t n = std::stoul(item);
    if (n < 2) throw UsageError("--sizes must be a comma-separated list of whole numbers >= 2, got '" + text + "'");
    sizes.push_back(n);
  }
  if (sizes.empty()) throw UsageError("--sizes needs at least one size");
  return sizes;
}

// One Monte Carlo cell: the fast engine on one round of a Pareto book of n winners.
struct ExperimentCell {
  double ptsr_pro_rata = 0;
  double ptsr_queue = 0;
  double welfare_static = 0;   // W_Fair(PR, θ) = PTSR
  double welfare_dynamic = 0;  // W_Fair(PR, θ_n = b_n/n)
};

int experiment(const SimulateOptions& o, std::string& out, std::ostream& progress_stream) {
  const std::string kind = *o.experiment;
  if (kind != "ptsr-scaling" && kind != "poa") {
    throw UsageError("--experiment must be ptsr-scaling or poa, got '" + kind + "'");
  }
  const std::vector<std::size_t> sizes = parse_sizes(o.sizes);
  const std::size_t seeds = positive_count(o.seeds, "--seeds", 1'000'000);
  const std::uint64_t first_seed = parse_seed(o.seed);
  if (first_seed > std::numeric_limits<std::uint64_t>::max() - (seeds - 1)) {
    throw UsageError("--seed + --seeds - 1 must stay below 2^64");
  }
  const Rational alpha_exact = parse_alpha("--alpha", o.alpha);
  const double alpha = to_double(alpha_exact);
  const Rational theta = parse_number("--theta", o.theta);
  if (theta <= 0 || theta > 1) throw UsageError("--theta must lie in (0, 1], got " + o.theta);
  const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;

  // Jobs: (size index, seed index); each job is one independent round.
  const std::size_t jobs = sizes.size() * seeds;
  std::vector<ExperimentCell> cells(jobs);
  std::vector<std::exception_ptr> errors(jobs);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto b_n = [&](std::size_t n) {  // F₊⁻¹(1 − 1/n) = x_m·n^(1/α) (x_m = 1 USD; MET-EV-SCALE)
    return std::pow(static_cast<double>(n), 1.0 / alpha);
  };
  const auto worker = [&] {
    for (std::size_t j = next++; j < jobs; j = next++) {
      try {
        const std::size_t n = sizes[j / seeds];
        sim::ParetoOptions po;
        po.rounds = 1;
        po.winners = n;
        po.losers = std::max<std::size_t>(1, n / 10);
        po.alpha_win = alpha;
        po.alpha_loss = alpha;
        po.seed = first_seed + j % seeds;
        const sim::FastScenario scenario = sim::pareto_fast_scenario(po);
        const double dyn = std::min(1.0, b_n(n) / static_cast<double>(n));
        const std::vector<sim::PolicySpec> policies = {
            sim::parse_policy("static:theta=" + exact(theta) + "/pro-rata"),
            sim::parse_policy("static:theta=" + exact(theta) + "/queue"),
            sim::parse_policy("static:theta=" + exact(from_double(dyn)) + "/pro-rata")};
        sim::RunOptions ro;
        const auto runs = sim::run_fast(scenario, policies, ro);
        const auto ptsr = [](const sim::FastRunResult& r) {
          return r.rounds.empty() || !r.rounds.front().ptsr ? NAN : *r.rounds.front().ptsr;
        };
        cells[j] = {ptsr(runs[0]), ptsr(runs[1]), ptsr(runs[0]), ptsr(runs[2])};
      } catch (...) {
        errors[j] = std::current_exception();
      }
      ++done;
    }
  };
  Progress progress(progress_stream, jobs);
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs))); ++k) {
    pool.emplace_back(worker);
  }
  while (done.load() < jobs) {
    progress.show(done.load(), kind);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (std::thread& t : pool) t.join();
  progress.finish();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }

  const double th = to_double(theta);
  std::ostringstream command;
  command << "adl simulate --experiment " << kind << " --sizes " << o.sizes << " --seeds " << seeds << " --seed "
          << first_seed << " --alpha " << exact(alpha_exact) << " --theta " << exact(theta);
  ordered_json rows = ordered_json::array();
  report::Chart chart;
  chart.log_x = true;
  chart.log_y = true;
  report::Series s_pr{"pro-rata", {}, false}, s_q{"queue", {}, false}, s_ref{"b_n/(θn)", {}, true};
  report::Series s_poa{"PoA_Fair (pro-rata, θ vs b_n/n)", {}, false}, s_kappa{"κ_n", {}, true};
  Table table(kind == "ptsr-scaling"
                  ? std::vector<Table::Column>{{"n", true}, {"mean PTSR pro-rata", true}, {"mean PTSR queue", true},
                                               {"b_n/(θn)", true}, {"pro-rata/ref", true}, {"queue/ref", true}}
                  : std::vector<Table::Column>{{"n", true}, {"κ_n = θn/b_n", true}, {"mean PoA_Fair", true},
                                               {"PoA/κ_n", true}});
  for (std::size_t si = 0; si < sizes.size(); ++si) {
    const std::size_t n = sizes[si];
    double pr = 0, q = 0, poa = 0;
    std::size_t npr = 0, nq = 0, npoa = 0;
    for (std::size_t k = 0; k < seeds; ++k) {
      const ExperimentCell& c = cells[si * seeds + k];
      if (std::isfinite(c.ptsr_pro_rata)) pr += c.ptsr_pro_rata, ++npr;
      if (std::isfinite(c.ptsr_queue)) q += c.ptsr_queue, ++nq;
      if (std::isfinite(c.welfare_dynamic) && std::isfinite(c.welfare_static) && c.welfare_static > 0) {
        poa += c.welfare_dynamic / c.welfare_static, ++npoa;
      }
    }
    pr = npr ? pr / static_cast<double>(npr) : NAN;
    q = nq ? q / static_cast<double>(nq) : NAN;
    poa = npoa ? poa / static_cast<double>(npoa) : NAN;
    const double ref_line = b_n(n) / (th * static_cast<double>(n));
    const double kappa = th * static_cast<double>(n) / b_n(n);
    const auto fmt = [](double x) {
      std::ostringstream s;
      s << std::setprecision(6) << x;
      return s.str();
    };
    chart.x.push_back(static_cast<double>(n));
    if (kind == "ptsr-scaling") {
      table.add_row({std::to_string(n), fmt(pr), fmt(q), fmt(ref_line), fmt(pr / ref_line), fmt(q / ref_line)});
      rows.push_back({{"n", n}, {"mean_ptsr_pro_rata", pr}, {"mean_ptsr_queue", q}, {"reference", ref_line},
                      {"seeds", seeds}});
      s_pr.y.push_back(pr);
      s_q.y.push_back(q);
      s_ref.y.push_back(ref_line);
    } else {
      table.add_row({std::to_string(n), fmt(kappa), fmt(poa), fmt(poa / kappa)});
      rows.push_back({{"n", n}, {"kappa", kappa}, {"mean_poa_fair", poa}, {"seeds", seeds}});
      s_poa.y.push_back(poa);
      s_kappa.y.push_back(kappa);
    }
  }
  std::ostringstream text;
  text << "adl simulate --experiment " << kind << " (SIM-MONTE-CARLO), Pareto tails α = " << exact(alpha_exact)
       << ", θ = " << exact(theta) << ", " << seeds << " seeds per size\n\n  Command: " << command.str() << "\n\n"
       << table.render("  ");
  if (kind == "ptsr-scaling") {
    text << "\nTHM-PTSR-SCALING predicts PTSR ≍ b_n/(θn) for pro-rata (ratio bounded in n). The queue (score =\n"
            "leverage) takes from the highest-leverage winners whatever their size. b_n = n^(1/α) (x_m = 1,\n"
            "MET-EV-SCALE); n_ℓ = n/10 losers with the same tail index. Means over seeds: for α ≤ 2 the top\n"
            "winner has infinite variance and the ratio is noisy.\n";
    chart.title = "PTSR against n (Pareto α = " + exact(alpha_exact) + ", θ = " + exact(theta) + ")";
    chart.series = {s_pr, s_q, s_ref};
  } else {
    text << "\nTHM-POA-FAIR predicts PoA_Fair ≍ κ_n when κ_n → ∞ (ratio roughly constant). Dynamic benchmark: pro-rata\n"
            "at θ_n = b_n/n (κ = 1); static: pro-rata at θ. W_Fair = PTSR (MET-POA).\n";
    chart.title = "Fairness price of anarchy against κ_n = θn/b_n";
    chart.series = {s_poa, s_kappa};
  }
  chart.x_label = "n (winners)";
  chart.y_label = kind == "ptsr-scaling" ? "PTSR" : "PoA_Fair";
  if (o.report) {
    report::HtmlReport page("adl simulate --experiment " + kind);
    page.paragraph("Command: " + command.str());
    page.figure(report::render_svg(chart), chart.title);
    page.paragraph(text.str());
    const std::string html = page.render();
    write_file_atomically(*o.report, "--report", [&](std::ostream& f) { f << html; });
  }
  if (o.json) {
    ordered_json doc;
    doc["schema"] = kExperimentSchema;
    doc["experiment"] = kind;
    doc["command"] = command.str();
    doc["alpha"] = exact(alpha_exact);
    doc["theta"] = exact(theta);
    doc["rows"] = rows;
    out += dump_json(doc);
  } else {
    out += text.str();
  }
  return kExitOk;
}

}  // namespace

int simulate_command(const SimulateOptions& o, std::string& out, std::ostream& progress) {
  if (o.experiment) return experiment(o, out, progress);
  if (o.scenario.empty()) throw UsageError("simulate: --scenario NAME is required (pareto, alternating, oct10)");
  const Parameters p = resolve(o);
  std::string shard = "1/1";
  std::vector<std::uint64_t> seeds;
  if (o.shard) {
    const auto [i, k] = parse_shard(*o.shard);
    if (!o.out) throw UsageError("--shard writes a result file: give --out FILE");
    shard = std::to_string(i) + "/" + std::to_string(k);
    for (std::uint64_t s = 0; s < p.seed_count; ++s) {
      const std::uint64_t seed = p.first_seed + s;
      if (seed % k == i - 1) seeds.push_back(seed);  // SIM-SHARDS: s mod k = i − 1
    }
  } else {
    for (std::uint64_t s = 0; s < p.seed_count; ++s) seeds.push_back(p.first_seed + s);
  }
  // Output files must be distinct and their folders must exist before any work is done.
  {
    std::set<std::string> targets;
    for (const auto& [option, file] : {std::pair{"--out", o.out}, {"--csv", o.csv}, {"--report", o.report}}) {
      if (!file) continue;
      if (!targets.insert(fs::absolute(*file).lexically_normal().string()).second) {
        throw UsageError(std::string(option) + " names a file another option writes too: '" + *file + "'");
      }
      const fs::path folder = fs::absolute(*file).parent_path();
      std::error_code ec;
      if (!fs::is_directory(folder, ec)) {
        throw UsageError(std::string(option) + ": folder '" + folder.string() + "' does not exist");
      }
    }
  }
  const unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
  const bool keep_rounds = o.csv.has_value() || o.report.has_value();
  const std::vector<SeedResult> results = run_seeds(p, seeds, threads, keep_rounds, progress);
  const std::string text = render(p, results, o.json, shard);

  // Build every file's text first, then write them (each atomically).
  std::optional<std::string> result_text, csv_text, html_text;
  if (o.out) result_text = result_file_text(p, parameters_json(p), shard, results);
  if (o.csv) {
    std::ostringstream s;
    write_csv(s, p, results);
    csv_text = s.str();
  }
  if (o.report) {
    if (results.empty()) throw UsageError("--report: this shard holds no seed");
    html_text = report_html(p, results, render(p, results, false, shard));
  }
  if (result_text) write_file_atomically(*o.out, "--out", [&](std::ostream& f) { f << *result_text; });
  if (csv_text) write_file_atomically(*o.csv, "--csv", [&](std::ostream& f) { f << *csv_text; });
  if (html_text) write_file_atomically(*o.report, "--report", [&](std::ostream& f) { f << *html_text; });
  out += text;
  return kExitOk;
}

int simulate_merge_command(const SimulateMergeOptions& o, std::string& out) {
  if (o.files.empty()) throw UsageError("simulate merge: give the result files to merge");
  std::optional<ordered_json> parameters;
  std::string command;
  std::optional<std::uint64_t> shard_count;
  std::set<std::uint64_t> shard_indices;
  std::map<std::uint64_t, SeedResult> by_seed;
  std::vector<std::string> policy_names;
  for (const std::string& file : o.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError("merge: cannot read '" + file + "'");
    ordered_json doc;
    try {
      doc = ordered_json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
      throw UsageError("merge: " + file + ": not a JSON result file (" + e.what() + ")");
    }
    if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != kResultSchema) {
      throw UsageError("merge: " + file + ": not an adl simulate result file (schema " + kResultSchema +
                       "; write one with adl simulate --out FILE)");
    }
    if (!doc.contains("parameters") || !doc.contains("shard") || !doc["shard"].is_string() ||
        !doc.contains("results") || !doc["results"].is_array() || !doc.contains("command")) {
      throw UsageError("merge: " + file + ": incomplete result file");
    }
    if (!parameters) {
      parameters = doc["parameters"];
      command = doc["command"].get<std::string>();
    } else if (doc["parameters"] != *parameters) {
      throw UsageError("merge: " + file + " was run with other parameters than " + o.files.front() +
                       " (compare their \"parameters\")");
    }
    const auto [i, k] = parse_shard(doc["shard"].get<std::string>());
    if (shard_count && *shard_count != k) {
      throw UsageError("merge: " + file + " is shard " + std::to_string(i) + "/" + std::to_string(k) +
                       " but an earlier file splits the seeds into " + std::to_string(*shard_count) + " shards");
    }
    shard_count = k;
    if (!shard_indices.insert(i).second) {
      throw UsageError("merge: shard " + std::to_string(i) + "/" + std::to_string(k) + " is given twice (" + file + ")");
    }
    const ordered_json& names = (*parameters)["policies"];
    if (!names.is_array()) throw UsageError("merge: " + file + ": parameters lack the policy list");
    policy_names = names.get<std::vector<std::string>>();
    for (const ordered_json& seed_entry : doc["results"]) {
      if (!seed_entry.contains("seed") || !seed_entry["seed"].is_number_unsigned() ||
          !seed_entry.contains("policies") || !seed_entry["policies"].is_array() ||
          seed_entry["policies"].size() != policy_names.size()) {
        throw UsageError("merge: " + file + ": a malformed seed entry");
      }
      SeedResult r;
      r.seed = seed_entry["seed"].get<std::uint64_t>();
      if (r.seed % k != i - 1) {
        throw UsageError("merge: " + file + ": seed " + std::to_string(r.seed) + " does not belong to shard " +
                         std::to_string(i) + "/" + std::to_string(k));
      }
      for (std::size_t q = 0; q < policy_names.size(); ++q) {
        const ordered_json& pe = seed_entry["policies"][q];
        if (!pe.contains("policy") || pe["policy"] != policy_names[q] || !pe.contains("totals")) {
          throw UsageError("merge: " + file + ": seed " + std::to_string(r.seed) + " lists the policies out of order");
        }
        r.policies.push_back(totals_from_json(pe["totals"], file));
      }
      if (!by_seed.emplace(r.seed, std::move(r)).second) {
        throw UsageError("merge: seed " + seed_entry["seed"].dump() + " appears in more than one file (" + file + ")");
      }
    }
  }
  // Rebuild the parameters from the canonical command's values in the file.
  Parameters p;
  const ordered_json& j = *parameters;
  try {
    p.scenario = j.at("scenario").get<std::string>();
    p.rounds = j.at("rounds").get<std::size_t>();
    p.policy_names = policy_names;
    for (const std::string& n : policy_names) p.policies.push_back(sim::parse_policy(n));
    p.first_seed = j.at("seeds").at("first").get<std::uint64_t>();
    p.seed_count = j.at("seeds").at("count").get<std::uint64_t>();
    p.engine = j.at("engine").get<std::string>();
    p.lambda = ref::parse_rational(j.at("lambda").get<std::string>());
    const ordered_json& s = j.at("scenario_parameters");
    if (p.scenario == "pareto") {
      p.pareto.rounds = p.rounds;
      p.pareto.winners = s.at("winners").get<std::size_t>();
      p.pareto.losers = s.at("losers").get<std::size_t>();
      p.alpha_win = ref::parse_rational(s.at("alpha_win").get<std::string>());
      p.alpha_loss = ref::parse_rational(s.at("alpha_loss").get<std::string>());
      p.pareto.alpha_win = to_double(p.alpha_win);
      p.pareto.alpha_loss = to_double(p.alpha_loss);
      p.pareto.fee_rate = ref::parse_rational(s.at("fee_rate").get<std::string>());
    } else if (p.scenario == "alternating") {
      p.alternating.rounds = p.rounds;
      p.alternating.lambda = ref::parse_rational(s.at("deficit").get<std::string>());
      p.alternating.m = ref::parse_rational(s.at("m").get<std::string>());
      p.alternating.winners = s.at("winners").get<std::size_t>();
    } else {
      p.oct10_winners = s.at("winners").get<std::size_t>();
    }
  } catch (const std::exception& e) {
    throw UsageError("merge: " + o.files.front() + ": malformed parameters (" + e.what() + ")");
  }
  if (parameters_json(p) != j || canonical_command(p) != command) {
    throw UsageError("merge: " + o.files.front() + ": parameters and command do not agree");
  }
  for (const auto& [seed, r] : by_seed) {
    if (seed < p.first_seed || seed - p.first_seed >= p.seed_count) {
      throw UsageError("merge: seed " + std::to_string(seed) + " lies outside the run's seed range");
    }
  }
  std::vector<SeedResult> results;
  for (auto& [seed, r] : by_seed) results.push_back(std::move(r));
  const bool complete = results.size() == p.seed_count;
  const std::string shard = complete ? "1/1" : "partial";
  if (o.out) {
    const std::string text = result_file_text(p, j, shard, results);
    write_file_atomically(*o.out, "--out", [&](std::ostream& f) { f << text; });
  }
  out += render(p, results, o.json, shard);
  if (!complete && !o.json) {
    out += "\nNote: the merged files hold " + std::to_string(results.size()) + " of the " +
           std::to_string(p.seed_count) + " seeds (shards missing).\n";
  }
  return kExitOk;
}

}  // namespace adl::cli
