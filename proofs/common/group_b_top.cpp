#include "group_b_top.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <stdexcept>

namespace adl::proofs::group_b {

std::vector<z3::expr> sorted_decreasing(const std::vector<z3::expr>& w) {
  std::vector<z3::expr> out;
  for (std::size_t k = 0; k + 1 < w.size(); ++k) out.push_back(w[k] >= w[k + 1]);
  if (!w.empty()) out.push_back(w.back() >= 0);
  return out;
}

std::vector<z3::expr> in_polytope(z3::context& ctx, const std::vector<z3::expr>& w,
                                  const std::vector<z3::expr>& x, const z3::expr& budget) {
  std::vector<z3::expr> out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    out.push_back(x[i] >= 0);
    out.push_back(x[i] <= w[i]);
  }
  out.push_back(sum(ctx, x) == budget);
  return out;
}

std::vector<z3::expr> survivors(const std::vector<z3::expr>& w, const std::vector<z3::expr>& x) {
  std::vector<z3::expr> s;
  for (std::size_t i = 0; i < w.size(); ++i) s.push_back(w[i] - x[i]);
  return s;
}

std::vector<z3::expr> largest_first_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                                const z3::expr& budget) {
  std::vector<z3::expr> x;
  for (std::size_t i = 0; i < w.size(); ++i) {
    z3::expr ahead = ctx.real_val(0);
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (j == i) continue;
      const z3::expr before = j < i ? (w[j] >= w[i]) : (w[j] > w[i]);
      ahead = ahead + z3::ite(before, w[j], ctx.real_val(0));
    }
    x.push_back(min2(w[i], positive_part(budget - ahead)));
  }
  return x;
}

namespace {

z3::expr cdf_at(z3::context& ctx, const std::vector<z3::expr>& values, const std::vector<z3::expr>& probs,
                const z3::expr& v) {
  z3::expr f = ctx.real_val(0);
  for (std::size_t k = 0; k < values.size(); ++k) f = f + z3::ite(values[k] <= v, probs[k], ctx.real_val(0));
  return f;
}

}  // namespace

z3::expr lower_var(z3::context& ctx, const std::vector<z3::expr>& values, const std::vector<z3::expr>& probs,
                   const z3::expr& alpha) {
  // The largest atom always qualifies (F = 1 ≥ α), so it is the neutral element of the min.
  const z3::expr top = max_of(values);
  std::vector<z3::expr> candidates;
  for (const z3::expr& xj : values) candidates.push_back(z3::ite(cdf_at(ctx, values, probs, xj) >= alpha, xj, top));
  z3::expr v = candidates.front();
  for (std::size_t j = 1; j < candidates.size(); ++j) v = min2(v, candidates[j]);
  return v;
}

z3::expr tail_integral(z3::context& ctx, const std::vector<z3::expr>& values, const std::vector<z3::expr>& probs,
                       const z3::expr& alpha) {
  const z3::expr v = lower_var(ctx, values, probs, alpha);
  z3::expr total = -alpha * v;
  for (std::size_t k = 0; k < values.size(); ++k) {
    total = total + z3::ite(values[k] <= v, probs[k] * v, probs[k] * values[k]);
  }
  return total;
}

ref::Rational lower_var(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                        const ref::Rational& alpha) {
  if (values.empty() || values.size() != probs.size()) throw std::invalid_argument("lower_var: bad distribution");
  std::vector<ref::Rational> atoms = values;
  std::sort(atoms.begin(), atoms.end());
  for (const ref::Rational& v : atoms) {
    ref::Rational f = 0;
    for (std::size_t k = 0; k < values.size(); ++k) {
      if (values[k] <= v) f += probs[k];
    }
    if (f >= alpha) return v;
  }
  return atoms.back();
}

ref::Rational expected_shortfall(const std::vector<ref::Rational>& values, const std::vector<ref::Rational>& probs,
                                 const ref::Rational& alpha) {
  const ref::Rational v = lower_var(values, probs, alpha);
  ref::Rational f = 0;
  ref::Rational above = 0;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] <= v) {
      f += probs[k];
    } else {
      above += probs[k] * values[k];
    }
  }
  return ((f - alpha) * v + above) / (1 - alpha);
}

