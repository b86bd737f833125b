// `adl conform --log` on the example logs of examples/logs (spec/conformance.md):
// the conforming ones exit 0, each non-conforming one exits 1 with exactly the
// check it was built to break; rejected logs exit 2 with a located one-line
// message and nothing on standard output (CONF-LOG-REPORT, FMT-ERRORS).
#include <gtest/gtest.h>

#include "cli_harness.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using namespace adl::test;
using nlohmann::json;

std::string log_example(const std::string& name) { return example("logs/" + name); }

struct Case {
  std::string file;
  int code;
  std::vector<std::string> failed;  // checks that must fail
  std::vector<std::string> na;      // checks that must be n/a
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"five-account-queue.json", 0, {}, {"contracts", "caps"}},
      {"five-account-pro-rata.json", 0, {}, {"deficit", "contracts", "caps", "overshoot"}},
      {"five-account-capped.json", 0, {}, {"deficit", "contracts", "overshoot"}},
      {"contracts-pro-rata.json", 0, {}, {"grid", "caps"}},
      {"bad-budget-imbalance.json", 1, {"budget-balance"}, {"deficit", "contracts", "caps", "overshoot"}},
      {"bad-principal-touched.json", 1, {"bounds"}, {"deficit", "contracts", "caps", "overshoot"}},
      {"bad-queue-skip.json", 1, {"policy"}, {"deficit", "contracts", "caps", "overshoot"}},
  };
  return all;
}

const std::vector<std::string> kChecks = {"deficit", "budget-balance", "feasibility", "bounds",   "contracts",
                                          "grid",    "caps",           "policy",      "overshoot"};

std::string expected_status(const Case& c, const std::string& check) {
  if (std::find(c.failed.begin(), c.failed.end(), check) != c.failed.end()) return "fail";
  if (std::find(c.na.begin(), c.na.end(), check) != c.na.end()) return "n/a";
  return "pass";
}

// Text report: the status column of every check and the verdict line.
// @spec CONF-LOG-REPORT
// @spec CONF-LOG-CHECKS
TEST(CliConformLog, ExampleLogsText) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.file);
    const Result r = run_adl({"conform", "--log", log_example(c.file)});
    EXPECT_EQ(r.code, c.code) << describe(r);
    EXPECT_TRUE(r.err.empty()) << r.err;
    const ParsedTable checks = table_after(r.out, "Checks (CONF-LOG-CHECKS)");
    ASSERT_TRUE(checks.found) << r.out;
    ASSERT_EQ(checks.rows.size(), kChecks.size()) << r.out;
    for (std::size_t k = 0; k < kChecks.size(); ++k) {
      EXPECT_EQ(checks.rows[k][0], kChecks[k]);
      EXPECT_EQ(checks.cell(kChecks[k], "status"), expected_status(c, kChecks[k])) << kChecks[k] << "\n" << r.out;
    }
    const std::string verdict = c.code == 0 ? "verdict: CONFORMING"
                                            : "verdict: NOT CONFORMING (1 check failed: " + c.failed[0] + ")";
    EXPECT_NE(r.out.find(verdict), std::string::npos) << r.out;
  }
}

// JSON report: conforming, failed and every check status.
// @spec CONF-LOG-REPORT
TEST(CliConformLog, ExampleLogsJson) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.file);
    const Result r = run_adl({"conform", "--log", log_example(c.file), "--json"});
    EXPECT_EQ(r.code, c.code) << describe(r);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc.at("schema"), "adlref.conform-log/1");
    EXPECT_EQ(doc.at("conforming"), c.code == 0);
    EXPECT_EQ(doc.at("failed").get<std::vector<std::string>>(), c.failed);
    ASSERT_EQ(doc.at("checks").size(), kChecks.size());
    for (std::size_t k = 0; k < kChecks.size(); ++k) {
      EXPECT_EQ(doc["checks"][k].at("name"), kChecks[k]);
      EXPECT_EQ(doc["checks"][k].at("status"), expected_status(c, kChecks[k])) << kChecks[k];
    }
  }
}

// The diagnosis names the accounts: the skipped winner, the account whose cash was taken.
// @spec CONF-LOG-CHECKS-QUEUE
// @spec CONF-LOG-CHECKS
TEST(CliConformLog, Diagnoses) {
  const Result skip = run_adl({"conform", "--log", log_example("bad-queue-skip.json")});
  EXPECT_NE(skip.out.find("policy: account '1' (score 4) ranks above account '3' (score 3, seized 1/2 (0.5)) "
                          "but was not seized in full"),
            std::string::npos)
      << skip.out;
  const Result cash = run_adl({"conform", "--log", log_example("bad-principal-touched.json"), "--json"});
  const json doc = json::parse(cash.out);
  const json& bounds = doc.at("checks").at(3);
  ASSERT_EQ(bounds.at("name"), "bounds");
  ASSERT_EQ(bounds.at("findings").size(), 1U);
  EXPECT_EQ(bounds["findings"][0].at("account"), "2");
  EXPECT_NE(bounds["findings"][0].at("detail").get<std::string>().find("principal (cash 1) touched"),
            std::string::npos);
  const Result budget = run_adl({"conform", "--log", log_example("bad-budget-imbalance.json"), "--json"});
  const json b = json::parse(budget.out);
  EXPECT_EQ(b.at("totals").at("seized_total"), "37/5");
  EXPECT_EQ(b.at("totals").at("budget"), "15/2");
  EXPECT_EQ(b.at("totals").at("budget_origin"), "severity");
}

