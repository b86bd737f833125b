// The result file of a sharded sweep and its exact merge (spec/online.md, SIM-SHARDS).
// Written with nlohmann (the JSON writer); read back with the one reader of input,
// io::parse_json and io::Fields, so a malformed file is rejected at its line and column.
#include "adl/sim/result_file.hpp"

#include "adl/io/error.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>
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
constexpr TotalsField kTotalsFields[] = {{"loss", &SeedTotals::loss, true},
                                         {"static_regret", &SeedTotals::static_regret, true},
                                         {"dynamic_regret", &SeedTotals::loss, false},
                                         {"best_static_theta", &SeedTotals::best_static_theta, true},
                                         {"path_length", &SeedTotals::path_length, true},
                                         {"sum_r2", &SeedTotals::sum_r2, true},
                                         {"max_r", &SeedTotals::max_r, true},
                                         {"tracking", &SeedTotals::tracking, true},
                                         {"fairness", &SeedTotals::fairness, true},
                                         {"objective", &SeedTotals::objective, true},
                                         {"class_regret", &SeedTotals::class_regret, true},
                                         {"uncovered", &SeedTotals::uncovered, true},
                                         {"budget", &SeedTotals::budget, true},
                                         {"final_fund", &SeedTotals::final_fund, true},
                                         {"churn", &SeedTotals::churn, true}};

using io::JsonValue;
using Kind = JsonValue::Kind;

// The members of one object of a result file, each read with its position so that a
// malformed value is rejected as FILE:LINE:COLUMN: field 'F' (FMT-ERRORS).
class ObjectReader {
 public:
  ObjectReader(const io::Fields& fields, const JsonValue& object, std::string path)
      : fields_(fields), object_(object), path_(std::move(path)) {
    fields_.expect(object_, Kind::Object, path_);
  }

  [[nodiscard]] const io::Fields& fields() const { return fields_; }
  [[nodiscard]] std::string path(std::string_view key) const { return io::json_path(path_, key); }
  [[nodiscard]] const JsonValue& value(std::string_view key) const { return fields_.required(object_, path_, key); }

  [[nodiscard]] const JsonValue& typed(std::string_view key, Kind kind) const {
    const JsonValue& v = value(key);
    fields_.expect(v, kind, path(key));
    return v;
  }
  [[nodiscard]] ObjectReader object(std::string_view key) const { return {fields_, value(key), path(key)}; }
  [[nodiscard]] const std::string& text(std::string_view key) const { return typed(key, Kind::String).text; }
  [[nodiscard]] bool boolean(std::string_view key) const { return typed(key, Kind::Boolean).boolean; }
  // An exact rational written as a string (ref::to_fraction), so nothing is ever rounded.
  [[nodiscard]] Rational exact(std::string_view key) const {
    return fields_.number(fields_.member_cell(object_, path_, key, io::Accept::Text), io::Rule::Any);
  }
  [[nodiscard]] std::size_t count(std::string_view key) const {
    return static_cast<std::size_t>(fields_.json_count(value(key), path(key)));
  }
  // Seeds span all of [0, 2^64): a whole number written with digits only, up to 2^64 − 1.
  [[nodiscard]] std::uint64_t seed(std::string_view key) const {
    const JsonValue& v = typed(key, Kind::Number);
    std::uint64_t out = 0;
    const char* end = v.text.data() + v.text.size();
    const auto [stop, error] = std::from_chars(v.text.data(), end, out);
    if (error == std::errc::result_out_of_range) {
      fields_.fail(v, path(key), v.text + " is too large (at most 2^64 - 1)");
    }
    if (error != std::errc() || stop != end) {
      fields_.fail(v, path(key), "expected a whole number >= 0 written with digits, found " + v.text);
    }
    return out;
  }
  // A string that must be `yes` or `no`: true for `yes`.
  [[nodiscard]] bool either(std::string_view key, std::string_view yes, std::string_view no) const {
    const std::string& t = text(key);
    if (t != yes && t != no) {
      fields_.fail(value(key), path(key),
                   "expected '" + std::string(yes) + "' or '" + std::string(no) + "', found '" + t + "'");
    }
    return t == yes;
  }

