// `adl run`: the human report and the JSON document on EX-5ACCT (expected values
// derived by hand from spec/model.md EX-5ACCT and spec/policies.md).
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

// The value printed after the label `label` in a "label  value" block.
std::string value_after(const std::string& text, const std::string& label) {
  for (const std::string& line : lines_of(text)) {
    const std::size_t at = line.find_first_not_of(' ');
    if (at == std::string::npos || line.compare(at, label.size(), label) != 0) continue;
    const std::size_t rest = at + label.size();
    if (rest < line.size() && line[rest] != ' ') continue;  // a longer label
    const std::size_t value = line.find_first_not_of(' ', rest);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "<no line " + label + ">";
}

// @spec EX-5ACCT
// @spec POL-QUEUE
TEST(CliRun, QueueHalfSeverityTable) {
  const Result r = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1/2"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const ParsedTable t = table_after(r.out, "Accounts");
  ASSERT_TRUE(t.found) << r.out;
  ASSERT_EQ(t.rows.size(), 5U) << r.out;
  EXPECT_EQ(t.cell("1", "cash"), "2");
  EXPECT_EQ(t.cell("1", "pnl"), "8");
  EXPECT_EQ(t.cell("1", "equity e"), "10");
  EXPECT_EQ(t.cell("1", "endowment w"), "8");
  EXPECT_EQ(t.cell("1", "cap β"), "1");
  EXPECT_EQ(t.cell("1", "seized x"), "7/2 (3.5)");
  EXPECT_EQ(t.cell("1", "haircut h"), "7/16 (0.4375)");
  EXPECT_EQ(t.cell("1", "post-ADL e'"), "13/2 (6.5)");
  EXPECT_EQ(t.cell("1", "survivor s"), "9/2 (4.5)");
  EXPECT_EQ(t.cell("2", "haircut h"), "1");
  EXPECT_EQ(t.cell("2", "post-ADL e'"), "1");
  EXPECT_EQ(t.cell("3", "cash"), "1/2 (0.5)");
  EXPECT_EQ(t.cell("3", "haircut h"), "0");
  EXPECT_EQ(t.cell("3", "post-ADL e'"), "1");
  EXPECT_EQ(t.cell("4", "equity e"), "-3");
  EXPECT_EQ(t.cell("4", "endowment w"), "0");
  EXPECT_EQ(t.cell("4", "cap β"), "0");  // β = 0 when w = 0 (DEF-CAPS)
  EXPECT_EQ(t.cell("5", "post-ADL e'"), "-12");
  EXPECT_EQ(value_after(r.out, "deficit D"), "15");
  EXPECT_EQ(value_after(r.out, "capacity U"), "25/2 (12.5)");
  EXPECT_EQ(value_after(r.out, "max shortfall Δ"), "12");
  EXPECT_EQ(value_after(r.out, "budget B = θ·D"), "15/2 (7.5)");
  EXPECT_EQ(value_after(r.out, "top survivor υ^π"), "9/2 (4.5)");
  EXPECT_EQ(value_after(r.out, "PTSR υ^π/(θ·D)"), "3/5 (0.6)");
  EXPECT_EQ(value_after(r.out, "PMR υ^π/(θ·Δ)"), "3/4 (0.75)");
  EXPECT_EQ(value_after(r.out, "remaining deficit (1−θ)·D"), "15/2 (7.5)");
  EXPECT_EQ(value_after(r.out, "winners touched"), "2");
  EXPECT_EQ(value_after(r.out, "budget-balance"), "pass");
  EXPECT_EQ(value_after(r.out, "verdict:"), "valid");
}

// The full-coverage default budget B* = min(D, U) = U = 25/2 is reported as clipped.
// @spec DEF-SEVERITY-POLICY
TEST(CliRun, DefaultBudgetIsFullCoverage) {
  const Result r = run_adl({"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["totals"]["budget"], "25/2");
  EXPECT_EQ(doc["totals"]["severity"], "5/6");
  EXPECT_EQ(doc["totals"]["clipped"], true);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(doc["accounts"][i]["haircut"], "1");
}

// --top limits the rows and says how many were left out.
TEST(CliRun, TopSaysWhatIsHidden) {
  const Result r = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity", "1/2", "--top", "2"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const ParsedTable t = table_after(r.out, "Accounts");
  ASSERT_EQ(t.rows.size(), 3U) << r.out;  // two accounts + the explicit note
  EXPECT_EQ(t.rows[2][0], "\u2026 3 more accounts not shown (--top 0 shows all)");
  const Result all = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity", "1/2", "--top", "0"});
  ASSERT_EQ(all.code, 0) << describe(all);
  EXPECT_EQ(table_after(all.out, "Accounts").rows.size(), 5U) << all.out;
  EXPECT_EQ(all.out.find("more accounts not shown"), std::string::npos);
}

// Queue ignores caps; the run reports whether the book's caps happen to hold.
// Caps: account 1 keeps e' ≥ 6, so β_1 = 1 − (6 − 2)/8 = 1/2. At θ = 1/2 the queue takes 7/2 from
// it (h_1 = 7/16 ≤ 1/2: the caps happen to hold); at θ = 2/3 (B = 10) it takes 4 from account 2,
// then 6 from account 1: h_1 = 3/4 > 1/2 and e'_1 = 4 < 6.
// @spec DEF-CAPS
TEST(CliRun, CapsInformationForNonBindingPolicy) {
  const Result held = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1/2",
                               "--caps", example("caps-five-account.csv"), "--json"});
  ASSERT_EQ(held.code, 0) << describe(held);
  EXPECT_EQ(json::parse(held.out)["validity"]["caps_respected"], true);
  const Result r = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "2/3",
                            "--caps", example("caps-five-account.csv"), "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["validity"]["valid"], true);
  EXPECT_EQ(doc["validity"]["binds_caps"], false);
  EXPECT_EQ(doc["validity"]["caps_respected"], false);
  EXPECT_EQ(doc["accounts"][0]["cap"], "1/2");
  EXPECT_EQ(doc["accounts"][0]["haircut"], "3/4");
  EXPECT_TRUE(doc["validity"]["violations"].empty());
  const Result text = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "2/3",
                               "--caps", example("caps-five-account.csv")});
  ASSERT_EQ(text.code, 0) << describe(text);
  EXPECT_NE(text.out.find("book caps (information): do not hold"), std::string::npos) << text.out;
  // Capped pro-rata binds them: η = 7/9, h = (1/2, 7/9, 7/9), e'_1 = 6 (EX-5ACCT derived).
  const Result c = run_adl({"run", "--book", example("five-account.csv"), "--policy", "capped-pro-rata", "--severity",
                            "1/2", "--caps", example("caps-five-account.csv"), "--json"});
  ASSERT_EQ(c.code, 0) << describe(c);
  const json capped = json::parse(c.out);
  EXPECT_EQ(capped["validity"]["binds_caps"], true);
  EXPECT_EQ(capped["validity"]["caps_respected"], true);
  EXPECT_EQ(capped["accounts"][0]["haircut"], "1/2");
  EXPECT_EQ(capped["accounts"][1]["haircut"], "7/9");
  EXPECT_EQ(capped["accounts"][2]["haircut"], "7/9");
  EXPECT_EQ(capped["accounts"][0]["post_equity"], "6");
  EXPECT_EQ(capped["accounts"][1]["seized"], "28/9");
}

