// Unit tests of log mode (spec/conformance.md): the event-log reader
// (CONF-LOG-FORMAT), the conversion of closed contracts (CONF-LOG-CONTRACTS),
// every check of CONF-LOG-CHECKS with the tolerances of CONF-LOG-ROUNDING, and
// the distances of CONF-LOG-DISTANCE. Each check passes on a conforming log and
// fails, with the right finding, on a log built to break it. Expected numbers
// are derived by hand from EX-5ACCT (spec/model.md) and the spec's examples.
#include <gtest/gtest.h>

#include "paths.hpp"
#include "rationals.hpp"

#include "adl/conf/log.hpp"

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using adl::conf::CheckResult;
using adl::conf::CheckStatus;
using adl::conf::EventLog;
using adl::conf::LogReport;
using adl::io::InputError;
using adl::ref::Rational;
using adl::test::q;

// An event log on the EX-5ACCT book (scores 4, 5, 3 and leverages 2, 5, 10 for
// accounts 1-3), embedded on lines 4-9; `rest` starts on line 10.
// `account1` is appended inside account 1's object (caps).
std::string five(const std::string& rest, const std::string& account1 = "", const std::string& unit = "0.000001") {
  return "{\n"
         "  \"schema\": \"adlref.adl-log/1\",\n"
         "  \"unit\": \"" +
         unit +
         "\",\n"
         "  \"book\": {\"accounts\": [\n"
         "    {\"account\": \"1\", \"cash\": 2, \"pnl\": 8, \"score\": 4, \"leverage\": 2" +
         account1 +
         "},\n"
         "    {\"account\": \"2\", \"cash\": 1, \"pnl\": 4, \"score\": 5, \"leverage\": 5},\n"
         "    {\"account\": \"3\", \"cash\": 0.5, \"pnl\": 0.5, \"score\": 3, \"leverage\": 10},\n"
         "    {\"account\": \"4\", \"cash\": 0, \"pnl\": -3},\n"
         "    {\"account\": \"5\", \"cash\": 0, \"pnl\": -12}]},\n" +
         rest + "\n}\n";
}

// A position-space book (CONF-LOG-CONTRACTS): mark 110; A long 2 at 100 (w = 20),
// B long 1 at 90 (w = 20), C short 2 at 100 with collateral 10 (e = -10): D = 10, U = 40.
std::string contracts(const std::string& rest) {
  return "{\n"
         "  \"schema\": \"adlref.adl-log/1\",\n"
         "  \"unit\": \"0.01\",\n"
         "  \"book\": {\"marks\": {\"BTC\": 110}, \"positions\": [\n"
         "    {\"account\": \"A\", \"market\": \"BTC\", \"side\": \"long\", \"quantity\": 2, \"entry_price\": 100, \"collateral\": 50},\n"
         "    {\"account\": \"B\", \"market\": \"BTC\", \"side\": \"long\", \"quantity\": 1, \"entry_price\": 90, \"collateral\": 30},\n"
         "    {\"account\": \"C\", \"market\": \"BTC\", \"side\": \"short\", \"quantity\": 2, \"entry_price\": 100, \"collateral\": 10}]},\n" +
         rest + "\n}\n";
}

LogReport run(const std::string& text) { return adl::conf::check_log(adl::conf::parse_log(text, "log.json")); }

const CheckResult& check(const LogReport& report, const std::string& name) {
  const auto it = std::find_if(report.checks.begin(), report.checks.end(),
                               [&](const CheckResult& c) { return c.name == name; });
  if (it == report.checks.end()) throw std::runtime_error("no check " + name);
  return *it;
}

std::string dump(const LogReport& report) {
  std::ostringstream s;
  for (const CheckResult& c : report.checks) {
    s << c.name << " " << adl::conf::status_name(c.status) << ": " << c.summary << "\n";
    for (const auto& f : c.findings) s << "    " << f.detail << "\n";
  }
  return s.str();
}

// Every check named passes or is n/a as listed; all others pass.
void expect_statuses(const LogReport& report, const std::vector<std::string>& failing,
                     const std::vector<std::string>& not_applicable) {
  for (const CheckResult& c : report.checks) {
    const bool fail = std::find(failing.begin(), failing.end(), c.name) != failing.end();
    const bool na = std::find(not_applicable.begin(), not_applicable.end(), c.name) != not_applicable.end();
    const CheckStatus expected = fail ? CheckStatus::Fail : na ? CheckStatus::NotApplicable : CheckStatus::Pass;
    EXPECT_EQ(c.status, expected) << c.name << "\n" << dump(report);
  }
  EXPECT_EQ(report.conforming(), failing.empty());
  EXPECT_EQ(report.failed(), failing);
}

bool mentions(const CheckResult& c, const std::string& part) {
  return std::any_of(c.findings.begin(), c.findings.end(),
                     [&](const adl::conf::Finding& f) { return f.detail.find(part) != std::string::npos; });
}

const std::string kQueuePolicy = "  \"policy\": {\"name\": \"queue\", \"score\": \"explicit\"},\n";