// The queue example against the reference policies (hand-derived in CONF-LOG-DISTANCE) and
// its overshoot block (needed 7.5 = S).
// @spec CONF-LOG-DISTANCE
// @spec MET-OVERSHOOT
// @spec EX-5ACCT
TEST(CliConformLog, QueueExampleJsonNumbers) {
  const Result r = run_adl({"conform", "--log", log_example("five-account-queue.json"), "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc.at("unit"), "1/1000000");
  EXPECT_EQ(doc.at("book").at("embedded"), true);
  EXPECT_EQ(doc.at("policy").at("label"), "queue (explicit)");
  EXPECT_EQ(doc.at("totals").at("deficit"), "15");
  EXPECT_EQ(doc.at("totals").at("declared_deficit"), "15");
  EXPECT_EQ(doc.at("totals").at("capacity"), "25/2");
  EXPECT_EQ(doc.at("closed"), nullptr);
  EXPECT_EQ(doc.at("level"), nullptr);
  const json& accounts = doc.at("accounts");
  ASSERT_EQ(accounts.size(), 5U);
  EXPECT_EQ(accounts[0].at("seized"), "7/2");
  EXPECT_EQ(accounts[0].at("haircut"), "7/16");
  EXPECT_EQ(accounts[1].at("key"), "5");
  EXPECT_EQ(accounts[3].at("key"), nullptr);
  const json& o = doc.at("overshoot");
  EXPECT_EQ(o.at("needed"), "15/2");
  EXPECT_EQ(o.at("signed_gap"), "0");
  EXPECT_EQ(o.at("regret"), "0");
  const json* pro_rata = nullptr;
  const json* largest = nullptr;
  for (const json& d : doc.at("distances")) {
    if (d.at("policy") == "pro-rata") pro_rata = &d;
    if (d.at("policy") == "queue (largest-first)") largest = &d;
  }
  ASSERT_NE(pro_rata, nullptr);
  EXPECT_EQ(pro_rata->at("l1_usd"), "16/5");
  EXPECT_EQ(pro_rata->at("linf_usd"), "8/5");
  EXPECT_EQ(pro_rata->at("linf_account"), "2");
  EXPECT_EQ(pro_rata->at("max_haircut_diff"), "3/5");
  EXPECT_EQ(pro_rata->at("max_haircut_account"), "3");
  ASSERT_NE(largest, nullptr);
  EXPECT_EQ(largest->at("l1_usd"), "8");
  EXPECT_EQ(largest->at("linf_account"), "1");
}

// Contracts closed at 105 against mark 110: each loses 5 (CONF-LOG-CONTRACTS).
// @spec CONF-LOG-CONTRACTS
TEST(CliConformLog, ContractsExampleJson) {
  const Result r = run_adl({"conform", "--log", log_example("contracts-pro-rata.json"), "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc.at("log").at("form"), "closed");
  ASSERT_EQ(doc.at("closed").size(), 2U);
  EXPECT_EQ(doc["closed"][0].at("mark"), "110");
  EXPECT_EQ(doc["closed"][0].at("loss"), "5");
  EXPECT_EQ(doc.at("totals").at("seized_total"), "10");
  EXPECT_EQ(doc.at("accounts")[0].at("haircut"), "1/4");
}

// Rejected logs: exit 2, nothing on stdout, one located line on stderr.
// @spec CONF-LOG-FORMAT
// @spec FMT-ERRORS
TEST(CliConformLog, RejectedLogs) {
  const std::string book = example("five-account.csv");
  struct Bad {
    std::string name;
    std::string text;
    std::string needle;  // the offending value, on line 2
    std::string field;
  };
  const std::vector<Bad> bad = {
      {"negative",
       "{\"schema\": \"adlref.adl-log/1\", \"unit\": 1, \"book\": \"" + book +
           "\", \"policy\": {\"name\": \"queue\"},\n\"seized\": [{\"account\": \"2\", \"amount\": -4}]}",
       "-4", "seized[0].amount"},
      {"nan",
       "{\"schema\": \"adlref.adl-log/1\", \"unit\": 1, \"book\": \"" + book +
           "\", \"policy\": {\"name\": \"queue\"},\n\"seized\": [{\"account\": \"2\", \"amount\": \"nan\"}]}",
       "\"nan\"", "seized[0].amount"},
      {"policy",
       "{\"schema\": \"adlref.adl-log/1\", \"unit\": 1, \"book\": \"" + book +
           "\",\n\"policy\": {\"name\": \"lifo\"}, \"seized\": []}",
       "\"lifo\"", "policy.name"},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.name);
    const std::string path = temp_path("conform_log");
    write_file(path, b.text);
    const std::string line2 = b.text.substr(b.text.find('\n') + 1);
    const std::string location = ":2:" + std::to_string(line2.find(b.needle) + 1) + ":";
    for (const bool as_json : {false, true}) {
      std::vector<std::string> args = {"conform", "--log", path};
      if (as_json) args.push_back("--json");
      const Result r = run_adl(args);
      EXPECT_EQ(r.code, 2) << describe(r);
      EXPECT_TRUE(r.out.empty()) << r.out;
      EXPECT_EQ(r.err.rfind(path + location, 0), 0U) << r.err;
      EXPECT_NE(r.err.find("field '" + b.field + "'"), std::string::npos) << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    std::filesystem::remove(path);
  }
  const Result missing = run_adl({"conform", "--log", "/nonexistent/log.json"});
  EXPECT_EQ(missing.code, 2) << describe(missing);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_NE(missing.err.find("/nonexistent/log.json"), std::string::npos) << missing.err;
}

// Harness options do not mix with --log.
// @spec CONF-LOG-REPORT
TEST(CliConformLog, UsageErrors) {
  const Result r = run_adl({"conform", "--log", log_example("five-account-queue.json"), "--policy", "queue"});
  EXPECT_EQ(r.code, 2) << describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err.rfind("adl: error: ", 0), 0U) << r.err;
}

}  // namespace
