/// @file
/// Group A encoders: the closed forms of the one-round policies (queue by
/// scores, capped pro-rata level, RAP scale, min–max level, greedy order),
/// the caps of DEF-CAPS and the validity predicates of POL-VALID, written as
/// Z3 terms independently of the adl::ref algorithms; the water-filling loop
/// unrolled and the running result of the validity claims checked in parts; plus
/// the helpers that replay a model through adl::ref (wealth books,
/// check_allocation, Infeasible).
#pragma once

#include "catalog.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <z3++.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::proofs::group_a {

// ---- Books and caps -------------------------------------------------------------

/// A symbolic wealth-space book with the caps of DEF-CAPS: free cash c ≥ 0,
/// PnL, haircut cap h̄ ∈ [0, 1] (a missing h̄ is h̄ = 1, covered), an optional
/// floor e̲ (has_floor), and the derived w = (PNL)₊, e = c + PNL and β.
/// β_i = clip[0, 1](min(h̄_i, 1 − (e̲_i − c_i)/w_i)) for w_i ＞ 0, else 0; the
/// quotient is the auxiliary q_i with q_i·w_i = w_i − e̲_i + c_i (NRA, no division).
/// @spec DEF-CAPS
/// @spec DEF-ENDOWMENT
/// @spec DEF-EQUITY-DECOMP
struct CapBook {
  std::vector<z3::expr> cash;         ///< c_i ≥ 0.
  std::vector<z3::expr> pnl;          ///< PNL_i, any sign.
  std::vector<z3::expr> max_haircut;  ///< h̄_i ∈ [0, 1].
  std::vector<z3::expr> floor;        ///< e̲_i (meaningful only when has_floor_i).
  std::vector<z3::expr> has_floor;    ///< Boolean: e̲_i is given.
  std::vector<z3::expr> equity_term;  ///< q_i = 1 − (e̲_i − c_i)/w_i.
  std::vector<z3::expr> endowment;    ///< w_i = (PNL_i)₊.
  std::vector<z3::expr> equity;       ///< e_i = c_i + PNL_i.
  std::vector<z3::expr> cap;          ///< β_i.
  std::vector<z3::expr> assumptions;  ///< Domain of the variables and the definition of q.
};

/// Fresh variables for an n-account book with DEF-CAPS caps.
/// @spec DEF-CAPS
CapBook make_cap_book(z3::context& ctx, unsigned n);

/// The level form of THM-VALID-CAPPED part 1 (and of its mutant): a DEF-CAPS book,
/// the budget B with 0 ≤ B ≤ C(β), a level η ∈ [0, 1], haircuts h = haircuts(w, β, η)
/// and Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
/// @spec DEF-CAPS
struct CappedLevelForm {
  CapBook book;                       ///< The DEF-CAPS book.
  z3::expr B;                         ///< Budget.
  z3::expr eta;                       ///< Level.
  std::vector<z3::expr> h;            ///< The haircuts at η.
  std::vector<z3::expr> assumptions;  ///< The book's, B, η and the level equation.
};

/// Haircuts at level η for endowments w and caps β (capped_level_form or a mutant).
/// @spec POL-CAPPED-PRO-RATA
using LevelHaircuts = std::function<std::vector<z3::expr>(const std::vector<z3::expr>& w,
                                                          const std::vector<z3::expr>& beta, const z3::expr& eta)>;

/// Fresh variables (the book's, then B, η) for n accounts.
/// @spec POL-CAPPED-PRO-RATA
CappedLevelForm capped_level_model(z3::context& ctx, unsigned n, const LevelHaircuts& haircuts);

/// C(β) = Σ w_i·β_i.
/// @spec DEF-MAX-CAP
z3::expr capped_capacity(z3::context& ctx, const std::vector<z3::expr>& w,
                         const std::vector<z3::expr>& beta);

/// Endowments w ≥ 0 and a budget B ≥ 0 (with `bounded` also B ≤ Σ w): the setup
/// of the queue budget claims.
/// @spec POL-QUEUE
/// @spec POL-VALID
struct Budgeted {
  std::vector<z3::expr> w;            ///< Endowments w_1..w_n.
  z3::expr B;                         ///< Budget.
  std::vector<z3::expr> assumptions;  ///< w ≥ 0, B ≥ 0 (and B ≤ Σ w), one assumption each.
  /// Witness preferences: B ＞ 0 and every w_k ≥ 1 (something to seize).
  [[nodiscard]] std::vector<z3::expr> something_to_seize() const;
  /// Witness preferences: 0 ＜ B ＜ Σ w and every w_k ≥ 1 (a partial account to replay).
  [[nodiscard]] std::vector<z3::expr> partial_account() const;
};

