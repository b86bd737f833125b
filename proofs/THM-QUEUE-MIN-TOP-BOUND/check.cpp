// Statement (@spec THM-QUEUE-MIN-TOP-BOUND): for w ≥ 0, 0 ≤ H ≤ U and x ∈ P(w, H), the top
//   account keeps s_i₁ ≥ (w₍₁₎ − H)₊, hence υ^x = maxᵢ s_i ≥ (w₍₁₎ − H)₊.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n (reals). w sorted decreasingly without loss
//   of generality (relabel accounts), so i₁ = 1 and w₍₁₎ = w_1 (proofs/common/books).
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, 0 ≤ x ≤ w, Σ x = H; every n from 1 to
//   the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable, witness printed).
// Not modelled: how x arose (every allocation of the polytope is covered).
// Replay: on the last witness, adl::ref::queue with largest-first scores leaves the top account
//   exactly (w₍₁₎ − H)₊, and the witness x leaves at least that, on s_i₁ and on max s.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const books::TopPolytope t = books::top_polytope(ctx, size.n);
  const auto s = closed_forms::survivors(t.w, t.x);
  const z3::expr bound = positive_part(t.w[0] - t.H);
  const z3::expr conclusion = s[0] >= bound && max_of(s) >= bound;
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = conclusion, .preferences = t.top_survives()};
  q.witness = {{{"w", t.w}, {"x", t.x}}, {{"H", t.H}}};
  q.replay = [t, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const auto xv = rationals_of(m, t.x, "x");
    const ref::Rational h = rational_of(m, t.H, "H");
    const ref::Rational floor = ref::positive_part(wv[0] - h);
    const auto s_lf = closed_forms::survivors(wv, books::largest_first(wv, h).seized);
    const auto s_x = closed_forms::survivors(wv, xv);
    if (s_lf[0] != floor || s_x[0] < floor || books::max_value(s_x) < floor) {
      return runner::mismatch("on w = " + books::show(wv) + ", H = " + ref::to_fraction(h) + ": largest-first leaves " +
                              ref::to_fraction(s_lf[0]) + ", the witness " + ref::to_fraction(s_x[0]) + ", bound " +
                              ref::to_fraction(floor));
    }
    return runner::reproduced(
        "n = " + std::to_string(n) + " witness w = " + books::show(wv) + ", H = " + ref::to_fraction(h) +
        ": adl::ref::queue (largest first) leaves the top account exactly " +
        "(w₍₁₎ − H)₊ = " + ref::to_fraction(floor) + "; the witness x leaves " + ref::to_fraction(s_x[0]) + " on it");
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-QUEUE-MIN-TOP-BOUND",
                                                      "every allocation leaves the top account at least (w₍₁₎ − H)₊",
                                                      Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
