// Statement (@spec THM-QUEUE-MIN-TOP-ATTAIN-OWN): the largest-first queue leaves the top account
//   s_i₁ = (w₍₁₎ − H)₊, so no x ∈ P(w, H) leaves it less.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly without loss of
//   generality (i₁ = 1, largest-first order = identity); LF by the queue closed form
//   x^LF_k = min(w_k, (H − Σ_{j<k} w_j)₊) (proofs/common/closed_forms), independent of adl::ref.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 to the bound
//   (default 6).
// Expected: PROVED: s^LF_1 = (w_1 − H)₊ and s^x_1 ≥ s^LF_1 (negation unsat for every n).
// Not modelled: score-based queues (they do not attain the bound, EX-5ACCT).
// Replay: adl::ref::queue with scores s_i = w_i runs on the witness book and must seize what
//   the closed form seizes, leaving the top account (w₍₁₎ − H)₊.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const books::TopPolytope t = books::top_polytope(ctx, size.n);
  const auto lf = closed_forms::queue_closed_form(ctx, t.w, t.H);
  const z3::expr s_lf = t.w[0] - lf[0];
  const z3::expr conclusion = s_lf == positive_part(t.w[0] - t.H) && t.w[0] - t.x[0] >= s_lf;
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = conclusion, .preferences = t.top_survives()};
  q.witness = {{{"w", t.w}, {"x", t.x}, {"x_LF", lf}}, {{"H", t.H}}};
  q.replay = [t, lf, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const auto lf_model = rationals_of(m, lf, "x_LF");
    const ref::Rational h = rational_of(m, t.H, "H");
    const auto a = books::largest_first(wv, h);
    if (a.seized != lf_model) {
      return runner::mismatch("adl::ref::queue (largest first) seizes " + books::show(a.seized) + ", the closed form " +
                              books::show(lf_model));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(wv) +
                              ", H = " + ref::to_fraction(h) + ": adl::ref::queue (largest first) seizes " +
                              books::show(a.seized) + " as the closed form does, leaving the top account " +
                              ref::to_fraction(wv[0] - a.seized[0]) + " = (w₍₁₎ − H)₊");
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-QUEUE-MIN-TOP-ATTAIN-OWN", "largest-first attains the bound on the top account's own survivor",
                   Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
