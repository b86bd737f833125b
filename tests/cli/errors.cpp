// Rejected input: malformed books, impossible parameters and usage errors all
// exit 2 with a located message on standard error and nothing on standard
// output (spec/formats.md, FMT-ERRORS); --help and --version exit 0.
#include <gtest/gtest.h>

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

// Runs `adl run` on a malformed book, text and --json, and checks the location and field.
void expect_rejected_book(const std::string& file, const std::string& location, const std::string& field) {
  const std::string path = test_data(file);
  for (const bool json : {false, true}) {
    SCOPED_TRACE(json ? "--json" : "text");
    std::vector<std::string> args = {"run", "--book", path, "--policy", "pro-rata", "--severity", "1/2"};
    if (json) args.push_back("--json");
    const Result r = run_adl(args);
    EXPECT_EQ(r.code, 2) << describe(r);
    EXPECT_TRUE(r.out.empty()) << "nothing on stdout: " << r.out;
    EXPECT_NE(r.err.find(file + ":" + location + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("field '" + field + "'"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  }
  // The other book-reading commands report the same error.
  const Result c = run_adl({"compare", "--book", path, "--json"});
  EXPECT_EQ(c.code, 2) << describe(c);
  EXPECT_TRUE(c.out.empty());
  EXPECT_NE(c.err.find(file + ":" + location + ":"), std::string::npos) << c.err;
}

// @spec FMT-NUMBER
// @spec FMT-ERRORS
TEST(CliErrors, TextInNumberField) { expect_rejected_book("cli_text_in_number.csv", "4", "pnl"); }

// @spec FMT-NUMBER
// @spec FMT-ERRORS
TEST(CliErrors, NotANumber) { expect_rejected_book("cli_nan.csv", "3", "cash"); }

// @spec FMT-POSITION-CSV
// @spec FMT-ERRORS
TEST(CliErrors, NegativeQuantity) { expect_rejected_book("cli_negative_quantity.csv", "4", "quantity"); }

// @spec FMT-CSV
// @spec FMT-ERRORS
TEST(CliErrors, MissingRequiredColumn) { expect_rejected_book("cli_missing_column.csv", "3", "cash"); }

// θ·D > U: θ = 1 asks for 15 on EX-5ACCT, whose capacity is 25/2.
// @spec DEF-FEASIBILITY
TEST(CliErrors, InfeasibleSeverity) {
  for (const bool json : {false, true}) {
    std::vector<std::string> args = {"run",        "--book", example("five-account.csv"), "--policy", "queue",
                                     "--severity", "1"};
    if (json) args.push_back("--json");
    const Result r = run_adl(args);
    EXPECT_EQ(r.code, 2) << describe(r);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.err.rfind("adl: error: ", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("capacity"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("25/2"), std::string::npos) << r.err;
  }
  // --clip-budget makes it B = U = 25/2 instead.
  const Result clipped = run_adl({"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1",
                                  "--clip-budget", "--json"});
  EXPECT_EQ(clipped.code, 0) << describe(clipped);
  EXPECT_NE(clipped.out.find("\"clipped\": true"), std::string::npos) << clipped.out;
  // compare stops too: the budget is common to all policies.
  const Result c = run_adl({"compare", "--severity", "1"});
  EXPECT_EQ(c.code, 2) << describe(c);
  EXPECT_TRUE(c.out.empty());
}

// @spec POL-VALID
TEST(CliErrors, SeverityOutsideUnitInterval) {
  const Result r = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "queue", "--severity", "1.5", "--json"});
  EXPECT_EQ(r.code, 2) << describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("severity"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[0, 1]"), std::string::npos) << r.err;
  const Result c = run_adl({"check", "--book", example("five-account.csv"), "--allocation", example("five-account.csv"),
                            "--severity", "1.5"});
  EXPECT_EQ(c.code, 2) << describe(c);
}

// Impossible command lines: exit 2, nothing on stdout.
// @spec FMT-ERRORS
TEST(CliErrors, UsageErrors) {
  const std::string book = example("five-account.csv");
  const std::vector<std::vector<std::string>> cases = {
      {},                                                                                  // no subcommand
      {"frobnicate"},                                                                      // unknown subcommand
      {"run", "--book", book},                                                             // --policy missing
      {"run", "--book", book, "--policy", "fifo", "--json"},                               // unknown policy
      {"run", "--book", book, "--policy", "queue", "--severity", "half"},                  // not a number
      {"run", "--book", book, "--policy", "queue", "--severity", "1/2", "--budget", "3"},  // both
      {"run", "--book", book, "--policy", "queue", "--score", "random"},
      {"run", "--book", book, "--policy", "rap", "--risk", "power:1/2"},
      {"run", "--book", book, "--policy", "queue", "--budget", "-1"},
      {"run", "--book", book, "--policy", "queue", "--top", "-1"},
      {"run", "--book", "/nonexistent/book.csv", "--policy", "queue", "--json"},
      {"compare", "--risk", "cvar:-1"},
      {"generate", "--accounts", "ten"},
      {"generate", "--accounts", "3", "--seed", "-4"},
  };
  for (const auto& args : cases) {
    std::string line;
    for (const auto& a : args) line += a + " ";
    const Result r = run_adl(args);
    EXPECT_EQ(r.code, 2) << line << "\n" << describe(r);
    EXPECT_TRUE(r.out.empty()) << line << "\n" << r.out;
    EXPECT_FALSE(r.err.empty()) << line;
  }
}

// @spec FMT-ERRORS
TEST(CliHelp, EverySubcommand) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"run",
       {"--book", "--policy", "--severity", "--budget", "--clip-budget", "--caps", "--score", "--risk", "--needed",
        "--top", "--json"}},
      {"compare", {"--book", "--severity", "--budget", "--clip-budget", "--caps", "--score", "--risk", "--json"}},
      {"check", {"--book", "--allocation", "--caps", "--enforce-caps", "--severity", "--budget", "--json"}},
      {"generate", {"--accounts", "--seed", "--loser-share", "--caps", "--out"}},
  };
  for (const auto& [command, options] : expected) {
    const Result r = run_adl({command, "--help"});
    EXPECT_EQ(r.code, 0) << describe(r);
    for (const std::string& option : options) {
      EXPECT_NE(r.out.find(option), std::string::npos) << command << " --help lacks " << option << "\n" << r.out;
    }
  }
  const Result top = run_adl({"--help"});
  EXPECT_EQ(top.code, 0) << describe(top);
  for (const char* command : {"run", "compare", "check", "generate"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << top.out;
  }
  const Result version = run_adl({"--version"});
  EXPECT_EQ(version.code, 0) << describe(version);
  EXPECT_NE(version.out.find("adl"), std::string::npos) << version.out;
}

}  // namespace
