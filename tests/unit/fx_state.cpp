// fx::summarize, fx::evaluate and fx::violations (FX-METRICS) against the reference's
// summarize and evaluate on the same books, and fx::to_ref_book (FX-TO-EXACT) as the exact
// inverse of fx::from_ref_book. Books come from the generator and from hand-made edge cases; the
// expected values are always the reference's, computed here, never numbers copied from fx.
#include <gtest/gtest.h>

#include "adl/fx/convert.hpp"
#include "adl/fx/convert_book.hpp"
#include "adl/fx/generate.hpp"
#include "adl/fx/policies.hpp"
#include "adl/fx/state.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/state.hpp"

#include <limits>
#include <optional>
#include <vector>

namespace {

namespace fx = adl::fx;
namespace ref = adl::ref;
using ref::Rational;

Rational exact(const fx::Ratio& r) {
  // Every ratio in these books has numerator and denominator below 2⁶³·2⁶³; split them in two
  // 64-bit halves to build the exact rational.
  const auto big = [](fx::i128 v) {
    const auto high = static_cast<std::int64_t>(v >> 64);
    const auto low = static_cast<std::uint64_t>(v);
    return Rational(high) * Rational(std::numeric_limits<std::uint64_t>::max()) + Rational(high) + Rational(low);
  };
  return big(r.numerator) / big(r.denominator);
}

fx::GeneratedBook small_book(std::uint64_t seed, std::size_t n) {
  fx::GeneratorOptions g;
  g.accounts = n;
  g.seed = seed;
  g.infinite_score_share = 0;
  g.columns.quantity = false;
  return fx::generate_book(g);
}

ref::Allocation as_ref(const fx::Book& book, const fx::Allocation& a, const Rational& severity) {
  ref::Allocation out;
  out.severity = severity;
  out.budget = fx::to_exact_money(a.budget);
  for (std::size_t i = 0; i < a.seized.size(); ++i) {
    out.seized.push_back(fx::to_exact_money(a.seized[i]));
    out.haircut.push_back(book.endowment[i] > 0 ? Rational(a.seized[i].raw(), book.endowment[i].raw()) : Rational(0));
  }
  return out;
}

// @spec FX-TO-EXACT
TEST(FxToRefBook, InverseOfFromRefBook) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const fx::GeneratedBook g = small_book(seed, 200);
    const ref::Book exact_book = fx::to_ref_book(g.book);
    ASSERT_EQ(exact_book.accounts.size(), 200u);
    const fx::Book back = fx::from_ref_book(exact_book);
    EXPECT_EQ(back.endowment, g.book.endowment) << "seed " << seed;
    EXPECT_EQ(back.equity, g.book.equity) << "seed " << seed;
    EXPECT_EQ(back.cap, g.book.cap) << "seed " << seed;
    EXPECT_EQ(back.leverage, g.book.leverage) << "seed " << seed;
    EXPECT_EQ(back.score, g.book.score) << "seed " << seed;
  }
}

// @spec FX-TO-EXACT
TEST(FxToRefBook, RejectsWhatAWealthBookCannotHold) {
  fx::Book book;
  book.endowment = {5};
  book.equity = {4};  // a winner with e < w would need negative cash
  EXPECT_THROW((void)fx::to_ref_book(book), ref::InvalidInput);
  book.equity = {5};
  book.score = {fx::infinite_score};
  EXPECT_THROW((void)fx::to_ref_book(book), ref::InvalidInput);
  book.score = {};
  book.cap = {1, 2};
  EXPECT_THROW((void)fx::to_ref_book(book), ref::InvalidInput);
}

// @spec FX-METRICS
// @spec DEF-DEFICIT
// @spec DEF-SOLVENCY
TEST(FxState, SummarizeEqualsTheReference) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const fx::GeneratedBook g = small_book(seed, 300);
    const fx::BookState s = fx::summarize(g.book);
    const ref::BookState r = ref::summarize(fx::to_ref_book(g.book));
    EXPECT_EQ(fx::to_exact_money(s.deficit), r.deficit);
    EXPECT_EQ(fx::to_exact_money(s.max_shortfall), r.max_shortfall);
    EXPECT_EQ(fx::to_exact_money(s.capacity), r.capacity);
    EXPECT_EQ(fx::to_exact_money(s.max_endowment), r.max_endowment);
    EXPECT_EQ(fx::to_exact_money(s.capped_capacity), r.capped_capacity);
    EXPECT_EQ(fx::to_exact_money(s.winner_equity), r.winner_equity);
    EXPECT_EQ(fx::to_exact_money(s.solvency), r.solvency);
    EXPECT_EQ(s.winners, r.winners.size());
    EXPECT_EQ(s.losers, r.losers.size());
    EXPECT_EQ(s.deficit, g.deficit);
  }
}

