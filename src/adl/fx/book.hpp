/// @file
/// The fx input and output structs: a wealth-space book as a struct of int64
/// columns (FX-SCALES), and the seized amounts of one policy.
#pragma once

#include "adl/fx/number.hpp"

#include <cstddef>
#include <vector>

namespace adl::fx {

/// A book in fixed point, one int64 column per field, accounts in book order
/// (the tie-break order, DEF-CONVENTIONS). A column a policy does not need may
/// be left empty; the policies take the columns they need as spans, so a caller
/// keeps only those in memory (FX-SCALES gives every unit).
/// @spec FX-SCALES
/// @spec DEF-EXCHANGE
struct Book {
  std::vector<Money> endowment;       ///< w_i = (PnL_i)₊ ≥ 0, micro-USD (DEF-ENDOWMENT).
  std::vector<Money> equity;          ///< e_i = c_i + PnL_i, micro-USD (DEF-EQUITY).
  std::vector<Money> cap;             ///< Money cap c_i = ⌊β_i·w_i⌋ ∈ [0, w_i], micro-USD (FX-SCALES).
  std::vector<Fraction> score;        ///< Queue score s_i at 10⁻⁹; infinite_score is +∞ (DEF-QUEUE-SCORE).
  std::vector<Fraction> leverage;     ///< Leverage ℓ_i at 10⁻⁹, 0 when absent (POL-LEV-PRO-RATA).
  std::vector<Fraction> risk_weight;  ///< Risk weight w̃_i at 10⁻⁹ (POL-RAP).
  std::vector<Fraction> rho;          ///< ρ_i at 10⁻⁹ (POL-GREEDY-ONESTEP).
  std::vector<Contracts> quantity;    ///< |q_i| at 10⁻ᵏ contracts, k = quantity_decimals (POL-CONTRACT-PRO-RATA).
  int quantity_decimals = 0;          ///< k, the market's quantity decimals, 0 ≤ k ≤ 18.
  Money loss_per_contract = 0;        ///< d ＞ 0, micro-USD per whole contract.

  /// Number of accounts (the length of the endowment column).
  std::size_t size() const { return endowment.size(); }
};

/// The output of one fx policy: the budget and the seized amounts, both in
/// micro-USD, with Σ seized = budget exactly (FX-ROUNDING).
/// @spec FX-ROUNDING
/// @spec POL-ADL-POLICY
struct Allocation {
  Money budget = 0;               ///< B.
  std::vector<Money> seized;      ///< x_i ∈ [0, c_i] ⊆ [0, w_i] (empty for contract pro-rata).
  std::vector<Contracts> closed;  ///< Whole contracts closed (contract pro-rata only; otherwise empty).
};

}  // namespace adl::fx
