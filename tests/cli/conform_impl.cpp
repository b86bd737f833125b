// `adl conform --impl` and `adl vectors export` (spec/harness.md) on the example
// implementations of examples/impls: the correct one passes every policy; each
// buggy one fails with exactly its verdict kind and a minimal failing vector
// that is minimal for its bug (derived by hand below); the hanging one is
// stopped by the timeout; exports are reproducible and re-run identically; a
// malformed vector file is rejected with its line and key.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "cli_harness.hpp"

#ifndef ADL_IMPLS_DIR_PATH
#define ADL_IMPLS_DIR_PATH ""
#endif

namespace {

using namespace adl::test;
using nlohmann::json;

std::string impl(const std::string& name) { return path_or_env("ADL_IMPLS_DIR", ADL_IMPLS_DIR_PATH) + "/" + name; }

class ConformImpl : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"adl-impl-fx", "adl-impl-queue-ties-reversed", "adl-impl-pro-rata-round-up",
                             "adl-impl-crash-on-empty", "adl-impl-hang"}) {
      ASSERT_TRUE(std::filesystem::exists(impl(name))) << impl(name) << " is not built (examples/impls)";
    }
  }
  void TearDown() override {
    for (const std::string& p : cleanup_) std::filesystem::remove(p);
  }
  std::string temp(const std::string& stem) {
    cleanup_.push_back(temp_path(stem));
    return cleanup_.back();
  }
  std::vector<std::string> cleanup_;
};

json run_json(const std::vector<std::string>& args, int expected_code) {
  std::vector<std::string> full = args;
  full.push_back("--json");
  const Result r = run_adl(full);
  EXPECT_EQ(r.code, expected_code) << describe(r);
  try {
    return json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << e.what() << "\n" << describe(r);
    return json::object();
  }
}

// Only `kind` (and pass) occur; returns the count of `kind`.
std::int64_t only_kind(const json& doc, const std::string& kind) {
  for (const auto& [name, count] : doc.at("counts").items()) {
    if (name != "pass" && name != kind) {
      EXPECT_EQ(count.get<std::int64_t>(), 0) << name;
    }
  }
  return doc.at("counts").at(kind).get<std::int64_t>();
}

// Processes whose command line mentions `needle` (from /proc).
int processes_named(const std::string& needle) {
  int found = 0;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return 0;
  while (const dirent* entry = ::readdir(proc)) {
    const std::string pid = entry->d_name;
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = slurp("/proc/" + pid + "/cmdline");
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    const std::string stat = slurp("/proc/" + pid + "/stat");
    const auto paren = stat.rfind(')');
    const bool zombie = paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z';
    if (!zombie && cmdline.find(needle) != std::string::npos) ++found;
  }
  ::closedir(proc);
  return found;
}

// @spec CONF-VERDICTS
// @spec CONF-VECTOR-GEN
TEST_F(ConformImpl, CorrectImplementationPassesEveryPolicy) {
  const json all = run_json(
      {"conform", "--impl", impl("adl-impl-fx"), "--policy", "all", "--generate", "100", "--seed", "1"}, 0);
  EXPECT_EQ(all.at("counts").at("pass").get<int>(), 700);
  EXPECT_TRUE(all.at("passed").get<bool>());
  EXPECT_EQ(all.at("processes_started").get<int>(), 1);
  EXPECT_TRUE(all.at("minimal").empty());
  for (const char* policy :
       {"queue", "pro-rata", "capped-pro-rata", "levered-pro-rata", "rap", "min-max", "greedy-one-step"}) {
    const Result r = run_adl(
        {"conform", "--impl", impl("adl-impl-fx"), "--policy", policy, "--generate", "80", "--seed", "2"});
    EXPECT_EQ(r.code, 0) << policy << "\n" << describe(r);
    EXPECT_NE(r.out.find("PASS: all 80 vectors passed"), std::string::npos) << r.out;
  }
}

