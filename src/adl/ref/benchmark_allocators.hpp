/// @file
/// Benchmark allocators of the empirical section (spec/policies.md §6 and
/// POL-CONTRACT-PRO-RATA): contract-space pro-rata and the budget projection of
/// vector mirror descent, in exact arithmetic.
#pragma once

#include "adl/ref/number.hpp"

#include <vector>

namespace adl::ref {

/// Continuous contract pro-rata in one market: with loss per contract d > 0 and
/// Q = B/d contracts to close, closed_i = min(|q_i|, Q·|q_i|/Σ|q|). Returns the
/// contracts closed (loss_i = d·closed_i). Throws InvalidInput for d ≤ 0, B < 0
/// or a negative quantity.
/// @spec POL-CONTRACT-PRO-RATA
std::vector<Rational> contract_pro_rata(const std::vector<Rational>& quantities, const Rational& loss_per_contract,
                                        const Rational& budget);

/// How the integer contract pro-rata turns Q into whole contracts.
/// @spec POL-CONTRACT-PRO-RATA
enum class ContractRounding {
  Ceil,   ///< ⌈Q⌉ (the benchmark's default).
  Floor,  ///< ⌊Q⌋.
  Round,  ///< nearest, ties to even (numpy's round).
};

/// Integer contract pro-rata, step by step as POL-CONTRACT-PRO-RATA gives it:
/// Q_int from the rounding; m_i = ⌊|q_i|⌋ closable contracts (the float code's
/// 10⁻¹² slack is not needed in exact arithmetic); ideal_i = Q_int·v_i/Σv over
/// accounts with m_i ≥ 1; base_i = min(⌊ideal_i⌋, m_i); one pass hands the
/// remainder out one contract at a time by decreasing fractional part of
/// ideal_i (ties: larger index first); what is left after the pass is dropped
/// (the benchmark's undershoot). Returns the whole contracts closed.
/// @spec POL-CONTRACT-PRO-RATA
std::vector<Rational> contract_pro_rata_integer(const std::vector<Rational>& quantities,
                                                const Rational& loss_per_contract, const Rational& budget,
                                                ContractRounding rounding = ContractRounding::Ceil);

/// Euclidean projection of y onto {x ∈ [0, 1]ⁿ : cᵀx = B}, exactly: x_i(λ) =
/// clip(y_i − λ·c_i, 0, 1) with λ the root of the nonincreasing piecewise-linear
/// Σ c_i·x_i(λ) − B, found on the sorted breakpoints. Requires c_i > 0 and
/// 0 ≤ B ≤ Σc (the Python clips B silently; here it is an InvalidInput).
/// @spec POL-VECTOR-MD
std::vector<Rational> project_onto_budget_box(const std::vector<Rational>& y, const std::vector<Rational>& weights,
                                              const Rational& budget);

}  // namespace adl::ref
