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

void query(z3::context&, const books::TopPolytope& t, runner::SizedQuery& q) {
  const auto n = static_cast<unsigned>(t.w.size());
  const auto s = closed_forms::survivors(t.w, t.x);
  const z3::expr bound = positive_part(t.w[0] - t.H);
  q.conclusion = s[0] >= bound && max_of(s) >= bound;
  q.preferences = t.top_survives();
  q.replay = [t, n](const z3::model& m) {
    const books::TopValues v = books::top_values(m, t);
    const ref::Rational floor = ref::positive_part(v.w[0] - v.H);
    const auto s_lf = closed_forms::survivors(v.w, books::largest_first(v.w, v.H).seized);
    const auto s_x = closed_forms::survivors(v.w, v.x);
    if (s_lf[0] != floor || s_x[0] < floor || books::max_value(s_x) < floor) {
      return runner::mismatch("on w = " + books::show(v.w) + ", H = " + ref::to_fraction(v.H) +
                              ": largest-first leaves " + ref::to_fraction(s_lf[0]) + ", the witness " +
                              ref::to_fraction(s_x[0]) + ", bound " + ref::to_fraction(floor));
    }
    return runner::reproduced(
        "n = " + std::to_string(n) + " witness w = " + books::show(v.w) + ", H = " + ref::to_fraction(v.H) +
        ": adl::ref::queue (largest first) leaves the top account exactly " +
        "(w₍₁₎ − H)₊ = " + ref::to_fraction(floor) + "; the witness x leaves " + ref::to_fraction(s_x[0]) + " on it");
  };
}

const bool registered = register_claim(books::top_claim(
    "THM-QUEUE-MIN-TOP-BOUND", "every allocation leaves the top account at least (w₍₁₎ − H)₊", Verdict::Proved, query));

}  // namespace
}  // namespace adl::proofs
