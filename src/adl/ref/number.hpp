/// @file
/// Exact numbers of the reference model: rationals, their parsing and printing,
/// and the few exact roundings every module needs (floor, ceiling, powers of
/// ten, square roots on a decimal grid), written once here.
#pragma once

#include <boost/multiprecision/gmp.hpp>

#include <string>
#include <string_view>

namespace adl::ref {

/// The number type of the reference model: a GMP rational with expression
/// templates **off**, so `auto x = a * b;` is a value, never a dangling lazy
/// expression (STYLE.md, pitfalls).
using Rational = boost::multiprecision::number<boost::multiprecision::gmp_rational, boost::multiprecision::et_off>;

/// An exact integer (GMP), for floors, scales and integer square roots.
using Integer = boost::multiprecision::mpz_int;

/// Parses an exact rational from text.
///
/// Accepted forms (spec/formats.md, FMT-NUMBER): an optional sign, then
/// an integer (`-12`), a decimal (`3.25`, `.5`, `5.`), a decimal with a
/// base-10 exponent (`1.5e-3`, `2E6`), or a fraction of two integers (`7/16`,
/// `-3/4`). Surrounding spaces are ignored. Anything else — empty text, `nan`,
/// `inf`, a zero denominator, stray characters — throws `std::invalid_argument`
/// with a message that says what was wrong. The value is never rounded.
/// @spec FMT-NUMBER
Rational parse_rational(std::string_view text);

/// The exact value as an integer (`-3`) or a reduced fraction (`7/16`).
/// @spec FMT-NUMBER
std::string to_fraction(const Rational& value);

/// A decimal rendering with at most `max_fraction_digits` digits after the
/// point. Terminating expansions that fit are exact (`0.4375`); otherwise the
/// value is rounded half away from zero and marked with a trailing `…`
/// (`0.777778…`), so a rounded figure is never mistaken for an exact one.
/// @spec FMT-NUMBER
std::string to_decimal(const Rational& value, int max_fraction_digits = 6);

/// `7/16 (0.4375)`: the exact fraction followed by its decimal; integers and
/// short exact decimals print once (`15`, `1/2 (0.5)`).
/// @spec FMT-NUMBER
std::string format_exact(const Rational& value);

/// (x)₊ = max(x, 0).
/// @spec DEF-CONVENTIONS
Rational positive_part(const Rational& x);

/// x⁻ = max(−x, 0), the magnitude of the negative part.
/// @spec DEF-CONVENTIONS
Rational negative_part(const Rational& x);

/// |x|.
/// @spec DEF-CONVENTIONS
Rational abs_of(const Rational& x);

/// ⌊x⌋ (GMP division truncates toward zero; this rounds toward −∞).
/// @spec DEF-CONVENTIONS
Integer floor_of(const Rational& x);

/// ⌈x⌉.
/// @spec DEF-CONVENTIONS
Integer ceil_of(const Rational& x);

/// The integer nearest x, ties to even (numpy's round).
/// @spec POL-CONTRACT-PRO-RATA
Integer round_half_even(const Rational& x);

/// 10^digits.
/// @spec FMT-NUMBER
Integer pow10(unsigned digits);

/// x rounded to `digits` decimals, halves away from zero (the pipeline's and
/// the papers' printed figures).
/// @spec EMP-FINDINGS
Rational round_half_away(const Rational& x, unsigned digits);

/// ⌊10^d·√x⌋/10^d for x ≥ 0, exactly (an integer square root); throws
/// InvalidInput for x ＜ 0.
/// @spec EMP-BOUND
Rational floor_sqrt(const Rational& x, unsigned digits);

/// ⌈10^d·√x⌉/10^d for x ≥ 0, exactly: the upward counterpart of floor_sqrt,
/// for bounds that must never be understated.
/// @spec SIM-BOUNDS
Rational ceil_sqrt(const Rational& x, unsigned digits);

}  // namespace adl::ref