/// Fresh variables w, B (in this order) for n accounts.
/// @spec POL-QUEUE
Budgeted budgeted(z3::context& ctx, unsigned n, bool bounded);

/// The book of the min–max burden claims (THM-VALID-MINMAX, THM-MINMAX-CONT-OPT):
/// cash c_i ≥ 0, endowments w_i ≥ 0 (PnL winners), equity e_i = c_i + w_i and caps
/// β_i ∈ [0, 1] with β_i = 0 when w_i = 0 (DEF-CAPS).
/// @spec POL-MINMAX-CONT
/// @spec DEF-CAPS
struct MinMaxBook {
  std::vector<z3::expr> cash;         ///< c_i.
  std::vector<z3::expr> w;            ///< w_i.
  std::vector<z3::expr> beta;         ///< β_i.
  std::vector<z3::expr> equity;       ///< e_i = c_i + w_i.
  std::vector<z3::expr> assumptions;  ///< As above.
};

/// Fresh variables c, w, β (in this order) for n accounts.
/// @spec POL-MINMAX-CONT
MinMaxBook minmax_book(z3::context& ctx, unsigned n);

// ---- Policies by closed form ---------------------------------------------------

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

/// Capped pro-rata at level η: h_i = min(η, β_i) for w_i ＞ 0, else 0. The
/// caller asserts the level equation Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
std::vector<z3::expr> capped_level_form(const std::vector<z3::expr>& w,
                                        const std::vector<z3::expr>& beta, const z3::expr& eta);

/// RAP at scale τ: h_i = min(β_i, τ·w̃_i) for i ∈ Z = {w_i ＞ 0, w̃_i ＞ 0}, else 0.
/// @spec POL-RAP
std::vector<z3::expr> rap_scale_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                     const std::vector<z3::expr>& risk_weight, const z3::expr& tau);

/// Min–max burden at level M: x_i = min(M·e_i, β_i·w_i) for w_i ＞ 0, else 0.
/// @spec POL-MINMAX-CONT
std::vector<z3::expr> minmax_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                        const std::vector<z3::expr>& beta, const z3::expr& level);

/// M is the smallest level meeting the budget: M = 0, or some eligible account
/// is not capped at M (M·e_i ≤ β_i·w_i), so the total strictly grows below M.
/// @spec POL-MINMAX-CONT
z3::expr minmax_level_is_smallest(z3::context& ctx, const std::vector<z3::expr>& w,
                                  const std::vector<z3::expr>& equity, const std::vector<z3::expr>& beta,
                                  const z3::expr& level);

/// Greedy one-step in a fixed key order (σ = identity): x_i = min(k_i, B − Σ_{j<i} x_j)
/// for w_i ＞ 0, else 0, with k_i = β_i·w_i the capped capacity of account i.
/// @spec POL-GREEDY-ONESTEP
std::vector<z3::expr> greedy_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                         const std::vector<z3::expr>& capacity, const z3::expr& budget);

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

/// The running result of a claim checked in parts (THM-VALID-CAPPED, -RAP, -MINMAX,
/// THM-QUEUE-VERTEX, THM-QUEUE-MAX-SCORE): each part appends to `replay`; the first
/// part that fails ends the check.
/// @spec DEF-FINITE-CHECK
struct PartsResult {
  ClaimResult result;  ///< Witness and counterexample tables as the parts set them.
  std::string replay;  ///< The replay sentences of the parts so far.
  /// Ends the check with a failing part's verdict, bound and detail.
  ClaimResult fail(Verdict verdict, std::string bound, std::string detail);
  /// Ends the check PROVED with `bound`, the accumulated replay and no detail.
  ClaimResult proved(std::string bound);
};

// ---- Validity predicates (POL-VALID) -------------------------------------------

/// Budget balance and bounds: Σ x_i = B and 0 ≤ x_i ≤ w_i for every i.
/// @spec POL-VALID
z3::expr budget_and_bounds(z3::context& ctx, const std::vector<z3::expr>& w,
                           const std::vector<z3::expr>& x, const z3::expr& budget);

/// The validity property of THM-VALID-CAPPED for haircuts h on a CapBook:
/// Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i, h_i = 0 when w_i = 0 (so 0 ≤ x_i ≤ w_i), and
/// with a floor: w_i ＞ 0 ⇒ e′_i ≥ min(e_i, e̲_i), x_i ＞ 0 ⇒ e′_i ≥ e̲_i.
/// @spec POL-VALID
/// @spec DEF-CAPS
z3::expr capped_validity(z3::context& ctx, const CapBook& book, const std::vector<z3::expr>& h,
                         const z3::expr& budget);

