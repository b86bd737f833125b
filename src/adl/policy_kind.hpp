/// @file
/// The one-round policies by name: the kind both engines dispatch on, its
/// canonical spelling and what each policy reads and guarantees. A plain
/// header with no algorithm and no dependency, above every module, shared by
/// adl::ref, adl::fx, the checker, conformance and the CLI so that a policy is
/// named in one place (adl::ref re-exports the names). Input spellings
/// (aliases such as `cpr`) belong to adl::io (io/names.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace adl {

/// The one-round policies: the seven wealth-space policies of POL-* and
/// contract pro-rata (POL-CONTRACT-PRO-RATA), which acts in contract space.
/// @spec POL-ADL-POLICY
/// @spec POL-CONTRACT-PRO-RATA
enum class PolicyKind {
  Queue,            ///< POL-QUEUE.
  ProRata,          ///< POL-PRO-RATA.
  LeveredProRata,   ///< POL-LEV-PRO-RATA.
  CappedProRata,    ///< POL-CAPPED-PRO-RATA.
  Rap,              ///< POL-RAP.
  MinMax,           ///< POL-MINMAX-CONT.
  GreedyOneStep,    ///< POL-GREEDY-ONESTEP.
  ContractProRata,  ///< POL-CONTRACT-PRO-RATA (integer contracts).
};

/// Number of policy kinds.
/// @spec POL-ADL-POLICY
inline constexpr std::size_t kPolicyKinds = 8;

/// The per-account inputs a policy reads besides the endowment w (the columns
/// of its FX-POL-* section in spec/fx.md; the reference reads the same).
/// @spec FX-SCALES
/// @spec POL-ADL-POLICY
struct PolicyColumns {
  bool equity = false;       ///< e_i (min–max, greedy one-step).
  bool cap = false;          ///< Caps β_i (money caps c_i in fx).
  bool score = false;        ///< Queue scores s_i.
  bool leverage = false;     ///< Leverage ℓ_i (levered pro-rata).
  bool risk_weight = false;  ///< Risk weights w̃_i (RAP).
  bool rho = false;          ///< ρ_i (greedy one-step).
  bool quantity = false;     ///< |q_i| and the loss per contract d (contract pro-rata; no w).
};

/// What defines a policy apart from its algorithm.
/// @spec POL-ADL-POLICY
/// @spec POL-VALID
struct PolicyInfo {
  PolicyKind kind;        ///< The policy.
  std::string_view name;  ///< Canonical spelling (`capped-pro-rata`).
  PolicyColumns reads;    ///< The inputs it reads.
  bool respects_caps;     ///< Defined to respect the caps β (DEF-CAPS): x_i ≤ β_i·w_i.
  bool integral;          ///< Its exact result is already on the fx grid (FX-ROUNDING is the identity).
  bool ordered;  ///< Fills accounts in a key order up to a bound (queue, greedy), rather than at one common level.
};

/// The facts of every policy, in PolicyKind order.
/// @spec POL-ADL-POLICY
inline constexpr std::array<PolicyInfo, kPolicyKinds> kPolicies{{
    {PolicyKind::Queue, "queue", {.score = true}, false, true, true},
    {PolicyKind::ProRata, "pro-rata", {}, false, false, false},
    {PolicyKind::LeveredProRata, "levered-pro-rata", {.cap = true, .leverage = true}, true, false, false},
    {PolicyKind::CappedProRata, "capped-pro-rata", {.cap = true}, true, false, false},
    {PolicyKind::Rap, "rap", {.cap = true, .risk_weight = true}, true, false, false},
    {PolicyKind::MinMax, "min-max", {.equity = true, .cap = true}, true, false, false},
    {PolicyKind::GreedyOneStep, "greedy-one-step", {.equity = true, .cap = true, .rho = true}, true, true, true},
    {PolicyKind::ContractProRata, "contract-pro-rata", {.quantity = true}, false, true, false},
}};

/// The facts of one policy.
/// @spec POL-ADL-POLICY
constexpr const PolicyInfo& policy_info(PolicyKind kind) { return kPolicies[static_cast<std::size_t>(kind)]; }

/// Canonical name of a policy (`queue`, `pro-rata`, `levered-pro-rata`,
/// `capped-pro-rata`, `rap`, `min-max`, `greedy-one-step`, `contract-pro-rata`).
/// @spec POL-ADL-POLICY
inline std::string policy_name(PolicyKind kind) { return std::string(policy_info(kind).name); }

/// Whether a policy is defined to respect the per-account caps β.
/// @spec DEF-CAPS
constexpr bool policy_respects_caps(PolicyKind kind) { return policy_info(kind).respects_caps; }

}  // namespace adl