// ---------------------------------------------------------------------------
// A conforming queue log: EX-5ACCT, σ = (2, 1, 3), θ = 1/2, x = (3.5, 4, 0, 0, 0).

// @spec CONF-LOG-CHECKS
// @spec CONF-LOG-FORMAT
// @spec EX-5ACCT
TEST(ConfLog, ConformingQueuePassesEveryCheck) {
  const EventLog log = adl::conf::parse_log(
      five("  \"deficit\": 15, \"severity\": \"1/2\", \"needed\": 7.5,\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.5}]"),
      "log.json");
  EXPECT_EQ(log.unit, q("1/1000000"));
  EXPECT_TRUE(log.book_embedded);
  ASSERT_EQ(log.seized.size(), 2U);
  EXPECT_EQ(log.seized[1].line, 12U);
  const LogReport r = adl::conf::check_log(log);
  expect_statuses(r, {}, {"contracts", "caps"});
  EXPECT_EQ(r.budget, q("15/2"));
  EXPECT_EQ(r.budget_origin, adl::conf::BudgetOrigin::Severity);
  EXPECT_EQ(r.seized, adl::test::v({"7/2", "4", "0", "0", "0"}));
  EXPECT_EQ(r.haircut, adl::test::v({"7/16", "1", "0", "0", "0"}));
  ASSERT_TRUE(r.gap.has_value());
  EXPECT_EQ(r.gap->signed_gap, 0);
}

// ---------------------------------------------------------------------------
// deficit

// @spec CONF-LOG-CHECKS
TEST(ConfLog, DeficitDeclaredWrong) {
  const LogReport r = run(
      five("  \"deficit\": 14, \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.5}]"));
  expect_statuses(r, {"deficit"}, {"contracts", "caps", "overshoot"});
  EXPECT_TRUE(mentions(check(r, "deficit"), "declared D = 14")) << dump(r);
}

// ---------------------------------------------------------------------------
// budget-balance, with the tolerance of CONF-LOG-ROUNDING

// @spec CONF-LOG-CHECKS
// @spec POL-VALID
TEST(ConfLog, BudgetImbalance) {
  const LogReport r = run(
      five("  \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.4}]"));
  expect_statuses(r, {"budget-balance"}, {"deficit", "contracts", "caps", "overshoot"});
  EXPECT_EQ(r.seized_total, q("37/5"));
  EXPECT_TRUE(mentions(check(r, "budget-balance"), "|Σx − B| = 1/10 (0.1)")) << dump(r);
}

// One unit over B fails; the check is |S − B| < u, not ≤.
// @spec CONF-LOG-ROUNDING
TEST(ConfLog, BudgetOffByOneUnitFails) {
  const LogReport r = run(
      five("  \"budget\": 7.5,\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.500001}]"));
  expect_statuses(r, {"budget-balance"}, {"deficit", "contracts", "caps", "overshoot"});
}

// B = θ·D = 15/7 lies between grid points; the venue's on-grid 2.142857 is 1/7 of a unit away.
// @spec CONF-LOG-ROUNDING
// @spec FX-BUDGET
TEST(ConfLog, OffGridBudgetWithinOneUnitPasses) {
  const LogReport r = run(
      five("  \"severity\": \"1/7\",\n" + kQueuePolicy + "  \"seized\": [{\"account\": \"2\", \"amount\": 2.142857}]"));
  EXPECT_EQ(r.budget, q("15/7"));
  expect_statuses(r, {}, {"deficit", "contracts", "caps", "overshoot"});
}

// Budget and severity both given must agree: 7 ≠ θ·D = 7.5.
// @spec CONF-LOG-CHECKS
TEST(ConfLog, BudgetContradictsSeverity) {
  const LogReport r = run(
      five("  \"budget\": 7, \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3}]"));
  expect_statuses(r, {"budget-balance"}, {"deficit", "contracts", "caps", "overshoot"});
  EXPECT_TRUE(mentions(check(r, "budget-balance"), "θ·D")) << dump(r);
}

// Neither budget nor severity: full coverage min(D, U) = min(15, 25/2).
// @spec CONF-LOG-FORMAT
// @spec DEF-SEVERITY-POLICY
TEST(ConfLog, FullCoverageBudget) {
  const LogReport r = run(five(kQueuePolicy + "  \"seized\": []"));
  EXPECT_EQ(r.budget, q("25/2"));
  EXPECT_EQ(r.budget_origin, adl::conf::BudgetOrigin::FullCoverage);
  expect_statuses(r, {"budget-balance"}, {"deficit", "contracts", "caps", "overshoot"});
}

// ---------------------------------------------------------------------------
// feasibility

// B = 12 > D = 10 on the contracts book (U = 40): θ would exceed 1.
// @spec CONF-LOG-CHECKS
// @spec POL-VALID
TEST(ConfLog, BudgetAboveDeficit) {
  const LogReport r = run(
      contracts("  \"budget\": 12, \"policy\": {\"name\": \"pro-rata\"},\n"
                "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 104},\n"
                "             {\"account\": \"B\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 104}]"));
  EXPECT_EQ(r.seized_total, 12);
  expect_statuses(r, {"feasibility"}, {"deficit", "grid", "caps", "overshoot"});
  EXPECT_TRUE(mentions(check(r, "feasibility"), "exceeds the deficit D = 10")) << dump(r);
}

