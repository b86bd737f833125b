// Statement (@spec THM-STACKELBERG): two agents choose x_i ∈ {0, 1} (1 = unwind at cost f ＞ 0);
//   ADL happens iff x₁ + x₂ ＜ T_th with T_th ∈ (1, 2] and costs everyone c ＞ f. Simultaneous
//   play has exactly the pure Nash equilibria (0, 0) and (1, 1); sequential play (agent 1 leads)
//   has the unique subgame-perfect equilibrium outcome (1, 1), the follower matching the leader.
// Encoding: QF_LRA. Variables f, c, T_th (reals). cost_i(x) = f·x_i + ite(x₁ + x₂ ＜ T_th, c, 0),
//   the 4 profiles enumerated. NE(x): no agent lowers its cost by a unilateral switch. SPE(s, a):
//   the follower strategy s = (s(0), s(1)) (4 enumerated) is a best response at both leader moves
//   and the leader's move a is a best response to s.
// Assumptions and bounds: 0 ＜ f ＜ c, 1 ＜ T_th ≤ 2. Conclusion: NE(0,0) ∧ NE(1,1) ∧ ¬NE(0,1) ∧
//   ¬NE(1,0); some SPE exists; every SPE has outcome (1, 1) and follower strategy s = (0, 1).
//   Finite game: 2 agents, 4 profiles, 4 follower strategies (no size bound).
// Expected: PROVED (negation unsat; assumptions satisfiable).
// Not modelled: mixed strategies; more than two agents.
// Replay: no adl::ref function models the game: the equilibria are recomputed by enumeration
//   in exact Rationals on the spec example f = 1, c = 5, T_th = 3/2 and on the witness, and must
//   be exactly {(0,0), (1,1)} and the single SPE (s = (0, 1), leader unwinds).
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include <array>

namespace adl::proofs {
namespace {

using ref::Rational;

// Exact enumeration: empty string iff the equilibria are as claimed.
std::string enumerate(const Rational& f, const Rational& c, const Rational& threshold) {
  const auto cost = [&](int who, int x1, int x2) {
    return f * (who == 0 ? x1 : x2) + (Rational(x1 + x2) < threshold ? c : Rational(0));
  };
  std::string nash;
  for (int x1 = 0; x1 < 2; ++x1) {
    for (int x2 = 0; x2 < 2; ++x2) {
      if (cost(0, x1, x2) <= cost(0, 1 - x1, x2) && cost(1, x1, x2) <= cost(1, x1, 1 - x2)) {
        nash += "(" + std::to_string(x1) + "," + std::to_string(x2) + ")";
      }
    }
  }
  std::string spe;
  for (int s0 = 0; s0 < 2; ++s0) {
    for (int s1 = 0; s1 < 2; ++s1) {
      const std::array<int, 2> s = {s0, s1};
      if (!(cost(1, 0, s[0]) <= cost(1, 0, 1 - s[0]) && cost(1, 1, s[1]) <= cost(1, 1, 1 - s[1]))) continue;
      for (int a = 0; a < 2; ++a) {
        if (cost(0, a, s[static_cast<std::size_t>(a)]) <= cost(0, 1 - a, s[static_cast<std::size_t>(1 - a)])) {
          spe += "[s=(" + std::to_string(s0) + "," + std::to_string(s1) + "),a=" + std::to_string(a) + "]";
        }
      }
    }
  }
  if (nash != "(0,0)(1,1)" || spe != "[s=(0,1),a=1]") return "NE " + nash + ", SPE " + spe;
  return {};
}

runner::SizedQuery query(z3::context& ctx, const runner::Size&) {
  const z3::expr f = ctx.real_const("f"), c = ctx.real_const("c"), threshold = ctx.real_const("T_th");
  const std::vector<z3::expr> assumptions = {f > 0, f<c, threshold> 1, threshold <= 2};
  const auto cost = [&](int who, int x1, int x2) {
    return f * (who == 0 ? x1 : x2) + z3::ite(ctx.real_val(x1 + x2) < threshold, c, ctx.real_val(0));
  };
  const auto nash = [&](int x1, int x2) {
    return cost(0, x1, x2) <= cost(0, 1 - x1, x2) && cost(1, x1, x2) <= cost(1, x1, 1 - x2);
  };
  z3::expr conclusion = nash(0, 0) && nash(1, 1) && !nash(0, 1) && !nash(1, 0);
  z3::expr some_spe = ctx.bool_val(false);
  for (int s0 = 0; s0 < 2; ++s0) {
    for (int s1 = 0; s1 < 2; ++s1) {
      const std::array<int, 2> s = {s0, s1};
      const z3::expr follower = cost(1, 0, s[0]) <= cost(1, 0, 1 - s[0]) && cost(1, 1, s[1]) <= cost(1, 1, 1 - s[1]);
      for (int a = 0; a < 2; ++a) {
        const auto ia = static_cast<std::size_t>(a);
        const z3::expr spe = follower && cost(0, a, s[ia]) <= cost(0, 1 - a, s[1 - ia]);
        some_spe = some_spe || spe;
        const bool claimed = a == 1 && s[ia] == 1 && s0 == 0 && s1 == 1;
        if (!claimed) conclusion = conclusion && !spe;
      }
    }
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion && some_spe};
  q.witness = {{}, {{"f", f}, {"c", c}, {"T_th", threshold}}};
  q.counterexample = {{}, q.witness.scalars, "equilibria differ"};
  q.replay = [f, c, threshold](const z3::model& m) {
    const Rational wf = rational_of(m, f, "f"), wc = rational_of(m, c, "c");
    const Rational wt = rational_of(m, threshold, "T_th");
    std::string mismatch = enumerate(1, 5, Rational(3) / 2);
    if (mismatch.empty()) mismatch = enumerate(wf, wc, wt);
    if (!mismatch.empty()) return runner::mismatch("exact enumeration: " + mismatch);
    return runner::reproduced(
        "exact enumeration (no adl::ref game model) on f = 1, c = 5, T_th = 3/2 and on the "
        "witness f = " +
        ref::to_fraction(wf) + ", c = " + ref::to_fraction(wc) + ", T_th = " + ref::to_fraction(wt) +
        ": pure NE {(0,0), (1,1)}; unique SPE: follower s = (0, 1), leader unwinds, outcome (1, 1)");
  };
  return q;
}

const bool registered = register_claim(
    runner::single("THM-STACKELBERG", "unwinding game: two Nash equilibria, one SPE outcome", Verdict::Proved,
                   "2 agents, 4 profiles, 4 follower strategies", query));

}  // namespace
}  // namespace adl::proofs
