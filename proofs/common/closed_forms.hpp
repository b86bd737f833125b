/// @file
/// Policies by their closed forms, written as Z3 terms independently of the
/// adl::ref algorithms (@spec POL-QUEUE, @spec POL-CAPPED-PRO-RATA, @spec POL-RAP,
/// @spec POL-MINMAX-CONT, @spec POL-GREEDY-ONESTEP): the queue's prefix-min (by
/// index, by scores, largest first, and the recursion's haircuts), the capped
/// pro-rata level, the RAP scale, the min–max level, greedy in key order, the
/// water-filling loop unrolled; survivors and AX-MONO on them; and the setups the
/// top-survival claims build on a book around a closed form (pro-rata survivors and
/// scaling, PTSR/PMR ratios, the PR–queue gaps, capped pro-rata with a competitor,
/// lower VaR and the Acerbi ES of a finite distribution, @spec MET-VAR, @spec MET-ES,
/// and the scenario model of THM-QUEUE-VAR-ES). Exact counterparts (VaR/ES,
/// survivors, x = h·w) sit next to their Z3 forms. The books are in books.hpp.
#pragma once

#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::proofs::closed_forms {

// ---- One-round policies ----------------------------------------------------------

/// The closed-form queue seizures x_k for endowments w in queue order.
/// @spec POL-QUEUE
std::vector<z3::expr> queue_closed_form(z3::context& ctx, const std::vector<z3::expr>& w, const z3::expr& budget);

/// Queue seizures for finite symbolic scores: j comes before i iff w_j ＞ 0 and
/// (s_j ＞ s_i or s_j = s_i and j ＜ i); x_i = min(w_i, (B − Σ_{j before i} w_j)₊)
/// for w_i ＞ 0, else 0.
/// @spec POL-QUEUE
std::vector<z3::expr> queue_by_scores(z3::context& ctx, const std::vector<z3::expr>& w,
                                      const std::vector<z3::expr>& scores, const z3::expr& budget);

/// The haircuts of the POL-QUEUE recursion, step 4, in queue order σ = identity:
/// with A_k = (B − Σ_{j≤k} w_j)₊ and A₀ = B, h_k = 1 if A_k ＞ 0, A_{k−1}/w_k if
/// A_k = 0 ＜ A_{k−1}, 0 otherwise; h_k = 0 when w_k = 0 (ineligible, AMB-P-01).
/// @spec POL-QUEUE
/// @spec AMB-P-01
std::vector<z3::expr> queue_recursion_haircuts(z3::context& ctx, const std::vector<z3::expr>& w,
                                               const z3::expr& budget);

/// The largest-first queue by its closed form for endowments in any order:
/// x_i = min(w_i, (B − Σ over j ahead of i of w_j)₊), where j is ahead of i iff
/// w_j ＞ w_i, or w_j = w_i and j ＜ i (ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
/// @spec POL-QUEUE
std::vector<z3::expr> largest_first_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                                const z3::expr& budget);

/// Greedy one-step in a fixed key order (σ = identity): x_i = min(k_i, B − Σ_{j<i} x_j)
/// for w_i ＞ 0, else 0, with k_i = β_i·w_i the capped capacity of account i.
/// @spec POL-GREEDY-ONESTEP
std::vector<z3::expr> greedy_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                         const std::vector<z3::expr>& capacity, const z3::expr& budget);

/// Capped pro-rata at level η: h_i = min(η, β_i) for w_i ＞ 0, else 0. The
/// caller asserts the level equation Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
std::vector<z3::expr> capped_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                        const z3::expr& eta);

/// C(β) = Σ w_i·β_i.
/// @spec DEF-MAX-CAP
z3::expr capped_capacity(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta);

/// RAP at scale τ: h_i = min(β_i, τ·w̃_i) for i ∈ Z = {w_i ＞ 0, w̃_i ＞ 0}, else 0.
/// @spec POL-RAP
std::vector<z3::expr> rap_scale_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                     const std::vector<z3::expr>& risk_weight, const z3::expr& tau);

/// A level-based allocator: haircuts h (or seizures), its scalar level and the
/// constraints that define the level.
struct LevelAllocation {
  std::vector<z3::expr> h;            ///< Haircut fractions h_i.
  z3::expr level;                     ///< τ (RAP) — the scalar set by the budget.
  std::vector<z3::expr> constraints;  ///< τ ≥ 0 and Σ w_i·h_i = B.
};

