// Exact literals for tests: q("7/16") and v({"8", "4", "1/2"}), read with the
// library's FMT-NUMBER parser (decimals like "0.4667" are exact too).
#pragma once

#include "adl/ref/number.hpp"

#include <initializer_list>
#include <vector>

namespace adl::test {

/// One exact rational from its text.
inline adl::ref::Rational q(const char* text) { return adl::ref::parse_rational(text); }

/// A vector of exact rationals.
inline std::vector<adl::ref::Rational> v(std::initializer_list<const char*> items) {
  std::vector<adl::ref::Rational> out;
  out.reserve(items.size());
  for (const char* s : items) out.push_back(q(s));
  return out;
}

}  // namespace adl::test
