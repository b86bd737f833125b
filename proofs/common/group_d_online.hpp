/// @file
/// Shared encoders of the online-learning claims (spec/claims.md §G): exact
/// rational interval arithmetic for square roots and logarithms, projected
/// OGD replayed in intervals, the SEV-OMD residual value function in closed
/// form (Z3 and exact), and the one-step and telescoping lemmas of projected
/// gradient descent that THM-OMD-REPAIRED, COR-SEVERITY-REGRET-REPAIRED,
/// THM-OGD-SEVERITY and THM-OGD-DYNAMIC-RATE compose.
#pragma once

#include "catalog.hpp"
#include "smt.hpp"

#include "adl/ref/number.hpp"

#include <z3++.h>

#include <string>
#include <vector>

namespace adl::proofs::group_d {

using ref::Rational;

/// A closed interval [lo, hi] with rational ends: an enclosure of a real that
/// is irrational (√t, log x) or computed from such reals.
/// @spec DEF-FINITE-CHECK
struct Interval {
  Rational lo;  ///< Lower end.
  Rational hi;  ///< Upper end.
};

/// [v, v].
/// @spec DEF-FINITE-CHECK
Interval point(const Rational& v);
/// Interval sum, difference and product (the product takes the min and max of the four end products).
/// @spec DEF-FINITE-CHECK
Interval add(const Interval& a, const Interval& b);
/// @copydoc add
Interval sub(const Interval& a, const Interval& b);
/// @copydoc add
Interval mul(const Interval& a, const Interval& b);

/// An enclosure of √a (a ≥ 0) with dyadic ends, lo² ≤ a ≤ hi² and hi − lo ≤ 2^−bits.
/// @spec DEF-FINITE-CHECK
Interval sqrt_enclosure(const Rational& a, unsigned bits = 48);

/// An enclosure of log x (x ＞ 0) by the series log x = 2·atanh((x − 1)/(x + 1)) with a
/// bound on the remainder; exact [0, 0] at x = 1.
/// @spec DEF-FINITE-CHECK
Interval log_enclosure(const Rational& x, unsigned terms = 40);

/// clip to [lo, hi] applied to both ends (clip is monotone).
/// @spec DEF-CONVENTIONS
Interval clip(const Interval& x, const Rational& lo, const Rational& hi);

/// `[lo, hi]` with nine decimals.
/// @spec FMT-NUMBER
std::string show(const Interval& x);

/// Projected OGD on [0, top] with linear losses g_t·x: x_{t+1} = clip(x_t − η_t·g_t);
/// returns the plays x_1..x_T as intervals (η_t given as intervals).
/// @spec SEV-OMD
std::vector<Interval> ogd_plays(const Rational& x1, const std::vector<Rational>& gradients,
                                const std::vector<Interval>& steps, const Rational& top);

/// clip(x, lo, hi) by if-then-else.
/// @spec DEF-CONVENTIONS
z3::expr clip(const z3::expr& x, const z3::expr& lo, const z3::expr& hi);

/// |x| by if-then-else.
/// @spec DEF-CONVENTIONS
z3::expr magnitude(const z3::expr& x);

/// The SEV-OMD residual value function L̃(b) in closed form, for accounts already
/// ordered by decreasing λ (ties by index): capacities c_i = e_i·β_i are filled in
/// that order, x_i = min(c_i, (b − Σ_{j＜i} c_j)₊) (flat beyond C = Σ c), value
/// Σ λ_i·e_i − Σ λ_i·x_i, and the right derivative −λ_k of the account k being filled
/// at b (0 when b ≥ C). The capacities c_i = e_i·β_i enter as variables (β_i = c_i/e_i) so
/// that the encoding stays linear when λ is numeric.
/// @spec SEV-OMD
struct Residual {
  std::vector<z3::expr> seized;  ///< x_i(b).
  z3::expr value;                ///< L̃(b).
  z3::expr slope;                ///< The right derivative at b (a subgradient).
};

/// @copydoc Residual
/// @spec SEV-OMD
Residual residual(z3::context& ctx, const std::vector<z3::expr>& e, const std::vector<z3::expr>& capacity,
                  const std::vector<z3::expr>& lambda, const z3::expr& b);

/// A symbolic SEV-OMD round with n winners: equities e_i ＞ 0, capacities 0 ≤ c_i ≤ e_i
/// (c_i = e_i·β_i, β_i ∈ [0, 1]), λ given (numeric or symbolic, ordered by the caller) and one
/// fixed bound b̄ ≥ C = Σ c_i, with the assumptions that say so.
/// @spec SEV-OMD
struct ResidualRound {
  std::vector<z3::expr> equity;       ///< e_i.
  std::vector<z3::expr> capacity;     ///< c_i = e_i·β_i.
  std::vector<z3::expr> lambda;       ///< λ_i.
  z3::expr top;                       ///< b̄.
  std::vector<z3::expr> assumptions;  ///< e ＞ 0, 0 ≤ c ≤ e, b̄ ≥ Σ c.
};

/// @copydoc ResidualRound
/// @spec SEV-OMD
ResidualRound residual_round(z3::context& ctx, const std::vector<Rational>& lambda);

/// Reads e, β = c/e and λ of a ResidualRound from a model and evaluates L̃ at the model
/// value of `b` twice: by the closed form in the model and by adl::ref::greedy_one_step
/// (residual_by_ref). Returns an empty string when they agree, else a description.
/// @spec SEV-OMD
std::string replay_residual(const z3::model& model, const ResidualRound& round, const Residual& closed_form,
                            const z3::expr& b, const std::string& label);

/// The extreme rays (1, …, 1, 0, …, 0) (k ones, k = 1..n) of the cone
/// λ_1 ≥ … ≥ λ_n ≥ 0: a statement linear in λ holds on the cone iff it holds on them.
/// @spec SEV-OMD
std::vector<std::vector<Rational>> lambda_rays(unsigned n);

/// L̃(b) computed by adl::ref::greedy_one_step(e, e, β, λ, min(b, C)) (key e·λ/e = λ):
/// Σ λ_i·e_i − Σ λ_i·x_i.
/// @spec SEV-OMD
Rational residual_by_ref(const std::vector<Rational>& e, const std::vector<Rational>& beta,
                         const std::vector<Rational>& lambda, const Rational& b);

/// The one-step lemma of projected gradient descent on [0, top] with the step
/// folded into the gradient (y = η·g): 2y·(x − u) ≤ (x − u)² − (x′ − u)² + y² with
/// x′ = clip(x − y, 0, top), for x, u ∈ [0, top]. QF_NRA; `top` ＞ 0 is a variable.
/// Returns the validity (witness and counterexample models included).
/// @spec SEV-OMD
Validity one_step_lemma(z3::context& ctx, const Options& options, const std::string& name);

/// The telescoping lemma with steps η_t = D/(G·√t), scaled to D = G = 1: with r_t = √t,
/// A_t ∈ [0, 2] (A_t = (x_t − u)²/D², diameter² ≤ 2·D²), q_t = g_t² ∈ [0, 1] and
/// e_t ≤ (A_t − A_{t+1})·r_t/2 + q_t/(2·r_t) for t = 1..T, Σ e_t ≤ 2·r_T. Encoded in QF_LRA as a
/// sound relaxation (direct QF_NRA with r_t² = t times out at T = 5): r_t ranges over a dyadic
/// enclosure of √t of width 2^−20, the products A·r are McCormick envelopes and q_t/r_t is
/// bounded by q_t/(2·lo_t); unsat of the relaxation implies the exact statement.
Validity telescoping_lemma(z3::context& ctx, unsigned T, const Options& options, const std::string& name);

/// The fixed-step lemma of THM-OGD-SEVERITY for T rounds with η = 1 (gradients
/// scaled by η): θ_{t+1} = clip(θ_t − g_t, 0, 1), u_t ∈ [0, 1], P ≥ Σ |u_{t+1} − u_t|:
/// Σ g_t·(θ_t − u_t) ≤ (1 + 2P)/2 + Σ g_t²/2. Split into one QF_NRA query per
/// projection case of θ_2..θ_T and per sign of each comparator step (3^(T−1)·2^(T−1)
/// queries). Proved iff every case is unsat; the first sat or unknown case is returned.
/// `cases` receives the number of queries run.
/// @spec SEV-OMD
Validity ogd_fixed_step_lemma(z3::context& ctx, unsigned T, const Options& options, const std::string& name,
                              unsigned* cases);

/// Every constant of a model as a scalar row (for lemma witnesses and counterexamples).
/// @spec DEF-FINITE-CHECK
Instance instance_of_model(const z3::model& model, std::string note = {});

/// The one-step comparator-move lemma: (θ′ − u′)² − (θ′ − u)² ≤ 2·|u′ − u| for θ′, u, u′ ∈ [0, 1].
/// @spec SEV-OMD
Validity comparator_move_lemma(z3::context& ctx, const Options& options, const std::string& name);

}  // namespace adl::proofs::group_d
