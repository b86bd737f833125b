// CLI tests of `adl simulate` and `adl simulate merge` (spec/online.md):
// SIM-LINEAR-REGRET through the JSON output, SIM-SCENARIO-OCT10 against the
// published per-wave table and EMP-BOUND's 𝔅 (skipped without the data),
// SIM-SHARDS (sharded + merged == unsharded, byte for byte), reproducibility
// whatever --threads, and rejected input (exit 2, a message, nothing written).
//
// Expected values: (T/2)·λ·(1 − 1/M) derived in spec/online.md; D_t and θ⋆_t
// read from two_pass_by_wave.csv here; 𝔅 = 129,699,802.43 from EMP-BOUND; the
// loss Σ D_t·|θ_t − θ⋆_t| recomputed here from the per-round CSV.
#include "adl/emp/perwave.hpp"

#include <gtest/gtest.h>

#include "cli_harness.hpp"
#include "paths.hpp"

#include "adl/ref/number.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using adl::ref::parse_rational;
using adl::ref::Rational;
using adl::test::run_adl;
using adl::test::slurp;
using adl::test::temp_path;
using nlohmann::json;

// A fresh path that does not exist (temp_path creates the file; remove it).
std::string fresh_path(const std::string& stem) {
  const std::string p = temp_path(stem);
  fs::remove(p);
  return p;
}

// Cells of one CSV line (double quotes around a cell, no escaped quotes inside).
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string current;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  cells.push_back(current);
  return cells;
}

// The rows of a CSV file as maps from header to cell.
std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::istringstream in(slurp(path));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = csv_cells(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> cells = csv_cells(line);
    EXPECT_EQ(cells.size(), header.size()) << line;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

TEST(Simulate, AlternatingStaticPoliciesHaveLinearRegret) {
  // @spec SIM-LINEAR-REGRET — every static θ ∈ [1/M, 1] has dynamic regret (T/2)·λ·(1 − 1/M).
  // T = 10, λ = 3, M = 4: 5·3·3/4 = 45/4. T = 20, λ = 5/2, M = 3: 10·(5/2)·(2/3) = 50/3.
  struct Case {
    std::string rounds, deficit, m, expected;
    std::vector<std::string> thetas;
  };
  for (const Case& c :
       {Case{"10", "3", "4", "45/4", {"1/4", "1/2", "1"}}, Case{"20", "5/2", "3", "50/3", {"1/3", "0.6", "1"}}}) {
    std::vector<std::string> args = {"simulate", "--scenario", "alternating", "--rounds", c.rounds,    "--deficit",
                                     c.deficit,  "--m",        c.m,           "--json",   "--policies"};
    for (const std::string& t : c.thetas) args.push_back("static:theta=" + t);
    const auto r = run_adl(args);
    ASSERT_EQ(r.code, 0) << adl::test::describe(r);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["schema"], "adlref.simulate/1");
    ASSERT_EQ(doc["policies"].size(), c.thetas.size());
    for (const json& p : doc["policies"]) {
      EXPECT_EQ(parse_rational(p["mean"]["dynamic_regret"].get<std::string>()), parse_rational(c.expected))
          << p["policy"];
      EXPECT_EQ(parse_rational(p["per_seed"][0]["loss"].get<std::string>()), parse_rational(c.expected));
      // SIM-REGRET: a static policy's static regret against the best θ is ≥ 0; in [1/M, 1] the loss is flat.
      EXPECT_EQ(parse_rational(p["mean"]["static_regret"].get<std::string>()), 0) << p["policy"];
    }
  }
}