Validity prove_valid_preferring(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                                const z3::expr& conclusion, const std::vector<z3::expr>& preferred,
                                const Options& options, const std::string& name, bool* used_preferred) {
  if (used_preferred != nullptr) *used_preferred = false;
  Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferred);  // a witness like it too
  if (v.verdict != Verdict::Refuted || preferred.empty()) return v;
  std::vector<z3::expr> constraints = assumptions;
  constraints.push_back(!conclusion);
  for (const z3::expr& p : preferred) constraints.push_back(p);
  if (auto model = find_model(ctx, constraints, options, name + ".preferred")) {
    v.counterexample = *model;
    if (used_preferred != nullptr) *used_preferred = true;
  }
  return v;
}

std::vector<ref::Rational> rationals_of(const z3::model& model, const std::vector<z3::expr>& exprs,
                                        const std::string& what) {
  std::vector<ref::Rational> out;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    out.push_back(rational_of(model, exprs[i], what + "_" + std::to_string(i + 1)));
  }
  return out;
}

std::vector<z3::expr> pin(z3::context& ctx, const std::vector<z3::expr>& vars, const std::vector<ref::Rational>& values) {
  std::vector<z3::expr> out;
  for (std::size_t i = 0; i < vars.size() && i < values.size(); ++i) out.push_back(vars[i] == real_val(ctx, values[i]));
  return out;
}

ref::Allocation largest_first(const std::vector<ref::Rational>& w, const ref::Rational& budget) {
  std::vector<ref::Score> scores;
  for (const ref::Rational& wi : w) scores.push_back({wi, false});
  return ref::queue(w, scores, budget);
}

std::vector<ref::Rational> survivors(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x) {
  std::vector<ref::Rational> s;
  for (std::size_t i = 0; i < w.size(); ++i) s.push_back(w[i] - x[i]);
  return s;
}

ref::Rational max_value(const std::vector<ref::Rational>& v) {
  ref::Rational m = 0;
  for (const ref::Rational& x : v) m = std::max(m, x);
  return m;
}

ref::Rational sum_value(const std::vector<ref::Rational>& v) {
  ref::Rational total = 0;
  for (const ref::Rational& x : v) total += x;
  return total;
}

ref::Book winners_and_losers(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& deficits) {
  ref::Book book;
  for (std::size_t i = 0; i < w.size(); ++i) {
    ref::Account a;
    a.id = "w" + std::to_string(i + 1);
    a.pnl = w[i];
    book.accounts.push_back(a);
  }
  for (std::size_t j = 0; j < deficits.size(); ++j) {
    ref::Account a;
    a.id = "l" + std::to_string(j + 1);
    a.pnl = -deficits[j];
    book.accounts.push_back(a);
  }
  return book;
}

std::vector<ref::Rational> deficits_for(const ref::Rational& total, const ref::Rational& largest) {
  if (!(largest > 0) || largest > total) throw std::invalid_argument("deficits_for: need 0 < Δ ≤ D");
  std::vector<ref::Rational> out;
  ref::Rational left = total;
  while (left > 0) {
    if (out.size() >= 1000) throw std::invalid_argument("deficits_for: more than 1000 losers");
    const ref::Rational d = std::min(left, largest);
    out.push_back(d);
    left -= d;
  }
  return out;
}

ref::Allocation allocation_of(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x,
                              const ref::Rational& severity, const ref::Rational& budget) {
  ref::Allocation a;
  a.severity = severity;
  a.budget = budget;
  a.seized = x;
  for (std::size_t i = 0; i < w.size(); ++i) a.haircut.push_back(w[i] > 0 ? x[i] / w[i] : ref::Rational(0));
  return a;
}

std::string show(const std::vector<ref::Rational>& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : ", ") + ref::to_fraction(v[i]);
  return out + ")";
}

}  // namespace adl::proofs::group_b
