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

void query(z3::context& ctx, const books::TopPolytope& t, runner::SizedQuery& q) {
  const auto n = static_cast<unsigned>(t.w.size());
  const auto lf = closed_forms::queue_closed_form(ctx, t.w, t.H);
  const z3::expr s_lf = t.w[0] - lf[0];
  q.conclusion = s_lf == positive_part(t.w[0] - t.H) && t.w[0] - t.x[0] >= s_lf;
  q.preferences = t.top_survives();
  q.witness.columns.emplace_back("x_LF", lf);
  q.replay = [t, lf, n](const z3::model& m) {
    const books::TopValues v = books::top_values(m, t);
    const auto lf_model = rationals_of(m, lf, "x_LF");
    const auto a = books::largest_first(v.w, v.H);
    if (a.seized != lf_model) {
      return runner::mismatch("adl::ref::queue (largest first) seizes " + books::show(a.seized) + ", the closed form " +
                              books::show(lf_model));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(v.w) +
                              ", H = " + ref::to_fraction(v.H) + ": adl::ref::queue (largest first) seizes " +
                              books::show(a.seized) + " as the closed form does, leaving the top account " +
                              ref::to_fraction(v.w[0] - a.seized[0]) + " = (w₍₁₎ − H)₊");
  };
}

const bool registered = register_claim(
    books::top_claim("THM-QUEUE-MIN-TOP-ATTAIN-OWN",
                     "largest-first attains the bound on the top account's own survivor", Verdict::Proved, query));

}  // namespace
}  // namespace adl::proofs
