/// @file
/// Shared encoders of claims group E (accounting identities, the newsvendor
/// fund, no-wait, the price-of-anarchy lemmas and attainability): validity runs
/// that record their witness, fixed probability vectors, replay books and
/// allocations through adl::ref, the two-period participation game of
/// THM-NO-WAIT and the instance part of the trilemma hypotheses CH.
#pragma once

#include "catalog.hpp"
#include "group_c_encoders.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <string>
#include <utility>
#include <vector>

namespace adl::proofs::group_e {

/// Named scalars of an instance table.
using Scalars = std::vector<std::pair<std::string, z3::expr>>;
/// Named columns (one row per index) of an instance table.
using Columns = std::vector<std::pair<std::string, std::vector<z3::expr>>>;

/// A size bound: `requested` when nonzero (at most `cap` when cap ＞ 0), else `fallback`.
/// @spec DEF-FINITE-CHECK
unsigned bound(unsigned requested, unsigned fallback, unsigned cap = 0);

/// prove_valid with `preferences` for a non-degenerate witness, recorded in `result`
/// (verdict, detail, witness and counterexample tables). A PROVED run whose witness
/// does not meet the preferences becomes REPLAY-FAILED: its replay would be trivial.
/// @spec DEF-FINITE-CHECK
Validity run_validity(ClaimResult& result, z3::context& ctx, const std::vector<z3::expr>& assumptions,
                      const z3::expr& conclusion, const std::vector<z3::expr>& preferences,
                      const Options& options, const std::string& name, const Columns& columns,
                      const Scalars& scalars);

/// `result` with verdict REPLAY-FAILED and `detail`.
/// @spec DEF-FINITE-CHECK
ClaimResult replay_failed(ClaimResult result, const std::string& detail);

/// The fixed probability vectors of m atoms or scenarios (1 ≤ m ≤ 5): uniform
/// (1/m each) and, for m ≥ 2, increasing (p_k = k/(m(m+1)/2)).
/// @spec DEF-OPT-INSURANCE
std::vector<std::vector<ref::Rational>> probability_vectors(unsigned m);

/// The numerals of `values`.
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> numerals(z3::context& ctx, const std::vector<ref::Rational>& values);

// ---- Books and allocations through adl::ref ---------------------------------------

/// A wealth-space book a1..an with the given cash and PnL plus one loser `L` (cash 0,
/// PnL −deficit), so D = deficit + the other accounts' shortfalls and Δ ≥ deficit.
/// @spec DEF-EXCHANGE
ref::Book book_with_loser(const std::vector<ref::Rational>& cash, const std::vector<ref::Rational>& pnl,
                          const ref::Rational& deficit);

/// One allocation replayed on a book: the state, the allocation (seized x padded with 0
/// for the extra accounts, h_i = x_i/w_i, θ = B/D or 0 when D = 0), its metrics and
/// adl::ref::check_allocation (caps not enforced).
/// @spec POL-VALID
struct Replayed {
  ref::BookState state;            ///< adl::ref::summarize of the book.
  ref::Allocation allocation;      ///< The allocation as replayed.
  ref::RoundMetrics metrics;       ///< adl::ref::evaluate.
  ref::ValidityReport validity;    ///< adl::ref::check_allocation.
};

/// Replays seized amounts x (of the first x.size() accounts) at budget B on `book`.
/// @spec POL-VALID
/// @spec MET-PTSR
Replayed replay_allocation(const ref::Book& book, const std::vector<ref::Rational>& seized,
                           const ref::Rational& budget);

/// adl::ref::pro_rata on winners w (cash 0, PnL w) with one loser of shortfall D at
/// budget B, evaluated (PTSR, PMR, survivors).
/// @spec POL-PRO-RATA
Replayed replay_pro_rata(const std::vector<ref::Rational>& endowments, const ref::Rational& deficit,
                         const ref::Rational& budget);

/// Endowments with maximum `top` ＞ 0 and sum `capacity` ≥ top: top first, then
/// min(top, what is left) until the capacity is used up.
/// @spec DEF-MAX-CAPACITY
std::vector<ref::Rational> endowments_with(const ref::Rational& top, const ref::Rational& capacity);

/// LTV = Φ − 𝒟 through adl::ref::revenue: the fees Φ as liquidation fees with the
/// insurance-fund share α = 𝒟/Φ (α = 0 when Φ = 0), net revenue under the
/// consistent formula.
/// @spec DEF-REVENUE
/// @spec MET-LTV
ref::Rational ltv_through_ref(const ref::Rational& fees, const ref::Rational& diversion);

// ---- The instance part of CH (THM-ATTAIN-SR-*) ----------------------------------

/// The constraints of CH (DEF-TRILEMMA, group_c::TrilemmaInstance::hypotheses) that do
/// not mention the policy's θ, B, 𝒟 or R: ranges of D, Φ, K₀, υ, c_lo, c_R, μ₋, μ_Φ, ε, ε′,
/// the slack bounds K₀ ≤ ε·n, D ≥ (μ₋ − ε)·n, Φ ≤ (μ_Φ + ε)·n, υ ≤ ε′·n; plus the capacity
/// U ≥ 0. The policy part (B = θ·D, 𝒟, R and the identity) is left to the caller.
/// @spec DEF-TRILEMMA
std::vector<z3::expr> ch_instance(const group_c::TrilemmaInstance& t, const z3::expr& capacity);

/// The instance variables of ch_instance with their names, for instance_of.
/// @spec DEF-TRILEMMA
Scalars ch_instance_scalars(const group_c::TrilemmaInstance& t, const z3::expr& capacity);

/// ch_instance recomputed in exact Rationals (group_c::trilemma_hypotheses_hold with a
/// policy that meets CH's policy part).
/// @spec DEF-TRILEMMA
bool ch_instance_holds(const group_c::TrilemmaValues& v, const ref::Rational& capacity);

// ---- The two-period participation game (THM-NO-WAIT-*) -------------------------

/// A backstop liquidity provider at t may act now, earning θ_t·D_t − Γ_t, or wait:
/// at t + 1 one of m scenarios (fixed probabilities p_k) reveals θ′_k·D′_k and Γ′_k
/// and it acts or not; a waiting strategy is the set S of scenarios where it acts,
/// worth β·Σ_{k∈S} p_k·(θ′_k·D′_k − Γ′_k) (S = ∅: never act, 0). Acting now is optimal
/// iff it is worth at least every waiting strategy. The products θ·D enter only as
/// products, so each is one variable (LRA); β is a numeral.
/// @spec THM-NO-WAIT
/// @spec LEM-NO-WAIT
struct WaitGame {
  /// Fresh variables for m = scenario_probabilities.size() scenarios.
  WaitGame(z3::context& ctx, std::vector<ref::Rational> scenario_probabilities, ref::Rational discount_factor);
  std::vector<ref::Rational> probabilities;  ///< p_1..p_m.
  ref::Rational discount;                    ///< β_disc ∈ (0, 1].
  z3::expr premium_now;                      ///< θ_t·D_t.
  z3::expr cost_now;                         ///< Γ_t.
  std::vector<z3::expr> premium_next;        ///< θ′_k·D′_k per scenario.
  std::vector<z3::expr> cost_next;           ///< Γ′_k per scenario.
  /// Every premium and cost ≥ 0.
  [[nodiscard]] std::vector<z3::expr> hypotheses() const;
  /// θ_t·D_t − Γ_t.
  [[nodiscard]] z3::expr act_now_payoff() const;
  /// The 2^m waiting strategies' payoffs.
  [[nodiscard]] std::vector<z3::expr> waiting_payoffs() const;
  /// Acting now is worth at least every waiting strategy.
  [[nodiscard]] z3::expr act_now_optimal() const;
  /// The printed condition θ_t·D_t ≤ E[θ′·D′] − Γ_t.
  [[nodiscard]] z3::expr printed_condition() const;
  /// The corrected condition θ_t·D_t − Γ_t ≥ β·E[(θ′·D′ − Γ′)₊].
  [[nodiscard]] z3::expr corrected_condition() const;
  /// The scalars (β, θ_t·D_t, Γ_t) and columns (p, θ′·D′, Γ′) for instance_of.
  [[nodiscard]] Scalars scalars() const;
  /// @copydoc scalars
  [[nodiscard]] Columns columns() const;
};

/// The game recomputed in exact Rationals from a model, by enumerating the strategies.
/// @spec THM-NO-WAIT
struct WaitOutcome {
  ref::Rational act_now;      ///< θ_t·D_t − Γ_t.
  ref::Rational best_wait;    ///< The best waiting strategy's payoff.
  bool act_now_optimal = false;  ///< act_now ≥ best_wait.
  bool printed = false;       ///< The printed condition.
  bool corrected = false;     ///< The corrected condition.
  /// "act now 0, best waiting 2, printed 1 ≤ 2 holds, …".
  [[nodiscard]] std::string describe() const;
};

/// Reads the game's values from `model` and recomputes every payoff exactly.
/// @spec THM-NO-WAIT
WaitOutcome wait_outcome(const z3::model& model, const WaitGame& game);

}  // namespace adl::proofs::group_e