// --needed reports overshoot and undershoot of B against the needed budget.
// @spec MET-OVERSHOOT
TEST(CliRun, NeededBudgetGap) {
  const Result r = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1/2",
                            "--needed", "7", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["metrics"]["needed"], "7");
  EXPECT_EQ(doc["metrics"]["overshoot"], "1/2");
  EXPECT_EQ(doc["metrics"]["undershoot"], "0");
  EXPECT_EQ(doc["schema"], "adlref.run/1");
  EXPECT_EQ(doc["book"]["accounts"], 5);
  EXPECT_EQ(doc["book"]["form"], "wealth");
  EXPECT_EQ(doc["policy"]["name"], "queue");
  EXPECT_EQ(doc["metrics"]["remaining_deficit"], "15/2");
  EXPECT_EQ(doc["metrics"]["socialized"], "15/2");
  EXPECT_EQ(doc["metrics"]["surviving_winners"], 2);  // accounts 1 (9/2 left) and 3 (1/2 left)
}

// With θ·D = 0 the ratios are undefined, and say so.
// @spec MET-PTSR
TEST(CliRun, UndefinedRatios) {
  const Result r = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "0"});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_EQ(value_after(r.out, "PTSR υ^π/(θ·D)"), "undefined (θ·D = 0)");
  EXPECT_EQ(value_after(r.out, "PMR υ^π/(θ·Δ)"), "undefined (θ·D = 0)");
  const Result j = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "0", "--json"});
  ASSERT_EQ(j.code, 0) << describe(j);
  const json doc = json::parse(j.out);
  EXPECT_TRUE(doc["metrics"]["ptsr"].is_null());
  EXPECT_TRUE(doc["metrics"]["pmr"].is_null());
}

