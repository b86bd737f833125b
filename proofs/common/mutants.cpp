#include "mutants.hpp"

#include "books.hpp"
#include "validity.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

namespace adl::proofs::mutants {

ref::Rational pro_rata_overshoot_epsilon() { return ref::Rational(1, 64); }

std::vector<z3::expr> mutant_queue_off_by_one(z3::context& ctx, const std::vector<z3::expr>& w,
                                              const z3::expr& budget) {
  std::vector<z3::expr> x;
  z3::expr through = ctx.real_val(0);
  for (const z3::expr& wk : w) {
    through = through + wk;  // the bug: Σ_{j≤k} instead of Σ_{j<k}
    x.push_back(min2(wk, positive_part(budget - through)));
  }
  return x;
}

std::vector<ref::Rational> mutant_queue_off_by_one(const std::vector<ref::Rational>& w, const ref::Rational& budget) {
  std::vector<ref::Rational> x;
  ref::Rational through = 0;
  for (const auto& wk : w) {
    through += wk;
    x.push_back(std::min(wk, ref::positive_part(budget - through)));
  }
  return x;
}

std::vector<z3::expr> mutant_pro_rata_overshoot(z3::context& ctx, const std::vector<z3::expr>& w,
                                                const z3::expr& level) {
  std::vector<z3::expr> h;
  const z3::expr bumped = level + real_val(ctx, pro_rata_overshoot_epsilon());
  for (const z3::expr& wi : w) h.push_back(z3::ite(wi > 0, bumped, ctx.real_val(0)));
  return h;
}

std::vector<ref::Rational> mutant_pro_rata_overshoot(const std::vector<ref::Rational>& w, const ref::Rational& budget) {
  ref::Rational U = 0;
  for (const auto& wi : w) U += wi;
  if (U <= 0) throw std::domain_error("pro-rata mutant: U = 0");
  std::vector<ref::Rational> h;
  for (const auto& wi : w) {
    h.push_back(wi > 0 ? ref::Rational(budget / U + pro_rata_overshoot_epsilon()) : ref::Rational(0));
  }
  return h;
}

std::vector<z3::expr> mutant_capped_ignores_cap(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                                const z3::expr& eta) {
  std::vector<z3::expr> h;
  const z3::expr zero = eta.ctx().real_val(0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const z3::expr level = i == 0 ? eta : min2(eta, beta[i]);  // the bug: account 1 uncapped
    h.push_back(z3::ite(w[i] > 0, level, zero));
  }
  return h;
}

namespace {

std::vector<ref::Rational> mutant_haircuts_at(const std::vector<ref::Rational>& w,
                                              const std::vector<ref::Rational>& beta, const ref::Rational& eta) {
  std::vector<ref::Rational> h;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] <= 0) {
      h.emplace_back(0);
    } else {
      h.push_back(i == 0 ? eta : std::min(eta, beta[i]));
    }
  }
  return h;
}

ref::Rational seized_at(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& beta,
                        const ref::Rational& eta) {
  const auto h = mutant_haircuts_at(w, beta, eta);
  ref::Rational s = 0;
  for (std::size_t i = 0; i < w.size(); ++i) s += h[i] * w[i];
  return s;
}

}  // namespace

std::vector<ref::Rational> mutant_capped_ignores_cap(const std::vector<ref::Rational>& w,
                                                     const std::vector<ref::Rational>& beta,
                                                     const ref::Rational& budget) {
  // The total is continuous, nondecreasing and linear between the breakpoints {0, β_i, 1}:
  // find the first segment [lo, hi] whose end reaches B and interpolate.
  std::set<ref::Rational> points{ref::Rational(0), ref::Rational(1)};
  for (const auto& b : beta) points.insert(b);
  ref::Rational lo = 0;
  ref::Rational at_lo = seized_at(w, beta, lo);
  if (at_lo >= budget) return mutant_haircuts_at(w, beta, lo);
  for (const auto& hi : points) {
    if (hi <= lo) continue;
    const ref::Rational at_hi = seized_at(w, beta, hi);
    if (at_hi >= budget) {
      const ref::Rational eta = lo + (budget - at_lo) * (hi - lo) / (at_hi - at_lo);
      return mutant_haircuts_at(w, beta, eta);
    }
    lo = hi;
    at_lo = at_hi;
  }
  throw std::domain_error("capped mutant: no level η ∈ [0, 1] seizes B = " + ref::to_fraction(budget));
}

std::vector<z3::expr> small_integers(const std::vector<z3::expr>& w, const z3::expr& budget) {
  std::vector<z3::expr> small{budget >= 1 && budget <= 9 && z3::is_int(budget)};
  for (const auto& wk : w) small.push_back(wk >= 1 && wk <= 9 && z3::is_int(wk));
  return small;
}

bool Reports::caught(const std::string& predicate) const {
  return correct.valid() && validity::violates(mutant, predicate);
}

Reports reports(const ref::Book& book, const ref::Allocation& correct, const std::vector<ref::Rational>& x,
                const std::vector<ref::Rational>& h, const ref::Rational& budget, bool enforce_caps) {
  return {validity::check_on_book(book, correct.seized, correct.haircut, budget, enforce_caps),
          validity::check_on_book(book, x, h, budget, enforce_caps)};
}

runner::Replay breaks_budget(const std::vector<ref::Rational>& w, const ref::Rational& budget,
                             const std::string& policy, const ref::Allocation& correct, const std::string& mutant,
                             const std::vector<ref::Rational>& x, const std::vector<ref::Rational>& h, bool encoded) {
  const Reports checked = reports(books::replay_book(w, budget), correct, x, h, budget, false);
  if (!checked.caught("budget-balance") || !encoded) {
    return runner::mismatch("adl::ref::" + policy + ": " + validity::describe(checked.correct) +
                            "; mutant x = " + books::show(x) + ": " + validity::describe(checked.mutant));
  }
  return runner::reproduced("on w = " + books::show(w) + ", B = " + ref::to_fraction(budget) + " adl::ref::" + policy +
                            " seizes " + books::show(correct.seized) + " (valid), the " + mutant + " seizes " +
                            books::show(x) + " — " + validity::describe(checked.mutant));
}

}  // namespace adl::proofs::mutants
