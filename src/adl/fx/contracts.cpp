// Integer contract pro-rata (spec/fx.md, FX-POL-CONTRACT-PRO-RATA); no adl::ref algorithm.
#include "adl/fx/contracts.hpp"

#include "adl/fx/detail/largest_remainder.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace adl::fx {
namespace {

using detail::Ties;

std::int64_t power_of_ten(int k) {
  std::int64_t p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

// Q_int from B/d ≥ 0 (step 1).
std::int64_t whole_contracts(Money budget, Money d, ContractRounding rounding) {
  const std::int64_t q = budget / d;
  const std::int64_t r = (budget % d).raw();
  switch (rounding) {
    case ContractRounding::Ceil: return r > 0 ? q + 1 : q;  // q + 1 ≤ B when d ≥ 2; q = B and r = 0 when d = 1
    case ContractRounding::Floor: return q;
    case ContractRounding::Round: {
      const u128 twice = static_cast<u128>(r) * 2;
      const auto divisor = static_cast<u128>(d);
      if (twice < divisor) return q;
      if (twice > divisor) return q + 1;
      return q % 2 == 0 ? q : q + 1;  // a tie: to even
    }
  }
  return q;
}

void close_contracts(std::span<const Contracts> quantities, std::int64_t scale, std::int64_t q_int, u128 total,
                     std::vector<Contracts>& closed) {
  // Steps 3–4: ideal_i = Q·v_i/V, base_i = min(⌊ideal_i⌋, m_i); remainders over the common
  // denominator V; the pass hands one contract to each of the first candidates (eligible with
  // base ＜ m, whatever their remainder) by remainder decreasing, ties by larger index first.
  const detail::ShareDivider divider(total);
  const auto share_of = [&](std::size_t i) {
    // ⌊ideal_i⌋ ≤ Q ＜ 2⁶³; the cap m_i bounds the share.
    const std::int64_t q = quantities[i].raw();
    const u128 product = static_cast<u128>(q_int) * static_cast<std::uint64_t>(q);
    return divider.share(product, static_cast<std::uint64_t>(q / scale));
  };
  detail::UnitHandout handout(quantities.size(), total);
  i128 assigned = 0;
  i128 candidates = 0;
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    const std::int64_t whole = quantities[i].raw() / scale;  // m_i
    if (whole < 1) continue;
    const detail::Share share = share_of(i);
    if (share.saturated) {
      closed[i] = whole;
    } else {
      closed[i] = static_cast<Contracts>(share.quotient);
      handout.record(i, share.remainder);
      ++candidates;
    }
    assigned += closed[i].raw();
  }
  // Whatever is left after the one pass is dropped (the benchmark's undershoot).
  const i128 handed = std::min<i128>(q_int - assigned, candidates);
  handout.hand_out<Ties::DescendingIndex>(
      handed, [&](std::size_t i) { return share_of(i).remainder; }, closed);
}

}  // namespace

std::vector<Contracts> contract_pro_rata_integer(std::span<const Contracts> quantities, int quantity_decimals,
                                                 Money loss_per_contract, Money budget, ContractRounding rounding) {
  require_indexable(quantities.size());
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    if (quantities[i] < 0) {
      throw InvalidInput("contract pro-rata: quantity #" + std::to_string(i + 1) +
                         " must be >= 0 (give |q|), got raw " + std::to_string(quantities[i].raw()));
    }
  }
  if (quantity_decimals < 0 || quantity_decimals > max_quantity_decimals) {
    throw InvalidInput("contract pro-rata: quantity decimals must lie in [0, 18], got " +
                       std::to_string(quantity_decimals));
  }
  if (loss_per_contract <= 0) {
    throw InvalidInput("contract pro-rata: loss per contract must be > 0, got raw " +
                       std::to_string(loss_per_contract.raw()));
  }
  if (budget < 0) {
    throw InvalidInput("contract pro-rata: budget must be >= 0, got raw " + std::to_string(budget.raw()));
  }
  std::vector<Contracts> closed(quantities.size(), 0);
  const std::int64_t q_int = whole_contracts(budget, loss_per_contract, rounding);
  if (q_int <= 0) return closed;
  // Step 2: m_i = ⌊|q_i|⌋ whole contracts; weights v_i = raw quantity when m_i ≥ 1.
  const std::int64_t scale = power_of_ten(quantity_decimals);
  u128 total = 0;  // ≤ 2³²·2⁶³: no overflow
  for (const Contracts q : quantities) {
    if (q.raw() / scale >= 1) total += static_cast<std::uint64_t>(q);
  }
  if (total == 0) return closed;
  close_contracts(quantities, scale, q_int, total, closed);
  return closed;
}

std::vector<Money> contract_losses(std::span<const Contracts> closed, Money loss_per_contract) {
  std::vector<Money> losses(closed.size());
  for (std::size_t i = 0; i < closed.size(); ++i) {
    losses[i] = checked_mul(closed[i].raw(), loss_per_contract.raw(), "a contract loss closed_i times d");
  }
  return losses;
}

}  // namespace adl::fx
