/// @file
/// Shared encoders of the top-survival, tail-risk, scaling and fairness-axiom
/// claims (group B): the allocation polytope, the largest-first queue by its
/// closed form for any order, pro-rata survivors, lower VaR and the Acerbi ES of
/// a finite distribution (as Z3 terms and in exact Rationals), a validity check
/// that prefers a readable counterexample, and small replay helpers.
#pragma once

#include "catalog.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <string>
#include <vector>

namespace adl::proofs::group_b {

/// w_1 ≥ w_2 ≥ … ≥ w_n ≥ 0: endowments in decreasing order (relabelling makes
/// this without loss of generality; then i₁ = 1 and the largest-first order is
/// the identity, ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
std::vector<z3::expr> sorted_decreasing(const std::vector<z3::expr>& w);

/// x ∈ P(w, B): 0 ≤ x_i ≤ w_i and Σ x_i = B.
/// @spec POL-VALID
std::vector<z3::expr> in_polytope(z3::context& ctx, const std::vector<z3::expr>& w,
                                  const std::vector<z3::expr>& x, const z3::expr& budget);

/// s = w − x.
/// @spec DEF-POST-ADL
std::vector<z3::expr> survivors(const std::vector<z3::expr>& w, const std::vector<z3::expr>& x);

/// The largest-first queue by its closed form for endowments in any order:
/// x_i = min(w_i, (B − Σ over j ahead of i of w_j)₊), where j is ahead of i iff
/// w_j ＞ w_i, or w_j = w_i and j ＜ i (ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
/// @spec POL-QUEUE
std::vector<z3::expr> largest_first_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                                const z3::expr& budget);

/// The lower α-quantile of a finite distribution with atoms `values` and
/// probabilities `probs` (Σ = 1): the smallest atom whose cumulative probability
/// is ≥ α, as a term (min over atoms of ite(F(X_j) ≥ α, X_j, max X)).
/// @spec MET-VAR
z3::expr lower_var(z3::context& ctx, const std::vector<z3::expr>& values,
                   const std::vector<z3::expr>& probs, const z3::expr& alpha);

/// (1 − α)·ES_α by the Acerbi sum: (F(v) − α)·v + Σ over atoms X ＞ v of Pr(X)·X
/// with v = VaR_α. Comparing these terms at one α compares the ES values.
/// @spec MET-ES
z3::expr tail_integral(z3::context& ctx, const std::vector<z3::expr>& values,
                       const std::vector<z3::expr>& probs, const z3::expr& alpha);

/// MET-VAR in exact Rationals (adl::ref has no VaR of a distribution yet).
/// @spec MET-VAR
ref::Rational lower_var(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                        const ref::Rational& alpha);

/// MET-ES (the Acerbi sum) in exact Rationals.
/// @spec MET-ES
ref::Rational expected_shortfall(const std::vector<ref::Rational>& values,
                                 const std::vector<ref::Rational>& probs, const ref::Rational& alpha);

/// Validity as prove_valid; when the claim is refuted, the query is repeated
/// with `preferred` (values pinned to a readable counterexample, e.g. the
/// reference's) and that model is reported when it is also a counterexample.
/// Sets `*used_preferred` accordingly.
/// @spec DEF-FINITE-CHECK
Validity prove_valid_preferring(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                                const z3::expr& conclusion, const std::vector<z3::expr>& preferred,
                                const Options& options, const std::string& name,
                                bool* used_preferred = nullptr);

/// The exact values of `exprs` in `model` (throws when one is irrational).
/// @spec DEF-FINITE-CHECK
std::vector<ref::Rational> rationals_of(const z3::model& model, const std::vector<z3::expr>& exprs,
                                        const std::string& what);

/// Z3 numerals for exact values.
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> pin(z3::context& ctx, const std::vector<z3::expr>& vars,
                          const std::vector<ref::Rational>& values);

/// adl::ref::queue with score s_i = w_i (POL-QUEUE-LARGEST-FIRST).
/// @spec POL-QUEUE-LARGEST-FIRST
ref::Allocation largest_first(const std::vector<ref::Rational>& w, const ref::Rational& budget);

/// w − x.
/// @spec DEF-POST-ADL
std::vector<ref::Rational> survivors(const std::vector<ref::Rational>& w,
                                     const std::vector<ref::Rational>& x);

/// max over the vector (0 for an empty vector; survivors are ≥ 0).
/// @spec DEF-POST-ADL
ref::Rational max_value(const std::vector<ref::Rational>& v);

/// Σ over the vector.
/// @spec DEF-CONVENTIONS
ref::Rational sum_value(const std::vector<ref::Rational>& v);

/// A wealth book: one winner per endowment (cash 0, PNL = w_i) followed by one
/// loser per deficit (cash 0, PNL = −d). Its D = Σ d and Δ = max d.
/// @spec DEF-EXCHANGE
ref::Book winners_and_losers(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& deficits);

/// Loser deficits with total D and maximum Δ (0 ＜ Δ ≤ D): Δ repeated, then the
/// remainder. Throws when more than 1000 losers would be needed.
/// @spec DEF-MAX-SHORTFALL
std::vector<ref::Rational> deficits_for(const ref::Rational& total, const ref::Rational& largest);

/// An allocation of adl::ref from seized amounts (haircut x/w, 0 when w = 0).
/// @spec POL-ADL-POLICY
ref::Allocation allocation_of(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x,
                              const ref::Rational& severity, const ref::Rational& budget);

/// "(10, 9)".
/// @spec FMT-NUMBER
std::string show(const std::vector<ref::Rational>& v);

}  // namespace adl::proofs::group_b
