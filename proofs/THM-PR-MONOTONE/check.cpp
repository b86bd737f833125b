// Statement (@spec THM-PR-MONOTONE): for U ＞ 0 and 0 ≤ H ≤ U, w_i ≥ w_j implies s_i ≥ s_j under
//   pro-rata (every endowment is scaled by 1 − H/U ≥ 0).
// Encoding: QF_NRA. Variables w_1..w_n (any order), H, the haircut h with h·U = H; survivors
//   s_i = w_i − h·w_i. Claim: for all i ≠ j, w_i ≥ w_j ⇒ s_i ≥ s_j.
// Assumptions and bounds: w ≥ 0, U ＞ 0, 0 ≤ H ≤ U; n from 1 to the bound (default 6).
// Expected: PROVED.
// Not modelled: caps (capped pro-rata is not monotone, THM-PR-UNIQUE-CAPPED).
// Replay: adl::ref::pro_rata on the witness book: its survivors are ordered as the endowments.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const z3::expr H = ctx.real_const("H");
  const z3::expr h = ctx.real_const("h");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> assumptions;
  for (const auto& wi : w) assumptions.push_back(wi >= 0);
  assumptions.push_back(U > 0);
  assumptions.push_back(H >= 0);
  assumptions.push_back(H <= U);
  assumptions.push_back(h * U == H);
  std::vector<z3::expr> s;
  for (const auto& wi : w) s.push_back(wi - h * wi);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = closed_forms::monotone(ctx, w, s)};
  q.witness = {{{"w", w}, {"s", s}}, {{"H", H}}};
  q.replay = [w, H, n = size.n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const ref::Rational hb = rational_of(m, H, "H");
    const auto sv = closed_forms::survivors(wv, ref::pro_rata(wv, hb).seized);
    if (!closed_forms::monotone_violation(wv, sv).empty()) {
      return runner::mismatch("adl::ref::pro_rata survivors " + books::show(sv) + " are not monotone");
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(wv) +
                              ", H = " + ref::to_fraction(hb) + ": adl::ref::pro_rata leaves " + books::show(sv) +
                              ", ordered as w");
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-PR-MONOTONE", "pro-rata satisfies AX-MONO", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
