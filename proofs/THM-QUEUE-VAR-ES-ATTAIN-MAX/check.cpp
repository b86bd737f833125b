// Statement (@spec THM-QUEUE-VAR-ES-ATTAIN-MAX): with the largest-first queue in every scenario,
//   VaR_α and ES_α of the maximum survivor equal the bounds VaR_α((ω_T − h)₊), ES_α((ω_T − h)₊).
// Encoding: QF_NRA, the scenario model of proofs/common/group_b_tail (free probabilities and α,
//   books sorted decreasingly w.l.o.g., LF by the queue closed form, VaR/ES as ite terms).
// Assumptions and bounds: p_k ＞ 0, Σ p = 1, α ∈ (0, 1), 0 ≤ h ≤ U_k; K from 1 and n from 1 up
//   to K ≤ 3, n ≤ 3 by default, stopping at the first counterexample.
// Expected: REFUTED. At K = 1, n = 2 the query is repeated with the reference's counterexample
//   pinned (one scenario, w = (10, 9), h = 5; α = 1/2) and that model is reported.
// Not modelled: continuous distributions (finite atoms only).
// Replay: adl::ref::queue (largest first) in every scenario of the counterexample; VaR and ES of
//   the maximum survivor and of the bound in exact Rationals (computed in the check: adl::ref has
//   no VaR/ES of a distribution yet) differ.
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
      const z3::expr var_lf = group_b::lower_var(ctx, m.max_lf, m.p, a);
      const z3::expr var_b = group_b::lower_var(ctx, m.floor, m.p, a);
      const z3::expr ti_lf = group_b::tail_integral(ctx, m.max_lf, m.p, a);
      const z3::expr ti_b = group_b::tail_integral(ctx, m.floor, m.p, a);
      std::vector<z3::expr> preferred;
      if (K == 1 && n == 2) {
        preferred = group_b::pin(ctx, m.w[0], {10, 9});
        preferred.push_back(m.h == 5);
        preferred.push_back(a == real_val(ctx, ref::Rational(1, 2)));
      }
      const std::string name = "THM-QUEUE-VAR-ES-ATTAIN-MAX.K" + std::to_string(K) + ".n" + std::to_string(n);
      const Validity v = group_b::prove_valid_preferring(ctx, m.assumptions, var_lf == var_b && ti_lf == ti_b,
                                                         preferred, options, name);
      result.verdict = v.verdict;
      result.detail = v.detail;
      result.bound = "K = " + std::to_string(K) + ", n = " + std::to_string(n);
      if (v.witness) {
        result.witness = instance_of(*v.witness, {{"p", m.p}, {"ω_T", m.omega}}, {{"h", m.h}, {"α", a}}, "assumptions hold");
      }
      if (v.verdict == Verdict::Proved) continue;
      if (v.verdict != Verdict::Refuted) return result;
      const z3::model& model = *v.counterexample;
      std::vector<std::pair<std::string, std::vector<z3::expr>>> columns{{"p", m.p}};
      for (unsigned i = 0; i < n; ++i) {
        std::vector<z3::expr> column;
        for (unsigned k = 0; k < K; ++k) column.push_back(m.w[k][i]);
        columns.emplace_back("w_" + std::to_string(i + 1), column);
      }
      columns.emplace_back("max survivor LF", m.max_lf);
      columns.emplace_back("(ω_T − h)₊", m.floor);
      result.counterexample = instance_of(model, columns, {{"h", m.h}, {"α", a}},
                                          "one row per scenario: LF's maximum survivor misses the tail bounds");
      const auto p = group_b::rationals_of(model, m.p, "p");
      const ref::Rational alpha = rational_of(model, a, "α");
      const ref::Rational h = rational_of(model, m.h, "h");
      std::vector<ref::Rational> floor, max_lf;
      for (unsigned k = 0; k < K; ++k) {
        const auto w = group_b::rationals_of(model, m.w[k], "w");
        floor.push_back(ref::positive_part(w[0] - h));
        max_lf.push_back(group_b::max_value(group_b::survivors(w, group_b::largest_first(w, h).seized)));
      }
      const ref::Rational v_lf = group_b::lower_var(max_lf, p, alpha);
      const ref::Rational v_b = group_b::lower_var(floor, p, alpha);
      const ref::Rational e_lf = group_b::expected_shortfall(max_lf, p, alpha);
      const ref::Rational e_b = group_b::expected_shortfall(floor, p, alpha);
      if (v_lf == v_b && e_lf == e_b) {
        result.verdict = Verdict::ReplayFailed;
        result.detail = "the exact recomputation attains the bounds on the counterexample";
        return result;
      }
      result.replay = "adl::ref::queue (largest first) leaves maximum survivors " + group_b::show(max_lf) +
                      " against (ω_T − h)₊ = " + group_b::show(floor) + " (h = " + ref::to_fraction(h) +
                      "); exact VaR_α/ES_α at α = " + ref::to_fraction(alpha) + " (computed in the check): " +
                      ref::to_fraction(v_lf) + "/" + ref::to_fraction(e_lf) + " ≠ " + ref::to_fraction(v_b) + "/" +
                      ref::to_fraction(e_b);
      return result;
    }
  }
  return result;
}

const bool registered = register_claim({"THM-QUEUE-VAR-ES-ATTAIN-MAX",
                                        "largest-first attains the VaR/ES bounds (maximum survivor)", Verdict::Refuted,
                                        check});

}  // namespace
}  // namespace adl::proofs
