// `adl compare` with no arguments: the embedded EX-5ACCT book at θ = 1/2.
// Every expected value is derived by hand from spec/model.md EX-5ACCT and
// spec/policies.md (never from the program's own output):
//   e = (10, 5, 1, −3, −12), c = (2, 1, 1/2, 0, 0), w = (8, 4, 1/2, 0, 0), D = 15, U = 25/2,
//   Δ = 12, B = θ·D = 15/2. Scores (4, 5, 3, ·, ·) give the queue order σ = (2, 1, 3):
//   x = (7/2, 4, 0, 0, 0), h = (7/16, 1, 0, 0, 0), e' = (13/2, 1, 1, −3, −12), υ^π = 9/2.
//   Pro-rata h = B/U = 3/5: x = (24/5, 12/5, 3/10), e' = (26/5, 13/5, 7/10, −3, −12), υ^π = 16/5.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace {

using namespace adl::test;

using nlohmann::json;

// @spec EX-5ACCT
// @spec POL-QUEUE
// @spec POL-PRO-RATA
TEST(CliCompare, DefaultBookHaircutTable) {
  const Result r = run_adl({"compare"});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_TRUE(r.err.empty()) << r.err;
  const ParsedTable h = table_after(r.out, "Haircut h per policy");
  ASSERT_TRUE(h.found) << r.out;
  ASSERT_EQ(h.header.size(), 8U) << r.out;  // account + seven policies
  ASSERT_EQ(h.rows.size(), 5U) << r.out;
  const std::vector<std::string> queue = {"7/16 (0.4375)", "1", "0", "0", "0"};
  const std::vector<std::string> pro_rata = {"3/5 (0.6)", "3/5 (0.6)", "3/5 (0.6)", "0", "0"};
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string account = std::to_string(i + 1);
    EXPECT_EQ(h.cell(account, "queue"), queue[i]) << "account " << account << "\n" << r.out;
    EXPECT_EQ(h.cell(account, "pro-rata"), pro_rata[i]) << "account " << account << "\n" << r.out;
    // Without caps, capped pro-rata is wealth pro-rata (POL-CAPPED-PRO-RATA).
    EXPECT_EQ(h.cell(account, "capped-pro-rata"), pro_rata[i]) << "account " << account;
  }
}

