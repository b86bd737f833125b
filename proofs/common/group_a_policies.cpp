#include "group_a_policies.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <stdexcept>

namespace adl::proofs::group_a {

CapBook make_cap_book(z3::context& ctx, unsigned n) {
  CapBook b;
  b.cash = reals(ctx, "c", n);
  b.pnl = reals(ctx, "pnl", n);
  b.max_haircut = reals(ctx, "hbar", n);
  b.floor = reals(ctx, "floor", n);
  b.equity_term = reals(ctx, "q", n);
  const z3::expr zero = ctx.real_val(0);
  const z3::expr one = ctx.real_val(1);
  for (unsigned i = 0; i < n; ++i) {
    b.has_floor.push_back(ctx.bool_const(("has_floor_" + std::to_string(i + 1)).c_str()));
    const z3::expr w = positive_part(b.pnl[i]);
    b.endowment.push_back(w);
    b.equity.push_back(b.cash[i] + b.pnl[i]);
    b.assumptions.push_back(b.cash[i] >= 0);
    b.assumptions.push_back(b.max_haircut[i] >= 0 && b.max_haircut[i] <= 1);
    // q_i = 1 − (e̲_i − c_i)/w_i, multiplied out (w_i ＞ 0 is the explicit hypothesis).
    b.assumptions.push_back(z3::implies(b.has_floor[i] && w > 0,
                                        b.equity_term[i] * w == w - b.floor[i] + b.cash[i]));
    const z3::expr raw = z3::ite(b.has_floor[i], min2(b.max_haircut[i], b.equity_term[i]), b.max_haircut[i]);
    const z3::expr clipped = min2(max2(raw, zero), one);
    b.cap.push_back(z3::ite(w > 0, clipped, zero));
  }
  return b;
}

Budgeted budgeted(z3::context& ctx, unsigned n, bool bounded) {
  Budgeted b{reals(ctx, "w", n), ctx.real_const("B"), {}};
  for (const auto& wk : b.w) b.assumptions.push_back(wk >= 0);
  b.assumptions.push_back(b.B >= 0);
  if (bounded) b.assumptions.push_back(b.B <= sum(ctx, b.w));
  return b;
}

std::vector<z3::expr> Budgeted::something_to_seize() const {
  std::vector<z3::expr> preferences{B > 0};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  return preferences;
}

std::vector<z3::expr> Budgeted::partial_account() const {
  std::vector<z3::expr> preferences{B > 0, B < sum(B.ctx(), w)};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  return preferences;
}

MinMaxBook minmax_book(z3::context& ctx, unsigned n) {
  MinMaxBook b{reals(ctx, "c", n), reals(ctx, "w", n), reals(ctx, "beta", n), {}, {}};
  for (unsigned i = 0; i < n; ++i) {
    b.equity.push_back(b.cash[i] + b.w[i]);
    b.assumptions.push_back(b.cash[i] >= 0 && b.w[i] >= 0);
    b.assumptions.push_back(b.beta[i] >= 0 && b.beta[i] <= 1);
    b.assumptions.push_back(z3::implies(b.w[i] == 0, b.beta[i] == 0));
  }
  return b;
}

CappedLevelForm capped_level_model(z3::context& ctx, unsigned n, const LevelHaircuts& haircuts) {
  CapBook book = make_cap_book(ctx, n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr eta = ctx.real_const("eta");
  std::vector<z3::expr> assumptions = book.assumptions;
  assumptions.push_back(B >= 0 && B <= capped_capacity(ctx, book.endowment, book.cap));
  assumptions.push_back(eta >= 0 && eta <= 1);
  auto h = haircuts(book.endowment, book.cap, eta);
  assumptions.push_back(sum(ctx, seized_of(book.endowment, h)) == B);
  return {std::move(book), B, eta, std::move(h), std::move(assumptions)};
}

z3::expr capped_capacity(z3::context& ctx, const std::vector<z3::expr>& w,
                         const std::vector<z3::expr>& beta) {
  z3::expr c = ctx.real_val(0);
  for (std::size_t i = 0; i < w.size(); ++i) c = c + w[i] * beta[i];
  return c;
}

std::vector<z3::expr> queue_by_scores(z3::context& ctx, const std::vector<z3::expr>& w,
                                const std::vector<z3::expr>& scores, const z3::expr& budget) {
  std::vector<z3::expr> x;
  const std::size_t n = w.size();
  for (std::size_t i = 0; i < n; ++i) {
    z3::expr before = ctx.real_val(0);
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const z3::expr ranks_first =
          j < i ? scores[j] >= scores[i] : scores[j] > scores[i];  // ties by ascending index
      before = before + z3::ite(w[j] > 0 && ranks_first, w[j], ctx.real_val(0));
    }
    x.push_back(z3::ite(w[i] > 0, min2(w[i], positive_part(budget - before)), ctx.real_val(0)));
  }
  return x;
}

std::vector<z3::expr> queue_recursion_haircuts(z3::context& ctx, const std::vector<z3::expr>& w,
                                               const z3::expr& budget) {
  std::vector<z3::expr> h;
  const z3::expr zero = ctx.real_val(0);
  z3::expr prefix = zero;
  z3::expr previous = budget;  // A₀ = B
  for (const z3::expr& wk : w) {
    prefix = prefix + wk;
    const z3::expr current = positive_part(budget - prefix);  // A_k
    const z3::expr recursion =
        z3::ite(current > 0, ctx.real_val(1), z3::ite(previous > 0, previous / wk, zero));
    h.push_back(z3::ite(wk > 0, recursion, zero));
    previous = current;
  }
  return h;
}

std::vector<z3::expr> capped_level_form(const std::vector<z3::expr>& w,
                                        const std::vector<z3::expr>& beta, const z3::expr& eta) {
  std::vector<z3::expr> h;
  for (std::size_t i = 0; i < w.size(); ++i) {
    h.push_back(z3::ite(w[i] > 0, min2(eta, beta[i]), eta.ctx().real_val(0)));
  }
  return h;
}

std::vector<z3::expr> rap_scale_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                     const std::vector<z3::expr>& risk_weight, const z3::expr& tau) {
  std::vector<z3::expr> h;
  for (std::size_t i = 0; i < w.size(); ++i) {
    h.push_back(z3::ite(w[i] > 0 && risk_weight[i] > 0, min2(beta[i], tau * risk_weight[i]),
                        tau.ctx().real_val(0)));
  }
  return h;
}

