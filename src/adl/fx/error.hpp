/// @file
/// Errors raised by the fixed-point engine. Domain errors reuse the reference's
/// exception types (a plain header, no algorithm), so a caller handles both
/// engines alike; overflow of a fixed-point quantity is fx's own error.
#pragma once

#include "adl/ref/error.hpp"

#include <stdexcept>
#include <string>

namespace adl::fx {

/// An input outside the model's domain (negative endowment, cap outside
/// [0, w_i], negative budget, ...): the reference's type, same meaning.
/// @spec FX-OVERFLOW
using InvalidInput = adl::ref::InvalidInput;

/// A budget above the policy's capacity: the reference's type, same meaning.
/// @spec FX-OVERFLOW
/// @spec POL-VALID
using Infeasible = adl::ref::Infeasible;

/// A fixed-point quantity left its range (int64, a 128-bit sum, uint32 indices).
/// The message names the quantity. fx never wraps and never clamps.
/// @spec FX-OVERFLOW
class Overflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

}  // namespace adl::fx
