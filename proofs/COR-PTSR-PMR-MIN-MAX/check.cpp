// Statement (@spec COR-PTSR-PMR-MIN-MAX): at fixed severity the largest-first queue minimises
//   PTSR = υ/(θ·D) and PMR = υ/(θ·Δ) with υ = the maximum survivor: PTSR(LF) ≤ PTSR(x) and
//   PMR(LF) ≤ PMR(x) for every x ∈ P(w, θ·D).
// Encoding: QF_NRA. Variables w_1..w_n, x_1..x_n, D, Δ, θ, H and the four ratios r with
//   r·denominator = numerator (ratios multiplied out). w sorted decreasingly w.l.o.g.; LF by the
//   queue closed form; υ = maxᵢ s_i by ite.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ＜ Δ ≤ D, 0 ＜ θ ≤ 1, H = θ·D ≤ Σ w, x ∈ P(w, H);
//   n from 1 up to the bound (default 4), stopping at the first counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), D = Δ = 10, θ = 1/2, x = water-filling (3, 2)) and that model is reported.
// Not modelled: the losers individually (only D and Δ enter the ratios).
// Replay: a wealth book with the winners w and losers of total D and maximum Δ; adl::ref::run_policy
//   (largest-first queue and pro-rata at severity θ) and adl::ref::evaluate give PTSR and PMR;
//   the counterexample x is evaluated the same way and has strictly smaller ratios.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  books::Severity s = books::severity_model(ctx, size.n, {.sorted = true, .allocation = true, .max_shortfall = true});
  const z3::expr& Delta = *s.Delta;
  const closed_forms::TopRatios r = closed_forms::top_ratios(ctx, s, closed_forms::queue_closed_form(ctx, s.w, s.H),
                                                             false);
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, s.w, {10, 9});
    for (const auto& p : pin(ctx, s.x, {3, 2})) pinned.push_back(p);
    pinned.push_back(s.D == 10);
    pinned.push_back(Delta == 10);
    pinned.push_back(s.theta == real_val(ctx, ref::Rational(1, 2)));
  }
  runner::SizedQuery q{.assumptions = r.assumptions, .conclusion = r.conclusion, .pinned = pinned};
  q.witness = {{{"w", s.w}, {"x", s.x}}, {{"D", s.D}, {"Δ", Delta}, {"θ", s.theta}}};
  q.counterexample = {{{"w", s.w}, {"x", s.x}, {"x_LF", r.lf}},
                      {{"D", s.D},
                       {"Δ", Delta},
                       {"θ", s.theta},
                       {"PTSR(LF)", r.ptsr_lf},
                       {"PTSR(x)", r.ptsr_x},
                       {"PMR(LF)", r.pmr_lf},
                       {"PMR(x)", r.pmr_x}},
                      "x has smaller PTSR or PMR than largest-first"};
  q.replay = [s](const z3::model& m) {
    const books::SeverityBook b = books::severity_book(m, s);
    const auto m_lf = books::largest_first_metrics(b);
    const auto m_pr = books::pro_rata_metrics(b);
    const auto m_x = ref::evaluate(b.book, b.state, books::allocation_on(b));
    if (!m_lf.ptsr || !m_x.ptsr || !m_lf.pmr || !m_x.pmr || !(*m_x.ptsr < *m_lf.ptsr || *m_x.pmr < *m_lf.pmr)) {
      return runner::mismatch("adl::ref::evaluate does not show x below largest-first");
    }
    return runner::reproduced(
        "book w = " + books::show(b.w) + ", D = " + ref::to_fraction(b.D) + ", Δ = " + ref::to_fraction(b.Delta) +
        ", θ = " + ref::to_fraction(b.theta) + ": adl::ref::evaluate gives PTSR/PMR = " + ref::to_fraction(*m_lf.ptsr) +
        ", " + ref::to_fraction(*m_lf.pmr) + " (PTSR, PMR) for the largest-first queue, " +
        ref::to_fraction(*m_pr.ptsr) + ", " + ref::to_fraction(*m_pr.pmr) + " for pro-rata, " +
        ref::to_fraction(*m_x.ptsr) + ", " + ref::to_fraction(*m_x.pmr) + " for x = " + books::show(b.x));
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "COR-PTSR-PMR-MIN-MAX", "largest-first minimises PTSR and PMR (maximum survivor)", Verdict::Refuted, 4, query));

}  // namespace
}  // namespace adl::proofs
