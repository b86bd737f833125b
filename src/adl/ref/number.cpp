#include "adl/ref/number.hpp"

#include "adl/ref/error.hpp"

#include <cctype>
#include <stdexcept>

namespace adl::ref {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

[[noreturn]] void reject(std::string_view text, const char* why) {
  throw std::invalid_argument("not a number: '" + std::string(text) + "' (" + why + ")");
}

// Base 10, explicitly: mpz_int's string constructor guesses the base and would
// read "010" as octal 8 (and "0.08" as an invalid octal).
boost::multiprecision::mpz_int parse_integer(std::string_view digits) {
  boost::multiprecision::mpz_int value = 0;
  for (char ch : digits) value = value * 10 + (ch - '0');
  return value;
}

Rational power_of_ten(unsigned long exponent) {
  boost::multiprecision::mpz_int p = 1;
  for (unsigned long i = 0; i < exponent; ++i) p *= 10;
  return Rational(p);
}

/// ⌊10^d·√x⌋ for x ≥ 0. With y = 10^(2d)·x and n = ⌊√y⌋: n² ≤ y < (n+1)²,
/// and n² is an integer ≤ y, hence n² ≤ ⌊y⌋ ≤ y < (n+1)², so n = ⌊√⌊y⌋⌋: the
/// integer square root of the integer ⌊y⌋, which GMP computes exactly
/// (mpz_sqrt rounds down).
Integer floor_sqrt_scaled(const Rational& x, const Integer& scale) {
  const Rational y = x * Rational(scale * scale);
  return boost::multiprecision::sqrt(floor_of(y));
}

}  // namespace

Rational parse_rational(std::string_view raw) {
  const std::string_view text = trim(raw);
  if (text.empty()) reject(raw, "empty");
  std::string_view s = text;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) reject(raw, "sign without digits");

  Rational value;
  if (const auto slash = s.find('/'); slash != std::string_view::npos) {
    const std::string_view num = s.substr(0, slash);
    const std::string_view den = s.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den)) reject(raw, "a fraction must be integer/integer");
    const auto d = parse_integer(den);
    if (d == 0) reject(raw, "zero denominator");
    value = Rational(parse_integer(num), d);
  } else {
    std::string_view mantissa = s;
    long exponent = 0;
    if (const auto e = s.find_first_of("eE"); e != std::string_view::npos) {
      mantissa = s.substr(0, e);
      std::string_view exp_text = s.substr(e + 1);
      bool exp_negative = false;
      if (!exp_text.empty() && (exp_text.front() == '+' || exp_text.front() == '-')) {
        exp_negative = exp_text.front() == '-';
        exp_text.remove_prefix(1);
      }
      if (!all_digits(exp_text)) reject(raw, "malformed exponent");
      if (exp_text.size() > 4) reject(raw, "exponent out of range (|e| must be below 10000)");
      exponent = std::stol(std::string(exp_text));
      if (exp_negative) exponent = -exponent;
    }
    const auto point = mantissa.find('.');
    std::string_view int_part = mantissa.substr(0, point);
    std::string_view frac_part = point == std::string_view::npos ? std::string_view{} : mantissa.substr(point + 1);
    if (int_part.empty() && frac_part.empty()) reject(raw, "no digits");
    if (!int_part.empty() && !all_digits(int_part)) reject(raw, "unexpected character");
    if (!frac_part.empty() && !all_digits(frac_part)) reject(raw, "unexpected character");
    const std::string digits = std::string(int_part) + std::string(frac_part);
    value = Rational(parse_integer(digits.empty() ? std::string_view("0") : std::string_view(digits)));
    exponent -= static_cast<long>(frac_part.size());
    if (exponent > 0) value *= power_of_ten(static_cast<unsigned long>(exponent));
    if (exponent < 0) value /= power_of_ten(static_cast<unsigned long>(-exponent));
  }
  return negative ? Rational(-value) : value;
}

std::string to_fraction(const Rational& value) { return value.str(); }

std::string to_decimal(const Rational& value, int max_fraction_digits) {
  using boost::multiprecision::mpz_int;
  const bool negative = value < 0;
  const Rational magnitude = negative ? Rational(-value) : value;
  mpz_int num = boost::multiprecision::numerator(magnitude);
  const mpz_int den = boost::multiprecision::denominator(magnitude);
  const mpz_int whole = num / den;
  mpz_int rest = num % den;
  std::string fraction;
  for (int i = 0; i < max_fraction_digits && rest != 0; ++i) {
    rest *= 10;
    fraction.push_back(static_cast<char>('0' + static_cast<int>(rest / den)));
    rest %= den;
  }
  bool rounded = false;
  mpz_int whole_out = whole;
  if (rest != 0) {
    rounded = true;
    // Round half away from zero on the magnitude.
    if (rest * 2 >= den) {
      int i = static_cast<int>(fraction.size()) - 1;
      for (; i >= 0; --i) {
        if (fraction[static_cast<std::size_t>(i)] == '9') {
          fraction[static_cast<std::size_t>(i)] = '0';
        } else {
          ++fraction[static_cast<std::size_t>(i)];
          break;
        }
      }
      if (i < 0) whole_out += 1;
    }
  }
  std::string out = (negative ? "-" : "") + whole_out.str();
  if (!fraction.empty()) out += "." + fraction;
  if (rounded) out += "\u2026";
  return out;
}

std::string format_exact(const Rational& value) {
  const std::string fraction = to_fraction(value);
  if (boost::multiprecision::denominator(value) == 1) return fraction;
  return fraction + " (" + to_decimal(value) + ")";
}

Rational positive_part(const Rational& x) { return x > 0 ? x : Rational(0); }

Rational negative_part(const Rational& x) { return x < 0 ? Rational(-x) : Rational(0); }

Rational abs_of(const Rational& x) { return x < 0 ? Rational(-x) : x; }

Integer floor_of(const Rational& x) {
  const Integer n = boost::multiprecision::numerator(x);
  const Integer d = boost::multiprecision::denominator(x);  // > 0
  Integer q = n / d;                                        // truncates toward 0
  if (n < 0 && q * d != n) q -= 1;
  return q;
}

Integer ceil_of(const Rational& x) { return -floor_of(-x); }

Integer round_half_even(const Rational& x) {
  const Integer f = floor_of(x);
  const Rational fraction = x - Rational(f);
  if (fraction < Rational(1, 2)) return f;
  if (fraction > Rational(1, 2)) return f + 1;
  return (f % 2 == 0) ? f : Integer(f + 1);
}

Integer pow10(unsigned digits) {
  Integer p = 1;
  for (unsigned i = 0; i < digits; ++i) p *= 10;
  return p;
}

Rational round_half_away(const Rational& x, unsigned digits) {
  const Integer scale = pow10(digits);
  const Rational scaled = abs_of(x) * Rational(scale);
  Integer whole = floor_of(scaled);
  if (scaled - Rational(whole) >= Rational(1, 2)) whole += 1;
  const Rational magnitude(whole, scale);
  return x < 0 ? Rational(-magnitude) : magnitude;
}

Rational floor_sqrt(const Rational& x, unsigned digits) {
  if (x < 0) throw InvalidInput("floor_sqrt of a negative number " + to_decimal(x, 12));
  const Integer scale = pow10(digits);
  return Rational(floor_sqrt_scaled(x, scale), scale);
}

Rational ceil_sqrt(const Rational& x, unsigned digits) {
  const Rational down = floor_sqrt(x, digits);
  if (down * down == x) return down;
  return down + Rational(Integer(1), pow10(digits));
}

}  // namespace adl::ref
