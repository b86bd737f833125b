// The fx policies (spec/fx.md, section 3). Nothing here includes an adl::ref
// algorithm: the reference and fx share only the exception types.
#include "adl/fx/policies.hpp"

#include "adl/fx/detail/largest_remainder.hpp"
#include "adl/fx/detail/select.hpp"
#include "adl/fx/wide.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace adl::fx {
namespace {

using detail::fill_prefix;
using detail::fill_water;
using detail::find_level;
using detail::Level;
using detail::PlainItem;
using detail::ProductItem;
using detail::Ties;

std::string at(std::size_t i) { return "account #" + std::to_string(i + 1); }

std::string usd(Money micro) {
  // An exact decimal of a micro-USD amount, for messages.
  const bool negative = micro < 0;
  const u128 magnitude = negative ? static_cast<u128>(-static_cast<i128>(micro)) : static_cast<u128>(micro);
  const auto whole = static_cast<std::uint64_t>(magnitude / money_scale);
  const auto part = static_cast<std::uint64_t>(magnitude % money_scale);
  std::string fraction = std::to_string(part);
  fraction.insert(0, 6 - fraction.size(), '0');
  return (negative ? "-" : "") + std::to_string(whole) + "." + fraction + " USD";
}

void require_same_size(std::size_t n, std::size_t m, const char* what) {
  if (n != m) {
    throw InvalidInput(std::string(what) + " has " + std::to_string(m) + " entries for " + std::to_string(n) +
                       " accounts");
  }
}

void require_endowments(std::span<const Money> w) {
  require_indexable(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] < 0) throw InvalidInput(at(i) + ": endowment must be >= 0, got " + usd(w[i]));
  }
}

// The money form of β ∈ [0, 1] (FX-SCALES): 0 ≤ c_i ≤ w_i.
void require_caps(std::span<const Money> w, std::span<const Money> c) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (c[i] < 0 || c[i] > w[i]) {
      throw InvalidInput(at(i) + ": cap must lie in [0, w] (cap fraction in [0, 1]), got c = " + usd(c[i]) +
                         " with w = " + usd(w[i]));
    }
  }
}

void require_budget(Money budget) {
  if (budget < 0) throw InvalidInput("budget must be >= 0, got " + usd(budget));
}

void require_nonnegative(std::span<const Fraction> v, const char* field) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] < 0) {
      throw InvalidInput(at(i) + ": " + field + " must be >= 0, got raw " + std::to_string(v[i].raw()));
    }
  }
}

// Σ x = B after every policy: a cheap guard on the whole construction (FX-ROUNDING, property 1).
void check_balance(const std::vector<Money>& x, Money budget, const char* policy) {
  i128 total = 0;
  for (const Money v : x) total += v.raw();
  if (total != budget.raw())
    throw std::logic_error(std::string("fx ") + policy + ": seized total differs from the budget");
}

Allocation zeros(std::size_t n, Money budget) {
  Allocation a;
  a.budget = budget;
  a.seized.assign(n, 0);
  return a;
}

// ---- FX-BUCKET-NARROW: an exact histogram pass that leaves one bucket to select in.

int bit_width(std::uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

// Key buckets for n accounts: 2^k with k = clamp(bit width of n, 4, 15), so a small book pays
// for a small histogram and a large one gets 2¹⁵ buckets (bucket numbers fit 16 bits).
int key_bits(std::size_t n) { return std::clamp(bit_width(static_cast<std::uint64_t>(n)), 4, 15); }

// One validating scan of w (and of the caps c when given): U = Σ w (checked), C = Σ c over
// w ＞ 0, and the number of eligible accounts. Throws InvalidInput like the reference.
struct Scan {
  Money capacity = 0;
  Money capped = 0;
  std::size_t eligible = 0;
};

Scan scan(std::span<const Money> w, std::span<const Money> c) {
  require_indexable(w.size());
  Scan out;
  i128 total = 0;
  i128 capped = 0;
  const bool with_caps = !c.empty();
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] < 0) throw InvalidInput(at(i) + ": endowment must be >= 0, got " + usd(w[i]));
    if (with_caps && (c[i] < 0 || c[i] > w[i])) {
      throw InvalidInput(at(i) + ": cap must lie in [0, w] (cap fraction in [0, 1]), got c = " + usd(c[i]) +
                         " with w = " + usd(w[i]));
    }
    total += w[i].raw();
    if (with_caps) capped += c[i].raw();
    out.eligible += w[i] > 0 ? 1U : 0U;
  }
  out.capacity = narrow_to_int64(total, "the capacity U = sum of endowments");
  out.capped = static_cast<Money>(capped);  // c ≤ w, so C ≤ U
  return out;
}

