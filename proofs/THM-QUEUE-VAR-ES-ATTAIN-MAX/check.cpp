// Statement (@spec THM-QUEUE-VAR-ES-ATTAIN-MAX): with the largest-first queue in every scenario,
//   VaR_α and ES_α of the maximum survivor equal the bounds VaR_α((ω_T − h)₊), ES_α((ω_T − h)₊).
// Encoding: QF_NRA, the scenario model of proofs/common/closed_forms (free probabilities and α,
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
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto m = closed_forms::tail_model(ctx, size.k, size.n);
  const z3::expr& a = m.alpha;
  const z3::expr var_lf = closed_forms::lower_var(ctx, m.max_lf, m.p, a);
  const z3::expr var_b = closed_forms::lower_var(ctx, m.floor, m.p, a);
  const z3::expr ti_lf = closed_forms::tail_integral(ctx, m.max_lf, m.p, a);
  const z3::expr ti_b = closed_forms::tail_integral(ctx, m.floor, m.p, a);
  std::vector<z3::expr> pinned;
  if (size.k == 1 && size.n == 2) {
    pinned = pin(ctx, m.w[0], {10, 9});
    pinned.push_back(m.h == 5);
    pinned.push_back(a == real_val(ctx, ref::Rational(1, 2)));
  }
  runner::SizedQuery q{.assumptions = m.assumptions, .conclusion = var_lf == var_b && ti_lf == ti_b, .pinned = pinned};
  q.witness = {{{"p", m.p}, {"ω_T", m.omega}}, {{"h", m.h}, {"α", a}}};
  runner::Table shown{
      {{"p", m.p}}, {{"h", m.h}, {"α", a}}, "one row per scenario: LF's maximum survivor misses the tail bounds"};
  for (unsigned i = 0; i < size.n; ++i) {
    std::vector<z3::expr> column;
    for (unsigned k = 0; k < size.k; ++k) column.push_back(m.w[k][i]);
    shown.columns.emplace_back("w_" + std::to_string(i + 1), column);
  }
  shown.columns.emplace_back("max survivor LF", m.max_lf);
  shown.columns.emplace_back("(ω_T − h)₊", m.floor);
  q.counterexample = shown;
  q.replay = [m](const z3::model& model) {
    const closed_forms::TailValues v = closed_forms::tail_values(model, m);
    std::vector<ref::Rational> max_lf;
    for (const auto& w : v.w) {
      max_lf.push_back(books::max_value(closed_forms::survivors(w, books::largest_first(w, v.h).seized)));
    }
    const ref::Rational v_lf = closed_forms::lower_var(max_lf, v.p, v.alpha);
    const ref::Rational v_b = closed_forms::lower_var(v.floor, v.p, v.alpha);
    const ref::Rational e_lf = closed_forms::expected_shortfall(max_lf, v.p, v.alpha);
    const ref::Rational e_b = closed_forms::expected_shortfall(v.floor, v.p, v.alpha);
    if (v_lf == v_b && e_lf == e_b) {
      return runner::mismatch("the exact recomputation attains the bounds on the counterexample");
    }
    return runner::reproduced("adl::ref::queue (largest first) leaves maximum survivors " + books::show(max_lf) +
                              " against (ω_T − h)₊ = " + books::show(v.floor) + " (h = " + ref::to_fraction(v.h) +
                              "); exact VaR_α/ES_α at α = " + ref::to_fraction(v.alpha) +
                              " (computed in the check): " + ref::to_fraction(v_lf) + "/" + ref::to_fraction(e_lf) +
                              " ≠ " + ref::to_fraction(v_b) + "/" + ref::to_fraction(e_b));
  };
  return q;
}

// Refuted at the first size with a counterexample; with none, the bound is the last size.
runner::Grid grid(const Options& options) {
  runner::Grid grid = closed_forms::tail_grid(options, 3, 3);
  grid.bound = grid.sizes.back().label;
  return grid;
}

const bool registered = register_claim(runner::sized("THM-QUEUE-VAR-ES-ATTAIN-MAX",
                                                     "largest-first attains the VaR/ES bounds (maximum survivor)",
                                                     Verdict::Refuted, grid, query));

}  // namespace
}  // namespace adl::proofs
