/// @file
/// Metrics of one ADL round and the validity predicates of a policy output.
#pragma once

#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace adl::ref {

/// One failed validity predicate.
/// @spec POL-VALID
struct Violation {
  std::string predicate;  ///< `budget-balance`, `feasibility`, `bounds`, `haircut`, `cap`, `min-equity`, `size`.
  std::optional<std::size_t> account;  ///< Index of the account, when the predicate is per account.
  std::string detail;                  ///< Human-readable explanation with the exact numbers.
};

/// The result of checking an allocation.
/// @spec POL-VALID
struct ValidityReport {
  std::vector<Violation> violations;  ///< Empty iff valid.
  /// True iff no predicate failed.
  [[nodiscard]] bool valid() const { return violations.empty(); }
};

/// Checks seized amounts against a book: budget balance Σx = θ·D (= B),
/// feasibility B ≤ U, bounds 0 ≤ x_i ≤ w_i (no principal touched), haircut
/// consistency h_i·w_i = x_i with h_i ∈ [0, 1] and h_i = 0 when w_i = 0, and —
/// when `enforce_caps` — h_i ≤ β_i and the minimum equity e'_i ≥ e̲_i.
/// @spec POL-VALID
ValidityReport check_allocation(const Book& book, const BookState& state, const Allocation& allocation,
                                bool enforce_caps);

/// Post-ADL metrics of one allocation.
/// @spec MET-PTSR
/// @spec MET-PMR
/// @spec DEF-POST-ADL
/// @spec DEF-POST-ADL-EQUITY
/// @spec MET-MAX-BURDEN
/// @spec MET-MAX-HAIRCUT
/// @spec MET-WINNERS-TOUCHED
/// @spec MET-SURVIVORS
/// @spec AMB-M-08
/// @spec THM-SEPARATION
struct RoundMetrics {
  std::vector<Rational> post_equity;  ///< e'_i = c_i + PNL_i − x_i (DEF-POST-ADL-EQUITY).
  std::vector<Rational> survivor;     ///< s_i = w_i − x_i (DEF-POST-ADL).
  Rational top_survivor;              ///< υ^π = max_i s_i (DEF-POST-ADL).
  Rational socialized;                ///< D^π = θ·D (DEF-POST-ADL, AMB-M-08).
  Rational remaining_deficit;         ///< (1 − θ)·D (THM-SEPARATION).
  std::optional<Rational> ptsr;       ///< υ^π / (θ·D); none when θ·D = 0 (MET-PTSR).
  std::optional<Rational> pmr;        ///< υ^π / (θ·Δ); none when θ·Δ = 0 (MET-PMR).
  Rational max_burden;                ///< max over e_i > 0 of x_i / e_i (MET-MAX-BURDEN).
  Rational max_haircut;               ///< max_i h_i.
  std::size_t winners_touched = 0;    ///< #{i : x_i > 0}.
  std::size_t surviving_winners = 0;  ///< #{i : w_i > 0 and s_i > 0}.
};

/// Computes RoundMetrics.
/// @spec MET-PTSR
RoundMetrics evaluate(const Book& book, const BookState& state, const Allocation& allocation);

/// Overshoot and undershoot of a budget against a needed budget.
/// @spec MET-OVERSHOOT
struct BudgetGap {
  Rational signed_gap;  ///< B − B_needed.
  Rational overshoot;   ///< (B − B_needed)₊.
  Rational undershoot;  ///< (B_needed − B)₊.
};

/// B − B_needed with its positive and negative parts.
/// @spec MET-OVERSHOOT
BudgetGap budget_gap(const Rational& budget, const Rational& needed);

/// x ≺_w y: every top-k sum of x is at most y's (vectors of equal length).
/// @spec MET-MAJORIZATION
/// @spec MET-SCHUR
bool weakly_submajorized(const std::vector<Rational>& x, const std::vector<Rational>& y);

/// x ≺ y: weak submajorization with equal totals.
/// @spec MET-MAJORIZATION
bool majorized(const std::vector<Rational>& x, const std::vector<Rational>& y);

}  // namespace adl::ref
