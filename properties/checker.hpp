/// @file
/// The properties' names for the checker of src/adl/check (fx against the
/// exact reference under FX-ROUNDING): the same types and functions, brought
/// into adl::prop so the property sources read as before. The checker itself
/// is a library shared with the conformance oracle, the benchmarks and the CLI.
#pragma once

#include "adl/check/checker.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/number.hpp"
#include "adl/ref/number.hpp"
#include "adl/policy_kind.hpp"

namespace adl::prop {

using check::capacity_of;
using check::capture_fx;
using check::check_agreement;
using check::describe_input;
using check::exceeds_fx_range;
using check::format_fraction;
using check::format_money;
using check::FxEngine;
using check::FxOutput;
using check::Input;
using check::Outcome;
using check::outcome_name;
using check::Policy;
using check::RefOutput;
using check::rounding_invariants;
using check::run_fx;
using check::run_ref;
using check::uses_caps;
using check::Verdict;
using check::Contracts;
using check::Fraction;
using fx::i128;
using check::Money;
using adl::policy_name;
using ref::Rational;

}  // namespace adl::prop
