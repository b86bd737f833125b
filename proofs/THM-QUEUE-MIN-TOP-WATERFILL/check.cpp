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

void query(z3::context& ctx, const books::TopPolytope& t, runner::SizedQuery& q) {
  const auto n = static_cast<unsigned>(t.w.size());
  const z3::expr L = ctx.real_const("L");
  std::vector<z3::expr> wf;
  for (const auto& wi : t.w) wf.push_back(positive_part(wi - L));
  q.assumptions.push_back(L >= 0);
  q.assumptions.push_back(L <= t.w[0]);
  q.assumptions.push_back(sum(ctx, wf) == t.H);
  z3::expr conclusion = max_of(closed_forms::survivors(t.w, t.x)) >= L && max_of(closed_forms::survivors(t.w, wf)) == L;
  for (const auto& c : books::in_polytope(ctx, t.w, wf, t.H)) conclusion = conclusion && c;
  q.conclusion = conclusion;
  q.witness.columns.emplace_back("x_WF", wf);
  q.witness.scalars.emplace_back("L", L);
  q.replay = [t, L, n](const z3::model& m) {
    const books::TopValues v = books::top_values(m, t);
    const ref::Rational l_model = rational_of(m, L, "L");
    const ref::Rational l_exact = level(v.w, v.H);
    const ref::Rational u_lf = books::max_value(closed_forms::survivors(v.w, books::largest_first(v.w, v.H).seized));
    const ref::Rational u_pr = books::total(v.w) == 0
                                   ? ref::Rational(0)
                                   : books::max_value(closed_forms::survivors(v.w, ref::pro_rata(v.w, v.H).seized));
    if (l_exact != l_model || u_lf < l_exact || u_pr < l_exact) {
      return runner::mismatch("exact level " + ref::to_fraction(l_exact) + ", model " + ref::to_fraction(l_model) +
                              ", υ^LF = " + ref::to_fraction(u_lf) + ", υ^PR = " + ref::to_fraction(u_pr));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(v.w) +
                              ", H = " + ref::to_fraction(v.H) + ": exact level L⋆ = " + ref::to_fraction(l_exact) +
                              " (= model); adl::ref::queue (largest first) leaves υ = " + ref::to_fraction(u_lf) +
                              ", adl::ref::pro_rata υ = " + ref::to_fraction(u_pr) +
                              "; reference example w = (10, 9), H = 5: L⋆ = " + ref::to_fraction(level({10, 9}, 5)));
  };
}

const bool registered = register_claim(books::top_claim("THM-QUEUE-MIN-TOP-WATERFILL",
                                                        "top-down water-filling to L⋆ minimises the maximum survivor",
                                                        Verdict::Proved, query));

}  // namespace
}  // namespace adl::proofs
