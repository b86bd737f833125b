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
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  // w sorted decreasingly (relabel): υ_T = w_1.
  books::Severity s = books::severity_model(ctx, size.n,
                                            {.sorted = true, .allocation = true, .max_shortfall = true, .budget = "B"});
  const z3::expr pmr = ctx.real_const("PMR");
  const z3::expr u = ctx.real_const("u");
  std::vector<z3::expr> survivor;
  for (unsigned i = 0; i < size.n; ++i) survivor.push_back(positive_part(s.w[i] - s.x[i]));
  s.assumptions.push_back(pmr * (s.theta * *s.Delta) == max_of(survivor));
  s.assumptions.push_back(u * (s.theta * *s.Delta) == s.w[0]);
  runner::SizedQuery q{.assumptions = s.assumptions, .conclusion = pmr <= u};
  q.witness = {{{"w", s.w}, {"x", s.x}}, {{"D", s.D}, {"Δ", *s.Delta}, {"θ", s.theta}}};
  q.replay = [s, n = size.n](const z3::model& m) {
    const books::SeverityBook b = books::severity_book(m, s);
    const ref::Allocation allocation = books::allocation_on(b);
    const auto metrics = ref::evaluate(b.book, b.state, allocation);
    const ref::Rational bound = b.state.max_endowment / (b.theta * b.state.max_shortfall);
    if (!ref::check_allocation(b.book, b.state, allocation, false).valid() || !metrics.pmr || *metrics.pmr > bound) {
      return runner::mismatch("adl::ref rejects the witness or its PMR exceeds υ_T/(θ·Δ)");
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness book w = " + books::show(b.w) +
                              ", D = " + ref::to_fraction(b.D) + ", Δ = " + ref::to_fraction(b.Delta) +
                              ", θ = " + ref::to_fraction(b.theta) +
                              ": adl::ref::check_allocation accepts x, adl::ref::evaluate gives PMR " +
                              ref::to_fraction(*metrics.pmr) + " ≤ υ_T/(θ·Δ) = " + ref::to_fraction(bound));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-PMR-SCALING-UPPER", "PMR ≤ υ_T/(θ·Δ) for every valid policy", Verdict::Proved, 5, query));

}  // namespace
}  // namespace adl::proofs