/// RAP by its closed form: a fresh scale τ ≥ 0 with h_i = min(β_i, τ·w̃_i) and
/// Σ w_i·h_i = B. Exact (h unique) when every w_i > 0 and w̃_i > 0, which the
/// caller asserts; the caller also asserts 0 ≤ B ≤ Σ w_i·β_i.
/// @spec POL-RAP
LevelAllocation rap_closed_form(z3::context& ctx, const std::string& name, const std::vector<z3::expr>& w,
                                const std::vector<z3::expr>& caps, const std::vector<z3::expr>& risk_weights,
                                const z3::expr& budget);

/// Min–max burden at level M: x_i = min(M·e_i, β_i·w_i) for w_i ＞ 0, else 0.
/// @spec POL-MINMAX-CONT
std::vector<z3::expr> minmax_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                        const std::vector<z3::expr>& beta, const z3::expr& level);

/// M is the smallest level meeting the budget: M = 0, or some eligible account
/// is not capped at M (M·e_i ≤ β_i·w_i), so the total strictly grows below M.
/// @spec POL-MINMAX-CONT
z3::expr minmax_level_is_smallest(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                  const std::vector<z3::expr>& beta, const z3::expr& level);

/// The outcome of ALG-CAPPED-WATERFILL / ALG-RAP-WATERFILL unrolled (unrolled_waterfill).
/// @spec ALG-CAPPED-WATERFILL
/// @spec ALG-RAP-WATERFILL
struct Waterfill {
  z3::expr level;  ///< The level the loop returns (η or τ).
  z3::expr safe;   ///< The remaining weight is ＞ 0 whenever the exit divides by it.
};

/// The water-filling loop unrolled over accounts already sorted by breakpoint (relabelling):
/// V = 0, R = Σ over active accounts of weight_i, previous = 0; at account k (if active and
/// not done) step = (breakpoint_k − previous)·R; if V + step ≥ B exit with
/// previous + (B − V)/R (a Z3 division), else V += step, R −= weight_k, previous =
/// breakpoint_k; without an exit the level is the last breakpoint reached. Capped pro-rata:
/// active w_i ＞ 0, breakpoints β_i, weights w_i; RAP: active i ∈ Z, breakpoints β_i/w̃_i,
/// weights w_i·w̃_i.
/// @spec ALG-CAPPED-WATERFILL
/// @spec ALG-RAP-WATERFILL
Waterfill unrolled_waterfill(z3::context& ctx, const std::vector<z3::expr>& active,
                             const std::vector<z3::expr>& breakpoints, const std::vector<z3::expr>& weights,
                             const z3::expr& budget);

/// Products x_i = h_i·w_i.
/// @spec POL-ADL-POLICY
std::vector<z3::expr> seized_of(const std::vector<z3::expr>& w, const std::vector<z3::expr>& h);

/// Exact products x_i = h_i·w_i.
/// @spec POL-ADL-POLICY
std::vector<ref::Rational> seized_values(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& h);

// ---- Survivors and the top-survival setups ----------------------------------------

/// s = w − x.
/// @spec DEF-POST-ADL
std::vector<z3::expr> survivors(const std::vector<z3::expr>& w, const std::vector<z3::expr>& x);

/// w − x.
/// @spec DEF-POST-ADL
std::vector<ref::Rational> survivors(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x);

/// AX-MONO on survivors: for all i ≠ j, w_i ≥ w_j ⇒ s_i ≥ s_j.
/// @spec AX-MONO
z3::expr monotone(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& s);

/// The first pair (i, j) with w_i ≥ w_j but s_i ＜ s_j, described as
/// `w_i = … ≥ w_j = … but s_i = … ＜ s_j = …`; empty when AX-MONO holds.
/// @spec AX-MONO
std::string monotone_violation(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& s);

/// The ratios of COR-PTSR-PMR-MIN-*: PTSR and PMR of the largest-first queue and
/// of the free allocation x, as variables r with r·(θ·D) resp. r·(θ·Δ) equal to the
/// top survivor (the own survivor s_1 with `own`, else the maximum survivor).
/// @spec COR-PTSR-PMR-MIN-MAX
/// @spec COR-PTSR-PMR-MIN-OWN
struct TopRatios {
  z3::expr ptsr_lf, ptsr_x;           ///< PTSR(LF), PTSR(x).
  z3::expr pmr_lf, pmr_x;             ///< PMR(LF), PMR(x).
  std::vector<z3::expr> lf;           ///< Largest-first seizures.
  std::vector<z3::expr> assumptions;  ///< The severity model's, then the four ratio definitions.
  z3::expr conclusion;                ///< PTSR(LF) ≤ PTSR(x) and PMR(LF) ≤ PMR(x).
};

