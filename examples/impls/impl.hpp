// Example implementations under test for `adl conform --impl` (spec/harness.md,
// CONF-PROTOCOL): one program speaking the line protocol, with an optional bug.
#pragma once

namespace adl::examples {

/// The deliberate bug of an example implementation.
enum class Bug {
  None = 0,          ///< adl-impl-fx: correct, wraps adl::fx.
  TiesReversed = 1,  ///< adl-impl-queue-ties-reversed: the queue breaks score ties by descending index.
  RoundUp = 2,       ///< adl-impl-pro-rata-round-up: pro-rata rounds every share up.
  CrashOnEmpty = 3,  ///< adl-impl-crash-on-empty: reads account 0 of an empty book (std::out_of_range, abort).
  Hang = 4,          ///< adl-impl-hang: its fill loop never ends when the budget equals the capacity.
};

/// Reads requests from standard input and writes one reply per request until end of input.
int run_implementation(Bug bug);

}  // namespace adl::examples
