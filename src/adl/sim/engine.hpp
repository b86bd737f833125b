/// @file
/// The multi-round engine of spec/online.md: policies (a severity controller ×
/// a haircut rule), the exact engine (adl::ref rationals) and the fast engine
/// (adl::fx money, controllers in double), per-round records, regrets and the
/// bounds they are held to.
#pragma once

#include "adl/fx/number.hpp"
#include "adl/sim/round_input.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::sim {

// ---------------------------------------------------------------- policies

/// The severity controllers of `adl simulate`.
/// @spec SIM-CONTROLLERS
enum class Controller {
  Static,    ///< θ_t = θ (SEV-STATIC). Parameter `theta` (default 1).
  Match,     ///< (1 − ω)·min(1, U_t/R_t) + ω·θ̄. Parameters `omega` (0), `theta_bar` (1).
  Backoff,   ///< θ₀·α^(k_t). Parameters `theta0` (1), `alpha` (1/2), `window` (1, an integer).
  Ogd,       ///< Fixed-step projected OGD. Parameters `theta1` (1/2), `eta` (optional; absent:
             ///< the hindsight step 1/(R̄·√T) that SIM-BOUNDS' fixed-step bounds are stated for).
  OgdTuned,  ///< OGD with the oracle step √((1 + 2P)/Σ R_t²). Parameter `theta1` (1/2).
  Omd,       ///< η_t = D_max/(G·√t), G = max R_t. Parameters `theta1` (1/2), `dmax2` = D_max² (1/2).
  Mdic,      ///< SIM-MDIC. Parameters `eta0` (1/1000), `gamma0` (1), `eta_v` (1), `theta1` (1/2).
};

/// The haircut rules of a round (SIM-ROUND step 4); caps are money caps β·w.
/// @spec SIM-ROUND
enum class Rule {
  Queue,          ///< POL-QUEUE on the money caps m_i = β_i·w_i, by score (ties by index).
  ProRata,        ///< POL-PRO-RATA on the money caps: x_i = B·m_i/Σ m.
  CappedProRata,  ///< POL-CAPPED-PRO-RATA: h_i = min(η, β_i).
  Rap,            ///< POL-RAP with the winners' risk weights: h_i = min(β_i, τ·w̃_i).
};

/// A policy of a run: a controller, its parameters (defaults filled in by
/// parse_policy) and a haircut rule. `mdic` always uses Rule::Rap with its own weights.
/// @spec SIM-CONTROLLERS
/// @spec SIM-ROUND
struct PolicySpec {
  Controller controller = Controller::Static;  ///< Severity controller.
  std::map<std::string, Rational> params;      ///< Named parameters (see Controller).
  Rule rule = Rule::ProRata;                   ///< Haircut rule.
};

/// Canonical name of a controller (`static`, `match`, `backoff`, `ogd`, `ogd-tuned`, `omd`, `mdic`).
/// @spec SIM-CONTROLLERS
std::string controller_name(Controller controller);

/// Canonical name of a rule (`queue`, `pro-rata`, `capped-pro-rata`, `rap`).
/// @spec SIM-ROUND
std::string rule_name(Rule rule);

/// Parses `CONTROLLER[:key=value,...][/RULE]`, e.g. `ogd:eta=0.001,theta1=0.5/pro-rata`
/// or `static:theta=1/2/queue` (values are FMT-NUMBER, fractions allowed; the rule is
/// the text after the last `/` when it names a rule). Unknown controllers, rules or
/// keys, duplicate keys, values out of range (θ's outside [0, 1], α outside (0, 1),
/// window not a positive integer, steps ≤ 0) and `mdic` with a rule other than `rap`
/// throw std::invalid_argument naming the offending part. Missing parameters get
/// their defaults; the default rule is `pro-rata` (`rap` for mdic).
/// @spec SIM-CONTROLLERS
/// @spec SIM-MDIC
PolicySpec parse_policy(std::string_view text);

/// The canonical text of a policy: every parameter (sorted, exact decimals when
/// they terminate, else fractions) and the rule, e.g.
/// `ogd:eta=0.001,theta1=0.5/pro-rata`. parse_policy(policy_name(p)) == p.
/// @spec SIM-CONTROLLERS
std::string policy_name(const PolicySpec& policy);

// ---------------------------------------------------------------- records

