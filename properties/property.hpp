/// @file
/// How a property runs and reports: ADL_PROPERTY defines a RapidCheck property
/// as a GoogleTest TEST (like RC_GTEST_PROP, with the same test id, so
/// `RC_PARAMS="reproduce=..."` works) that always prints RapidCheck's result
/// line, "OK, passed 1000 tests" and the tag distribution, so every run shows
/// how many cases it executed. Plus the agreement assertion shared by the
/// agreement properties and the mutant test.
#pragma once

// gtest first: rapidcheck/gtest.h needs it and does not include it (STYLE.md).
#include <gtest/gtest.h>

#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "checker.hpp"
#include "generators.hpp"

#include <iostream>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>

// RC_ASSERT expansions and counterexamples print outcomes and policies by
// name: RapidCheck finds showValue by argument-dependent lookup, so each
// overload lives in the namespace of its type.
namespace adl::check {
/// @spec FX-OVERFLOW
inline void showValue(Outcome outcome, std::ostream& os) { os << outcome_name(outcome); }
}  // namespace adl::check

namespace adl {
/// @spec POL-ADL-POLICY
inline void showValue(PolicyKind policy, std::ostream& os) { os << policy_name(policy); }
}  // namespace adl

namespace adl::prop {

/// Runs a testable as the current GoogleTest test and prints RapidCheck's
/// verdict: the success line with the number of cases on stdout, or the
/// counterexample (with the `reproduce` string) as the test failure.
/// @spec FX-ROUNDING
template <class Testable>
void check_property(Testable&& testable) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata metadata;
  metadata.id = std::string(info->test_suite_name()) + "/" + info->name();
  metadata.description = info->name();
  const auto result = rc::detail::checkTestable(std::forward<Testable>(testable), metadata);
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  if (result.template is<rc::detail::SuccessResult>()) {
    std::cout << metadata.id << ": " << message.str() << std::endl;
  } else {
    FAIL() << message.str() << std::endl;
  }
}

/// Tags a verdict by outcome and, on success, by whether FX-ROUNDING had to
/// hand out units (L ＞ 0): the distribution shows the rounding was exercised.
/// @spec FX-ROUNDING
inline void tag_verdict(Policy policy, const Verdict& v) {
  if (v.ref.outcome != Outcome::Ok || v.fx.outcome != Outcome::Ok) {
    RC_TAG(std::string("fx ") + outcome_name(v.fx.outcome) + ", ref " + outcome_name(v.ref.outcome));
  } else if (policy == Policy::Queue || policy == Policy::GreedyOneStep || policy == Policy::ContractProRata) {
    RC_TAG("ok (x* integral: rounding is the identity)");
  } else {
    RC_TAG(v.ref.units_handed_out > 0 ? "ok, units handed out (L > 0)" : "ok, L = 0");
  }
}

/// Fails the case with the checker's message (both inputs, both outputs) on a
/// mismatch; on a match of two results, also checks the FX-ROUNDING invariants
/// on fx alone (so a wrong round_to_fx cannot hide an fx bug).
/// @spec FX-ROUNDING
inline void require_agreement(Policy policy, const Input& input, const Verdict& v) {
  if (!v.agree) RC_FAIL(v.message);
  if (policy != Policy::ContractProRata && v.fx.outcome == Outcome::Ok) {
    if (const auto broken = rounding_invariants(policy, input, v.fx.values)) {
      RC_FAIL("FX-ROUNDING invariant broken: " + *broken + "\n" + describe_input(policy, input));
    }
  }
}

/// The agreement property fx == round(ref) on one regime, for any fx engine.
/// @spec FX-ROUNDING
/// @spec FX-OVERFLOW
inline void agreement_case(Policy policy, gens::Regime regime, const FxEngine& engine = run_fx) {
  gens::OffByOne shape = gens::OffByOne::BudgetOneUnit;
  Input input;
  if (policy == Policy::ContractProRata) {
    input = regime == gens::Regime::Random ? gens::draw_contracts_random()
                                           : gens::draw_contracts_boundary(regime == gens::Regime::OffByOne);
  } else {
    switch (regime) {
      case gens::Regime::Random: input = gens::draw_random(policy); break;
      case gens::Regime::Boundary: input = gens::draw_boundary(policy); break;
      case gens::Regime::OffByOne: input = gens::draw_off_by_one(policy, &shape); break;
    }
  }
  const Verdict v = check_agreement(policy, input, engine);
  tag_verdict(policy, v);
  require_agreement(policy, input, v);
  if (policy == Policy::ContractProRata || regime != gens::Regime::OffByOne) return;
  // The expected outcome one unit past a boundary, stated outright (not only "both agree").
  if (shape == gens::OffByOne::BudgetAboveCapacity && !exceeds_fx_range(policy, input)) {
    RC_ASSERT(v.fx.outcome == Outcome::Infeasible);  // POL-VALID: B = C + 1 is Infeasible on both sides
  }
  if (shape == gens::OffByOne::CapacityAboveInt64) {
    RC_ASSERT(v.fx.outcome == Outcome::Overflow);  // FX-OVERFLOW: U = INT64_MAX + k
  }
  if (shape == gens::OffByOne::CapacityAtInt64) {
    RC_ASSERT(v.fx.outcome == Outcome::Ok);  // FX-OVERFLOW: U = INT64_MAX is inside the range
  }
}

}  // namespace adl::prop

/// Defines a RapidCheck property as a GoogleTest test that prints its case count.
/// @spec FX-ROUNDING
#define ADL_PROPERTY(Suite, Name, ArgList)                                           \
  void adl_property_##Suite##_##Name ArgList;                                        \
  TEST(Suite, Name) { ::adl::prop::check_property(&adl_property_##Suite##_##Name); } \
  void adl_property_##Suite##_##Name ArgList