// ⌊K·c/w⌋ for 0 ≤ c ≤ w, w ＞ 0, K ≤ 2¹⁵, exactly: a double estimate (off by at most one
// near a bucket boundary) corrected by exact 128-bit comparisons.
inline std::uint32_t ratio_bucket(std::uint64_t c, std::uint64_t w, std::uint32_t buckets) {
  const double estimate = static_cast<double>(c) / static_cast<double>(w) * static_cast<double>(buckets);
  auto b = estimate >= static_cast<double>(buckets) ? buckets : static_cast<std::uint32_t>(estimate);
  const u128 scaled = static_cast<u128>(c) * buckets;
  while (b > 0 && scaled < static_cast<u128>(b) * w) --b;
  while (b < buckets && scaled >= static_cast<u128>(b + 1) * w) ++b;
  return b;
}

// RAP with weights w̃ (or ℓ), after the policy-specific checks.
Allocation rap_checked(std::span<const Money> w, std::span<const Money> c, std::span<const Fraction> tw, Money budget,
                       const char* policy) {
  const std::size_t n = w.size();
  capacity(w);  // U ≤ INT64_MAX (FX-OVERFLOW)
  const auto in_z = [&](std::size_t i) { return w[i] > 0 && tw[i] > 0; };
  Money capped = 0;  // C′ ≤ U
  std::size_t eligible = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (in_z(i)) {
      capped += c[i];
      ++eligible;
    }
  }
  if (budget > capped) {
    throw Infeasible(std::string(policy) + ": budget " + usd(budget) +
                     " exceeds the capacity of accounts with positive risk weight, " + usd(capped));
  }
  if (budget == 0) return zeros(n, budget);
  Level level;
  {
    std::vector<ProductItem> items;
    items.reserve(eligible);
    u128 total_weight = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!in_z(i)) continue;
      items.push_back(
          {static_cast<std::uint64_t>(c[i]), static_cast<std::uint64_t>(w[i]), static_cast<std::uint64_t>(tw[i])});
      total_weight = checked_add(total_weight, items.back().weight(),
                                 "the risk-weighted capacity sum of w_i times w~_i");
    }
    level = find_level(items, budget);
  }  // the selection items are freed before the output is allocated
  Allocation a = zeros(n, budget);
  fill_water(
      c, in_z, [&](std::size_t i) { return static_cast<u128>(w[i]) * static_cast<std::uint64_t>(tw[i]); }, level,
      budget, a.seized);
  check_balance(a.seized, budget, policy);
  return a;
}

}  // namespace