TEST(Simulate, Oct10ReproducesTheWavesAndTheOgdLoss) {
  // @spec SIM-SCENARIO-OCT10 — D_t and θ⋆_t of the 16 horizon-0 rows of two_pass_by_wave.csv in
  // time order; the tuned OGD loss equals Σ D_t·|θ_t − θ⋆_t| from the per-round CSV and is at
  // most 𝔅 = 129,699,802.43 (EMP-BOUND, THM-OGD-SEVERITY).
  const fs::path data = fs::path(adl::test::shared_dir()) / "data" / "oct10";
  const fs::path table = data / "per-wave" / "two_pass_by_wave.csv";
  if (!fs::exists(table)) GTEST_SKIP() << "October-10 data absent: " << table.string();
  auto waves = read_csv(table.string());
  waves.erase(std::remove_if(waves.begin(), waves.end(), [](const auto& w) { return w.at("eval_horizon_ms") != "0"; }),
              waves.end());
  std::stable_sort(waves.begin(), waves.end(), [](const auto& a, const auto& b) {
    return std::stoll(a.at("t_start_ms")) < std::stoll(b.at("t_start_ms"));
  });
  ASSERT_EQ(waves.size(), 16u);

  const std::string csv = fresh_path("sim_oct10_csv");
  const auto r = run_adl(
      {"simulate", "--scenario", "oct10", "--data", data.string(), "--policies", "ogd-tuned", "--csv", csv, "--json"});
  ASSERT_EQ(r.code, 0) << adl::test::describe(r);
  const auto rounds = read_csv(csv);
  ASSERT_EQ(rounds.size(), 16u);
  Rational loss = 0;
  for (std::size_t t = 0; t < 16; ++t) {
    auto row = rounds[t];
    EXPECT_EQ(row["t"], std::to_string(t + 1));
    const Rational d = parse_rational(row["bad_debt"]);
    EXPECT_EQ(d, parse_rational(waves[t]["deficit_usd"])) << "wave " << waves[t]["wave"];
    EXPECT_EQ(parse_rational(row["residual"]), d);  // IF ≡ 0
    const Rational theta_star = parse_rational(row["theta_star"]);
    Rational expected_star = parse_rational(waves[t]["theta_needed"]);
    expected_star = std::clamp(expected_star, Rational(0), Rational(1));
    EXPECT_EQ(theta_star, parse_rational(waves[t]["theta_needed_capped"]));
    EXPECT_EQ(theta_star, expected_star);
    const Rational theta = parse_rational(row["theta"]);
    loss += d * abs(theta - theta_star);
  }
  // The trajectory is projected OGD (SIM-CONTROLLERS): θ₁ = 1/2 and
  // θ(t+1) = clip[0,1](θ_t − η⋆·g_t), g_t = D_t·sign(θ_t − θ⋆_t), with the tuned step
  // η⋆ = ⌊10¹²·√((1 + 2P)/ΣD²)⌋/10¹² (SIM-ENGINES), P the path length of θ⋆ —
  // recomputed here from the published D_t and θ⋆_t, not taken from the program.
  Rational path = 0, sum_d2 = 0;
  for (std::size_t t = 0; t < 16; ++t) {
    const Rational d = parse_rational(waves[t]["deficit_usd"]);
    sum_d2 += d * d;
    if (t > 0) {
      path += abs(parse_rational(waves[t]["theta_needed_capped"]) -
                  parse_rational(waves[t - 1]["theta_needed_capped"]));
    }
  }
  const Rational eta = adl::ref::floor_sqrt((1 + 2 * path) / sum_d2, 12);
  ASSERT_GT(eta, 0);
  Rational theta(1, 2);
  for (std::size_t t = 0; t < 16; ++t) {
    EXPECT_EQ(parse_rational(rounds[t].at("theta")), theta) << "round " << t + 1;
    const Rational d = parse_rational(waves[t]["deficit_usd"]);
    const Rational star = parse_rational(waves[t]["theta_needed_capped"]);
    const Rational g = theta > star ? d : theta < star ? Rational(-d) : Rational(0);
    theta = std::clamp(Rational(theta - eta * g), Rational(0), Rational(1));
  }
  const json doc = json::parse(r.out);
  const Rational reported = parse_rational(doc["policies"][0]["mean"]["loss"].get<std::string>());
  EXPECT_EQ(reported, loss);
  EXPECT_LE(loss, parse_rational("129699802.43"));
  EXPECT_GT(loss, 0);
  fs::remove(csv);
}

std::vector<std::string> sweep_args(const std::string& engine) {
  return {"simulate", "--scenario", "pareto", "--rounds",   "12",        "--winners",
          "25",       "--losers",   "5",      "--seeds",    "5",         "--seed",
          "3",        "--engine",   engine,   "--policies", "ogd-tuned", "static:theta=1/2/queue",
          "omd",      "--json"};
}