// Capped pro-rata must respect C(β) = 8.5 (EX-5ACCT with e̲₁ = 6).
// @spec CONF-LOG-CHECKS
// @spec DEF-MAX-CAP
TEST(ConfLog, BudgetAboveCappedCapacity) {
  const LogReport r = run(
      five("  \"budget\": 9, \"policy\": {\"name\": \"capped-pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4}, {\"account\": \"2\", \"amount\": 4},"
           " {\"account\": \"3\", \"amount\": 0.5}]",
           ", \"min_equity\": 6"));
  EXPECT_EQ(r.state.capped_capacity, q("17/2"));
  ASSERT_EQ(check(r, "feasibility").status, CheckStatus::Fail) << dump(r);
  EXPECT_TRUE(mentions(check(r, "feasibility"), "capped capacity C(β) = 17/2")) << dump(r);
}

// ---------------------------------------------------------------------------
// bounds: no principal touched

// @spec CONF-LOG-CHECKS
// @spec POL-VALID
TEST(ConfLog, PrincipalTouched) {
  const LogReport r = run(
      five("  \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 5}, {\"account\": \"1\", \"amount\": 2.5}]"));
  expect_statuses(r, {"bounds"}, {"deficit", "contracts", "caps", "overshoot"});
  const CheckResult& c = check(r, "bounds");
  ASSERT_EQ(c.findings.size(), 1U);
  EXPECT_EQ(c.findings[0].account, std::optional<std::size_t>(1));
  EXPECT_NE(c.findings[0].detail.find("exceeds its positive PnL w = 4 by 1"), std::string::npos) << dump(r);
}

// A loser (w = 0) gives nothing.
// @spec CONF-LOG-CHECKS
TEST(ConfLog, LoserSeized) {
  const LogReport r = run(
      five("  \"budget\": 1, \"policy\": {\"name\": \"pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"4\", \"amount\": 1}]"));
  ASSERT_EQ(check(r, "bounds").status, CheckStatus::Fail) << dump(r);
  EXPECT_EQ(check(r, "bounds").findings[0].account, std::optional<std::size_t>(3));
}

// ---------------------------------------------------------------------------
// contracts and the conversion of CONF-LOG-CONTRACTS

// One contract of each long closed at 105 takes 5 from each: wealth pro-rata h = 1/4.
// @spec CONF-LOG-CONTRACTS
// @spec CONF-LOG-CHECKS-LEVEL
TEST(ConfLog, ClosedContractsConformingProRata) {
  const LogReport r = run(
      contracts("  \"deficit\": 10, \"needed\": 10, \"policy\": {\"name\": \"pro-rata\"},\n"
                "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 105},\n"
                "             {\"account\": \"B\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 105}]"));
  EXPECT_EQ(r.state.deficit, 10);
  EXPECT_EQ(r.state.capacity, 40);
  EXPECT_EQ(r.budget, 10);  // full coverage min(D, U)
  EXPECT_EQ(r.seized, adl::test::v({"5", "5", "0"}));
  EXPECT_EQ(r.closed_loss, adl::test::v({"5", "5"}));
  expect_statuses(r, {}, {"grid", "caps"});
}

// Closing 3 contracts of A's 2-contract long flips it; amounts still pro-rata (5 and 5).
// @spec CONF-LOG-CHECKS
TEST(ConfLog, MoreContractsThanHeld) {
  const LogReport r = run(
      contracts("  \"policy\": {\"name\": \"pro-rata\"},\n"
                "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": 3, \"price\": \"325/3\"},\n"
                "             {\"account\": \"B\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 105}]"));
  EXPECT_EQ(r.seized, adl::test::v({"5", "5", "0"}));
  expect_statuses(r, {"contracts"}, {"deficit", "grid", "caps", "overshoot"});
  EXPECT_TRUE(mentions(check(r, "contracts"), "closed 3 contracts of a position of 2")) << dump(r);
}

// A short winner loses (P − mark) per contract; a price on its favourable side pays it.
// Mark 90: S short 2 at 100 (w = 20), L long 1 at 100 with collateral 5 (e = −5, D = 5).
// @spec CONF-LOG-CONTRACTS
TEST(ConfLog, ShortWinnerSignAndPayment) {
  const std::string book =
      "{\n  \"schema\": \"adlref.adl-log/1\", \"unit\": \"0.01\",\n"
      "  \"book\": {\"marks\": {\"ETH\": 90}, \"positions\": [\n"
      "    {\"account\": \"S\", \"market\": \"ETH\", \"side\": \"short\", \"quantity\": 2, \"entry_price\": 100, \"collateral\": 10},\n"
      "    {\"account\": \"L\", \"market\": \"ETH\", \"side\": \"long\", \"quantity\": 1, \"entry_price\": 100, \"collateral\": 5}]},\n"
      "  \"policy\": {\"name\": \"pro-rata\"},\n";
  const LogReport good = run(
      book + "  \"closed\": [{\"account\": \"S\", \"market\": \"ETH\", \"contracts\": 1, \"price\": 95}]\n}\n");
  EXPECT_EQ(good.seized, adl::test::v({"5", "0"}));
  expect_statuses(good, {}, {"deficit", "grid", "caps", "overshoot"});
  const LogReport paid = run(
      book + "  \"closed\": [{\"account\": \"S\", \"market\": \"ETH\", \"contracts\": 1, \"price\": 85}]\n}\n");
  EXPECT_EQ(paid.seized, adl::test::v({"-5", "0"}));
  ASSERT_EQ(check(paid, "bounds").status, CheckStatus::Fail) << dump(paid);
  EXPECT_TRUE(mentions(check(paid, "bounds"), "paid the account")) << dump(paid);
}

