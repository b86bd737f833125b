/// @file
/// Books and orders of the claims catalog (@spec DEF-EXCHANGE, @spec DEF-CAPS):
/// the symbolic books the encodings quantify over (a wealth-space book with the
/// caps of DEF-CAPS, endowments with a budget, the min–max book, the risk accounts
/// of the one-step deficit claims, the severity model of the PTSR/PMR claims, sorted
/// endowments, the allocation polytope P(w, B), and the sorted polytope of the
/// THM-QUEUE-MIN-TOP-* claims with the family's claim builder top_claim), and the
/// books and allocations that replay a model through adl::ref (replay books with a
/// loser, winners and losers, adl::ref's queue with given or largest-first scores,
/// pro-rata replays and their metrics), with the exact-vector helpers replay
/// sentences use (show, total, max_value). A setup that combines a book with a
/// policy's closed form (the PR–queue gaps, PTSR/PMR ratios, the VaR/ES scenario
/// model) is in closed_forms.hpp; the POL-VALID predicates in validity.hpp.
#pragma once

#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::proofs::books {

// ---- Symbolic books -------------------------------------------------------------

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

/// w_1 ≥ w_2 ≥ … ≥ w_n ≥ 0: endowments in decreasing order (relabelling makes
/// this without loss of generality; then i₁ = 1 and the largest-first order is
/// the identity, ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
std::vector<z3::expr> sorted_decreasing(const std::vector<z3::expr>& w);

/// x ∈ P(w, B): 0 ≤ x_i ≤ w_i and Σ x_i = B.
/// @spec POL-VALID
std::vector<z3::expr> in_polytope(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& x,
                                  const z3::expr& budget);

/// Which parts the severity setup of the PTSR/PMR claims has (severity_model).
/// @spec MET-PTSR
struct SeverityShape {
  bool sorted = false;          ///< w_1 ≥ … ≥ w_n ≥ 0 (else only w ≥ 0).
  bool positive_total = false;  ///< U = Σ w ＞ 0.
  bool allocation = false;      ///< A free x ∈ P(w, H) with H ≤ U.
  bool max_shortfall = false;   ///< The largest deficit Δ with 0 ＜ Δ ≤ D (else D ＞ 0).
  std::string budget = "H";     ///< The name of the budget variable θ·D.
};

/// The severity setup of the PTSR/PMR claims: endowments w (and a free
/// allocation x), the deficit D (and Δ), the severity θ ∈ (0, 1] and the budget
/// H = θ·D, with the assumptions in this order: w's domain, U ＞ 0, Δ or D,
/// θ, H = θ·D, and with an allocation H ≤ U and x ∈ P(w, H).
/// @spec MET-PTSR
/// @spec MET-PMR
/// @spec DEF-SEVERITY-POLICY
struct Severity {
  std::vector<z3::expr> w;            ///< Endowments w_1..w_n.
  std::vector<z3::expr> x;            ///< The free allocation (empty without one).
  z3::expr D;                         ///< Total deficit.
  std::optional<z3::expr> Delta;      ///< Largest deficit Δ (with max_shortfall).
  z3::expr theta;                     ///< Severity θ.
  z3::expr H;                         ///< Budget θ·D.
  z3::expr U;                         ///< Σ w.
  std::vector<z3::expr> assumptions;  ///< As above; the caller adds the claim's own.
};

/// Fresh variables w, (x), D, (Δ), θ, H, in this order, and their assumptions.
/// @spec MET-PTSR
Severity severity_model(z3::context& ctx, unsigned n, const SeverityShape& shape);

/// The setup of the THM-QUEUE-MIN-TOP-* claims: w_1 ≥ … ≥ w_n ≥ 0 (w.l.o.g., the
/// top account is 1), 0 ≤ H ≤ Σ w and a free allocation x ∈ P(w, H).
/// @spec THM-QUEUE-MIN-TOP
struct TopPolytope {
  std::vector<z3::expr> w;            ///< Endowments, sorted decreasingly.
  std::vector<z3::expr> x;            ///< The free allocation.
  z3::expr H;                         ///< Budget.
  std::vector<z3::expr> assumptions;  ///< As above.
  /// Witness preferences: 0 ＜ H ＜ w_1 (the top account survives in part), every w_k ≥ 1.
  [[nodiscard]] std::vector<z3::expr> top_survives() const;
};

/// Fresh variables w, x, H (in this order) for n accounts.
/// @spec THM-QUEUE-MIN-TOP
TopPolytope top_polytope(z3::context& ctx, unsigned n);

/// A TopPolytope's exact values in a model.
/// @spec THM-QUEUE-MIN-TOP
struct TopValues {
  std::vector<ref::Rational> w;  ///< Endowments, sorted decreasingly.
  std::vector<ref::Rational> x;  ///< The free allocation.
  ref::Rational H;               ///< Budget.
};

/// Reads a TopPolytope from a model.
/// @spec THM-QUEUE-MIN-TOP
TopValues top_values(const z3::model& model, const TopPolytope& top);

