// Golden tests for the five-account example EX-5ACCT and every policy example
// of the reference worked on it or on its endowments (exact rationals).
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::ref::Account;
using adl::ref::Allocation;
using adl::ref::Book;
using adl::ref::Rational;
using adl::ref::Score;

// @spec EX-5ACCT: e = (10, 5, 1, −3, −12), c = (2, 1, 1/2, 0, 0).
Book five_accounts() {
  Book b;
  const char* cash[] = {"2", "1", "1/2", "0", "0"};
  const char* pnl[] = {"8", "4", "1/2", "-3", "-12"};
  for (int i = 0; i < 5; ++i) {
    Account a;
    a.id = std::to_string(i + 1);
    a.cash = q(cash[i]);
    a.pnl = q(pnl[i]);
    b.accounts.push_back(a);
  }
  return b;
}

// Scores that give the reference's queue order σ = (2, 1, 3, 5, 4).
std::vector<Score> order_21354() {
  return {{q("4"), false}, {q("5"), false}, {q("3"), false}, {q("1"), false}, {q("2"), false}};
}

// @spec EX-5ACCT
// @spec DEF-DEFICIT
// @spec DEF-CAPACITY
TEST(Ex5Acct, StateAggregates) {
  const auto s = adl::ref::summarize(five_accounts());
  EXPECT_EQ(s.endowment, v({"8", "4", "1/2", "0", "0"}));
  EXPECT_EQ(s.deficit, 15);
  EXPECT_EQ(s.capacity, q("25/2"));
  EXPECT_EQ(s.max_shortfall, 12);  // derived Δ
  EXPECT_EQ(s.max_endowment, 8);   // derived υ
  EXPECT_EQ(s.winner_equity, 16);  // derived W
  EXPECT_EQ(s.solvency, 1);        // derived Solv
  EXPECT_EQ(s.winners, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(s.losers, (std::vector<std::size_t>{3, 4}));
}

// @spec EX-5ACCT
// @spec POL-QUEUE
TEST(Ex5Acct, QueueAtHalfSeverity) {
  const Book book = five_accounts();
  const auto s = adl::ref::summarize(book);
  const auto budget = adl::ref::resolve_budget(s, {q("1/2"), std::nullopt, false});
  EXPECT_EQ(budget.budget, q("15/2"));
  Allocation a = adl::ref::queue(s.endowment, order_21354(), budget.budget);
  a.severity = budget.severity;
  a.budget = budget.budget;
  EXPECT_EQ(a.haircut, v({"7/16", "1", "0", "0", "0"}));
  EXPECT_EQ(a.seized, v({"7/2", "4", "0", "0", "0"}));
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_EQ(m.post_equity, v({"13/2", "1", "1", "-3", "-12"}));
  // derived: survivors (9/2, 0, 1/2), υ = 9/2, PTSR = 3/5, PMR = (9/2)/6 = 3/4.
  EXPECT_EQ(m.top_survivor, q("9/2"));
  EXPECT_EQ(*m.ptsr, q("3/5"));
  EXPECT_EQ(*m.pmr, q("3/4"));
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, false).valid());
}

// @spec EX-5ACCT
// @spec POL-PRO-RATA
TEST(Ex5Acct, ProRataAtHalfSeverity) {
  const Book book = five_accounts();
  const auto s = adl::ref::summarize(book);
  Allocation a = adl::ref::pro_rata(s.endowment, q("15/2"));
  a.severity = q("1/2");
  a.budget = q("15/2");
  EXPECT_EQ(a.haircut, v({"3/5", "3/5", "3/5", "0", "0"}));
  EXPECT_EQ(a.seized, v({"24/5", "12/5", "3/10", "0", "0"}));
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_EQ(m.post_equity, v({"26/5", "13/5", "7/10", "-3", "-12"}));
  // Winner ranking preserved: each endowment × 2/5.
  EXPECT_EQ(m.survivor, v({"16/5", "8/5", "1/5", "0", "0"}));
  EXPECT_EQ(m.top_survivor, q("16/5"));
  EXPECT_EQ(*m.ptsr, q("32/75"));  // 0.4267
  EXPECT_EQ(*m.pmr, q("8/15"));    // 0.5333
}

// @spec EX-5ACCT: the ad-hoc haircut h = (1/2, 1, 0, 0, 0) ⇒ e' = (6, 1, 1, −3, −12), θ = 8/15.
TEST(Ex5Acct, AdHocHaircutIsValidAtImpliedSeverity) {
  const Book book = five_accounts();
  const auto s = adl::ref::summarize(book);
  Allocation a;
  a.haircut = v({"1/2", "1", "0", "0", "0"});
  a.seized = v({"4", "4", "0", "0", "0"});
  a.severity = q("8/15");
  a.budget = 8;
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, false).valid());
  EXPECT_EQ(adl::ref::evaluate(book, s, a).post_equity, v({"6", "1", "1", "-3", "-12"}));
}