 private:
  const io::Fields& fields_;
  const JsonValue& object_;
  std::string path_;
};

SeedTotals totals_from_json(const ObjectReader& totals) {
  SeedTotals t;
  for (const TotalsField& field : kTotalsFields) {
    if (field.read_back) t.*field.member = totals.exact(field.key);
  }
  t.touched = totals.count("touched");
  const JsonValue& bounds = totals.typed("bounds", Kind::Array);
  for (std::size_t i = 0; i < bounds.items.size(); ++i) {
    const ObjectReader b(totals.fields(), bounds.items[i], io::json_path(totals.path("bounds"), i));
    t.bounds.push_back({b.text("name"), b.text("claim"), b.either("verdict", "PROVED", "REFUTED"), true,
                        b.either("regret", "dynamic", "static"), b.exact("value"), b.exact("realized"),
                        b.boolean("holds")});
  }
  return t;
}

// The sweep's parameters from the first file's `parameters`; the later files must hold the same.
SweepParameters parameters_from_json(const ObjectReader& j) {
  SweepParameters p;
  p.scenario = j.text("scenario");
  if (p.scenario != "pareto" && p.scenario != "alternating" && p.scenario != "oct10") {
    j.fields().fail(j.value("scenario"), j.path("scenario"),
                    "unknown scenario '" + p.scenario + "' (expected pareto, alternating or oct10)");
  }
  p.rounds = j.count("rounds");
  const JsonValue& names = j.typed("policies", Kind::Array);
  for (std::size_t i = 0; i < names.items.size(); ++i) {
    const std::string field = io::json_path(j.path("policies"), i);
    j.fields().expect(names.items[i], Kind::String, field);
    p.policy_names.push_back(names.items[i].text);
    try {
      p.policies.push_back(parse_policy(p.policy_names.back()));
    } catch (const std::invalid_argument& e) {
      j.fields().fail(names.items[i], field, e.what());
    }
  }
  const ObjectReader seeds = j.object("seeds");
  p.first_seed = seeds.seed("first");
  p.seed_count = seeds.seed("count");
  p.engine = j.text("engine");
  p.lambda = j.exact("lambda");
  const ObjectReader s = j.object("scenario_parameters");
  if (p.scenario == "pareto") {
    p.pareto.rounds = p.rounds;
    p.pareto.winners = s.count("winners");
    p.pareto.losers = s.count("losers");
    p.alpha_win = s.exact("alpha_win");
    p.alpha_loss = s.exact("alpha_loss");
    p.pareto.alpha_win = p.alpha_win.convert_to<double>();
    p.pareto.alpha_loss = p.alpha_loss.convert_to<double>();
    p.pareto.fee_rate = s.exact("fee_rate");
  } else if (p.scenario == "alternating") {
    p.alternating.rounds = p.rounds;
    p.alternating.lambda = s.exact("deficit");
    p.alternating.m = s.exact("m");
    p.alternating.winners = s.count("winners");
  } else {
    p.oct10_winners = s.count("winners");
  }
  return p;
}

// Equal JSON values, positions aside; numbers compare by their text (every result file writes
// them the same way).
bool same_json(const JsonValue& a, const JsonValue& b) {
  const auto same_member = [](const io::JsonMember& x, const io::JsonMember& y) {
    return x.key == y.key && same_json(x.value, y.value);
  };
  return a.kind == b.kind && a.text == b.text && a.boolean == b.boolean &&
         std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), same_json) &&
         std::equal(a.members.begin(), a.members.end(), b.members.begin(), b.members.end(), same_member);
}

// What the first file set (its parameters, read and checked once) and the seeds read so far.
struct MergeState {
  std::optional<JsonValue> parameters_value;
  SweepParameters parameters;
  std::optional<std::uint64_t> shard_count;
  std::set<std::uint64_t> shard_indices;
  std::map<std::uint64_t, SeedResult> by_seed;
};

