// Statement (@spec THM-NEWSVENDOR): for r, κ_rep ＞ 0 and D_T ≥ 0, K⋆ = VaR at level 1 − r/κ_rep
//   of D_T (lower quantile) minimises J(K) = r·K + κ_rep·E[(D_T − K)₊] over K ≥ 0, and K⋆ = 0 if
//   r ≥ κ_rep; with atoms the minimisers form an interval whose smallest point is K⋆.
// Encoding: QF_NRA (r·K and κ·(d_j − K)₊ are products of variables). Variables: atoms
//   d_1 ≤ … ≤ d_m (sorted w.l.o.g.), r, κ, K; fixed probabilities p_j (uniform, and increasing
//   p_j = j/Σ, accounting::probability_vectors). J by if-then-else for (·)₊. K⋆ = the smallest
//   atom with cumulative probability F_j ≥ 1 − r/κ, cleared as κ·F_j ≥ κ − r (κ ＞ 0), by an
//   if-then-else chain.
// Assumptions and bounds: d_1 ≥ 0; 0 ＜ r ＜ κ: (i) K ≥ 0 ⇒ J(K) ≥ J(K⋆); (ii) 0 ≤ K ＜ K⋆ ⇒
//   J(K) ＞ J(K⋆) (K⋆ is the smallest minimiser); and (iii) r ≥ κ ＞ 0, K ≥ 0 ⇒ J(K) ≥ J(0). Every
//   m from 1 to the bound (default 5 atoms; --max-n caps it at 5), both probability vectors.
// Expected: PROVED (every negation unsat; every assumption set satisfiable).
// Not modelled: non-atomic laws of D_T (the paper's proof assumes a density); free
//   probabilities (fixed rational vectors).
// Replay: on a non-degenerate witness of each query (0 ＜ d_1 ＜ … ＜ d_m, K ≠ K⋆ or K ＞ 0) the
//   atoms run through adl::ref::optimal_insurance, which must return the model's K⋆ (0 in (iii)),
//   and adl::ref::insurance_cost must equal the model's J at K and K⋆ and satisfy the inequality
//   of the part; in (i) J(K⋆) is also compared with J at 0 and at every atom.
#include "catalog.hpp"
#include "accounting.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

struct Newsvendor {
  Newsvendor(z3::context& ctx, std::vector<Rational> probs)
      : probabilities(std::move(probs)),
        atoms(reals(ctx, "d", static_cast<unsigned>(probabilities.size()))),
        r(ctx.real_const("r")),
        kappa(ctx.real_const("kappa")),
        K(ctx.real_const("K")) {}
  std::vector<Rational> probabilities;
  std::vector<z3::expr> atoms;
  z3::expr r, kappa, K;

  [[nodiscard]] z3::expr cost(const z3::expr& fund) const {
    z3::expr expected = r.ctx().real_val(0);
    for (std::size_t j = 0; j < atoms.size(); ++j) {
      expected = expected + real_val(r.ctx(), probabilities[j]) * positive_part(atoms[j] - fund);
    }
    return r * fund + kappa * expected;
  }
  [[nodiscard]] z3::expr optimum() const {  // K⋆, the chain built from the last atom down
    z3::expr chosen = atoms.back();
    Rational cumulative = 1;
    for (std::size_t j = atoms.size() - 1; j-- > 0;) {
      cumulative -= probabilities[j + 1];
      chosen = z3::ite(kappa * real_val(r.ctx(), cumulative) >= kappa - r, atoms[j], chosen);
    }
    return chosen;
  }
  [[nodiscard]] std::vector<z3::expr> sorted() const {
    std::vector<z3::expr> out{atoms.front() >= 0};
    for (std::size_t j = 1; j < atoms.size(); ++j) out.push_back(atoms[j - 1] <= atoms[j]);
    return out;
  }
  [[nodiscard]] std::vector<z3::expr> distinct() const {
    std::vector<z3::expr> out{atoms.front() > 0};
    for (std::size_t j = 1; j < atoms.size(); ++j) out.push_back(atoms[j - 1] < atoms[j]);
    return out;
  }
};

enum class Part { Minimises, Smallest, NoFund };