/// Fresh ratio variables PTSR_LF, PTSR_x, PMR_LF, PMR_x on a severity model with an
/// allocation and Δ, for the largest-first seizures `lf`.
/// @spec COR-PTSR-PMR-MIN-OWN
TopRatios top_ratios(z3::context& ctx, const books::Severity& severity, std::vector<z3::expr> lf, bool own);

/// The setup of THM-PTSR-SCALING-PR (`pmr` false) and THM-PMR-SCALING-PR (`pmr`
/// true): the severity model (w ≥ 0, U ＞ 0, D or Δ, θ, B = θ·D) with B ≤ U, the
/// pro-rata haircut h (h·U = B), the ratio r with r·d = maxᵢ (w_i − h·w_i) and the
/// formula f with f·d·U = υ_T·(U − B), where d = B (PTSR) or θ·Δ (PMR).
/// @spec THM-PTSR-SCALING-PR
/// @spec THM-PMR-SCALING-PR
struct ProRataScaling {
  books::Severity s;  ///< w, D, (Δ), θ, B and every assumption.
  z3::expr h;         ///< Pro-rata haircut.
  z3::expr r;         ///< PTSR(PR) or PMR(PR).
  z3::expr f;         ///< The formula υ_T·(1 − θ·D/U)/d.
};

/// Fresh variables w, D, (Δ), θ, B, h, the ratio (PTSR or PMR) and f, in this order.
/// @spec THM-PTSR-SCALING-PR
ProRataScaling pro_rata_scaling(z3::context& ctx, unsigned n, bool pmr);

/// The claim THM-PTSR-SCALING-PR (`pmr` false) or THM-PMR-SCALING-PR (`pmr` true), checked
/// for n from 1 to the bound (default 6): pro_rata_scaling ⇒ ratio = formula (r = f); on each
/// witness adl::ref::run_policy (pro-rata) and adl::ref::evaluate on the wealth book (winners
/// w, losers of total D and maximum Δ) must give the ratio υ_T·(1 − θ·D/U)/d exactly.
/// @spec THM-PTSR-SCALING-PR
/// @spec THM-PMR-SCALING-PR
Claim pro_rata_scaling_claim(std::string id, std::string statement, bool pmr);

/// The setup of THM-PR-QUEUE-GAP-OWN and -MAX: w_1 ≥ … ≥ w_n ≥ 0 (w.l.o.g.,
/// i₁ = 1), U = Σ w ＞ 0, 0 ≤ H ≤ w_1, the pro-rata haircut h (h·U = H), the
/// formula value g (g·U = H·(U − w_1)) and the largest-first seizures by the
/// queue closed form.
/// @spec THM-PR-QUEUE-GAP-OWN
/// @spec THM-PR-QUEUE-GAP-MAX
struct TopGap {
  std::vector<z3::expr> w;            ///< Endowments, sorted decreasingly.
  z3::expr H;                         ///< Budget.
  z3::expr h;                         ///< Pro-rata haircut.
  z3::expr g;                         ///< H·(1 − w₍₁₎/U).
  z3::expr U;                         ///< Σ w.
  std::vector<z3::expr> assumptions;  ///< As above.
  std::vector<z3::expr> lf;           ///< Largest-first seizures.
};

/// Fresh variables w, H, h, g (in this order) for n accounts.
/// @spec THM-PR-QUEUE-GAP-OWN
TopGap top_gap(z3::context& ctx, unsigned n);

/// The setup of THM-PR-QUEUE-GAP-PTSR-*: the severity model (w sorted, U ＞ 0,
/// D, θ, H = θ·D) with 0 ＜ H ≤ w_1, the pro-rata haircut h·U = H, r·U = U − w_1,
/// the largest-first seizures and the own-survivor ratios PTSR_PR·H = s^PR_1,
/// PTSR_LF·H = s^LF_1; with `separated` also w_1 − H ≥ w_2 (n ≥ 2).
/// @spec THM-PR-QUEUE-GAP-PTSR-LITERAL
/// @spec THM-PR-QUEUE-GAP-PTSR-REPAIRED
struct PtsrGap {
  books::Severity s;         ///< w, D, θ, H and their assumptions, plus the ones above.
  z3::expr h;                ///< Pro-rata haircut.
  z3::expr r;                ///< 1 − w₍₁₎/U.
  z3::expr ptsr_pr;          ///< PTSR(PR) with the own survivor.
  z3::expr ptsr_lf;          ///< PTSR(LF) with the own survivor.
  std::vector<z3::expr> lf;  ///< Largest-first seizures.
  z3::expr own_pr;           ///< s^PR_1 = w_1 − h·w_1.
  z3::expr own_lf;           ///< s^LF_1 = w_1 − x^LF_1.
};

