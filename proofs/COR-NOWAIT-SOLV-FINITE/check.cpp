// Statement (@spec COR-NOWAIT-SOLV-FINITE): if IF(τ_def) ＜ δ, the provider's capacity is ≥ D at
//   τ_def, it acts at once (LEM-NO-WAIT: q⋆ = D) and the injection gives IF(τ_def + 1) ≥ δ, then
//   τ_solv = τ_def + 1 (MET-TAU-SOLV: τ_solv = inf{t ≥ τ_def : IF_t ≥ δ}).
// Encoding: QF_LRA. Variables: threshold δ, fund IF₀ = IF(τ_def), deficit D₀ at τ_def, provider
//   capacity C and quantity q, the fund's fee inflow Φ₀ and the injection J. One fund step
//   (DEF-INSURANCE-FUND with the injection): the fund covers min(IF₀, (D₀ − q)₊), the bad debt
//   the provider left, and IF₁ = IF₀ + Φ₀ + J − min(IF₀, (D₀ − q)₊). τ_solv − τ_def =
//   ite(IF₀ ≥ δ, 0, ite(IF₁ ≥ δ, 1, 2)) (2: later or never).
// Assumptions and bounds: δ ＞ 0, IF₀ ≥ 0 with IF₀ ＜ δ (default), D₀ ≥ 0, C ≥ D₀, the provider
//   acts at once with q = D₀ ≤ C, Φ₀ ≥ 0, J ≥ 0, and the injection lifts the fund:
//   IF₀ + Φ₀ + J ≥ δ. One step after τ_def (no instance size).
// Expected: PROVED (negation unsat; assumptions satisfiable). Control: if the provider does not
//   take the whole deficit (q ＜ D₀, e.g. it waits) the negation is sat.
// Not modelled: how δ and the injection are chosen; later steps (τ_solv is fixed by the first
//   step at which IF ≥ δ).
// Replay: on a non-degenerate witness (D₀ ＞ 0, IF₀ ＞ 0, Φ₀ ＞ 0, J ＞ 0, C ＞ D₀)
//   adl::ref::insurance_fund_step(IF₀, D₀ − q, shares α = 1, fees Φ₀) plus J must give the
//   model's IF₁ with residual 0, and τ_solv = τ_def + 1 is recomputed exactly; on the control
//   model the same step gives IF₁ ＜ δ.
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

struct FundStep {
  explicit FundStep(z3::context& ctx)
      : threshold(ctx.real_const("delta")),
        fund(ctx.real_const("IF_0")),
        deficit(ctx.real_const("D_0")),
        capacity(ctx.real_const("C")),
        quantity(ctx.real_const("q")),
        inflow(ctx.real_const("Phi_0")),
        injection(ctx.real_const("J")),
        next_fund(fund + inflow + injection - min2(fund, positive_part(deficit - quantity))) {}
  z3::expr threshold, fund, deficit, capacity, quantity, inflow, injection, next_fund;

  // Model assumptions shared by the claim and the control (everything but q = D₀).
  [[nodiscard]] std::vector<z3::expr> common() const {
    return {threshold > 0,        fund >= 0,
            fund < threshold,     deficit >= 0,
            capacity >= deficit,  quantity >= 0,
            quantity <= capacity, inflow >= 0,
            injection >= 0,       fund + inflow + injection >= threshold};
  }
  [[nodiscard]] z3::expr recovery_steps() const {  // τ_solv − τ_def
    z3::context& ctx = fund.ctx();
    return z3::ite(fund >= threshold, ctx.real_val(0),
                   z3::ite(next_fund >= threshold, ctx.real_val(1), ctx.real_val(2)));
  }
  [[nodiscard]] Scalars scalars() const {
    return {{"δ", threshold},
            {"IF(τ_def)", fund},
            {"D(τ_def)", deficit},
            {"capacity", capacity},
            {"q", quantity},
            {"fees Φ₀", inflow},
            {"injection J", injection},
            {"IF(τ_def + 1)", next_fund},
            {"τ_solv − τ_def", recovery_steps()}};
  }
};

