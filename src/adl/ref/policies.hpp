/// @file
/// One-round ADL policies in wealth space: each returns a severity, the seized
/// amounts x and the haircut fractions h, with x_i = h_i·w_i (POL-ADL-POLICY).
#pragma once

#include "adl/ref/benchmark_allocators.hpp"
#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"
#include "adl/policy_kind.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace adl::ref {

// The policy kinds are adl's vocabulary (adl/policy_kind.hpp), named here too
// so reference code reads ref::PolicyKind.
using adl::kPolicies;
using adl::kPolicyKinds;
using adl::policy_info;
using adl::policy_name;
using adl::policy_respects_caps;
using adl::PolicyColumns;
using adl::PolicyInfo;
using adl::PolicyKind;

/// The output of a one-round policy.
/// @spec POL-ADL-POLICY
struct Allocation {
  Rational severity;              ///< θ ∈ [0, 1].
  Rational budget;                ///< B = θ·D.
  std::vector<Rational> seized;   ///< x_i ∈ [0, w_i], in USD.
  std::vector<Rational> haircut;  ///< h_i = x_i / w_i ∈ [0, 1]; 0 when w_i = 0 (AMB-P-01).
  std::vector<Rational>
      closed;  ///< Contracts closed, whole (contract-space policies only; seized and haircut stay empty).
};

/// A queue score: a rational or +∞ (the Binance score when p^bk = 0, AMB-P-03).
/// @spec DEF-QUEUE-SCORE
/// @spec AMB-P-03
struct Score {
  Rational value;         ///< The score when finite.
  bool infinite = false;  ///< +∞: ranks before every finite score.
};

/// Where queue scores come from.
/// @spec DEF-QUEUE-SCORE
/// @spec AMB-P-02
/// @spec POL-QUEUE-LARGEST-FIRST
enum class ScoreRule {
  Explicit,      ///< The book's `score` column.
  Hyperliquid,   ///< s = ℓ (leverage), the paper's Hyperliquid reading.
  Binance,       ///< s = ℓ·p̂/p^bk (position books only).
  LargestFirst,  ///< s = w (POL-QUEUE-LARGEST-FIRST).
};

/// A risk model g of effective leverage λ (DEF-RISK-MODEL).
/// @spec DEF-RISK-MODEL
struct RiskModel {
  /// The family of g.
  enum class Kind {
    Linear,  ///< g(λ) = λ.
    Power,   ///< g(λ) = λ^c, c an integer ≥ 2 (kept integral so weights stay exact).
    Cvar,    ///< g(λ) = (λ − τ)₊, τ ≥ 0.
  };
  Kind kind = Kind::Linear;  ///< Family.
  Rational parameter;        ///< c for Power, τ for Cvar; unused for Linear.
};

/// Risk weight w̃ = λ·g(λ).
/// @spec DEF-RISK-MODEL
Rational risk_weight(const RiskModel& model, const Rational& lambda);

// ---- Allocators on vectors: the algorithms exactly as spec/policies.md gives them.
// Every allocator takes the budget B and returns x and h (severity left 0 for the
// caller). Each throws Infeasible when B exceeds its own capacity and
// InvalidInput on a malformed vector (negative w, cap outside [0, 1], size mismatch).

/// Queue by scores: eligible accounts (w > 0) sorted by decreasing score, ties by
/// ascending index; x_σ(k) = min(w_σ(k), A_{k−1}).
/// @spec POL-QUEUE
/// @spec AMB-P-01
Allocation queue(const std::vector<Rational>& endowment, const std::vector<Score>& scores, const Rational& budget);

/// Wealth pro-rata: h_i = B/U for every w_i > 0.
/// @spec POL-PRO-RATA
Allocation pro_rata(const std::vector<Rational>& endowment, const Rational& budget);

/// Capped pro-rata: h_i = min(η, β_i) with the smallest η solving Σ w_i·min(η, β_i) = B
/// (corrected water-filling ALG-CAPPED-WATERFILL).
/// @spec POL-CAPPED-PRO-RATA
/// @spec ALG-CAPPED-WATERFILL
/// @spec AMB-P-07
Allocation capped_pro_rata(const std::vector<Rational>& endowment, const std::vector<Rational>& caps,
                           const Rational& budget);

/// Risk-aware pro-rata: h_i = min(β_i, τ·w̃_i), τ set by the budget
/// (corrected ALG-RAP-WATERFILL). Accounts with w̃_i = 0 get h_i = 0.
/// @spec POL-RAP
/// @spec ALG-RAP-WATERFILL
/// @spec AMB-P-08
Allocation rap(const std::vector<Rational>& endowment, const std::vector<Rational>& caps,
               const std::vector<Rational>& risk_weights, const Rational& budget);

/// Levered pro-rata, resolved as losses ∝ ℓ_i·w_i with caps: ALG-RAP-WATERFILL with
/// risk weights ℓ_i (AMB-P-04).
/// @spec POL-LEV-PRO-RATA
/// @spec AMB-P-04
Allocation levered_pro_rata(const std::vector<Rational>& endowment, const std::vector<Rational>& caps,
                            const std::vector<Rational>& leverage, const Rational& budget);

/// Continuous min–max burden: minimises the burden x_i/e_i lexicographically from
/// the top: x_i = min(M·e_i, β_i·w_i) with the smallest level M meeting the budget.
/// @spec POL-MINMAX-CONT
Allocation min_max_burden(const std::vector<Rational>& endowment, const std::vector<Rational>& equity,
                          const std::vector<Rational>& caps, const Rational& budget);

