/// @file
/// Errors raised by the reference model. Nothing in `adl::ref` clamps an
/// impossible input silently: it throws one of these with a message.
#pragma once

#include <stdexcept>
#include <string>

namespace adl::ref {

/// An input outside the model's domain: a negative quantity or endowment, a
/// haircut cap outside [0, 1], a severity outside [0, 1], a missing leverage a
/// policy needs. The message names the account and the field.
class InvalidInput : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A request the book cannot honour: a budget above the capacity U (or above
/// the capped capacity C(β)), a positive budget with no endowment to seize.
/// @spec POL-VALID
class Infeasible : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

}  // namespace adl::ref
