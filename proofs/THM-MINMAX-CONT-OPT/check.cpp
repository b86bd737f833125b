// Statement (@spec THM-MINMAX-CONT-OPT): let B ＞ 0, B ≤ C(β), and x, M from POL-MINMAX-CONT.
//   For every x′ ∈ P_β(w, B): max over e_i ＞ 0 of x′_i/e_i ≥ M, with equality only if x′ = x
//   (the set of allocations with every burden ≤ M is {x}).
// Encoding: QF_NRA (M·e_i, β_i·w_i). Variables: cash c_i ≥ 0, endowments w_i ≥ 0, equity
//   e_i = c_i + w_i, caps β_i ∈ [0, 1] (0 when w_i = 0), the level M ≥ 0 with
//   x_i = min(M·e_i, β_i·w_i) on w_i ＞ 0, Σ x = B, M smallest (proofs/common/closed_forms),
//   and a free x′ with 0 ≤ x′_i ≤ β_i·w_i, Σ x′ = B. Burdens multiplied out (e_i ＞ 0):
//   conclusion (∃ i: e_i ＞ 0 ∧ x′_i ≥ M·e_i) ∧ ((∀ i: e_i ＞ 0 ⇒ x′_i ≤ M·e_i) ⇒ x′ = x).
// Assumptions and bounds: as above; n from 1 to the bound (default 5).
// Expected: PROVED.
// Not modelled: floors (β free in [0, 1]); the lexicographic refinement follows from uniqueness.
// Replay: adl::ref::min_max_burden on the witness returns x with adl::ref::evaluate's max
//   burden M, and the witness x′ has max burden ≥ M (equal only if x′ = x).
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

ref::Rational max_burden(const std::vector<ref::Rational>& x, const std::vector<ref::Rational>& e) {
  ref::Rational m = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (e[i] > 0) m = std::max(m, ref::Rational(x[i] / e[i]));
  }
  return m;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  MinMaxBook b = minmax_book(ctx, size.n);
  const auto other = reals(ctx, "xp", size.n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr M = ctx.real_const("M");
  const auto& e = b.equity;
  auto& assumptions = b.assumptions;
  for (unsigned i = 0; i < size.n; ++i) assumptions.push_back(other[i] >= 0 && other[i] <= b.beta[i] * b.w[i]);
  assumptions.push_back(B > 0 && B <= capped_capacity(ctx, b.w, b.beta));
  assumptions.push_back(sum(ctx, other) == B);
  assumptions.push_back(M >= 0);
  const auto x = minmax_level_form(b.w, e, b.beta, M);
  assumptions.push_back(sum(ctx, x) == B);
  assumptions.push_back(minmax_level_is_smallest(ctx, b.w, e, b.beta, M));
  z3::expr reaches = ctx.bool_val(false);
  z3::expr all_below = ctx.bool_val(true);
  z3::expr same = ctx.bool_val(true);
  for (unsigned i = 0; i < size.n; ++i) {
    reaches = reaches || (e[i] > 0 && other[i] >= M * e[i]);
    all_below = all_below && z3::implies(e[i] > 0, other[i] <= M * e[i]);
    same = same && other[i] == x[i];
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = reaches && z3::implies(all_below, same)};
  q.witness = {{{"c", b.cash}, {"w", b.w}, {"β", b.beta}, {"x", x}, {"x′", other}}, {{"B", B}, {"M", M}}};
  q.counterexample = q.witness;
  q.counterexample->note = "x′ beats the min–max burden";
  q.replay = [b, other, B, M, x, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, b.w, "w");
    const auto ev = rationals_of(m, b.equity, "e");
    const auto bv = rationals_of(m, b.beta, "beta");
    const auto xv = rationals_of(m, x, "x");
    const auto ov = rationals_of(m, other, "x'");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Rational level = rational_of(m, M, "M");
    const ref::Allocation a = ref::min_max_burden(wv, ev, bv, budget);
    const ref::Rational ours = max_burden(a.seized, ev);
    const ref::Rational theirs = max_burden(ov, ev);
    if (a.seized != xv || ours != level || theirs < level || (theirs == level && ov != xv)) {
      return runner::mismatch("n = " + std::to_string(n) + ": adl::ref::min_max_burden gives x = " + show(a.seized) +
                              " with max burden " + ref::to_fraction(ours) + "; x′ = " + show(ov) + " has " +
                              ref::to_fraction(theirs));
    }
    return runner::reproduced("adl::ref::min_max_burden returns x = " + show(xv) +
                              " with max burden M = " + ref::to_fraction(level) + "; the witness x′ = " + show(ov) +
                              " has max burden " + ref::to_fraction(theirs) + " (n = " + std::to_string(n) +
                              ", B = " + ref::to_fraction(budget) + ")");
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-MINMAX-CONT-OPT", "min–max burden is the unique minimiser of the maximum burden", Verdict::Proved, 5, query));

}  // namespace
}  // namespace adl::proofs
