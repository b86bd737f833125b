// Statement (@spec THM-QUEUE-VAR-ES-ATTAIN-OWN): with the largest-first queue in every scenario,
//   the top account's own survivor equals (ω_T − h)₊ in every scenario, so its VaR_α and ES_α equal
//   the bounds of THM-QUEUE-VAR-ES-BOUND.
// Encoding: QF_NRA, the scenario model of proofs/common/closed_forms (free probabilities and α,
//   books sorted decreasingly w.l.o.g., LF by the queue closed form, VaR/ES as ite terms).
// Assumptions and bounds: p_k ＞ 0, Σ p = 1, α ∈ (0, 1), 0 ≤ h ≤ U_k; n ≤ 3 accounts and K ≤ 3
//   scenarios by default (--max-n N raises n to N and K to min(N, 5)).
// Expected: PROVED.
// Not modelled: continuous distributions (finite atoms only).
// Replay: on the last witness, adl::ref::queue (largest first) runs in every scenario; the own
//   survivor, its VaR and ES (exact Rationals computed in the check: adl::ref has no VaR/ES of a
//   distribution yet) must equal those of (ω_T − h)₊.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto m = closed_forms::tail_model(ctx, size.k, size.n);
  const z3::expr& a = m.alpha;
  z3::expr conclusion = ctx.bool_val(true);
  for (unsigned k = 0; k < size.k; ++k) conclusion = conclusion && m.own_lf[k] == m.floor[k];
  conclusion = conclusion &&
               closed_forms::lower_var(ctx, m.own_lf, m.p, a) == closed_forms::lower_var(ctx, m.floor, m.p, a) &&
               closed_forms::tail_integral(ctx, m.own_lf, m.p, a) == closed_forms::tail_integral(ctx, m.floor, m.p, a);
  runner::SizedQuery q{.assumptions = m.assumptions, .conclusion = conclusion};
  q.witness = {{{"p", m.p}, {"ω_T", m.omega}, {"own survivor LF", m.own_lf}}, {{"h", m.h}, {"α", a}}};
  q.replay = [m, size](const z3::model& model) {
    const closed_forms::TailValues v = closed_forms::tail_values(model, m);
    std::vector<ref::Rational> own_lf;
    for (const auto& w : v.w) own_lf.push_back(w[0] - books::largest_first(w, v.h).seized[0]);
    if (own_lf != v.floor ||
        closed_forms::lower_var(own_lf, v.p, v.alpha) != closed_forms::lower_var(v.floor, v.p, v.alpha) ||
        closed_forms::expected_shortfall(own_lf, v.p, v.alpha) !=
            closed_forms::expected_shortfall(v.floor, v.p, v.alpha)) {
      return runner::mismatch("adl::ref::queue (largest first) leaves own survivors " + books::show(own_lf) +
                              ", bound " + books::show(v.floor));
    }
    return runner::reproduced(
        "K = " + std::to_string(size.k) + ", n = " + std::to_string(size.n) +
        " witness (α = " + ref::to_fraction(v.alpha) + ", h = " + ref::to_fraction(v.h) +
        "): adl::ref::queue (largest first) leaves own survivors " + books::show(own_lf) + " = (ω_T − h)₊; exact VaR " +
        ref::to_fraction(closed_forms::lower_var(own_lf, v.p, v.alpha)) + ", ES " +
        ref::to_fraction(closed_forms::expected_shortfall(own_lf, v.p, v.alpha)) + " equal the bounds");
  };
  return q;
}

const bool registered = register_claim(runner::sized(
    "THM-QUEUE-VAR-ES-ATTAIN-OWN", "largest-first attains the VaR/ES bounds (own survivor)", Verdict::Proved,
    [](const Options& options) { return closed_forms::tail_grid(options, 3, 3); }, query));

}  // namespace
}  // namespace adl::proofs