std::vector<z3::expr> minmax_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                        const std::vector<z3::expr>& beta, const z3::expr& level) {
  std::vector<z3::expr> x;
  for (std::size_t i = 0; i < w.size(); ++i) {
    x.push_back(z3::ite(w[i] > 0, min2(level * equity[i], beta[i] * w[i]), level.ctx().real_val(0)));
  }
  return x;
}

z3::expr minmax_level_is_smallest(z3::context& ctx, const std::vector<z3::expr>& w,
                                  const std::vector<z3::expr>& equity, const std::vector<z3::expr>& beta,
                                  const z3::expr& level) {
  z3::expr some_open = ctx.bool_val(false);
  for (std::size_t i = 0; i < w.size(); ++i) {
    some_open = some_open || (w[i] > 0 && level * equity[i] <= beta[i] * w[i]);
  }
  return level == 0 || some_open;
}

std::vector<z3::expr> greedy_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                         const std::vector<z3::expr>& capacity, const z3::expr& budget) {
  std::vector<z3::expr> x;
  z3::expr remaining = budget;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const z3::expr xi = z3::ite(w[i] > 0, min2(capacity[i], remaining), ctx.real_val(0));
    x.push_back(xi);
    remaining = remaining - xi;
  }
  return x;
}

Waterfill unrolled_waterfill(z3::context& ctx, const std::vector<z3::expr>& active,
                             const std::vector<z3::expr>& breakpoints, const std::vector<z3::expr>& weights,
                             const z3::expr& budget) {
  const z3::expr zero = ctx.real_val(0);
  z3::expr V = zero;
  z3::expr R = zero;
  for (std::size_t i = 0; i < weights.size(); ++i) R = R + z3::ite(active[i], weights[i], zero);
  z3::expr previous = zero;
  z3::expr level = zero;
  z3::expr done = ctx.bool_val(false);
  z3::expr safe = ctx.bool_val(true);
  for (std::size_t k = 0; k < weights.size(); ++k) {
    const z3::expr open = active[k] && !done;
    const z3::expr step = (breakpoints[k] - previous) * R;
    const z3::expr hit = open && V + step >= budget;
    safe = safe && z3::implies(hit, R > 0);
    level = z3::ite(hit, previous + (budget - V) / R, level);
    const z3::expr go_on = open && !hit;
    V = z3::ite(go_on, V + step, V);
    R = z3::ite(go_on, R - weights[k], R);
    previous = z3::ite(go_on, breakpoints[k], previous);
    done = done || hit;
  }
  return {z3::ite(done, level, previous), safe};
}

ClaimResult PartsResult::fail(Verdict verdict, std::string bound, std::string detail) {
  result.verdict = verdict;
  result.bound = std::move(bound);
  result.detail = std::move(detail);
  return result;
}

ClaimResult PartsResult::proved(std::string bound) {
  result.verdict = Verdict::Proved;
  result.replay = replay;
  result.detail.clear();
  result.bound = std::move(bound);
  return result;
}

z3::expr budget_and_bounds(z3::context& ctx, const std::vector<z3::expr>& w,
                           const std::vector<z3::expr>& x, const z3::expr& budget) {
  z3::expr ok = sum(ctx, x) == budget;
  for (std::size_t i = 0; i < w.size(); ++i) ok = ok && x[i] >= 0 && x[i] <= w[i];
  return ok;
}

