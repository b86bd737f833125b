// `--engine fx|ref|auto` on `adl run` and `adl compare`, and `adl compare --generate N`
// (FX-ENGINE, FX-BUDGET, FX-METRICS). The fx engine's allocations must be the FX-ROUNDING of
// the reference's: per account within one micro-USD of the exact amount, equal sums, and equal
// where the exact amount is a whole number of micro-USD — checked here against the reference
// engine's own JSON, never against numbers copied from the program's output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cli_harness.hpp"
#include "rationals.hpp"

namespace {

using namespace adl::test;
using adl::ref::Rational;
using nlohmann::json;

json run_json(const std::vector<std::string>& args) {
  const Result r = run_adl(args);
  EXPECT_EQ(r.code, 0) << describe(r);
  return json::parse(r.out);
}

Rational exact(const json& value) { return adl::ref::parse_rational(value.get<std::string>()); }

/// fx seized amounts against the exact ones, policy by policy: |x_fx − x⋆| < 10⁻⁶ USD, x_fx on
/// the micro-USD grid, x_fx = x⋆ when x⋆ is on the grid, and Σ x_fx = Σ x⋆ = B (FX-ROUNDING).
void expect_fx_rounds_ref(const json& ref_doc, const json& fx_doc) {
  const Rational unit(1, 1'000'000);
  ASSERT_EQ(ref_doc["policies"].size(), fx_doc["policies"].size());
  EXPECT_EQ(ref_doc["totals"]["budget"], fx_doc["totals"]["budget"]);
  for (std::size_t p = 0; p < ref_doc["policies"].size(); ++p) {
    const json& r = ref_doc["policies"][p];
    const json& f = fx_doc["policies"][p];
    SCOPED_TRACE(r["name"].get<std::string>());
    ASSERT_EQ(r["available"], f["available"]);
    if (!r["available"].get<bool>()) continue;
    EXPECT_TRUE(f["valid"].get<bool>());
    Rational sum_ref = 0, sum_fx = 0;
    for (std::size_t i = 0; i < r["seized"].size(); ++i) {
      const Rational x_ref = exact(r["seized"][i]);
      const Rational x_fx = exact(f["seized"][i]);
      const Rational micro = x_fx / unit;
      EXPECT_EQ(denominator(micro), 1) << "account " << i << " is not on the micro-USD grid";
      EXPECT_LT(abs(x_fx - x_ref), unit) << "account " << i;
      if (denominator(x_ref / unit) == 1) {
        EXPECT_EQ(x_fx, x_ref) << "account " << i;
      }
      sum_ref += x_ref;
      sum_fx += x_fx;
    }
    EXPECT_EQ(sum_ref, sum_fx);
  }
}

// @spec FX-ENGINE
// @spec FX-ROUNDING
// @spec EX-5ACCT
TEST(CliEngine, CompareEmbeddedBookFxRoundsRef) {
  const json ref_doc = run_json({"compare", "--engine", "ref", "--json"});
  const json fx_doc = run_json({"compare", "--engine", "fx", "--json"});
  EXPECT_EQ(ref_doc["parameters"]["engine"], "ref");
  EXPECT_EQ(fx_doc["parameters"]["engine"], "fx");
  EXPECT_FALSE(fx_doc["parameters"]["budget_rounded_to_micro_usd"].get<bool>());  // B = 15/2
  expect_fx_rounds_ref(ref_doc, fx_doc);
  // Levered pro-rata's exact result (h = 7/9 on account 1, POL-LEV-PRO-RATA) is not on the grid:
  // the fx engine must differ from it somewhere, or the comparison above proved nothing.
  bool differs = false;
  for (std::size_t i = 0; i < ref_doc["policies"][2]["seized"].size(); ++i) {
    differs = differs || ref_doc["policies"][2]["seized"][i] != fx_doc["policies"][2]["seized"][i];
  }
  EXPECT_TRUE(differs);
}

// @spec FX-ENGINE
// @spec FX-GENERATOR
// @spec FX-METRICS
TEST(CliEngine, GeneratedBookBothEnginesAgree) {
  // The ref engine on a generated book goes through fx::to_ref_book; the fx engine stays in
  // fixed point (FX-METRICS). Same book, same budget, allocations equal up to FX-ROUNDING.
  const json ref_doc = run_json({"compare", "--generate", "300", "--seed", "7", "--engine", "ref", "--json"});
  const json fx_doc = run_json({"compare", "--generate", "300", "--seed", "7", "--engine", "fx", "--json"});
  EXPECT_EQ(ref_doc["book"]["accounts"], 300);
  EXPECT_EQ(ref_doc["totals"]["deficit"], fx_doc["totals"]["deficit"]);
  EXPECT_EQ(ref_doc["totals"]["capacity"], fx_doc["totals"]["capacity"]);
  EXPECT_EQ(ref_doc["totals"]["capped_capacity"], fx_doc["totals"]["capped_capacity"]);
  expect_fx_rounds_ref(ref_doc, fx_doc);
  // Metrics computed in integers equal the reference's evaluate() on the fx allocation: for the
  // queue and greedy one-step the exact result is integral, so every metric must agree exactly.
  for (const std::size_t p : {std::size_t{0}, std::size_t{6}}) {
    for (const char* key : {"top_survivor", "ptsr", "pmr", "max_burden", "max_haircut", "winners_touched"}) {
      EXPECT_EQ(ref_doc["policies"][p][key], fx_doc["policies"][p][key])
          << ref_doc["policies"][p]["name"] << " " << key;
    }
  }
  // The same seed gives the same book.
  const json again = run_json({"compare", "--generate", "300", "--seed", "7", "--engine", "fx", "--json"});
  EXPECT_EQ(again, fx_doc);
}

// @spec FX-ENGINE
// @spec FX-GENERATOR
TEST(CliEngine, MillionAccountsOnFxByDefault) {
  const Result r = run_adl({"compare", "--generate", "1000000"});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_NE(r.out.find("accounts                  1000000 ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("engine                    fx"), std::string::npos);
  const ParsedTable policies = table_after(r.out, "Policies");
  ASSERT_EQ(policies.rows.size(), 7u);
  for (const auto& row : policies.rows) EXPECT_EQ(row.back(), "yes") << row.front();
  EXPECT_NE(r.out.find("not computed above 10000 accounts"), std::string::npos);
}

// @spec FX-ENGINE
// @spec FX-BUDGET
TEST(CliEngine, RunFxRoundsTheBudgetDownAndSaysSo) {
  // θ = 1/3 of D = 15 is B = 5 exactly; θ = 1/7 gives 15/7 USD, not on the micro-USD grid:
  // B_fx = ⌊10⁶·15/7⌋ = 2142857 micro-USD and θ_fx = B_fx/D.
  const json exact = run_json({"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity",
                               "1/7", "--engine", "ref", "--json"});
  const json fx = run_json({"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity", "1/7",
                            "--engine", "fx", "--json"});
  EXPECT_EQ(exact["totals"]["budget"], "15/7");
  EXPECT_EQ(fx["totals"]["budget"], "2142857/1000000");
  EXPECT_EQ(adl::ref::parse_rational(fx["totals"]["severity"].get<std::string>()), q("2142857/15000000"));
  EXPECT_TRUE(fx["policy"]["budget_rounded_to_micro_usd"].get<bool>());
  EXPECT_TRUE(fx["validity"]["valid"].get<bool>());
  const Result text = run_adl(
      {"run", "--book", example("five-account.csv"), "--policy", "pro-rata", "--severity", "1/7", "--engine", "fx"});
  EXPECT_NE(text.out.find("rounded down to the micro-USD, FX-BUDGET"), std::string::npos) << text.out;
}

// @spec FX-ENGINE
// @spec FX-TO-EXACT
// @spec FMT-ERRORS
TEST(CliEngine, RejectedRequests) {
  const auto expect_usage = [](const std::vector<std::string>& args, const std::string& message) {
    const Result r = run_adl(args);
    EXPECT_EQ(r.code, 2) << describe(r);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  };
  expect_usage({"compare", "--engine", "float"}, "--engine must be auto, fx or ref");
  expect_usage({"compare", "--generate", "0"}, "--generate must be in [1, 100000000]");
  expect_usage({"compare", "--generate", "10", "--book", example("five-account.csv")}, "exclude each other");
  expect_usage({"compare", "--generate", "10", "--seed", "-1"}, "--seed");
  // A PnL of 10⁻⁷ USD has no fixed-point form: an error naming account and field, never rounded.
  const std::string path = temp_path("subunit") + ".csv";
  write_file(path, "account,cash,pnl\na,1,0.0000001\nb,0,-1\n");
  const Result r = run_adl({"run", "--book", path, "--policy", "pro-rata", "--engine", "fx"});
  EXPECT_EQ(r.code, 2) << describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("'a'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pnl"), std::string::npos) << r.err;
  EXPECT_EQ(run_adl({"run", "--book", path, "--policy", "pro-rata", "--engine", "ref"}).code, 0);
}

// A book whose capacity U = Σ w leaves int64 micro-USD is outside the fx range: rejected input
// (exit 2) naming FX-OVERFLOW on the fx engine, as compare reports it, and fine on the reference.
// @spec FX-OVERFLOW
// @spec FMT-ERRORS
TEST(CliEngine, CapacityBeyondInt64IsRejectedInput) {
  const std::string path = temp_path("overflow") + ".csv";
  // Each PnL fits int64 micro-USD (5·10¹⁸ < 2⁶³ ≈ 9.22·10¹⁸); their sum does not.
  write_file(path, "account,cash,pnl\na,0,5000000000000\nb,0,5000000000000\nc,0,-1\n");
  const Result fx = run_adl({"run", "--book", path, "--policy", "pro-rata", "--engine", "fx"});
  EXPECT_EQ(fx.code, 2) << describe(fx);
  EXPECT_TRUE(fx.out.empty()) << fx.out;
  EXPECT_EQ(fx.err.rfind("adl: error: fx overflow: ", 0), 0U) << fx.err;
  EXPECT_NE(fx.err.find("FX-OVERFLOW"), std::string::npos) << fx.err;
  EXPECT_EQ(run_adl({"run", "--book", path, "--policy", "pro-rata", "--engine", "ref"}).code, 0);
  const Result compare = run_adl({"compare", "--book", path, "--engine", "fx"});
  EXPECT_EQ(compare.code, 0) << describe(compare);
  EXPECT_NE(compare.out.find("n/a \u2014 fx overflow"), std::string::npos) << compare.out;
}

}  // namespace
