// Statement (@spec THM-VALID-GREEDY): for 0 ≤ B ≤ C(β), POL-GREEDY-ONESTEP returns x with
//   Σ x_i = B and 0 ≤ x_i ≤ β_i·w_i, and at most one account strictly between 0 and its cap.
// Encoding: QF_LRA. Variables w_i ≥ 0 and the capped capacities k_i = β_i·w_i with
//   0 ≤ k_i ≤ w_i (β_i = k_i/w_i ∈ [0, 1]; k_i = 0 when w_i = 0), B. Fixed key order σ =
//   identity (relabel by decreasing key e_i·ρ_i/w_i, ties by index): x_i = min(k_i, B − Σ_{j<i} x_j)
//   for w_i ＞ 0 (proofs/common/closed_forms greedy_closed_form).
// Assumptions and bounds: 0 ≤ B ≤ Σ k_i; n from 1 to the bound (default 6).
// Expected: PROVED.
// Not modelled: the keys (only their order matters, and every order is the identity after
//   relabelling).
// Replay: adl::ref::greedy_one_step on a non-degenerate model (w ≥ 1, 0 ＜ β ＜ 1, 0 ＜ B ＜ C(β)) (β_i = k_i/w_i, e = w, ρ_i = n − i + 1 so the
//   keys decrease with the index) returns the encoded x, with at most one partial account, and
//   check_allocation with caps finds it valid.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace validity;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto k = reals(ctx, "k", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (unsigned i = 0; i < n; ++i) assumptions.push_back(w[i] >= 0 && k[i] >= 0 && k[i] <= w[i]);
  assumptions.push_back(B >= 0 && B <= sum(ctx, k));
  const auto x = closed_forms::greedy_closed_form(ctx, w, k, B);
  z3::expr conclusion = sum(ctx, x) == B;
  for (unsigned i = 0; i < n; ++i) {
    conclusion = conclusion && x[i] >= 0 && x[i] <= k[i];
    for (unsigned j = 0; j < i; ++j) conclusion = conclusion && !(x[i] > 0 && x[i] < k[i] && x[j] > 0 && x[j] < k[j]);
  }
  std::vector<z3::expr> preferences{B > 0, B < sum(ctx, k)};
  for (unsigned i = 0; i < n; ++i) preferences.push_back(w[i] >= 1 && k[i] > 0 && k[i] < w[i]);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"w", w}, {"β·w", k}, {"x", x}}, {{"B", B}}};
  q.replay = [w, k, x, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto kv = rationals_of(m, k, "k");
    const auto xv = rationals_of(m, x, "x");
    const ref::Rational budget = rational_of(m, B, "B");
    std::vector<ref::Rational> beta;
    std::vector<ref::Rational> rho;
    for (unsigned i = 0; i < n; ++i) {
      beta.push_back(wv[i] > 0 ? ref::Rational(kv[i] / wv[i]) : ref::Rational(0));
      rho.emplace_back(n - i);
    }
    const ref::Allocation a = ref::greedy_one_step(wv, wv, beta, rho, budget);
    unsigned partial = 0;
    for (unsigned i = 0; i < n; ++i) partial += (a.seized[i] > 0 && a.seized[i] < kv[i]) ? 1u : 0u;
    const auto report = check_on_book(replay_book(wv, budget, beta), a.seized, a.haircut, budget, true);
    if (a.seized != xv || partial > 1 || !report.valid()) {
      return runner::mismatch("n = " + std::to_string(n) + ": adl::ref::greedy_one_step gives x = " + show(a.seized) +
                              " (" + describe(report) + "); the closed form x = " + show(xv));
    }
    return runner::reproduced("adl::ref::greedy_one_step returns x = " + show(xv) + " (β = " + show(beta) +
                              ", B = " + ref::to_fraction(budget) + ", " + std::to_string(partial) +
                              " partial account) on the n = " + std::to_string(n) +
                              " witness, valid with caps by check_allocation");
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-VALID-GREEDY", "greedy one-step is valid, respects caps, at most one partial account",
                   Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
