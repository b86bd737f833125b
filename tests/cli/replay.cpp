// `adl replay` on the October-10 data (spec/empirical.md). The expected numbers
// are the list and the reference's §8 table (published values), and
// the worked queue clusters are read from the data's own example file — never
// from the program's output. Tests that need ../shared/data/oct10 skip with a
// message when it is absent.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adl/ref/number.hpp"
#include "cli_harness.hpp"

namespace {

using namespace adl::test;
namespace fs = std::filesystem;
using nlohmann::json;

fs::path data_dir() { return fs::path(shared_dir()) / "data" / "oct10"; }

#define REQUIRE_OCT10()                                                                   \
  do {                                                                                    \
    if (!fs::is_directory(data_dir() / "per-wave")) {                                     \
      GTEST_SKIP() << "October-10 data not found at " << data_dir().string()              \
                   << " (set ADL_SHARED_DIR to the folder holding data/oct10); skipping"; \
    }                                                                                     \
  } while (0)

const json& replay_json() {
  static const json doc = [] {
    const Result r = run_adl({"replay", data_dir().string(), "--json"});
    EXPECT_EQ(r.code, 0) << describe(r);
    return json::parse(r.out);
  }();
  return doc;
}

// Cents as an integer, so "to the cent" is an exact comparison.
long long cents(const json& number) { return std::llround(number.get<double>() * 100.0); }

// EMP-HEADLINES, EMP-OVERSHOOT: the totals, to the cent.
TEST(replay, TotalsToTheCent) {
  REQUIRE_OCT10();
  const json& t = replay_json().at("totals");
  EXPECT_EQ(t.at("waves"), 16);
  EXPECT_EQ(cents(t.at("deficit_usd")), 10006338669LL);   // 100,063,386.69
  EXPECT_EQ(cents(t.at("needed_usd")), 1507966961LL);     // 15,079,669.61
  EXPECT_EQ(cents(t.at("prod_usd")), 6010833533LL);       // 60,108,335.33
  EXPECT_EQ(cents(t.at("overshoot_usd")), 4502866572LL);  // 45,028,665.72
  EXPECT_EQ(cents(t.at("band_min_usd")), 4502866572LL);
  EXPECT_EQ(cents(t.at("band_max_usd")), 5167360661LL);  // 51,673,606.61
  EXPECT_EQ(t.at("band_max_horizon_ms"), 500);
  EXPECT_EQ(t.at("waves_undershoot"), 6);                     // reference §8: O_t < 0 in 6/16 waves
  EXPECT_EQ(cents(t.at("overshoot_abs_usd")), 5378249053LL);  // Σ|O_t| = 53.78 M (reference §8)
  // The exact value is carried beside the rounded one.
  EXPECT_EQ(t.at("exact").at("deficit_usd"), "1000633866859474909053/10000000000000");
}

// EMP-OVERSHOOT: the horizon sweep of the reference §7.
TEST(replay, HorizonSweep) {
  REQUIRE_OCT10();
  const json& h = replay_json().at("horizons");
  ASSERT_EQ(h.size(), 5u);
  const std::vector<std::pair<int, long long>> want{
      {0, 4502866572LL}, {500, 5167360661LL}, {1000, 5101212323LL}, {2000, 4744669211LL}, {5000, 4927347502LL}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(h[i].at("horizon_ms"), want[i].first);
    EXPECT_EQ(cents(h[i].at("overshoot_usd")), want[i].second) << "horizon " << want[i].first;
  }
}

// EMP-LOSS-TABLE, EMP-BOUND: the online-learning paper's loss table, the bound
// and the ratios, to the digits.
TEST(replay, LossTableBoundAndRatios) {
  REQUIRE_OCT10();
  const json& doc = replay_json();
  std::map<std::string, json> by_name;
  for (const json& p : doc.at("policies")) by_name[p.at("name")] = p;
  ASSERT_EQ(by_name.size(), 7u);
  EXPECT_EQ(cents(by_name.at("prod").at("l1_usd")), 6485952221LL);                   // 64,859,522.21
  EXPECT_EQ(cents(by_name.at("contract_pr").at("l1_usd")), 340418500LL);             // 3,404,185.00
  EXPECT_EQ(cents(by_name.at("vector").at("l1_usd")), 441336761LL);                  // 4,413,367.61
  EXPECT_EQ(cents(by_name.at("fixed_point_ilp_integer").at("l1_usd")), 10620581LL);  // 106,205.81
  EXPECT_EQ(cents(by_name.at("pr").at("l1_usd")), 273243729LL);                      // 2,732,437.29
  // L¹ = T + F exactly (the rounded cents may differ by one), and min–max is
  // its own fairness reference.
  for (const auto& [name, p] : by_name) {
    const json& e = p.at("exact");
    EXPECT_EQ(adl::ref::parse_rational(e.at("l1_usd").get<std::string>()),
              adl::ref::parse_rational(e.at("tracking_usd").get<std::string>()) +
                  adl::ref::parse_rational(e.at("fairness_usd").get<std::string>()))
        << name;
  }
  EXPECT_EQ(cents(by_name.at("fixed_point_ilp_integer").at("fairness_usd")), 0);

  const json& b = doc.at("bound");
  EXPECT_EQ(std::llround(b.at("bound_usd").get<double>() / 1e4), 12970LL);  // ≈ $129.70 M
  const auto pct = [&](const char* name, double scale) {
    return std::llround(by_name.at(name).at("ratio_to_bound").get<double>() * 100.0 * scale);
  };
  EXPECT_EQ(pct("prod", 10), 500);          // 50.0 %
  EXPECT_EQ(pct("contract_pr", 100), 262);  // 2.62 %
  EXPECT_EQ(pct("vector", 100), 340);       // 3.40 %
  // Production's loss in the bound's own loss is reported beside it.
  EXPECT_GT(b.at("prod_loss_capped_usd").get<double>(), 0.0);
  EXPECT_EQ(cents(b.at("prod_loss_uncapped_usd")), cents(by_name.at("prod").at("tracking_usd")));
}

// EMP-QUEUE-DIAG: the two worked clusters match the data's example file to 1e-6,
// under both tie-breaks; every cluster of every coin carries its deficit.
TEST(replay, QueueClustersMatchTheExamples) {
  REQUIRE_OCT10();
  std::ifstream in(data_dir() / "events" / "example_queue_clusters.csv");
  ASSERT_TRUE(in) << "example_queue_clusters.csv missing";
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<std::string>> examples;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    examples.push_back(cells);
  }
  ASSERT_EQ(examples.size(), 2u);
  for (const char* tie : {"pipeline", "file"}) {
    const Result r = run_adl({"replay", data_dir().string(), "--json", "--tie-break", tie});
    ASSERT_EQ(r.code, 0) << describe(r);
    const json doc = json::parse(r.out);
    for (const auto& ex : examples) {
      bool found = false;
      for (const json& c : doc.at("queue_clusters")) {
        if (c.at("coin") != ex[0] || c.at("cluster_id") != std::stoi(ex[1])) continue;
        found = true;
        EXPECT_EQ(c.at("t_start_ms"), std::stoll(ex[2]));
        const char* keys[] = {"deficit_usd", "total_capacity_usd", "budget_queue_usd", "overshoot_queue_usd",
                              "residual_queue_usd"};
        for (std::size_t k = 0; k < 5; ++k) {
          EXPECT_NEAR(c.at(keys[k]).get<double>(), std::stod(ex[4 + k]), 1e-6)
              << tie << " " << ex[0] << " " << ex[1] << " " << keys[k];
        }
      }
      EXPECT_TRUE(found) << "cluster " << ex[0] << " " << ex[1] << " missing (" << tie << ")";
    }
    EXPECT_TRUE(doc.at("queue").at("examples").at("within_tolerance").get<bool>());
  }
  // Every cluster of every coin has a deficit; MET has 11 clusters (data README).
  std::size_t met = 0;
  for (const json& c : replay_json().at("clusters")) {
    EXPECT_TRUE(c.contains("deficit_usd"));
    if (c.at("coin") == "MET") ++met;
  }
  EXPECT_EQ(met, 11u);
}

