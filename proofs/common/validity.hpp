/// @file
/// The validity predicates of POL-VALID and the setups the validity claims share
/// (@spec POL-VALID, @spec DEF-CAPS, @spec DEF-FEASIBILITY): budget balance and
/// bounds, capped validity with floors, the level form of capped pro-rata on a
/// DEF-CAPS book (shared with its mutant), the B > U part every policy's validity
/// claim runs and the claim builder of the simple policies (policy_claim),
/// adl::ref::check_allocation on a replay book and its report in words. The books
/// are in books.hpp, the policies' closed forms in closed_forms.hpp.
#pragma once

#include "books.hpp"
#include "catalog.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"

#include <functional>
#include <string>
#include <vector>

namespace adl::proofs::validity {

/// Budget balance and bounds: Σ x_i = B and 0 ≤ x_i ≤ w_i for every i.
/// @spec POL-VALID
z3::expr budget_and_bounds(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& x,
                           const z3::expr& budget);

/// The validity property of THM-VALID-CAPPED for haircuts h on a books::CapBook:
/// Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i, h_i = 0 when w_i = 0 (so 0 ≤ x_i ≤ w_i), and
/// with a floor: w_i ＞ 0 ⇒ e′_i ≥ min(e_i, e̲_i), x_i ＞ 0 ⇒ e′_i ≥ e̲_i.
/// @spec POL-VALID
/// @spec DEF-CAPS
z3::expr capped_validity(z3::context& ctx, const books::CapBook& book, const std::vector<z3::expr>& h,
                         const z3::expr& budget);

/// The level form of THM-VALID-CAPPED part 1 (and of its mutant): a DEF-CAPS book,
/// the budget B with 0 ≤ B ≤ C(β), a level η ∈ [0, 1], haircuts h = haircuts(w, β, η)
/// and Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
/// @spec DEF-CAPS
struct CappedLevelForm {
  books::CapBook book;                ///< The DEF-CAPS book.
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

/// An adl::ref allocator called on endowments w and a budget B (its result unused).
/// @spec POL-VALID
using Allocate = std::function<void(const std::vector<ref::Rational>&, const ref::Rational&)>;

/// The B > U part every policy's validity claim runs: for n = 1 … max_n, B ＞ U admits
/// no x with 0 ≤ x ≤ w and Σ x = B (LRA, queries `.infeasible.n<k>`, labels
/// `n = k (B > U)`), and `allocate` (adl::ref::<allocator>) must throw Infeasible on
/// each witness.
/// @spec POL-VALID
/// @spec DEF-FEASIBILITY
runner::Part over_capacity(unsigned max_n, const std::string& allocator, Allocate allocate);

/// A policy's validity claim (THM-VALID-QUEUE, THM-VALID-PRO-RATA): the query `valid` (the
/// output is valid for 0 ≤ B ≤ U) for n = 1 … --max-n or `default_n`, then over_capacity
/// with adl::ref::<allocator>; PROVED with the bound `n ≤ N`.
/// @spec POL-VALID
/// @spec DEF-FEASIBILITY
Claim policy_claim(std::string id, std::string statement, unsigned default_n, runner::Query valid,
                   std::string allocator, Allocate allocate);

/// Whether `allocate` (an adl::ref allocator call) throws ref::Infeasible, as
/// every allocator must for a budget it cannot seize.
/// @spec POL-VALID
bool throws_infeasible(const std::function<void()>& allocate);

/// check_allocation of seized amounts x (haircuts h; h_i = x_i/w_i when empty)
/// on a replay book, the loser padded with 0, B as given and θ = B/D (0 when D = 0).
/// @spec POL-VALID
ref::ValidityReport check_on_book(const ref::Book& book, const std::vector<ref::Rational>& x,
                                  std::vector<ref::Rational> h, const ref::Rational& budget, bool enforce_caps);

/// `valid`, or the violated predicates with their details, for a replay string.
/// @spec POL-VALID
std::string describe(const ref::ValidityReport& report);

/// Whether check_allocation's report names the violated predicate (e.g. `budget-balance`, `cap`).
/// @spec POL-VALID
bool violates(const ref::ValidityReport& report, const std::string& predicate);

}  // namespace adl::proofs::validity