// @spec EX-5ACCT: largest-endowment-first queue leaves survivors (0.5, 4, 0.5), υ = 4.
// @spec POL-QUEUE-LARGEST-FIRST
TEST(Ex5Acct, LargestFirstQueue) {
  const Book book = five_accounts();
  const auto s = adl::ref::summarize(book);
  const auto scores = adl::ref::queue_scores(book, adl::ref::ScoreRule::LargestFirst);
  Allocation a = adl::ref::queue(s.endowment, scores, q("15/2"));
  EXPECT_EQ(a.seized, v({"15/2", "0", "0", "0", "0"}));
  a.severity = q("1/2");
  a.budget = q("15/2");
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_EQ(m.survivor, v({"1/2", "4", "1/2", "0", "0"}));
  EXPECT_EQ(m.top_survivor, 4);
}

// @spec EX-5ACCT: derived capped pro-rata with e̲_1 = 6 ⇒ β_1 = 1/2, C(β) = 17/2,
// η = 7/9, h = (1/2, 7/9, 7/9), x = (4, 28/9, 7/18), e'_1 = 6.
// @spec POL-CAPPED-PRO-RATA
// @spec DEF-CAPS
TEST(Ex5Acct, CappedProRataWithMinimumEquity) {
  Book book = five_accounts();
  book.accounts[0].min_equity = q("6");
  const auto s = adl::ref::summarize(book);
  EXPECT_EQ(s.cap, v({"1/2", "1", "1", "0", "0"}));
  EXPECT_EQ(s.capped_capacity, q("17/2"));
  Allocation a = adl::ref::capped_pro_rata(s.endowment, s.cap, q("15/2"));
  EXPECT_EQ(a.haircut, v({"1/2", "7/9", "7/9", "0", "0"}));
  EXPECT_EQ(a.seized, v({"4", "28/9", "7/18", "0", "0"}));
  a.severity = q("1/2");
  a.budget = q("15/2");
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_EQ(m.post_equity[0], 6);
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, true).valid());
  // Plain pro-rata breaks account 1's minimum equity (e'_1 = 26/5 < 6): the cap check sees it.
  Allocation pr = adl::ref::pro_rata(s.endowment, q("15/2"));
  pr.severity = q("1/2");
  pr.budget = q("15/2");
  const auto report = adl::ref::check_allocation(book, s, pr, true);
  ASSERT_FALSE(report.valid());
  EXPECT_EQ(report.violations.front().predicate, "cap");
  EXPECT_EQ(report.violations.front().account, 0u);
}

// @spec ALG-CAPPED-WATERFILL: the literal pseudocode gives η = 1 and seizes 17/2 ≠ 15/2;
// the corrected algorithm keeps η = 7/9 (AMB-P-07).
TEST(Ex5Acct, CorrectedWaterfillDoesNotOverwriteLevel) {
  const auto a = adl::ref::capped_pro_rata(v({"8", "4", "1/2"}), v({"1/2", "1", "1"}), q("15/2"));
  Rational total = 0;
  for (const auto& x : a.seized) total += x;
  EXPECT_EQ(total, q("15/2"));
  EXPECT_EQ(a.haircut[1], q("7/9"));
}

// @spec POL-RAP: derived test w = (8, 4, 1/2), β = 1, w̃ = (1, 2, 4), B = 15/2 ⇒ τ = 7/16,
// h = (7/16, 7/8, 1).
TEST(PolicyExamples, RapWaterfill) {
  const auto a = adl::ref::rap(v({"8", "4", "1/2"}), v({"1", "1", "1"}), v({"1", "2", "4"}), q("15/2"));
  EXPECT_EQ(a.haircut, v({"7/16", "7/8", "1"}));
  EXPECT_EQ(a.seized, v({"7/2", "7/2", "1/2"}));
}

// @spec POL-LEV-PRO-RATA: ℓ = (1, 2), w = (1, 1), θD = 1: the printed formula gives
// h = (1/9, 2/9) and Σhw = 1/3 (not budget balanced); our resolution gives x ∝ ℓw = (1/3, 2/3).
TEST(PolicyExamples, LeveredProRataIsBudgetBalanced) {
  const auto a = adl::ref::levered_pro_rata(v({"1", "1"}), v({"1", "1"}), v({"1", "2"}), q("1"));
  EXPECT_EQ(a.seized, v({"1/3", "2/3"}));
  EXPECT_EQ(a.haircut, v({"1/3", "2/3"}));
}