// @spec CONF-SHRINK
// @spec POL-QUEUE
TEST_F(ConformImpl, QueueTiesReversedIsAWrongAnswerWithATwoAccountTie) {
  const json doc = run_json({"conform", "--impl", impl("adl-impl-queue-ties-reversed"), "--policy", "queue",
                             "--generate", "60", "--seed", "1"},
                            1);
  EXPECT_GT(only_kind(doc, "wrong-answer"), 0);
  ASSERT_EQ(doc.at("minimal").size(), 1U);
  const json& m = doc.at("minimal")[0];
  EXPECT_EQ(m.at("verdict"), "wrong-answer");
  const json& v = m.at("vector");
  // By hand: the bug needs two eligible accounts (w ≥ 1) with equal scores and a
  // budget B ≥ 1 that does not take both whole. The smallest such vector
  // (2 accounts, then the least sum of |values|) is w = (1, 1), scores (0, 0),
  // B = 1: POL-QUEUE seizes account 0 first, (1, 0); the bug gives (0, 1).
  EXPECT_EQ(v.at("w"), json::parse("[1,1]")) << m.dump();
  EXPECT_EQ(v.at("score"), json::parse("[0,0]")) << m.dump();
  EXPECT_EQ(v.at("budget"), 1) << m.dump();
  EXPECT_EQ(v.at("expected").at("seized"), json::parse("[1,0]"));
  EXPECT_EQ(json::parse(m.at("reply").get<std::string>()).at("seized"), json::parse("[0,1]"));
  EXPECT_NE(m.at("detail").get<std::string>().find("account 0: expected 1, got 0"), std::string::npos);
  // The text report names the verdict and the minimal vector too.
  const Result text = run_adl(
      {"conform", "--impl", impl("adl-impl-queue-ties-reversed"), "--policy", "queue", "--generate", "60"});
  EXPECT_EQ(text.code, 1);
  EXPECT_NE(text.out.find("Minimal failing vectors"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\"w\":[1,1],\"score\":[0,0]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("FAIL: "), std::string::npos);
}

// @spec CONF-SHRINK
// @spec FX-ROUNDING
TEST_F(ConformImpl, ProRataRoundUpIsAWrongAnswerOverTheBudget) {
  const json doc = run_json({"conform", "--impl", impl("adl-impl-pro-rata-round-up"), "--policy", "pro-rata",
                             "--generate", "60", "--seed", "1"},
                            1);
  EXPECT_GT(only_kind(doc, "wrong-answer"), 0);
  ASSERT_EQ(doc.at("minimal").size(), 1U);
  const json& m = doc.at("minimal")[0];
  // By hand: one account always gets x⋆ = B exactly (integral, nothing to round);
  // two accounts with w ≥ 1 and 1 ≤ B ＜ U give a fractional share. The least is
  // w = (1, 1), B = 1: x⋆ = (1/2, 1/2), FX-ROUNDING gives (1, 0); rounding up gives (1, 1).
  EXPECT_EQ(m.at("vector").at("w"), json::parse("[1,1]")) << m.dump();
  EXPECT_EQ(m.at("vector").at("budget"), 1) << m.dump();
  EXPECT_EQ(m.at("vector").at("expected").at("seized"), json::parse("[1,0]"));
  EXPECT_EQ(json::parse(m.at("reply").get<std::string>()).at("seized"), json::parse("[1,1]"));
  EXPECT_NE(m.at("detail").get<std::string>().find("differs from B = 1 by +1"), std::string::npos) << m.dump();
}

// @spec CONF-DRIVER
// @spec CONF-VERDICTS
TEST_F(ConformImpl, CrashOnEmptyIsACrashAndTheChildIsRestarted) {
  const json doc = run_json(
      {"conform", "--impl", impl("adl-impl-crash-on-empty"), "--policy", "pro-rata", "--generate", "60", "--seed", "1"},
      1);
  // CONF-VECTOR-GEN: the empty book is boundary case 0, at j ≡ 0 (mod 36): j = 0 and 36.
  EXPECT_EQ(only_kind(doc, "crash"), 2);
  EXPECT_EQ(doc.at("counts").at("pass").get<int>(), 58);  // every vector after a crash still runs
  EXPECT_EQ(doc.at("processes_started").get<int>(), 3);   // one restart per crash
  for (const json& r : doc.at("results")) {
    if (r.at("verdict") != "crash") continue;
    EXPECT_EQ(r.at("case"), "empty-book");
    EXPECT_NE(r.at("detail").get<std::string>().find("SIGABRT"), std::string::npos) << r.dump();
    EXPECT_NE(r.at("detail").get<std::string>().find("out_of_range"), std::string::npos) << r.dump();
  }
  ASSERT_EQ(doc.at("minimal").size(), 1U);
  EXPECT_EQ(doc.at("minimal")[0].at("verdict"), "crash");
  EXPECT_EQ(doc.at("minimal")[0].at("accounts"), 0);  // nothing is smaller than the empty book
}

// @spec CONF-DRIVER
// @spec CONF-VERDICTS
TEST_F(ConformImpl, HangIsStoppedByTheTimeoutAndCleanedUp) {
  const std::string file = temp("hang_vectors");
  ASSERT_EQ(
      run_adl({"vectors", "export", "--policy", "capped-pro-rata", "--generate", "40", "--seed", "1", "--out", file})
          .code,
      0);
  const auto start = std::chrono::steady_clock::now();
  const json doc = run_json({"conform", "--impl", impl("adl-impl-hang"), "--policy", "capped-pro-rata", "--vectors",
                             file, "--timeout", "0.5"},
                            1);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(only_kind(doc, "timeout"), 0);
  // Each timeout costs 0.5 s; shrinking stops after 6 timeouts (CONF-SHRINK).
  EXPECT_LT(seconds, 20.0);
  // The bug (examples/impls/impl.hpp): a hang exactly when B = C = Σ c over w ＞ 0 and B ＞ 0.
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  std::map<std::string, bool> hangs;
  while (std::getline(in, line)) {
    const json v = json::parse(line);
    std::int64_t c = 0;
    for (std::size_t i = 0; i < v.at("w").size(); ++i) {
      if (v.at("w")[i].get<std::int64_t>() > 0) c += v.at("cap")[i].get<std::int64_t>();
    }
    const std::int64_t b = v.at("budget").get<std::int64_t>();
    hangs[v.at("id").get<std::string>()] = b > 0 && b == c;
  }
  ASSERT_EQ(hangs.size(), 40U);
  for (const json& r : doc.at("results")) {
    const bool hung = hangs.at(r.at("id").get<std::string>());
    EXPECT_EQ(r.at("verdict"), hung ? "timeout" : "pass") << r.dump();
  }
  ASSERT_EQ(doc.at("minimal").size(), 1U);
  EXPECT_EQ(doc.at("minimal")[0].at("verdict"), "timeout");
  EXPECT_EQ(processes_named(impl("adl-impl-hang")), 0) << "a hanging implementation was left running";
}

// @spec CONF-VECTOR-FORMAT
TEST_F(ConformImpl, ExportThenRerunFromTheFileGivesTheSameVerdicts) {
  const std::string file = temp("vectors");
  const Result exported = run_adl(
      {"vectors", "export", "--policy", "all", "--generate", "60", "--seed", "1", "--out", file});
  ASSERT_EQ(exported.code, 0) << describe(exported);
  EXPECT_TRUE(exported.out.empty());
  for (const auto& [name, policy] :
       std::vector<std::pair<std::string, std::string>>{{"adl-impl-queue-ties-reversed", "queue"},
                                                        {"adl-impl-pro-rata-round-up", "pro-rata"},
                                                        {"adl-impl-crash-on-empty", "min-max"},
                                                        {"adl-impl-fx", "rap"}}) {
    const json from_file = run_json({"conform", "--impl", impl(name), "--policy", policy, "--vectors", file},
                                    name == "adl-impl-fx" ? 0 : 1);
    const json generated = run_json(
        {"conform", "--impl", impl(name), "--policy", policy, "--generate", "60", "--seed", "1"},
        name == "adl-impl-fx" ? 0 : 1);
    ASSERT_EQ(from_file.at("results").size(), 60U) << name;
    ASSERT_EQ(generated.at("results").size(), 60U) << name;
    for (std::size_t j = 0; j < 60; ++j) {
      EXPECT_EQ(from_file.at("results")[j].at("id"), generated.at("results")[j].at("id"));
      EXPECT_EQ(from_file.at("results")[j].at("verdict"), generated.at("results")[j].at("verdict"));
      EXPECT_EQ(from_file.at("results")[j].at("detail"), generated.at("results")[j].at("detail"));
    }
    EXPECT_EQ(from_file.at("counts"), generated.at("counts")) << name;
    EXPECT_EQ(from_file.at("vectors").at("source"), "file");
  }
}

// @spec CONF-VECTOR-FORMAT
// @spec CONF-VECTOR-GEN
TEST_F(ConformImpl, SameSeedGivesByteIdenticalExports) {
  const std::string a = temp("export_a");
  const std::string b = temp("export_b");
  const std::string c = temp("export_c");
  ASSERT_EQ(run_adl({"vectors", "export", "--policy", "all", "--generate", "50", "--seed", "42", "--out", a}).code, 0);
  ASSERT_EQ(run_adl({"vectors", "export", "--policy", "all", "--generate", "50", "--seed", "42", "--out", b}).code, 0);
  ASSERT_EQ(run_adl({"vectors", "export", "--policy", "all", "--generate", "50", "--seed", "43", "--out", c}).code, 0);
  const std::string text = slurp(a);
  EXPECT_FALSE(text.empty());
  EXPECT_TRUE(text == slurp(b));
  EXPECT_FALSE(text == slurp(c));
  const Result to_stdout = run_adl({"vectors", "export", "--policy", "all", "--generate", "50", "--seed", "42"});
  EXPECT_EQ(to_stdout.code, 0);
  EXPECT_TRUE(to_stdout.out == text);
  // The header line, then 7 × 50 vectors.
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 351U);
  const json header = json::parse(lines[0]);
  EXPECT_EQ(header, json::parse(R"({"format":"adlref.vectors/1","generator":"adlref-vectors/1","seed":"42",)"
                                R"("policy":"all","count":350})"));
  EXPECT_EQ(json::parse(lines[1]).at("id"), "queue-0");
  EXPECT_EQ(json::parse(lines[51]).at("id"), "pro-rata-0");
  // A prefix of a longer export is the shorter export (vector j depends only on P, S, j).
  const Result longer = run_adl({"vectors", "export", "--policy", "queue", "--generate", "80", "--seed", "42"});
  const Result shorter = run_adl({"vectors", "export", "--policy", "queue", "--generate", "50", "--seed", "42"});
  const auto long_lines = lines_of(longer.out);
  const auto short_lines = lines_of(shorter.out);
  ASSERT_EQ(short_lines.size(), 51U);
  for (std::size_t k = 1; k < short_lines.size(); ++k) EXPECT_EQ(short_lines[k], long_lines[k]);
  for (std::size_t k = 1; k < short_lines.size(); ++k) EXPECT_EQ(short_lines[k], lines[k]);
}

// @spec CONF-VECTOR-FORMAT
// @spec FMT-ERRORS
TEST_F(ConformImpl, MalformedVectorFileIsRejectedWithLineAndKey) {
  const std::string file = temp("bad_vectors");
  const Result exported = run_adl({"vectors", "export", "--policy", "pro-rata", "--generate", "5", "--seed", "1"});
  ASSERT_EQ(exported.code, 0);
  auto lines = lines_of(exported.out);
  ASSERT_EQ(lines.size(), 6U);
  // Line 3 (the second vector): the budget becomes a float.
  const std::size_t at = lines[2].find("\"budget\":");
  ASSERT_NE(at, std::string::npos);
  const std::size_t end = lines[2].find(',', at);
  lines[2] = lines[2].substr(0, end) + ".5" + lines[2].substr(end);
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  write_file(file, text);
  const Result r = run_adl({"conform", "--impl", impl("adl-impl-fx"), "--policy", "pro-rata", "--vectors", file});
  EXPECT_EQ(r.code, 2) << describe(r);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(file + ":3:" + std::to_string(at + 1) + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'budget'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a JSON integer"), std::string::npos) << r.err;

  // A tampered expected outcome is caught against the reference.
  auto tampered = lines_of(exported.out);
  const std::size_t status = tampered[4].find("\"status\":\"ok\"");
  ASSERT_NE(status, std::string::npos);
  tampered[4] = tampered[4].substr(0, status) + R"("status":"infeasible"})" + "}";
  text.clear();
  for (const auto& l : tampered) text += l + "\n";
  write_file(file, text);
  const Result t = run_adl({"conform", "--impl", impl("adl-impl-fx"), "--policy", "pro-rata", "--vectors", file});
  EXPECT_EQ(t.code, 2) << describe(t);
  EXPECT_NE(t.err.find(file + ":5:"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("'expected'"), std::string::npos) << t.err;
}

// @spec CONF-PROTOCOL
// @spec CONF-VERDICTS
TEST_F(ConformImpl, MalformedRepliesAreTheirOwnVerdict) {
  // A script that answers every request with text that is not JSON.
  const std::string script = temp("not_json_impl");
  write_file(script, "#!/bin/sh\nwhile read -r line; do echo 'all good'; done\n");
  ::chmod(script.c_str(), 0755);
  const json doc = run_json({"conform", "--impl", script, "--policy", "queue", "--generate", "8"}, 1);
  EXPECT_EQ(only_kind(doc, "malformed"), 8);
  EXPECT_NE(doc.at("results")[0].at("detail").get<std::string>().find("not JSON"), std::string::npos);
  EXPECT_EQ(doc.at("results")[0].at("reply"), "all good");
}

// @spec CONF-DRIVER
// @spec FMT-ERRORS
TEST_F(ConformImpl, UsageErrors) {
  const Result missing = run_adl(
      {"conform", "--impl", "/nonexistent/adl-impl", "--policy", "queue", "--generate", "5"});
  EXPECT_EQ(missing.code, 2) << describe(missing);
  EXPECT_NE(missing.err.find("cannot start '/nonexistent/adl-impl'"), std::string::npos) << missing.err;
  EXPECT_TRUE(missing.out.empty());
  const Result no_policy = run_adl({"conform", "--impl", impl("adl-impl-fx"), "--generate", "5"});
  EXPECT_EQ(no_policy.code, 2) << describe(no_policy);
  const Result bad_policy = run_adl({"conform", "--impl", impl("adl-impl-fx"), "--policy", "fifo", "--generate", "5"});
  EXPECT_EQ(bad_policy.code, 2) << describe(bad_policy);
  const Result bad_timeout = run_adl(
      {"conform", "--impl", impl("adl-impl-fx"), "--policy", "queue", "--generate", "5", "--timeout", "0"});
  EXPECT_EQ(bad_timeout.code, 2) << describe(bad_timeout);
  const Result bad_count = run_adl({"vectors", "export", "--policy", "queue", "--generate", "0"});
  EXPECT_EQ(bad_count.code, 2) << describe(bad_count);
  EXPECT_TRUE(bad_count.out.empty());
  const Result bad_seed = run_adl({"vectors", "export", "--policy", "queue", "--seed", "-1"});
  EXPECT_EQ(bad_seed.code, 2) << describe(bad_seed);
}

}  // namespace
