// Statement (@spec THM-QUEUE-VAR-ES-BOUND): in every scenario the top survivor (own and maximum)
//   is ≥ (ω_T − h)₊; VaR_α and ES_α of both survivors are ≥ those of (ω_T − h)₊; and
//   VaR_α((ω_T − h)₊) = max(VaR_α(ω_T) − h, 0).
// Encoding: QF_NRA. K scenarios with free probabilities p_k ＞ 0 (Σ = 1), free α ∈ (0, 1), one
//   book of n accounts per scenario (w sorted decreasingly w.l.o.g., top account = 1), a common
//   budget h ≤ U_k, a free allocation x_k ∈ P(w_k, h) (proofs/common/group_b_tail). VaR as the
//   smallest atom with cumulative probability ≥ α (MET-VAR), ES as (1 − α)·ES = the Acerbi sum
//   (MET-ES), both as ite terms (proofs/common/group_b_top).
// Assumptions and bounds: as above; n ≤ 3 accounts and K ≤ 2 scenarios by default (K = 3 with
//   n = 2 exceeds a 5 s timeout on the ES part); --max-n N sets n ≤ N and K ≤ min(N, 5); every
//   (K, n) is checked, one query per part of the conclusion.
// Expected: PROVED.
// Not modelled: continuous distributions (finite atoms only); the integral form of the ES bound
//   is the ES of (ω_T − h)₊ by the Acerbi sum.
// Replay: adl::ref has no VaR/ES of a distribution yet: on the last witness the VaR and ES are
//   recomputed in exact Rationals (group_b::lower_var / expected_shortfall) for the witness x and
//   for adl::ref::queue (largest first) in every scenario, and the inequalities rechecked.
#include "catalog.hpp"
#include "group_b_tail.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const auto bounds = group_b::tail_bounds(options, 3, 2);
  ClaimResult result;
  for (unsigned K = 1; K <= bounds.max_scenarios; ++K) {
    for (unsigned n = 1; n <= bounds.max_n; ++n) {
      z3::context ctx;
      const auto m = group_b::tail_model(ctx, K, n);
      const z3::expr& a = m.alpha;
      // One query per part of the conclusion (the conjunction is valid iff each part is).
      z3::expr almost_surely = ctx.bool_val(true);
      for (unsigned k = 0; k < K; ++k) {
        almost_surely = almost_surely && m.own_x[k] >= m.floor[k] && m.max_x[k] >= m.floor[k];
      }
      const z3::expr var_floor = group_b::lower_var(ctx, m.floor, m.p, a);
      const z3::expr ti_floor = group_b::tail_integral(ctx, m.floor, m.p, a);
      const std::vector<std::pair<std::string, z3::expr>> parts{
          {"as", almost_surely},
          {"var-identity", var_floor == positive_part(group_b::lower_var(ctx, m.omega, m.p, a) - m.h)},
          {"var-own", group_b::lower_var(ctx, m.own_x, m.p, a) >= var_floor},
          {"var-max", group_b::lower_var(ctx, m.max_x, m.p, a) >= var_floor},
          {"es-own", group_b::tail_integral(ctx, m.own_x, m.p, a) >= ti_floor},
          {"es-max", group_b::tail_integral(ctx, m.max_x, m.p, a) >= ti_floor}};
      Validity v;
      for (const auto& [label, conclusion] : parts) {
        const std::string name =
            "THM-QUEUE-VAR-ES-BOUND.K" + std::to_string(K) + ".n" + std::to_string(n) + "." + label;
        v = prove_valid(ctx, m.assumptions, conclusion, options, name);
        if (v.verdict != Verdict::Proved) {
          v.detail = label + ": " + v.detail;
          break;
        }
      }
      result.verdict = v.verdict;
      result.detail = v.detail;
      if (v.witness) {
        result.witness = instance_of(*v.witness, {{"p", m.p}, {"ω_T", m.omega}, {"own survivor", m.own_x}},
                                     {{"h", m.h}, {"α", a}}, "assumptions hold");
      }
      if (v.counterexample) {
        result.counterexample = instance_of(*v.counterexample, {{"p", m.p}, {"ω_T", m.omega}, {"own survivor", m.own_x},
                                                                {"max survivor", m.max_x}},
                                            {{"h", m.h}, {"α", a}});
      }
      if (v.verdict != Verdict::Proved) {
        result.bound = "K = " + std::to_string(K) + ", n = " + std::to_string(n);
        return result;
      }
      // Exact replay of the witness.
      const auto p = group_b::rationals_of(*v.witness, m.p, "p");
      const ref::Rational alpha = rational_of(*v.witness, a, "α");
      const ref::Rational h = rational_of(*v.witness, m.h, "h");
      std::vector<ref::Rational> omega, floor, own_x, max_x, max_lf;
      for (unsigned k = 0; k < K; ++k) {
        const auto w = group_b::rationals_of(*v.witness, m.w[k], "w");
        const auto x = group_b::rationals_of(*v.witness, m.x[k], "x");
        omega.push_back(w[0]);
        floor.push_back(ref::positive_part(w[0] - h));
        own_x.push_back(w[0] - x[0]);
        max_x.push_back(group_b::max_value(group_b::survivors(w, x)));
        max_lf.push_back(group_b::max_value(group_b::survivors(w, group_b::largest_first(w, h).seized)));
      }
      const ref::Rational var_b = group_b::lower_var(floor, p, alpha);
      const ref::Rational es_b = group_b::expected_shortfall(floor, p, alpha);
      const bool ok = group_b::lower_var(own_x, p, alpha) >= var_b && group_b::lower_var(max_x, p, alpha) >= var_b &&
                      group_b::lower_var(max_lf, p, alpha) >= var_b &&
                      var_b == ref::positive_part(group_b::lower_var(omega, p, alpha) - h) &&
                      group_b::expected_shortfall(own_x, p, alpha) >= es_b &&
                      group_b::expected_shortfall(max_x, p, alpha) >= es_b &&
                      group_b::expected_shortfall(max_lf, p, alpha) >= es_b;
      if (!ok) {
        result.verdict = Verdict::ReplayFailed;
        result.detail = "the exact VaR/ES recomputation violates a bound on the witness";
        return result;
      }
      result.replay = "K = " + std::to_string(K) + ", n = " + std::to_string(n) + " witness (α = " +
                      ref::to_fraction(alpha) + ", h = " + ref::to_fraction(h) + ", ω_T = " + group_b::show(omega) +
                      "): exact VaR/ES (computed in the check, adl::ref has none) of the bound " +
                      ref::to_fraction(var_b) + "/" + ref::to_fraction(es_b) + ", of the witness's own survivor " +
                      ref::to_fraction(group_b::lower_var(own_x, p, alpha)) + "/" +
                      ref::to_fraction(group_b::expected_shortfall(own_x, p, alpha)) +
                      ", of adl::ref::queue (largest first)'s maximum survivor " +
                      ref::to_fraction(group_b::lower_var(max_lf, p, alpha)) + "/" +
                      ref::to_fraction(group_b::expected_shortfall(max_lf, p, alpha));
    }
  }
  result.bound = "K ≤ " + std::to_string(bounds.max_scenarios) + " scenarios, n ≤ " + std::to_string(bounds.max_n);
  return result;
}

const bool registered = register_claim({"THM-QUEUE-VAR-ES-BOUND",
                                        "VaR and ES of top survival ≥ those of (ω_T − h)₊", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
