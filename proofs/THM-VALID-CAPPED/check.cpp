// Statement (@spec THM-VALID-CAPPED): for w ≥ 0, β ∈ [0, 1]^n and 0 ≤ B ≤ C(β),
//   POL-CAPPED-PRO-RATA returns h with Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i, h_i = 0 when w_i = 0 (so
//   0 ≤ x_i ≤ w_i); with β from DEF-CAPS every account with w_i ＞ 0 ends with
//   e′_i ≥ min(e_i, e̲_i), and x_i ＞ 0 implies e′_i ≥ e̲_i. For B ＞ C(β) no h with these
//   properties exists. ALG-CAPPED-WATERFILL returns the smallest level η.
// Encoding: QF_NRA. Part 1 (level form): free cash c ≥ 0, PNL, h̄ ∈ [0, 1], floors e̲ with a
//   Boolean "floor given", w = (PNL)₊, β by DEF-CAPS with the quotient multiplied out
//   (proofs/common/books make_cap_book); a level η ∈ [0, 1] with
//   h_i = min(η, β_i) and Σ w_i·h_i = B. Part 2: B ＞ C(β), free h with 0 ≤ h ≤ β, h = 0
//   where w = 0. Part 3: ALG-CAPPED-WATERFILL with the loop unrolled (ite per step, the
//   quotient (B − V)/R as a Z3 division), β sorted ascending without loss of generality.
// Assumptions and bounds: part 1 and 2 for n from 1 to the bound (default 4: NRA with the
//   DEF-CAPS quotient; --max-n raises it, the spec's full bound is 6); part 3 for n ≤ 4
//   (min(bound, 4); default 3, as n = 4 exceeds the 20 s query timeout), B ＞ 0 (B = 0 returns
//   h = 0 before the loop).
// Expected: PROVED (every negation unsat, every assumption set satisfiable).
// Not modelled: the tie order among equal caps (any order of equal β gives the same level).
// Replay: on the part-1 witness adl::ref::summarize recomputes β (DEF-CAPS) and
//   adl::ref::capped_pro_rata returns the encoded h, valid with caps by check_allocation;
//   on the part-2 witness adl::ref::capped_pro_rata throws Infeasible; on the part-3
//   witness adl::ref::capped_pro_rata returns min(η_alg, β_i).
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

// Part 1: the level form is valid and respects caps and floors.
runner::SizedQuery level_form(z3::context& ctx, const runner::Size& size) {
  const CappedLevelForm f = capped_level_model(ctx, size.n, [](const auto& w, const auto& beta, const z3::expr& eta) {
    return capped_level_form(w, beta, eta);
  });
  const CapBook& book = f.book;
  runner::SizedQuery q{.assumptions = f.assumptions, .conclusion = capped_validity(ctx, book, f.h, f.B)};
  const Columns columns{{"c", book.cash},  {"PNL", book.pnl}, {"h̄", book.max_haircut},
                        {"e̲", book.floor}, {"β", book.cap},   {"h", f.h}};
  q.witness = {columns, {{"B", f.B}, {"η", f.eta}}, "assumptions hold (e̲ applies where a floor is given)"};
  q.counterexample = {columns, {{"B", f.B}, {"η", f.eta}}, "level form violates validity"};
  q.replay = [f, n = size.n](const z3::model& m) {
    const ref::Rational budget = rational_of(m, f.B, "B");
    const ref::Book rb = replay_book(m, f.book, budget);
    const ref::BookState state = ref::summarize(rb);
    const auto beta = rationals_of(m, f.book.cap, "beta");
    const auto hv = rationals_of(m, f.h, "h");
    const auto w = first(state.endowment, n);
    if (first(state.cap, n) != beta) {
      return runner::mismatch("adl::ref::effective_cap gives β = " + show(first(state.cap, n)) + ", the encoding " +
                              show(beta));
    }
    const ref::Allocation a = ref::capped_pro_rata(w, beta, budget);
    const auto report = check_on_book(rb, a.seized, a.haircut, budget, true);
    if (a.haircut != hv || !report.valid()) {
      return runner::mismatch("adl::ref::capped_pro_rata gives h = " + show(a.haircut) + " (" + describe(report) +
                              "), the level form " + show(hv));
    }
    return runner::reproduced("adl::ref recomputes β = " + show(beta) +
                              " (DEF-CAPS) and capped_pro_rata returns h = " + show(hv) +
                              " on the n = " + std::to_string(n) + " witness (B = " + ref::to_fraction(budget) +
                              "), valid with caps and floors by check_allocation");
  };
  return q;
}

