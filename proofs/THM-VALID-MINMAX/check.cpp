// Statement (@spec THM-VALID-MINMAX): for 0 ≤ B ≤ C(β), POL-MINMAX-CONT returns x with
//   Σ x_i = B, 0 ≤ x_i ≤ β_i·w_i, x_i = 0 when w_i = 0, every burden x_i/e_i ∈ [0, 1], and (if
//   B ＞ 0) maximum burden = M. For B ＞ C(β) no M exists.
// Encoding: QF_NRA (M·e_i, β_i·w_i). Variables: cash c_i ≥ 0, endowments w_i ≥ 0 (PnL winners;
//   losers are never seized and their burden is not taken), equity e_i = c_i + w_i, caps
//   β_i ∈ [0, 1] (β_i = 0 when w_i = 0, DEF-CAPS), the level M ≥ 0 with
//   x_i = min(M·e_i, β_i·w_i) on w_i ＞ 0 (proofs/common/closed_forms), Σ x_i = B, and M the
//   smallest such level (M = 0 or some eligible account is not capped at M). Burdens are
//   multiplied out: b_i ≤ M ⇔ x_i ≤ M·e_i (e_i ＞ 0); "max burden = M" is every x_i ≤ M·e_i
//   and some x_i = M·e_i.
// Assumptions and bounds: as above; n from 1 to the bound (default 5).
// Expected: PROVED (negations unsat; assumptions satisfiable).
// Not modelled: floors (β is free in [0, 1]; DEF-CAPS maps floors to β, THM-VALID-CAPPED).
// Replay: adl::ref::min_max_burden on the witness returns the encoded x, adl::ref::evaluate
//   reports max burden M, and check_allocation with caps finds it valid; on the B ＞ C(β)
//   witness it throws Infeasible.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

runner::SizedQuery level_form(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const MinMaxBook b = minmax_book(ctx, n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr M = ctx.real_const("M");
  std::vector<z3::expr> assumptions = b.assumptions;
  assumptions.push_back(B >= 0 && B <= capped_capacity(ctx, b.w, b.beta));
  assumptions.push_back(M >= 0);
  const auto x = minmax_level_form(b.w, b.equity, b.beta, M);
  assumptions.push_back(sum(ctx, x) == B);
  assumptions.push_back(minmax_level_is_smallest(ctx, b.w, b.equity, b.beta, M));
  z3::expr conclusion = sum(ctx, x) == B;
  z3::expr attained = ctx.bool_val(false);
  for (unsigned i = 0; i < n; ++i) {
    conclusion = conclusion && x[i] >= 0 && x[i] <= b.beta[i] * b.w[i] && z3::implies(b.w[i] == 0, x[i] == 0);
    conclusion = conclusion && z3::implies(b.equity[i] > 0, x[i] >= 0 && x[i] <= b.equity[i]);
    conclusion = conclusion && z3::implies(B > 0 && b.equity[i] > 0, x[i] <= M * b.equity[i]);
    attained = attained || (b.equity[i] > 0 && x[i] == M * b.equity[i]);
  }
  conclusion = conclusion && z3::implies(B > 0, attained);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  q.witness = {{{"c", b.cash}, {"w", b.w}, {"β", b.beta}, {"x", x}}, {{"B", B}, {"M", M}}};
  q.counterexample = {q.witness.columns, q.witness.scalars, "level form violates validity"};
  q.replay = [b, x, B, M, n](const z3::model& m) {
    const auto cv = rationals_of(m, b.cash, "c");
    const auto wv = rationals_of(m, b.w, "w");
    const auto bv = rationals_of(m, b.beta, "beta");
    const auto ev = rationals_of(m, b.equity, "e");
    const auto xv = rationals_of(m, x, "x");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Rational level = rational_of(m, M, "M");
    const ref::Allocation a = ref::min_max_burden(wv, ev, bv, budget);
    std::vector<std::optional<ref::Rational>> caps(bv.begin(), bv.end());
    const ref::Book rb = replay_book(cv, wv, caps, {}, budget);
    const auto report = check_on_book(rb, a.seized, a.haircut, budget, true);
    ref::Allocation padded = a;
    padded.seized.push_back(0);
    padded.haircut.push_back(0);
    padded.budget = budget;
    padded.severity = budget > 0 ? 1 : 0;
    const ref::RoundMetrics metrics = ref::evaluate(rb, ref::summarize(rb), padded);
    if (a.seized != xv || !report.valid() || (budget > 0 && metrics.max_burden != level)) {
      return runner::mismatch("adl::ref::min_max_burden gives x = " + show(a.seized) + " (" + describe(report) +
                              ", max burden " + ref::to_fraction(metrics.max_burden) +
                              "); the level form x = " + show(xv) + ", M = " + ref::to_fraction(level));
    }
    return runner::reproduced("adl::ref::min_max_burden returns x = " + show(xv) +
                              " with max burden M = " + ref::to_fraction(level) + " on the n = " + std::to_string(n) +
                              " witness (B = " + ref::to_fraction(budget) + "), valid with caps by check_allocation");
  };
  return q;
}

runner::SizedQuery over_capacity(z3::context& ctx, const runner::Size& size) {
  const MinMaxBook b = minmax_book(ctx, size.n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr M = ctx.real_const("M");
  std::vector<z3::expr> assumptions = b.assumptions;
  assumptions.push_back(B > capped_capacity(ctx, b.w, b.beta));
  assumptions.push_back(M >= 0);
  const auto x = minmax_level_form(b.w, b.equity, b.beta, M);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = sum(ctx, x) != B, .show_witness = false};
  q.replay = [b, B](const z3::model& m) {
    const auto wv = rationals_of(m, b.w, "w");
    const auto bv = rationals_of(m, b.beta, "beta");
    const auto ev = rationals_of(m, b.equity, "e");
    const ref::Rational budget = rational_of(m, B, "B");
    if (!throws_infeasible([&] { (void)ref::min_max_burden(wv, ev, bv, budget); })) {
      return runner::mismatch("adl::ref::min_max_burden accepted B = " + ref::to_fraction(budget) + " > C(β)");
    }
    return runner::reproduced(
        "B > C(β) has no level and adl::ref::min_max_burden throws Infeasible (B = " + ref::to_fraction(budget) + ")");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 5);
  const auto sizes = runner::sizes(1, max_n);
  return runner::check_parts(
      options, "THM-VALID-MINMAX",
      {{.sizes = sizes, .query = level_form},
       {.sizes = sizes, .query = over_capacity, .tag = ".infeasible", .qualifier = " (B > C(β))"}},
      Verdict::Proved, "n ≤ " + std::to_string(max_n));
}

const bool registered = register_claim({"THM-VALID-MINMAX",
                                        "min–max burden is valid, respects caps, burdens in [0, 1], max burden = M",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
