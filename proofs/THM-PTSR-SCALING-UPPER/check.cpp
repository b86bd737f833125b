// Statement (@spec THM-PTSR-SCALING-UPPER): closest finite lemma of THM-PTSR-SCALING: for every
//   valid π with θ·D ＞ 0, υ^π ≤ υ_T, hence PTSR(π) = υ^π/(θ·D) ≤ υ_T/(θ·D).
// Encoding: QF_LRA. Variables w_1..w_n (any order), the budget B = θ·D as one variable, x.
//   υ^π = maxᵢ (w_i − x_i)₊ and υ_T = maxᵢ w_i by ite. Dividing by B ＞ 0 preserves the order, so the
//   PTSR inequality is υ^π ≤ υ_T.
// Assumptions and bounds: w ≥ 0, 0 ＜ B ≤ Σ w, x ∈ P(w, B); n from 1 to the bound (default 6).
// Expected: PROVED.
// Not modelled: the asymptotic scaling itself (not machine-checked).
// Replay: on the witness, a wealth book (winners w, one loser −B, θ = 1); adl::ref::evaluate of
//   the witness x gives PTSR ≤ υ_T/B, and adl::ref::check_allocation accepts x.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const auto x = reals(ctx, "x", size.n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (const auto& wi : w) assumptions.push_back(wi >= 0);
  assumptions.push_back(B > 0);
  assumptions.push_back(B <= sum(ctx, w));
  for (const auto& c : books::in_polytope(ctx, w, x, B)) assumptions.push_back(c);
  std::vector<z3::expr> s;
  for (unsigned i = 0; i < size.n; ++i) s.push_back(positive_part(w[i] - x[i]));
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = max_of(s) <= max_of(w)};
  q.witness = {{{"w", w}, {"x", x}}, {{"B", B}}};
  q.replay = [w, x, B, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    auto xv = rationals_of(m, x, "x");
    const ref::Rational b = rational_of(m, B, "B");
    const ref::Book book = books::winners_and_losers(wv, {b});
    const ref::BookState state = ref::summarize(book);
    xv.resize(book.accounts.size(), 0);
    const auto allocation = books::allocation_of(state.endowment, xv, 1, b);
    const auto metrics = ref::evaluate(book, state, allocation);
    const bool valid = ref::check_allocation(book, state, allocation, false).valid();
    if (!valid || !metrics.ptsr || *metrics.ptsr > state.max_endowment / b) {
      return runner::mismatch("adl::ref rejects the witness or its PTSR exceeds υ_T/(θ·D)");
    }
    return runner::reproduced(
        "n = " + std::to_string(n) + " witness w = " + books::show(wv) + ", B = " + ref::to_fraction(b) +
        ": adl::ref::check_allocation accepts x, adl::ref::evaluate gives PTSR " + ref::to_fraction(*metrics.ptsr) +
        " ≤ υ_T/(θ·D) = " + ref::to_fraction(state.max_endowment / b));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-PTSR-SCALING-UPPER", "PTSR ≤ υ_T/(θ·D) for every valid policy", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
