// Statement (@spec THM-ATTAIN-FR): some book and policy satisfy the finite forms of (F) and (R):
//   pro-rata with a small θ and no diversion. Witness (spec): n = 2, w = (1, 1) with cash 0, one
//   loser with e = −2 (D = Δ = 2, U = 2), θ = 1/4 (B = 1/2): survivors (3/4, 3/4),
//   PTSR = PMR = 3/2 ∈ [c_lo, c_hi] = [1, 2]; 𝒟 = 0, so LTV = Φ ≥ c_R·Φ. Solvency fails
//   (R = 3/2 with K₀ = 0).
// Encoding: QF_NRA, existential (find_model). Variables: winners' endowments w_1..w_n (cash 0),
//   the loser's shortfall D (= Δ), θ, B = θ·D, the pro-rata haircut h (h·U = B, POL-PRO-RATA),
//   survivors s_i = w_i·(1 − h), υ = max s_i, PTSR ρ (ρ·θ·D = υ) and PMR π (π·θ·Δ = υ), fees Φ,
//   diversion 𝒟, c_R, K₀. (F): 1 ≤ ρ ≤ 2 and 1 ≤ π ≤ 2 (c_lo = c′_lo = 1, c_hi = c′_hi = 2, the
//   spec's constants). (R): Φ − 𝒟 ≥ c_R·Φ with c_R ∈ (0, 1], 𝒟 ≥ 0.
// Assumptions and bounds: w_i ＞ 0, D ＞ 0, 0 ＜ θ ≤ 1, B ≤ U, Φ ＞ 0 (a non-trivial revenue),
//   K₀ ≥ 0; every n from 1 to the bound (default 2); then the spec's witness (n = 2, w = (1, 1),
//   D = 2, θ = 1/4, 𝒟 = 0, K₀ = 0; Φ and c_R free) is asserted and must be sat.
// Expected: PROVED (witness): sat for every n and for the spec's instance.
// Not modelled: the asymptotic (F) and (R) (finite constants only); several losers (Δ = D).
// Replay: each model's book (winners w, one loser of shortfall D) runs through adl::ref::pro_rata
//   at B; adl::ref::evaluate's PTSR and PMR must equal the model's and lie in [1, 2];
//   adl::ref::revenue (fees Φ, insurance share 𝒟/Φ) gives LTV ≥ c_R·Φ; adl::ref::residual_shortfall
//   (D, B + 𝒟 + K₀) gives R (on the spec's witness: survivors (3/4, 3/4), PTSR = PMR = 3/2,
//   R = 3/2 ＞ 0, solvency fails).
#include "catalog.hpp"
#include "accounting.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

struct FairRevenue {
  FairRevenue(z3::context& ctx, unsigned n)
      : w(reals(ctx, "w", n)),
        D(ctx.real_const("D")),
        theta(ctx.real_const("theta")),
        B(ctx.real_const("B")),
        h(ctx.real_const("h")),
        ptsr(ctx.real_const("PTSR")),
        pmr(ctx.real_const("PMR")),
        fees(ctx.real_const("Phi")),
        diversion(ctx.real_const("diversion")),
        c_R(ctx.real_const("c_R")),
        K0(ctx.real_const("K0")) {
    for (const auto& wi : w) survivors.push_back(wi * (1 - h));
  }
  std::vector<z3::expr> w, survivors;
  z3::expr D, theta, B, h, ptsr, pmr, fees, diversion, c_R, K0;

  [[nodiscard]] std::vector<z3::expr> constraints() const {
    z3::context& ctx = D.ctx();
    const z3::expr top = max_of(survivors);
    std::vector<z3::expr> out{D > 0,
                              theta > 0,
                              theta <= 1,
                              B == theta * D,
                              B <= sum(ctx, w),
                              h * sum(ctx, w) == B,
                              ptsr * theta * D == top,
                              pmr * theta * D == top,
                              ptsr >= 1,
                              ptsr <= 2,
                              pmr >= 1,
                              pmr <= 2,
                              fees > 0,
                              diversion >= 0,
                              c_R > 0,
                              c_R <= 1,
                              fees - diversion >= c_R * fees,
                              K0 >= 0};
    for (const auto& wi : w) out.push_back(wi > 0);
    return out;
  }
  [[nodiscard]] Scalars scalars() const {
    return {{"D = Δ", D},
            {"θ", theta},
            {"B", B},
            {"h (pro-rata)", h},
            {"PTSR", ptsr},
            {"PMR", pmr},
            {"Φ", fees},
            {"𝒟", diversion},
            {"c_R", c_R},
            {"K₀", K0},
            {"R = (D − B − 𝒟 − K₀)₊", positive_part(D - B - diversion - K0)}};
  }
  [[nodiscard]] Columns columns() const { return {{"w", w}, {"s", survivors}}; }
};