/// Greedy one-step optimum of δ_T (fractional knapsack): accounts sorted by
/// e_i·ρ_i/w_i descending, ties by index; x_i = min(w_i·β_i, remaining).
/// @spec POL-GREEDY-ONESTEP
/// @spec DEF-OPT-RISK-MODEL
Allocation greedy_one_step(const std::vector<Rational>& endowment, const std::vector<Rational>& equity,
                           const std::vector<Rational>& caps, const std::vector<Rational>& rho, const Rational& budget);

// ---- The registry: one dispatch from a policy kind to its allocator.

/// The exact inputs of a one-round policy, one entry per account. A policy
/// reads only its own columns (policy_info(kind).reads); the others may stay
/// empty. The fx engine's counterpart is fx::Book.
/// @spec POL-ADL-POLICY
struct PolicyInput {
  std::vector<Rational> endowment;                     ///< w_i ≥ 0, USD.
  std::vector<Rational> equity;                        ///< e_i, USD (min–max, greedy one-step).
  std::vector<Rational> cap;                           ///< β_i ∈ [0, 1] (the capped policies).
  std::vector<Score> score;                            ///< Queue scores.
  std::vector<Rational> leverage;                      ///< ℓ_i (levered pro-rata).
  std::vector<Rational> risk_weight;                   ///< w̃_i (RAP).
  std::vector<Rational> rho;                           ///< ρ_i (greedy one-step).
  std::vector<Rational> quantity;                      ///< |q_i| in contracts (contract pro-rata).
  Rational loss_per_contract;                          ///< d ＞ 0, USD per contract (contract pro-rata).
  ContractRounding rounding = ContractRounding::Ceil;  ///< Rounding of Q = B/d (contract pro-rata).
};

/// Runs one policy on its inputs at budget B: the one place where a policy
/// kind selects its allocator in adl::ref (the registry of policies.cpp).
/// Severity is left 0 for the caller. Throws what the allocator throws.
/// @spec POL-ADL-POLICY
Allocation run_policy(PolicyKind kind, const PolicyInput& input, const Rational& budget);

/// Everything that parameterises a policy on a book.
/// @spec POL-ADL-POLICY
struct PolicyOptions {
  PolicyKind kind = PolicyKind::ProRata;  ///< Which policy.
  ScoreRule score = ScoreRule::Explicit;  ///< Queue score rule.
  RiskModel risk;                         ///< RAP and greedy-one-step risk model.
};

/// The spelling of a queue score rule: `explicit`, `hyperliquid`, `binance`, `largest-first`.
/// @spec DEF-QUEUE-SCORE
std::string score_rule_name(ScoreRule rule);

/// The spelling of a risk model: `linear`, `power:C`, `cvar:T` (T as a fraction).
/// @spec DEF-RISK-MODEL
std::string risk_model_name(const RiskModel& model);

/// Queue scores for a book under a score rule; throws InvalidInput when the
/// book lacks what the rule needs (a score column, leverage, a position book).
/// @spec DEF-QUEUE-SCORE
std::vector<Score> queue_scores(const Book& book, ScoreRule rule);

/// The inputs a policy reads, from a wealth-space book: w, e and β from the
/// state; scores by the score rule; leverage ℓ; risk weights λ·g(λ) (ρ for
/// greedy one-step, DEF-OPT-RISK-MODEL) by the risk model. Only the columns
/// the policy reads are filled; InvalidInput when the book lacks one (a score
/// column, leverage), naming the account. Contract pro-rata needs positions,
/// which a wealth-space book does not carry: InvalidInput.
/// @spec POL-ADL-POLICY
/// @spec DEF-QUEUE-SCORE
/// @spec DEF-OPT-RISK-MODEL
PolicyInput policy_input(const Book& book, const BookState& state, const PolicyOptions& options);

/// Runs one policy on a book at a resolved budget: run_policy on
/// policy_input(book, state, options), with the budget's severity. Caps from
/// the book (h̄, e̲) bind the capped policies (capped pro-rata, levered
/// pro-rata, RAP, min–max, greedy one-step); queue and wealth pro-rata ignore
/// caps, as the spec defines them.
/// @spec POL-ADL-POLICY
Allocation run_policy(const Book& book, const BookState& state, const PolicyOptions& options, const Budget& budget);

/// The common-level form of a policy of the pro-rata family: x_i = min(η·a_i,
/// c_i) for one level η ≥ 0, with a_i returned here for account i (w_i for
/// pro-rata and capped pro-rata, ℓ_i·w_i levered, w̃_i·w_i RAP, e_i min–max; 0
/// when w_i = 0). Nothing for the ordered policies and contract pro-rata.
/// @spec POL-CAPPED-PRO-RATA
/// @spec POL-RAP
/// @spec POL-MINMAX-CONT
std::optional<Rational> level_slope(PolicyKind kind, const PolicyInput& input, std::size_t account);

/// The key of an ordered policy for account i, filled in decreasing key order
/// (ties by index): the queue score, or e_i·ρ_i/w_i for greedy one-step.
/// Nothing for the level policies and contract pro-rata.
/// @spec POL-QUEUE
/// @spec POL-GREEDY-ONESTEP
std::optional<Score> order_key(PolicyKind kind, const PolicyInput& input, std::size_t account);

}  // namespace adl::ref
