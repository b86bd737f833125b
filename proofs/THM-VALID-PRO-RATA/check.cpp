// Statement (@spec THM-VALID-PRO-RATA): for U ＞ 0 and 0 ≤ B ≤ U, x_i = B·w_i/U satisfies
//   Σ x_i = B and 0 ≤ x_i ≤ w_i with h_i = B/U on eligible accounts (0 elsewhere); for B ＞ U
//   (or U = 0 ＜ B) no allocation exists.
// Encoding: QF_NRA. Variables w_1..w_n, B, the level r and x_1..x_n with the denominators
//   cleared: r·U = B and x_i·U = B·w_i (U ＞ 0 is an explicit hypothesis); h_i = r for w_i ＞ 0,
//   else 0. Part 2 (B ＞ U, which includes U = 0 ＜ B): free x with 0 ≤ x ≤ w, LRA.
// Assumptions and bounds: w ≥ 0, U = Σ w ＞ 0, 0 ≤ B ≤ U (part 2: B ＞ U); n from 1 to the
//   bound (default 6).
// Expected: PROVED (negations unsat for every n; assumptions satisfiable).
// Not modelled: caps (wealth pro-rata does not bind them).
// Replay: adl::ref::pro_rata on each witness book must return the encoded x and h exactly and
//   pass check_allocation; on the part-2 witness it must throw Infeasible.
#include "catalog.hpp"
#include "group_a_policies.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace group_a;

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  std::string replay;
  // Part 2: B > U admits no allocation in P(w, B), and the allocator refuses it.
  const auto allocate = [](const std::vector<ref::Rational>& wv, const ref::Rational& budget) {
    (void)ref::pro_rata(wv, budget);
  };
  if (!check_over_capacity(options, "THM-VALID-PRO-RATA", "pro_rata", allocate, result, replay)) return result;
  result.verdict = Verdict::Proved;
  result.replay = replay;
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"THM-VALID-PRO-RATA", "wealth pro-rata is valid for 0 ≤ B ≤ U (h = B/U); B > U is infeasible",
     Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