// ---------------------------------------------------------------------------
// grid

// Half a micro-USD moved from account 2 to account 1: still pro-rata within u, not on the grid.
// @spec CONF-LOG-ROUNDING
TEST(ConfLog, AmountOffTheGrid) {
  const LogReport r = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.8000005}, {\"account\": \"2\", \"amount\": 2.3999995},"
           " {\"account\": \"3\", \"amount\": 0.3}]"));
  expect_statuses(r, {"grid"}, {"deficit", "contracts", "caps", "overshoot"});
  EXPECT_EQ(check(r, "grid").finding_count, 2U);
}

// ---------------------------------------------------------------------------
// caps

// Capped pro-rata (e̲₁ = 6, so β₁ = 1/2): taking 4.5 from account 1 breaks its cap and floor.
// @spec CONF-LOG-CHECKS
// @spec DEF-CAPS
TEST(ConfLog, CapExceeded) {
  const LogReport r = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"capped-pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.5}, {\"account\": \"2\", \"amount\": 2.7},"
           " {\"account\": \"3\", \"amount\": 0.3}]",
           ", \"min_equity\": 6"));
  const CheckResult& c = check(r, "caps");
  ASSERT_EQ(c.status, CheckStatus::Fail) << dump(r);
  EXPECT_EQ(c.finding_count, 2U);  // cap and min-equity of account 1
  EXPECT_TRUE(mentions(c, "cap: account '1'")) << dump(r);
  EXPECT_TRUE(mentions(c, "min-equity: account '1'")) << dump(r);
}

// The queue is defined without caps: a breach is reported, not a violation.
// @spec CONF-LOG-CHECKS
// @spec POL-VALID
TEST(ConfLog, QueueDoesNotBindCaps) {
  // B = 8.5: x₂ = 4, x₁ = 4.5 leaves account 1 with e′ = 5.5 < e̲₁ = 6.
  const LogReport r = run(
      five("  \"budget\": 8.5,\n" + kQueuePolicy +
               "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 4.5}]",
           ", \"min_equity\": 6"));
  const CheckResult& c = check(r, "caps");
  EXPECT_EQ(c.status, CheckStatus::NotApplicable);
  EXPECT_NE(c.summary.find("breaks the book's caps"), std::string::npos) << c.summary;
  EXPECT_TRUE(r.conforming()) << dump(r);
}

// ---------------------------------------------------------------------------
// policy: the queue property (CONF-LOG-CHECKS-QUEUE)

// B = 4.5: x₂ = 4, x₃ = 0.5 skips account 1 (score 4 > 3).
// @spec CONF-LOG-CHECKS-QUEUE
// @spec POL-QUEUE
TEST(ConfLog, QueueSkippedHigherRankedWinner) {
  const LogReport r = run(
      five("  \"budget\": 4.5,\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"3\", \"amount\": 0.5}]"));
  expect_statuses(r, {"policy"}, {"deficit", "contracts", "caps", "overshoot"});
  const CheckResult& c = check(r, "policy");
  ASSERT_EQ(c.findings.size(), 1U) << dump(r);
  EXPECT_EQ(c.findings[0].account, std::optional<std::size_t>(0));
  EXPECT_NE(c.findings[0].detail.find("account '1' (score 4) ranks above account '3' (score 3"), std::string::npos)
      << dump(r);
}

// Two partial accounts (x₂ = 3.5 of 4, x₁ = 4 of 8): account 2 outranks a seized account
// without being full, and two are partial.
// @spec CONF-LOG-CHECKS-QUEUE
// @spec THM-QUEUE-VERTEX
TEST(ConfLog, QueueTwoPartials) {
  const LogReport r = run(
      five("  \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 3.5}, {\"account\": \"1\", \"amount\": 4}]"));
  expect_statuses(r, {"policy"}, {"deficit", "contracts", "caps", "overshoot"});
  const CheckResult& c = check(r, "policy");
  EXPECT_EQ(c.finding_count, 2U) << dump(r);
  EXPECT_TRUE(mentions(c, "2 accounts partially seized")) << dump(r);
}

// Within one unit of w counts as full: x₂ = 3.9999995 leaves less than u of room.
// @spec CONF-LOG-CHECKS-QUEUE
// @spec CONF-LOG-ROUNDING
TEST(ConfLog, QueueFullWithinOneUnit) {
  const LogReport r = run(
      five("  \"budget\": 7.5,\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 3.9999995}, {\"account\": \"1\", \"amount\": 3.5000005}]"));
  EXPECT_EQ(check(r, "policy").status, CheckStatus::Pass) << dump(r);
}

