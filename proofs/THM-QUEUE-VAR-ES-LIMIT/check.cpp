// Statement (@spec THM-QUEUE-VAR-ES-LIMIT): the asymptotic ES_u/VaR_u → α₊/(α₊ − 1) is not
//   machine-checked; the closest finite lemma: for every finite distribution with at most 5 atoms
//   and α ∈ (0, 1), ES_α ≥ VaR_α.
// Encoding: QF_NRA. Atoms X_1..X_K (any sign) with free probabilities p_k ＞ 0 (Σ = 1) and free
//   α; VaR as the smallest atom with cumulative probability ≥ α (MET-VAR), (1 − α)·ES by the
//   Acerbi sum (MET-ES), as ite terms (proofs/common/closed_forms). Claim: (1 − α)·ES ≥ (1 − α)·VaR.
// Assumptions and bounds: atoms in ascending order (relabelling, w.l.o.g.); K from 1 to the bound (default 5 atoms; --max-n sets it).
// Expected: PROVED (the lemma only).
// Not modelled: regular variation and the limit itself.
// Replay: adl::ref has no VaR/ES of a distribution yet; on the witness VaR and ES are recomputed
//   in exact Rationals and ES ≥ VaR rechecked.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto X = reals(ctx, "X", size.n);
  const auto p = reals(ctx, "p", size.n);
  const z3::expr alpha = ctx.real_const("alpha");
  std::vector<z3::expr> assumptions;
  for (const auto& pk : p) assumptions.push_back(pk > 0);
  for (unsigned k = 0; k + 1 < size.n; ++k) assumptions.push_back(X[k] <= X[k + 1]);  // relabel: w.l.o.g.
  assumptions.push_back(sum(ctx, p) == 1);
  assumptions.push_back(alpha > 0);
  assumptions.push_back(alpha < 1);
  const z3::expr var = closed_forms::lower_var(ctx, X, p, alpha);
  const z3::expr conclusion = closed_forms::tail_integral(ctx, X, p, alpha) >= (1 - alpha) * var;
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  q.witness = {{{"X", X}, {"p", p}}, {{"α", alpha}}};
  q.replay = [X, p, alpha, K = size.n](const z3::model& m) {
    const auto xv = rationals_of(m, X, "X");
    const auto pv = rationals_of(m, p, "p");
    const ref::Rational a = rational_of(m, alpha, "α");
    const ref::Rational var_exact = closed_forms::lower_var(xv, pv, a);
    const ref::Rational es_exact = closed_forms::expected_shortfall(xv, pv, a);
    if (es_exact < var_exact) {
      return runner::mismatch("exact ES " + ref::to_fraction(es_exact) + " ＜ VaR " + ref::to_fraction(var_exact));
    }
    return runner::reproduced("K = " + std::to_string(K) + " witness X = " + books::show(xv) +
                              ", p = " + books::show(pv) + ", α = " + ref::to_fraction(a) + ": exact VaR " +
                              ref::to_fraction(var_exact) + " ≤ ES " + ref::to_fraction(es_exact) +
                              " (computed in the check; adl::ref has no VaR/ES yet)");
  };
  return q;
}

runner::Grid grid(const Options& options) {
  const unsigned max_k = runner::bound(options.max_n, 5);
  runner::Grid grid{{}, "K ≤ " + std::to_string(max_k) + " atoms"};
  for (unsigned K = 1; K <= max_k; ++K)
    grid.sizes.push_back({K, 0, "K = " + std::to_string(K) + " atoms", ".K" + std::to_string(K)});
  return grid;
}

const bool registered = register_claim(
    runner::sized("THM-QUEUE-VAR-ES-LIMIT", "finite lemma: ES_α ≥ VaR_α (≤ 5 atoms)", Verdict::Proved, grid, query));

}  // namespace
}  // namespace adl::proofs
