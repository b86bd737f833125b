// Statement (@spec COR-PTSR-PMR-MIN-OWN): with the top account's own survivor s_i₁ in the
//   numerator, the largest-first queue minimises both ratios: s^LF_i₁/(θ·D) ≤ s^x_i₁/(θ·D) and
//   s^LF_i₁/(θ·Δ) ≤ s^x_i₁/(θ·Δ) for every x ∈ P(w, θ·D).
// Encoding: QF_NRA. Variables w_1..w_n, x_1..x_n, D, Δ, θ, H and the four ratios r with
//   r·denominator = numerator. w sorted decreasingly w.l.o.g. (i₁ = 1); LF by the queue closed form.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ＜ Δ ≤ D, 0 ＜ θ ≤ 1, H = θ·D ≤ Σ w, x ∈ P(w, H);
//   n from 1 to the bound (default 4).
// Expected: PROVED.
// Not modelled: the losers individually (only D and Δ enter the ratios).
// Replay: on the witness, a wealth book with losers of total D and maximum Δ; adl::ref::run_policy
//   (largest-first queue at severity θ) and adl::ref::evaluate give the own survivor of the top
//   account; the own-survivor ratios must equal the model's and not exceed those of the witness x.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  books::Severity s = books::severity_model(ctx, size.n, {.sorted = true, .allocation = true, .max_shortfall = true});
  const closed_forms::TopRatios r = closed_forms::top_ratios(ctx, s, closed_forms::queue_closed_form(ctx, s.w, s.H),
                                                             true);
  runner::SizedQuery q{.assumptions = r.assumptions, .conclusion = r.conclusion};
  q.witness = {{{"w", s.w}, {"x", s.x}}, {{"D", s.D}, {"Δ", *s.Delta}, {"θ", s.theta}}};
  q.counterexample = {{{"w", s.w}, {"x", s.x}, {"x_LF", r.lf}}, {{"D", s.D}, {"Δ", *s.Delta}, {"θ", s.theta}}};
  const unsigned n = size.n;
  q.replay = [s, r, n](const z3::model& m) {
    const books::SeverityBook b = books::severity_book(m, s);
    const auto m_lf = books::largest_first_metrics(b);
    const auto m_x = ref::evaluate(b.book, b.state, books::allocation_on(b));
    const ref::Rational ptsr_ref = m_lf.survivor[0] / m_lf.socialized;
    const ref::Rational pmr_ref = m_lf.survivor[0] / (b.theta * b.state.max_shortfall);
    const ref::Rational ptsr_witness = m_x.survivor[0] / m_x.socialized;
    if (ptsr_ref != rational_of(m, r.ptsr_lf, "PTSR_LF") || pmr_ref != rational_of(m, r.pmr_lf, "PMR_LF") ||
        ptsr_witness < ptsr_ref) {
      return runner::mismatch("adl::ref own-survivor PTSR " + ref::to_fraction(ptsr_ref) + ", PMR " +
                              ref::to_fraction(pmr_ref) + " differ from the model or exceed the witness's " +
                              ref::to_fraction(ptsr_witness));
    }
    return runner::reproduced(
        "n = " + std::to_string(n) + " witness book w = " + books::show(b.w) + ", D = " + ref::to_fraction(b.D) +
        ", Δ = " + ref::to_fraction(b.Delta) + ", θ = " + ref::to_fraction(b.theta) +
        ": adl::ref::run_policy (largest-first queue) + evaluate give own-survivor PTSR " + ref::to_fraction(ptsr_ref) +
        ", PMR " + ref::to_fraction(pmr_ref) + " (= model), witness x PTSR " + ref::to_fraction(ptsr_witness));
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "COR-PTSR-PMR-MIN-OWN", "largest-first minimises PTSR and PMR (own survivor)", Verdict::Proved, 4, query));

}  // namespace
}  // namespace adl::proofs