// Part 2: B > C(β) admits no capped haircut.
runner::SizedQuery over_capacity(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const CapBook book = make_cap_book(ctx, n);
  const z3::expr B = ctx.real_const("B");
  const auto h = reals(ctx, "h", n);
  std::vector<z3::expr> assumptions = book.assumptions;
  assumptions.push_back(B > capped_capacity(ctx, book.endowment, book.cap));
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(h[i] >= 0 && h[i] <= book.cap[i]);
    assumptions.push_back(z3::implies(book.endowment[i] == 0, h[i] == 0));
  }
  runner::SizedQuery q{
      .assumptions = assumptions, .conclusion = sum(ctx, seized_of(book.endowment, h)) != B, .show_witness = false};
  q.replay = [book, B, n](const z3::model& m) {
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::BookState state = ref::summarize(replay_book(m, book, budget));
    if (!throws_infeasible(
            [&] { (void)ref::capped_pro_rata(first(state.endowment, n), first(state.cap, n), budget); })) {
      return runner::mismatch("adl::ref::capped_pro_rata accepted B = " + ref::to_fraction(budget) + " > C(β)");
    }
    return runner::reproduced("B > C(β) has no capped haircut and capped_pro_rata throws Infeasible (B = " +
                              ref::to_fraction(budget) + ", C(β) = " + ref::to_fraction(state.capped_capacity) + ")");
  };
  return q;
}

// Part 3: ALG-CAPPED-WATERFILL, unrolled, returns the smallest level.
runner::SizedQuery algorithm(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto beta = reals(ctx, "beta", n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr other = ctx.real_const("eta_other");
  std::vector<z3::expr> assumptions;
  std::vector<z3::expr> eligible;
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(w[i] >= 0);
    assumptions.push_back(beta[i] >= 0 && beta[i] <= 1);
    if (i > 0) assumptions.push_back(beta[i - 1] <= beta[i]);  // P sorted by β (relabelling)
    eligible.push_back(w[i] > 0);
  }
  assumptions.push_back(B > 0 && B <= capped_capacity(ctx, w, beta));
  const Waterfill alg = unrolled_waterfill(ctx, eligible, beta, w, B);
  const z3::expr& eta = alg.level;
  const auto h = capped_level_form(w, beta, eta);
  const auto h_other = capped_level_form(w, beta, other);
  const z3::expr meets = sum(ctx, seized_of(w, h)) == B;
  const z3::expr smallest = z3::implies(other >= 0 && sum(ctx, seized_of(w, h_other)) == B, eta <= other);
  runner::SizedQuery q{.assumptions = assumptions,
                       .conclusion = alg.safe && eta >= 0 && eta <= 1 && meets && smallest,
                       .show_witness = false};
  q.counterexample = {
      {{"w", w}, {"β", beta}, {"h", h}}, {{"B", B}, {"η_alg", eta}, {"η′", other}}, "algorithm disagrees"};
  q.replay = [w, beta, h, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto bv = rationals_of(m, beta, "beta");
    const auto hv = rationals_of(m, h, "h");
    const ref::Allocation a = ref::capped_pro_rata(wv, bv, rational_of(m, B, "B"));
    if (a.haircut != hv) {
      return runner::mismatch("adl::ref::capped_pro_rata gives h = " + show(a.haircut) + ", the unrolled algorithm " +
                              show(hv));
    }
    return runner::reproduced("the unrolled ALG-CAPPED-WATERFILL returns the smallest level (n ≤ " + std::to_string(n) +
                              "), and adl::ref::capped_pro_rata matches it (h = " + show(hv) + ")");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 4);
  // The unrolled algorithm is the slow part (NRA with a quotient per step): default n ≤ 3,
  // up to 4 with --max-n (the spec's n ≤ 4 times out at the default 20 s on 2 cores).
  const unsigned alg_n = std::min(max_n, options.max_n == 0 ? 3u : 4u);
  const auto sizes = runner::sizes(1, max_n);
  return runner::check_parts(
      options, "THM-VALID-CAPPED",
      {{.sizes = sizes, .query = level_form, .tag = ".level"},
       {.sizes = sizes, .query = over_capacity, .tag = ".infeasible", .qualifier = " (B > C(β))"},
       {.sizes = runner::sizes(1, alg_n), .query = algorithm, .tag = ".algorithm", .qualifier = " (algorithm)"}},
      Verdict::Proved, "n ≤ " + std::to_string(max_n) + " (level form), n ≤ " + std::to_string(alg_n) + " (algorithm)");
}

const bool registered = register_claim(
    {"THM-VALID-CAPPED",
     "capped pro-rata is valid, respects caps and floors; ALG-CAPPED-WATERFILL gives the smallest η", Verdict::Proved,
     check});

}  // namespace
}  // namespace adl::proofs
