#include "books.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace adl::proofs::books {

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
    b.assumptions.push_back(z3::implies(b.has_floor[i] && w > 0, b.equity_term[i] * w == w - b.floor[i] + b.cash[i]));
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

RiskAccounts risk_accounts(z3::context& ctx, unsigned n) {
  return {reals(ctx, "w", n), reals(ctx, "e", n), reals(ctx, "rho", n)};
}

std::vector<z3::expr> RiskAccounts::positive(std::size_t i) const { return {w[i] > 0, e[i] > 0, rho[i] > 0}; }

RiskValues risk_values(const z3::model& model, const RiskAccounts& accounts) {
  return {rationals_of(model, accounts.w, "w"), rationals_of(model, accounts.e, "e"),
          rationals_of(model, accounts.rho, "rho")};
}

std::vector<z3::expr> sorted_decreasing(const std::vector<z3::expr>& w) {
  std::vector<z3::expr> out;
  for (std::size_t k = 0; k + 1 < w.size(); ++k) out.push_back(w[k] >= w[k + 1]);
  if (!w.empty()) out.push_back(w.back() >= 0);
  return out;
}

std::vector<z3::expr> in_polytope(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& x,
                                  const z3::expr& budget) {
  std::vector<z3::expr> out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    out.push_back(x[i] >= 0);
    out.push_back(x[i] <= w[i]);
  }
  out.push_back(sum(ctx, x) == budget);
  return out;
}

Severity severity_model(z3::context& ctx, unsigned n, const SeverityShape& shape) {
  auto w = reals(ctx, "w", n);
  auto x = shape.allocation ? reals(ctx, "x", n) : std::vector<z3::expr>{};
  const z3::expr D = ctx.real_const("D");
  std::optional<z3::expr> Delta;
  if (shape.max_shortfall) Delta = ctx.real_const("Delta");
  const z3::expr theta = ctx.real_const("theta");
  const z3::expr H = ctx.real_const(shape.budget.c_str());
  Severity s{std::move(w), std::move(x), D, Delta, theta, H, ctx.real_val(0), {}};
  s.U = sum(ctx, s.w);
  if (shape.sorted) {
    s.assumptions = sorted_decreasing(s.w);
  } else {
    for (const auto& wi : s.w) s.assumptions.push_back(wi >= 0);
  }
  if (shape.positive_total) s.assumptions.push_back(s.U > 0);
  if (Delta) {
    s.assumptions.push_back(*Delta > 0);
    s.assumptions.push_back(*Delta <= D);
  } else {
    s.assumptions.push_back(D > 0);
  }
  s.assumptions.push_back(theta > 0);
  s.assumptions.push_back(theta <= 1);
  s.assumptions.push_back(H == theta * D);
  if (shape.allocation) {
    s.assumptions.push_back(H <= s.U);
    for (const auto& c : in_polytope(ctx, s.w, s.x, H)) s.assumptions.push_back(c);
  }
  return s;
}

TopPolytope top_polytope(z3::context& ctx, unsigned n) {
  TopPolytope t{reals(ctx, "w", n), reals(ctx, "x", n), ctx.real_const("H"), {}};
  t.assumptions = sorted_decreasing(t.w);
  t.assumptions.push_back(t.H >= 0);
  t.assumptions.push_back(t.H <= sum(ctx, t.w));
  for (const auto& c : in_polytope(ctx, t.w, t.x, t.H)) t.assumptions.push_back(c);
  return t;
}

TopValues top_values(const z3::model& model, const TopPolytope& top) {
  return {rationals_of(model, top.w, "w"), rationals_of(model, top.x, "x"), rational_of(model, top.H, "H")};
}

Claim top_claim(std::string id, std::string statement, Verdict expected,
                std::function<void(z3::context&, const TopPolytope&, runner::SizedQuery&)> complete) {
  return runner::each_n(std::move(id), std::move(statement), expected, 6,
                        [complete = std::move(complete)](z3::context& ctx, const runner::Size& size) {
                          const TopPolytope t = top_polytope(ctx, size.n);
                          runner::SizedQuery q{.assumptions = t.assumptions};
                          q.witness = {{{"w", t.w}, {"x", t.x}}, {{"H", t.H}}};
                          complete(ctx, t, q);
                          return q;
                        });
}