/// What one round produced (SIM-ROUND, SIM-LOSSES). Num is Rational (exact engine)
/// or double (fast engine, USD).
/// @spec SIM-ROUND
/// @spec SIM-LOSSES
template <class Num>
struct RoundRecordT {
  std::size_t t = 0;            ///< Round index, 1-based.
  Num bad_debt{};               ///< D_t.
  Num fund{};                   ///< IF_t before the round's draw.
  Num residual{};               ///< R_t = (D_t − IF_t)₊.
  Num capacity{};               ///< C_t = Σ β·w (fast: Σ ⌊β·w⌋ in micro-USD).
  Num wealth{};                 ///< U_t = Σ w.
  Num needed{};                 ///< B^needed_t (= θ⋆_t·R_t).
  Num theta_star{};             ///< θ⋆_t.
  Num theta{};                  ///< θ_t played.
  Num step{};                   ///< The step η used after this round (0 for non-learning controllers).
  Num budget{};                 ///< B_t = min(θ_t·R_t, C_t).
  Num uncovered{};              ///< R_t − B_t.
  Num severity_loss{};          ///< f_t(θ_t) = R_t·|θ_t − θ⋆_t| (SIM-SEVERITY-LOSS).
  Num tracking{};               ///< |B_t − B^needed_t| (MET-OVERSHOOT-REGRET).
  Num fairness{};               ///< max_i x_i/e_i over e_i ＞ 0 (MET-MAX-BURDEN).
  Num objective{};              ///< L^λ_t = tracking + λ·B^needed_t·fairness.
  std::optional<Num> ptsr;      ///< max_i (w_i − x_i)₊ / B_t; absent when B_t = 0 (MET-PTSR).
  double churn = 0;             ///< Σ_i (1 − e^(−β_ch·h_i)) (MET-CHURN; double in both engines).
  std::size_t touched = 0;      ///< Winners with x_i ＞ 0 (MET-WINNERS-TOUCHED).
  std::vector<Num> seized;      ///< x_t,i in book order (only with RunOptions::keep_allocations).
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
  Num loss{};              ///< Σ f_t(θ_t) = the dynamic regret against θ⋆ (Σ f_t(θ⋆_t) = 0).
  Num best_static_loss{};  ///< min over θ ∈ [0, 1] of Σ f_t(θ) (at a weighted median of θ⋆).
  Num best_static_theta{}; ///< A minimiser (the smallest weighted median).
  Num static_regret{};     ///< loss − best_static_loss.
  Num dynamic_regret{};    ///< loss (comparator θ⋆).
  Num path_length{};       ///< P_T = Σ |θ⋆(t+1) − θ⋆_t|.
  Num sum_r2{};            ///< Σ R_t².
  Num max_r{};             ///< R̄ = max R_t.
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
  Num severity_loss{};   ///< Σ f_t(θ_t).
  Num tracking{};        ///< Σ ℓ^track_t.
  Num fairness{};        ///< Σ ℓ^fair_t.
  Num objective{};       ///< Σ L^λ_t.
  Num uncovered{};       ///< Σ (R_t − B_t).
  Num budget{};          ///< Σ B_t.
  Num final_fund{};      ///< IF(T+1).
  double churn = 0;      ///< Σ churn.
  std::size_t touched = 0; ///< Σ winners touched.
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
  std::string scenario;                  ///< Scenario name.
  std::string policy;                    ///< policy_name of the policy.
  PolicySpec spec;                       ///< The policy.
  std::vector<RoundRecordT<Num>> rounds; ///< Per-round records (empty when RunOptions::keep_rounds is false).
  TotalsT<Num> totals;                   ///< Sums.
  RegretT<Num> regret;                   ///< Regrets.
  std::vector<BoundT<Num>> bounds;       ///< The five SIM-BOUNDS rows, in table order.
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
  Rational lambda = 1;       ///< λ ≥ 0 of L^λ.
  double churn_beta = 8;     ///< β_ch of MET-CHURN.
  bool keep_rounds = true;   ///< Keep per-round records (totals and regrets are always computed).
  bool keep_allocations = false;  ///< Also keep each round's seized amounts x_t (RoundRecordT::seized).
};

// ---------------------------------------------------------------- engines

/// The exact engine: every round in rationals (SIM-ROUND), square roots as
/// ⌊10¹²·√x⌋/10¹². Throws std::invalid_argument on a malformed scenario (negative
/// money, e ＜ w, cap outside [0, 1], negative risk, θ⋆ outside [0, 1]) naming round and account.
/// @spec SIM-ENGINES
/// @spec SIM-ROUND
RunResult run_exact(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options = {});

