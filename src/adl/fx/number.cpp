#include "adl/fx/number.hpp"

namespace adl::fx {

void throw_overflow(const std::string& what) {
  throw Overflow("fx overflow: " + what + " does not fit the fixed-point range (FX-OVERFLOW)");
}

std::int64_t checked_sum(std::span<const std::int64_t> values, const char* what) {
  i128 total = 0;  // at most 2³² terms of magnitude ≤ 2⁶³: no 128-bit overflow
  for (const std::int64_t v : values) total += v;
  return narrow_to_int64(total, what);
}

void require_indexable(std::size_t accounts) {
  if (accounts > max_accounts) {
    throw_overflow("the number of accounts (" + std::to_string(accounts) + " > 2^32 - 1)");
  }
}

Money capacity(std::span<const Money> endowment) {
  require_indexable(endowment.size());
  i128 total = 0;
  for (const Money w : endowment) {
    if (w > 0) total += w.raw();
  }
  return Money::narrow(total, "the capacity U = sum of endowments");
}

Money deficit(std::span<const Money> equity) {
  require_indexable(equity.size());
  i128 total = 0;
  for (const Money e : equity) {
    if (e < 0) total -= e.raw();
  }
  return Money::narrow(total, "the deficit D = sum of negative equities");
}

Money cap_from_fraction(Money endowment, Fraction cap_fraction) {
  if (cap_fraction < 0 || cap_fraction > fraction_scale) {
    throw InvalidInput("cap fraction must lie in [0, 1] (raw [0, 10^9]), got raw " +
                       std::to_string(cap_fraction.raw()));
  }
  if (endowment < 0) {
    throw InvalidInput("endowment must be >= 0, got " + std::to_string(endowment.raw()));
  }
  // ⌊β·w⌋ with β = b/10⁹: b·w < 2⁹⁴, exact in 128 bits; the result is ≤ w.
  const i128 product = static_cast<i128>(cap_fraction) * endowment.raw();
  return static_cast<Money>(product / fraction_scale);
}

}  // namespace adl::fx
