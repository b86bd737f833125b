// Round trip: every policy's `adl run --json` allocation is re-checked two
// independent ways — through adl::ref::check_allocation on the book re-read with
// adl::io::load_book, and through `adl check --allocation` — on the EX-5ACCT
// example (with and without caps) and on a generated book. A tampered
// allocation must be rejected (exit 1, budget-balance).
#include <gtest/gtest.h>

#include "adl/io/read.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/state.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

namespace {

using namespace adl::test;

using adl::ref::Rational;
using nlohmann::json;

const std::vector<std::string> kPolicies = {"queue", "pro-rata", "levered-pro-rata", "capped-pro-rata",
                                            "rap",   "min-max",  "greedy-one-step"};

// Rebuilds the allocation of a run document against the book as re-read from disk.
adl::ref::Allocation allocation_from(const json& doc, const adl::ref::Book& book, const adl::ref::BookState& state) {
  adl::ref::Allocation a;
  a.severity = Rational(doc["totals"]["severity"].get<std::string>());
  a.budget = a.severity * state.deficit;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) index[book.accounts[i].id] = i;
  a.seized.assign(book.accounts.size(), Rational(0));
  a.haircut.assign(book.accounts.size(), Rational(0));
  std::vector<bool> seen(book.accounts.size(), false);
  for (const json& row : doc["accounts"]) {
    const auto it = index.find(row["account"].get<std::string>());
    EXPECT_NE(it, index.end()) << row["account"];
    if (it == index.end()) continue;
    seen[it->second] = true;
    a.seized[it->second] = Rational(row["seized"].get<std::string>());
  }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; })) << "every account is listed";
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    if (state.endowment[i] != 0) a.haircut[i] = a.seized[i] / state.endowment[i];
  }
  return a;
}

void round_trip(const std::string& book_path, const std::string& caps_path, const std::string& severity) {
  adl::io::LoadedBook loaded = adl::io::load_book(book_path);
  if (!caps_path.empty()) adl::io::apply_caps(caps_path, loaded.book);
  const adl::ref::BookState state = adl::ref::summarize(loaded.book);
  for (const std::string& policy : kPolicies) {
    SCOPED_TRACE(policy + " on " + book_path + (caps_path.empty() ? "" : " with " + caps_path));
    std::vector<std::string> args = {"run", "--book", book_path, "--policy", policy, "--severity", severity, "--json"};
    if (!caps_path.empty()) args.insert(args.end(), {"--caps", caps_path});
    const Result r = run_adl(args);
    ASSERT_EQ(r.code, 0) << describe(r);
    const json doc = json::parse(r.out);
    ASSERT_EQ(doc["schema"], "adlref.run/1");
    EXPECT_EQ(doc["validity"]["valid"], true);
    const bool binds = doc["validity"]["binds_caps"].get<bool>();
    // 1. The library's own predicates on the re-read book.
    const adl::ref::Allocation a = allocation_from(doc, loaded.book, state);
    const adl::ref::ValidityReport report = adl::ref::check_allocation(loaded.book, state, a, binds);
    EXPECT_TRUE(report.valid()) << (report.valid() ? "" : report.violations.front().detail);
    Rational total = 0;
    for (const Rational& x : a.seized) total += x;
    EXPECT_EQ(total, Rational(doc["totals"]["budget"].get<std::string>()));
    // 2. The command-line auditor on the JSON file.
    const std::string file = temp_path("alloc") + ".json";
    write_file(file, r.out);
    std::vector<std::string> check = {"check", "--book", book_path, "--allocation", file};
    if (!caps_path.empty()) check.insert(check.end(), {"--caps", caps_path});
    if (binds) check.push_back("--enforce-caps");
    const Result c = run_adl(check);
    EXPECT_EQ(c.code, 0) << describe(c);
    EXPECT_NE(c.out.find("verdict: valid"), std::string::npos) << c.out;
    check.push_back("--json");
    const Result cj = run_adl(check);
    EXPECT_EQ(cj.code, 0) << describe(cj);
    if (cj.code == 0) {
      const json verdict = json::parse(cj.out);
      EXPECT_EQ(verdict["schema"], "adlref.check/1");
      EXPECT_EQ(verdict["valid"], true);
      EXPECT_EQ(verdict["totals"]["seized_total"], doc["totals"]["budget"]);
    }
    std::filesystem::remove(file);
  }
}

// @spec POL-VALID
// @spec EX-5ACCT
TEST(CliRoundTrip, FiveAccountEveryPolicy) { round_trip(example("five-account.csv"), "", "1/2"); }

// @spec POL-VALID
// @spec DEF-CAPS
TEST(CliRoundTrip, FiveAccountWithCapsEveryPolicy) {
  round_trip(example("five-account.csv"), example("caps-five-account.csv"), "1/2");
}

