/// @file
/// Shared encoder of the tail-risk claims (THM-QUEUE-VAR-ES-*): K scenarios with
/// free rational probabilities, one book per scenario (endowments sorted
/// decreasingly, so the top account is account 1 and the largest-first order is
/// the identity), a common budget h, a free allocation x and the largest-first
/// queue in every scenario, and the random variables the claims compare.
#pragma once

#include "group_b_top.hpp"

#include <string>
#include <vector>

namespace adl::proofs::group_b {

/// The scenario model of THM-QUEUE-VAR-ES.
/// @spec THM-QUEUE-VAR-ES
struct TailModel {
  std::vector<std::vector<z3::expr>> w;   ///< w[k][i]: endowment of account i in scenario k.
  std::vector<std::vector<z3::expr>> x;   ///< A free allocation in P(w[k], h).
  std::vector<std::vector<z3::expr>> lf;  ///< Largest-first queue seizures (closed form).
  std::vector<z3::expr> p;                ///< Scenario probabilities (＞ 0, Σ = 1).
  std::vector<z3::expr> omega;            ///< ω_T = w[k][0], the top endowment.
  std::vector<z3::expr> own_x, max_x;     ///< Own (account 1) and maximum survivor under x.
  std::vector<z3::expr> own_lf, max_lf;   ///< The same under the largest-first queue.
  std::vector<z3::expr> floor;            ///< (ω_T − h)₊.
  std::vector<z3::expr> assumptions;      ///< Sortedness, polytope, 0 ≤ h ≤ U_k, probabilities, α ∈ (0, 1).
  z3::expr h;                             ///< The common budget.
  z3::expr alpha;                         ///< The level α.
};

/// Builds the model with `scenarios` scenarios of `n` accounts each.
/// @spec THM-QUEUE-VAR-ES
/// @spec MET-VAR
/// @spec MET-ES
/// @spec POL-QUEUE-LARGEST-FIRST
TailModel tail_model(z3::context& ctx, unsigned scenarios, unsigned n);

/// Default bounds: n ≤ default_n accounts and K ≤ default_k scenarios;
/// --max-n N sets n ≤ N and K ≤ min(N, 5).
/// @spec DEF-FINITE-CHECK
struct TailBounds {
  unsigned max_n;          ///< Largest book size.
  unsigned max_scenarios;  ///< Largest number of scenarios.
};

/// The bounds for the options.
/// @spec DEF-FINITE-CHECK
TailBounds tail_bounds(const Options& options, unsigned default_n, unsigned default_k);

/// The sizes K = 1..max_scenarios (outer), n = 1..max_n (inner), labelled
/// `K = k, n = i` with query tags `.K<k>.n<i>`; Size::k is K.
/// @spec DEF-FINITE-CHECK
std::vector<Size> tail_sizes(const TailBounds& bounds);

/// `K ≤ … scenarios, n ≤ …`.
/// @spec DEF-FINITE-CHECK
std::string tail_bound(const TailBounds& bounds);

/// A TailModel's exact values in a model (for the replays; the free allocation
/// is not read).
/// @spec THM-QUEUE-VAR-ES
struct TailValues {
  std::vector<ref::Rational> p;               ///< Scenario probabilities.
  ref::Rational alpha;                        ///< α.
  ref::Rational h;                            ///< The budget.
  std::vector<std::vector<ref::Rational>> w;  ///< Endowments per scenario.
  std::vector<ref::Rational> floor;           ///< (ω_T − h)₊ per scenario.
};

/// Reads a TailModel from a model.
/// @spec THM-QUEUE-VAR-ES
TailValues tail_values(const z3::model& model, const TailModel& tail);

}  // namespace adl::proofs::group_b