/// A THM-QUEUE-MIN-TOP-* claim of the catalog: for n = 1 … --max-n or 6 the query on
/// top_polytope(n), its assumptions and a witness table of w, x and H, which `complete`
/// completes with the claim's own conclusion, witness preferences or pinned values,
/// further assumptions and columns, and replay.
/// @spec THM-QUEUE-MIN-TOP
Claim top_claim(std::string id, std::string statement, Verdict expected,
                std::function<void(z3::context&, const TopPolytope&, runner::SizedQuery&)> complete);

// ---- Books and allocations through adl::ref ---------------------------------------

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

/// A wealth book: one winner per endowment (cash 0, PNL = w_i) followed by one
/// loser per deficit (cash 0, PNL = −d). Its D = Σ d and Δ = max d.
/// @spec DEF-EXCHANGE
ref::Book winners_and_losers(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& deficits);

/// Loser deficits with total D and maximum Δ (0 ＜ Δ ≤ D): Δ repeated, then the
/// remainder. Throws when more than 1000 losers would be needed.
/// @spec DEF-MAX-SHORTFALL
std::vector<ref::Rational> deficits_for(const ref::Rational& total, const ref::Rational& largest);

/// A severity model's instance replayed through adl::ref: its exact values and
/// the wealth book with winners w and losers of total D (and maximum Δ).
/// @spec MET-PTSR
/// @spec DEF-EXCHANGE
struct SeverityBook {
  std::vector<ref::Rational> w;  ///< Endowments.
  std::vector<ref::Rational> x;  ///< The allocation (empty without one).
  ref::Rational D;               ///< Total deficit.
  ref::Rational Delta;           ///< Largest deficit (D without max_shortfall: one loser).
  ref::Rational theta;           ///< Severity.
  ref::Book book;                ///< winners_and_losers(w, deficits_for(D, Δ)).
  ref::BookState state;          ///< adl::ref::summarize of the book.
  ref::Budget budget;            ///< θ and B = θ·D.
};

/// Reads a Severity from a model and builds its book.
/// @spec MET-PTSR
SeverityBook severity_book(const z3::model& model, const Severity& severity);

/// adl::ref::run_policy (largest-first queue) on the book at its budget, then adl::ref::evaluate.
/// @spec POL-QUEUE-LARGEST-FIRST
/// @spec MET-PTSR
ref::RoundMetrics largest_first_metrics(const SeverityBook& book);

/// adl::ref::run_policy (pro-rata) on the book at its budget, then adl::ref::evaluate.
/// @spec POL-PRO-RATA
/// @spec MET-PTSR
ref::RoundMetrics pro_rata_metrics(const SeverityBook& book);

/// The book's allocation x as an adl::ref allocation at θ and B = θ·D (padded
/// with 0 for the losers), for adl::ref::evaluate and check_allocation.
/// @spec MET-PTSR
ref::Allocation allocation_on(const SeverityBook& book);

/// adl::ref::queue with the finite scores s (ties by ascending index).
/// @spec POL-QUEUE
ref::Allocation queue_by(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& scores,
                         const ref::Rational& budget);

/// adl::ref::queue with score s_i = w_i (POL-QUEUE-LARGEST-FIRST).
/// @spec POL-QUEUE-LARGEST-FIRST
ref::Allocation largest_first(const std::vector<ref::Rational>& w, const ref::Rational& budget);

/// An allocation of adl::ref from seized amounts (haircut x/w, 0 when w = 0).
/// @spec POL-ADL-POLICY
ref::Allocation allocation_of(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x,
                              const ref::Rational& severity, const ref::Rational& budget);

/// Queue scores n, n − 1, …, 1 (finite): the queue order is the index order (σ = identity).
/// @spec DEF-QUEUE-SCORE
std::vector<ref::Score> index_scores(std::size_t n);

/// One allocation replayed on a book: the state, the allocation (seized x padded with 0
/// for the extra accounts, h_i = x_i/w_i, θ = B/D or 0 when D = 0), its metrics and
/// adl::ref::check_allocation (caps not enforced).
/// @spec POL-VALID
struct Replayed {
  ref::BookState state;          ///< adl::ref::summarize of the book.
  ref::Allocation allocation;    ///< The allocation as replayed.
  ref::RoundMetrics metrics;     ///< adl::ref::evaluate.
  ref::ValidityReport validity;  ///< adl::ref::check_allocation.
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

// ---- Exact vectors ---------------------------------------------------------------

/// The first n entries (the accounts of a replay book, without its loser).
/// @spec DEF-EXCHANGE
std::vector<ref::Rational> first(const std::vector<ref::Rational>& v, std::size_t n);

/// "(a, b, c)" of exact fractions.
/// @spec FMT-NUMBER
std::string show(const std::vector<ref::Rational>& v);

/// Sum of exact values.
/// @spec DEF-CONVENTIONS
ref::Rational total(const std::vector<ref::Rational>& v);

/// max over the vector (0 for an empty vector; survivors are ≥ 0).
/// @spec DEF-POST-ADL
ref::Rational max_value(const std::vector<ref::Rational>& v);

}  // namespace adl::proofs::books
