/// @file
/// The data records of a multi-round run (spec/online.md): per-round records,
/// totals, regrets, bounds and the result of one policy on one scenario. Each is
/// a plain struct over the number type — Rational for the exact engine, double
/// (USD) for the fast engine; the records hold data only, the algorithms that
/// fill them are written separately for each engine.
#pragma once

#include "adl/sim/policy.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace adl::sim {

/// What one round produced (SIM-ROUND, SIM-LOSSES). Num is Rational (exact engine)
/// or double (fast engine, USD).
/// @spec SIM-ROUND
/// @spec SIM-LOSSES
template <class Num>
struct RoundRecordT {
  std::size_t t = 0;        ///< Round index, 1-based.
  Num bad_debt{};           ///< D_t.
  Num fund{};               ///< IF_t before the round's draw.
  Num residual{};           ///< R_t = (D_t − IF_t)₊.
  Num capacity{};           ///< C_t = Σ β·w (fast: Σ ⌊β·w⌋ in micro-USD).
  Num wealth{};             ///< U_t = Σ w.
  Num needed{};             ///< B^needed_t (= θ⋆_t·R_t).
  Num theta_star{};         ///< θ⋆_t.
  Num theta{};              ///< θ_t played.
  Num step{};               ///< The step η used after this round (0 for non-learning controllers).
  Num budget{};             ///< B_t = min(θ_t·R_t, C_t).
  Num uncovered{};          ///< R_t − B_t.
  Num severity_loss{};      ///< f_t(θ_t) = R_t·|θ_t − θ⋆_t| (SIM-SEVERITY-LOSS).
  Num tracking{};           ///< |B_t − B^needed_t| (MET-OVERSHOOT-REGRET).
  Num fairness{};           ///< max_i x_i/e_i over e_i ＞ 0 (MET-MAX-BURDEN).
  Num objective{};          ///< L^λ_t = tracking + λ·B^needed_t·fairness.
  std::optional<Num> ptsr;  ///< max_i (w_i − x_i)₊ / B_t; absent when B_t = 0 (MET-PTSR).
  double churn = 0;         ///< Σ_i (1 − e^(−β_ch·h_i)) (MET-CHURN; double in both engines).
  std::size_t touched = 0;  ///< Winners with x_i ＞ 0 (MET-WINNERS-TOUCHED).
  std::vector<Num> seized;  ///< x_t,i in book order (only with RunOptions::keep_allocations).
};

/// Exact per-round record.
/// @spec SIM-ROUND
using RoundRecord = RoundRecordT<Rational>;
/// Fast per-round record (USD as double).
/// @spec SIM-ENGINES
using FastRoundRecord = RoundRecordT<double>;

/// Regrets of a run (SIM-REGRET) for the losses f_t(θ) = R_t·|θ − θ⋆_t|.
/// @spec SIM-REGRET
/// @spec MET-REGRET
template <class Num>
struct RegretT {
  Num loss{};               ///< Σ f_t(θ_t) = the dynamic regret against θ⋆ (Σ f_t(θ⋆_t) = 0).
  Num best_static_loss{};   ///< min over θ ∈ [0, 1] of Σ f_t(θ) (at a weighted median of θ⋆).
  Num best_static_theta{};  ///< A minimiser (the smallest weighted median).
  Num static_regret{};      ///< loss − best_static_loss.
  Num dynamic_regret{};     ///< loss (comparator θ⋆).
  Num path_length{};        ///< P_T = Σ |θ⋆(t+1) − θ⋆_t|.
  Num sum_r2{};             ///< Σ R_t².
  Num max_r{};              ///< R̄ = max R_t.
};
/// Exact regrets.
/// @spec SIM-REGRET
using Regret = RegretT<Rational>;
/// Fast regrets.
/// @spec SIM-REGRET
using FastRegret = RegretT<double>;

