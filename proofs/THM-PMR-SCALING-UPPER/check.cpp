// Statement (@spec THM-PMR-SCALING-UPPER): closest finite lemma of THM-PMR-SCALING: for every
//   valid π with θ·Δ ＞ 0, PMR(π) = υ^π/(θ·Δ) ≤ υ_T/(θ·Δ).
// Encoding: QF_NRA. Variables w_1..w_n (sorted decreasingly w.l.o.g., so υ_T = w_1), x, D, Δ, θ, B = θ·D, PMR with
//   PMR·θ·Δ = υ^π = maxᵢ (w_i − x_i)₊, and u with u·θ·Δ = υ_T = w_1.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ＜ Δ ≤ D, 0 ＜ θ ≤ 1, B = θ·D ≤ Σ w, x ∈ P(w, B); n from 1 to
//   the bound (default 5: n = 6 takes about 2 s, --max-n 6 checks it).
// Expected: PROVED.
// Not modelled: the asymptotic scaling itself (not machine-checked); losers individually.
// Replay: on the witness, a wealth book (winners w, losers of total D and maximum Δ);
//   adl::ref::check_allocation accepts x and adl::ref::evaluate gives PMR ≤ υ_T/(θ·Δ).
#include "catalog.hpp"
#include "group_b_top.hpp"

#include "adl/ref/metrics.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 5 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto x = reals(ctx, "x", n);
    const z3::expr D = ctx.real_const("D");
    const z3::expr Delta = ctx.real_const("Delta");
    const z3::expr theta = ctx.real_const("theta");
    const z3::expr B = ctx.real_const("B");
    const z3::expr pmr = ctx.real_const("PMR");
    const z3::expr u = ctx.real_const("u");
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);  // relabel: υ_T = w_1
    assumptions.push_back(Delta > 0);
    assumptions.push_back(Delta <= D);
    assumptions.push_back(theta > 0);
    assumptions.push_back(theta <= 1);
    assumptions.push_back(B == theta * D);
    assumptions.push_back(B <= sum(ctx, w));
    for (const auto& c : group_b::in_polytope(ctx, w, x, B)) assumptions.push_back(c);
    std::vector<z3::expr> s;
    for (unsigned i = 0; i < n; ++i) s.push_back(positive_part(w[i] - x[i]));
    assumptions.push_back(pmr * (theta * Delta) == max_of(s));
    assumptions.push_back(u * (theta * Delta) == w[0]);
    const Validity v = prove_valid(ctx, assumptions, pmr <= u, options, "THM-PMR-SCALING-UPPER.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) {
      result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"D", D}, {"Δ", Delta}, {"θ", theta}}, "assumptions hold");
    }
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"D", D}, {"Δ", Delta}, {"θ", theta}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    auto xv = group_b::rationals_of(*v.witness, x, "x");
    const ref::Rational d = rational_of(*v.witness, D, "D");
    const ref::Rational delta = rational_of(*v.witness, Delta, "Δ");
    const ref::Rational th = rational_of(*v.witness, theta, "θ");
    const ref::Book book = group_b::winners_and_losers(wv, group_b::deficits_for(d, delta));
    const ref::BookState state = ref::summarize(book);
    xv.resize(book.accounts.size(), 0);
    const auto allocation = group_b::allocation_of(state.endowment, xv, th, th * d);
    const auto metrics = ref::evaluate(book, state, allocation);
    const ref::Rational bound = state.max_endowment / (th * state.max_shortfall);
    if (!ref::check_allocation(book, state, allocation, false).valid() || !metrics.pmr || *metrics.pmr > bound) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref rejects the witness or its PMR exceeds υ_T/(θ·Δ)";
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness book w = " + group_b::show(wv) + ", D = " + ref::to_fraction(d) +
                    ", Δ = " + ref::to_fraction(delta) + ", θ = " + ref::to_fraction(th) +
                    ": adl::ref::check_allocation accepts x, adl::ref::evaluate gives PMR " +
                    ref::to_fraction(*metrics.pmr) + " ≤ υ_T/(θ·Δ) = " + ref::to_fraction(bound);
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-PMR-SCALING-UPPER", "PMR ≤ υ_T/(θ·Δ) for every valid policy",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