// Ties may be broken either way: with scores 4 and 4, taking account 1 before 2 is a queue.
// @spec CONF-LOG-CHECKS-QUEUE
TEST(ConfLog, QueueTiesInAnyOrder) {
  std::string text = five("  \"budget\": 8.5,\n" + kQueuePolicy +
                          "  \"seized\": [{\"account\": \"1\", \"amount\": 8}, {\"account\": \"2\", \"amount\": 0.5}]");
  text.replace(text.find("\"score\": 5"), 10, "\"score\": 4");
  const LogReport r = run(text);
  EXPECT_EQ(check(r, "policy").status, CheckStatus::Pass) << dump(r);
  // With account 2's score 5 (the real book), the same amounts skip it.
  const LogReport strict = run(
      five("  \"budget\": 8.5,\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"1\", \"amount\": 8}, {\"account\": \"2\", \"amount\": 0.5}]"));
  EXPECT_EQ(check(strict, "policy").status, CheckStatus::Fail) << dump(strict);
}

// Greedy one-step (linear): keys e·λ²/w = (5, 31.25, 200) order 3, 2, 1; x = (3, 4, 1/2) at B = 7.5.
// @spec CONF-LOG-CHECKS-QUEUE
// @spec POL-GREEDY-ONESTEP
TEST(ConfLog, GreedyOneStepOrder) {
  const LogReport good = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"greedy-one-step\", \"risk\": \"linear\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 3}, {\"account\": \"2\", \"amount\": 4},"
           " {\"account\": \"3\", \"amount\": 0.5}]"));
  ASSERT_EQ(good.keys.size(), 5U);
  EXPECT_EQ(good.keys[0], std::optional<Rational>(q("5")));
  EXPECT_EQ(good.keys[1], std::optional<Rational>(q("125/4")));
  EXPECT_EQ(good.keys[2], std::optional<Rational>(q("200")));
  EXPECT_TRUE(good.conforming()) << dump(good);
  // The queue's answer (3.5, 4, 0) is not greedy: account 3 (key 200) was left untouched.
  const LogReport bad = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"greedy-one-step\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 3.5}, {\"account\": \"2\", \"amount\": 4}]"));
  expect_statuses(bad, {"policy"}, {"deficit", "contracts", "caps", "overshoot"});
  EXPECT_TRUE(mentions(check(bad, "policy"), "account '3' (key e·ρ/w 200)")) << dump(bad);
}

// ---------------------------------------------------------------------------
// policy: one common level (CONF-LOG-CHECKS-LEVEL)

// Pro-rata x = (4.8, 2.4, 0.3) fits η ∈ (0.6 − 1/(8·10⁶), 0.6 + 1/(8·10⁶)).
// @spec CONF-LOG-CHECKS-LEVEL
// @spec POL-PRO-RATA
TEST(ConfLog, ProRataLevelInterval) {
  const LogReport r = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.8}, {\"account\": \"2\", \"amount\": 2.4},"
           " {\"account\": \"3\", \"amount\": 0.3}]"));
  expect_statuses(r, {}, {"deficit", "contracts", "caps", "overshoot"});
  ASSERT_TRUE(r.level_low && r.level_high);
  EXPECT_EQ(*r.level_low, q("3/5") - q("1/8000000"));
  EXPECT_EQ(*r.level_high, q("3/5") + q("1/8000000"));
}

// x = (4.8, 2.5, 0.2), same total: account 2 needs η > 0.62499975, account 3 needs η < 0.400002.
// @spec CONF-LOG-CHECKS-LEVEL
TEST(ConfLog, ProRataNoCommonLevel) {
  const LogReport r = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.8}, {\"account\": \"2\", \"amount\": 2.5},"
           " {\"account\": \"3\", \"amount\": 0.2}]"));
  expect_statuses(r, {"policy"}, {"deficit", "contracts", "caps", "overshoot"});
  const CheckResult& c = check(r, "policy");
  ASSERT_EQ(c.findings.size(), 1U);
  EXPECT_NE(c.findings[0].detail.find("account '2'"), std::string::npos) << dump(r);
  EXPECT_NE(c.findings[0].detail.find("η > 2499999/4000000"), std::string::npos) << dump(r);
  EXPECT_NE(c.findings[0].detail.find("account '3'"), std::string::npos) << dump(r);
  EXPECT_NE(c.findings[0].detail.find("η < 200001/500000"), std::string::npos) << dump(r);
}

