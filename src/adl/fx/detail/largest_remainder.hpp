/// @file
/// Internals shared by the fx policies (not part of the documented API): exact
/// quotients with remainders over a common denominator, and the hand-out of
/// leftover units to the largest remainders (FX-ROUNDING) in linear time.
#pragma once

#include "adl/fx/number.hpp"
#include "adl/fx/wide.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace adl::fx::detail {

/// How ties between equal remainders break.
enum class Ties { AscendingIndex, DescendingIndex };

/// ⌊n/d⌋ with remainder, or `saturated` when ⌊n/d⌋ ≥ cap (then n/d ≥ cap, as cap is an integer).
struct Share {
  bool saturated;
  std::uint64_t quotient;
  u128 remainder;
};

/// Divides numerators by one fixed denominator d ＞ 0 of up to 128 bits, exactly;
/// a 64-bit denominator uses the precomputed reciprocal of InvariantDivider.
class ShareDivider {
 public:
  explicit ShareDivider(u128 d)
      : denominator_(d), small_((d >> 64) == 0), divider_(small_ ? static_cast<std::uint64_t>(d) : 1) {}

  /// The exact share of a 128-bit numerator against a cap.
  Share share(u128 n, std::uint64_t cap) const {
    if (small_) {
      if ((n >> 64) >= divider_.divisor()) return {true, 0, 0};  // quotient ≥ 2⁶⁴ ＞ cap
      const DivMod64 q = divider_.divide(n);
      if (q.quotient >= cap) return {true, 0, 0};
      return {false, q.quotient, q.remainder};
    }
    const u128 q = n / denominator_;  // d ≥ 2⁶⁴, so q ＜ 2⁶⁴
    if (q >= cap) return {true, 0, 0};
    return {false, static_cast<std::uint64_t>(q), n - q * denominator_};
  }

  /// The exact share of a 256-bit numerator against a cap.
  Share share(const U256& n, std::uint64_t cap) const {
    if (n.fits_u128()) return share(n.low128(), cap);
    const DivMod256 q = divmod(n, denominator_);
    if (!q.quotient.fits_u128() || q.quotient.low128() >= cap) return {true, 0, 0};
    return {false, static_cast<std::uint64_t>(q.quotient.low128()), q.remainder};
  }

  /// The denominator d.
  u128 denominator() const { return denominator_; }

 private:
  u128 denominator_;
  bool small_;
  InvariantDivider divider_;
};

/// The largest-remainder hand-out of FX-ROUNDING in O(n): every competing
/// account records the top k ≤ 15 bits of its remainder (a bucket, 2 bytes per
/// account) in a histogram; the units go to every account above the threshold
/// bucket, and inside the threshold bucket exactly, by the remainders recomputed
/// for its few accounts and ordered (remainder decreasing, then the tie rule).
class UnitHandout {
 public:
  /// For n accounts whose remainders are below `denominator`.
  UnitHandout(std::size_t n, u128 denominator) : bucket_(n, 0) {
    // 2^k buckets, k = clamp(bit width of n, 4, 15): small books pay for a small histogram.
    int bits = 0;
    for (std::size_t m = n; m != 0; m >>= 1) ++bits;
    bits = std::clamp(bits, 4, 15);
    histogram_.assign((std::size_t{1} << bits) + 1, 0);
    int width = 0;
    for (u128 top = denominator - 1; top != 0; top >>= 1) ++width;
    shift_ = width > bits ? width - bits : 0;
  }

  /// Account i competes with remainder r (bucket 1 + top bits of r; 0 = not competing).
  void record(std::size_t i, u128 remainder) {
    const auto b = static_cast<std::uint16_t>(1 + static_cast<std::uint32_t>(remainder >> shift_));
    bucket_[i] = b;
    ++histogram_[b];
  }

  /// Adds one unit to x for each of the first `units` competing accounts in the
  /// order (exact remainder decreasing, then the tie rule). `remainder_of(i)`
  /// recomputes the exact remainder of a competing account. Requires
  /// 0 ≤ units ≤ the number of competing accounts.
  template <Ties ties, class RemainderOf, class Value>
  void hand_out(i128 units, RemainderOf remainder_of, std::vector<Value>& x) {
    i128 competing = 0;
    for (std::size_t b = 1; b < histogram_.size(); ++b) competing += histogram_[b];
    if (units < 0 || units > competing) {
      throw std::logic_error("fx: leftover units out of range (FX-ROUNDING precondition)");
    }
    if (units == 0) return;
    // The threshold bucket: fewer than `units` accounts lie strictly above it.
    i128 above = 0;
    std::size_t threshold = histogram_.size() - 1;
    while (above + histogram_[threshold] < units) above += histogram_[threshold--];
    struct Entry {
      u128 remainder;
      std::uint32_t index;
    };
    std::vector<Entry> tied;
    tied.reserve(histogram_[threshold]);
    const auto t = static_cast<std::uint16_t>(threshold);
    for (std::size_t i = 0; i < bucket_.size(); ++i) {
      x[i] += static_cast<Value>(bucket_[i] > t);  // branch-free: about half the accounts
      if (bucket_[i] == t) [[unlikely]] {
        tied.push_back({remainder_of(i), static_cast<std::uint32_t>(i)});
      }
    }
    const auto count = static_cast<std::ptrdiff_t>(units - above);
    const auto first = [](const Entry& a, const Entry& b) {
      if (a.remainder != b.remainder) return a.remainder > b.remainder;
      return ties == Ties::AscendingIndex ? a.index < b.index : a.index > b.index;
    };
    if (count < static_cast<std::ptrdiff_t>(tied.size())) {
      std::nth_element(tied.begin(), tied.begin() + count, tied.end(), first);
    }
    for (std::ptrdiff_t k = 0; k < count; ++k) x[tied[static_cast<std::size_t>(k)].index] += 1;
  }

 private:
  std::vector<std::uint16_t> bucket_;
  std::vector<std::uint32_t> histogram_;
  int shift_ = 0;
};

}  // namespace adl::fx::detail
