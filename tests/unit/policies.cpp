// Unit tests of the one-round allocators: edge cases of spec/policies.md.
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/io/names.hpp"
#include "adl/ref/error.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"

#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::ref::Allocation;
using adl::ref::Infeasible;
using adl::ref::InvalidInput;
using adl::ref::Rational;
using adl::ref::Score;

std::vector<Score> scores(std::initializer_list<const char*> items) {
  std::vector<Score> out;
  for (const char* s : items) out.push_back({Rational(s), false});
  return out;
}

Rational total(const Allocation& a) {
  Rational t = 0;
  for (const auto& x : a.seized) t += x;
  return t;
}

// @spec POL-QUEUE: ties in score break by ascending index.
TEST(Queue, TiesBreakByAscendingIndex) {
  const auto a = adl::ref::queue(v({"3", "3", "3"}), scores({"1", "2", "2"}), q("4"));
  // σ = (2, 3, 1): account 2 fully, account 3 partially, account 1 untouched.
  EXPECT_EQ(a.seized, v({"0", "3", "1"}));
  EXPECT_EQ(a.haircut, v({"0", "1", "1/3"}));
}

// @spec AMB-P-01: zero-endowment accounts are not ranked and get h = 0, even with the top score.
TEST(Queue, ZeroEndowmentGetsNoHaircut) {
  const auto a = adl::ref::queue(v({"0", "5"}), scores({"100", "1"}), q("2"));
  EXPECT_EQ(a.haircut, v({"0", "2/5"}));
}

// @spec THM-QUEUE-BUDGET: B = U seizes everything; B > U is infeasible, not truncated.
TEST(Queue, BudgetEqualToCapacityAndAbove) {
  const auto a = adl::ref::queue(v({"2", "3"}), scores({"1", "2"}), q("5"));
  EXPECT_EQ(a.haircut, v({"1", "1"}));
  EXPECT_THROW(adl::ref::queue(v({"2", "3"}), scores({"1", "2"}), q("51/10")), Infeasible);
}

// @spec DEF-QUEUE-SCORE: an infinite (Binance p^bk = 0) score ranks before every finite one.
TEST(Queue, InfiniteScoreRanksFirst) {
  std::vector<Score> s = {{q("1000"), false}, {q("0"), true}};
  const auto a = adl::ref::queue(v({"4", "4"}), s, q("3"));
  EXPECT_EQ(a.seized, v({"0", "3"}));
}

// @spec POL-QUEUE: zero budget touches no one.
TEST(Queue, ZeroBudget) {
  const auto a = adl::ref::queue(v({"2", "3"}), scores({"1", "2"}), q("0"));
  EXPECT_EQ(a.seized, v({"0", "0"}));
  EXPECT_EQ(a.haircut, v({"0", "0"}));
}

// @spec POL-PRO-RATA: no winners: B = 0 is valid, any B > 0 infeasible.
TEST(ProRata, EmptyWinnerSet) {
  EXPECT_EQ(adl::ref::pro_rata(v({"0", "0"}), q("0")).seized, v({"0", "0"}));
  EXPECT_THROW(adl::ref::pro_rata(v({"0", "0"}), q("1")), Infeasible);
  EXPECT_EQ(adl::ref::pro_rata({}, q("0")).seized.size(), 0u);
}

// @spec POL-PRO-RATA: budget equal to capacity gives h = 1 for every winner.
TEST(ProRata, BudgetEqualToCapacity) {
  EXPECT_EQ(adl::ref::pro_rata(v({"2", "0", "3"}), q("5")).haircut, v({"1", "0", "1"}));
}

// @spec POL-VALID: negative budgets and endowments are errors, never clamped.
TEST(ProRata, RejectsNegativeInputs) {
  EXPECT_THROW(adl::ref::pro_rata(v({"2"}), q("-1")), InvalidInput);
  EXPECT_THROW(adl::ref::pro_rata(v({"-2"}), q("1")), InvalidInput);
}

// @spec POL-CAPPED-PRO-RATA: with all β = 1 it equals wealth pro-rata.
TEST(CappedProRata, AllCapsOneIsProRata) {
  const auto w = v({"8", "4", "1/2"});
  EXPECT_EQ(adl::ref::capped_pro_rata(w, v({"1", "1", "1"}), q("15/2")).haircut,
            adl::ref::pro_rata(w, q("15/2")).haircut);
}

// @spec ALG-CAPPED-WATERFILL: β_i = 0 ⇒ h_i = 0; all β = 0 with B > 0 ⇒ infeasible.
TEST(CappedProRata, ZeroCaps) {
  const auto a = adl::ref::capped_pro_rata(v({"5", "5"}), v({"0", "1"}), q("2"));
  EXPECT_EQ(a.haircut, v({"0", "2/5"}));
  EXPECT_THROW(adl::ref::capped_pro_rata(v({"5", "5"}), v({"0", "0"}), q("1")), Infeasible);
  EXPECT_EQ(adl::ref::capped_pro_rata(v({"5", "5"}), v({"0", "0"}), q("0")).seized, v({"0", "0"}));
}

// @spec ALG-CAPPED-WATERFILL: B = C(β) ⇒ h = β; equal caps give zero-width steps.
TEST(CappedProRata, BudgetEqualToCappedCapacity) {
  const auto a = adl::ref::capped_pro_rata(v({"4", "2", "2"}), v({"1/4", "1/2", "1/2"}), q("3"));
  EXPECT_EQ(a.haircut, v({"1/4", "1/2", "1/2"}));
  EXPECT_EQ(total(a), 3);
}

