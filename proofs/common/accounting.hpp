/// @file
/// Encoders of the accounting claims (@spec DEF-TRILEMMA, @spec THM-NO-WAIT,
/// @spec DEF-OPT-INSURANCE, @spec MET-LTV): the finite trilemma hypotheses CH, the
/// properties a trilemma lemma assumes and the lemmas' claim builder, the instance
/// part of CH (THM-ATTAIN-*), the residual-debt paths of THM-OPPOSING-ORDERS, the
/// PR-versus-RAP exchange utility of THM-RAP-LTV-THRESHOLD, LTV through
/// adl::ref::revenue, the fixed probability vectors of the newsvendor and no-wait
/// claims, and the two-period participation game of THM-NO-WAIT. The residual-debt
/// paths are here rather than in closed_forms.hpp because their claims compare
/// solvency times and LTV, not one policy's output. Books and pro-rata replays are
/// in books.hpp.
#pragma once

#include "books.hpp"
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace adl::proofs::accounting {

// ---- The finite trilemma (CH) --------------------------------------------------

/// The finite trilemma hypotheses CH of DEF-TRILEMMA for a numeral n: every
/// variable of the list below, with the constraints of CH.
/// @spec DEF-TRILEMMA
/// @spec LEM-SOLV-REV-ID
struct TrilemmaInstance {
  TrilemmaInstance(z3::context& ctx, unsigned n);
  unsigned n;          ///< The numeral n ∈ {1, …, 6}.
  z3::expr D;          ///< Deficit D_T.
  z3::expr B;          ///< Budget B_T = θ·D.
  z3::expr diversion;  ///< Fee diversion 𝒟_T.
  z3::expr fees;       ///< Fees Φ_T.
  z3::expr R;          ///< Residual R_T.
  z3::expr K0;         ///< Initial fund K₀.
  z3::expr upsilon;    ///< Top survivor υ^π.
  z3::expr theta;      ///< Severity θ.
  z3::expr c_lo;       ///< Fairness lower constant.
  z3::expr c_R;        ///< Revenue constant.
  z3::expr mu_minus;   ///< μ₋.
  z3::expr mu_phi;     ///< μ_Φ.
  z3::expr eps;        ///< ε (stands for o(n) terms).
  z3::expr eps_prime;  ///< ε′ (υ ≤ ε′·n).
  /// The constraints of CH (ranges, slack bounds, B = θ·D and the identity
  /// D ≤ B + 𝒟 + K₀ + R).
  [[nodiscard]] std::vector<z3::expr> hypotheses() const;
  /// Every variable with its name, for instance_of.
  [[nodiscard]] Scalars scalars() const;
  /// n as a real numeral.
  [[nodiscard]] z3::expr n_real() const;
};

/// Exact values of a TrilemmaInstance read from a model (for the replays).
/// @spec DEF-TRILEMMA
struct TrilemmaValues {
  ref::Rational n;          ///< n.
  ref::Rational D;          ///< D_T.
  ref::Rational B;          ///< B_T.
  ref::Rational diversion;  ///< 𝒟_T.
  ref::Rational fees;       ///< Φ_T.
  ref::Rational R;          ///< R_T.
  ref::Rational K0;         ///< K₀.
  ref::Rational upsilon;    ///< υ^π.
  ref::Rational theta;      ///< θ.
  ref::Rational c_lo;       ///< c_lo.
  ref::Rational c_R;        ///< c_R.
  ref::Rational mu_minus;   ///< μ₋.
  ref::Rational mu_phi;     ///< μ_Φ.
  ref::Rational eps;        ///< ε.
  ref::Rational eps_prime;  ///< ε′.
};

/// Reads every variable of `instance` from `model`; throws when one is irrational.
/// @spec DEF-TRILEMMA
TrilemmaValues trilemma_values(const z3::model& model, const TrilemmaInstance& instance);

/// Whether the exact values satisfy CH (recomputed in Rationals).
/// @spec DEF-TRILEMMA
bool trilemma_hypotheses_hold(const TrilemmaValues& v);

/// The finite forms of the trilemma's properties a lemma may assume (DEF-TRILEMMA,
/// THM-TRILEMMA-I..III): (S) solvency R ≤ ε·n, (F) fairness υ ≥ c_lo·θ·D, (R) revenue
/// 𝒟 ≤ (1 − c_R)·Φ, and the small budget B ≤ ε·n that fairness yields.
/// @spec DEF-TRILEMMA
enum class Property { Solvency, Fairness, Revenue, SmallBudget };

/// The property on an instance (a Z3 term).
/// @spec DEF-TRILEMMA
z3::expr holds(const TrilemmaInstance& t, Property property);

/// The property on exact values (the replay).
/// @spec DEF-TRILEMMA
bool holds(const TrilemmaValues& v, Property property);

/// A universal finite trilemma lemma: CH ∧ the assumed properties ⇒ conclusion, the
/// conclusion also in exact Rationals for the replay.
/// @spec DEF-TRILEMMA
struct TrilemmaLemma {
  std::vector<Property> assumed;                                ///< The properties assumed beyond CH.
  std::function<z3::expr(const TrilemmaInstance&)> conclusion;  ///< What follows.
  std::function<bool(const TrilemmaValues&)> conclusion_holds;  ///< `conclusion` in Rationals.
};

/// A trilemma lemma as a claim of the catalog, checked for every numeral n from 1 to the
/// bound (default 6) by check_each_n; each witness is replayed by recomputing CH, the assumed
/// properties and the conclusion in exact Rationals.
/// @spec DEF-TRILEMMA
Claim trilemma_claim(std::string id, std::string statement, TrilemmaLemma lemma);

/// The constraints of CH (DEF-TRILEMMA, TrilemmaInstance::hypotheses) that do
/// not mention the policy's θ, B, 𝒟 or R: ranges of D, Φ, K₀, υ, c_lo, c_R, μ₋, μ_Φ, ε, ε′,
/// the slack bounds K₀ ≤ ε·n, D ≥ (μ₋ − ε)·n, Φ ≤ (μ_Φ + ε)·n, υ ≤ ε′·n; plus the capacity
/// U ≥ 0. The policy part (B = θ·D, 𝒟, R and the identity) is left to the caller.
/// @spec DEF-TRILEMMA
std::vector<z3::expr> ch_instance(const TrilemmaInstance& t, const z3::expr& capacity);

/// The instance variables of ch_instance with their names, for instance_of.
/// @spec DEF-TRILEMMA
Scalars ch_instance_scalars(const TrilemmaInstance& t, const z3::expr& capacity);

/// ch_instance recomputed in exact Rationals (trilemma_hypotheses_hold with a
/// policy that meets CH's policy part).
/// @spec DEF-TRILEMMA
bool ch_instance_holds(const TrilemmaValues& v, const ref::Rational& capacity);

// ---- Residual-debt paths (THM-OPPOSING-ORDERS) -----------------------------------

/// Residual-debt paths of two policies A and B under common shocks (the setup of
/// THM-OPPOSING-ORDERS): z_0 common, z_{t+1}(π) = z_t + Z_{t+1} − m_t(π) ≥ 0,
/// m_t(π) ≥ 0, cumulative masses M_t = Σ_{s<t} m_s.
/// @spec THM-OPPOSING-ORDERS
struct ResidualPaths {
  std::vector<std::vector<z3::expr>> shocks;  ///< Z_1..Z_T (index t−1), common.
  std::vector<std::vector<z3::expr>> z[2];    ///< z_0..z_T per policy (0 = A, 1 = B).
  std::vector<std::vector<z3::expr>> m[2];    ///< m_0..m_{T−1} per policy.
  std::vector<std::vector<z3::expr>> M[2];    ///< M_0..M_T per policy (M_0 = 0).
  std::vector<z3::expr> constraints;          ///< Dynamics, m ≥ 0, z ≥ 0.
};

/// Builds the paths for n accounts and T steps.
/// @spec THM-OPPOSING-ORDERS
ResidualPaths residual_paths(z3::context& ctx, unsigned n, unsigned T);

/// The sizes of the THM-OPPOSING-ORDERS-* checks: T = 1..--max-t or 3 (outer), n =
/// 1..--max-n or 4 (inner), labelled `n = i, T = t` with tags `.n<i>.T<t>` (Size::k is T),
/// and the bound `n ≤ N, T ≤ T` once every size is proved.
/// @spec THM-OPPOSING-ORDERS
runner::Grid path_grid(const Options& options);

/// z = 0 (every coordinate).
/// @spec MET-TAU-SOLV
z3::expr is_zero(z3::context& ctx, const std::vector<z3::expr>& z);

/// Hypothesis (i) of THM-OPPOSING-ORDERS: for every t ≤ T, if no s ≤ t has
/// z_s(A) = 0 (i.e. t ＜ τ_solv(A)) then z_t(A) ≺_w z_t(B).
/// @spec THM-OPPOSING-ORDERS
/// @spec MET-MAJORIZATION
z3::expr concentration_hypothesis(z3::context& ctx, const ResidualPaths& paths);

// ---- Revenue and LTV ----------------------------------------------------------------

/// The two-account exchange-utility setup of THM-RAP-LTV-THRESHOLD (App. F): accounts H and L,
/// h^PR = (b/(e_H + e_L))·(1, 1), h^RAP = (b/e_H, 0), and
/// U^exch(h) = −(L₀ − α_H·h_H − α_L·h_L) + β·Σ θ_i·(1 − h_i)·λ_i (MET-LTV definition 3).
/// The quotients are variables defined by cleared equations (p·(e_H + e_L) = b, r·e_H = b).
/// @spec THM-RAP-LTV-THRESHOLD
/// @spec MET-LTV
struct LtvSetup {
  explicit LtvSetup(z3::context& ctx);
  z3::expr e_H, e_L, b;             ///< Equities and budget.
  z3::expr alpha_H, alpha_L, beta;  ///< Loss weights α and revenue weight β.
  z3::expr theta_H, theta_L;        ///< Revenue rates θ_i.
  z3::expr lambda_H, lambda_L;      ///< Leverages λ_i.
  z3::expr L0;                      ///< Loss constant L₀.
  z3::expr p;                       ///< h^PR_H = h^PR_L = b/(e_H + e_L).
  z3::expr r;                       ///< h^RAP_H = b/e_H (h^RAP_L = 0).
  /// e_H, e_L ＞ 0, 0 ＜ b ≤ e_H and the defining equations of p and r.
  [[nodiscard]] std::vector<z3::expr> hypotheses() const;
  /// U^exch(h_H, h_L).
  [[nodiscard]] z3::expr utility(const z3::expr& h_H, const z3::expr& h_L) const;
  /// ΔU = U(h^PR) − U(h^RAP), computed from U directly.
  [[nodiscard]] z3::expr delta_u() const;
  /// Δh_H = h^RAP_H − h^PR_H.
  [[nodiscard]] z3::expr delta_h() const;
  /// The variables with their names, for instance_of.
  [[nodiscard]] Scalars scalars() const;
};

/// An LtvSetup's exact values in a model, replayed through adl::ref: h^PR by
/// adl::ref::pro_rata({e_H, e_L}, b), h^RAP by adl::ref::rap with caps 1 and weights (1, 0),
/// and ΔU = U^exch(h^PR) − U^exch(h^RAP) recomputed from U^exch in exact Rationals.
/// @spec THM-RAP-LTV-THRESHOLD
/// @spec MET-LTV
struct LtvReplay {
  ref::Rational e_H, e_L, b;             ///< Equities and budget.
  ref::Rational alpha_H, alpha_L, beta;  ///< Loss weights and revenue weight.
  ref::Rational theta_H, theta_L;        ///< Revenue rates.
  ref::Rational lambda_H, lambda_L;      ///< Leverages.
  ref::Rational L0;                      ///< Loss constant.
  ref::Allocation pr;                    ///< adl::ref::pro_rata.
  ref::Allocation rap;                   ///< adl::ref::rap.
  ref::Rational delta_u;                 ///< U(h^PR) − U(h^RAP).
  ref::Rational delta_h;                 ///< h^RAP_H − h^PR_H.
};

/// Reads an LtvSetup from a model and replays it (throws when a value is irrational).
/// @spec THM-RAP-LTV-THRESHOLD
LtvReplay ltv_replay(const z3::model& model, const LtvSetup& setup);

/// LTV = Φ − 𝒟 through adl::ref::revenue: the fees Φ as liquidation fees with the
/// insurance-fund share α = 𝒟/Φ (α = 0 when Φ = 0), net revenue under the
/// consistent formula.
/// @spec DEF-REVENUE
/// @spec MET-LTV
ref::Rational ltv_through_ref(const ref::Rational& fees, const ref::Rational& diversion);

// ---- Probabilities and the participation game (THM-NO-WAIT-*, THM-NEWSVENDOR) -------

/// The fixed probability vectors of m atoms or scenarios (1 ≤ m ≤ 5): uniform
/// (1/m each) and, for m ≥ 2, increasing (p_k = k/(m(m+1)/2)).
/// @spec DEF-OPT-INSURANCE
std::vector<std::vector<ref::Rational>> probability_vectors(unsigned m);

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
  ref::Rational act_now;         ///< θ_t·D_t − Γ_t.
  ref::Rational best_wait;       ///< The best waiting strategy's payoff.
  bool act_now_optimal = false;  ///< act_now ≥ best_wait.
  bool printed = false;          ///< The printed condition.
  bool corrected = false;        ///< The corrected condition.
  /// "act now 0, best waiting 2, printed 1 ≤ 2 holds, …".
  [[nodiscard]] std::string describe() const;
};

/// Reads the game's values from `model` and recomputes every payoff exactly.
/// @spec THM-NO-WAIT
WaitOutcome wait_outcome(const z3::model& model, const WaitGame& game);

}  // namespace adl::proofs::accounting
