// Statement (@spec THM-QUEUE-MIN-TOP-ATTAIN-MAX): the paper's reading: the largest-first queue
//   minimises the maximum survivor, υ^LF ≤ υ^x for every x ∈ P(w, H).
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly w.l.o.g. (LF order =
//   identity); LF by the queue closed form (proofs/common/queue_encoding); υ = maxᵢ s_i by ite.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 up to the bound
//   (default 6), stopping at the first n with a counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), H = 5, x = (3, 2), top-down water-filling to level 7) and that model is reported.
// Not modelled: score-based queues (EX-5ACCT: υ 4.5 ＞ pro-rata 3.2, a separate observation).
// Replay: adl::ref::queue (largest first), adl::ref::pro_rata and the counterexample x on the
//   counterexample book, in exact Rationals: υ^LF ＞ υ^x.
#include "catalog.hpp"
#include "group_b_top.hpp"
#include "queue_encoding.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto x = reals(ctx, "x", n);
    const z3::expr H = ctx.real_const("H");
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= sum(ctx, w));
    for (const auto& c : group_b::in_polytope(ctx, w, x, H)) assumptions.push_back(c);
    const auto lf = queue_closed_form(ctx, w, H);
    const z3::expr top_lf = max_of(group_b::survivors(w, lf));
    const z3::expr top_x = max_of(group_b::survivors(w, x));
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {10, 9});
      for (const auto& p : group_b::pin(ctx, x, {3, 2})) preferred.push_back(p);
      preferred.push_back(H == 5);
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, top_lf <= top_x, preferred, options,
                                                       "THM-QUEUE-MIN-TOP-ATTAIN-MAX.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"H", H}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}, {"x_LF", lf}},
                                        {{"H", H}, {"υ^LF", top_lf}, {"υ^x", top_x}},
                                        "largest-first leaves a larger maximum survivor than x");
    const auto wv = group_b::rationals_of(*v.counterexample, w, "w");
    const auto xv = group_b::rationals_of(*v.counterexample, x, "x");
    const ref::Rational h = rational_of(*v.counterexample, H, "H");
    const auto lf_ref = group_b::largest_first(wv, h);
    const ref::Rational u_lf = group_b::max_value(group_b::survivors(wv, lf_ref.seized));
    const ref::Rational u_x = group_b::max_value(group_b::survivors(wv, xv));
    const auto pr = ref::pro_rata(wv, h);
    const ref::Rational u_pr = group_b::max_value(group_b::survivors(wv, pr.seized));
    if (!(u_lf > u_x)) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref: υ^LF = " + ref::to_fraction(u_lf) + " is not above υ^x = " + ref::to_fraction(u_x);
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) + ": adl::ref::queue (largest first) " +
                    "leaves " + group_b::show(group_b::survivors(wv, lf_ref.seized)) + ", υ = " +
                    ref::to_fraction(u_lf) + "; adl::ref::pro_rata leaves υ = " + ref::to_fraction(u_pr) +
                    "; x = " + group_b::show(xv) + " leaves " + group_b::show(group_b::survivors(wv, xv)) +
                    ", υ = " + ref::to_fraction(u_x) + " ＜ " + ref::to_fraction(u_lf);
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-QUEUE-MIN-TOP-ATTAIN-MAX",
                                        "largest-first minimises the maximum survivor (paper's reading)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
