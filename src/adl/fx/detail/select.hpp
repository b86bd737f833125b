/// @file
/// Internals of the fx policies (not part of the documented API): the
/// selections by quickselect that fill a strict order up to the budget
/// (FX-PREFIX-SELECT) and find the water level of Σ min(c_i, τ·a_i) = B
/// (FX-WATERFILL-SELECT), and the water fill itself. Included only by
/// fx/policies.cpp; the reference computes the same results by its own,
/// unoptimised algorithms (ref/policies.cpp), never with these.
#pragma once

#include "adl/fx/detail/largest_remainder.hpp"
#include "adl/fx/number.hpp"
#include "adl/fx/wide.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace adl::fx::detail {
// Internal linkage on purpose: only fx/policies.cpp includes this file, and
// the optimiser then inlines and specialises these loops exactly as it did
// when they were written in that file: the same generated code.
namespace {

// ---- Quickselect helpers: one partition pass per round, visiting each element once.

/// Partitions [first, last) so that pred holds exactly on [first, result); calls
/// on_true or on_false once for every element (with its final value).
template <class It, class Pred, class OnTrue, class OnFalse>
It partition_visit(It first, It last, Pred pred, OnTrue on_true, OnFalse on_false) {
  while (first != last) {
    if (pred(*first)) {
      on_true(*first);
      ++first;
      continue;
    }
    --last;  // *first is false: look for a true element from the back
    while (first != last && !pred(*last)) {
      on_false(*last);
      --last;
    }
    if (first == last) {
      on_false(*first);
      return first;
    }
    std::iter_swap(first, last);
    on_true(*first);
    on_false(*last);
    ++first;
  }
  return first;
}

/// A pivot for [lo, hi): the median of three (of three medians of three on large
/// ranges). After `rounds` exceeds a bound (an adversarial input), the exact
/// median by nth_element, which halves the range.
template <class It, class Less>
It choose_pivot(It lo, It hi, Less less, int& rounds, int bound) {
  const auto median3 = [&](It a, It b, It c) {
    if (less(*b, *a)) std::swap(a, b);
    if (less(*c, *b)) {
      b = c;
      if (less(*b, *a)) b = a;
    }
    return b;
  };
  const auto n = hi - lo;
  It mid = lo + n / 2;
  if (++rounds > bound) {
    std::nth_element(lo, mid, hi, less);
    return mid;
  }
  if (n < 64) return median3(lo, mid, hi - 1);
  const auto step = n / 8;
  return median3(median3(lo, lo + step, lo + 2 * step), median3(mid - step, mid, mid + step),
                 median3(hi - 1 - 2 * step, hi - 1 - step, hi - 1));
}

/// The rounds of median-of-three pivots before choose_pivot falls back to exact medians.
inline int round_bound(std::size_t n) {
  int bound = 16;
  for (std::size_t m = n; m > 1; m >>= 1) bound += 2;
  return bound;
}

// ---- FX-PREFIX-SELECT: fill a strict total order up to B, by quickselect.

/// Seizes whole caps into x in the order `before` (a strict total order on
/// items) up to `budget`, the marginal account partly; cap_of and index_of read an item.
template <class Item, class CapOf, class IndexOf, class Before>
void fill_prefix(std::vector<Item>& items, CapOf cap_of, IndexOf index_of, Money budget, Before before,
                 std::vector<Money>& x) {
  Money ahead = 0;  // Σ c over the accounts known to come before the range (≤ U)
  auto lo = items.begin();
  auto hi = items.end();
  int rounds = 0;
  const int bound = round_bound(items.size());
  while (lo < hi) {
    // Move the pivot to the end, partition the rest, then put the pivot between.
    std::iter_swap(choose_pivot(lo, hi, before, rounds, bound), hi - 1);
    const Item pivot = *(hi - 1);
    Money through = ahead;
    const auto mid = partition_visit(
        lo, hi - 1, [&](const Item& item) { return before(item, pivot); },
        [&](const Item& item) { through += cap_of(item); }, [](const Item&) {});
    std::iter_swap(mid, hi - 1);
    if (through > budget) {  // the marginal account comes before the pivot
      hi = mid;
      continue;
    }
    for (auto it = lo; it < mid; ++it) x[index_of(*it)] = cap_of(*it);
    const Money pivot_cap = cap_of(pivot);
    if (through + pivot_cap <= budget) {  // the pivot is seized whole
      x[index_of(pivot)] = pivot_cap;
      ahead = through + pivot_cap;
      lo = mid + 1;
      continue;
    }
    x[index_of(pivot)] = budget - through;  // the marginal account; everything after keeps 0
    return;
  }
}

// ---- FX-WATERFILL-SELECT: the level of Σ min(c_i, τ·a_i) = B, by quickselect on c/a.

/// An eligible account with a weight below 2⁶⁴ (capped pro-rata: w; min–max: e).
struct PlainItem {
  std::uint64_t cap;
  std::uint64_t weight_value;
  std::uint64_t weight() const { return weight_value; }
};

/// An eligible account whose weight is the product w·w̃ (RAP, levered pro-rata).
struct ProductItem {
  std::uint64_t cap;
  std::uint64_t endowment;
  std::uint64_t factor;
  u128 weight() const { return static_cast<u128>(endowment) * factor; }
};

/// c_a/a_a ＜ c_b/a_b, exactly by cross-multiplication (FX-WIDE).
inline bool ratio_less(const PlainItem& a, const PlainItem& b) {
  return static_cast<u128>(a.cap) * b.weight_value < static_cast<u128>(b.cap) * a.weight_value;
}
inline bool ratio_less(const ProductItem& a, const ProductItem& b) {
  return multiply(static_cast<u128>(a.cap) * b.endowment, b.factor) <
         multiply(static_cast<u128>(b.cap) * a.endowment, a.factor);
}

/// The water level found so far: the saturated caps and the unsaturated weights.
struct Level {
  Money saturated_caps = 0;     // S: Σ c over saturated accounts
  u128 unsaturated_weight = 0;  // A: Σ a over unsaturated accounts
};

/// The level of Σ min(c_i, τ·a_i) = B over `items` (reordered), from `level` (FX-WATERFILL-SELECT).
template <class Item>
Level find_level(std::vector<Item>& items, Money budget, Level level = {}) {
  auto lo = items.begin();
  auto hi = items.end();
  int rounds = 0;
  const int bound = round_bound(items.size());
  const auto less = [](const Item& a, const Item& b) { return ratio_less(a, b); };
  while (lo < hi) {
    const Item pivot = *choose_pivot(lo, hi, less, rounds, bound);
    // One pass: ratios below the pivot's first; sums of caps below and at the pivot's
    // ratio, and of weights at and above it (all ≤ Σ c ≤ U, or ≤ Σ a, checked by the caller).
    Money caps_below = 0;
    Money caps_equal = 0;
    u128 weight_not_below = 0;
    u128 weight_equal = 0;
    const auto mid = partition_visit(
        lo, hi, [&](const Item& item) { return ratio_less(item, pivot); },
        [&](const Item& item) { caps_below += static_cast<Money>(item.cap); },
        [&](const Item& item) {
          weight_not_below += item.weight();
          if (!ratio_less(pivot, item)) {
            caps_equal += static_cast<Money>(item.cap);
            weight_equal += item.weight();
          }
        });
    // g(r_p) = S2 + r_p·A2 with S2 the caps up to r_p and A2 the weights above it:
    // g(r_p) ≤ B ⇔ S2 ≤ B and c_p·A2 ≤ (B − S2)·a_p. Then every account up to r_p is saturated.
    const Money caps_through = level.saturated_caps + caps_below + caps_equal;
    const u128 weight_above = level.unsaturated_weight + (weight_not_below - weight_equal);
    const bool saturated = caps_through <= budget &&
                           multiply(pivot.cap, weight_above) <=
                               multiply(static_cast<u128>(budget - caps_through), pivot.weight());
    if (saturated) {
      level.saturated_caps = caps_through;
      // Keep only the ratios strictly above the pivot's (the pivot's own ratio leaves the range).
      lo = std::partition(mid, hi, [&](const Item& item) { return !ratio_less(pivot, item); });
    } else {  // the level lies below r_p: every account at or above it is unsaturated
      level.unsaturated_weight += weight_not_below;
      hi = mid;
    }
  }
  return level;
}

/// N·a in 256 bits, for the shares of the water fill.
inline U256 numerator(std::uint64_t n, std::uint64_t a) { return U256::from(static_cast<u128>(n) * a); }
/// N·a in 256 bits, a of up to 128 bits.
inline U256 numerator(std::uint64_t n, u128 a) { return multiply(n, a); }

/// x⋆_i = min(c_i, N·a_i/A) with N = B − S, A = Σ unsaturated a: floors into x, then the
/// leftover units to the largest remainders (FX-ROUNDING).
template <class Eligible, class WeightOf>
void fill_water(std::span<const Money> caps, Eligible eligible, WeightOf weight_of, const Level& level, Money budget,
                std::vector<Money>& x) {
  if (level.unsaturated_weight == 0) {  // every account saturated: B = Σ c
    for (std::size_t i = 0; i < caps.size(); ++i) {
      if (eligible(i)) x[i] = caps[i];
    }
    return;
  }
  const auto n_left = static_cast<std::uint64_t>(budget - level.saturated_caps);
  const ShareDivider divider(level.unsaturated_weight);
  const auto share_of = [&](std::size_t i) {
    const auto a = weight_of(i);
    if constexpr (sizeof(a) == sizeof(std::uint64_t)) {
      return divider.share(static_cast<u128>(n_left) * a, static_cast<std::uint64_t>(caps[i]));
    } else {
      return divider.share(numerator(n_left, a), static_cast<std::uint64_t>(caps[i]));
    }
  };
  UnitHandout handout(caps.size(), level.unsaturated_weight);
  i128 assigned = 0;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    if (!eligible(i)) continue;
    const Share share = share_of(i);
    if (share.saturated) {
      x[i] = caps[i];
    } else {
      x[i] = static_cast<Money>(share.quotient);
      if (share.remainder != 0) handout.record(i, share.remainder);
    }
    assigned += x[i].raw();
  }
  handout.hand_out<Ties::AscendingIndex>(
      budget.raw() - assigned, [&](std::size_t i) { return share_of(i).remainder; }, x);
}

}  // namespace
}  // namespace adl::fx::detail