// EMP-WAVES, EMP-PROD-CONFORMANCE: waves match the published list; each check
// accounts for every row.
TEST(replay, EventWavesAndConformance) {
  REQUIRE_OCT10();
  const json& doc = replay_json();
  const json& waves = doc.at("event_waves").at("waves");
  ASSERT_EQ(waves.size(), 16u);  // excerpt_expected_waves.csv: waves 21–36
  EXPECT_EQ(waves.front().at("wave"), 21);
  for (const json& w : waves) EXPECT_TRUE(w.at("matches_published").get<bool>()) << w.dump();
  EXPECT_FALSE(doc.at("event_waves").at("deficits_recomputable").get<bool>());
  const json& conf = doc.at("conformance");
  EXPECT_EQ(conf.at("rows"), 250);
  ASSERT_EQ(conf.at("checks").size(), 5u);
  for (const json& c : conf.at("checks")) {
    EXPECT_EQ(c.at("checked").get<int>() + c.at("not_observable").get<int>(), 250) << c.at("name");
    EXPECT_LE(c.at("failing").get<int>(), c.at("checked").get<int>());
  }
}

// EMP-HEADLINES, EMP-BOUND: for people, each caveat sits next to its number.
TEST(replay, TextShowsCaveatsBesideNumbers) {
  REQUIRE_OCT10();
  const Result r = run_adl({"replay", data_dir().string()});
  ASSERT_EQ(r.code, 0) << describe(r);
  const auto near = [&](const std::string& number, const std::string& caveat) {
    const std::size_t a = r.out.find(number);
    const std::size_t b = r.out.find(caveat, a == std::string::npos ? 0 : a);
    return a != std::string::npos && b != std::string::npos && b - a < 1500;
  };
  EXPECT_TRUE(near("100,063,386.69", "[AMB-E-01]"));
  EXPECT_TRUE(near("45,028,665.72", "not a bound") || near("45,028,665.72", "is signed"));
  EXPECT_TRUE(near("129,699,802.43", "not a bound on production's loss"));
  EXPECT_TRUE(near("64,859,522.21", "after the fact"));
}

