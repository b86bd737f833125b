/// @file
/// Integer contract pro-rata in fixed point (POL-CONTRACT-PRO-RATA): the
/// function of adl/ref/benchmark_allocators.hpp on int64 quantities.
#pragma once

#include "adl/fx/number.hpp"

#include <span>
#include <vector>

namespace adl::fx {

/// How Q = B/d becomes a whole number of contracts (the reference's ContractRounding).
/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec POL-CONTRACT-PRO-RATA
enum class ContractRounding {
  Ceil,   ///< ⌈Q⌉ (the benchmark's default).
  Floor,  ///< ⌊Q⌋.
  Round,  ///< nearest, ties to even.
};

/// Integer contract pro-rata, step by step as POL-CONTRACT-PRO-RATA, in
/// integers: quantities |q_i| are raw at 10^(−quantity_decimals) contracts, the
/// loss per contract d ＞ 0 and the budget B ≥ 0 are money. Returns the whole
/// contracts closed per account; equal, bit for bit, to the reference (the
/// rounding is the identity). Throws InvalidInput for a negative quantity,
/// d ≤ 0, B ＜ 0 or decimals outside [0, 18].
/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec POL-CONTRACT-PRO-RATA
std::vector<Contracts> contract_pro_rata_integer(std::span<const Contracts> quantities, int quantity_decimals,
                                                 Money loss_per_contract, Money budget,
                                                 ContractRounding rounding = ContractRounding::Ceil);

/// Losses closed_i·d in money, each checked to fit int64 (Overflow otherwise).
/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec FX-OVERFLOW
std::vector<Money> contract_losses(std::span<const Contracts> closed, Money loss_per_contract);

}  // namespace adl::fx
