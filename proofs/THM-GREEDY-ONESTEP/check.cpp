// Statement (@spec THM-GREEDY-ONESTEP): for 0 ≤ B ≤ C(β), POL-GREEDY-ONESTEP minimises
//   δ = Σ (1 − h_i)·e_i·ρ_i over P_β(w, B) (equivalently maximises Σ x_i·e_i·ρ_i/w_i), and with
//   pairwise distinct keys it is the unique minimiser.
// Encoding: QF_NRA with free keys. In seizure coordinates x_i = h_i·w_i (w_i ＞ 0) one has
//   δ = Σ e_i·ρ_i − Σ x_i·k_i with keys k_i = e_i·ρ_i/w_i and P_β(w, B) = {0 ≤ x_i ≤ c_i, Σ x = B}
//   with c_i = β_i·w_i; free k_i ≥ 0 and c_i ≥ 0 cover every (e, ρ, w ＞ 0, β). Variables k, c,
//   x′ (n each) and B. Keys sorted nonincreasing w.l.o.g. (relabelling; ties by index, as the
//   policy breaks them); greedy by its closed form x_i = min(c_i, (B − Σ_{j<i} c_j)₊)
//   (proofs/common/closed_forms), written independently of adl::ref::greedy_one_step.
// Assumptions and bounds: k_1 ≥ … ≥ k_n ≥ 0, c ≥ 0, 0 ≤ B ≤ Σ c, x′ ∈ P; conclusion
//   Σ x′·k ≤ Σ x^G·k, and (k strictly decreasing ∧ Σ x′·k ≥ Σ x^G·k) ⇒ x′ = x^G.
//   Every n from 1 to the bound (default 4, the spec's NRA bound for free keys).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: accounts with w_i = 0 (never seized, a constant term of δ); how ρ is obtained.
// Replay: the witness becomes a book (w_i = c_i, or 1 with β_i = 0 when c_i = 0; e_i = 1;
//   ρ_i = k_i·w_i so that the key is k_i); adl::ref::greedy_one_step must seize the closed-form
//   x^G exactly, and the witness x′ must not beat it (objective recomputed in Rationals).
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto k = reals(ctx, "k", n);
  const auto c = reals(ctx, "c", n);
  const auto alt = reals(ctx, "x_alt", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(k[i] >= 0);
    if (i + 1 < n) assumptions.push_back(k[i] >= k[i + 1]);
    assumptions.push_back(c[i] >= 0);
    assumptions.push_back(alt[i] >= 0 && alt[i] <= c[i]);
  }
  assumptions.push_back(B >= 0 && B <= sum(ctx, c));
  assumptions.push_back(sum(ctx, alt) == B);
  const auto greedy = closed_forms::queue_closed_form(ctx, c, B);
  z3::expr value_greedy = ctx.real_val(0);
  z3::expr value_alt = ctx.real_val(0);
  z3::expr distinct_keys = ctx.bool_val(true);
  z3::expr same = ctx.bool_val(true);
  for (unsigned i = 0; i < n; ++i) {
    value_greedy = value_greedy + greedy[i] * k[i];
    value_alt = value_alt + alt[i] * k[i];
    if (i + 1 < n) distinct_keys = distinct_keys && k[i] > k[i + 1];
    same = same && alt[i] == greedy[i];
  }
  const z3::expr conclusion = value_alt <= value_greedy &&
                              z3::implies(distinct_keys && value_alt >= value_greedy, same);
  // A witness worth replaying: B ＞ 0, positive capacities, distinct keys and x′ ≠ x^G.
  std::vector<z3::expr> preferences{B > 0 && B < sum(ctx, c), distinct_keys && !same};
  for (unsigned i = 0; i < n; ++i) preferences.push_back(c[i] > 0);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"k", k}, {"c", c}, {"x^G", greedy}, {"x′", alt}}, {{"B", B}}};
  q.replay = [k, c, alt, greedy, B, n](const z3::model& m) {
    // The witness through adl::ref::greedy_one_step.
    const auto kv = rationals_of(m, k, "k");
    const auto cv = rationals_of(m, c, "c");
    const auto xv = rationals_of(m, alt, "x_alt");
    const auto gv = rationals_of(m, greedy, "x_greedy");
    const ref::Rational budget = rational_of(m, B, "B");
    std::vector<ref::Rational> wv, ev, beta, rho;
    for (unsigned i = 0; i < n; ++i) {
      wv.push_back(cv[i] > 0 ? cv[i] : ref::Rational(1));
      beta.push_back(cv[i] > 0 ? ref::Rational(1) : ref::Rational(0));
      ev.push_back(1);
      rho.push_back(kv[i] * wv.back());
    }
    const ref::Allocation a = ref::greedy_one_step(wv, ev, beta, rho, budget);
    ref::Rational value_ref = 0;
    ref::Rational value_x = 0;
    for (unsigned i = 0; i < n; ++i) {
      value_ref += a.seized[i] * kv[i];
      value_x += xv[i] * kv[i];
    }
    if (a.seized != gv || value_x > value_ref) {
      return runner::mismatch("adl::ref::greedy_one_step seizes " + books::show(a.seized) + ", closed form " +
                              books::show(gv) + "; objective " + ref::to_fraction(value_ref) + " vs x′ " +
                              ref::to_fraction(value_x));
    }
    return runner::reproduced("adl::ref::greedy_one_step seizes " + books::show(a.seized) +
                              " = the closed form on the n = " + std::to_string(n) + " instance B = " +
                              ref::to_fraction(budget) + ", k = " + books::show(kv) + ", c = " + books::show(cv) +
                              "; Σ x·k = " + ref::to_fraction(value_ref) + " ≥ Σ x′·k = " + ref::to_fraction(value_x));
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-GREEDY-ONESTEP", "greedy by e·ρ/w minimises the one-step deficit δ", Verdict::Proved, 4, query));

}  // namespace
}  // namespace adl::proofs
