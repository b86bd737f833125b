/// @file
/// The online-learning encoders of spec/claims.md §G (@spec SEV-OMD,
/// @spec THM-STATIC-LINEAR): exact rational interval arithmetic for square roots
/// and logarithms, projected OGD replayed in intervals, the SEV-OMD residual value
/// function L̃ in closed form (Z3 and exact through adl::ref::greedy_one_step) and
/// the residual-ray check of the LEM-RESIDUAL-CONVEX-* claims, the literal SEV-OMD
/// round, the alternating sequence of THM-STATIC-LINEAR-*, and the one-step,
/// comparator-move, telescoping and fixed-step lemmas of projected gradient descent
/// that THM-OMD-REPAIRED, COR-SEVERITY-REGRET-REPAIRED, THM-OGD-SEVERITY and
/// THM-OGD-DYNAMIC-RATE compose.
#pragma once

#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/number.hpp"

#include <z3++.h>

#include <functional>
#include <string>
#include <vector>

namespace adl::proofs::online {

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

/// Two points of [0, b̄] of a residual-ray check and L̃ at each (closed form).
/// @spec SEV-OMD
struct ResidualPoints {
  z3::expr first;      ///< The first point (b_1 or b).
  z3::expr second;     ///< The second point (b_2 or u).
  Residual at_first;   ///< L̃ and its right derivative at the first point.
  Residual at_second;  ///< L̃ and its right derivative at the second point.
};

/// b_1, b_2 ∈ [0, b̄]: the default domain of a ResidualRayClaim.
/// @spec SEV-OMD
z3::expr both_in_range(const ResidualRound& round, const z3::expr& first, const z3::expr& second);

/// A statement about L̃ on one SEV-OMD round, checked on the extreme rays of
/// λ_1 ≥ … ≥ λ_n ≥ 0 (lambda_rays; every conclusion must be linear in λ for fixed
/// e, c and points): the setup of LEM-RESIDUAL-CONVEX-SHAPE, -SLOPE-REPAIRED and
/// the per-round lemma of COR-SEVERITY-REGRET-REPAIRED.
/// @spec SEV-OMD
struct ResidualRayClaim {
  unsigned default_n;                             ///< n from 1 to --max-n or this.
  std::string first = "b_1";                      ///< The first point's name.
  std::string second = "b_2";                     ///< The second point's name.
  std::string slope = "slope(b_1)";               ///< The name of the first point's right derivative.
  std::string witness_note = "assumptions hold";  ///< The witness's note.
  std::string counterexample_note;                ///< The counterexample's note.
  std::string failure = {};                       ///< The bound on failure: `<failure>n = …`.
  std::string replay = {};                        ///< The replay sentence once every witness is replayed.
  /// The points' domain in [0, b̄] (with the round's assumptions); default: both anywhere in it.
  std::function<z3::expr(const ResidualRound&, const z3::expr&, const z3::expr&)> domain = both_in_range;
  /// The conclusion (may evaluate L̃ at further points with residual).
  std::function<z3::expr(z3::context&, const ResidualRound&, const ResidualPoints&)> conclusion;
};

/// A ResidualRayClaim as a part of the runner: one QF_LRA query per n and ray
/// (residual_round, tags `.n<i>.ray<λ>`), each witness replayed at both points
/// (replay_residual: adl::ref::greedy_one_step must give the closed form's L̃), and the
/// bound `n ≤ N (Q λ rays)` once every query is proved.
/// @spec SEV-OMD
struct RayPart {
  runner::Part part;  ///< Sizes (n, ray) and the query.
  std::string bound;  ///< `n ≤ N (Q λ rays)`.
};

/// The RayPart of `claim` for the options.
/// @spec SEV-OMD
RayPart residual_rays(const Options& options, ResidualRayClaim claim);

/// A claim of the catalog checked on the λ rays alone (LEM-RESIDUAL-CONVEX-SHAPE, -SLOPE-REPAIRED).
/// @spec SEV-OMD
Claim residual_rays_claim(std::string id, std::string statement, ResidualRayClaim claim);

/// One round of the literal SEV-OMD lemmas (LEM-RESIDUAL-CONVEX-SLOPE-LITERAL,
/// COR-SEVERITY-REGRET-LITERAL) with λ free: per winner collateral c_i ≥ 0, endowment
/// w_i ＞ 0, equity e_i = c_i + w_i, λ_i ＞ 0 with λ_1 ≥ … ≥ λ_n (relabelling),
/// capacity 0 ＜ κ_i ≤ e_i (κ_i = e_i·β_i), and b̄ ≥ Σ κ.
/// @spec SEV-OMD
struct LiteralRound {
  std::vector<z3::expr> collateral;   ///< c_i.
  std::vector<z3::expr> w;            ///< w_i (PNL).
  std::vector<z3::expr> lambda;       ///< λ_i.
  std::vector<z3::expr> kappa;        ///< κ_i = e_i·β_i.
  z3::expr top;                       ///< b̄.
  std::vector<z3::expr> equity;       ///< e_i = c_i + w_i.
  std::vector<z3::expr> assumptions;  ///< As above.
  /// The table columns: collateral, w (PNL), e, lambda, e·β.
  [[nodiscard]] Columns columns() const;
};

/// Fresh variables collateral, w, λ, κ, b̄ (in this order) for n winners.
/// @spec SEV-OMD
LiteralRound literal_round(z3::context& ctx, unsigned n);

/// A LiteralRound's exact values: e, β = κ/e, λ and max w.
/// @spec SEV-OMD
struct LiteralValues {
  std::vector<Rational> equity;  ///< e_i.
  std::vector<Rational> beta;    ///< β_i = κ_i/e_i.
  std::vector<Rational> lambda;  ///< λ_i.
  Rational max_w;                ///< max w_i.
};

/// Reads a LiteralRound from a model.
/// @spec SEV-OMD
LiteralValues literal_values(const z3::model& model, const LiteralRound& round);

/// The alternating linear losses of THM-STATIC-LINEAR-*: f_t(θ) = θ for odd t and
/// θ̄ − θ for even t on [0, θ̄].
/// @spec THM-STATIC-LINEAR
struct AlternatingLosses {
  z3::expr top;    ///< θ̄ ＞ 0.
  z3::expr theta;  ///< A fixed θ ∈ [0, θ̄].
  unsigned T;      ///< The (even) number of rounds.
  /// f_t(x).
  [[nodiscard]] z3::expr loss(unsigned t, const z3::expr& x) const;
  /// Σ_{t ≤ T} f_t(x).
  [[nodiscard]] z3::expr total(const z3::expr& x) const;
};

/// A claim about the alternating sequence, checked for every even T from 2 to --max-t
/// or 4 (QF_LRA, variables θ̄ and θ, assumptions θ̄ ＞ 0, 0 ≤ θ ≤ θ̄, an interior θ
/// preferred as the witness); `replay` recomputes the statement in exact Rationals on
/// each witness (θ̄, θ, T). The bound is `T even ≤ …`.
/// @spec THM-STATIC-LINEAR
Claim alternating_claim(std::string id, std::string statement,
                        std::function<z3::expr(const AlternatingLosses&)> conclusion,
                        std::function<runner::Replay(const Rational& top, const Rational& theta, unsigned T)> replay);

/// The one-step lemma of projected gradient descent on [0, top] with the step
/// folded into the gradient (y = η·g): 2y·(x − u) ≤ (x − u)² − (x′ − u)² + y² with
/// x′ = clip(x − y, 0, top), for x, u ∈ [0, top]. QF_NRA; `top` ＞ 0 is a variable.
/// Its tables list every constant (`x_next`, `top`, `u`, `x`, `y`); the witness is not
/// shown unless the caller sets show_witness.
/// @spec SEV-OMD
runner::SizedQuery one_step_lemma(z3::context& ctx);

/// The one-step comparator-move lemma: (θ′ − u′)² − (θ′ − u)² ≤ 2·|u′ − u| for θ′, u, u′ ∈ [0, 1].
/// @spec SEV-OMD
runner::SizedQuery comparator_move_lemma(z3::context& ctx);

/// The telescoping lemma with steps η_t = D/(G·√t), scaled to D = G = 1: with r_t = √t,
/// A_t ∈ [0, 2] (A_t = (x_t − u)²/D², diameter² ≤ 2·D²), q_t = g_t² ∈ [0, 1] and
/// e_t ≤ (A_t − A_{t+1})·r_t/2 + q_t/(2·r_t) for t = 1..T, Σ e_t ≤ 2·r_T. Encoded in QF_LRA as a
/// sound relaxation (direct QF_NRA with r_t² = t times out at T = 5): r_t ranges over a dyadic
/// enclosure of √t of width 2^−20, the products A·r are McCormick envelopes and q_t/r_t is
/// bounded by q_t/(2·lo_t); unsat of the relaxation implies the exact statement.
/// @spec SEV-OMD
runner::SizedQuery telescoping_lemma(z3::context& ctx, unsigned T);

/// The telescoping lemma for T = 1..max_t (labels `telescoping at T = t`, tags `.telescoping.T<t>`).
/// @spec SEV-OMD
runner::Part telescoping_part(unsigned max_t);

/// The fixed-step lemma of THM-OGD-SEVERITY for T rounds with η = 1 (gradients
/// scaled by η): θ_{t+1} = clip(θ_t − g_t, 0, 1), u_t ∈ [0, 1], P ≥ Σ |u_{t+1} − u_t|:
/// Σ g_t·(θ_t − u_t) ≤ (1 + 2P)/2 + Σ g_t²/2. Split into one QF_NRA query per
/// projection case of θ_2..θ_T and per sign of each comparator step (fixed_step_cases(T)
/// queries, in the one context); proved iff every case is unsat, else the first sat or
/// unknown case is the validity. The witness (every constant, the last case's) is shown.
/// @spec SEV-OMD
runner::SizedQuery ogd_fixed_step_lemma(z3::context& ctx, unsigned T, const Options& options);

/// 3^(T−1)·2^(T−1): the number of queries of ogd_fixed_step_lemma at T.
/// @spec SEV-OMD
unsigned fixed_step_cases(unsigned T);

}  // namespace adl::proofs::online
