// Statement (@spec THM-STATIC-LINEAR-OMD): the paper says OMD has sublinear (O(√T)) dynamic
//   regret on the alternating sequence f_t(θ) = θ (odd t), θ̄ − θ (even t), θ ∈ [0, θ̄].
// Encoding: QF_LRA. Variables θ̄, θ_1..θ_T, η_1..η_T (reals). Projected OGD with free positive
//   steps: θ_{t+1} = clip(θ_t − η_t·g_t, 0, θ̄), g_t = +1 (odd t), −1 (even t) — the gradient is a
//   constant, so η_t·g_t is linear. Dynamic regret Σ f_t(θ_t) − Σ min f_t with min f_t = 0.
// Assumptions and bounds: θ̄ ＞ 0, θ_1 ∈ [0, θ̄], η_t ＞ 0; every even T from 2 to the bound
//   (default 4). The query "dynamic regret ＜ T·θ̄/2" must be unsat: OMD does no better than
//   any fixed θ (THM-STATIC-LINEAR-FIXED), whatever the start and the steps.
// Expected: REFUTED (the validity "regret ≥ T·θ̄/2" is proved at every T up to the bound).
// Not modelled: mirror maps other than the Euclidean one; odd T.
// Replay: the reference's run θ̄ = 1, θ_1 = 1/2, η_t = 1/√t, T = 4 in exact rational interval
//   arithmetic (√t enclosed in dyadic intervals): plays ≈ (0.5, 0, 0.7071, 0.1298) and
//   dynamic regret ≈ 3.077, whose lower end is ≥ T·θ̄/2 = 2.
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using online::Interval;

// Every OGD run (free θ_1, free positive steps) has dynamic regret at least T·θ̄/2. A model of
// the negation would contradict the spec's refutation: reported UNKNOWN, not a refutation.
runner::SizedQuery every_run(z3::context& ctx, const runner::Size& size, const Options& options) {
  const unsigned T = size.n;
  const z3::expr top = ctx.real_const("theta_bar");
  const auto theta = reals(ctx, "theta", T);
  const auto eta = reals(ctx, "eta", T);
  std::vector<z3::expr> assumptions{top > 0, theta[0] >= 0, theta[0] <= top};
  z3::expr regret = ctx.real_val(0);
  for (unsigned t = 0; t < T; ++t) {
    const bool type_a = t % 2 == 0;  // t + 1 odd
    assumptions.push_back(eta[t] > 0);
    if (t + 1 < T) {
      const z3::expr step = type_a ? theta[t] - eta[t] : theta[t] + eta[t];
      assumptions.push_back(theta[t + 1] == online::clip(step, ctx.real_val(0), top));
    }
    regret = regret + (type_a ? theta[t] : top - theta[t]);
  }
  const z3::expr conclusion = regret >= ctx.real_val(T) * top / 2;
  runner::SizedQuery q;
  q.prove = [&ctx, &options, assumptions, conclusion, T](const std::string& name) {
    Validity v = prove_valid(ctx, assumptions, conclusion, options, name);
    if (v.verdict == Verdict::Refuted) {
      v.verdict = Verdict::Unknown;
      v.detail = "OGD beats T·θ̄/2 at T = " + std::to_string(T) + ": the spec's refutation does not hold";
    }
    return v;
  };
  q.witness = {{{"theta", theta}, {"eta", eta}}, {{"theta_bar", top}}, "an OGD run (assumptions hold)"};
  return q;
}

// The reference's run in exact interval arithmetic.
runner::Replay reference_run(unsigned reached) {
  const unsigned T = 4;
  std::vector<ref::Rational> gradients;
  std::vector<Interval> steps;
  for (unsigned t = 1; t <= T; ++t) {
    gradients.push_back(t % 2 == 1 ? 1 : -1);
    const Interval root = online::sqrt_enclosure(t);
    steps.push_back({1 / root.hi, 1 / root.lo});
  }
  const auto plays = online::ogd_plays(ref::Rational(1, 2), gradients, steps, 1);
  Interval regret = online::point(0);
  Instance instance;
  instance.scalars = {{"theta_bar", "1"}, {"theta_1", "1/2"}, {"eta_t", "1/√t"}, {"T", "4"}};
  instance.columns = {"t", "theta_t", "f_t(theta_t)"};
  for (unsigned t = 0; t < T; ++t) {
    const Interval loss = t % 2 == 0 ? plays[t] : online::sub(online::point(1), plays[t]);
    regret = online::add(regret, loss);
    instance.rows.push_back({std::to_string(t + 1), online::show(plays[t]), online::show(loss)});
  }
  instance.scalars.emplace_back("dynamic regret", online::show(regret));
  instance.note = "OGD's dynamic regret is at least T·θ̄/2 = 2: no better than a fixed θ";
  if (regret.lo < 2)
    return runner::mismatch("interval replay: regret lower end " + ref::to_decimal(regret.lo) + " ＜ 2", instance);
  return runner::reproduced(
      "every OGD run (free θ_1, free positive steps) has dynamic regret ≥ T·θ̄/2 (unsat at T even ≤ " +
          std::to_string(reached) + "); the reference's run θ̄ = 1, θ_1 = 1/2, η_t = 1/√t replayed with √t in " +
          "rational intervals: regret ∈ " + online::show(regret) + " ≥ 2",
      instance);
}

ClaimResult check(const Options& options) {
  const auto rounds = runner::sizes(2, runner::bound(options.max_t, 4), "T", 2);
  const unsigned reached = rounds.empty() ? 0 : rounds.back().n;
  return runner::check_parts(
      options, "THM-STATIC-LINEAR-OMD",
      {{.sizes = rounds,
        .query = [&](z3::context& ctx, const runner::Size& size) { return every_run(ctx, size, options); }},
       {.check = [reached] { return reference_run(reached); }}},
      Verdict::Refuted, "T even ≤ " + std::to_string(reached));
}

const bool registered = register_claim({"THM-STATIC-LINEAR-OMD",
                                        "OMD has sublinear dynamic regret on the alternating sequence (as printed)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
