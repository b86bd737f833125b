// Statement (@spec THM-QUEUE-VAR-ES-ATTAIN-OWN): with the largest-first queue in every scenario,
//   the top account's own survivor equals (ω_T − h)₊ in every scenario, so its VaR_α and ES_α equal
//   the bounds of THM-QUEUE-VAR-ES-BOUND.
// Encoding: QF_NRA, the scenario model of proofs/common/group_b_tail (free probabilities and α,
//   books sorted decreasingly w.l.o.g., LF by the queue closed form, VaR/ES as ite terms).
// Assumptions and bounds: p_k ＞ 0, Σ p = 1, α ∈ (0, 1), 0 ≤ h ≤ U_k; n ≤ 3 accounts and K ≤ 3
//   scenarios by default (--max-n N raises n to N and K to min(N, 5)).
// Expected: PROVED.
// Not modelled: continuous distributions (finite atoms only).
// Replay: on the last witness, adl::ref::queue (largest first) runs in every scenario; the own
//   survivor, its VaR and ES (exact Rationals computed in the check: adl::ref has no VaR/ES of a
//   distribution yet) must equal those of (ω_T − h)₊.
#include "catalog.hpp"
#include "group_b_tail.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const auto bounds = group_b::tail_bounds(options, 3, 3);
  ClaimResult result;
  for (unsigned K = 1; K <= bounds.max_scenarios; ++K) {
    for (unsigned n = 1; n <= bounds.max_n; ++n) {
      z3::context ctx;
      const auto m = group_b::tail_model(ctx, K, n);
      const z3::expr& a = m.alpha;
      z3::expr conclusion = ctx.bool_val(true);
      for (unsigned k = 0; k < K; ++k) conclusion = conclusion && m.own_lf[k] == m.floor[k];
      conclusion = conclusion &&
                   group_b::lower_var(ctx, m.own_lf, m.p, a) == group_b::lower_var(ctx, m.floor, m.p, a) &&
                   group_b::tail_integral(ctx, m.own_lf, m.p, a) == group_b::tail_integral(ctx, m.floor, m.p, a);
      const std::string name = "THM-QUEUE-VAR-ES-ATTAIN-OWN.K" + std::to_string(K) + ".n" + std::to_string(n);
      const Validity v = prove_valid(ctx, m.assumptions, conclusion, options, name);
      result.verdict = v.verdict;
      result.detail = v.detail;
      if (v.witness) {
        result.witness = instance_of(*v.witness, {{"p", m.p}, {"ω_T", m.omega}, {"own survivor LF", m.own_lf}},
                                     {{"h", m.h}, {"α", a}}, "assumptions hold");
      }
      if (v.counterexample) {
        result.counterexample = instance_of(*v.counterexample, {{"p", m.p}, {"ω_T", m.omega}, {"own survivor LF", m.own_lf}},
                                            {{"h", m.h}, {"α", a}});
      }
      if (v.verdict != Verdict::Proved) {
        result.bound = "K = " + std::to_string(K) + ", n = " + std::to_string(n);
        return result;
      }
      const auto p = group_b::rationals_of(*v.witness, m.p, "p");
      const ref::Rational alpha = rational_of(*v.witness, a, "α");
      const ref::Rational h = rational_of(*v.witness, m.h, "h");
      std::vector<ref::Rational> floor, own_lf;
      for (unsigned k = 0; k < K; ++k) {
        const auto w = group_b::rationals_of(*v.witness, m.w[k], "w");
        floor.push_back(ref::positive_part(w[0] - h));
        own_lf.push_back(w[0] - group_b::largest_first(w, h).seized[0]);
      }
      if (own_lf != floor || group_b::lower_var(own_lf, p, alpha) != group_b::lower_var(floor, p, alpha) ||
          group_b::expected_shortfall(own_lf, p, alpha) != group_b::expected_shortfall(floor, p, alpha)) {
        result.verdict = Verdict::ReplayFailed;
        result.detail = "adl::ref::queue (largest first) leaves own survivors " + group_b::show(own_lf) +
                        ", bound " + group_b::show(floor);
        return result;
      }
      result.replay = "K = " + std::to_string(K) + ", n = " + std::to_string(n) + " witness (α = " +
                      ref::to_fraction(alpha) + ", h = " + ref::to_fraction(h) +
                      "): adl::ref::queue (largest first) leaves own survivors " + group_b::show(own_lf) +
                      " = (ω_T − h)₊; exact VaR " + ref::to_fraction(group_b::lower_var(own_lf, p, alpha)) + ", ES " +
                      ref::to_fraction(group_b::expected_shortfall(own_lf, p, alpha)) + " equal the bounds";
    }
  }
  result.bound = "K ≤ " + std::to_string(bounds.max_scenarios) + " scenarios, n ≤ " + std::to_string(bounds.max_n);
  return result;
}

const bool registered = register_claim({"THM-QUEUE-VAR-ES-ATTAIN-OWN",
                                        "largest-first attains the VaR/ES bounds (own survivor)", Verdict::Proved,
                                        check});

}  // namespace
}  // namespace adl::proofs