// @spec FX-METRICS
// @spec MET-PTSR
// @spec MET-PMR
// @spec MET-MAX-BURDEN
TEST(FxState, EvaluateEqualsTheReferenceOnFxAllocations) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const fx::GeneratedBook g = small_book(seed, 300);
    const ref::Book exact_book = fx::to_ref_book(g.book);
    const ref::BookState r_state = ref::summarize(exact_book);
    const fx::BookState f_state = fx::summarize(g.book);
    for (const fx::Money budget : {fx::Money{0}, f_state.deficit / 3, f_state.deficit}) {
      // (allocation, whether the policy binds the caps)
      const std::vector<std::pair<fx::Allocation, bool>> allocations = {
          {fx::pro_rata(g.book.endowment, budget), false},
          {fx::capped_pro_rata(g.book.endowment, g.book.cap, budget), true},
          {fx::queue(g.book.endowment, g.book.score, budget), false},
          {fx::min_max_burden(g.book.endowment, g.book.equity, g.book.cap, budget), true}};
      for (const auto& [a, binds_caps] : allocations) {
        const Rational severity = fx::to_exact_money(budget) / r_state.deficit;
        const ref::RoundMetrics want = ref::evaluate(exact_book, r_state, as_ref(g.book, a, severity));
        const fx::RoundMetrics got = fx::evaluate(g.book, f_state, a);
        EXPECT_EQ(fx::to_exact_money(got.top_survivor), want.top_survivor);
        EXPECT_EQ(fx::to_exact_money(got.socialized), want.socialized);
        EXPECT_EQ(fx::to_exact_money(got.remaining_deficit), want.remaining_deficit);
        ASSERT_EQ(got.ptsr.has_value(), want.ptsr.has_value());
        if (got.ptsr) {
          EXPECT_EQ(exact(*got.ptsr), *want.ptsr);
        }
        ASSERT_EQ(got.pmr.has_value(), want.pmr.has_value());
        if (got.pmr) {
          EXPECT_EQ(exact(*got.pmr), *want.pmr);
        }
        EXPECT_EQ(exact(got.max_burden), want.max_burden);
        EXPECT_EQ(exact(got.max_haircut), want.max_haircut);
        EXPECT_EQ(got.winners_touched, want.winners_touched);
        EXPECT_EQ(got.surviving_winners, want.surviving_winners);
        EXPECT_TRUE(fx::violations(g.book, a, binds_caps).empty());
      }
    }
  }
}

// @spec FX-METRICS
// @spec POL-VALID
TEST(FxState, ViolationsNameEachBrokenPredicate) {
  fx::Book book;
  book.endowment = {10, 5};
  book.equity = {10, 5};
  book.cap = {4, 5};
  fx::Allocation a;
  a.budget = 9;
  a.seized = {5, 4};  // balanced, within w, but above account 1's cap
  EXPECT_EQ(fx::violations(book, a, false), std::vector<std::string>{});
  ASSERT_EQ(fx::violations(book, a, true).size(), 1u);
  EXPECT_EQ(fx::violations(book, a, true).front(), "caps: x ＞ c at account 1");
  a.seized = {11, -1};  // Σ x = 10: balanced at B = 10, but 11 ＞ w_1 = 10
  a.budget = 10;
  EXPECT_EQ(fx::violations(book, a, false), std::vector<std::string>{"bounds: x ∉ [0, w] at account 1"});
  a.budget = 9;  // now Σ x ≠ B as well
  EXPECT_EQ(fx::violations(book, a, false),
            (std::vector<std::string>{"budget: Σ x ≠ B", "bounds: x ∉ [0, w] at account 1"}));
}

// @spec FX-METRICS
// @spec FX-OVERFLOW
TEST(FxState, SummarizeRejectsAndOverflows) {
  fx::Book book;
  book.endowment = {std::numeric_limits<fx::Money>::max(), 1};
  book.equity = {std::numeric_limits<fx::Money>::max(), 1};
  EXPECT_THROW((void)fx::summarize(book), fx::Overflow);
  book.endowment = {1, -1};
  book.equity = {1, 0};
  EXPECT_THROW((void)fx::summarize(book), ref::InvalidInput);
  book.endowment = {1};
  book.equity = {1, 2};
  EXPECT_THROW((void)fx::summarize(book), ref::InvalidInput);
}

}  // namespace
