#include "validity.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/state.hpp"

namespace adl::proofs::validity {

z3::expr budget_and_bounds(z3::context& ctx, const std::vector<z3::expr>& w,
                           const std::vector<z3::expr>& x, const z3::expr& budget) {
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

bool check_over_capacity(const Options& options, const std::string& claim, const std::string& allocator,
                         const std::function<void(const std::vector<ref::Rational>&, const ref::Rational&)>& allocate,
                         ClaimResult& result, std::string& replay) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto x = reals(ctx, "x", n);
    const z3::expr B = ctx.real_const("B");
    std::vector<z3::expr> assumptions;
    for (unsigned k = 0; k < n; ++k) {
      assumptions.push_back(w[k] >= 0);
      assumptions.push_back(x[k] >= 0 && x[k] <= w[k]);
    }
    assumptions.push_back(B > sum(ctx, w));
    std::vector<z3::expr> preferences;
    for (const auto& wk : w) preferences.push_back(wk > 0);
    const Validity v = prove_valid(ctx, assumptions, sum(ctx, x) != B, options,
                                   claim + ".infeasible.n" + std::to_string(n), preferences);
    if (v.verdict != Verdict::Proved) {
      result.verdict = v.verdict;
      result.detail = "B > U part: " + v.detail;
      if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"B", B}});
      result.bound = "n = " + std::to_string(n) + " (B > U)";
      return false;
    }
    const auto wv = rationals_of(*v.witness, w, "w");
    const ref::Rational budget = rational_of(*v.witness, B, "B");
    if (!throws_infeasible([&] { allocate(wv, budget); })) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::" + allocator + " accepted B = " + ref::to_fraction(budget) + " > U on w = " + books::show(wv);
      return false;
    }
    if (n == max_n) {
      replay += "; for B > U no x ∈ P(w, B) exists and adl::ref::" + allocator + " throws Infeasible (w = " +
                books::show(wv) + ", B = " + ref::to_fraction(budget) + ")";
    }
  }
  return true;
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
                                  std::vector<ref::Rational> h, const ref::Rational& budget,
                                  bool enforce_caps) {
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