Allocation queue(std::span<const Money> w, std::span<const Fraction> scores, Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, scores.size(), "the score column");
  require_indexable(n);
  // One validating pass: U = Σ w and the range of the finite scores of eligible accounts.
  i128 total = 0;
  Fraction low = infinite_score;
  Fraction high = std::numeric_limits<Fraction>::min();
  Money smallest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Money wi = w[i];
    smallest = std::min(smallest, wi);
    total += wi.raw();
    const Fraction si = scores[i];
    const bool ranked = (wi > 0) & (si != infinite_score);
    low = std::min(low, ranked ? si : infinite_score);
    high = std::max(high, ranked ? si : std::numeric_limits<Fraction>::min());
  }
  if (smallest < 0) {
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] < 0) throw InvalidInput(at(i) + ": endowment must be >= 0, got " + usd(w[i]));
    }
  }
  const Money capacity_u = narrow_to_int64(total, "the capacity U = sum of endowments");
  require_budget(budget);
  if (budget > capacity_u) {
    throw Infeasible("queue: budget " + usd(budget) + " exceeds the capacity U = " + usd(capacity_u));
  }
  Allocation a = zeros(n, budget);
  if (budget == 0) return a;
  // (AMB-P-01) only w ＞ 0 is ranked, by decreasing raw score (+∞ = INT64_MAX first), ties by
  // index. FX-BUCKET-NARROW: the top k bits of s − min s (+∞ alone in the top bucket) are a
  // monotone key; the endowment mass per bucket locates the bucket of the marginal account.
  const int bits = key_bits(n);
  const std::uint32_t key_buckets = std::uint32_t{1} << bits;
  const std::uint64_t range = low <= high ? static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) : 0;
  const int shift = bit_width(range) > bits ? bit_width(range) - bits : 0;
  std::vector<std::uint16_t> bucket(n, 0);
  std::vector<Money> mass(key_buckets + 1, 0);  // Σ w per bucket ≤ U
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t key = scores[i] == infinite_score
                                  ? key_buckets
                                  : static_cast<std::uint32_t>(
                                        (static_cast<std::uint64_t>(scores[i]) - static_cast<std::uint64_t>(low)) >>
                                        shift);
    const std::uint32_t b = key & (0U - static_cast<std::uint32_t>(w[i] > 0));
    bucket[i] = static_cast<std::uint16_t>(b);
    mass[b] += w[i];
  }
  // From the top: whole buckets while they fit; the first that does not holds the marginal account.
  Money ahead = 0;
  std::uint32_t marginal = key_buckets + 1;  // none: B = U, everything is seized
  for (std::uint32_t b = key_buckets + 1; b-- > 0;) {
    if (ahead + mass[b] > budget) {
      marginal = b;
      break;
    }
    ahead += mass[b];
  }
  struct Item {
    Fraction score;
    Money endowment;
    std::uint32_t index;
  };
  std::vector<Item> items;
  if (marginal <= key_buckets)
    items.reserve(static_cast<std::size_t>(std::count(bucket.begin(), bucket.end(), marginal)));
  const std::uint32_t above = marginal > key_buckets ? 0 : marginal;  // seize whole when bucket > above
  const bool all = marginal > key_buckets;
  for (std::size_t i = 0; i < n; ++i) {
    a.seized[i] = Money(w[i].raw() & -static_cast<std::int64_t>(all | (bucket[i] > above)));
    if (bucket[i] == marginal) [[unlikely]] {
      if (w[i] > 0) items.push_back({scores[i], w[i], static_cast<std::uint32_t>(i)});
    }
  }
  fill_prefix(
      items, [](const Item& item) { return item.endowment; },
      [](const Item& item) { return static_cast<std::size_t>(item.index); }, budget - ahead,
      [](const Item& p, const Item& q) { return p.score != q.score ? p.score > q.score : p.index < q.index; },
      a.seized);
  check_balance(a.seized, budget, "queue");
  return a;
}

Allocation pro_rata(std::span<const Money> w, Money budget) {
  const std::size_t n = w.size();
  const Money U = scan(w, {}).capacity;
  require_budget(budget);
  if (budget == 0) return zeros(n, budget);
  if (U == 0 || budget > U) {
    throw Infeasible("pro-rata: budget " + usd(budget) + " exceeds the capacity U = " + usd(U));
  }
  Allocation a = zeros(n, budget);
  // x⋆_i = B·w_i/U: B·w_i ＜ U·2⁶³, so each quotient fits 64 bits (FX-POL-PRO-RATA).
  const InvariantDivider divider(static_cast<std::uint64_t>(U));
  const auto numerator_of = [&](std::size_t i) { return static_cast<u128>(budget) * static_cast<std::uint64_t>(w[i]); };
  detail::UnitHandout handout(n, static_cast<u128>(U));
  i128 assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] == 0) continue;
    const DivMod64 q = divider.divide(numerator_of(i));
    a.seized[i] = static_cast<Money>(q.quotient);
    assigned += a.seized[i].raw();
    if (q.remainder != 0) handout.record(i, q.remainder);
  }
  handout.hand_out<Ties::AscendingIndex>(
      budget.raw() - assigned,
      [&](std::size_t i) { return static_cast<u128>(divider.divide(numerator_of(i)).remainder); }, a.seized);
  check_balance(a.seized, budget, "pro-rata");
  return a;
}