// EMP-REPORT: one self-contained HTML file with three inline SVG plots.
TEST(replay, HtmlReportRendersOffline) {
  REQUIRE_OCT10();
  const std::string path = temp_path("replay") + ".html";
  const Result r = run_adl({"replay", data_dir().string(), "--report", path});
  ASSERT_EQ(r.code, 0) << describe(r);
  const std::string html = slurp(path);
  std::size_t svgs = 0;
  for (std::size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  EXPECT_EQ(svgs, 3u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  for (const char* text : {"B_needed", "Δ = 500 ms", "129,699,802.43", "64,859,522.21", "not a bound"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  fs::remove(path);
}

// FMT-ERRORS: bad requests exit 2 and write nothing.
TEST(replay, BadRequestsExitTwoAndWriteNothing) {
  const Result missing = run_adl({"replay", "/nonexistent/oct10", "--json"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_NE(missing.err.find("not found"), std::string::npos) << missing.err;

  REQUIRE_OCT10();
  const Result tie = run_adl({"replay", data_dir().string(), "--tie-break", "random"});
  EXPECT_EQ(tie.code, 2);
  EXPECT_NE(tie.err.find("--tie-break"), std::string::npos);
  const Result beta = run_adl({"replay", data_dir().string(), "--beta", "nan"});
  EXPECT_EQ(beta.code, 2);

  const std::string unwritable = "/nonexistent-dir/report.html";
  const Result report = run_adl({"replay", data_dir().string(), "--report", unwritable});
  EXPECT_EQ(report.code, 2);
  EXPECT_TRUE(report.out.empty());
  EXPECT_FALSE(fs::exists(unwritable));
}

// A copy of the data with one broken cell, and one without events/ (the copy
// lives in a temporary folder, never in the repository).
fs::path copy_per_wave(const std::string& stem) {
  const fs::path root = fs::path(temp_path(stem) + ".d");
  fs::create_directories(root);
  fs::copy(data_dir() / "per-wave", root / "per-wave", fs::copy_options::recursive);
  return root;
}

// EMP-PERWAVE-TABLES, FMT-ERRORS: a corrupted cell is an error naming file, line and field.
TEST(replay, CorruptedCellNamesFileLineAndField) {
  REQUIRE_OCT10();
  const fs::path root = copy_per_wave("corrupt");
  const fs::path file = root / "per-wave" / "two_pass_by_wave.csv";
  std::string text = slurp(file.string());
  // Line 3 is wave 2 at horizon 0; its deficit_usd (6th column) becomes text.
  std::vector<std::string> lines;
  std::stringstream s(text);
  for (std::string l; std::getline(s, l);) lines.push_back(l);
  ASSERT_GT(lines.size(), 3u);
  std::vector<std::string> cells;
  std::stringstream row(lines[2]);
  for (std::string c; std::getline(row, c, ',');) cells.push_back(c);
  cells[5] = "NaN";
  std::string joined;
  for (std::size_t i = 0; i < cells.size(); ++i) joined += (i ? "," : "") + cells[i];
  lines[2] = joined;
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  write_file(file.string(), out);

  const Result r = run_adl({"replay", root.string(), "--json"});
  EXPECT_EQ(r.code, 2) << describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("two_pass_by_wave.csv:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("deficit_usd"), std::string::npos) << r.err;
  fs::remove_all(root);
}

// EMP-REPLAY-JSON: without events/ the per-wave numbers still come out and the
// event sections are null with a note.
TEST(replay, WithoutEventsTheEventSectionsAreNull) {
  REQUIRE_OCT10();
  const fs::path root = copy_per_wave("noevents");
  const Result r = run_adl({"replay", root.string(), "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(cents(doc.at("totals").at("deficit_usd")), 10006338669LL);
  EXPECT_TRUE(doc.at("queue_clusters").is_null());
  EXPECT_TRUE(doc.at("conformance").is_null());
  EXPECT_NE(doc.at("missing").get<std::string>().find("events/"), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