TEST(Simulate, ShardsMergeToTheUnshardedRunByteForByte) {
  // @spec SIM-SHARDS — shards 1/2 and 2/2 merged give the unsharded run's JSON and result file, byte for
  // byte, with the exact and the fast engine; merging in either order gives the same bytes.
  for (const std::string engine : {"exact", "fast"}) {
    const std::string whole = fresh_path("sim_whole"), a = fresh_path("sim_a"), b = fresh_path("sim_b"),
                      merged = fresh_path("sim_merged"), merged2 = fresh_path("sim_merged2");
    auto args = sweep_args(engine);
    auto with = [&](std::vector<std::string> extra) {
      auto v = args;
      v.insert(v.end(), extra.begin(), extra.end());
      return v;
    };
    const auto full = run_adl(with({"--out", whole}));
    ASSERT_EQ(full.code, 0) << adl::test::describe(full);
    const auto s1 = run_adl(with({"--shard", "1/2", "--out", a}));
    const auto s2 = run_adl(with({"--shard", "2/2", "--out", b}));
    ASSERT_EQ(s1.code, 0) << adl::test::describe(s1);
    ASSERT_EQ(s2.code, 0) << adl::test::describe(s2);
    // Seeds 3..7: shard 1/2 holds the even ones (s mod 2 = 0), shard 2/2 the odd ones.
    EXPECT_EQ(json::parse(s1.out)["seeds"], json::parse("[4, 6]"));
    EXPECT_EQ(json::parse(s2.out)["seeds"], json::parse("[3, 5, 7]"));
    const auto m = run_adl({"simulate", "merge", a, b, "--json", "--out", merged});
    ASSERT_EQ(m.code, 0) << adl::test::describe(m);
    EXPECT_EQ(m.out, full.out) << engine;
    EXPECT_EQ(slurp(merged), slurp(whole)) << engine;
    const auto m2 = run_adl({"simulate", "merge", b, a, "--json", "--out", merged2});
    ASSERT_EQ(m2.code, 0) << adl::test::describe(m2);
    EXPECT_EQ(m2.out, full.out);
    EXPECT_EQ(slurp(merged2), slurp(whole));
    for (const auto& f : {whole, a, b, merged, merged2}) fs::remove(f);
  }
}

TEST(Simulate, SameSeedsSameBytesWhateverTheThreads) {
  // @spec SIM-ROUND — a run is a pure function of (scenario, parameters, seed): --threads 1 and 3 give
  // the same JSON and the same per-round CSV, and so does a second run.
  for (const std::string engine : {"exact", "fast"}) {
    std::vector<std::string> outs, csvs;
    for (const std::string threads : {"1", "3", "1"}) {
      const std::string csv = fresh_path("sim_threads_csv");
      auto args = sweep_args(engine);
      args.insert(args.end(), {"--threads", threads, "--csv", csv});
      const auto r = run_adl(args);
      ASSERT_EQ(r.code, 0) << adl::test::describe(r);
      outs.push_back(r.out);
      csvs.push_back(slurp(csv));
      fs::remove(csv);
    }
    EXPECT_EQ(outs[0], outs[1]);
    EXPECT_EQ(outs[0], outs[2]);
    EXPECT_EQ(csvs[0], csvs[1]);
    EXPECT_EQ(csvs[0], csvs[2]);
    // 5 seeds × 3 policies × 12 rounds + the header.
    EXPECT_EQ(std::count(csvs[0].begin(), csvs[0].end(), '\n'), 5 * 3 * 12 + 1);
  }
}

void expect_rejected(const std::vector<std::string>& args, const std::string& message, const std::string& file) {
  const auto r = run_adl(args);
  EXPECT_EQ(r.code, 2) << adl::test::describe(r);
  EXPECT_NE(r.err.find(message), std::string::npos) << "expected '" << message << "' in: " << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(file)) << file << " was written";
}