// Replays a model through adl::ref; empty when everything agrees, `shown` describes it.
std::string replay(const z3::model& m, const FairRevenue& f, std::string& shown) {
  const auto w = rationals_of(m, f.w, "w");
  const Rational D = rational_of(m, f.D, "D"), B = rational_of(m, f.B, "B"), fees = rational_of(m, f.fees, "Phi");
  const Rational diversion = rational_of(m, f.diversion, "diversion"), c_R = rational_of(m, f.c_R, "c_R");
  const Rational K0 = rational_of(m, f.K0, "K0");
  const auto pr = books::replay_pro_rata(w, D, B);
  if (!pr.metrics.ptsr || !pr.metrics.pmr) return "adl::ref::evaluate gives no PTSR or PMR";
  const Rational ptsr = *pr.metrics.ptsr, pmr = *pr.metrics.pmr;
  const Rational ltv = accounting::ltv_through_ref(fees, diversion);
  const Rational residual = ref::residual_shortfall(D, B + diversion + K0);
  std::vector<Rational> survivors(pr.metrics.survivor.begin(),
                                  pr.metrics.survivor.begin() + static_cast<long>(w.size()));
  shown = "adl::ref::pro_rata on w = " + books::show(w) + ", D = Δ = " + ref::to_fraction(D) +
          ", θ = " + ref::to_fraction(pr.allocation.severity) + ": survivors " + books::show(survivors) +
          ", PTSR = " + ref::to_fraction(ptsr) + ", PMR = " + ref::to_fraction(pmr) +
          "; adl::ref::revenue: LTV = " + ref::to_fraction(ltv) + " ≥ c_R·Φ = " + ref::to_fraction(c_R * fees) +
          "; residual_shortfall R = " + ref::to_fraction(residual);
  if (ptsr != rational_of(m, f.ptsr, "PTSR") || pmr != rational_of(m, f.pmr, "PMR") ||
      survivors != rationals_of(m, f.survivors, "s")) {
    return "adl::ref disagrees with the model: " + shown;
  }
  const bool fair = ptsr >= 1 && ptsr <= 2 && pmr >= 1 && pmr <= 2;
  if (!fair || !(ltv >= c_R * fees) || !pr.validity.valid()) return "(F) or (R) fails in adl::ref: " + shown;
  return {};
}

// A book attaining (F) and (R) at each n (existential: the witness is the claim), replayed.
runner::SizedQuery attains(z3::context& ctx, const runner::Size& size, const Options& options) {
  const FairRevenue f(ctx, size.n);
  runner::SizedQuery q{.show_witness = false};
  q.prove = [&ctx, &options, constraints = f.constraints()](const std::string& name) {
    return satisfiable(ctx, constraints, options, name, Verdict::Proved, Verdict::Refuted,
                       "no book attains (F) and (R)");
  };
  q.replay = [f, n = size.n](const z3::model& m) {
    std::string shown;
    const std::string mismatch = replay(m, f, shown);
    if (!mismatch.empty()) return runner::mismatch("n = " + std::to_string(n) + ": " + mismatch);
    return runner::reproduced({});
  };
  return q;
}

// The spec's witness: two accounts w = (1, 1), D = 2, θ = 1/4, no diversion, no fund.
runner::SizedQuery spec_witness(z3::context& ctx, const Options& options, unsigned max_n) {
  const FairRevenue f(ctx, 2);
  auto spec = f.constraints();
  spec.push_back(f.w[0] == 1 && f.w[1] == 1 && f.D == 2 && f.theta == real_val(ctx, Rational(1) / 4) &&
                 f.diversion == 0 && f.K0 == 0);
  runner::SizedQuery q;
  q.prove = [&ctx, &options, spec](const std::string& name) {
    return satisfiable(ctx, spec, options, name, Verdict::Proved, Verdict::ReplayFailed,
                       "the spec's witness does not satisfy the encoding");
  };
  q.witness = {f.columns(), f.scalars(), "the spec's witness: (F) and (R) hold, solvency fails"};
  q.replay = [f, max_n](const z3::model& m) {
    std::string shown;
    const std::string mismatch = replay(m, f, shown);
    if (!mismatch.empty()) return runner::mismatch("spec witness: " + mismatch);
    return runner::reproduced("a witness exists for every n ≤ " + std::to_string(max_n) +
                              " and each replays; the spec's: " + shown);
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 2);
  return runner::check_parts(
      options, "THM-ATTAIN-FR",
      {{.sizes = runner::sizes(1, max_n),
        .query = [&](z3::context& ctx, const runner::Size& size) { return attains(ctx, size, options); }},
       {.sizes = {{2, 0, "the spec's witness", ".spec"}},
        .query = [&](z3::context& ctx, const runner::Size&) { return spec_witness(ctx, options, max_n); }}},
      Verdict::Proved, "n ≤ " + std::to_string(max_n) + " (existential)");
}

const bool registered = register_claim({"THM-ATTAIN-FR", "fairness and revenue together", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
