/// @file
/// Shared encoders of the top-survival, tail-risk, scaling and fairness-axiom
/// claims (group B): the allocation polytope, the largest-first queue by its
/// closed form for any order, pro-rata survivors, lower VaR and the Acerbi ES of
/// a finite distribution (as Z3 terms and in exact Rationals), a validity check
/// that prefers a readable counterexample, the setups shared by the PTSR/PMR,
/// gap, top-survival and capped pro-rata claims with their replays, and small
/// replay helpers. It also holds the size-by-size check (check_sizes,
/// check_each_n) that most checks of every group run: one query per instance
/// size, its witness and counterexample tables and its replay through adl::ref.
#pragma once

#include "catalog.hpp"
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

namespace adl::proofs::group_b {

/// w_1 ≥ w_2 ≥ … ≥ w_n ≥ 0: endowments in decreasing order (relabelling makes
/// this without loss of generality; then i₁ = 1 and the largest-first order is
/// the identity, ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
std::vector<z3::expr> sorted_decreasing(const std::vector<z3::expr>& w);

/// x ∈ P(w, B): 0 ≤ x_i ≤ w_i and Σ x_i = B.
/// @spec POL-VALID
std::vector<z3::expr> in_polytope(z3::context& ctx, const std::vector<z3::expr>& w,
                                  const std::vector<z3::expr>& x, const z3::expr& budget);

/// s = w − x.
/// @spec DEF-POST-ADL
std::vector<z3::expr> survivors(const std::vector<z3::expr>& w, const std::vector<z3::expr>& x);

/// The largest-first queue by its closed form for endowments in any order:
/// x_i = min(w_i, (B − Σ over j ahead of i of w_j)₊), where j is ahead of i iff
/// w_j ＞ w_i, or w_j = w_i and j ＜ i (ties by ascending index).
/// @spec POL-QUEUE-LARGEST-FIRST
/// @spec POL-QUEUE
std::vector<z3::expr> largest_first_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
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
TopRatios top_ratios(z3::context& ctx, const Severity& severity, std::vector<z3::expr> lf, bool own);

/// The setup of THM-PTSR-SCALING-PR (`pmr` false) and THM-PMR-SCALING-PR (`pmr`
/// true): the severity model (w ≥ 0, U ＞ 0, D or Δ, θ, B = θ·D) with B ≤ U, the
/// pro-rata haircut h (h·U = B), the ratio r with r·d = maxᵢ (w_i − h·w_i) and the
/// formula f with f·d·U = υ_T·(U − B), where d = B (PTSR) or θ·Δ (PMR).
/// @spec THM-PTSR-SCALING-PR
/// @spec THM-PMR-SCALING-PR
struct ProRataScaling {
  Severity s;    ///< w, D, (Δ), θ, B and every assumption.
  z3::expr h;    ///< Pro-rata haircut.
  z3::expr r;    ///< PTSR(PR) or PMR(PR).
  z3::expr f;    ///< The formula υ_T·(1 − θ·D/U)/d.
};

/// Fresh variables w, D, (Δ), θ, B, h, the ratio (PTSR or PMR) and f, in this order.
/// @spec THM-PTSR-SCALING-PR
ProRataScaling pro_rata_scaling(z3::context& ctx, unsigned n, bool pmr);

/// Checks THM-PTSR-SCALING-PR (`pmr` false) or THM-PMR-SCALING-PR (`pmr` true) for
/// n from 1 to the bound (default 6): pro_rata_scaling ⇒ `conclusion`; on each witness
/// adl::ref::run_policy (pro-rata) and adl::ref::evaluate on the wealth book (winners
/// w, losers of total D and maximum Δ) must give the ratio υ_T·(1 − θ·D/U)/d exactly.
/// @spec THM-PTSR-SCALING-PR
/// @spec THM-PMR-SCALING-PR
ClaimResult check_pro_rata_scaling(const Options& options, const std::string& id, bool pmr,
                                   const std::function<z3::expr(const ProRataScaling&)>& conclusion);

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
  Severity s;                ///< w, D, θ, H and their assumptions, plus the ones above.
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

/// AX-MONO on survivors: for all i ≠ j, w_i ≥ w_j ⇒ s_i ≥ s_j.
/// @spec AX-MONO
z3::expr monotone(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& s);

/// The first pair (i, j) with w_i ≥ w_j but s_i ＜ s_j, described as
/// `w_i = … ≥ w_j = … but s_i = … ＜ s_j = …`; empty when AX-MONO holds.
/// @spec AX-MONO
std::string monotone_violation(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& s);

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

/// The lower α-quantile of a finite distribution with atoms `values` and
/// probabilities `probs` (Σ = 1): the smallest atom whose cumulative probability
/// is ≥ α, as a term (min over atoms of ite(F(X_j) ≥ α, X_j, max X)).
/// @spec MET-VAR
z3::expr lower_var(z3::context& ctx, const std::vector<z3::expr>& values,
                   const std::vector<z3::expr>& probs, const z3::expr& alpha);

/// (1 − α)·ES_α by the Acerbi sum: (F(v) − α)·v + Σ over atoms X ＞ v of Pr(X)·X
/// with v = VaR_α. Comparing these terms at one α compares the ES values.
/// @spec MET-ES
z3::expr tail_integral(z3::context& ctx, const std::vector<z3::expr>& values,
                       const std::vector<z3::expr>& probs, const z3::expr& alpha);

/// MET-VAR in exact Rationals (adl::ref has no VaR of a distribution yet).
/// @spec MET-VAR
ref::Rational lower_var(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                        const ref::Rational& alpha);

/// MET-ES (the Acerbi sum) in exact Rationals.
/// @spec MET-ES
ref::Rational expected_shortfall(const std::vector<ref::Rational>& values,
                                 const std::vector<ref::Rational>& probs, const ref::Rational& alpha);

/// Validity as prove_valid; when the claim is refuted, the query is repeated
/// with `preferred` (values pinned to a readable counterexample, e.g. the
/// reference's) and that model is reported when it is also a counterexample.
/// Sets `*used_preferred` accordingly.
/// @spec DEF-FINITE-CHECK
Validity prove_valid_preferring(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                                const z3::expr& conclusion, const std::vector<z3::expr>& preferred,
                                const Options& options, const std::string& name,
                                bool* used_preferred = nullptr);

/// Model values shown as a table (instance_of): one column per vector, named
/// scalars and the note that says what the instance shows.
/// @spec DEF-FINITE-CHECK
struct Table {
  using Columns = std::vector<std::pair<std::string, std::vector<z3::expr>>>;  ///< Named vectors.
  using Scalars = std::vector<std::pair<std::string, z3::expr>>;               ///< Named scalars.
  Columns columns = {};   ///< One column per vector.
  Scalars scalars = {};   ///< Named scalars.
  std::string note = {};  ///< What the instance shows; empty for a witness: `assumptions hold`.
};

/// One instance size of a claim checked size by size (check_sizes).
/// @spec DEF-FINITE-CHECK
struct Size {
  unsigned n = 0;     ///< Accounts (atoms, rounds: the claim's main size).
  unsigned k = 0;     ///< A second dimension (scenarios, parts, a ray), 0 when unused.
  std::string label;  ///< The bound reached at this size, e.g. `n = 3`.
  std::string tag;    ///< The query-name suffix, e.g. `.n3`.
};

/// The sizes n = first, …, last (labels `n = i`, tags `.n<i>`).
/// @spec DEF-FINITE-CHECK
std::vector<Size> sizes(unsigned first, unsigned last);

/// What a claim checks at one size: the query, how its models are shown and
/// how adl::ref replays them.
/// @spec DEF-FINITE-CHECK
struct SizedQuery {
  std::vector<z3::expr> assumptions;  ///< The hypotheses at this size.
  z3::expr conclusion;                ///< What must follow from them.
  /// Witness preferences (prove_valid): a model of the assumptions worth replaying.
  std::vector<z3::expr> preferences = {};
  /// Values pinned to the reference's counterexample: preferred for the witness and,
  /// when refuted, for the counterexample (prove_valid_preferring; `preferences` unused).
  std::vector<z3::expr> pinned = {};
  /// Built only when refuted: constraints for a readable counterexample (e.g. small
  /// integers), sought as assumptions ∧ ¬conclusion ∧ readable (query `<name>.replay`)
  /// and reported instead when one exists.
  std::function<std::vector<z3::expr>()> readable = {};
  Table witness = {};                        ///< The witness table.
  bool show_witness = true;                  ///< False: the claim reports no witness table.
  std::optional<Table> counterexample = {};  ///< The counterexample table; default: the witness's, no note.
  /// adl::ref on the model: the witness for a claim expected to hold (every size), the
  /// counterexample for one expected to be refuted. Sets result.replay; returns false
  /// when adl::ref does not reproduce the model (after setting result.detail, and
  /// result.bound if the claim reports one then); the verdict becomes REPLAY-FAILED.
  std::function<bool(const z3::model&, ClaimResult&)> replay = {};
};

/// Checks a claim size by size, each size in a fresh context with the query `id` + tag.
/// Expected Proved: every size must be proved (else the verdict and the size's label are
/// reported), its witness replayed; the bound is `bound`. Expected Refuted: sizes are
/// checked until the first counterexample, which is replayed (the bound is the size's
/// label); `bound` is reported when every size is proved. The last witness is kept.
/// @spec DEF-FINITE-CHECK
ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected,
                        const std::vector<Size>& sizes, const std::string& bound,
                        const std::function<SizedQuery(z3::context&, const Size&)>& query);