std::vector<z3::expr> TopPolytope::top_survives() const {
  std::vector<z3::expr> preferences{H > 0, H < w[0]};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  return preferences;
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
  const auto cash = rationals_of(model, book.cash, "c");
  const auto pnl = rationals_of(model, book.pnl, "pnl");
  const auto hbar = rationals_of(model, book.max_haircut, "hbar");
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

SeverityBook severity_book(const z3::model& model, const Severity& severity) {
  SeverityBook b;
  b.w = rationals_of(model, severity.w, "w");
  b.x = rationals_of(model, severity.x, "x");
  b.D = rational_of(model, severity.D, "D");
  b.Delta = severity.Delta ? rational_of(model, *severity.Delta, "Δ") : b.D;
  b.theta = rational_of(model, severity.theta, "θ");
  b.book = winners_and_losers(b.w, severity.Delta ? deficits_for(b.D, b.Delta) : std::vector<ref::Rational>{b.D});
  b.state = ref::summarize(b.book);
  b.budget = {b.theta, b.theta * b.D, false};
  return b;
}

ref::RoundMetrics largest_first_metrics(const SeverityBook& book) {
  ref::PolicyOptions options;
  options.kind = ref::PolicyKind::Queue;
  options.score = ref::ScoreRule::LargestFirst;
  return ref::evaluate(book.book, book.state, ref::run_policy(book.book, book.state, options, book.budget));
}

ref::RoundMetrics pro_rata_metrics(const SeverityBook& book) {
  ref::PolicyOptions options;
  options.kind = ref::PolicyKind::ProRata;
  return ref::evaluate(book.book, book.state, ref::run_policy(book.book, book.state, options, book.budget));
}

ref::Allocation allocation_on(const SeverityBook& book) {
  auto x = book.x;
  x.resize(book.book.accounts.size(), 0);
  return allocation_of(book.state.endowment, x, book.theta, book.budget.budget);
}

ref::Allocation queue_by(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& scores,
                         const ref::Rational& budget) {
  std::vector<ref::Score> finite;
  for (const ref::Rational& s : scores) finite.push_back({s, false});
  return ref::queue(w, finite, budget);
}

ref::Allocation largest_first(const std::vector<ref::Rational>& w, const ref::Rational& budget) {
  return queue_by(w, w, budget);
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

std::vector<ref::Score> index_scores(std::size_t n) {
  std::vector<ref::Score> scores;
  for (std::size_t k = 0; k < n; ++k) scores.push_back({ref::Rational(static_cast<long>(n - k)), false});
  return scores;
}

Replayed replay_allocation(const ref::Book& book, const std::vector<ref::Rational>& seized,
                           const ref::Rational& budget) {
  Replayed out{ref::summarize(book), {}, {}, {}};
  ref::Allocation& a = out.allocation;
  a.budget = budget;
  a.severity = out.state.deficit > 0 ? ref::Rational(budget / out.state.deficit) : ref::Rational(0);
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    const ref::Rational x = i < seized.size() ? seized[i] : ref::Rational(0);
    const ref::Rational& w = out.state.endowment[i];
    a.seized.push_back(x);
    a.haircut.push_back(w > 0 ? ref::Rational(x / w) : ref::Rational(0));
  }
  out.metrics = ref::evaluate(book, out.state, a);
  out.validity = ref::check_allocation(book, out.state, a, false);
  return out;
}

Replayed replay_pro_rata(const std::vector<ref::Rational>& endowments, const ref::Rational& deficit,
                         const ref::Rational& budget) {
  const ref::Book book = replay_book(std::vector<ref::Rational>(endowments.size(), ref::Rational(0)), endowments, {},
                                     {}, deficit);
  const ref::Allocation pr = ref::pro_rata(endowments, budget);
  Replayed out = replay_allocation(book, pr.seized, budget);
  // The library's own haircuts, not x/w recomputed: evaluate reads max_haircut from them.
  std::copy(pr.haircut.begin(), pr.haircut.end(), out.allocation.haircut.begin());
  out.metrics = ref::evaluate(book, out.state, out.allocation);
  return out;
}

std::vector<ref::Rational> endowments_with(const ref::Rational& top, const ref::Rational& capacity) {
  if (top <= 0 || capacity < top) throw std::invalid_argument("endowments_with: need 0 < top ≤ capacity");
  std::vector<ref::Rational> w{top};
  ref::Rational left = capacity - top;
  while (left > 0) {
    w.push_back(std::min(top, left));
    left -= w.back();
  }
  return w;
}

std::vector<ref::Rational> first(const std::vector<ref::Rational>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(n, v.size()))};
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

ref::Rational max_value(const std::vector<ref::Rational>& v) {
  ref::Rational m = 0;
  for (const ref::Rational& x : v) m = std::max(m, x);
  return m;
}

}  // namespace adl::proofs::books