// @spec POL-VALID
TEST(CliRoundTrip, GeneratedBookEveryPolicy) {
  const std::string book = temp_path("generated") + ".csv";
  const Result g = run_adl({"generate", "--accounts", "200", "--seed", "7", "--caps", "--out", book});
  ASSERT_EQ(g.code, 0) << describe(g);
  EXPECT_TRUE(g.out.empty());
  round_trip(book, "", "1/2");
  std::filesystem::remove(book);
}

// Negative control: one seized amount raised by 1/100 breaks budget balance.
// @spec POL-VALID
TEST(CliRoundTrip, TamperedAllocationIsRejected) {
  const Result r = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1/2", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  json doc = json::parse(r.out);
  ASSERT_EQ(doc["accounts"][0]["seized"], "7/2");
  doc["accounts"][0]["seized"] = adl::ref::to_fraction(Rational(7, 2) + Rational(1, 100));  // 351/100
  const std::string file = temp_path("tampered") + ".json";
  write_file(file, doc.dump(2));
  const Result c = run_adl({"check", "--book", example("five-account.csv"), "--allocation", file});
  EXPECT_EQ(c.code, 1) << describe(c);
  bool named = false;
  for (const std::string& line : lines_of(c.out)) {
    if (line.rfind("  budget-balance", 0) == 0) named = line.find("FAIL") != std::string::npos;
  }
  EXPECT_TRUE(named) << c.out;
  const Result cj = run_adl({"check", "--book", example("five-account.csv"), "--allocation", file, "--json"});
  EXPECT_EQ(cj.code, 1) << describe(cj);
  const json verdict = json::parse(cj.out);
  EXPECT_EQ(verdict["valid"], false);
  ASSERT_FALSE(verdict["violations"].empty());
  EXPECT_EQ(verdict["violations"][0]["predicate"], "budget-balance");
  std::filesystem::remove(file);
}

// A CSV allocation needs a severity or budget on the command line; ids are matched by name.
// @spec POL-VALID
TEST(CliCheck, CsvAllocation) {
  // Pro-rata at θ = 1/2 on EX-5ACCT: x = (24/5, 12/5, 3/10, 0, 0), rows in any order.
  const std::string file = temp_path("alloc") + ".csv";
  write_file(file, "# pro-rata, theta = 1/2\naccount,seized\n3,0.3\n1,4.8\n2,12/5\n4,0\n5,0\n");
  const Result ok = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--severity", "1/2"});
  EXPECT_EQ(ok.code, 0) << describe(ok);
  const Result by_budget = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--budget", "7.5"});
  EXPECT_EQ(by_budget.code, 0) << describe(by_budget);
  // The same amounts checked against a severity they do not meet.
  const Result wrong = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--severity", "2/5"});
  EXPECT_EQ(wrong.code, 1) << describe(wrong);
  // Without a severity: bad usage.
  const Result none = run_adl({"check", "--book", example("five-account.csv"), "--allocation", file});
  EXPECT_EQ(none.code, 2) << describe(none);
  EXPECT_TRUE(none.out.empty());
  std::filesystem::remove(file);
}

// Caps are checked only with --enforce-caps. With the caps file, β_1 = 1 − (6 − 2)/8 = 1/2
// (DEF-CAPS). The allocation x = (6, 4, 0, 0, 0) at θ = 2/3 (B = 10 = Σx ≤ U) is valid, but
// h_1 = 3/4 > β_1 and e'_1 = 10 − 6 = 4 < e̲_1 = 6.
// @spec DEF-CAPS
TEST(CliCheck, EnforceCaps) {
  const std::string file = temp_path("alloc") + ".csv";
  write_file(file, "account,seized\n1,6\n2,4\n3,0\n4,0\n5,0\n");
  const std::vector<std::string> base = {"check",        "--book", example("five-account.csv"),
                                         "--allocation", file,     "--severity",
                                         "2/3",          "--caps", example("caps-five-account.csv")};
  const Result loose = run_adl(base);
  EXPECT_EQ(loose.code, 0) << describe(loose);
  std::vector<std::string> strict = base;
  strict.push_back("--enforce-caps");
  const Result r = run_adl(strict);
  EXPECT_EQ(r.code, 1) << describe(r);
  bool cap_failed = false;
  for (const std::string& line : lines_of(r.out)) {
    if (line.rfind("  cap ", 0) == 0) cap_failed = line.find("FAIL") != std::string::npos;
  }
  EXPECT_TRUE(cap_failed) << r.out;
  std::filesystem::remove(file);
}