// @spec THM-RAP-ONESTEP: ρ = (2, 1), e = w = (1, 1), b = 1: RAP h = (2/3, 1/3) reduces δ by 5/3,
// the greedy rule h = (1, 0) by 2.
// @spec POL-GREEDY-ONESTEP
TEST(PolicyExamples, GreedyBeatsRapOnOneStepDeficit) {
  const auto w = v({"1", "1"});
  const auto rho = v({"2", "1"});
  const auto rap = adl::ref::rap(w, v({"1", "1"}), rho, q("1"));
  EXPECT_EQ(rap.haircut, v({"2/3", "1/3"}));
  const auto greedy = adl::ref::greedy_one_step(w, w, v({"1", "1"}), rho, q("1"));
  EXPECT_EQ(greedy.haircut, v({"1", "0"}));
  // δ reduction Σ h_i·e_i·ρ_i.
  const auto reduction = [&](const Allocation& a) {
    Rational r = 0;
    for (std::size_t i = 0; i < 2; ++i) r += a.haircut[i] * w[i] * rho[i];
    return r;
  };
  EXPECT_EQ(reduction(rap), q("5/3"));
  EXPECT_EQ(reduction(greedy), 2);
}

// @spec THM-QUEUE-MIN-TOP: w = (10, 9), H = 5: largest-first leaves (5, 9), υ = 9; pro-rata
// (140/19, 126/19) ≈ (7.37, 6.63).
TEST(PolicyExamples, LargestFirstDoesNotMinimiseMaxSurvivor) {
  const auto w = v({"10", "9"});
  const auto lf = adl::ref::queue(w, {{q("10"), false}, {q("9"), false}}, q("5"));
  EXPECT_EQ(lf.seized, v({"5", "0"}));
  const auto pr = adl::ref::pro_rata(w, q("5"));
  EXPECT_EQ(pr.haircut[0], q("5/19"));
  EXPECT_EQ(w[0] - pr.seized[0], q("140/19"));
  EXPECT_EQ(w[1] - pr.seized[1], q("126/19"));
}

// @spec THM-PR-UNIQUE: capped pro-rata violates AX-MONO: w = (10, 9), β = (1, 1/10), B = 59/10
// ⇒ η = 1/2, survivors (5, 81/10).
TEST(PolicyExamples, CappedProRataBreaksMonotonicity) {
  const auto a = adl::ref::capped_pro_rata(v({"10", "9"}), v({"1", "1/10"}), q("59/10"));
  EXPECT_EQ(a.haircut, v({"1/2", "1/10"}));
  EXPECT_EQ(Rational(10) - a.seized[0], 5);
  EXPECT_EQ(Rational(9) - a.seized[1], q("81/10"));
}

// @spec THM-RAP-SCHUR: ρ = (2, 1), e = w = (1, 10), b = 3: RAP h = (1/2, 1/4), z = (1, 15/2);
// pro-rata h = 3/11, z = (16/11, 80/11): z^RAP is not weakly submajorized by z^PR.
// @spec MET-MAJORIZATION
TEST(PolicyExamples, RapSchurCounterexample) {
  const auto w = v({"1", "10"});
  const auto rho = v({"2", "1"});
  const auto rap = adl::ref::rap(w, v({"1", "1"}), rho, q("3"));
  EXPECT_EQ(rap.haircut, v({"1/2", "1/4"}));
  const auto pr = adl::ref::pro_rata(w, q("3"));
  EXPECT_EQ(pr.haircut[0], q("3/11"));
  std::vector<Rational> z_rap, z_pr;
  for (std::size_t i = 0; i < 2; ++i) {
    z_rap.push_back(rho[i] * w[i] * (1 - rap.haircut[i]));
    z_pr.push_back(rho[i] * w[i] * (1 - pr.haircut[i]));
  }
  EXPECT_EQ(z_rap, v({"1", "15/2"}));
  EXPECT_EQ(z_pr, v({"16/11", "80/11"}));
  EXPECT_FALSE(adl::ref::weakly_submajorized(z_rap, z_pr));
}

// @spec COR-DEATH-SPIRAL: round-1 masses. PR shares (3/5, 2/5) of 40 ⇒ (24, 16);
// RAP g = λ: weights e·λ² = (240, 1440) ⇒ shares (1/7, 6/7) ⇒ masses (40/7, 240/7).
TEST(PolicyExamples, DeathSpiralRoundOneMasses) {
  const auto e = v({"60", "40"});
  const auto pr = adl::ref::pro_rata(e, q("40"));
  EXPECT_EQ(pr.seized, v({"24", "16"}));
  adl::ref::RiskModel linear;
  const auto rap = adl::ref::rap(
      e, v({"1", "1"}), {adl::ref::risk_weight(linear, q("2")), adl::ref::risk_weight(linear, q("6"))}, q("40"));
  EXPECT_EQ(rap.seized, v({"40/7", "240/7"}));
}

}  // namespace
