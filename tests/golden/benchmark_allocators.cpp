// Golden tests of the empirical benchmark allocators (spec/policies.md §3, §6).
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/benchmark_allocators.hpp"
#include "adl/ref/error.hpp"

namespace {

using adl::test::v;

using adl::ref::Rational;

// @spec POL-CONTRACT-PRO-RATA: derived test |q| = (3.7, 1.2, 0.6), Q = 2.3 ⇒ Q_int = 3,
// m = (3, 1, 0), ideal = (111/49, 36/49, 0) ≈ (2.2653, 0.7347, 0), closed = (2, 1, 0).
TEST(ContractProRata, IntegerReferenceExample) {
  const auto closed = adl::ref::contract_pro_rata_integer(v({"37/10", "6/5", "3/5"}), Rational(1), Rational("23/10"));
  EXPECT_EQ(closed, v({"2", "1", "0"}));
}

// @spec POL-CONTRACT-PRO-RATA: floor rounding closes ⌊2.3⌋ = 2: ideal = (74/49, 24/49, 0),
// base (1, 0, 0), remainder 1 goes to the larger fraction 25/49 (account 1) ⇒ (2, 0, 0).
TEST(ContractProRata, FloorRounding) {
  const auto closed = adl::ref::contract_pro_rata_integer(v({"37/10", "6/5", "3/5"}), Rational(1), Rational("23/10"),
                                                          adl::ref::ContractRounding::Floor);
  EXPECT_EQ(closed, v({"2", "0", "0"}));
}

// @spec POL-CONTRACT-PRO-RATA: Q = 5/2 rounds half to even (2); 7/2 rounds to 4.
TEST(ContractProRata, RoundHalfToEven) {
  const auto two = adl::ref::contract_pro_rata_integer(v({"10", "10"}), Rational(1), Rational("5/2"),
                                                       adl::ref::ContractRounding::Round);
  EXPECT_EQ(two[0] + two[1], 2);
  const auto four = adl::ref::contract_pro_rata_integer(v({"10", "10"}), Rational(1), Rational("7/2"),
                                                        adl::ref::ContractRounding::Round);
  EXPECT_EQ(four, v({"2", "2"}));
}

// @spec POL-CONTRACT-PRO-RATA: the remainder left after the single pass is dropped (undershoot):
// |q| = (1, 1), Q = 3 ⇒ m = (1, 1), ideal (3/2, 3/2), base (1, 1), nothing more to close.
TEST(ContractProRata, UndershootWhenContractsRunOut) {
  EXPECT_EQ(adl::ref::contract_pro_rata_integer(v({"1", "1"}), Rational(1), Rational(3)), v({"1", "1"}));
}

// @spec POL-CONTRACT-PRO-RATA: continuous form closed_i = min(|q_i|, Q·|q_i|/Σ|q|).
TEST(ContractProRata, Continuous) {
  EXPECT_EQ(adl::ref::contract_pro_rata(v({"3", "1"}), Rational(2), Rational(4)), v({"3/2", "1/2"}));
  EXPECT_THROW(adl::ref::contract_pro_rata(v({"3"}), Rational(0), Rational(1)), adl::ref::InvalidInput);
}

// @spec POL-VECTOR-MD: derived test, one step from h = 0 with c = (2, 1, 1), B = 3 ⇒ μ = 1/2,
// x = (1, 1/2, 1/2), USD c·x = (2, 1/2, 1/2) — a capacity-squared tilt, not pro-rata (3/2, 3/4, 3/4).
TEST(VectorMirrorDescent, ProjectionFromZero) {
  const auto c = v({"2", "1", "1"});
  const auto x = adl::ref::project_onto_budget_box(v({"0", "0", "0"}), c, Rational(3));
  EXPECT_EQ(x, v({"1", "1/2", "1/2"}));
}

// @spec POL-VECTOR-MD: the projection meets the budget exactly and stays in the box.
TEST(VectorMirrorDescent, ProjectionInteriorAndBounds) {
  const auto c = v({"1", "1"});
  EXPECT_EQ(adl::ref::project_onto_budget_box(v({"1/2", "1/4"}), c, Rational(1)), v({"5/8", "3/8"}));
  EXPECT_EQ(adl::ref::project_onto_budget_box(v({"3", "-2"}), c, Rational(1)), v({"1", "0"}));
  EXPECT_EQ(adl::ref::project_onto_budget_box(v({"1/2", "1/4"}), c, Rational(2)), v({"1", "1"}));
  EXPECT_EQ(adl::ref::project_onto_budget_box(v({"1/2", "1/4"}), c, Rational(0)), v({"0", "0"}));
  EXPECT_THROW(adl::ref::project_onto_budget_box(v({"0"}), v({"1"}), Rational(2)), adl::ref::InvalidInput);
  EXPECT_THROW(adl::ref::project_onto_budget_box(v({"0"}), v({"0"}), Rational(0)), adl::ref::InvalidInput);
}

}  // namespace
