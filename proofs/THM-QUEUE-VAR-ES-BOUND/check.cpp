// Statement (@spec THM-QUEUE-VAR-ES-BOUND): in every scenario the top survivor (own and maximum)
//   is ≥ (ω_T − h)₊; VaR_α and ES_α of both survivors are ≥ those of (ω_T − h)₊; and
//   VaR_α((ω_T − h)₊) = max(VaR_α(ω_T) − h, 0).
// Encoding: QF_NRA. K scenarios with free probabilities p_k ＞ 0 (Σ = 1), free α ∈ (0, 1), one
//   book of n accounts per scenario (w sorted decreasingly w.l.o.g., top account = 1), a common
//   budget h ≤ U_k, a free allocation x_k ∈ P(w_k, h) (proofs/common/closed_forms). VaR as the
//   smallest atom with cumulative probability ≥ α (MET-VAR), ES as (1 − α)·ES = the Acerbi sum
//   (MET-ES), both as ite terms (proofs/common/closed_forms).
// Assumptions and bounds: as above; n ≤ 3 accounts and K ≤ 2 scenarios by default (K = 3 with
//   n = 2 exceeds a 5 s timeout on the ES part); --max-n N sets n ≤ N and K ≤ min(N, 5); every
//   (K, n) is checked, one query per part of the conclusion.
// Expected: PROVED.
// Not modelled: continuous distributions (finite atoms only); the integral form of the ES bound
//   is the ES of (ω_T − h)₊ by the Acerbi sum.
// Replay: adl::ref has no VaR/ES of a distribution yet: on the last witness the VaR and ES are
//   recomputed in exact Rationals (closed_forms::lower_var / expected_shortfall) for the witness x and
//   for adl::ref::queue (largest first) in every scenario, and the inequalities rechecked.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size, const Options& options) {
  const auto m = closed_forms::tail_model(ctx, size.k, size.n);
  const z3::expr& a = m.alpha;
  // One query per part of the conclusion (the conjunction is valid iff each part is).
  z3::expr almost_surely = ctx.bool_val(true);
  for (unsigned k = 0; k < size.k; ++k) {
    almost_surely = almost_surely && m.own_x[k] >= m.floor[k] && m.max_x[k] >= m.floor[k];
  }
  const z3::expr var_floor = closed_forms::lower_var(ctx, m.floor, m.p, a);
  const z3::expr ti_floor = closed_forms::tail_integral(ctx, m.floor, m.p, a);
  const std::vector<std::pair<std::string, z3::expr>> parts{
      {"as", almost_surely},
      {"var-identity", var_floor == positive_part(closed_forms::lower_var(ctx, m.omega, m.p, a) - m.h)},
      {"var-own", closed_forms::lower_var(ctx, m.own_x, m.p, a) >= var_floor},
      {"var-max", closed_forms::lower_var(ctx, m.max_x, m.p, a) >= var_floor},
      {"es-own", closed_forms::tail_integral(ctx, m.own_x, m.p, a) >= ti_floor},
      {"es-max", closed_forms::tail_integral(ctx, m.max_x, m.p, a) >= ti_floor}};
  runner::SizedQuery q{.prove = [&ctx, &options, m, parts](const std::string& name) {
    Validity v;
    for (const auto& [label, conclusion] : parts) {
      v = prove_valid(ctx, m.assumptions, conclusion, options, name + "." + label);
      if (v.verdict != Verdict::Proved) {
        v.detail = label + ": " + v.detail;
        break;
      }
    }
    return v;
  }};
  const Columns columns{{"p", m.p}, {"ω_T", m.omega}, {"own survivor", m.own_x}};
  q.witness = {columns, {{"h", m.h}, {"α", a}}};
  q.counterexample = {columns, {{"h", m.h}, {"α", a}}};
  q.counterexample->columns.emplace_back("max survivor", m.max_x);
  q.replay = [m, size](const z3::model& model) {
    const closed_forms::TailValues tv = closed_forms::tail_values(model, m);
    const auto& p = tv.p;
    std::vector<ref::Rational> omega, own_x, max_x, max_lf;
    for (unsigned k = 0; k < size.k; ++k) {
      const auto& w = tv.w[k];
      const auto x = rationals_of(model, m.x[k], "x");
      omega.push_back(w[0]);
      own_x.push_back(w[0] - x[0]);
      max_x.push_back(books::max_value(closed_forms::survivors(w, x)));
      max_lf.push_back(books::max_value(closed_forms::survivors(w, books::largest_first(w, tv.h).seized)));
    }
    const ref::Rational var_b = closed_forms::lower_var(tv.floor, p, tv.alpha);
    const ref::Rational es_b = closed_forms::expected_shortfall(tv.floor, p, tv.alpha);
    const auto var = [&](const std::vector<ref::Rational>& values) {
      return closed_forms::lower_var(values, p, tv.alpha);
    };
    const auto es = [&](const std::vector<ref::Rational>& values) {
      return closed_forms::expected_shortfall(values, p, tv.alpha);
    };
    const bool ok = var(own_x) >= var_b && var(max_x) >= var_b && var(max_lf) >= var_b &&
                    var_b == ref::positive_part(var(omega) - tv.h) && es(own_x) >= es_b && es(max_x) >= es_b &&
                    es(max_lf) >= es_b;
    if (!ok) return runner::mismatch("the exact VaR/ES recomputation violates a bound on the witness");
    return runner::reproduced(size.label + " witness (α = " + ref::to_fraction(tv.alpha) +
                              ", h = " + ref::to_fraction(tv.h) + ", ω_T = " + books::show(omega) +
                              "): exact VaR/ES (computed in the check, adl::ref has none) " + "of the bound " +
                              ref::to_fraction(var_b) + "/" + ref::to_fraction(es_b) +
                              ", of the witness's own survivor " + ref::to_fraction(var(own_x)) + "/" +
                              ref::to_fraction(es(own_x)) + ", of adl::ref::queue (largest first)'s maximum survivor " +
                              ref::to_fraction(var(max_lf)) + "/" + ref::to_fraction(es(max_lf)));
  };
  return q;
}

ClaimResult check(const Options& options) {
  const runner::Grid grid = closed_forms::tail_grid(options, 3, 2);
  return runner::check_sizes(options, "THM-QUEUE-VAR-ES-BOUND", Verdict::Proved, grid.sizes, grid.bound,
                             [&](z3::context& ctx, const runner::Size& size) { return query(ctx, size, options); });
}

const bool registered = register_claim(
    {"THM-QUEUE-VAR-ES-BOUND", "VaR and ES of top survival ≥ those of (ω_T − h)₊", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
