#include "validity.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/state.hpp"

#include <utility>

namespace adl::proofs::validity {

z3::expr budget_and_bounds(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& x,
                           const z3::expr& budget) {
  z3::expr ok = sum(ctx, x) == budget;
  for (std::size_t i = 0; i < w.size(); ++i) ok = ok && x[i] >= 0 && x[i] <= w[i];
  return ok;
}

z3::expr capped_validity(z3::context& ctx, const books::CapBook& book, const std::vector<z3::expr>& h,
                         const z3::expr& budget) {
  const auto& w = book.endowment;
  const auto x = closed_forms::seized_of(w, h);
  z3::expr ok = sum(ctx, x) == budget;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const z3::expr post = book.equity[i] - x[i];  // e′_i = e_i − x_i (DEF-POST-ADL-EQUITY)
    ok = ok && h[i] >= 0 && h[i] <= book.cap[i] && z3::implies(w[i] == 0, h[i] == 0);
    ok = ok && x[i] >= 0 && x[i] <= w[i];
    ok = ok && z3::implies(book.has_floor[i] && w[i] > 0, post >= min2(book.equity[i], book.floor[i]));
    ok = ok && z3::implies(book.has_floor[i] && x[i] > 0, post >= book.floor[i]);
  }
  return ok;
}

CappedLevelForm capped_level_model(z3::context& ctx, unsigned n, const LevelHaircuts& haircuts) {
  books::CapBook book = books::make_cap_book(ctx, n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr eta = ctx.real_const("eta");
  std::vector<z3::expr> assumptions = book.assumptions;
  assumptions.push_back(B >= 0 && B <= closed_forms::capped_capacity(ctx, book.endowment, book.cap));
  assumptions.push_back(eta >= 0 && eta <= 1);
  auto h = haircuts(book.endowment, book.cap, eta);
  assumptions.push_back(sum(ctx, closed_forms::seized_of(book.endowment, h)) == B);
  return {std::move(book), B, eta, std::move(h), std::move(assumptions)};
}

runner::Part over_capacity(unsigned max_n, const std::string& allocator, Allocate allocate) {
  runner::Part part{.sizes = runner::sizes(1, max_n), .tag = ".infeasible", .qualifier = " (B > U)"};
  part.query = [allocator, allocate = std::move(allocate)](z3::context& ctx, const runner::Size& size) {
    const auto w = reals(ctx, "w", size.n);
    const auto x = reals(ctx, "x", size.n);
    const z3::expr B = ctx.real_const("B");
    std::vector<z3::expr> assumptions;
    for (unsigned k = 0; k < size.n; ++k) {
      assumptions.push_back(w[k] >= 0);
      assumptions.push_back(x[k] >= 0 && x[k] <= w[k]);
    }
    assumptions.push_back(B > sum(ctx, w));
    std::vector<z3::expr> preferences;
    for (const auto& wk : w) preferences.push_back(wk > 0);
    runner::SizedQuery q{
        .assumptions = assumptions, .conclusion = sum(ctx, x) != B, .preferences = preferences, .show_witness = false};
    q.witness = {{{"w", w}, {"x", x}}, {{"B", B}}};
    q.replay = [w, B, allocator, allocate](const z3::model& m) {
      const auto wv = rationals_of(m, w, "w");
      const ref::Rational budget = rational_of(m, B, "B");
      if (!throws_infeasible([&] { allocate(wv, budget); })) {
        return runner::mismatch("adl::ref::" + allocator + " accepted B = " + ref::to_fraction(budget) +
                                " > U on w = " + books::show(wv));
      }
      return runner::reproduced("for B > U no x ∈ P(w, B) exists and adl::ref::" + allocator +
                                " throws Infeasible (w = " + books::show(wv) + ", B = " + ref::to_fraction(budget) +
                                ")");
    };
    return q;
  };
  return part;
}

Claim policy_claim(std::string id, std::string statement, unsigned default_n, runner::Query valid,
                   std::string allocator, Allocate allocate) {
  std::string name = id;
  return {std::move(id), std::move(statement), Verdict::Proved,
          [name = std::move(name), default_n, valid = std::move(valid), allocator = std::move(allocator),
           allocate = std::move(allocate)](const Options& options) {
            const unsigned max_n = runner::bound(options.max_n, default_n);
            return runner::check_parts(
                options, name,
                {{.sizes = runner::sizes(1, max_n), .query = valid}, over_capacity(max_n, allocator, allocate)},
                Verdict::Proved, "n ≤ " + std::to_string(max_n));
          }};
}

bool throws_infeasible(const std::function<void()>& allocate) {
  try {
    allocate();
  } catch (const ref::Infeasible&) {
    return true;
  }
  return false;
}

ref::ValidityReport check_on_book(const ref::Book& book, const std::vector<ref::Rational>& x,
                                  std::vector<ref::Rational> h, const ref::Rational& budget, bool enforce_caps) {
  const ref::BookState state = ref::summarize(book);
  ref::Allocation a;
  a.budget = budget;
  // The loser L makes D ≥ B; other accounts of the book may lose too, so θ = B/D.
  a.severity = state.deficit > 0 ? ref::Rational(budget / state.deficit) : ref::Rational(0);
  a.seized = x;
  if (h.empty()) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      const ref::Rational& w = state.endowment[i];
      h.push_back(w > 0 ? ref::Rational(x[i] / w) : ref::Rational(0));
    }
  }
  a.haircut = h;
  a.seized.resize(book.accounts.size(), ref::Rational(0));
  a.haircut.resize(book.accounts.size(), ref::Rational(0));
  return ref::check_allocation(book, state, a, enforce_caps);
}

std::string describe(const ref::ValidityReport& report) {
  if (report.valid()) return "valid";
  std::string out;
  for (const auto& v : report.violations) {
    if (!out.empty()) out += "; ";
    out += "`" + v.predicate + "`: " + v.detail;
  }
  return out;
}

bool violates(const ref::ValidityReport& report, const std::string& predicate) {
  for (const auto& violation : report.violations) {
    if (violation.predicate == predicate) return true;
  }
  return false;
}

}  // namespace adl::proofs::validity