/// One round's book in fixed point for the fast engine (buffers reused from round to round).
/// @spec SIM-ENGINES
struct FastRound {
  std::vector<fx::Money> endowment;      ///< w, micro-USD.
  std::vector<fx::Money> equity;         ///< e ≥ w, micro-USD.
  std::vector<fx::Money> cap;            ///< Money caps ⌊β·w⌋ ∈ [0, w], micro-USD.
  std::vector<fx::Fraction> risk;        ///< Risk weights at 10⁻⁹.
  std::vector<fx::Fraction> score;       ///< Queue scores at 10⁻⁹.
  fx::Money bad_debt = 0;                ///< D_t, micro-USD.
  fx::Money fee_inflow = 0;              ///< φ_t, micro-USD.
  std::optional<double> theta_star;      ///< θ⋆_t when the scenario gives it.
};

/// A scenario streamed round by round: `fill(t, round)` (t = 1..rounds) overwrites
/// `round` (resize the columns, keep their capacity). It must be deterministic:
/// the fast engine may call it twice per round (a first pass for hindsight steps).
/// @spec SIM-ENGINES
struct FastScenario {
  std::string name;                                          ///< Scenario name.
  std::string parameters;                                    ///< Human-readable parameters.
  fx::Money initial_fund = 0;                                ///< IF_1, micro-USD.
  std::size_t rounds = 0;                                    ///< T.
  std::function<void(std::size_t, FastRound&)> fill;         ///< Round generator.
};

/// Converts an exact scenario to fixed point (money to micro-USD, fractions to
/// 10⁻⁹, caps ⌊β·w⌋), throwing fx::Overflow / std::invalid_argument on values that
/// do not fit or are not multiples of the scale (never rounds silently).
/// @spec SIM-ENGINES
FastScenario to_fast(const Scenario& scenario);

/// The fast engine on several policies at once: each round is generated once
/// (twice when a policy needs a hindsight step) and allocated by every policy
/// with adl::fx; controllers in double. O(n) per round and policy.
/// @spec SIM-ENGINES
std::vector<FastRunResult> run_fast(const FastScenario& scenario, const std::vector<PolicySpec>& policies,
                                    const RunOptions& options = {});

/// The fast engine on one exact scenario (to_fast, then run_fast).
/// @spec SIM-ENGINES
FastRunResult run_fast(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options = {});

// ---------------------------------------------------------------- regrets and bounds

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

/// Static and dynamic regret with P_T (SIM-REGRET); the static minimum is exact
/// (weighted median of θ⋆ with weights R_t).
/// @spec SIM-REGRET
Regret regret(const std::vector<LossRound>& rounds);
/// Double version for the fast engine.
/// @spec SIM-REGRET
FastRegret regret(const std::vector<LossRoundT<double>>& rounds);

/// The five SIM-BOUNDS rows for a policy and its regret; `applies` only for the
/// controller and step each is stated for (`ogd` only with the default hindsight
/// step, `omd` literal only with θ₁ = 1/2 and D_max² = 1/8 … see the table).
/// T is the number of rounds.
/// @spec SIM-BOUNDS
std::vector<Bound> bounds(const PolicySpec& policy, const Regret& regret, std::size_t rounds);
/// Double version.
/// @spec SIM-BOUNDS
std::vector<FastBound> bounds(const PolicySpec& policy, const FastRegret& regret, std::size_t rounds);

/// Policy-class regret (SIM-REGRET): each run's total L^λ minus the smallest
/// total L^λ among the runs (same scenario), in the order given.
/// @spec SIM-REGRET
std::vector<Rational> policy_class_regret(const std::vector<RunResult>& runs);
/// Double version.
/// @spec SIM-REGRET
std::vector<double> policy_class_regret(const std::vector<FastRunResult>& runs);

/// Plays a controller on a bare loss sequence (R_t, θ⋆_t) — no books — and
/// returns θ_1..θ_T, exactly as run_exact would (hindsight steps from the same
/// sequence; `match` uses U_t = R_t; `mdic` uses C_t = R_t). Lets a test drive
/// a raw linear-loss sequence g_t·θ through R_t = |g_t|, θ⋆_t = [g_t ＜ 0].
/// @spec SIM-CONTROLLERS
/// @spec SIM-SEVERITY-LOSS
std::vector<Rational> play_controller(const PolicySpec& policy, const std::vector<Rational>& residual,
                                      const std::vector<Rational>& theta_star);

/// ⌈10¹²·√x⌉/10¹², exactly (x ≥ 0): the upward counterpart of ref::floor_sqrt,
/// used to evaluate bounds so that "realized ≤ bound" is never an artefact of rounding.
/// @spec SIM-BOUNDS
Rational ceil_sqrt12(const Rational& x);

}  // namespace adl::sim
