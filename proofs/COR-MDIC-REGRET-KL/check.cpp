// Statement (@spec COR-MDIC-REGRET-KL): with v_1 uniform over N active winners,
//   KL(v⋆, v_1) = log N − H(v⋆) ≤ log N for every v⋆ in the simplex.
// Encoding: not SMT (the claim is transcendental; spec/claims.md: interval arithmetic). Analytic
//   proof: KL(v⋆, v_1) = Σ v_i·log(N·v_i) = log N + Σ v_i·log v_i = log N − H(v⋆) since Σ v_i = 1,
//   and H(v⋆) ≥ 0 because every term −v_i·log v_i ≥ 0 for v_i ∈ [0, 1] (0·log 0 = 0). Finite
//   evaluation: every v⋆ on the grid {k/m : k = 0..m}, Σ = 1 (m = 6 by default), for every
//   N ≤ 6: KL computed from its definition in rational interval arithmetic (log by the atanh
//   series with a bounded remainder), log N − H(v⋆) likewise; the two enclosures must overlap
//   (the identity), and KL ≤ log N must hold — decided exactly on the sign of Σ v_i·log v_i: 0 at
//   the vertices (exact) and an interval with negative upper end elsewhere.
// Assumptions and bounds: N ≤ 6 (--max-n raises it), grid denominator m = 6.
// Expected: PROVED (not SMT).
// Not modelled: off-grid v⋆ (covered by the analytic proof only); the rest of COR-MDIC-REGRET (~).
// Replay: the evaluation above is itself exact rational arithmetic; the uniform v⋆ (KL = 0, an
//   exact zero since log 1 = 0) is printed as the witness and the largest KL as the instance.
#include "catalog.hpp"
#include "online.hpp"
#include "smt.hpp"

#include <map>

namespace adl::proofs {
namespace {

using online::Interval;

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  const unsigned m = 6;
  ClaimResult result;
  std::map<ref::Rational, Interval> logs;
  const auto log_of = [&](const ref::Rational& x) {
    auto it = logs.find(x);
    if (it == logs.end()) it = logs.emplace(x, online::log_enclosure(x)).first;
    return it->second;
  };
  unsigned points = 0;
  Interval worst_kl = online::point(0);
  std::string worst_v;
  for (unsigned N = 1; N <= max_n; ++N) {
    const Interval log_n = log_of(N);
    // Enumerate compositions k_1 + … + k_N = m.
    std::vector<unsigned> k(N, 0);
    k[N - 1] = m;
    while (true) {
      Interval kl = online::point(0);
      Interval entropy = online::point(0);
      Interval plogp = online::point(0);  // Σ v_i·log v_i
      bool interior_term = false;
      std::string v_text;
      for (unsigned i = 0; i < N; ++i) {
        const ref::Rational v(k[i], m);
        v_text += (i ? ", " : "") + ref::to_fraction(v);
        if (v == 0) continue;
        kl = online::add(kl, online::mul(online::point(v), log_of(N * v)));
        const Interval term = online::mul(online::point(v), log_of(v));
        entropy = online::sub(entropy, term);
        plogp = online::add(plogp, term);
        if (v != 1) interior_term = true;
      }
      const Interval identity = online::sub(log_n, entropy);
      ++points;
      if (kl.hi < identity.lo || identity.hi < kl.lo) {
        result.verdict = Verdict::ReplayFailed;
        result.detail = "N = " + std::to_string(N) + ", v = (" + v_text + "): KL " + online::show(kl) +
                        " and log N − H " + online::show(identity) + " do not overlap";
        return result;
      }
      const bool bounded = interior_term ? plogp.hi < 0 : (plogp.lo == 0 && plogp.hi == 0);
      if (!bounded) {
        result.verdict = Verdict::Refuted;
        result.counterexample = Instance{{{"N", std::to_string(N)},
                                          {"v", "(" + v_text + ")"},
                                          {"KL", online::show(kl)},
                                          {"log N", online::show(log_n)}},
                                         {},
                                         {},
                                         "KL ＞ log N"};
        result.bound = "N = " + std::to_string(N);
        return result;
      }
      if (kl.hi > worst_kl.hi) {
        worst_kl = kl;
        worst_v = "N = " + std::to_string(N) + ", v = (" + v_text + ")";
      }
      // Next composition (lexicographic on k_1..k_{N−1}, k_N takes the rest).
      unsigned i = N - 1;
      while (i > 0) {
        --i;
        unsigned rest = 0;
        for (unsigned j = 0; j <= i; ++j) rest += k[j];
        if (rest < m) {
          ++k[i];
          for (unsigned j = i + 1; j + 1 < N; ++j) k[j] = 0;
          k[N - 1] = m - rest - 1;
          break;
        }
        if (i == 0) {
          i = N;  // done
          break;
        }
      }
      if (N == 1 || i == N) break;
    }
  }
  result.verdict = Verdict::Proved;
  result.bound = "N ≤ " + std::to_string(max_n) + ", grid 1/" + std::to_string(m) + " (" + std::to_string(points) +
                 " points, interval arithmetic, not SMT)";
  result.witness = Instance{
      {{"N", "6"}, {"v", "uniform"}, {"KL", "0 (exact: log 1 = 0)"}}, {}, {}, "the uniform start itself"};
  result.replay =
      "analytic: KL = log N − H(v⋆) and H ≥ 0; on the grid every KL enclosure meets log N − H and "
      "Σ v·log v ≤ 0 exactly (0 at vertices, negative upper end elsewhere); largest KL " +
      online::show(worst_kl) + " at " + worst_v + " (= log N at a vertex)";
  return result;
}

const bool registered = register_claim({"COR-MDIC-REGRET-KL",
                                        "KL divergence to a uniform start ≤ log N (interval arithmetic, not SMT)",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
