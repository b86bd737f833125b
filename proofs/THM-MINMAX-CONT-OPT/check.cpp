// Statement (@spec THM-MINMAX-CONT-OPT): let B ＞ 0, B ≤ C(β), and x, M from POL-MINMAX-CONT.
//   For every x′ ∈ P_β(w, B): max over e_i ＞ 0 of x′_i/e_i ≥ M, with equality only if x′ = x
//   (the set of allocations with every burden ≤ M is {x}).
// Encoding: QF_NRA (M·e_i, β_i·w_i). Variables: cash c_i ≥ 0, endowments w_i ≥ 0, equity
//   e_i = c_i + w_i, caps β_i ∈ [0, 1] (0 when w_i = 0), the level M ≥ 0 with
//   x_i = min(M·e_i, β_i·w_i) on w_i ＞ 0, Σ x = B, M smallest (proofs/common/group_a_policies),
//   and a free x′ with 0 ≤ x′_i ≤ β_i·w_i, Σ x′ = B. Burdens multiplied out (e_i ＞ 0):
//   conclusion (∃ i: e_i ＞ 0 ∧ x′_i ≥ M·e_i) ∧ ((∀ i: e_i ＞ 0 ⇒ x′_i ≤ M·e_i) ⇒ x′ = x).
// Assumptions and bounds: as above; n from 1 to the bound (default 5).
// Expected: PROVED.
// Not modelled: floors (β free in [0, 1]); the lexicographic refinement follows from uniqueness.
// Replay: adl::ref::min_max_burden on the witness returns x with adl::ref::evaluate's max
//   burden M, and the witness x′ has max burden ≥ M (equal only if x′ = x).
#include "catalog.hpp"
#include "group_a_policies.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace group_a;

ref::Rational max_burden(const std::vector<ref::Rational>& x, const std::vector<ref::Rational>& e) {
  ref::Rational m = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (e[i] > 0) m = std::max(m, ref::Rational(x[i] / e[i]));
  }
  return m;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 5 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto c = reals(ctx, "c", n);
    const auto w = reals(ctx, "w", n);
    const auto beta = reals(ctx, "beta", n);
    const auto other = reals(ctx, "xp", n);
    const z3::expr B = ctx.real_const("B");
    const z3::expr M = ctx.real_const("M");
    std::vector<z3::expr> e;
    std::vector<z3::expr> assumptions;
    for (unsigned i = 0; i < n; ++i) {
      e.push_back(c[i] + w[i]);
      assumptions.push_back(c[i] >= 0 && w[i] >= 0 && beta[i] >= 0 && beta[i] <= 1);
      assumptions.push_back(z3::implies(w[i] == 0, beta[i] == 0));
      assumptions.push_back(other[i] >= 0 && other[i] <= beta[i] * w[i]);
    }
    assumptions.push_back(B > 0 && B <= capped_capacity(ctx, w, beta));
    assumptions.push_back(sum(ctx, other) == B);
    assumptions.push_back(M >= 0);
    const auto x = minmax_level_form(w, e, beta, M);
    assumptions.push_back(sum(ctx, x) == B);
    assumptions.push_back(minmax_level_is_smallest(ctx, w, e, beta, M));
    z3::expr reaches = ctx.bool_val(false);
    z3::expr all_below = ctx.bool_val(true);
    z3::expr same = ctx.bool_val(true);
    for (unsigned i = 0; i < n; ++i) {
      reaches = reaches || (e[i] > 0 && other[i] >= M * e[i]);
      all_below = all_below && z3::implies(e[i] > 0, other[i] <= M * e[i]);
      same = same && other[i] == x[i];
    }
    const z3::expr conclusion = reaches && z3::implies(all_below, same);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options, "THM-MINMAX-CONT-OPT.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    const auto table = [&](const z3::model& m, std::string note) {
      return instance_of(m, {{"c", c}, {"w", w}, {"β", beta}, {"x", x}, {"x′", other}}, {{"B", B}, {"M", M}}, std::move(note));
    };
    if (v.witness) result.witness = table(*v.witness, "assumptions hold");
    if (v.counterexample) result.counterexample = table(*v.counterexample, "x′ beats the min–max burden");
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = values(*v.witness, w, "w");
    const auto ev = values(*v.witness, e, "e");
    const auto bv = values(*v.witness, beta, "beta");
    const auto xv = values(*v.witness, x, "x");
    const auto ov = values(*v.witness, other, "x'");
    const ref::Rational budget = rational_of(*v.witness, B, "B");
    const ref::Rational level = rational_of(*v.witness, M, "M");
    const ref::Allocation a = ref::min_max_burden(wv, ev, bv, budget);
    const ref::Rational ours = max_burden(a.seized, ev);
    const ref::Rational theirs = max_burden(ov, ev);
    if (a.seized != xv || ours != level || theirs < level || (theirs == level && ov != xv)) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "n = " + std::to_string(n) + ": adl::ref::min_max_burden gives x = " + show(a.seized) +
                      " with max burden " + ref::to_fraction(ours) + "; x′ = " + show(ov) + " has " + ref::to_fraction(theirs);
      return result;
    }
    result.replay = "adl::ref::min_max_burden returns x = " + show(xv) + " with max burden M = " + ref::to_fraction(level) +
                    "; the witness x′ = " + show(ov) + " has max burden " + ref::to_fraction(theirs) + " (n = " +
                    std::to_string(n) + ", B = " + ref::to_fraction(budget) + ")";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"THM-MINMAX-CONT-OPT", "min–max burden is the unique minimiser of the maximum burden", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
