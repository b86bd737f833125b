// The conformance driver's pure parts (spec/harness.md): judging reply lines
// (CONF-PROTOCOL, CONF-VERDICTS) and splitting --impl (CONF-DRIVER).
#include <gtest/gtest.h>

#include "adl/conf/driver.hpp"

#include <string>
#include <vector>

namespace {

using adl::conf::judge_reply;
using adl::conf::Status;
using adl::conf::Vector;
using adl::conf::VerdictKind;

// A queue vector: w = (5, 5, 5), equal scores, B = 7; POL-QUEUE gives (5, 2, 0).
Vector queue_vector() {
  Vector v;
  v.id = "q-1";
  v.policy = adl::ref::PolicyKind::Queue;
  v.family = "adversarial";
  v.case_name = "tie";
  v.w = {5, 5, 5};
  v.score = {0, 0, 0};
  v.budget = 7;
  v.expected = {Status::Ok, {5, 2, 0}};
  return v;
}

// @spec CONF-VERDICTS
TEST(ConfJudge, PassOnlyOnTheExactOutcome) {
  const Vector v = queue_vector();
  EXPECT_EQ(judge_reply(v, R"({"id":"q-1","status":"ok","seized":[5,2,0]})").kind, VerdictKind::Pass);
  // Key order and an extra message do not matter.
  EXPECT_EQ(judge_reply(v, R"({"seized":[5,2,0],"message":"hi","status":"ok","id":"q-1"})").kind, VerdictKind::Pass);
}

// @spec CONF-VERDICTS
TEST(ConfJudge, WrongAnswers) {
  const Vector v = queue_vector();
  const auto swapped = judge_reply(v, R"({"id":"q-1","status":"ok","seized":[0,2,5]})");
  EXPECT_EQ(swapped.kind, VerdictKind::WrongAnswer);
  EXPECT_NE(swapped.detail.find("account 0: expected 5, got 0"), std::string::npos) << swapped.detail;
  EXPECT_NE(swapped.detail.find("account 2: expected 0, got 5"), std::string::npos) << swapped.detail;
  // Σ x = 8 ≠ B = 7: said first.
  const auto over = judge_reply(v, R"({"id":"q-1","status":"ok","seized":[5,3,0]})");
  EXPECT_EQ(over.kind, VerdictKind::WrongAnswer);
  EXPECT_NE(over.detail.find("differs from B = 7 by +1"), std::string::npos) << over.detail;
  const auto infeasible = judge_reply(v, R"({"id":"q-1","status":"infeasible"})");
  EXPECT_EQ(infeasible.kind, VerdictKind::WrongAnswer);
  EXPECT_NE(infeasible.detail.find("within the capacity 15"), std::string::npos) << infeasible.detail;
  const auto error = judge_reply(v, R"({"id":"q-1","status":"error","message":"no"})");
  EXPECT_EQ(error.kind, VerdictKind::WrongAnswer);
  Vector inf = v;
  inf.budget = 16;
  inf.expected = {Status::Infeasible, {}};
  EXPECT_EQ(judge_reply(inf, R"({"id":"q-1","status":"infeasible"})").kind, VerdictKind::Pass);
  const auto allocated = judge_reply(inf, R"({"id":"q-1","status":"ok","seized":[5,5,5]})");
  EXPECT_EQ(allocated.kind, VerdictKind::WrongAnswer);
  EXPECT_NE(allocated.detail.find("expected infeasible"), std::string::npos) << allocated.detail;
}

// @spec CONF-PROTOCOL
TEST(ConfJudge, MalformedReplies) {
  const Vector v = queue_vector();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "not JSON"},
      {"[5,2,0]", "not an object"},
      {R"({"status":"ok","seized":[5,2,0]})", "no 'id'"},
      {R"({"id":"q-2","status":"ok","seized":[5,2,0]})", "not the request's"},
      {R"({"id":7,"status":"ok","seized":[5,2,0]})", "not the request's"},
      {R"({"id":"q-1","seized":[5,2,0]})", "no string 'status'"},
      {R"({"id":"q-1","status":"done","seized":[5,2,0]})", "unknown status"},
      {R"({"id":"q-1","status":"ok"})", "without 'seized'"},
      {R"({"id":"q-1","status":"ok","seized":"5,2,0"})", "not an array"},
      {R"({"id":"q-1","status":"ok","seized":[5,2]})", "2 entries"},
      {R"({"id":"q-1","status":"ok","seized":[5,2.0,0]})", "'seized'[1]"},
      {R"({"id":"q-1","status":"ok","seized":[5,"2",0]})", "'seized'[1]"},
      {R"({"id":"q-1","status":"ok","seized":[5,true,0]})", "'seized'[1]"},
      {R"({"id":"q-1","status":"ok","seized":[5,2,9223372036854775808]})", "'seized'[2]"},
      {R"({"id":"q-1","status":"infeasible","seized":[5,2,0]})", "given with status infeasible"},
      {R"({"id":"q-1","status":"ok","seized":[5,2,0],"extra":1})", "unknown key 'extra'"},
      {R"({"id":"q-1","status":"error","message":5})", "'message' is not a string"},
  };
  for (const auto& [reply, says] : cases) {
    const auto verdict = judge_reply(v, reply);
    EXPECT_EQ(verdict.kind, VerdictKind::Malformed) << reply;
    EXPECT_NE(verdict.detail.find(says), std::string::npos) << reply << " → " << verdict.detail;
    EXPECT_EQ(verdict.reply, reply);
  }
}

// @spec CONF-DRIVER
TEST(ConfDriver, SplitCommandOnBlanksOnly) {
  EXPECT_EQ(adl::conf::split_command("impl --bug  x\tY"), (std::vector<std::string>{"impl", "--bug", "x", "Y"}));
  EXPECT_EQ(adl::conf::split_command("  'a b'  "), (std::vector<std::string>{"'a", "b'"}));
  EXPECT_THROW(adl::conf::split_command(" \t "), std::invalid_argument);
  EXPECT_EQ(adl::conf::max_reply_bytes(10), (1U << 20) + 320U);
}

// @spec CONF-DRIVER
// @spec CONF-SHRINK
TEST(ConfDriver, RunsAndShrinksWithAShellImplementation) {
  // `cat` echoes each request: a reply with the request's keys is malformed,
  // and the child is restarted after every malformed reply.
  const auto vectors = adl::conf::generate_vectors(adl::ref::PolicyKind::ProRata, 6, 1);
  adl::conf::DriverOptions options;
  options.command = {"cat"};
  options.timeout = std::chrono::milliseconds(2000);
  const auto report = adl::conf::run_conformance(vectors, options);
  ASSERT_EQ(report.results.size(), 6U);
  EXPECT_EQ(report.count(VerdictKind::Malformed), 6U);
  EXPECT_FALSE(report.passed());
  ASSERT_EQ(report.minimal.size(), 1U);
  EXPECT_EQ(report.minimal[0].kind, VerdictKind::Malformed);
  // Every vector is malformed under `cat`, so the smallest one is the empty book (j = 0).
  EXPECT_EQ(report.minimal[0].vector.size(), 0U);
  EXPECT_GE(report.starts, 6U);
}

}  // namespace
