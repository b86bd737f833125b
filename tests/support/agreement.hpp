// Agreement of an exact value with a figure the paper printed from rounded
// intermediates (AMB-M-09).
#pragma once

#include "adl/ref/number.hpp"

#include <gtest/gtest.h>

namespace adl::test {

// AMB-M-09: the paper's figures come from rounded intermediates. A printed
// value "agrees to d significant digits" with the exact one when they differ
// by at most half a unit in the d-th significant digit of the printed value.
inline ::testing::AssertionResult agrees(const adl::ref::Rational& exact, const char* printed_text, int digits) {
  const adl::ref::Rational printed = adl::ref::parse_rational(printed_text);
  const adl::ref::Rational magnitude = printed < 0 ? adl::ref::Rational(-printed) : printed;
  adl::ref::Rational tolerance = 0;
  if (magnitude != 0) {
    adl::ref::Rational unit = 1;  // 10^k with 10^k ≤ |printed| < 10^(k+1)
    while (magnitude >= unit * 10) unit *= 10;
    while (magnitude < unit) unit /= 10;
    for (int i = 1; i < digits; ++i) unit /= 10;
    tolerance = unit / 2;
  }
  const adl::ref::Rational gap = exact > printed ? adl::ref::Rational(exact - printed)
                                                 : adl::ref::Rational(printed - exact);
  if (gap <= tolerance) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "exact " << exact << " (" << adl::ref::to_decimal(exact, 6) << ") vs printed "
                                       << printed_text << ": off by " << adl::ref::to_decimal(gap, 6) << " > "
                                       << adl::ref::to_decimal(tolerance, 6);
}

}  // namespace adl::test