/// Fresh variables w, D, θ, H, h, r, PTSR_PR, PTSR_LF (in this order) for n accounts.
/// @spec THM-PR-QUEUE-GAP-PTSR-REPAIRED
PtsrGap ptsr_gap(z3::context& ctx, unsigned n, bool separated);

/// Capped pro-rata by its closed form (POL-CAPPED-PRO-RATA), the setup of
/// THM-PR-UNIQUE-CAPPED and THM-CPR-CONVEX-*: endowments w (≥ 0, or ＞ 0 with
/// `positive`), caps β ∈ [0, 1], with `competitor` a second haircut vector h′ with
/// 0 ≤ h′ ≤ β, the budget B and the level η: h_i = min(η, β_i), 0 ＜ B ≤ Σ w·β,
/// η ∈ [0, 1], Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
struct CappedLevel {
  std::vector<z3::expr> w;            ///< Endowments.
  std::vector<z3::expr> beta;         ///< Caps.
  std::vector<z3::expr> other;        ///< The competitor h′ (empty without one).
  z3::expr B;                         ///< Budget.
  z3::expr eta;                       ///< Level.
  std::vector<z3::expr> h;            ///< h_i = min(η, β_i).
  std::vector<z3::expr> seized;       ///< w_i·h_i.
  std::vector<z3::expr> assumptions;  ///< Per account w, β (and h′), then B, η and Σ w·h = B.
};

/// Fresh variables w, β, (h′), B, η, in this order, for n accounts.
/// @spec POL-CAPPED-PRO-RATA
CappedLevel capped_level(z3::context& ctx, unsigned n, bool positive, bool competitor);

/// A CappedLevel's exact values in a model, and adl::ref::capped_pro_rata on them.
/// @spec POL-CAPPED-PRO-RATA
struct CappedValues {
  std::vector<ref::Rational> w;      ///< Endowments.
  std::vector<ref::Rational> beta;   ///< Caps.
  std::vector<ref::Rational> other;  ///< The competitor h′ (empty without one).
  ref::Rational B;                   ///< Budget.
  ref::Allocation cpr;               ///< adl::ref::capped_pro_rata(w, β, B).
};

/// Reads a CappedLevel from a model and runs adl::ref::capped_pro_rata.
/// @spec POL-CAPPED-PRO-RATA
CappedValues capped_values(const z3::model& model, const CappedLevel& level);

// ---- Tail risk: VaR, ES and the scenario model --------------------------------------

/// The lower α-quantile of a finite distribution with atoms `values` and
/// probabilities `probs` (Σ = 1): the smallest atom whose cumulative probability
/// is ≥ α, as a term (min over atoms of ite(F(X_j) ≥ α, X_j, max X)).
/// @spec MET-VAR
z3::expr lower_var(z3::context& ctx, const std::vector<z3::expr>& values, const std::vector<z3::expr>& probs,
                   const z3::expr& alpha);

/// (1 − α)·ES_α by the Acerbi sum: (F(v) − α)·v + Σ over atoms X ＞ v of Pr(X)·X
/// with v = VaR_α. Comparing these terms at one α compares the ES values.
/// @spec MET-ES
z3::expr tail_integral(z3::context& ctx, const std::vector<z3::expr>& values, const std::vector<z3::expr>& probs,
                       const z3::expr& alpha);

/// MET-VAR in exact Rationals (adl::ref has no VaR of a distribution yet).
/// @spec MET-VAR
ref::Rational lower_var(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                        const ref::Rational& alpha);

/// MET-ES (the Acerbi sum) in exact Rationals.
/// @spec MET-ES
ref::Rational expected_shortfall(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                                 const ref::Rational& alpha);

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

/// The sizes of the THM-QUEUE-VAR-ES-* checks: K = 1..K_max scenarios (outer), n = 1..n_max
/// (inner), labelled `K = k, n = i` with query tags `.K<k>.n<i>` (Size::k is K), and the bound
/// `K ≤ K_max scenarios, n ≤ n_max`. Defaults n_max = default_n, K_max = default_k;
/// --max-n N sets n_max = N and K_max = min(N, 5).
/// @spec DEF-FINITE-CHECK
runner::Grid tail_grid(const Options& options, unsigned default_n, unsigned default_k);

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

}  // namespace adl::proofs::closed_forms
