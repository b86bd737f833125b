/// @file
/// Shared encoders of claims group C (risk-aware pro-rata, dynamics, price of
/// anarchy, trilemma): allocators by their closed forms, written independently
/// of the adl::ref algorithms, the finite trilemma hypotheses (CH), the
/// residual-debt paths of the opposing-orders claims and their sizes, the
/// accounts of the one-step deficit claims, the PR-versus-RAP utility setup and
/// its replay, and small replay helpers.
#pragma once

#include "catalog.hpp"
#include "group_b_top.hpp"
#include "smt.hpp"

#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <functional>
#include <string>
#include <vector>

namespace adl::proofs::group_c {

/// A level-based allocator: haircuts h (or seizures), its scalar level and the
/// constraints that define the level.
struct LevelAllocation {
  std::vector<z3::expr> h;                ///< Haircut fractions h_i.
  z3::expr level;                         ///< τ (RAP) — the scalar set by the budget.
  std::vector<z3::expr> constraints;      ///< τ ≥ 0 and Σ w_i·h_i = B.
};

/// RAP by its closed form: a fresh scale τ ≥ 0 with h_i = min(β_i, τ·w̃_i) and
/// Σ w_i·h_i = B. Exact (h unique) when every w_i > 0 and w̃_i > 0, which the
/// caller asserts; the caller also asserts 0 ≤ B ≤ Σ w_i·β_i.
/// @spec POL-RAP
LevelAllocation rap_closed_form(z3::context& ctx, const std::string& name, const std::vector<z3::expr>& w,
                                const std::vector<z3::expr>& caps, const std::vector<z3::expr>& risk_weights,
                                const z3::expr& budget);

/// The accounts of the one-step deficit claims (THM-RAP-ONESTEP, THM-RAP-SCHUR):
/// endowments w, equities e and risk weights ρ, each ＞ 0.
/// @spec DEF-NEXT-DEFICIT
struct RiskAccounts {
  std::vector<z3::expr> w;    ///< Endowments w_i.
  std::vector<z3::expr> e;    ///< Equities e_i.
  std::vector<z3::expr> rho;  ///< Risk weights ρ_i.
  /// w_i ＞ 0, e_i ＞ 0, ρ_i ＞ 0.
  [[nodiscard]] std::vector<z3::expr> positive(std::size_t i) const;
};

/// Fresh variables w, e, ρ (in this order) for n accounts.
/// @spec DEF-NEXT-DEFICIT
RiskAccounts risk_accounts(z3::context& ctx, unsigned n);

/// A RiskAccounts' exact values in a model.
/// @spec DEF-NEXT-DEFICIT
struct RiskValues {
  std::vector<ref::Rational> w;    ///< Endowments.
  std::vector<ref::Rational> e;    ///< Equities.
  std::vector<ref::Rational> rho;  ///< Risk weights.
};

/// Reads a RiskAccounts from a model.
/// @spec DEF-NEXT-DEFICIT
RiskValues risk_values(const z3::model& model, const RiskAccounts& accounts);

/// Greedy one-step by its closed form with accounts already in key order
/// (key e_i·ρ_i/w_i nonincreasing): x_k = min(c_k, (B − Σ_{j<k} c_j)₊) with the
/// capped capacities c_k = β_k·w_k.
/// @spec POL-GREEDY-ONESTEP
std::vector<z3::expr> greedy_closed_form(z3::context& ctx, const std::vector<z3::expr>& capacities,
                                         const z3::expr& budget);

/// The finite trilemma hypotheses CH of DEF-TRILEMMA for a numeral n: every
/// variable of the list below, with the constraints of CH.
/// @spec DEF-TRILEMMA
/// @spec LEM-SOLV-REV-ID
struct TrilemmaInstance {
  TrilemmaInstance(z3::context& ctx, unsigned n);
  unsigned n;                 ///< The numeral n ∈ {1, …, 6}.
  z3::expr D;                 ///< Deficit D_T.
  z3::expr B;                 ///< Budget B_T = θ·D.
  z3::expr diversion;         ///< Fee diversion 𝒟_T.
  z3::expr fees;              ///< Fees Φ_T.
  z3::expr R;                 ///< Residual R_T.
  z3::expr K0;                ///< Initial fund K₀.
  z3::expr upsilon;           ///< Top survivor υ^π.
  z3::expr theta;             ///< Severity θ.
  z3::expr c_lo;              ///< Fairness lower constant.
  z3::expr c_R;               ///< Revenue constant.
  z3::expr mu_minus;          ///< μ₋.
  z3::expr mu_phi;            ///< μ_Φ.
  z3::expr eps;               ///< ε (stands for o(n) terms).
  z3::expr eps_prime;         ///< ε′ (υ ≤ ε′·n).
  /// The constraints of CH (ranges, slack bounds, B = θ·D and the identity
  /// D ≤ B + 𝒟 + K₀ + R).
  [[nodiscard]] std::vector<z3::expr> hypotheses() const;
  /// Every variable with its name, for instance_of.
  [[nodiscard]] std::vector<std::pair<std::string, z3::expr>> scalars() const;
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

/// A universal finite trilemma lemma: for every numeral n from 1 to the bound (default 6),
/// CH ∧ extra ⇒ conclusion, by prove_valid; the last witness is replayed by recomputing CH, the
/// extra hypotheses and the conclusion in exact Rationals (`extra_holds`, `conclusion_holds`).
/// @spec DEF-TRILEMMA
ClaimResult trilemma_lemma(const std::string& id, const Options& options,
                           const std::function<std::vector<z3::expr>(const TrilemmaInstance&)>& extra,
                           const std::function<z3::expr(const TrilemmaInstance&)>& conclusion,
                           const std::function<bool(const TrilemmaValues&)>& extra_holds,
                           const std::function<bool(const TrilemmaValues&)>& conclusion_holds);

/// Residual-debt paths of two policies A and B under common shocks (the setup of
/// THM-OPPOSING-ORDERS): z_0 common, z_{t+1}(π) = z_t + Z_{t+1} − m_t(π) ≥ 0,
/// m_t(π) ≥ 0, cumulative masses M_t = Σ_{s<t} m_s.
/// @spec THM-OPPOSING-ORDERS
struct ResidualPaths {
  std::vector<std::vector<z3::expr>> shocks;   ///< Z_1..Z_T (index t−1), common.
  std::vector<std::vector<z3::expr>> z[2];     ///< z_0..z_T per policy (0 = A, 1 = B).
  std::vector<std::vector<z3::expr>> m[2];     ///< m_0..m_{T−1} per policy.
  std::vector<std::vector<z3::expr>> M[2];     ///< M_0..M_T per policy (M_0 = 0).
  std::vector<z3::expr> constraints;           ///< Dynamics, m ≥ 0, z ≥ 0.
};

/// Builds the paths for n accounts and T steps.
/// @spec THM-OPPOSING-ORDERS
ResidualPaths residual_paths(z3::context& ctx, unsigned n, unsigned T);

/// The sizes of the THM-OPPOSING-ORDERS-* checks: T = 1..--max-t or 3 (outer), n =
/// 1..--max-n or 4 (inner), labelled `n = i, T = t` with tags `.n<i>.T<t>` (Size::k is T),
/// and the bound `n ≤ N, T ≤ T` once every size is proved.
/// @spec THM-OPPOSING-ORDERS
struct PathSizes {
  std::vector<group_b::Size> sizes;  ///< In checking order.
  std::string bound;                 ///< `n ≤ N, T ≤ T`.
};

/// The sizes for the options.
/// @spec THM-OPPOSING-ORDERS
PathSizes path_sizes(const Options& options);

/// z = 0 (every coordinate).
/// @spec MET-TAU-SOLV
z3::expr is_zero(z3::context& ctx, const std::vector<z3::expr>& z);

/// Hypothesis (i) of THM-OPPOSING-ORDERS: for every t ≤ T, if no s ≤ t has
/// z_s(A) = 0 (i.e. t ＜ τ_solv(A)) then z_t(A) ≺_w z_t(B).
/// @spec THM-OPPOSING-ORDERS
/// @spec MET-MAJORIZATION
z3::expr concentration_hypothesis(z3::context& ctx, const ResidualPaths& paths);

/// The two-account exchange-utility setup of THM-RAP-LTV-THRESHOLD (App. F): accounts H and L,
/// h^PR = (b/(e_H + e_L))·(1, 1), h^RAP = (b/e_H, 0), and
/// U^exch(h) = −(L₀ − α_H·h_H − α_L·h_L) + β·Σ θ_i·(1 − h_i)·λ_i (MET-LTV definition 3).
/// The quotients are variables defined by cleared equations (p·(e_H + e_L) = b, r·e_H = b).
/// @spec THM-RAP-LTV-THRESHOLD
/// @spec MET-LTV
struct LtvSetup {
  explicit LtvSetup(z3::context& ctx);
  z3::expr e_H, e_L, b;                  ///< Equities and budget.
  z3::expr alpha_H, alpha_L, beta;       ///< Loss weights α and revenue weight β.
  z3::expr theta_H, theta_L;             ///< Revenue rates θ_i.
  z3::expr lambda_H, lambda_L;           ///< Leverages λ_i.
  z3::expr L0;                           ///< Loss constant L₀.
  z3::expr p;                            ///< h^PR_H = h^PR_L = b/(e_H + e_L).
  z3::expr r;                            ///< h^RAP_H = b/e_H (h^RAP_L = 0).
  /// e_H, e_L ＞ 0, 0 ＜ b ≤ e_H and the defining equations of p and r.
  [[nodiscard]] std::vector<z3::expr> hypotheses() const;
  /// U^exch(h_H, h_L).
  [[nodiscard]] z3::expr utility(const z3::expr& h_H, const z3::expr& h_L) const;
  /// ΔU = U(h^PR) − U(h^RAP), computed from U directly.
  [[nodiscard]] z3::expr delta_u() const;
  /// Δh_H = h^RAP_H − h^PR_H.
  [[nodiscard]] z3::expr delta_h() const;
  /// The variables with their names, for instance_of.
  [[nodiscard]] std::vector<std::pair<std::string, z3::expr>> scalars() const;
};

/// An LtvSetup's exact values in a model, replayed through adl::ref: h^PR by
/// adl::ref::pro_rata({e_H, e_L}, b), h^RAP by adl::ref::rap with caps 1 and weights (1, 0),
/// and ΔU = U^exch(h^PR) − U^exch(h^RAP) recomputed from U^exch in exact Rationals.
/// @spec THM-RAP-LTV-THRESHOLD
/// @spec MET-LTV
struct LtvReplay {
  ref::Rational e_H, e_L, b;                  ///< Equities and budget.
  ref::Rational alpha_H, alpha_L, beta;       ///< Loss weights and revenue weight.
  ref::Rational theta_H, theta_L;             ///< Revenue rates.
  ref::Rational lambda_H, lambda_L;           ///< Leverages.
  ref::Rational L0;                           ///< Loss constant.
  ref::Allocation pr;                         ///< adl::ref::pro_rata.
  ref::Allocation rap;                        ///< adl::ref::rap.
  ref::Rational delta_u;                      ///< U(h^PR) − U(h^RAP).
  ref::Rational delta_h;                      ///< h^RAP_H − h^PR_H.
};

/// Reads an LtvSetup from a model and replays it (throws when a value is irrational).
/// @spec THM-RAP-LTV-THRESHOLD
LtvReplay ltv_replay(const z3::model& model, const LtvSetup& setup);

/// Reads a vector of exact values from a model; throws when one is irrational.
/// @spec DEF-FINITE-CHECK
std::vector<ref::Rational> rationals(const z3::model& model, const std::vector<z3::expr>& v,
                                     const std::string& what);

/// Runs a check body and turns an exception outside Z3 (an irrational model
/// value, an allocator rejecting the replay book) into REPLAY-FAILED with its
/// message; z3::exception propagates to the catalog (UNKNOWN).
/// @spec DEF-FINITE-CHECK
ClaimResult guarded(const std::function<ClaimResult()>& body);

/// "(a, b, c)" of exact values (group_b::show).
/// @spec FMT-NUMBER
std::string join(const std::vector<ref::Rational>& values);

}  // namespace adl::proofs::group_c
