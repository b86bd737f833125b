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
    const z3::expr top_lf = max_of(group_b::survivors(w, lf));
    const z3::expr top_x = max_of(group_b::survivors(w, x));
    assumptions.push_back(ptsr_lf * H == top_lf);
    assumptions.push_back(ptsr_x * H == top_x);
    assumptions.push_back(pmr_lf * (theta * Delta) == top_lf);
    assumptions.push_back(pmr_x * (theta * Delta) == top_x);
    const z3::expr conclusion = ptsr_lf <= ptsr_x && pmr_lf <= pmr_x;
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {10, 9});
      for (const auto& p : group_b::pin(ctx, x, {3, 2})) preferred.push_back(p);
      preferred.push_back(D == 10);
      preferred.push_back(Delta == 10);
      preferred.push_back(theta == real_val(ctx, ref::Rational(1, 2)));
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, conclusion, preferred, options,
                                                       "COR-PTSR-PMR-MIN-MAX.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) {
      result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"D", D}, {"Δ", Delta}, {"θ", theta}}, "assumptions hold");
    }
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = instance_of(m, {{"w", w}, {"x", x}, {"x_LF", lf}},
                                        {{"D", D}, {"Δ", Delta}, {"θ", theta}, {"PTSR(LF)", ptsr_lf},
                                         {"PTSR(x)", ptsr_x}, {"PMR(LF)", pmr_lf}, {"PMR(x)", pmr_x}},
                                        "x has smaller PTSR or PMR than largest-first");
    const auto wv = group_b::rationals_of(m, w, "w");
    auto xv = group_b::rationals_of(m, x, "x");
    const ref::Rational d = rational_of(m, D, "D");
    const ref::Rational delta = rational_of(m, Delta, "Δ");
    const ref::Rational th = rational_of(m, theta, "θ");
    const ref::Book book = group_b::winners_and_losers(wv, group_b::deficits_for(d, delta));
    const ref::BookState state = ref::summarize(book);
    const ref::Budget budget{th, th * d, false};
    ref::PolicyOptions lf_options;
    lf_options.kind = ref::PolicyKind::Queue;
    lf_options.score = ref::ScoreRule::LargestFirst;
    ref::PolicyOptions pr_options;
    pr_options.kind = ref::PolicyKind::ProRata;
    const auto m_lf = ref::evaluate(book, state, ref::run_policy(book, state, lf_options, budget));
    const auto m_pr = ref::evaluate(book, state, ref::run_policy(book, state, pr_options, budget));
    xv.resize(book.accounts.size(), 0);
    const auto m_x = ref::evaluate(book, state, group_b::allocation_of(state.endowment, xv, th, th * d));
    if (!m_lf.ptsr || !m_x.ptsr || !m_lf.pmr || !m_x.pmr || !(*m_x.ptsr < *m_lf.ptsr || *m_x.pmr < *m_lf.pmr)) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::evaluate does not show x below largest-first";
      return result;
    }
    result.replay = "book w = " + group_b::show(wv) + ", D = " + ref::to_fraction(d) + ", Δ = " + ref::to_fraction(delta) +
                    ", θ = " + ref::to_fraction(th) + ": adl::ref::evaluate gives PTSR/PMR = " +
                    ref::to_fraction(*m_lf.ptsr) + ", " + ref::to_fraction(*m_lf.pmr) + " (PTSR, PMR) for the largest-first queue, " +
                    ref::to_fraction(*m_pr.ptsr) + ", " + ref::to_fraction(*m_pr.pmr) + " for pro-rata, " +
                    ref::to_fraction(*m_x.ptsr) + ", " + ref::to_fraction(*m_x.pmr) + " for x = " +
                    group_b::show(group_b::rationals_of(m, x, "x"));
    return result;
  }
  return result;
}

const bool registered = register_claim({"COR-PTSR-PMR-MIN-MAX",
                                        "largest-first minimises PTSR and PMR (maximum survivor)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