// Unknown and missing accounts are input errors naming the allocation file and line.
// @spec FMT-ERRORS
TEST(CliCheck, UnknownAndMissingAccounts) {
  const std::string file = temp_path("alloc") + ".csv";
  const std::string name = std::filesystem::path(file).filename().string();
  write_file(file, "account,seized\n1,4.8\n9,1\n");
  const Result unknown = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--severity", "1/2", "--json"});
  EXPECT_EQ(unknown.code, 2) << describe(unknown);
  EXPECT_TRUE(unknown.out.empty()) << unknown.out;
  EXPECT_NE(unknown.err.find(name + ":3:"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("'9'"), std::string::npos) << unknown.err;
  write_file(file, "account,seized\n1,4.8\n2,2.4\n3,0.3\n4,0\n");
  const Result missing = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--severity", "1/2"});
  EXPECT_EQ(missing.code, 2) << describe(missing);
  EXPECT_NE(missing.err.find(name + ":1:"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("'5'"), std::string::npos) << missing.err;
  write_file(file, "account,seized\n1,4.8\n2,lots\n");
  const Result bad = run_adl(
      {"check", "--book", example("five-account.csv"), "--allocation", file, "--severity", "1/2"});
  EXPECT_EQ(bad.code, 2) << describe(bad);
  EXPECT_NE(bad.err.find(name + ":3:3: field 'seized'"), std::string::npos) << bad.err;
  std::filesystem::remove(file);
}

// ---- adl generate

// @spec FMT-WEALTH-CSV
TEST(CliGenerate, DeterministicAndWellFormed) {
  const Result a = run_adl({"generate", "--accounts", "500", "--seed", "42", "--caps"});
  const Result b = run_adl({"generate", "--accounts", "500", "--seed", "42", "--caps"});
  const Result c = run_adl({"generate", "--accounts", "500", "--seed", "43", "--caps"});
  ASSERT_EQ(a.code, 0) << describe(a);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  const auto lines = lines_of(a.out);
  ASSERT_EQ(lines.size(), 502U);  // comment, header, 500 accounts
  EXPECT_EQ(lines[1], "account,cash,pnl,score,leverage,max_haircut,min_equity");
  const std::regex number(R"(-?[0-9]+\.[0-9]{2})");
  for (std::size_t k = 2; k < lines.size(); ++k) {
    std::vector<std::string> fields;
    std::stringstream row(lines[k]);
    for (std::string f; std::getline(row, f, ',');) fields.push_back(f);
    while (fields.size() < 7) fields.emplace_back();
    for (std::size_t f = 1; f < fields.size(); ++f) {
      if (f >= 5 && fields[f].empty()) continue;  // optional caps
      EXPECT_TRUE(std::regex_match(fields[f], number)) << lines[k];
    }
    EXPECT_NE(fields[1][0], '-') << "cash >= 0: " << lines[k];
  }
  // Through the library: D ≤ U, every β ≥ 1/2 for winners, heavy tail (max endowment ≫ median).
  const std::string file = temp_path("generated") + ".csv";
  write_file(file, a.out);
  const adl::io::LoadedBook loaded = adl::io::load_book(file);
  std::filesystem::remove(file);
  const adl::ref::BookState s = adl::ref::summarize(loaded.book);
  EXPECT_EQ(loaded.book.accounts.size(), 500U);
  EXPECT_GT(s.deficit, 0);
  EXPECT_LE(s.deficit, s.capacity);
  EXPECT_GE(s.capped_capacity * 2, s.capacity);
  for (std::size_t i = 0; i < s.endowment.size(); ++i) {
    if (s.endowment[i] > 0) {
      EXPECT_GE(s.cap[i], Rational(1, 2)) << loaded.book.accounts[i].id;
    }
  }
}

// --out writes through a temporary file; nothing is left behind on error.
TEST(CliGenerate, OutFileAndBounds) {
  const std::filesystem::path dir = std::filesystem::path(temp_path("dir"));
  std::filesystem::remove(dir);
  std::filesystem::create_directory(dir);
  const std::string out = (dir / "book.csv").string();
  const Result ok = run_adl({"generate", "--accounts", "1", "--out", out});
  EXPECT_EQ(ok.code, 0) << describe(ok);
  EXPECT_TRUE(ok.out.empty());
  EXPECT_EQ(lines_of(slurp(out)).size(), 3U);
  const Result zero = run_adl({"generate", "--accounts", "0", "--out", (dir / "zero.csv").string()});
  EXPECT_EQ(zero.code, 2) << describe(zero);
  const Result big = run_adl({"generate", "--accounts", "10000001"});
  EXPECT_EQ(big.code, 2) << describe(big);
  EXPECT_TRUE(big.out.empty());
  const Result share = run_adl({"generate", "--accounts", "3", "--loser-share", "3/2"});
  EXPECT_EQ(share.code, 2) << describe(share);
  const Result nowhere = run_adl({"generate", "--accounts", "3", "--out", (dir / "missing" / "x.csv").string()});
  EXPECT_EQ(nowhere.code, 2) << describe(nowhere);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1U);  // only book.csv: no temporary file left behind
  std::filesystem::remove_all(dir);
}

}  // namespace