/// Products x_i = h_i·w_i.
/// @spec POL-ADL-POLICY
std::vector<z3::expr> seized_of(const std::vector<z3::expr>& w, const std::vector<z3::expr>& h);

/// Exact products x_i = h_i·w_i.
/// @spec POL-ADL-POLICY
std::vector<ref::Rational> seized_values(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& h);

// ---- Replay through adl::ref ---------------------------------------------------

/// A model for the replay: the assumptions plus `extra` (non-degenerate
/// choices such as w ＞ 0 and 0 ＜ B ＜ U, so the replay exercises every branch);
/// falls back to `fallback` (the vacuity witness) when that set is not sat.
/// @spec DEF-FINITE-CHECK
z3::model replay_model(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                       const std::vector<z3::expr>& extra, const Options& options, const std::string& name,
                       const z3::model& fallback);

/// The second part of the validity claims, shared by every policy: for each
/// n ≤ the bound, B ＞ U admits no x with 0 ≤ x ≤ w and Σ x = B (Z3, LRA), and
/// `allocate` (an adl::ref allocator called on the witness w and B) must throw
/// Infeasible. On success appends a sentence to `replay` and returns true; on
/// failure fills `result` (verdict, detail, bound) and returns false.
/// @spec POL-VALID
/// @spec DEF-FEASIBILITY
bool check_over_capacity(const Options& options, const std::string& claim, const std::string& allocator,
                         const std::function<void(const std::vector<ref::Rational>&, const ref::Rational&)>& allocate,
                         ClaimResult& result, std::string& replay);

/// Whether `allocate` (an adl::ref allocator call) throws ref::Infeasible, as
/// every allocator must for a budget it cannot seize.
/// @spec POL-VALID
bool throws_infeasible(const std::function<void()>& allocate);

/// Queue scores n, n − 1, …, 1 (finite): the queue order is the index order (σ = identity).
/// @spec DEF-QUEUE-SCORE
std::vector<ref::Score> index_scores(std::size_t n);

/// Exact values of a vector of terms in a model (throws naming `what` if irrational).
/// @spec DEF-FINITE-CHECK
std::vector<ref::Rational> values(const z3::model& model, const std::vector<z3::expr>& terms,
                                  const std::string& what);

/// A wealth-space book a1..an with the given cash and PnL, optional h̄ and e̲
/// per account, plus one loser `L` with PnL −B, so that D ≥ B (D = B when no
/// other account loses) and θ = B/D ∈ [0, 1] is a valid severity.
/// @spec DEF-EXCHANGE
ref::Book replay_book(const std::vector<ref::Rational>& cash, const std::vector<ref::Rational>& pnl,
                      const std::vector<std::optional<ref::Rational>>& max_haircut,
                      const std::vector<std::optional<ref::Rational>>& floor, const ref::Rational& budget);

/// As replay_book with zero cash, PnL = w and no caps (or h̄ = β when given).
/// @spec DEF-EXCHANGE
ref::Book replay_book(const std::vector<ref::Rational>& w, const ref::Rational& budget,
                      const std::vector<ref::Rational>& caps = {});

/// The replay book of a CapBook model: cash, PnL, h̄ and (where given) e̲ of
/// the model, plus the loser that makes D = B.
/// @spec DEF-CAPS
ref::Book replay_book(const z3::model& model, const CapBook& book, const ref::Rational& budget);

/// The first n entries (the accounts of a replay book, without its loser).
/// @spec DEF-EXCHANGE
std::vector<ref::Rational> first(const std::vector<ref::Rational>& v, std::size_t n);

/// check_allocation of seized amounts x (haircuts h; h_i = x_i/w_i when empty)
/// on a replay book, the loser padded with 0, B as given and θ = B/D (0 when D = 0).
/// @spec POL-VALID
ref::ValidityReport check_on_book(const ref::Book& book, const std::vector<ref::Rational>& x,
                                  std::vector<ref::Rational> h, const ref::Rational& budget,
                                  bool enforce_caps);

/// `valid`, or the violated predicates with their details, for a replay string.
/// @spec POL-VALID
std::string describe(const ref::ValidityReport& report);

/// "(a, b, c)" of exact fractions.
/// @spec FMT-NUMBER
std::string show(const std::vector<ref::Rational>& v);

/// Sum of exact values.
/// @spec DEF-CONVENTIONS
ref::Rational total(const std::vector<ref::Rational>& v);

}  // namespace adl::proofs::group_a
