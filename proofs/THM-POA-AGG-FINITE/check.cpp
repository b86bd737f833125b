// Statement (@spec THM-POA-AGG-FINITE): with static welfares a, b ∈ [0, 1], max(a, b) = 1, and
//   dynamic welfares ≤ 1 each: PoA_Σ = (a* + b*)/(a + b) ≤ 2/(a + b) ≤ 2.
// Encoding: QF_LRA after clearing the positive denominator a + b (≥ max(a, b) = 1): the two
//   inequalities become a* + b* ≤ 2 and 2 ≤ 2·(a + b). Variables a, b (static fairness and
//   revenue welfares of the best static policy), a*, b* (dynamic); max by if-then-else.
// Assumptions and bounds: 0 ≤ a, b ≤ 1, max(a, b) = 1, a* ≤ 1, b* ≤ 1. Scalar (no instance size).
// Expected: PROVED (negation unsat; assumptions satisfiable).
// Not modelled: the asymptotic THM-POA-AGG (PoA_min under heavy tails); how the welfares are
//   normalised (MET-POA leaves it open).
// Replay: no adl::ref function models the welfares: on a non-degenerate witness (0 ＜ b ＜ 1,
//   a* ＞ 0, b* ＞ b) PoA_Σ = (a* + b*)/(a + b) is recomputed in exact Rationals and compared
//   with 2/(a + b) and 2.
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size&) {
  const z3::expr a = ctx.real_const("a"), b = ctx.real_const("b");
  const z3::expr a_dyn = ctx.real_const("a_dyn"), b_dyn = ctx.real_const("b_dyn");
  const std::vector<z3::expr> assumptions{a >= 0, a <= 1, b >= 0, b <= 1, max2(a, b) == 1, a_dyn <= 1, b_dyn <= 1};
  const z3::expr conclusion = a_dyn + b_dyn <= 2 && 2 <= 2 * (a + b);
  runner::SizedQuery q = runner::non_degenerate_query(
      assumptions, conclusion, {b > 0, b<1, a_dyn> 0, b_dyn > b}, {},
      {{"a (static)", a}, {"b (static)", b}, {"a* (dynamic)", a_dyn}, {"b* (dynamic)", b_dyn}});
  q.replay = [a, b, a_dyn, b_dyn](const z3::model& m) {
    const Rational sa = rational_of(m, a, "a"), sb = rational_of(m, b, "b");
    const Rational da = rational_of(m, a_dyn, "a_dyn"), db = rational_of(m, b_dyn, "b_dyn");
    const Rational poa = (da + db) / (sa + sb), middle = Rational(2) / (sa + sb);
    if (!(poa <= middle && middle <= 2)) {
      return runner::mismatch("exact recomputation: PoA_Σ = " + ref::to_fraction(poa) +
                              ", 2/(a + b) = " + ref::to_fraction(middle));
    }
    return runner::reproduced("no adl::ref function models the welfares: on the witness a = " + ref::to_fraction(sa) +
                              ", b = " + ref::to_fraction(sb) + ", a* = " + ref::to_fraction(da) +
                              ", b* = " + ref::to_fraction(db) + " the exact PoA_Σ = " + ref::to_fraction(poa) +
                              " ≤ 2/(a + b) = " + ref::to_fraction(middle) + " ≤ 2");
  };
  return q;
}

const bool registered = register_claim(runner::single("THM-POA-AGG-FINITE", "2/(a + b) ≤ 2 when max(a, b) = 1",
                                                      Verdict::Proved, "scalar (no instance size)", query));

}  // namespace
}  // namespace adl::proofs