Allocation capped_pro_rata(std::span<const Money> w, std::span<const Money> c, Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, c.size(), "the cap column");
  require_indexable(n);
  // FX-BUCKET-NARROW, fused with validation: the ratio c/w ∈ [0, 1] in K ≤ 2¹⁵ exact buckets
  // ⌊K·c/w⌋ (ineligible accounts get the sentinel bucket). With the caps below a boundary b/K
  // and the weights at or above it, g(b/K) = S_b + (b/K)·W_b is exact; the level lies in the
  // last bucket b with g(b/K) ≤ B. Ratios 0 and 1 (no room, no cap) are summed in registers.
  // The sums are unsigned: before U is checked they may wrap (defined behaviour) and are not
  // used; once U ≤ INT64_MAX holds, every partial sum is at most U and exact (FX-OVERFLOW).
  constexpr std::uint16_t ineligible = 0xFFFF;
  const std::uint32_t key_buckets = std::uint32_t{1} << key_bits(n);
  std::vector<std::uint16_t> bucket(n);
  std::vector<std::uint64_t> caps_in(key_buckets + 1, 0);
  std::vector<std::uint64_t> weight_in(key_buckets + 1, 0);
  i128 total = 0;
  std::uint64_t weight_at_zero = 0;
  std::uint64_t mass_at_one = 0;  // c = w: caps and weights coincide
  for (std::size_t i = 0; i < n; ++i) {
    const Money wi = w[i];
    const Money ci = c[i];
    if (wi < 0) throw InvalidInput(at(i) + ": endowment must be >= 0, got " + usd(wi));
    if (ci < 0 || ci > wi) {
      throw InvalidInput(at(i) + ": cap must lie in [0, w] (cap fraction in [0, 1]), got c = " + usd(ci) +
                         " with w = " + usd(wi));
    }
    total += wi.raw();
    if (wi == 0) {
      bucket[i] = ineligible;
    } else if (ci == wi) {
      bucket[i] = static_cast<std::uint16_t>(key_buckets);
      mass_at_one += static_cast<std::uint64_t>(wi);
    } else if (ci == 0) {
      bucket[i] = 0;
      weight_at_zero += static_cast<std::uint64_t>(wi);
    } else {
      const std::uint32_t b = ratio_bucket(static_cast<std::uint64_t>(ci), static_cast<std::uint64_t>(wi), key_buckets);
      bucket[i] = static_cast<std::uint16_t>(b);
      caps_in[b] += static_cast<std::uint64_t>(ci);
      weight_in[b] += static_cast<std::uint64_t>(wi);
    }
  }
  const Money capacity_u = narrow_to_int64(total, "the capacity U = sum of endowments");
  weight_in[0] += weight_at_zero;
  caps_in[key_buckets] += mass_at_one;
  weight_in[key_buckets] += mass_at_one;
  Money capped = 0;  // C = Σ c ≤ U
  for (const std::uint64_t v : caps_in) capped += static_cast<Money>(v);
  require_budget(budget);
  if (budget == 0) return zeros(n, budget);
  if (budget > capped) {
    throw Infeasible("capped pro-rata: budget " + usd(budget) + " exceeds the capped capacity C = " + usd(capped));
  }
  Money caps_below = 0;            // S_b = Σ c over buckets ＜ b
  Money weight_from = capacity_u;  // W_b = Σ w over buckets ≥ b
  std::uint32_t level_bucket = 0;
  Level level;
  for (std::uint32_t b = 0; b <= key_buckets; ++b) {
    // g(b/K) ≤ B ⇔ K·S_b + b·W_b ≤ K·B (products below 2⁷⁹).
    if (static_cast<u128>(caps_below) * key_buckets + static_cast<u128>(weight_from) * b >
        static_cast<u128>(budget) * key_buckets) {
      break;
    }
    level_bucket = b;
    level.saturated_caps = caps_below;
    level.unsaturated_weight = static_cast<u128>(weight_from - static_cast<Money>(weight_in[b]));
    caps_below += static_cast<Money>(caps_in[b]);
    weight_from -= static_cast<Money>(weight_in[b]);
  }
  {
    std::vector<PlainItem> items;  // the accounts of the level's bucket, selected exactly
    for (std::size_t i = 0; i < n; ++i) {
      if (bucket[i] == level_bucket) {
        items.push_back({static_cast<std::uint64_t>(c[i]), static_cast<std::uint64_t>(w[i])});
      }
    }
    level = find_level(items, budget, level);
  }
  Allocation a = zeros(n, budget);
  fill_water(
      c, [&](std::size_t i) { return w[i] > 0; }, [&](std::size_t i) { return static_cast<std::uint64_t>(w[i]); },
      level, budget, a.seized);
  check_balance(a.seized, budget, "capped pro-rata");
  return a;
}

Allocation rap(std::span<const Money> w, std::span<const Money> c, std::span<const Fraction> tw, Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, c.size(), "the cap column");
  require_same_size(n, tw.size(), "the risk-weight column");
  require_endowments(w);
  require_caps(w, c);
  require_budget(budget);
  require_nonnegative(tw, "risk weight");
  return rap_checked(w, c, tw, budget, "risk-aware pro-rata");
}