JsonValue read_document(const std::string& file) {
  std::string text;
  try {
    text = io::read_text_file(file);
  } catch (const io::InputError& e) {
    fail("merge: cannot read '" + file + "' (" + e.message() + ")");
  }
  JsonValue doc = io::parse_json(text, file);
  const io::Fields fields(file);
  const JsonValue* schema = doc.kind == Kind::Object ? doc.find("schema") : nullptr;
  if (schema == nullptr || schema->kind != Kind::String || schema->text != kResultSchema) {
    fields.fail(schema != nullptr ? *schema : doc, "schema",
                std::string("not an adl simulate result file (schema ") + kResultSchema +
                    "; write one with adl simulate --out FILE)");
  }
  return doc;
}

// The seeds of one file's shard `shard`.
void read_seeds(const ObjectReader& doc, const Shard& shard, MergeState& state) {
  const std::string shard_text = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  const std::vector<std::string>& names = state.parameters.policy_names;
  const JsonValue& results = doc.typed("results", Kind::Array);
  for (std::size_t i = 0; i < results.items.size(); ++i) {
    const ObjectReader entry(doc.fields(), results.items[i], io::json_path(doc.path("results"), i));
    SeedResult r;
    r.seed = entry.seed("seed");
    if (r.seed % shard.count != shard.index - 1) {
      entry.fields().fail(entry.value("seed"), entry.path("seed"),
                          "seed " + std::to_string(r.seed) + " does not belong to shard " + shard_text);
    }
    const JsonValue& policies = entry.typed("policies", Kind::Array);
    if (policies.items.size() != names.size()) {
      entry.fields().fail(policies, entry.path("policies"),
                          "seed " + std::to_string(r.seed) + " lists " + std::to_string(policies.items.size()) +
                              " policies, the parameters name " + std::to_string(names.size()));
    }
    for (std::size_t q = 0; q < names.size(); ++q) {
      const ObjectReader pe(entry.fields(), policies.items[q], io::json_path(entry.path("policies"), q));
      if (pe.text("policy") != names[q]) {
        pe.fields().fail(
            pe.value("policy"), pe.path("policy"),
            "seed " + std::to_string(r.seed) + " lists the policies out of order (expected '" + names[q] + "')");
      }
      r.policies.push_back(totals_from_json(pe.object("totals")));
    }
    const std::uint64_t seed = r.seed;
    if (!state.by_seed.emplace(seed, std::move(r)).second) {
      fail("merge: seed " + std::to_string(seed) + " appears in more than one file (" + doc.fields().source() + ")");
    }
  }
}

void read_file(const std::string& file, const std::string& first_file, MergeState& state) {
  const JsonValue document = read_document(file);
  const io::Fields fields(file);
  const ObjectReader doc(fields, document, "");
  const std::string& command = doc.text("command");
  const ObjectReader parameters = doc.object("parameters");
  if (!state.parameters_value) {
    state.parameters = parameters_from_json(parameters);
    // Round trip: the parameters read back render to the same JSON and the same command, so the
    // merged summary is the one the unsharded command prints.
    const JsonValue rendered = io::parse_json(parameters_json(state.parameters).dump(), "parameters");
    if (!same_json(rendered, doc.value("parameters")) || canonical_command(state.parameters) != command) {
      fail("merge: " + file + ": parameters and command do not agree");
    }
    state.parameters_value = doc.value("parameters");
  } else if (!same_json(doc.value("parameters"), *state.parameters_value)) {
    fail("merge: " + file + " was run with other parameters than " + first_file + " (compare their \"parameters\")");
  }
  Shard shard;
  try {
    shard = parse_shard(doc.text("shard"));
  } catch (const ref::InvalidInput&) {
    fields.fail(doc.value("shard"), "shard",
                "expected I/K with whole numbers 1 <= I <= K, found '" + doc.text("shard") + "'");
  }
  const std::string shard_text = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  if (state.shard_count && *state.shard_count != shard.count) {
    fail("merge: " + file + " is shard " + shard_text + " but an earlier file splits the seeds into " +
         std::to_string(*state.shard_count) + " shards");
  }
  state.shard_count = shard.count;
  if (!state.shard_indices.insert(shard.index).second) {
    fail("merge: shard " + shard_text + " is given twice (" + file + ")");
  }
  read_seeds(doc, shard, state);
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
  SweepParameters p = std::move(state.parameters);
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
