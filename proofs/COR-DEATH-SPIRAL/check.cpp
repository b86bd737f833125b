// Statement (@spec COR-DEATH-SPIRAL): if μ_i − E[θ·D·σ^PR_i] ＜ u₀ ≤ μ_i − E[θ·D·σ^RAP_i], account
//   i exits under pro-rata and stays under RAP (participation: stay iff utility ≥ u₀).
// Encoding: QF_LRA. Variables μ_i, the expected ADL masses M^PR_i = E[θ·D·σ^PR_i] and
//   M^RAP_i = E[θ·D·σ^RAP_i] (n each) and u₀. Utilities U^π_i = μ_i − M^π_i; stays(π, i) is
//   U^π_i ≥ u₀. Both policies socialise the same expected amount: Σ M^PR = Σ M^RAP, masses ≥ 0.
//   The account of the hypothesis is account 1 (relabelling).
// Assumptions and bounds: the hypothesis on account 1; conclusion ¬stays(PR, 1) ∧ stays(RAP, 1).
//   Every n from 2 to the bound (default 6): with n = 1 equal totals force equal masses, so the
//   hypothesis is unsatisfiable there.
// Expected: PROVED (a restatement of U_i ≥ u₀; negation unsat, assumptions satisfiable).
// Not modelled: how the shares arise (LEM-RAP-VS-PR-SHARE) and later rounds' feedback.
// Replay: the spec's exact example (e = (60, 40), λ = (2, 6), μ = (12, 40), u₀ = 2, θ = 1,
//   deficits 40 then 30) through adl::ref::pro_rata and adl::ref::rap with the linear risk model
//   (adl::ref::risk_weight, w̃ = λ²): masses, haircuts and utilities must equal the spec's
//   figures, and account 1 must satisfy the hypothesis (exit under pro-rata, stay under RAP).
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

// The spec's worked example, replayed through adl::ref.
runner::Replay replay_example() {
  const std::vector<Rational> e = {60, 40};
  const std::vector<Rational> lambda = {2, 6};
  const std::vector<Rational> mu = {12, 40};
  const Rational u0 = 2;
  const ref::RiskModel linear{ref::RiskModel::Kind::Linear, 0};
  const std::vector<Rational> weights = {ref::risk_weight(linear, lambda[0]), ref::risk_weight(linear, lambda[1])};
  const std::vector<Rational> ones = {1, 1};
  const ref::Allocation pr = ref::pro_rata(e, 40);
  const ref::Allocation rap = ref::rap(e, ones, weights, 40);
  const std::vector<Rational> u_pr = {mu[0] - pr.seized[0], mu[1] - pr.seized[1]};
  const std::vector<Rational> u_rap = {mu[0] - rap.seized[0], mu[1] - rap.seized[1]};
  const auto mismatch = [](const std::string& what) {
    return runner::mismatch("spec example not reproduced by adl::ref: " + what);
  };
  if (pr.seized != std::vector<Rational>{24, 16} || u_pr != std::vector<Rational>{-12, 24}) {
    return mismatch("pro-rata masses " + books::show(pr.seized) + ", utilities " + books::show(u_pr));
  }
  if (rap.seized != std::vector<Rational>{Rational(40) / 7, Rational(240) / 7} ||
      rap.haircut != std::vector<Rational>{Rational(2) / 21, Rational(6) / 7} ||
      u_rap != std::vector<Rational>{Rational(44) / 7, Rational(40) / 7}) {
    return mismatch("RAP masses " + books::show(rap.seized) + ", utilities " + books::show(u_rap));
  }
  // Hypothesis and conclusion for the low-leverage account 1; account 2 stays under both.
  if (!(u_pr[0] < u0 && u0 <= u_rap[0]) || !(u_pr[1] >= u0 && u_rap[1] >= u0)) return mismatch("participation differs");
  // Round 2 (deficit 30): under pro-rata account 2 pays it alone; under RAP both stay.
  const ref::Allocation pr2 = ref::pro_rata({0, 40}, 30);
  const ref::Allocation rap2 = ref::rap(e, ones, weights, 30);
  if (pr2.haircut[1] != Rational(3) / 4 || mu[1] - pr2.seized[1] != 10 ||
      rap2.seized != std::vector<Rational>{Rational(30) / 7, Rational(180) / 7}) {
    return mismatch("round 2: pro-rata " + books::show(pr2.seized) + ", RAP " + books::show(rap2.seized));
  }
  return runner::reproduced(
      "spec example through adl::ref: pro-rata masses (24, 16), utilities (−12, 24) — account 1 exits; "
      "RAP (w̃ = λ² by risk_weight) masses (40/7, 240/7), h = (2/21, 6/7), utilities (44/7, 40/7) ≥ u₀ = 2 — "
      "both stay; round 2: pro-rata h₂ = 3/4, utility 10; RAP masses (30/7, 180/7)");
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto mu = reals(ctx, "mu", size.n);
  const auto mass_pr = reals(ctx, "M_pr", size.n);
  const auto mass_rap = reals(ctx, "M_rap", size.n);
  const z3::expr u0 = ctx.real_const("u0");
  std::vector<z3::expr> assumptions;
  for (unsigned i = 0; i < size.n; ++i) {
    assumptions.push_back(mass_pr[i] >= 0);
    assumptions.push_back(mass_rap[i] >= 0);
  }
  assumptions.push_back(sum(ctx, mass_pr) == sum(ctx, mass_rap));
  const z3::expr u_pr = mu[0] - mass_pr[0];
  const z3::expr u_rap = mu[0] - mass_rap[0];
  assumptions.push_back(u_pr < u0 && u0 <= u_rap);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = !(u_pr >= u0) && (u_rap >= u0)};
  q.witness = {{{"μ", mu}, {"M^PR", mass_pr}, {"M^RAP", mass_rap}}, {{"u₀", u0}}};
  return q;
}

// The sizes n ≥ 2, then the spec's example (with --max-n 1 no size is checked: UNKNOWN).
ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 6);
  const std::string bound = "2 ≤ n ≤ " + std::to_string(max_n);
  ClaimResult result = runner::check_sizes(options, "COR-DEATH-SPIRAL", Verdict::Proved, runner::sizes(2, max_n), bound,
                                           query);
  if (result.bound != bound) return result;  // stopped at a size that is not proved
  const runner::Replay example = replay_example();
  if (!example.reproduced) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = example.text;
  } else {
    result.replay = example.text;
  }
  return result;
}

const bool registered = register_claim(
    {"COR-DEATH-SPIRAL", "an account can exit under pro-rata and stay under RAP", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
