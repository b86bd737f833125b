// Statement (@spec THM-QUEUE-NOT-MONOTONE): queues violate AX-MONO (w_i ≥ w_j ⇒ s_i ≥ s_j). Checked
//   as the property "LF satisfies AX-MONO" being refuted (REFUTED-AS-PROPERTY in spec/claims.md;
//   the catalog's verdict for a found violation is REFUTED).
// Encoding: QF_LRA. Variables w_1..w_n (any order), H; LF by its closed form for any order (ties
//   by ascending index, proofs/common/group_b_top).
// Assumptions and bounds: w ≥ 0, 0 ≤ H ≤ Σ w; n from 1 up to the bound (default 3), stopping at
//   the first violation.
// Expected: REFUTED (as a property). At n = 2 the query is repeated with the spec's witness pinned
//   (w = (2, 1), H = 3/2) and that model is reported.
// Not modelled: score queues in the encoding (the replay adds the spec's EX-5ACCT score queue).
// Replay: adl::ref::queue with scores s_i = w_i on the counterexample: w_i ≥ w_j but s_i ＜ s_j; and
//   adl::ref::queue with scores (4, 5, 3, 0, 0) on EX-5ACCT (w = (8, 4, 1/2, 0, 0), B = 15/2).
#include "catalog.hpp"
#include "group_b_top.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 3 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr H = ctx.real_const("H");
    std::vector<z3::expr> assumptions;
    for (const auto& wi : w) assumptions.push_back(wi >= 0);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= sum(ctx, w));
    const auto x = group_b::largest_first_closed_form(ctx, w, H);
    const auto s = group_b::survivors(w, x);
    z3::expr monotone = ctx.bool_val(true);
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < n; ++j) {
        if (i != j) monotone = monotone && z3::implies(w[i] >= w[j], s[i] >= s[j]);
      }
    }
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {2, 1});
      preferred.push_back(H == real_val(ctx, ref::Rational(3, 2)));
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, monotone, preferred, options,
                                                       "THM-QUEUE-NOT-MONOTONE.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"H", H}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = instance_of(m, {{"w", w}, {"x", x}, {"s", s}}, {{"H", H}},
                                        "a larger endowment keeps less: AX-MONO fails");
    const auto wv = group_b::rationals_of(m, w, "w");
    const ref::Rational h = rational_of(m, H, "H");
    const auto sv = group_b::survivors(wv, group_b::largest_first(wv, h).seized);
    bool violated = false;
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < n; ++j) violated = violated || (i != j && wv[i] >= wv[j] && sv[i] < sv[j]);
    }
    // EX-5ACCT with the score queue of the spec.
    const std::vector<ref::Rational> ex_w{8, 4, ref::Rational(1, 2), 0, 0};
    const std::vector<ref::Score> ex_scores{{4, false}, {5, false}, {3, false}, {0, false}, {0, false}};
    const auto ex = ref::queue(ex_w, ex_scores, ref::Rational(15, 2));
    const auto ex_s = group_b::survivors(ex_w, ex.seized);
    if (!violated || !(ex_s[1] < ex_s[2])) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::queue survivors " + group_b::show(sv) + " / EX-5ACCT " + group_b::show(ex_s) +
                      " are monotone";
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) +
                    ": adl::ref::queue (largest first) leaves " + group_b::show(sv) +
                    "; EX-5ACCT score queue (scores 4, 5, 3; B = 15/2) leaves " + group_b::show(ex_s) +
                    ": w₂ = 4 ≥ w₃ = 1/2 but s₂ = " + ref::to_fraction(ex_s[1]) + " ＜ s₃ = " + ref::to_fraction(ex_s[2]);
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-QUEUE-NOT-MONOTONE", "queues violate AX-MONO", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