std::vector<z3::expr> seized_of(const std::vector<z3::expr>& w, const std::vector<z3::expr>& h) {
  std::vector<z3::expr> x;
  for (std::size_t i = 0; i < w.size(); ++i) x.push_back(h[i] * w[i]);
  return x;
}

std::vector<ref::Rational> seized_values(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& h) {
  std::vector<ref::Rational> x;
  for (std::size_t i = 0; i < w.size(); ++i) x.push_back(h[i] * w[i]);
  return x;
}

z3::expr capped_validity(z3::context& ctx, const CapBook& book, const std::vector<z3::expr>& h,
                         const z3::expr& budget) {
  const auto& w = book.endowment;
  const auto x = seized_of(w, h);
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
    const auto wv = values(*v.witness, w, "w");
    const ref::Rational budget = rational_of(*v.witness, B, "B");
    if (!throws_infeasible([&] { allocate(wv, budget); })) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::" + allocator + " accepted B = " + ref::to_fraction(budget) + " > U on w = " + show(wv);
      return false;
    }
    if (n == max_n) {
      replay += "; for B > U no x ∈ P(w, B) exists and adl::ref::" + allocator + " throws Infeasible (w = " +
                show(wv) + ", B = " + ref::to_fraction(budget) + ")";
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

std::vector<ref::Score> index_scores(std::size_t n) {
  std::vector<ref::Score> scores;
  for (std::size_t k = 0; k < n; ++k) scores.push_back({ref::Rational(static_cast<long>(n - k)), false});
  return scores;
}

z3::model replay_model(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                       const std::vector<z3::expr>& extra, const Options& options, const std::string& name,
                       const z3::model& fallback) {
  std::vector<z3::expr> all = assumptions;
  all.insert(all.end(), extra.begin(), extra.end());
  const auto m = find_model(ctx, all, options, name + ".replay");
  return m ? *m : fallback;
}

std::vector<ref::Rational> values(const z3::model& model, const std::vector<z3::expr>& terms,
                                  const std::string& what) {
  std::vector<ref::Rational> out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    out.push_back(rational_of(model, terms[i], what + "_" + std::to_string(i + 1)));
  }
  return out;
}

ref::Book replay_book(const std::vector<ref::Rational>& cash, const std::vector<ref::Rational>& pnl,
                      const std::vector<std::optional<ref::Rational>>& max_haircut,
                      const std::vector<std::optional<ref::Rational>>& floor, const ref::Rational& budget) {
  ref::Book book;
  for (std::size_t i = 0; i < pnl.size(); ++i) {
    ref::Account a;
    a.id = "a" + std::to_string(i + 1);
    a.cash = cash[i];
    a.pnl = pnl[i];
    if (i < max_haircut.size()) a.max_haircut = max_haircut[i];
    if (i < floor.size()) a.min_equity = floor[i];
    book.accounts.push_back(a);
  }
  ref::Account loser;
  loser.id = "L";
  loser.pnl = -budget;
  book.accounts.push_back(loser);
  return book;
}

ref::Book replay_book(const std::vector<ref::Rational>& w, const ref::Rational& budget,
                      const std::vector<ref::Rational>& caps) {
  std::vector<std::optional<ref::Rational>> hbar;
  for (const auto& b : caps) hbar.emplace_back(b);
  return replay_book(std::vector<ref::Rational>(w.size(), ref::Rational(0)), w, hbar, {}, budget);
}

ref::Book replay_book(const z3::model& model, const CapBook& book, const ref::Rational& budget) {
  const auto cash = values(model, book.cash, "c");
  const auto pnl = values(model, book.pnl, "pnl");
  const auto hbar = values(model, book.max_haircut, "hbar");
  std::vector<std::optional<ref::Rational>> caps;
  std::vector<std::optional<ref::Rational>> floors;
  for (std::size_t i = 0; i < pnl.size(); ++i) {
    caps.emplace_back(hbar[i]);
    if (model.eval(book.has_floor[i], true).is_true()) {
      floors.emplace_back(rational_of(model, book.floor[i], "floor_" + std::to_string(i + 1)));
    } else {
      floors.emplace_back(std::nullopt);
    }
  }
  return replay_book(cash, pnl, caps, floors, budget);
}

std::vector<ref::Rational> first(const std::vector<ref::Rational>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(n, v.size()))};
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

std::string show(const std::vector<ref::Rational>& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + ref::to_fraction(v[i]);
  return out + ")";
}

ref::Rational total(const std::vector<ref::Rational>& v) {
  ref::Rational s = 0;
  for (const auto& x : v) s += x;
  return s;
}

}  // namespace adl::proofs::group_a