// Capped pro-rata (e̲₁ = 6): x⋆ = (4, 28/9, 7/18) rounded to (4, 3.111111, 0.388889).
// @spec CONF-LOG-CHECKS-LEVEL
// @spec CONF-LOG-ROUNDING
// @spec POL-CAPPED-PRO-RATA
TEST(ConfLog, CappedProRataRounded) {
  const LogReport r = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"capped-pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4}, {\"account\": \"2\", \"amount\": 3.111111},"
           " {\"account\": \"3\", \"amount\": 0.388889}]",
           ", \"min_equity\": 6"));
  expect_statuses(r, {}, {"deficit", "contracts", "overshoot"});
  ASSERT_TRUE(r.level_low && r.level_high);
  EXPECT_EQ(*r.level_low, q("0.7777775"));
  EXPECT_EQ(*r.level_high, q("0.777778"));
  // Wealth pro-rata's answer (4.8, 2.4, 0.3) takes at least a unit more than c₁ = 4 from account 1.
  const LogReport bad = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"capped-pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.8}, {\"account\": \"2\", \"amount\": 2.4},"
           " {\"account\": \"3\", \"amount\": 0.3}, {\"account\": \"4\", \"amount\": 0}]",
           ", \"min_equity\": 6"));
  expect_statuses(bad, {"caps", "policy"}, {"deficit", "contracts", "overshoot"});
  EXPECT_TRUE(mentions(check(bad, "policy"), "account '1': seized 24/5 (4.8) but the policy can give it at most 4"))
      << dump(bad);
}

// Levered pro-rata x⋆ = (28/9, 35/9, 1/2), rounded (3.111111, 3.888889, 0.5); min-max (75/16, 75/32, 15/32).
// @spec CONF-LOG-CHECKS-LEVEL
// @spec POL-LEV-PRO-RATA
// @spec POL-MINMAX-CONT
TEST(ConfLog, LeveredAndMinMaxLevels) {
  const LogReport lev = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"levered-pro-rata\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 3.111111}, {\"account\": \"2\", \"amount\": 3.888889},"
           " {\"account\": \"3\", \"amount\": 0.5}]"));
  EXPECT_TRUE(lev.conforming()) << dump(lev);
  ASSERT_TRUE(lev.level_low && lev.level_high);
  EXPECT_LT(*lev.level_low, q("7/36"));
  EXPECT_GT(*lev.level_high, q("7/36"));
  const LogReport mm = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"min-max\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": \"75/16\"}, {\"account\": \"2\", \"amount\": \"75/32\"},"
           " {\"account\": \"3\", \"amount\": \"15/32\"}]"));
  EXPECT_TRUE(mm.conforming()) << dump(mm);
  // The pro-rata outcome declared as min-max: burdens 0.48, 0.48, 0.3 are not one level.
  const LogReport wrong = run(
      five("  \"budget\": 7.5, \"policy\": {\"name\": \"min-max\"},\n"
           "  \"seized\": [{\"account\": \"1\", \"amount\": 4.8}, {\"account\": \"2\", \"amount\": 2.4},"
           " {\"account\": \"3\", \"amount\": 0.3}]"));
  expect_statuses(wrong, {"policy"}, {"deficit", "contracts", "caps", "overshoot"});
}

// ---------------------------------------------------------------------------
// overshoot

// S = 7.5: against needed 7, overshoot 1/2 (a violation); against needed 8, undershoot 1/2.
// @spec CONF-LOG-CHECKS
// @spec MET-OVERSHOOT
// @spec MET-OVERSHOOT-REGRET
TEST(ConfLog, OvershootAgainstNeeded) {
  const std::string actions =
      "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.5}]";
  const LogReport over = run(five("  \"severity\": \"1/2\", \"needed\": 7,\n" + kQueuePolicy + actions));
  expect_statuses(over, {"overshoot"}, {"deficit", "contracts", "caps"});
  ASSERT_TRUE(over.gap.has_value());
  EXPECT_EQ(over.gap->signed_gap, q("1/2"));
  EXPECT_EQ(over.gap->overshoot, q("1/2"));
  EXPECT_EQ(over.gap->undershoot, 0);
  const LogReport under = run(five("  \"severity\": \"1/2\", \"needed\": 8,\n" + kQueuePolicy + actions));
  expect_statuses(under, {}, {"deficit", "contracts", "caps"});
  EXPECT_EQ(under.gap->signed_gap, q("-1/2"));
  EXPECT_EQ(under.gap->undershoot, q("1/2"));
}

// ---------------------------------------------------------------------------
// Distances (CONF-LOG-DISTANCE): the table of spec/conformance.md, derived from EX-5ACCT.

