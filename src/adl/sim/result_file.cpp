// The result file of a sharded sweep and its exact merge (spec/online.md, SIM-SHARDS).
#include "adl/sim/result_file.hpp"

#include "adl/ref/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

namespace adl::sim {
namespace {

using nlohmann::ordered_json;

std::string exact(const Rational& x) { return ref::to_fraction(x); }

std::string dump(const ordered_json& document) {
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

[[noreturn]] void fail(const std::string& message) { throw ref::InvalidInput(message); }

// The exact totals a result file stores, in file order. `dynamic_regret` repeats `loss` for
// readers (the comparator θ⋆ has loss 0) and is not read back.
struct TotalsField {
  const char* key;
  Rational SeedTotals::*member;
  bool read_back;
};
constexpr TotalsField kTotalsFields[] = {
    {"loss", &SeedTotals::loss, true},           {"static_regret", &SeedTotals::static_regret, true},
    {"dynamic_regret", &SeedTotals::loss, false}, {"best_static_theta", &SeedTotals::best_static_theta, true},
    {"path_length", &SeedTotals::path_length, true}, {"sum_r2", &SeedTotals::sum_r2, true},
    {"max_r", &SeedTotals::max_r, true},         {"tracking", &SeedTotals::tracking, true},
    {"fairness", &SeedTotals::fairness, true},   {"objective", &SeedTotals::objective, true},
    {"class_regret", &SeedTotals::class_regret, true}, {"uncovered", &SeedTotals::uncovered, true},
    {"budget", &SeedTotals::budget, true},       {"final_fund", &SeedTotals::final_fund, true},
    {"churn", &SeedTotals::churn, true}};

Rational parse_exact(const ordered_json& j, const std::string& what, const std::string& file) {
  if (!j.is_string()) fail("merge: " + file + ": " + what + " is not an exact number string");
  try {
    return ref::parse_rational(j.get<std::string>());
  } catch (const std::invalid_argument& e) {
    fail("merge: " + file + ": " + what + ": " + e.what());
  }
}

bool malformed_bound(const ordered_json& b) {
  return !b.is_object() || !b.contains("name") || !b["name"].is_string() || !b.contains("claim") ||
         !b["claim"].is_string() || !b.contains("holds") || !b["holds"].is_boolean() || !b.contains("verdict") ||
         !b.contains("regret") || !b.contains("value") || !b.contains("realized");
}

SeedTotals totals_from_json(const ordered_json& j, const std::string& file) {
  if (!j.is_object()) fail("merge: " + file + ": a policy's totals are not an object");
  SeedTotals t;
  for (const TotalsField& field : kTotalsFields) {
    if (!field.read_back) continue;
    if (!j.contains(field.key)) fail("merge: " + file + ": totals lack '" + field.key + "'");
    t.*field.member = parse_exact(j[field.key], field.key, file);
  }
  if (!j.contains("touched") || !j["touched"].is_number_unsigned()) {
    fail("merge: " + file + ": totals lack a whole 'touched'");
  }
  t.touched = j["touched"].get<std::size_t>();
  if (!j.contains("bounds") || !j["bounds"].is_array()) fail("merge: " + file + ": totals lack 'bounds'");
  for (const ordered_json& b : j["bounds"]) {
    if (malformed_bound(b)) fail("merge: " + file + ": a malformed bound entry");
    t.bounds.push_back({b["name"].get<std::string>(), b["claim"].get<std::string>(), b["verdict"] == "PROVED", true,
                        b["regret"] == "dynamic", parse_exact(b["value"], "bound value", file),
                        parse_exact(b["realized"], "bound realized", file), b["holds"].get<bool>()});
  }
  return t;
}

// The sweep's parameters from a file's `parameters` (already the same in every file).
SweepParameters parameters_from_json(const ordered_json& j, const std::vector<std::string>& policy_names) {
  SweepParameters p;
  p.scenario = j.at("scenario").get<std::string>();
  p.rounds = j.at("rounds").get<std::size_t>();
  p.policy_names = policy_names;
  for (const std::string& n : policy_names) p.policies.push_back(parse_policy(n));
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
    p.pareto.alpha_win = p.alpha_win.convert_to<double>();
    p.pareto.alpha_loss = p.alpha_loss.convert_to<double>();
    p.pareto.fee_rate = ref::parse_rational(s.at("fee_rate").get<std::string>());
  } else if (p.scenario == "alternating") {
    p.alternating.rounds = p.rounds;
    p.alternating.lambda = ref::parse_rational(s.at("deficit").get<std::string>());
    p.alternating.m = ref::parse_rational(s.at("m").get<std::string>());
    p.alternating.winners = s.at("winners").get<std::size_t>();
  } else {
    p.oct10_winners = s.at("winners").get<std::size_t>();
  }
  return p;
}

// What the files agree on so far, and the seeds they hold.
struct MergeState {
  std::optional<ordered_json> parameters;
  std::string command;
  std::optional<std::uint64_t> shard_count;
  std::set<std::uint64_t> shard_indices;
  std::map<std::uint64_t, SeedResult> by_seed;
  std::vector<std::string> policy_names;
};

ordered_json read_document(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("merge: cannot read '" + file + "'");
  ordered_json doc;
  try {
    doc = ordered_json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    fail("merge: " + file + ": not a JSON result file (" + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != kResultSchema) {
    fail("merge: " + file + ": not an adl simulate result file (schema " + kResultSchema +
         "; write one with adl simulate --out FILE)");
  }
  if (!doc.contains("parameters") || !doc.contains("shard") || !doc["shard"].is_string() ||
      !doc.contains("results") || !doc["results"].is_array() || !doc.contains("command")) {
    fail("merge: " + file + ": incomplete result file");
  }
  return doc;
}

// The seeds of one file's shard `shard`.
void read_seeds(const ordered_json& results, const std::string& file, const Shard& shard, MergeState& state) {
  const std::string shard_text = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  for (const ordered_json& seed_entry : results) {
    if (!seed_entry.contains("seed") || !seed_entry["seed"].is_number_unsigned() ||
        !seed_entry.contains("policies") || !seed_entry["policies"].is_array() ||
        seed_entry["policies"].size() != state.policy_names.size()) {
      fail("merge: " + file + ": a malformed seed entry");
    }
    SeedResult r;
    r.seed = seed_entry["seed"].get<std::uint64_t>();
    if (r.seed % shard.count != shard.index - 1) {
      fail("merge: " + file + ": seed " + std::to_string(r.seed) + " does not belong to shard " + shard_text);
    }
    for (std::size_t q = 0; q < state.policy_names.size(); ++q) {
      const ordered_json& pe = seed_entry["policies"][q];
      if (!pe.contains("policy") || pe["policy"] != state.policy_names[q] || !pe.contains("totals")) {
        fail("merge: " + file + ": seed " + std::to_string(r.seed) + " lists the policies out of order");
      }
      r.policies.push_back(totals_from_json(pe["totals"], file));
    }
    if (!state.by_seed.emplace(r.seed, std::move(r)).second) {
      fail("merge: seed " + seed_entry["seed"].dump() + " appears in more than one file (" + file + ")");
    }
  }
}

void read_file(const std::string& file, const std::string& first_file, MergeState& state) {
  ordered_json doc = read_document(file);
  if (!state.parameters) {
    state.parameters = doc["parameters"];
    state.command = doc["command"].get<std::string>();
  } else if (doc["parameters"] != *state.parameters) {
    fail("merge: " + file + " was run with other parameters than " + first_file + " (compare their \"parameters\")");
  }
  const Shard shard = parse_shard(doc["shard"].get<std::string>());
  const std::string shard_text = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  if (state.shard_count && *state.shard_count != shard.count) {
    fail("merge: " + file + " is shard " + shard_text + " but an earlier file splits the seeds into " +
         std::to_string(*state.shard_count) + " shards");
  }
  state.shard_count = shard.count;
  if (!state.shard_indices.insert(shard.index).second) {
    fail("merge: shard " + shard_text + " is given twice (" + file + ")");
  }
  const ordered_json& names = (*state.parameters)["policies"];
  if (!names.is_array()) fail("merge: " + file + ": parameters lack the policy list");
  state.policy_names = names.get<std::vector<std::string>>();
  read_seeds(doc["results"], file, shard, state);
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const std::string message = "--shard must be I/K with whole numbers 1 <= I <= K (e.g. 2/8), got '" + text + "'";
  const std::size_t slash = text.find('/');
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) fail(message);
  Shard shard{std::stoull(text.substr(0, slash)), std::stoull(text.substr(slash + 1))};
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) fail(message);
  return shard;
}

ordered_json parameters_json(const SweepParameters& p) {
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

ordered_json seed_totals_json(const SeedTotals& t) {
  ordered_json j;
  for (const TotalsField& field : kTotalsFields) j[field.key] = exact(t.*field.member);
  j["touched"] = t.touched;
  ordered_json bounds = ordered_json::array();
  for (const Bound& b : t.bounds) {
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

std::string result_file_text(const RunSummary& summary) {
  ordered_json doc;
  doc["schema"] = kResultSchema;
  doc["command"] = summary.command;
  doc["parameters"] = parameters_json(summary.parameters);
  doc["shard"] = summary.shard;
  ordered_json seeds = ordered_json::array();
  for (const SeedResult& r : summary.seeds) {
    ordered_json policies = ordered_json::array();
    for (std::size_t k = 0; k < r.policies.size(); ++k) {
      policies.push_back({{"policy", summary.parameters.policy_names[k]}, {"totals", seed_totals_json(r.policies[k])}});
    }
    seeds.push_back({{"seed", r.seed}, {"policies", policies}});
  }
  doc["results"] = seeds;
  return dump(doc);
}

RunSummary merge_result_files(const std::vector<std::string>& files) {
  MergeState state;
  for (const std::string& file : files) read_file(file, files.front(), state);
  const ordered_json& j = *state.parameters;
  SweepParameters p;
  try {
    p = parameters_from_json(j, state.policy_names);
  } catch (const std::exception& e) {
    fail("merge: " + files.front() + ": malformed parameters (" + e.what() + ")");
  }
  if (parameters_json(p) != j || canonical_command(p) != state.command) {
    fail("merge: " + files.front() + ": parameters and command do not agree");
  }
  std::vector<SeedResult> seeds;
  for (auto& [seed, r] : state.by_seed) {
    if (seed < p.first_seed || seed - p.first_seed >= p.seed_count) {
      fail("merge: seed " + std::to_string(seed) + " lies outside the run's seed range");
    }
    seeds.push_back(std::move(r));
  }
  const bool complete = seeds.size() == p.seed_count;
  return summarise(std::move(p), std::move(seeds), complete ? "1/1" : "partial");
}

}  // namespace adl::sim
