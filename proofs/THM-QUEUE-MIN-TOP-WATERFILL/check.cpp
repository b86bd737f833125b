// Statement (@spec THM-QUEUE-MIN-TOP-WATERFILL): for 0 ≤ H ≤ U let L⋆ ∈ [0, w₍₁₎] solve
//   Σᵢ (w_i − L⋆)₊ = H. Then min over x ∈ P(w, H) of υ^x is L⋆, attained by top-down
//   water-filling x_i = (w_i − L⋆)₊.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n, L. w sorted decreasingly w.l.o.g.;
//   υ = maxᵢ s_i by ite. Conclusion: υ^x ≥ L, x^WF ∈ P(w, H) and υ^WF = L.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H), 0 ≤ L ≤ w_1,
//   Σ (w_i − L)₊ = H; n from 1 to the bound (default 6).
// Expected: PROVED.
// Not modelled: existence of L⋆ (continuity of the piecewise-linear level function; the exact
//   replay computes it).
// Replay: adl::ref has no top-down water-filling allocator: the level is recomputed in exact
//   Rationals from the witness (breakpoint search) and must equal the model's L; adl::ref::queue
//   (largest first) and adl::ref::pro_rata must leave maximum survivors ≥ L⋆.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include <algorithm>
#include <functional>

namespace adl::proofs {
namespace {

// L⋆ with Σ (w_i − L⋆)₊ = H, w sorted decreasingly, 0 ≤ H ≤ Σ w.
ref::Rational level(const std::vector<ref::Rational>& w_sorted, const ref::Rational& budget) {
  ref::Rational prefix = 0;
  for (std::size_t k = 0; k < w_sorted.size(); ++k) {
    prefix += w_sorted[k];
    const ref::Rational candidate = (prefix - budget) / static_cast<long>(k + 1);
    const ref::Rational next = k + 1 < w_sorted.size() ? w_sorted[k + 1] : ref::Rational(0);
    if (candidate >= next) return candidate;
  }
  return 0;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  books::TopPolytope t = books::top_polytope(ctx, size.n);
  const z3::expr L = ctx.real_const("L");
  std::vector<z3::expr> wf;
  for (const auto& wi : t.w) wf.push_back(positive_part(wi - L));
  t.assumptions.push_back(L >= 0);
  t.assumptions.push_back(L <= t.w[0]);
  t.assumptions.push_back(sum(ctx, wf) == t.H);
  z3::expr conclusion = max_of(closed_forms::survivors(t.w, t.x)) >= L && max_of(closed_forms::survivors(t.w, wf)) == L;
  for (const auto& c : books::in_polytope(ctx, t.w, wf, t.H)) conclusion = conclusion && c;
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = conclusion};
  q.witness = {{{"w", t.w}, {"x", t.x}, {"x_WF", wf}}, {{"H", t.H}, {"L", L}}};
  q.replay = [t, L, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const ref::Rational h = rational_of(m, t.H, "H");
    const ref::Rational l_model = rational_of(m, L, "L");
    const ref::Rational l_exact = level(wv, h);
    const ref::Rational u_lf = books::max_value(closed_forms::survivors(wv, books::largest_first(wv, h).seized));
    const ref::Rational u_pr = books::total(wv) == 0
                                   ? ref::Rational(0)
                                   : books::max_value(closed_forms::survivors(wv, ref::pro_rata(wv, h).seized));
    if (l_exact != l_model || u_lf < l_exact || u_pr < l_exact) {
      return runner::mismatch("exact level " + ref::to_fraction(l_exact) + ", model " + ref::to_fraction(l_model) +
                              ", υ^LF = " + ref::to_fraction(u_lf) + ", υ^PR = " + ref::to_fraction(u_pr));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(wv) +
                              ", H = " + ref::to_fraction(h) + ": exact level L⋆ = " + ref::to_fraction(l_exact) +
                              " (= model); adl::ref::queue (largest first) leaves υ = " + ref::to_fraction(u_lf) +
                              ", adl::ref::pro_rata υ = " + ref::to_fraction(u_pr) +
                              "; reference example w = (10, 9), H = 5: L⋆ = " + ref::to_fraction(level({10, 9}, 5)));
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-QUEUE-MIN-TOP-WATERFILL",
                                                      "top-down water-filling to L⋆ minimises the maximum survivor",
                                                      Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