Allocation levered_pro_rata(std::span<const Money> w, std::span<const Money> c, std::span<const Fraction> leverage,
                            Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, leverage.size(), "the leverage column");
  for (std::size_t i = 0; i < n; ++i) {
    // As the reference, which runs RAP with weights ℓ: a negative weight is rejected on every
    // account, a zero one only where it would have to carry a loss (w ＞ 0).
    if (leverage[i] < 0 || (w[i] > 0 && leverage[i] == 0)) {
      throw InvalidInput(at(i) + ": levered pro-rata needs leverage > 0, got raw " + std::to_string(leverage[i].raw()));
    }
  }
  require_same_size(n, c.size(), "the cap column");
  require_endowments(w);
  require_caps(w, c);
  require_budget(budget);
  // (AMB-P-04) losses ∝ ℓ_i·w_i with caps: RAP with weights ℓ_i.
  return rap_checked(w, c, leverage, budget, "levered pro-rata");
}

Allocation min_max_burden(std::span<const Money> w, std::span<const Money> e, std::span<const Money> c, Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, e.size(), "the equity column");
  require_endowments(w);
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] > 0 && e[i] <= 0) {
      throw InvalidInput(at(i) + ": an account with endowment > 0 must have equity > 0");
    }
  }
  require_same_size(n, c.size(), "the cap column");
  require_caps(w, c);
  require_budget(budget);
  capacity(w);
  Money capped = 0;
  std::size_t eligible = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] > 0) {
      capped += c[i];
      ++eligible;
    }
  }
  if (budget > capped) {
    throw Infeasible("min-max burden: budget " + usd(budget) + " exceeds the capped capacity C = " + usd(capped));
  }
  if (budget == 0) return zeros(n, budget);
  // x_i = min(c_i, M·e_i): water-filling with weights e_i (POL-MINMAX-CONT).
  Level level;
  {
    std::vector<PlainItem> items;
    items.reserve(eligible);
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] > 0) items.push_back({static_cast<std::uint64_t>(c[i]), static_cast<std::uint64_t>(e[i])});
    }
    level = find_level(items, budget);
  }
  Allocation a = zeros(n, budget);
  fill_water(
      c, [&](std::size_t i) { return w[i] > 0; }, [&](std::size_t i) { return static_cast<std::uint64_t>(e[i]); },
      level, budget, a.seized);
  check_balance(a.seized, budget, "min-max burden");
  return a;
}

Allocation greedy_one_step(std::span<const Money> w, std::span<const Money> e, std::span<const Money> c,
                           std::span<const Fraction> rho, Money budget) {
  const std::size_t n = w.size();
  require_same_size(n, e.size(), "the equity column");
  require_same_size(n, c.size(), "the cap column");
  require_same_size(n, rho.size(), "the rho column");
  require_endowments(w);
  require_caps(w, c);
  require_budget(budget);
  require_nonnegative(rho, "rho");
  capacity(w);
  Money capped = 0;
  std::vector<std::uint32_t> order;
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] > 0) capped += c[i];
  }
  if (budget > capped) {
    throw Infeasible("greedy one-step: budget " + usd(budget) + " exceeds the capped capacity C = " + usd(capped));
  }
  Allocation a = zeros(n, budget);
  if (budget == 0) return a;
  std::size_t eligible = 0;
  for (const Money v : w) eligible += v > 0 ? 1U : 0U;
  order.reserve(eligible);
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] > 0) order.push_back(static_cast<std::uint32_t>(i));
  }
  // Key e_i·ρ_i/w_i decreasing (FX-WIDE): compare signs, then |e_i|·ρ_i·w_j with |e_j|·ρ_j·w_i.
  const auto sign = [&](std::size_t i) { return rho[i] == 0 || e[i] == 0 ? 0 : (e[i] > 0 ? 1 : -1); };
  const auto magnitude = [&](std::size_t i) {
    const auto abs_e = e[i] < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(e[i])
                                : static_cast<std::uint64_t>(e[i]);
    return static_cast<u128>(abs_e) * static_cast<std::uint64_t>(rho[i]);
  };
  const auto before = [&](std::uint32_t i, std::uint32_t j) {
    const int si = sign(i);
    const int sj = sign(j);
    if (si != sj) return si > sj;
    if (si != 0) {
      const U256 left = multiply(magnitude(i), static_cast<u128>(w[j]));
      const U256 right = multiply(magnitude(j), static_cast<u128>(w[i]));
      if (left != right) return si > 0 ? left > right : left < right;
    }
    return i < j;
  };
  fill_prefix(
      order, [&](std::uint32_t i) { return c[i]; }, [](std::uint32_t i) { return static_cast<std::size_t>(i); }, budget,
      before, a.seized);
  check_balance(a.seized, budget, "greedy one-step");
  return a;
}

}  // namespace adl::fx