/// One bound of SIM-BOUNDS next to the regret it bounds.
/// @spec SIM-BOUNDS
template <class Num>
struct BoundT {
  std::string name;      ///< `tuned dynamic`, `fixed-step dynamic`, `fixed-step static`,
                         ///< `OMD static (repaired)`, `OMD static (literal)`.
  std::string claim;     ///< Claim ID (THM-OGD-SEVERITY, THM-OGD-DYNAMIC-RATE, THM-OMD-REPAIRED, THM-OMD-LITERAL).
  bool proved = false;   ///< The claim's verdict is PROVED (the literal OMD bound is REFUTED).
  bool applies = false;  ///< The bound is stated for this controller and step; otherwise "—".
  bool dynamic = false;  ///< Bounds the dynamic regret (else the static regret).
  Num value{};           ///< The bound; square roots rounded up to 10⁻¹² in the exact engine.
  Num realized{};        ///< The regret it bounds (dynamic or static).
  bool holds = true;     ///< realized ≤ value (meaningful only when applies).
};
/// Exact bound.
/// @spec SIM-BOUNDS
using Bound = BoundT<Rational>;
/// Fast bound.
/// @spec SIM-BOUNDS
using FastBound = BoundT<double>;

/// Sums over the rounds of a run.
/// @spec SIM-LOSSES
template <class Num>
struct TotalsT {
  Num severity_loss{};      ///< Σ f_t(θ_t).
  Num tracking{};           ///< Σ ℓ^track_t.
  Num fairness{};           ///< Σ ℓ^fair_t.
  Num objective{};          ///< Σ L^λ_t.
  Num uncovered{};          ///< Σ (R_t − B_t).
  Num budget{};             ///< Σ B_t.
  Num final_fund{};         ///< IF(T+1).
  double churn = 0;         ///< Σ churn.
  std::size_t touched = 0;  ///< Σ winners touched.
};
/// Exact totals.
/// @spec SIM-LOSSES
using Totals = TotalsT<Rational>;
/// Fast totals.
/// @spec SIM-LOSSES
using FastTotals = TotalsT<double>;

/// The result of one policy on one scenario.
/// @spec SIM-ROUND
/// @spec SIM-REGRET
template <class Num>
struct RunResultT {
  std::string scenario;                   ///< Scenario name.
  std::string policy;                     ///< policy_name of the policy.
  PolicySpec spec;                        ///< The policy.
  std::vector<RoundRecordT<Num>> rounds;  ///< Per-round records (empty when RunOptions::keep_rounds is false).
  TotalsT<Num> totals;                    ///< Sums.
  RegretT<Num> regret;                    ///< Regrets.
  std::vector<BoundT<Num>> bounds;        ///< The five SIM-BOUNDS rows, in table order.
};
/// Exact run.
/// @spec SIM-ENGINES
using RunResult = RunResultT<Rational>;
/// Fast run.
/// @spec SIM-ENGINES
using FastRunResult = RunResultT<double>;

/// Options of a run.
/// @spec SIM-LOSSES
struct RunOptions {
  Rational lambda = 1;            ///< λ ≥ 0 of L^λ.
  double churn_beta = 8;          ///< β_ch of MET-CHURN.
  bool keep_rounds = true;        ///< Keep per-round records (totals and regrets are always computed).
  bool keep_allocations = false;  ///< Also keep each round's seized amounts x_t (RoundRecordT::seized).
};

/// The loss sequence of SIM-SEVERITY-LOSS: R_t, θ⋆_t, θ_t per round.
/// @spec SIM-SEVERITY-LOSS
template <class Num>
struct LossRoundT {
  Num residual{};    ///< R_t ≥ 0.
  Num theta_star{};  ///< θ⋆_t ∈ [0, 1].
  Num theta{};       ///< θ_t played.
};
/// Exact loss round.
/// @spec SIM-SEVERITY-LOSS
using LossRound = LossRoundT<Rational>;
/// Fast loss round (USD as double).
/// @spec SIM-SEVERITY-LOSS
using FastLossRound = LossRoundT<double>;

}  // namespace adl::sim
