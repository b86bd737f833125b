// Statement (@spec THM-OGD-DYNAMIC-RATE): under THM-OGD-SEVERITY with D_t ≤ D̄: (a) with the tuned
//   step the dynamic regret is ≤ D̄·√((1 + 2P)·T); (b) with the P-agnostic step η = 1/(D̄·√T) it is
//   ≤ (1 + 2P)·D̄·√T/2 + D̄·√T/2 = (1 + P)·D̄·√T; (c) P = 0 gives √(Σ D_t²) ≤ D̄·√T.
// Encoding: QF_NRA. As THM-OGD-SEVERITY: the unrolled fixed-step lemma Σ g_t·(θ_t − u_t) ≤
//   (1 + 2P)/(2η) + (η/2)·Σ g_t² (η = 1 after scaling, split by projection case and comparator-step
//   sign), then the right side instantiated at the two steps, with ρ ＞ 0, ρ² = T, Q = Σ g_t² ≤
//   S = Σ D_t² ≤ T·D̄², A = 1 + 2P:
//   (a) η²·S = A, k ＞ 0, k² = A: A + η²·Q ≤ 2η·D̄·k·ρ;
//   (b) η·D̄·ρ = 1: A + η²·Q ≤ 2η·(1 + P)·D̄·ρ;
//   (c) R ≥ 0, R² = S: R ≤ D̄·ρ.
// Assumptions and bounds: the rate lemmas and the fixed-step lemma for T from 1 to the bound
//   (default 3; --max-t 4 or 5 is the slow suite).
// Expected: PROVED.
// Not modelled: the O(·) forms (only the explicit constants are checked).
// Replay: the rates evaluated exactly on a rational instance (T = 4, D̄ = 1, D_t = 1, P = 0 for (c)
//   with √4 = 2; (b) at P = 1: (1 + P)·D̄·√T = 4 ≥ the bound from η = 1/2 with Σ g² = 4).
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery rate_lemma(z3::context& ctx, unsigned T, char part) {
  const z3::expr P = ctx.real_const("P");
  const z3::expr S = ctx.real_const("S");
  const z3::expr Q = ctx.real_const("Q");
  const z3::expr Dbar = ctx.real_const("D_bar");
  const z3::expr eta = ctx.real_const("eta");
  const z3::expr rho = ctx.real_const("rho");
  const z3::expr A = 1 + 2 * P;
  std::vector<z3::expr> assumptions{P >= 0, Dbar > 0, S > 0,   S <= ctx.real_val(T) * Dbar * Dbar,
                                    Q >= 0, Q <= S,   rho > 0, rho * rho == ctx.real_val(T)};
  z3::expr conclusion = ctx.bool_val(true);
  if (part == 'a') {
    const z3::expr k = ctx.real_const("k");
    assumptions.push_back(eta > 0 && eta * eta * S == A && k > 0 && k * k == A);
    conclusion = A + eta * eta * Q <= 2 * eta * Dbar * k * rho;
  } else if (part == 'b') {
    assumptions.push_back(eta > 0 && eta * Dbar * rho == 1);
    conclusion = A + eta * eta * Q <= 2 * eta * (1 + P) * Dbar * rho;
  } else {
    const z3::expr R = ctx.real_const("R");
    assumptions.push_back(R >= 0 && R * R == S);
    conclusion = R <= Dbar * rho;
  }
  const std::string rate = std::string("rate (") + part + ")";
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  q.witness = {.note = rate + ", T = " + std::to_string(T) + ": assumptions hold", .every_constant = true};
  q.counterexample = {.note = rate + " fails", .every_constant = true};
  return q;
}

// Per T: the rates (a)–(c) (k = 0, 1, 2), then the fixed-step lemma (k = 3).
runner::SizedQuery lemma(z3::context& ctx, const runner::Size& size, const Options& options) {
  if (size.k < 3) return rate_lemma(ctx, size.n, static_cast<char>('a' + size.k));
  runner::SizedQuery q = online::ogd_fixed_step_lemma(ctx, size.n, options);
  q.show_witness = false;
  return q;
}

// Exact replay on a rational instance: T = 4, D̄ = D_t = 1, |g_t| = 1 (Σ g² = 4), √T = 2.
runner::Replay exact_rates() {
  const ref::Rational T = 4, Dbar = 1, Q = 4, rootT = 2;
  const ref::Rational P = 1;
  const ref::Rational eta_b = 1 / (Dbar * rootT);
  const ref::Rational bound_b = (1 + 2 * P) / (2 * eta_b) + eta_b * Q / 2;
  const ref::Rational rate_b = (1 + P) * Dbar * rootT;
  const ref::Rational static_bound = 2;  // √(Σ D²) = √4 at P = 0
  if (bound_b > rate_b || static_bound > Dbar * rootT) {
    return runner::mismatch("exact rates do not hold on the replay instance");
  }
  return runner::reproduced(
      "exact: T = " + ref::to_fraction(T) + ", D̄ = 1, P = 1, η = 1/(D̄·√T) = 1/2: (1 + 2P)/(2η) + η·Σg²/2 = " +
      ref::to_fraction(bound_b) + " ≤ (1 + P)·D̄·√T = " + ref::to_fraction(rate_b) + "; P = 0: √ΣD² = 2 ≤ D̄·√T = 2");
}

ClaimResult check(const Options& options) {
  const unsigned max_t = runner::bound(options.max_t, 3);
  unsigned cases = 0;
  runner::Part lemmas;
  for (unsigned T = 1; T <= max_t; ++T) {
    const std::string t = std::to_string(T);
    for (const char part : {'a', 'b', 'c'}) {
      lemmas.sizes.push_back({T, static_cast<unsigned>(part - 'a'), std::string("rate (") + part + ") at T = " + t,
                              std::string(".") + part + ".T" + t});
    }
    lemmas.sizes.push_back({T, 3, "fixed-step lemma at T = " + t, ".fixed-step.T" + t});
    cases += online::fixed_step_cases(T);
  }
  lemmas.query = [&](z3::context& ctx, const runner::Size& size) { return lemma(ctx, size, options); };
  return runner::check_parts(options, "THM-OGD-DYNAMIC-RATE", {lemmas, {.check = exact_rates}}, Verdict::Proved,
                             "rates (a)–(c) and fixed-step lemma T ≤ " + std::to_string(max_t) + " (" +
                                 std::to_string(cases) + " case queries)");
}

const bool registered = register_claim(
    {"THM-OGD-DYNAMIC-RATE", "OGD dynamic-regret rates D̄·√((1 + 2P)·T) and (1 + P)·D̄·√T", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
