/// @file
/// One-round ADL policies in fixed point: the functions of adl/ref/policies.hpp,
/// on int64 columns (FX-SCALES), each returning integer seized amounts that
/// equal the FX-ROUNDING of the exact reference result, bit for bit.
///
/// Every function validates like the reference (InvalidInput, Infeasible) and
/// throws Overflow when the book leaves the fixed-point range (FX-OVERFLOW):
/// in particular every policy rejects a capacity U = Σ w above INT64_MAX,
/// whatever the budget. Caps are money caps c_i ∈ [0, w_i] (FX-SCALES).
/// Each runs in O(n) expected time by histogram narrowing, selection and linear passes.
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/number.hpp"
#include "adl/policy_kind.hpp"

#include <span>

namespace adl::fx {

/// Queue: eligible accounts (w ＞ 0) by decreasing score (infinite_score is +∞),
/// ties by ascending index; x_σ(k) = min(w_σ(k), A(k−1)). Integral: the rounding is the identity.
/// Throws Infeasible when B ＞ U.
/// @spec FX-POL-QUEUE
/// @spec FX-BUCKET-NARROW
/// @spec FX-PREFIX-SELECT
/// @spec POL-QUEUE
/// @spec AMB-P-01
Allocation queue(std::span<const Money> endowment, std::span<const Fraction> scores, Money budget);

/// Wealth pro-rata: x⋆_i = B·w_i/U, rounded by largest remainder (FX-ROUNDING).
/// B = 0 gives 0; U = 0 ＜ B or B ＞ U is Infeasible.
/// @spec FX-POL-PRO-RATA
/// @spec FX-ROUNDING
/// @spec POL-PRO-RATA
Allocation pro_rata(std::span<const Money> endowment, Money budget);

/// Capped pro-rata: x⋆_i = min(c_i, η·w_i) with Σ x⋆ = B, by selection on the
/// ratios c_i/w_i, then FX-ROUNDING. B = 0 gives 0; B ＞ Σ c is Infeasible.
/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec FX-BUCKET-NARROW
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
/// @spec POL-CAPPED-PRO-RATA
Allocation capped_pro_rata(std::span<const Money> endowment, std::span<const Money> caps, Money budget);

/// Risk-aware pro-rata: x⋆_i = min(c_i, τ·w̃_i·w_i) over accounts with w_i ＞ 0 and
/// w̃_i ＞ 0 (others get 0), then FX-ROUNDING. B ＞ C′ is Infeasible. The weights
/// w_i·w̃_i reach 2¹²⁶ and their products with money 2¹⁸⁹: compared and divided in 256 bits.
/// @spec FX-POL-RAP
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
/// @spec POL-RAP
/// @spec AMB-P-08
Allocation rap(std::span<const Money> endowment, std::span<const Money> caps, std::span<const Fraction> risk_weights,
               Money budget);

/// Levered pro-rata: RAP with risk weights ℓ_i (AMB-P-04); an eligible account
/// with ℓ_i ≤ 0 is InvalidInput.
/// @spec FX-POL-LEV-PRO-RATA
/// @spec POL-LEV-PRO-RATA
/// @spec AMB-P-04
Allocation levered_pro_rata(std::span<const Money> endowment, std::span<const Money> caps,
                            std::span<const Fraction> leverage, Money budget);

/// Continuous min–max burden: x⋆_i = min(c_i, M·e_i) over w_i ＞ 0, then
/// FX-ROUNDING; an eligible account with e_i ≤ 0 is InvalidInput.
/// @spec FX-POL-MINMAX-CONT
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
/// @spec POL-MINMAX-CONT
Allocation min_max_burden(std::span<const Money> endowment, std::span<const Money> equity, std::span<const Money> caps,
                          Money budget);

/// Greedy one-step optimum: eligible accounts (w ＞ 0) by decreasing e_i·ρ_i/w_i
/// (compared exactly in 256 bits), ties by ascending index; x_i = min(c_i,
/// remaining). Integral: the rounding is the identity. B ＞ Σ c is Infeasible.
/// @spec FX-POL-GREEDY-ONESTEP
/// @spec FX-PREFIX-SELECT
/// @spec FX-WIDE
/// @spec POL-GREEDY-ONESTEP
Allocation greedy_one_step(std::span<const Money> endowment, std::span<const Money> equity, std::span<const Money> caps,
                           std::span<const Fraction> rho, Money budget);

// ---- The registry: one dispatch from a policy kind to its fx allocator.

/// The columns of a book as spans, so a caller can hand a policy other
/// columns (scores under another rule, risk weights of another model) without
/// copying the book. Units as Book.
/// @spec FX-SCALES
struct BookView {
  std::span<const Money> endowment;       ///< w_i.
  std::span<const Money> equity;          ///< e_i.
  std::span<const Money> cap;             ///< Money caps c_i.
  std::span<const Fraction> score;        ///< Queue scores.
  std::span<const Fraction> leverage;     ///< ℓ_i.
  std::span<const Fraction> risk_weight;  ///< w̃_i (RAP).
  std::span<const Fraction> rho;          ///< ρ_i (greedy one-step).
  std::span<const Contracts> quantity;    ///< |q_i| at 10⁻ᵏ contracts.
  int quantity_decimals = 0;              ///< k.
  Money loss_per_contract = 0;            ///< d, micro-USD per contract.
};

/// A view of every column of `book`.
/// @spec FX-SCALES
BookView view(const Book& book);

/// The options of a policy that are not columns.
/// @spec FX-POL-CONTRACT-PRO-RATA
struct PolicyOptions {
  ContractRounding rounding = ContractRounding::Ceil;  ///< How contract pro-rata rounds Q = B/d.
};

/// Runs one policy on the columns it reads (policy_info(kind).reads) at
/// budget B: the one place where a policy kind selects its allocator in
/// adl::fx (the registry of policies.cpp). Contract pro-rata fills `closed`,
/// every other policy `seized`. Throws what the allocator throws.
/// @spec POL-ADL-POLICY
/// @spec FX-ROUNDING
Allocation run_policy(const BookView& book, PolicyKind kind, Money budget, const PolicyOptions& options = {});

}  // namespace adl::fx
