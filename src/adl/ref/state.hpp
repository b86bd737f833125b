/// @file
/// The ADL state of a wealth-space book: equity decomposition, endowments,
/// deficit, capacity, winners and losers, leverage masses, caps.
#pragma once

#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace adl::ref {

/// Checks a wealth-space book against the domain of the model: unique
/// non-empty ids, cash c ≥ 0, caps h̄ ∈ [0, 1], leverage > 0, notional ≥ 0.
/// Throws InvalidInput naming the account and the field. Nothing is clamped.
/// @spec FMT-WEALTH-CSV
void validate_book(const Book& book);

/// e = c + PNL.
/// @spec DEF-EQUITY
Rational equity(const Account& account);

/// w = (PNL)₊, the haircutable endowment.
/// @spec DEF-ENDOWMENT
Rational endowment(const Account& account);

/// Effective cap β_i = clip_[0,1](min{h̄_i, 1 − (e̲_i − c_i)/w_i}); β_i = 0 when w_i = 0.
/// A missing h̄ is 1 and a missing e̲ is −∞ (the term drops out).
/// @spec DEF-CAPS
/// @spec AMB-P-06
Rational effective_cap(const Account& account);

/// The aggregate ADL state of a book at one time T.
/// @spec DEF-DEFICIT
struct BookState {
  std::vector<Rational> equity;      ///< e_i = c_i + PNL_i (DEF-EQUITY).
  std::vector<Rational> endowment;   ///< w_i = (PNL_i)₊ (DEF-ENDOWMENT).
  std::vector<Rational> cap;         ///< β_i (DEF-CAPS).
  Rational deficit;                  ///< D = Σ e_i⁻ (DEF-DEFICIT).
  Rational max_shortfall;            ///< Δ = max e_i⁻ (DEF-MAX-SHORTFALL).
  Rational capacity;                 ///< U = Σ w_i (DEF-CAPACITY).
  Rational max_endowment;            ///< υ = max w_i (DEF-MAX-CAPACITY).
  Rational capped_capacity;          ///< C(β) = Σ w_i β_i (DEF-MAX-CAP).
  Rational winner_equity;            ///< W = Σ e_i⁺ (DEF-SOLVENCY).
  Rational solvency;                 ///< Solv = Σ e_i = W − D (DEF-SOLVENCY).
  std::vector<std::size_t> winners;  ///< {i : e_i > 0} (DEF-WINNER-LOSER).
  std::vector<std::size_t> losers;   ///< {i : e_i < 0} (DEF-WINNER-LOSER).
};

/// Computes every aggregate of BookState. Validates the book first.
/// @spec DEF-DEFICIT
/// @spec DEF-MAX-SHORTFALL
/// @spec DEF-CAPACITY
/// @spec DEF-MAX-CAPACITY
/// @spec DEF-MAX-CAP
/// @spec DEF-WINNER-LOSER
/// @spec DEF-SOLVENCY
BookState summarize(const Book& book);

/// Exchange solvency: insolvent iff Solv ≤ 0; δ-insolvent iff Solv ≤ δ.
/// @spec DEF-DELTA-INSOLVENT
bool delta_insolvent(const BookState& state, const Rational& delta);

/// Severity θ ∈ [0, 1] is feasible iff θ·D ≤ U.
/// @spec DEF-FEASIBILITY
bool feasible(const BookState& state, const Rational& severity);

/// Leverage masses ℓ⁺ = Σ_{winners} λ⁺_i and ℓ⁻ = Σ_{losers} λ⁻_i, with
/// λ = notional / |e|. Needs a notional (position books) or a leverage column
/// (taken as the effective leverage λ) for every winner and loser.
/// @spec DEF-LEVERAGE-MASS
struct LeverageMasses {
  Rational winners;  ///< ℓ⁺.
  Rational losers;   ///< ℓ⁻.
};

/// Effective leverage λ_i = notional_i/|e_i| (DEF-EFFECTIVE-LEVERAGE), or the
/// book's leverage column when no notional is given; nullopt when neither is
/// known or e_i = 0.
/// @spec DEF-EFFECTIVE-LEVERAGE
std::optional<Rational> effective_leverage(const Account& account);

/// ℓ⁺ and ℓ⁻; throws InvalidInput naming the first account without a leverage.
/// @spec DEF-LEVERAGE-MASS
LeverageMasses leverage_masses(const Book& book);

/// How the budget of one round was requested.
/// @spec POL-VALID
struct BudgetRequest {
  std::optional<Rational> severity;  ///< θ ∈ [0, 1]; budget B = θ·D.
  std::optional<Rational> budget;    ///< B ≥ 0 in USD; severity θ = B/D.
  bool clip_to_capacity = false;     ///< Apply B = min(θ·D, U) (DEF-SEVERITY-POLICY) instead of failing.
};

/// A resolved (severity, budget) pair with B = θ·D.
/// @spec POL-VALID
struct Budget {
  Rational severity;     ///< θ.
  Rational budget;       ///< B = θ·D.
  bool clipped = false;  ///< True when clip_to_capacity lowered θ·D to U.
};

/// Resolves a request to (θ, B). With neither field set the full-coverage
/// budget B* = min(D, U) is used (DEF-SEVERITY-POLICY). D = 0 gives (0, 0).
/// Throws InvalidInput for θ ∉ [0, 1], B < 0, both fields set, or B > 0 with
/// D = 0; throws Infeasible for B > U unless clipping was asked for.
/// @spec DEF-SEVERITY-POLICY
Budget resolve_budget(const BookState& state, const BudgetRequest& request);

}  // namespace adl::ref
