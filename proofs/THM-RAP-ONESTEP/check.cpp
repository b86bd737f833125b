// Statement (@spec THM-RAP-ONESTEP): (paper) with budget b, caps H_i ∈ [0, 1] and
//   δ(h) = Σ (1 − h_i)·e_i·ρ_i, RAP with risk weights w̃ = ρ minimises δ over
//   {Σ w_i·h_i = b, 0 ≤ h ≤ H}.
// Encoding: QF_NRA. Variables w, e, ρ, H, h′ (reals, n each), b and the RAP scale τ.
//   RAP by its closed form (proofs/common/closed_forms, POL-RAP): h_i = min(H_i, τ·ρ_i),
//   τ ≥ 0, Σ w_i·h_i = b — written independently of adl::ref::rap.
// Assumptions and bounds: w, e, ρ ＞ 0, 0 ≤ H ≤ 1, 0 ≤ b ≤ Σ w_i·H_i, h′ feasible
//   (0 ≤ h′ ≤ H, Σ w_i·h′_i = b); conclusion δ(h^RAP) ≤ δ(h′). Every n from 1 to the bound
//   (default 6) until the negation is sat (n = 1 has a single feasible allocation).
// Expected: REFUTED — δ is linear in h, so the optimum is greedy by e_i·ρ_i/w_i
//   (POL-GREEDY-ONESTEP), not RAP; reference counterexample ρ = (2, 1), e = w = (1, 1), b = 1.
// Not modelled: ρ_i = λ_i·ψ_i(1/λ_i) is not derived from shock laws: ρ_i ＞ 0 is free (every
//   positive value is some account's perspective); "best among water-filling rules" (AMB-T-07).
// Replay: adl::ref::rap on the counterexample book must return the model's h^RAP; δ is then
//   recomputed in exact Rationals for RAP, for the model's h′ and for adl::ref::greedy_one_step,
//   and h′ (and greedy) must lower δ strictly more than RAP.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

ref::Rational reduction(const std::vector<ref::Rational>& h, const std::vector<ref::Rational>& e,
                        const std::vector<ref::Rational>& rho) {
  ref::Rational total = 0;  // δ(0) − δ(h) = Σ h_i·e_i·ρ_i
  for (std::size_t i = 0; i < h.size(); ++i) total += h[i] * e[i] * rho[i];
  return total;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const books::RiskAccounts a = books::risk_accounts(ctx, n);
  const auto& [w, e, rho] = a;
  const auto caps = reals(ctx, "H", n);
  const auto alt = reals(ctx, "h_alt", n);
  const z3::expr b = ctx.real_const("b");
  std::vector<z3::expr> assumptions;
  z3::expr capacity = ctx.real_val(0);
  z3::expr alt_seized = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    for (const auto& p : a.positive(i)) assumptions.push_back(p);
    assumptions.push_back(caps[i] >= 0 && caps[i] <= 1);
    assumptions.push_back(alt[i] >= 0 && alt[i] <= caps[i]);
    capacity = capacity + w[i] * caps[i];
    alt_seized = alt_seized + w[i] * alt[i];
  }
  assumptions.push_back(b >= 0 && b <= capacity);
  assumptions.push_back(alt_seized == b);
  const auto rap = closed_forms::rap_closed_form(ctx, "rap", w, caps, rho, b);
  for (const auto& c : rap.constraints) assumptions.push_back(c);
  z3::expr delta_rap = ctx.real_val(0);
  z3::expr delta_alt = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    delta_rap = delta_rap + (1 - rap.h[i]) * e[i] * rho[i];
    delta_alt = delta_alt + (1 - alt[i]) * e[i] * rho[i];
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = delta_rap <= delta_alt};
  q.witness = {{{"w", w}, {"e", e}, {"ρ", rho}, {"H", caps}, {"h^RAP", rap.h}, {"h′", alt}},
               {{"b", b}, {"τ", rap.level}}};
  q.counterexample = q.witness;
  q.counterexample->note = "h′ lowers δ more than RAP";
  q.replay = [a, caps, alt, b, rap_h = rap.h](const z3::model& m) {
    // Replay through adl::ref.
    const auto [wv, ev, rv] = books::risk_values(m, a);
    const auto hv = rationals_of(m, caps, "H");
    const auto alt_v = rationals_of(m, alt, "h_alt");
    const auto model_rap = rationals_of(m, rap_h, "h_rap");
    const ref::Rational budget = rational_of(m, b, "b");
    const ref::Allocation by_rap = ref::rap(wv, hv, rv, budget);
    if (by_rap.haircut != model_rap) {
      return runner::mismatch("adl::ref::rap gives h = " + books::show(by_rap.haircut) + ", the closed form " +
                              books::show(model_rap));
    }
    const ref::Allocation by_greedy = ref::greedy_one_step(wv, ev, hv, rv, budget);
    const ref::Rational cut_rap = reduction(by_rap.haircut, ev, rv);
    const ref::Rational cut_alt = reduction(alt_v, ev, rv);
    const ref::Rational cut_greedy = reduction(by_greedy.haircut, ev, rv);
    if (!(cut_alt > cut_rap) || cut_greedy < cut_alt) {
      return runner::mismatch("exact replay: RAP lowers δ by " + ref::to_fraction(cut_rap) + ", h′ by " +
                              ref::to_fraction(cut_alt) + ", greedy by " + ref::to_fraction(cut_greedy));
    }
    return runner::reproduced("adl::ref::rap gives h = " + books::show(by_rap.haircut) +
                              " (= closed form), lowering δ by " + ref::to_fraction(cut_rap) +
                              "; h′ = " + books::show(alt_v) + " lowers it by " + ref::to_fraction(cut_alt) +
                              "; adl::ref::greedy_one_step gives h = " + books::show(by_greedy.haircut) +
                              ", lowering it by " + ref::to_fraction(cut_greedy) + " (exact Rationals)");
  };
  return q;
}

const bool registered = register_claim(runner::sized(
    "THM-RAP-ONESTEP", "RAP(ρ) minimises the one-step deficit δ (paper)", Verdict::Refuted, runner::first_n(6), query));

}  // namespace
}  // namespace adl::proofs
