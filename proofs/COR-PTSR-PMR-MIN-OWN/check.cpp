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
#include "group_b_top.hpp"
#include "queue_encoding.hpp"

#include "adl/ref/metrics.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto x = reals(ctx, "x", n);
    const z3::expr D = ctx.real_const("D");
    const z3::expr Delta = ctx.real_const("Delta");
    const z3::expr theta = ctx.real_const("theta");
    const z3::expr H = ctx.real_const("H");
    const z3::expr ptsr_lf = ctx.real_const("PTSR_LF");
    const z3::expr ptsr_x = ctx.real_const("PTSR_x");
    const z3::expr pmr_lf = ctx.real_const("PMR_LF");
    const z3::expr pmr_x = ctx.real_const("PMR_x");
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(Delta > 0);
    assumptions.push_back(Delta <= D);
    assumptions.push_back(theta > 0);
    assumptions.push_back(theta <= 1);
    assumptions.push_back(H == theta * D);
    assumptions.push_back(H <= sum(ctx, w));
    for (const auto& c : group_b::in_polytope(ctx, w, x, H)) assumptions.push_back(c);
    const auto lf = queue_closed_form(ctx, w, H);
    const z3::expr own_lf = w[0] - lf[0];
    const z3::expr own_x = w[0] - x[0];
    assumptions.push_back(ptsr_lf * H == own_lf);
    assumptions.push_back(ptsr_x * H == own_x);
    assumptions.push_back(pmr_lf * (theta * Delta) == own_lf);
    assumptions.push_back(pmr_x * (theta * Delta) == own_x);
    const z3::expr conclusion = ptsr_lf <= ptsr_x && pmr_lf <= pmr_x;
    const Validity v = prove_valid(ctx, assumptions, conclusion, options, "COR-PTSR-PMR-MIN-OWN.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) {
      result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"D", D}, {"Δ", Delta}, {"θ", theta}}, "assumptions hold");
    }
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}, {"x_LF", lf}},
                                          {{"D", D}, {"Δ", Delta}, {"θ", theta}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const z3::model& m = *v.witness;
    const auto wv = group_b::rationals_of(m, w, "w");
    auto xv = group_b::rationals_of(m, x, "x");
    const ref::Rational d = rational_of(m, D, "D");
    const ref::Rational delta = rational_of(m, Delta, "Δ");
    const ref::Rational th = rational_of(m, theta, "θ");
    const ref::Book book = group_b::winners_and_losers(wv, group_b::deficits_for(d, delta));
    const ref::BookState state = ref::summarize(book);
    ref::PolicyOptions lf_options;
    lf_options.kind = ref::PolicyKind::Queue;
    lf_options.score = ref::ScoreRule::LargestFirst;
    const auto m_lf = ref::evaluate(book, state, ref::run_policy(book, state, lf_options, {th, th * d, false}));
    xv.resize(book.accounts.size(), 0);
    const auto m_x = ref::evaluate(book, state, group_b::allocation_of(state.endowment, xv, th, th * d));
    const ref::Rational ptsr_ref = m_lf.survivor[0] / m_lf.socialized;
    const ref::Rational pmr_ref = m_lf.survivor[0] / (th * state.max_shortfall);
    const ref::Rational ptsr_witness = m_x.survivor[0] / m_x.socialized;
    if (ptsr_ref != rational_of(m, ptsr_lf, "PTSR_LF") || pmr_ref != rational_of(m, pmr_lf, "PMR_LF") ||
        ptsr_witness < ptsr_ref) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref own-survivor PTSR " + ref::to_fraction(ptsr_ref) + ", PMR " + ref::to_fraction(pmr_ref) +
                      " differ from the model or exceed the witness's " + ref::to_fraction(ptsr_witness);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness book w = " + group_b::show(wv) + ", D = " + ref::to_fraction(d) +
                    ", Δ = " + ref::to_fraction(delta) + ", θ = " + ref::to_fraction(th) +
                    ": adl::ref::run_policy (largest-first queue) + evaluate give own-survivor PTSR " +
                    ref::to_fraction(ptsr_ref) + ", PMR " + ref::to_fraction(pmr_ref) + " (= model), witness x PTSR " +
                    ref::to_fraction(ptsr_witness);
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"COR-PTSR-PMR-MIN-OWN",
                                        "largest-first minimises PTSR and PMR (own survivor)", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