// Position-space books run too (EX-P5 at t = 2): PNL-only endowments w = (0, 0, ·, 0, ·).
// @spec EX-P5
TEST(CliRun, PositionBook) {
  const Result r = run_adl(
      {"run", "--book", example("ex-p5-t2.csv"), "--policy", "pro-rata", "--severity", "1/2", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["book"]["form"], "position");
  EXPECT_EQ(doc["accounts"].size(), 5U);
  EXPECT_EQ(doc["validity"]["valid"], true);
}

// Command-line numbers are exact (FMT-NUMBER): every spelling of one value gives the same θ.
// @spec FMT-NUMBER
TEST(CliRun, ExactCommandLineNumbers) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1/2", "1/2"},   {"0.5", "1/2"},    {".5", "1/2"},      {"5e-1", "1/2"}, {"0.50", "1/2"},
      {"0.10", "1/10"}, {"0.07", "7/100"}, {"0.69", "69/100"}, {"2/3", "2/3"},  {"010/100", "1/10"}};
  for (const auto& [typed, exact] : cases) {
    const Result r = run_adl(
        {"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity", typed, "--json"});
    ASSERT_EQ(r.code, 0) << typed << "\n" << describe(r);
    EXPECT_EQ(json::parse(r.out)["totals"]["severity"], exact) << "--severity " << typed;
  }
  // --budget 7.50 on D = 15 is θ = 1/2.
  const Result b = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--budget", "7.50", "--json"});
  ASSERT_EQ(b.code, 0) << describe(b);
  EXPECT_EQ(json::parse(b.out)["totals"]["severity"], "1/2");
  EXPECT_EQ(json::parse(b.out)["totals"]["budget"], "15/2");
}

// Number of UTF-8 code points (the display width the tables align on).
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Columns are aligned by display width, not bytes: with non-ASCII account ids every line of
// the table (whose last column is right-aligned) has the same number of code points.
TEST(CliRun, TableAlignsByDisplayWidth) {
  const std::string book = temp_path("unicode") + ".csv";
  write_file(book, "account,cash,pnl,score\n\u03b1\u03b2\u03b3,2,8,4\nb,1,4,5\n\u00e9t\u00e9,0,-3,1\n");
  const Result r = run_adl({"run", "--book", book, "--policy", "queue", "--severity", "1/2"});
  std::filesystem::remove(book);
  ASSERT_EQ(r.code, 0) << describe(r);
  const auto lines = lines_of(r.out);
  const auto start = std::find(lines.begin(), lines.end(), "Accounts");
  ASSERT_NE(start, lines.end()) << r.out;
  ASSERT_GE(lines.end() - start, 6);
  const std::size_t width = code_points(start[1]);
  for (int k = 1; k <= 5; ++k) EXPECT_EQ(code_points(start[k]), width) << start[k] << "\n" << r.out;
  EXPECT_EQ(start[3].substr(0, 8), "  \u03b1\u03b2\u03b3");
}

}  // namespace