// @spec EX-5ACCT
// @spec DEF-POST-ADL-EQUITY
TEST(CliCompare, DefaultBookPostEquityTable) {
  const Result r = run_adl({"compare"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const ParsedTable e = table_after(r.out, "Post-ADL equity e' per policy");
  ASSERT_TRUE(e.found) << r.out;
  ASSERT_EQ(e.rows.size(), 5U) << r.out;
  const std::vector<std::string> queue = {"13/2 (6.5)", "1", "1", "-3", "-12"};
  const std::vector<std::string> pro_rata = {"26/5 (5.2)", "13/5 (2.6)", "7/10 (0.7)", "-3", "-12"};
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string account = std::to_string(i + 1);
    EXPECT_EQ(e.cell(account, "queue"), queue[i]) << "account " << account << "\n" << r.out;
    EXPECT_EQ(e.cell(account, "pro-rata"), pro_rata[i]) << "account " << account << "\n" << r.out;
  }
}

// @spec MET-PTSR
// @spec MET-PMR
TEST(CliCompare, DefaultBookPolicyRows) {
  const Result r = run_adl({"compare"});
  ASSERT_EQ(r.code, 0) << describe(r);
  // The header says which severity was used and why.
  EXPECT_NE(r.out.find("1/2 (0.5)  (default θ = 1/2, the paper's EX-5ACCT severity)"), std::string::npos) << r.out;
  const ParsedTable p = table_after(r.out, "Policies");
  ASSERT_TRUE(p.found) << r.out;
  ASSERT_EQ(p.rows.size(), 7U) << r.out;
  // Queue: υ^π = 9/2, PTSR = (9/2)/(15/2) = 3/5, PMR = (9/2)/(θ·Δ = 6) = 3/4,
  // max burden = max(7/2 / 10, 4/5) = 4/5, max haircut 1, two winners touched.
  EXPECT_EQ(p.cell("queue", "budget B"), "15/2 (7.5)");
  EXPECT_EQ(p.cell("queue", "top survivor υ^π"), "9/2 (4.5)");
  EXPECT_EQ(p.cell("queue", "PTSR"), "3/5 (0.6)");
  EXPECT_EQ(p.cell("queue", "PMR"), "3/4 (0.75)");
  EXPECT_EQ(p.cell("queue", "max burden"), "4/5 (0.8)");
  EXPECT_EQ(p.cell("queue", "max haircut"), "1");
  EXPECT_EQ(p.cell("queue", "winners touched"), "2");
  EXPECT_EQ(p.cell("queue", "valid"), "yes");
  // Pro-rata: υ^π = 16/5, PTSR = 32/75, PMR = 8/15, burden = 12/25 (= 24/5 / 10 = 12/5 / 5).
  EXPECT_EQ(p.cell("pro-rata", "top survivor υ^π"), "16/5 (3.2)");
  EXPECT_EQ(p.cell("pro-rata", "PTSR"), "32/75 (0.426667\u2026)");
  EXPECT_EQ(p.cell("pro-rata", "PMR"), "8/15 (0.533333\u2026)");
  EXPECT_EQ(p.cell("pro-rata", "max burden"), "12/25 (0.48)");
  EXPECT_EQ(p.cell("pro-rata", "max haircut"), "3/5 (0.6)");
  EXPECT_EQ(p.cell("pro-rata", "winners touched"), "3");
  for (const auto& row : p.rows) EXPECT_EQ(p.cell(row[0], "valid"), "yes") << row[0] << "\n" << r.out;
}

// @spec MET-MAJORIZATION
// @spec MET-SCHUR
TEST(CliCompare, DefaultBookMajorization) {
  const Result r = run_adl({"compare"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const auto lines = lines_of(r.out);
  const auto has = [&](const std::string& line) { return std::find(lines.begin(), lines.end(), line) != lines.end(); };
  // Sorted haircuts: queue (1, 7/16, 0), pro-rata (3/5, 3/5, 3/5), RAP = greedy (1, 1, 3/8),
  // min–max (15/16, 75/128, 75/128). Capped pro-rata without caps equals pro-rata.
  EXPECT_TRUE(has("  pro-rata ~ capped-pro-rata  (equal rearrangements)")) << r.out;
  EXPECT_TRUE(has("  rap ~ greedy-one-step  (equal rearrangements)")) << r.out;
  EXPECT_TRUE(has("  queue \u227a_w rap")) << r.out;         // 1 ≤ 1, 23/16 ≤ 2, 23/16 ≤ 19/8
  EXPECT_TRUE(has("  pro-rata \u227a_w min-max")) << r.out;  // 3/5 ≤ 15/16, 6/5 ≤ 195/128, 9/5 ≤ 135/64
  EXPECT_FALSE(has("  queue \u227a_w pro-rata")) << r.out;   // 1 > 3/5
  EXPECT_FALSE(has("  pro-rata \u227a_w queue")) << r.out;   // 9/5 > 23/16
  EXPECT_FALSE(has("  capped-pro-rata ~ pro-rata  (equal rearrangements)")) << r.out;  // printed once
}

// @spec EX-5ACCT
TEST(CliCompare, DefaultBookJson) {
  const Result r = run_adl({"compare", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["schema"], "adlref.compare/1");
  EXPECT_EQ(doc["totals"]["severity"], "1/2");
  EXPECT_EQ(doc["totals"]["budget"], "15/2");
  EXPECT_EQ(doc["totals"]["deficit"], "15");
  EXPECT_EQ(doc["totals"]["capacity"], "25/2");
  ASSERT_EQ(doc["policies"].size(), 7U);
  const auto policy = [&](const std::string& name) {
    for (const json& p : doc["policies"]) {
      if (p["name"] == name) return p;
    }
    ADD_FAILURE() << "no policy " << name;
    return json();
  };
  const json queue = policy("queue");
  EXPECT_EQ(queue["available"], true);
  EXPECT_EQ(queue["haircut"], json({"7/16", "1", "0", "0", "0"}));
  EXPECT_EQ(queue["seized"], json({"7/2", "4", "0", "0", "0"}));
  EXPECT_EQ(queue["post_equity"], json({"13/2", "1", "1", "-3", "-12"}));
  EXPECT_EQ(queue["top_survivor"], "9/2");
  EXPECT_EQ(queue["ptsr"], "3/5");
  EXPECT_EQ(queue["pmr"], "3/4");
  EXPECT_EQ(queue["winners_touched"], 2);
  const json pro_rata = policy("pro-rata");
  EXPECT_EQ(pro_rata["haircut"], json({"3/5", "3/5", "3/5", "0", "0"}));
  EXPECT_EQ(pro_rata["seized"], json({"24/5", "12/5", "3/10", "0", "0"}));
  EXPECT_EQ(pro_rata["post_equity"], json({"26/5", "13/5", "7/10", "-3", "-12"}));
  EXPECT_EQ(pro_rata["ptsr"], "32/75");
  // Levered pro-rata, losses ∝ ℓ·w with ℓ = (2, 5, 10) capped at h ≤ 1 (AMB-P-04):
  // account 3 saturates (h = 1), then 16τ + 20τ = 7 gives τ = 7/36, h = (7/18, 35/36, 1).
  EXPECT_EQ(policy("levered-pro-rata")["haircut"], json({"7/18", "35/36", "1", "0", "0"}));
  for (const json& p : doc["policies"]) {
    EXPECT_EQ(p["available"], true) << p["name"];
    EXPECT_EQ(p["valid"], true) << p["name"];
    EXPECT_EQ(p["budget"], "15/2") << p["name"];
  }
  bool equivalent_pr = false;
  for (const json& m : doc["majorization"]) {
    if (m["fairer"] == "pro-rata" && m["than"] == "capped-pro-rata") equivalent_pr = m["equivalent"] == true;
    EXPECT_FALSE(m["fairer"] == "queue" && m["than"] == "pro-rata");
  }
  EXPECT_TRUE(equivalent_pr);
}

// A policy the book cannot support is reported as n/a, not an abort.
// @spec POL-VALID
TEST(CliCompare, UnsupportedPolicyIsNotApplicable) {
  // No leverage column: levered pro-rata, RAP and greedy one-step need one.
  const std::string book = temp_path("noleverage") + ".csv";
  write_file(book, "account,cash,pnl,score\n1,2,8,4\n2,1,4,5\n3,0.5,0.5,3\n4,0,-3,1\n5,0,-12,2\n");
  const Result r = run_adl({"compare", "--book", book, "--severity", "1/2"});
  std::filesystem::remove(book);
  ASSERT_EQ(r.code, 0) << describe(r);
  const ParsedTable p = table_after(r.out, "Policies");
  ASSERT_EQ(p.rows.size(), 7U) << r.out;
  for (const char* name : {"levered-pro-rata", "rap", "greedy-one-step"}) {
    bool found = false;
    for (const auto& row : p.rows) {
      if (row[0] != name) continue;
      found = true;
      ASSERT_GE(row.size(), 2U);
      EXPECT_EQ(row[1].rfind("n/a \u2014 ", 0), 0U) << row[1];
      EXPECT_NE(row[1].find("leverage"), std::string::npos) << row[1];
    }
    EXPECT_TRUE(found) << name;
  }
  EXPECT_EQ(p.cell("queue", "top survivor υ^π"), "9/2 (4.5)");
  // Infeasible for the capped capacity: caps give C(β) = 17/2 < B = 9 for θ = 3/5.
  const Result c = run_adl({"compare", "--severity", "3/5", "--caps", example("caps-five-account.csv"), "--json"});
  ASSERT_EQ(c.code, 0) << describe(c);
  const json doc = json::parse(c.out);
  for (const json& p2 : doc["policies"]) {
    if (p2["name"] == "capped-pro-rata") {
      EXPECT_EQ(p2["available"], false);
      EXPECT_TRUE(p2["reason"].is_string());
      EXPECT_TRUE(p2["haircut"].is_null());
    }
    if (p2["name"] == "pro-rata") {
      EXPECT_EQ(p2["available"], true);
    }
  }
}

}  // namespace