// @spec CONF-LOG-DISTANCE
// @spec EX-5ACCT
TEST(ConfLog, DistancesFromTheReferencePolicies) {
  const LogReport r = run(
      five("  \"severity\": \"1/2\",\n" + kQueuePolicy +
           "  \"seized\": [{\"account\": \"2\", \"amount\": 4}, {\"account\": \"1\", \"amount\": 3.5}]"));
  struct Row {
    std::string policy, l1, linf;
    std::optional<std::size_t> linf_at;
    std::string dh;
    std::optional<std::size_t> dh_at;
  };
  const std::vector<Row> expected = {
      {"queue (explicit)", "0", "0", std::nullopt, "0", std::nullopt},
      {"queue (largest-first)", "8", "4", 0, "1", 1},
      {"pro-rata", "16/5", "8/5", 1, "3/5", 2},
      {"capped-pro-rata", "16/5", "8/5", 1, "3/5", 2},
      {"levered-pro-rata", "1", "1/2", 2, "1", 2},
      {"rap (linear)", "1", "1/2", 0, "1", 2},
      {"min-max", "53/16", "53/32", 1, "15/16", 2},
      {"greedy-one-step (linear)", "1", "1/2", 0, "1", 2},
  };
  ASSERT_EQ(r.distances.size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& d = r.distances[k];
    SCOPED_TRACE(expected[k].policy);
    EXPECT_EQ(d.policy, expected[k].policy);
    ASSERT_TRUE(d.available) << d.reason;
    EXPECT_EQ(d.l1, q(expected[k].l1.c_str()));
    EXPECT_EQ(d.linf, q(expected[k].linf.c_str()));
    EXPECT_EQ(d.linf_account, expected[k].linf_at);
    EXPECT_EQ(d.max_haircut_diff, q(expected[k].dh.c_str()));
    EXPECT_EQ(d.haircut_account, expected[k].dh_at);
  }
}

// A reference that cannot run is n/a with its reason (no score column; B above C(β)).
// @spec CONF-LOG-DISTANCE
TEST(ConfLog, UnavailableReferences) {
  const LogReport r = run(
      contracts("  \"policy\": {\"name\": \"pro-rata\"},\n"
                "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 105},\n"
                "             {\"account\": \"B\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 105}]"));
  ASSERT_FALSE(r.distances.empty());
  EXPECT_EQ(r.distances[0].policy, "queue (explicit)");
  EXPECT_FALSE(r.distances[0].available);
  EXPECT_NE(r.distances[0].reason.find("no score"), std::string::npos) << r.distances[0].reason;
  // Wealth pro-rata is the declared outcome itself.
  const auto pr = std::find_if(r.distances.begin(), r.distances.end(),
                               [](const adl::conf::Distance& d) { return d.policy == "pro-rata"; });
  ASSERT_NE(pr, r.distances.end());
  EXPECT_EQ(pr->l1, 0);
}

// ---------------------------------------------------------------------------
// Rejected logs: file, line, column and key path (CONF-LOG-FORMAT, FMT-ERRORS).

struct Rejection {
  std::size_t line;
  std::size_t column;
  std::string field;
  std::string part;
};

// Column of the first `needle` on 1-based `line` of `text`.
std::size_t column_of(const std::string& text, std::size_t line, const std::string& needle) {
  std::istringstream in(text);
  std::string l;
  for (std::size_t k = 1; k <= line; ++k) std::getline(in, l);
  const std::size_t pos = l.find(needle);
  return pos == std::string::npos ? 0 : pos + 1;
}

void expect_rejected(const std::string& text, const Rejection& want) {
  try {
    (void)adl::conf::parse_log(text, "log.json");
    ADD_FAILURE() << "accepted:\n" << text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "log.json");
    EXPECT_EQ(e.line(), want.line) << e.what();
    EXPECT_EQ(e.column(), want.column) << e.what();
    EXPECT_EQ(e.field(), want.field) << e.what();
    EXPECT_NE(e.message().find(want.part), std::string::npos) << e.what();
  }
}

// @spec CONF-LOG-FORMAT
// @spec FMT-ERRORS
TEST(ConfLogErrors, NegativeAmount) {
  const std::string text = five(kQueuePolicy +
                                "  \"seized\": [{\"account\": \"2\", \"amount\": 4},\n"
                                "    {\"account\": \"1\", \"amount\": -3.5}]");
  expect_rejected(text, {12, column_of(text, 12, "-3.5"), "seized[1].amount", "negative amount"});
}

// @spec CONF-LOG-FORMAT
// @spec FMT-NUMBER
TEST(ConfLogErrors, NotANumber) {
  const std::string quoted = five(kQueuePolicy + "  \"seized\": [{\"account\": \"2\", \"amount\": \"NaN\"}]");
  expect_rejected(quoted, {11, column_of(quoted, 11, "\"NaN\""), "seized[0].amount", "not a number"});
  const std::string literal = five(kQueuePolicy + "  \"seized\": [{\"account\": \"2\", \"amount\": NaN}]");
  expect_rejected(literal, {11, column_of(literal, 11, "NaN"), "", "NaN"});
}

// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, MalformedJson) {
  const std::string truncated =
      five(kQueuePolicy + "  \"seized\": [{\"account\": \"2\", \"amount\": 4}").substr(0, 300);
  EXPECT_THROW((void)adl::conf::parse_log(truncated, "log.json"), InputError);
  const std::string trailing = five(kQueuePolicy + "  \"seized\": [{\"account\": \"2\", \"amount\": 4},]");
  expect_rejected(trailing, {11, column_of(trailing, 11, "]"), "", "trailing comma"});
}

// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, UnknownPolicyAndParameters) {
  const std::string fifo = five("  \"policy\": {\"name\": \"fifo\"},\n  \"seized\": []");
  expect_rejected(fifo, {10, column_of(fifo, 10, "\"fifo\""), "policy.name", "unknown policy 'fifo'"});
  const std::string rule = five("  \"policy\": {\"name\": \"queue\", \"score\": \"oldest\"},\n  \"seized\": []");
  expect_rejected(rule, {10, column_of(rule, 10, "\"oldest\""), "policy.score", "unknown score rule"});
  const std::string risk = five("  \"policy\": {\"name\": \"rap\", \"risk\": \"power:1\"},\n  \"seized\": []");
  expect_rejected(risk, {10, column_of(risk, 10, "\"power:1\""), "policy.risk", "integer C >= 2"});
}

