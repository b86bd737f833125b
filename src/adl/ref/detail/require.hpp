/// @file
/// Domain checks shared by the sources of adl::ref: each throws InvalidInput
/// naming the field and the offending exact value (nothing is clamped).
#pragma once

#include "adl/ref/error.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <string>

namespace adl::ref::detail {

/// `name[i]`: the field name of one element of a column in messages.
inline std::string indexed(const char* name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

inline void require_nonnegative(const Rational& value, const std::string& field) {
  if (value < 0) throw InvalidInput(field + " must be >= 0, got " + to_fraction(value));
}

inline void require_positive(const Rational& value, const std::string& field) {
  if (value <= 0) throw InvalidInput(field + " must be > 0, got " + to_fraction(value));
}

/// [0, 1]: shares, caps, haircuts.
inline void require_unit(const Rational& value, const std::string& field) {
  if (value < 0 || value > 1) {
    throw InvalidInput(field + " must lie in [0, 1], got " + to_fraction(value));
  }
}

/// (0, 1): margin ratios m_I and m_μ.
inline void require_open_unit(const Rational& value, const std::string& field) {
  if (value <= 0 || value >= 1) {
    throw InvalidInput(field + " must lie in (0, 1), got " + to_fraction(value));
  }
}

}  // namespace adl::ref::detail
