// Statement (@spec THM-PR-UNIQUE-UNCAPPED): for rational endowments, a rule with 0 ≤ s_i ≤ w_i and
//   Σ s_i = U − H that satisfies AX-SYBIL and AX-EQUAL-TREATMENT gives s_i = w_i·(1 − H/U).
// Encoding: QF_LRA. For an integer total U: one unknown s(P, a) per partition P of U and distinct
//   part size a of P (AX-EQUAL-TREATMENT: equal parts of one profile get equal survivors), and H
//   free in (0, U) (stronger than the reference's fixed H). Constraints: 0 ≤ s(P, a) ≤ a;
//   Σ over the parts of P of s = U − H; AX-SYBIL for every split of a part a of P into b + c:
//   s(P′, b) + s(P′, c) = s(P, a), P′ = P with a replaced by b, c. Claim: s(P, a)·U = a·(U − H) for
//   all P, a.
// Assumptions and bounds: every integer U from 1 to the bound (default 6; --max-n sets it).
// Expected: PROVED.
// Not modelled: real endowments (by approximation), AX-SCALE, AX-MONO, AX-REGULARITY (unneeded).
// Replay: on the witness (each U), adl::ref::pro_rata runs on every partition profile at the
//   witness H and must give the model's survivors exactly.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include <algorithm>
#include <map>

namespace adl::proofs {
namespace {

using Partition = std::vector<unsigned>;  // parts in decreasing order

void partitions(unsigned left, unsigned largest, Partition& current, std::vector<Partition>& out) {
  if (left == 0) {
    out.push_back(current);
    return;
  }
  for (unsigned a = std::min(left, largest); a >= 1; --a) {
    current.push_back(a);
    partitions(left - a, a, current, out);
    current.pop_back();
  }
}

Partition canonical(Partition p) {
  std::sort(p.begin(), p.end(), std::greater<>());
  return p;
}

// Size::n is the integer U: every profile of endowments summing to U, one unknown survivor per part.
runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned U = size.n;
  std::vector<Partition> profiles;
  Partition scratch;
  partitions(U, U, scratch, profiles);
  std::map<std::pair<Partition, unsigned>, z3::expr> s;
  std::vector<std::pair<std::string, z3::expr>> named;
  for (const Partition& P : profiles) {
    for (const unsigned a : P) {
      if (s.count({P, a}) != 0) continue;
      std::string name = "s_{";
      for (std::size_t k = 0; k < P.size(); ++k) name += (k == 0 ? "" : "+") + std::to_string(P[k]);
      name += "}_" + std::to_string(a);
      const z3::expr e = ctx.real_const(name.c_str());
      s.emplace(std::make_pair(P, a), e);
      named.emplace_back(name, e);
    }
  }
  const z3::expr H = ctx.real_const("H");
  const z3::expr u = ctx.real_val(static_cast<int>(U));
  std::vector<z3::expr> assumptions{H > 0, H < u};
  z3::expr conclusion = ctx.bool_val(true);
  for (const auto& [key, e] : s) {
    const z3::expr a = ctx.real_val(static_cast<int>(key.second));
    assumptions.push_back(e >= 0);
    assumptions.push_back(e <= a);
    conclusion = conclusion && e * u == a * (u - H);
  }
  for (const Partition& P : profiles) {
    z3::expr total = ctx.real_val(0);
    for (const unsigned a : P) total = total + s.at({P, a});
    assumptions.push_back(total == u - H);
    for (std::size_t k = 0; k < P.size(); ++k) {
      if (k > 0 && P[k] == P[k - 1]) continue;
      for (unsigned b = 1; b < P[k]; ++b) {
        Partition split = P;
        split.erase(split.begin() + static_cast<std::ptrdiff_t>(k));
        split.push_back(b);
        split.push_back(P[k] - b);
        split = canonical(split);
        assumptions.push_back(s.at({split, b}) + s.at({split, P[k] - b}) == s.at({P, P[k]}));
      }
    }
  }
  named.emplace_back("H", H);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  q.witness = {{}, named, "assumptions hold (U = " + std::to_string(U) + ")"};
  q.counterexample = {{}, named};
  q.replay = [profiles, s, H, U](const z3::model& m) {
    const ref::Rational h = rational_of(m, H, "H");
    for (const Partition& P : profiles) {
      std::vector<ref::Rational> w(P.begin(), P.end());
      const auto a = ref::pro_rata(w, h);
      for (std::size_t k = 0; k < P.size(); ++k) {
        if (rational_of(m, s.at({P, P[k]}), "s") != w[k] - a.seized[k]) {
          return runner::mismatch("adl::ref::pro_rata on " + books::show(w) + " differs from the model's survivors");
        }
      }
    }
    return runner::reproduced("U = " + std::to_string(U) + ": " + std::to_string(profiles.size()) + " profiles, " +
                              std::to_string(s.size()) + " unknowns; at the witness H = " + ref::to_fraction(h) +
                              " adl::ref::pro_rata gives the model's survivors on every profile");
  };
  return q;
}

const bool registered = register_claim(runner::sized(
    "THM-PR-UNIQUE-UNCAPPED", "AX-SYBIL and AX-EQUAL-TREATMENT force pro-rata (integer U)", Verdict::Proved,
    [](const Options& options) {
      const unsigned max_u = runner::bound(options.max_n, 6);
      return runner::Grid{runner::sizes(1, max_u, "U"), "U ≤ " + std::to_string(max_u)};
    },
    query));

}  // namespace
}  // namespace adl::proofs