struct Replayed {
  Rational threshold, fund, next_fund, residual;
  unsigned steps = 0;
};

// IF₁ through adl::ref::insurance_fund_step (the injection added after the step).
Replayed replay(const z3::model& m, const FundStep& f) {
  const Rational threshold = rational_of(m, f.threshold, "delta"), fund = rational_of(m, f.fund, "IF_0");
  const Rational left = rational_of(m, f.deficit, "D_0") - rational_of(m, f.quantity, "q");
  const ref::InsuranceStep step = ref::insurance_fund_step(fund, left, {1, 0, 0},
                                                           {rational_of(m, f.inflow, "Phi_0"), 0, 0});
  const Rational next = step.next_fund + rational_of(m, f.injection, "J");
  const unsigned steps = fund >= threshold ? 0u : next >= threshold ? 1u : 2u;
  return {threshold, fund, next, step.residual, steps};
}

// Control: without "acts at once with q⋆ = D" (here q < D₀) the fund pays and may stay below δ.
// It asks about the same instance, in the context of the claim's query.
runner::Replay control(z3::context& ctx, const FundStep& f, const Options& options) {
  auto control = f.common();
  control.push_back(f.quantity < f.deficit);
  control.push_back(f.recovery_steps() != 1);
  const auto model = find_model(ctx, control, options, "COR-NOWAIT-SOLV-FINITE.control");
  if (!model) return runner::mismatch("control: with q ＜ D the negation should be sat; no model found");
  const Replayed c = replay(*model, f);
  if (c.steps == 1 || c.next_fund >= c.threshold) {
    return runner::mismatch("control model recovers in one step in exact Rationals");
  }
  return runner::reproduced("control (provider takes less than D): the fund pays the rest and IF(τ_def + 1) = " +
                            ref::to_fraction(c.next_fund) + " ＜ δ = " + ref::to_fraction(c.threshold));
}

runner::SizedQuery query(z3::context& ctx, const Options& options) {
  const FundStep f(ctx);
  auto assumptions = f.common();
  assumptions.push_back(f.quantity == f.deficit);
  const std::vector<z3::expr> preferences{f.deficit > 0, f.fund > 0, f.inflow > 0, f.injection > 0,
                                          f.capacity > f.deficit};
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, f.recovery_steps() == 1, preferences, {},
                                                      f.scalars());
  q.replay = [&ctx, &options, f](const z3::model& m) {
    const Replayed w = replay(m, f);
    if (w.next_fund != rational_of(m, f.next_fund, "IF_1") || w.residual != 0 || w.steps != 1) {
      return runner::mismatch("adl::ref::insurance_fund_step gives IF(τ_def + 1) = " + ref::to_fraction(w.next_fund) +
                              ", residual " + ref::to_fraction(w.residual) +
                              ", τ_solv − τ_def = " + std::to_string(w.steps));
    }
    const runner::Replay c = control(ctx, f, options);
    if (!c.reproduced) return c;
    return runner::reproduced("adl::ref::insurance_fund_step on the witness (IF(τ_def) = " + ref::to_fraction(w.fund) +
                              " ＜ δ = " + ref::to_fraction(w.threshold) +
                              ", the provider takes the whole deficit) leaves residual 0 and, with the injection, "
                              "IF(τ_def + 1) = " +
                              ref::to_fraction(w.next_fund) + " ≥ δ: τ_solv = τ_def + 1; " + c.text);
  };
  return q;
}

ClaimResult check(const Options& options) {
  const std::string bound = "one step after τ_def";
  return runner::check_sizes(options, "COR-NOWAIT-SOLV-FINITE", Verdict::Proved, {{0, 0, bound, ""}}, bound,
                             [&](z3::context& ctx, const runner::Size&) { return query(ctx, options); });
}

const bool registered = register_claim(
    {"COR-NOWAIT-SOLV-FINITE", "one-step recovery under the stated model assumptions", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
