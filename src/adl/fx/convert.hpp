/// @file
/// The seam between fx and the exact reference (the only fx file that uses
/// adl::ref): the exact image of an fx input (FX-TO-EXACT), the rounding of an
/// exact result to fx (FX-ROUNDING), and checked conversion of exact books and
/// values into fixed point.
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/number.hpp"

#include "adl/ref/benchmark_allocators.hpp"
#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <span>
#include <string>
#include <vector>

namespace adl::fx {

/// raw·10⁻⁶ USD.
/// @spec FX-TO-EXACT
ref::Rational to_exact_money(Money raw);

/// raw·10⁻⁹.
/// @spec FX-TO-EXACT
ref::Rational to_exact_fraction(Fraction raw);

/// raw·10^(−decimals) contracts.
/// @spec FX-TO-EXACT
ref::Rational to_exact_quantity(Contracts raw, int decimals);

/// A money column in USD.
/// @spec FX-TO-EXACT
std::vector<ref::Rational> to_exact_money(std::span<const Money> raw);

/// A fraction column.
/// @spec FX-TO-EXACT
std::vector<ref::Rational> to_exact_fractions(std::span<const Fraction> raw);

/// A quantity column in contracts.
/// @spec FX-TO-EXACT
std::vector<ref::Rational> to_exact_quantities(std::span<const Contracts> raw, int decimals);

/// The exact caps the reference runs on: β′_i = c_i/w_i, and 0 when w_i = 0.
/// @spec FX-TO-EXACT
/// @spec FX-SCALES
std::vector<ref::Rational> to_exact_caps(std::span<const Money> endowment, std::span<const Money> caps);

/// Queue scores: infinite_score becomes an infinite ref::Score, others raw·10⁻⁹.
/// @spec FX-TO-EXACT
/// @spec AMB-P-03
std::vector<ref::Score> to_exact_scores(std::span<const Fraction> scores);

/// The reference's rounding of Q for contract pro-rata.
/// @spec FX-TO-EXACT
ref::ContractRounding to_exact(ContractRounding rounding);

/// The exact image of an fx book: the reference's policy input (FX-TO-EXACT).
/// @spec FX-TO-EXACT
using ExactBook = ref::PolicyInput;

/// Maps every column of an fx book to its exact value (no rounding): w and e
/// in USD, caps β′ = c/w (left empty when the book has no cap column), scores,
/// fractions, quantities in contracts, d in USD.
/// @spec FX-TO-EXACT
ExactBook to_exact(const Book& book);

/// The exact input of the reference policy `kind` on an fx book: w and the
/// columns the policy reads (ref::policy_info(kind).reads), nothing else, so a
/// column the policy ignores cannot make the conversion fail.
/// @spec FX-TO-EXACT
ref::PolicyInput to_exact(const Book& book, ref::PolicyKind kind);

/// FX-ROUNDING, written directly from the spec on exact rationals: x⋆ in USD
/// (as the reference returns it), budget B in micro-USD. Floors 10⁶·x⋆_i, then
/// gives the B − Σ⌊·⌋ leftover micro-USD one each to the largest exact
/// remainders, ties by ascending index. Throws InvalidInput when some x⋆_i ＜ 0
/// or Σ 10⁶·x⋆ ≠ B; Overflow when a result leaves int64.
/// @spec FX-ROUNDING
std::vector<Money> round_to_fx(const std::vector<ref::Rational>& exact_seized_usd, Money budget);

/// Whole contracts from an exact result that must be integral (InvalidInput
/// otherwise; Overflow outside int64).
/// @spec FX-ROUNDING
/// @spec FX-POL-CONTRACT-PRO-RATA
std::vector<Contracts> to_fx_contracts(const std::vector<ref::Rational>& closed);

/// An exact USD amount as micro-USD. Not a multiple of 10⁻⁶: InvalidInput naming
/// `what`; outside int64: Overflow naming `what`. Never rounds.
/// @spec FX-TO-EXACT
/// @spec FX-OVERFLOW
Money to_fx_money(const ref::Rational& usd, const std::string& what);

/// An exact fraction at 10⁻⁹. Not a multiple of 10⁻⁹: InvalidInput naming
/// `what`; outside int64: Overflow. Never rounds.
/// @spec FX-TO-EXACT
/// @spec FX-OVERFLOW
Fraction to_fx_fraction(const ref::Rational& value, const std::string& what);

/// The money cap ⌊β·w⌋ (micro-USD) of an exact cap fraction β ∈ [0, 1] and an
/// endowment w in micro-USD: the one stated rounding of FX-SCALES.
/// @spec FX-SCALES
/// @spec DEF-CAPS
Money to_fx_cap(const ref::Rational& cap_fraction, Money endowment, const std::string& what);

/// Queue scores from the reference's (an infinite score becomes infinite_score);
/// each finite score must be a multiple of 10⁻⁹ below INT64_MAX·10⁻⁹.
/// @spec FX-TO-EXACT
/// @spec DEF-QUEUE-SCORE
std::vector<Fraction> to_fx_scores(const std::vector<ref::Score>& scores);

/// A wealth-space book in fixed point, checked, never rounded (FX-TO-EXACT):
/// endowment (PnL)₊, equity cash + PnL, money caps ⌊β_i·w_i⌋ from the exact
/// effective caps (DEF-CAPS), leverage and explicit score (0 where absent).
/// Validates the book first (ref::validate_book); a money field (cash, PnL,
/// minimum equity) not a multiple of 10⁻⁶ or a fraction field (leverage, score,
/// maximum haircut) not a multiple of 10⁻⁹ is InvalidInput naming the account
/// and the field; a value outside int64 is Overflow. Contract columns stay empty.
/// @spec FX-TO-EXACT
/// @spec FX-SCALES
Book from_ref_book(const ref::Book& book);

}  // namespace adl::fx