/// check_sizes over n = 1, …, N with N = --max-n or `default_n`; the bound is
/// `n ≤ N` for a claim expected to hold, `n = N` for one expected to be refuted.
/// @spec DEF-FINITE-CHECK
ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const std::function<SizedQuery(z3::context&, const Size&)>& query);

/// The exact values of `exprs` in `model` (throws when one is irrational).
/// @spec DEF-FINITE-CHECK
std::vector<ref::Rational> rationals_of(const z3::model& model, const std::vector<z3::expr>& exprs,
                                        const std::string& what);

/// Z3 numerals for exact values.
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> pin(z3::context& ctx, const std::vector<z3::expr>& vars,
                          const std::vector<ref::Rational>& values);

/// adl::ref::queue with score s_i = w_i (POL-QUEUE-LARGEST-FIRST).
/// @spec POL-QUEUE-LARGEST-FIRST
ref::Allocation largest_first(const std::vector<ref::Rational>& w, const ref::Rational& budget);

/// w − x.
/// @spec DEF-POST-ADL
std::vector<ref::Rational> survivors(const std::vector<ref::Rational>& w,
                                     const std::vector<ref::Rational>& x);

/// max over the vector (0 for an empty vector; survivors are ≥ 0).
/// @spec DEF-POST-ADL
ref::Rational max_value(const std::vector<ref::Rational>& v);

/// Σ over the vector.
/// @spec DEF-CONVENTIONS
ref::Rational sum_value(const std::vector<ref::Rational>& v);

/// A wealth book: one winner per endowment (cash 0, PNL = w_i) followed by one
/// loser per deficit (cash 0, PNL = −d). Its D = Σ d and Δ = max d.
/// @spec DEF-EXCHANGE
ref::Book winners_and_losers(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& deficits);

/// Loser deficits with total D and maximum Δ (0 ＜ Δ ≤ D): Δ repeated, then the
/// remainder. Throws when more than 1000 losers would be needed.
/// @spec DEF-MAX-SHORTFALL
std::vector<ref::Rational> deficits_for(const ref::Rational& total, const ref::Rational& largest);

/// An allocation of adl::ref from seized amounts (haircut x/w, 0 when w = 0).
/// @spec POL-ADL-POLICY
ref::Allocation allocation_of(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x,
                              const ref::Rational& severity, const ref::Rational& budget);

/// "(10, 9)".
/// @spec FMT-NUMBER
std::string show(const std::vector<ref::Rational>& v);

}  // namespace adl::proofs::group_b