// The exact replay of one witness; empty when adl::ref agrees.
std::string replay(const z3::model& m, const Newsvendor& nv, Part part, std::string& shown) {
  std::vector<ref::Atom> law;
  const auto d = rationals_of(m, nv.atoms, "d");
  for (std::size_t j = 0; j < d.size(); ++j) law.push_back({d[j], nv.probabilities[j]});
  const Rational r = rational_of(m, nv.r, "r"), kappa = rational_of(m, nv.kappa, "kappa"),
                 K = rational_of(m, nv.K, "K");
  const Rational encoded_star = part == Part::NoFund ? Rational(0) : rational_of(m, nv.optimum(), "K*");
  const Rational star = ref::optimal_insurance(law, r, kappa);
  const Rational j_star = ref::insurance_cost(law, r, kappa, star), j_k = ref::insurance_cost(law, r, kappa, K);
  shown = "atoms " + books::show(d) + " with p = " + books::show(nv.probabilities) + ", r = " + ref::to_fraction(r) +
          ", κ = " + ref::to_fraction(kappa) + ": K⋆ = " + ref::to_fraction(star) +
          ", J(K⋆) = " + ref::to_fraction(j_star) + ", J(" + ref::to_fraction(K) + ") = " + ref::to_fraction(j_k);
  if (star != encoded_star)
    return "adl::ref::optimal_insurance gives " + ref::to_fraction(star) + ", the encoding " +
           ref::to_fraction(encoded_star);
  if (j_star != rational_of(m, nv.cost(real_val(nv.r.ctx(), star)), "J(K*)") ||
      j_k != rational_of(m, nv.cost(nv.K), "J(K)")) {
    return "adl::ref::insurance_cost disagrees with the encoded J";
  }
  bool holds = part == Part::Smallest ? K < star && j_k > j_star : j_k >= j_star;
  if (part == Part::Minimises) {
    holds = holds && ref::insurance_cost(law, r, kappa, 0) >= j_star;
    for (const Rational& dj : d) holds = holds && ref::insurance_cost(law, r, kappa, dj) >= j_star;
  }
  return holds ? std::string() : "the inequality fails in exact Rationals: " + shown;
}

const char* label(Part part) {
  return part == Part::Minimises ? "minimises" : part == Part::Smallest ? "smallest" : "no-fund";
}

// Size::n is the number of atoms m, Size::k = 3·(probability vector) + (part).
runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const Part part = static_cast<Part>(size.k % 3);
  const Newsvendor nv(ctx, accounting::probability_vectors(size.n)[size.k / 3]);
  const z3::expr star = part == Part::NoFund ? ctx.real_val(0) : nv.optimum();
  auto assumptions = nv.sorted();
  auto preferences = nv.distinct();
  z3::expr conclusion = nv.cost(nv.K) >= nv.cost(star);
  if (part == Part::NoFund) {
    assumptions.push_back(nv.kappa > 0 && nv.r >= nv.kappa && nv.K >= 0);
    preferences.push_back(nv.K > 0);
  } else {
    assumptions.push_back(nv.r > 0 && nv.r < nv.kappa);
    if (part == Part::Minimises) {
      assumptions.push_back(nv.K >= 0);
      preferences.push_back(nv.K != star);
    } else {
      assumptions.push_back(nv.K >= 0 && nv.K < star);
      conclusion = nv.cost(nv.K) > nv.cost(star);
    }
  }
  runner::SizedQuery q = runner::non_degenerate_query(
      assumptions, conclusion, preferences, {{"p", numerals(ctx, nv.probabilities)}, {"d", nv.atoms}},
      {{"r", nv.r}, {"κ_rep", nv.kappa}, {"K", nv.K}, {"K⋆", star}, {"J(K)", nv.cost(nv.K)}, {"J(K⋆)", nv.cost(star)}});
  q.show_witness = part == Part::Minimises;  // the claim shows the minimisation itself
  q.replay = [nv, part, name = "THM-NEWSVENDOR" + size.tag](const z3::model& m) {
    std::string shown;
    const std::string mismatch = replay(m, nv, part, shown);
    if (!mismatch.empty()) return runner::mismatch(name + ": " + mismatch);
    if (part != Part::Minimises) return runner::reproduced({});
    return runner::reproduced(
        "on every witness adl::ref::optimal_insurance returns the encoded K⋆ (0 when r ≥ κ) and "
        "adl::ref::insurance_cost reproduces J and the inequalities; last: " +
        shown);
  };
  return q;
}

runner::Grid grid(const Options& options) {
  const unsigned max_m = runner::bound(options.max_n, 5, 5);
  runner::Grid grid{{}, "≤ " + std::to_string(max_m) + " atoms, 2 probability vectors"};
  for (unsigned m = 1; m <= max_m; ++m) {
    for (unsigned pv = 0; pv < accounting::probability_vectors(m).size(); ++pv) {
      for (const Part part : {Part::Minimises, Part::Smallest, Part::NoFund}) {
        grid.sizes.push_back({m, 3 * pv + static_cast<unsigned>(part), std::to_string(m) + " atoms, " + label(part),
                              ".m" + std::to_string(m) + ".p" + std::to_string(pv + 1) + "." + label(part)});
      }
    }
  }
  return grid;
}

const bool registered = register_claim(
    runner::sized("THM-NEWSVENDOR", "optimal fund = lower VaR at 1 − r/κ", Verdict::Proved, grid, query));

}  // namespace
}  // namespace adl::proofs