TEST(Simulate, BadInputIsRejectedAndNothingIsWritten) {
  // @spec SIM-SHARDS
  // @spec SIM-CONTROLLERS — unknown scenario or policy, T ≤ 0, a malformed shard, a merge of files from
  // different runs or of the same shard twice: exit 2, a message naming the problem, no file.
  const std::string out = fresh_path("sim_bad_out");
  const std::string csv = fresh_path("sim_bad_csv");
  const std::vector<std::string> base = {"simulate", "--rounds", "4",     "--policies", "static",
                                         "--csv",    csv,        "--out", out};
  auto with = [&](std::vector<std::string> extra) {
    auto v = base;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };
  expect_rejected(with({"--scenario", "gaussian"}), "--scenario must be pareto, alternating or oct10", out);
  expect_rejected(with({"--scenario", "alternating", "--policies", "sgd"}), "'sgd'", out);
  expect_rejected(with({"--scenario", "alternating", "--policies", "static:theta=2"}), "static:theta=2", out);
  expect_rejected({"simulate", "--scenario", "alternating", "--rounds", "0", "--policies", "static", "--out", out},
                  "--rounds must be a positive integer", out);
  expect_rejected({"simulate", "--scenario", "pareto", "--rounds", "-3", "--policies", "static", "--out", out},
                  "--rounds must be a positive integer", out);
  expect_rejected({"simulate", "--scenario", "alternating", "--rounds", "5", "--policies", "static", "--out", out},
                  "even", out);
  for (const std::string shard : {"3/2", "0/2", "x", "1/", "1/0", "-1/2"}) {
    expect_rejected(with({"--scenario", "alternating", "--shard", shard}), "--shard must be I/K", out);
  }
  expect_rejected(
      {"simulate", "--scenario", "alternating", "--rounds", "4", "--policies", "static", "--out", out, "--csv", out},
      "another option writes too", out);
  expect_rejected({"simulate", "--scenario", "alternating", "--rounds", "4", "--policies", "static", "--shard", "1/2"},
                  "--shard writes a result file", out);
  EXPECT_FALSE(fs::exists(csv));

  // Merge: two files from different parameters; the same shard twice; not a result file.
  const std::string a = fresh_path("sim_bad_a"), b = fresh_path("sim_bad_b"), c = fresh_path("sim_bad_c");
  ASSERT_EQ(run_adl({"simulate", "--scenario", "alternating", "--rounds", "4", "--policies", "static", "--seeds", "2",
                     "--shard", "1/2", "--out", a})
                .code,
            0);
  ASSERT_EQ(run_adl({"simulate", "--scenario", "alternating", "--rounds", "6", "--policies", "static", "--seeds", "2",
                     "--shard", "2/2", "--out", b})
                .code,
            0);
  adl::test::write_file(c, "{\"schema\": \"something else\"}\n");
  expect_rejected({"simulate", "merge", a, b, "--out", out}, "other parameters", out);
  expect_rejected({"simulate", "merge", a, a, "--out", out}, "given twice", out);
  expect_rejected({"simulate", "merge", c, "--out", out}, "not an adl simulate result file", out);
  expect_rejected({"simulate", "merge", fresh_path("sim_missing"), "--out", out}, "cannot read", out);
  for (const auto& f : {a, b, c}) fs::remove(f);
}

TEST(Simulate, MergeRejectsAMalformedResultFileAtItsLineAndField) {
  // @spec SIM-SHARDS
  // @spec FMT-ERRORS — a result file with a value of the wrong type or out of its domain is rejected as
  // FILE:LINE:COLUMN: field 'F': …, exit 2, nothing written.
  const std::string good = fresh_path("sim_malformed_good"), bad = fresh_path("sim_malformed_bad"),
                    out = fresh_path("sim_malformed_out");
  ASSERT_EQ(run_adl({"simulate", "--scenario", "alternating", "--rounds", "4", "--policies", "static", "--seeds", "2",
                     "--shard", "1/2", "--out", good})
                .code,
            0);
  const nlohmann::ordered_json file = nlohmann::ordered_json::parse(slurp(good));
  ASSERT_FALSE(file["results"].empty());
  struct Case {
    std::string field;    // the key path the error must name
    std::string written;  // how the broken member reads in the file (locates its line)
    std::function<void(nlohmann::ordered_json&)> breaks;
  };
  const std::vector<Case> cases = {
      {"results[0].policies[0].totals.loss", "\"loss\": 1,",
       [](nlohmann::ordered_json& j) { j["results"][0]["policies"][0]["totals"]["loss"] = 1; }},
      {"results[0].policies[0].totals.touched", "\"touched\": -1,",
       [](nlohmann::ordered_json& j) { j["results"][0]["policies"][0]["totals"]["touched"] = -1; }},
      {"parameters.rounds", "\"rounds\": \"x\",", [](nlohmann::ordered_json& j) { j["parameters"]["rounds"] = "x"; }},
      {"results[0].seed", "\"seed\": \"2\",", [](nlohmann::ordered_json& j) { j["results"][0]["seed"] = "2"; }},
  };
  for (const Case& c : cases) {
    nlohmann::ordered_json broken = file;
    c.breaks(broken);
    const std::string text = broken.dump(2) + "\n";
    const std::size_t at = text.find(c.written);
    ASSERT_NE(at, std::string::npos) << c.written << " in " << text;
    const std::string line = std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
    adl::test::write_file(bad, text);
    const auto r = run_adl({"simulate", "merge", bad, "--out", out});
    EXPECT_EQ(r.code, 2) << c.field << ": " << adl::test::describe(r);
    EXPECT_EQ(r.err.rfind(bad + ":" + line + ":", 0), 0U)
        << c.field << ": expected " << bad << ":" << line << ": in " << r.err;
    EXPECT_NE(r.err.find("field '" + c.field + "'"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(out)) << out << " was written";
  }
  // Not JSON at all: the reader's position of the first bad character.
  adl::test::write_file(bad, "{\"schema\": \"adlref.simulate-result/1\",\n  \"command\": }\n");
  expect_rejected({"simulate", "merge", bad, "--out", out}, bad + ":2:", out);
  for (const auto& f : {good, bad}) fs::remove(f);
}

}  // namespace