// The book lacks what the declared policy needs: the error points at `policy`.
// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, BookCannotSupportPolicy) {
  const std::string text = contracts("  \"policy\": {\"name\": \"queue\"},\n  \"closed\": []");
  expect_rejected(text, {8, column_of(text, 8, "{\"name\""), "policy", "has no score"});
}

// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, AccountsMustBeInTheBookOnce) {
  const std::string unknown = five(kQueuePolicy + "  \"seized\": [{\"account\": \"9\", \"amount\": 1}]");
  expect_rejected(unknown, {11, column_of(unknown, 11, "\"9\""), "seized[0].account", "not in the book"});
  const std::string twice = five(kQueuePolicy +
                                 "  \"seized\": [{\"account\": \"2\", \"amount\": 1},\n"
                                 "    {\"account\": \"2\", \"amount\": 1}]");
  expect_rejected(twice, {12, column_of(twice, 12, "\"2\""), "seized[1].account", "appears twice (first on line 11)"});
}

// @spec CONF-LOG-FORMAT
// @spec CONF-LOG-CONTRACTS
TEST(ConfLogErrors, ClosedContractsMalformed) {
  const std::string negative = contracts(
      "  \"policy\": {\"name\": \"pro-rata\"},\n"
      "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": -1, \"price\": 105}]");
  expect_rejected(negative, {9, column_of(negative, 9, "-1"), "closed[0].contracts", "negative contracts"});
  const std::string market = contracts(
      "  \"policy\": {\"name\": \"pro-rata\"},\n"
      "  \"closed\": [{\"account\": \"A\", \"market\": \"ETH\", \"contracts\": 1, \"price\": 105}]");
  expect_rejected(market,
                  {9, column_of(market, 9, "\"ETH\""), "closed[0].market", "holds no position in market 'ETH'"});
  const std::string price = contracts(
      "  \"policy\": {\"name\": \"pro-rata\"},\n"
      "  \"closed\": [{\"account\": \"A\", \"market\": \"BTC\", \"contracts\": 1, \"price\": 0}]");
  expect_rejected(price, {9, column_of(price, 9, "0}"), "closed[0].price", "must be > 0"});
  const std::string wealth = five(kQueuePolicy + "  \"closed\": []");
  expect_rejected(wealth, {11, column_of(wealth, 11, "[]"), "closed", "position-space book"});
}

// An error inside the embedded book keeps the log's line and column, with the prefix `book.`.
// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, EmbeddedBookError) {
  std::string text = five(kQueuePolicy + "  \"seized\": []");
  text.replace(text.find("\"cash\": 1,"), 10, "\"cash\": -1,");
  expect_rejected(text, {6, column_of(text, 6, "-1"), "book.accounts[1].cash", "negative cash"});
}

// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, TopLevel) {
  std::string schema = five(kQueuePolicy + "  \"seized\": []");
  schema.replace(schema.find("adlref.adl-log/1"), 16, "adlref.adl-log/9");
  expect_rejected(schema, {2, column_of(schema, 2, "\"adlref"), "schema", "adlref.adl-log/1"});
  const std::string unit = five(kQueuePolicy + "  \"seized\": []", "", "0");
  expect_rejected(unit, {3, column_of(unit, 3, "\"0\""), "unit", "must be > 0"});
  const std::string both = five(kQueuePolicy + "  \"seized\": [],\n  \"closed\": []");
  expect_rejected(both, {12, column_of(both, 12, "[]"), "closed", "not both"});
  const std::string extra = five(kQueuePolicy + "  \"seized\": [],\n  \"fills\": []");
  expect_rejected(extra, {12, column_of(extra, 12, "\"fills\""), "fills", "unknown key 'fills'"});
  const std::string severity = five("  \"severity\": 1.5,\n" + kQueuePolicy + "  \"seized\": []");
  expect_rejected(severity, {10, column_of(severity, 10, "1.5"), "severity", "[0, 1]"});
}

// The book as a path, relative to the log's folder; a missing file is an error at `book`.
// @spec CONF-LOG-FORMAT
TEST(ConfLogErrors, BookPath) {
  const std::string dir = adl::test::examples_dir() + "/logs";
  const EventLog log = adl::conf::load_log(dir + "/five-account-pro-rata.json");
  EXPECT_FALSE(log.book_embedded);
  EXPECT_EQ(log.book.book.accounts.size(), 5U);
  const std::string text =
      "{\"schema\": \"adlref.adl-log/1\", \"unit\": 1,\n \"book\": \"no-such-book.csv\", \"policy\": {\"name\": \"queue\"}, \"seized\": []}";
  expect_rejected(text, {2, column_of(text, 2, "\"no-such"), "book", "no such file"});
}

}  // namespace
