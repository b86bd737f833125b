// Statement (@spec THM-PR-UNIQUE-CAPPED): needed by the §6 claim: capped pro-rata satisfies AX-MONO
//   (w_i ≥ w_j ⇒ s_i ≥ s_j).
// Encoding: QF_NRA. Variables w, β, B and the level η; capped pro-rata by its closed form
//   h_i = min(η, β_i), Σ w_i·h_i = B (POL-CAPPED-PRO-RATA); survivors s_i = w_i − w_i·h_i.
// Assumptions and bounds: w ≥ 0, β ∈ [0, 1], 0 ＜ B ≤ Σ w·β, η ∈ [0, 1]; n from 1 up to the bound
//   (default 4), stopping at the first counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), β = (1, 1/10), B = 59/10) and that model is reported.
// Not modelled: caps from h̄ or e̲ (β is free in [0, 1]).
// Replay: adl::ref::capped_pro_rata on the counterexample: w_i ≥ w_j but s_i ＜ s_j exactly.
#include "catalog.hpp"
#include "group_b_top.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto beta = reals(ctx, "beta", n);
    const z3::expr B = ctx.real_const("B");
    const z3::expr eta = ctx.real_const("eta");
    std::vector<z3::expr> assumptions;
    std::vector<z3::expr> h, wh, capacity, s;
    for (unsigned i = 0; i < n; ++i) {
      assumptions.push_back(w[i] >= 0);
      assumptions.push_back(beta[i] >= 0);
      assumptions.push_back(beta[i] <= 1);
      h.push_back(min2(eta, beta[i]));
      wh.push_back(w[i] * h.back());
      capacity.push_back(w[i] * beta[i]);
      s.push_back(w[i] - wh.back());
    }
    assumptions.push_back(B > 0);
    assumptions.push_back(B <= sum(ctx, capacity));
    assumptions.push_back(eta >= 0);
    assumptions.push_back(eta <= 1);
    assumptions.push_back(sum(ctx, wh) == B);
    z3::expr monotone = ctx.bool_val(true);
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < n; ++j) {
        if (i != j) monotone = monotone && z3::implies(w[i] >= w[j], s[i] >= s[j]);
      }
    }
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {10, 9});
      for (const auto& p : group_b::pin(ctx, beta, {1, ref::Rational(1, 10)})) preferred.push_back(p);
      preferred.push_back(B == real_val(ctx, ref::Rational(59, 10)));
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, monotone, preferred, options,
                                                       "THM-PR-UNIQUE-CAPPED.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"β", beta}}, {{"B", B}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = instance_of(m, {{"w", w}, {"β", beta}, {"h", h}, {"s", s}}, {{"B", B}, {"η", eta}},
                                        "a larger endowment keeps less: AX-MONO fails");
    const auto wv = group_b::rationals_of(m, w, "w");
    const auto bv = group_b::rationals_of(m, beta, "β");
    const ref::Rational b = rational_of(m, B, "B");
    const auto cpr = ref::capped_pro_rata(wv, bv, b);
    const auto sv = group_b::survivors(wv, cpr.seized);
    std::string violation;
    for (unsigned i = 0; i < n && violation.empty(); ++i) {
      for (unsigned j = 0; j < n && violation.empty(); ++j) {
        if (i != j && wv[i] >= wv[j] && sv[i] < sv[j]) {
          violation = "w_" + std::to_string(i + 1) + " = " + ref::to_fraction(wv[i]) + " ≥ w_" + std::to_string(j + 1) +
                      " = " + ref::to_fraction(wv[j]) + " but s_" + std::to_string(i + 1) + " = " +
                      ref::to_fraction(sv[i]) + " ＜ s_" + std::to_string(j + 1) + " = " + ref::to_fraction(sv[j]);
        }
      }
    }
    if (violation.empty()) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::capped_pro_rata's survivors " + group_b::show(sv) + " are monotone";
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", β = " + group_b::show(bv) + ", B = " + ref::to_fraction(b) +
                    ": adl::ref::capped_pro_rata gives h = " + group_b::show(cpr.haircut) + ", survivors " +
                    group_b::show(sv) + ": " + violation;
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-PR-UNIQUE-CAPPED", "capped pro-rata satisfies AX-MONO",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
