/// @file
/// The aggregates of an fx book (the fixed-point form of ref::BookState) and
/// the per-round metrics of an fx allocation, exact: money stays integral and
/// every ratio is kept as an integer numerator and denominator (FX-METRICS).
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/number.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace adl::fx {

/// The aggregates of a book, in micro-USD, each checked to fit int64.
/// @spec FX-METRICS
/// @spec DEF-DEFICIT
struct BookState {
  Money deficit = 0;          ///< D = Σ e_i⁻ (DEF-DEFICIT).
  Money max_shortfall = 0;    ///< Δ = max e_i⁻ (DEF-MAX-SHORTFALL).
  Money capacity = 0;         ///< U = Σ w_i (DEF-CAPACITY).
  Money max_endowment = 0;    ///< υ = max w_i (DEF-MAX-CAPACITY).
  Money capped_capacity = 0;  ///< C = Σ c_i, U when the book has no cap column (DEF-MAX-CAP).
  Money winner_equity = 0;    ///< W = Σ e_i⁺ (DEF-SOLVENCY).
  Money solvency = 0;         ///< Solv = W − D (DEF-SOLVENCY).
  std::size_t winners = 0;    ///< #{i : e_i ＞ 0} (DEF-WINNER-LOSER).
  std::size_t losers = 0;     ///< #{i : e_i ＜ 0} (DEF-WINNER-LOSER).
};

/// Computes every aggregate. Needs the endowment and equity columns (and the cap
/// column when present) of equal length, w ≥ 0 and c ∈ [0, w]; InvalidInput
/// otherwise, Overflow when a sum leaves int64 (FX-OVERFLOW).
/// @spec FX-METRICS
/// @spec DEF-DEFICIT
/// @spec DEF-MAX-SHORTFALL
/// @spec DEF-CAPACITY
/// @spec DEF-MAX-CAP
/// @spec DEF-SOLVENCY
BookState summarize(const Book& book);

/// An exact non-negative ratio numerator/denominator of integers (denominator ＞ 0),
/// as the metrics produce it; reduce it where it is shown.
/// @spec FX-METRICS
struct Ratio {
  i128 numerator = 0;    ///< ≥ 0.
  i128 denominator = 1;  ///< ＞ 0.
};

/// a ＜ b for ratios with numerators and denominators non-negative (any 128-bit values),
/// compared exactly (FX-WIDE).
/// @spec FX-METRICS
/// @spec FX-WIDE
bool less(const Ratio& a, const Ratio& b);

/// The per-round metrics of MET-PTSR, ..., on an fx allocation: the fixed-point
/// form of ref::RoundMetrics without the per-account vectors (post-ADL equity
/// e_i − x_i and survivor w_i − x_i are one subtraction each, left to the caller).
/// @spec FX-METRICS
/// @spec MET-PTSR
/// @spec MET-PMR
/// @spec MET-MAX-BURDEN
struct RoundMetrics {
  Money top_survivor = 0;             ///< υ^π = max (w_i − x_i)₊ (DEF-POST-ADL).
  Money socialized = 0;               ///< θ·D = B (DEF-POST-ADL).
  Money remaining_deficit = 0;        ///< (1 − θ)·D = D − B (THM-SEPARATION).
  std::optional<Ratio> ptsr;          ///< υ^π/B; none when B = 0 (MET-PTSR).
  std::optional<Ratio> pmr;           ///< υ^π/(θ·Δ) = υ^π·D/(B·Δ); none when θ·Δ = 0 (MET-PMR).
  Ratio max_burden;                   ///< max over e_i ＞ 0 of x_i/e_i; 0 when none (MET-MAX-BURDEN).
  Ratio max_haircut;                  ///< max over w_i ＞ 0 of x_i/w_i; 0 when none.
  std::size_t winners_touched = 0;    ///< #{i : x_i ＞ 0}.
  std::size_t surviving_winners = 0;  ///< #{i : w_i ＞ 0 and w_i − x_i ＞ 0}.
};

/// Computes the metrics of an allocation whose budget B = θ·D (θ = B/D, so a
/// budget above D is InvalidInput). Seized amounts must match the book's size.
/// @spec FX-METRICS
/// @spec MET-PTSR
/// @spec MET-PMR
/// @spec MET-MAX-BURDEN
RoundMetrics evaluate(const Book& book, const BookState& state, const Allocation& allocation);

/// The validity predicates of POL-VALID on integers: budget balance Σ x = B,
/// bounds 0 ≤ x_i ≤ w_i and, when `enforce_caps`, x_i ≤ c_i. Returns one line
/// per violated predicate (the first offending account named by index); empty
/// when valid.
/// @spec FX-METRICS
/// @spec POL-VALID
std::vector<std::string> violations(const Book& book, const Allocation& allocation, bool enforce_caps);

}  // namespace adl::fx