// @spec DEF-CAPS: caps outside [0, 1] are rejected.
TEST(CappedProRata, RejectsCapOutsideUnitInterval) {
  EXPECT_THROW(adl::ref::capped_pro_rata(v({"1"}), v({"3/2"}), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::capped_pro_rata(v({"1"}), v({"-1/2"}), q("0")), InvalidInput);
}

// @spec ALG-RAP-WATERFILL: accounts with zero risk weight are never touched (AMB-P-08).
TEST(Rap, ZeroRiskWeightExcluded) {
  const auto a = adl::ref::rap(v({"4", "4"}), v({"1", "1"}), v({"0", "3"}), q("2"));
  EXPECT_EQ(a.haircut, v({"0", "1/2"}));
  EXPECT_THROW(adl::ref::rap(v({"4", "4"}), v({"1", "1"}), v({"0", "3"}), q("5")), Infeasible);
}

// @spec DEF-RISK-MODEL: w̃ = λ·g(λ) for linear, power and CVaR models.
TEST(Rap, RiskWeights) {
  using adl::ref::RiskModel;
  EXPECT_EQ(adl::ref::risk_weight({RiskModel::Kind::Linear, 0}, q("3")), 9);
  EXPECT_EQ(adl::ref::risk_weight({RiskModel::Kind::Power, 3}, q("2")), 16);
  EXPECT_EQ(adl::ref::risk_weight({RiskModel::Kind::Cvar, q("9/10")}, q("2")), q("11/5"));
  EXPECT_EQ(adl::ref::risk_weight({RiskModel::Kind::Cvar, q("9/10")}, q("1/2")), 0);
  EXPECT_THROW(adl::ref::risk_weight({RiskModel::Kind::Power, q("5/2")}, q("2")), InvalidInput);
  EXPECT_THROW(adl::ref::risk_weight({RiskModel::Kind::Power, 1}, q("2")), InvalidInput);
}

// @spec POL-MINMAX-CONT: burden x_i/e_i equalised at level M where endowments allow.
// e = (10, 5, 1), w = (8, 4, 1/2). Account 3 saturates at M = 1/2, accounts 1–2 at M = 4/5.
// B = 15/2: at M = 1/2 the total is 5 + 5/2 + 1/2 = 8 > 15/2, so no one saturates:
// 16M = 15/2 ⇒ M = 15/32, x = (75/16, 75/32, 15/32).
// B = 9: 8 < 9, so account 3 is capped at 1/2 and 15M + 1/2 = 9 ⇒ M = 17/30, x = (17/3, 17/6, 1/2).
TEST(MinMax, EqualisesBurden) {
  const auto w = v({"8", "4", "1/2"});
  const auto e = v({"10", "5", "1"});
  const auto a = adl::ref::min_max_burden(w, e, v({"1", "1", "1"}), q("15/2"));
  EXPECT_EQ(a.seized, v({"75/16", "75/32", "15/32"}));
  const auto b = adl::ref::min_max_burden(w, e, v({"1", "1", "1"}), q("9"));
  EXPECT_EQ(b.seized, v({"17/3", "17/6", "1/2"}));
  EXPECT_EQ(total(b), 9);
}

// @spec POL-GREEDY-ONESTEP: caps bind and ties break by index.
TEST(Greedy, RespectsCapsAndTies) {
  const auto a = adl::ref::greedy_one_step(v({"2", "2", "2"}), v({"2", "2", "2"}), v({"1/2", "1", "1"}),
                                           v({"5", "1", "1"}), q("3"));
  // keys e·ρ/w = (5, 1, 1): account 1 up to its cap 1, then account 2 (tie with 3, lower index).
  EXPECT_EQ(a.seized, v({"1", "2", "0"}));
}

// @spec POL-ADL-POLICY: canonical names and aliases.
TEST(PolicyNames, RoundTripAndAliases) {
  using adl::ref::PolicyKind;
  for (auto k : {PolicyKind::Queue, PolicyKind::ProRata, PolicyKind::LeveredProRata, PolicyKind::CappedProRata,
                 PolicyKind::Rap, PolicyKind::MinMax, PolicyKind::GreedyOneStep}) {
    EXPECT_EQ(adl::io::parse_policy_name(adl::ref::policy_name(k)), k);
  }
  EXPECT_EQ(adl::io::parse_policy_name("cpr"), PolicyKind::CappedProRata);
  EXPECT_THROW(adl::io::parse_policy_name("fifo"), InvalidInput);
}

// @spec MET-MAJORIZATION
TEST(Majorization, WeakAndStrict) {
  EXPECT_TRUE(adl::ref::weakly_submajorized(v({"1", "1"}), v({"2", "0"})));
  EXPECT_TRUE(adl::ref::majorized(v({"1", "1"}), v({"2", "0"})));
  EXPECT_FALSE(adl::ref::majorized(v({"2", "0"}), v({"1", "1"})));
  EXPECT_TRUE(adl::ref::weakly_submajorized(v({"1", "0"}), v({"1", "1"})));
  EXPECT_FALSE(adl::ref::majorized(v({"1", "0"}), v({"1", "1"})));
  EXPECT_FALSE(adl::ref::weakly_submajorized(v({"3", "0"}), v({"2", "2"})));
  EXPECT_THROW(adl::ref::weakly_submajorized(v({"1"}), v({"1", "2"})), InvalidInput);
}

}  // namespace
