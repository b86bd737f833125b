#include "group_b_top.hpp"

#include "queue_encoding.hpp"

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

TopRatios top_ratios(z3::context& ctx, const Severity& severity, std::vector<z3::expr> lf, bool own) {
  const auto& w = severity.w;
  const auto& x = severity.x;
  TopRatios r{ctx.real_const("PTSR_LF"), ctx.real_const("PTSR_x"), ctx.real_const("PMR_LF"),
              ctx.real_const("PMR_x"),   std::move(lf),           severity.assumptions,
              ctx.bool_val(true)};
  const z3::expr top_lf = own ? w[0] - r.lf[0] : max_of(survivors(w, r.lf));
  const z3::expr top_x = own ? w[0] - x[0] : max_of(survivors(w, x));
  const z3::expr loss = severity.theta * *severity.Delta;
  r.assumptions.push_back(r.ptsr_lf * severity.H == top_lf);
  r.assumptions.push_back(r.ptsr_x * severity.H == top_x);
  r.assumptions.push_back(r.pmr_lf * loss == top_lf);
  r.assumptions.push_back(r.pmr_x * loss == top_x);
  r.conclusion = r.ptsr_lf <= r.ptsr_x && r.pmr_lf <= r.pmr_x;
  return r;
}

ProRataScaling pro_rata_scaling(z3::context& ctx, unsigned n, bool pmr) {
  Severity s = severity_model(ctx, n, {.positive_total = true, .max_shortfall = pmr, .budget = "B"});
  const z3::expr h = ctx.real_const("h");
  const z3::expr r = ctx.real_const(pmr ? "PMR" : "PTSR");
  const z3::expr f = ctx.real_const("f");
  const z3::expr d = pmr ? s.theta * *s.Delta : s.H;
  s.assumptions.push_back(s.H <= s.U);
  s.assumptions.push_back(h * s.U == s.H);
  std::vector<z3::expr> survivor;
  for (const auto& wi : s.w) survivor.push_back(wi - h * wi);
  s.assumptions.push_back(r * d == max_of(survivor));
  s.assumptions.push_back(f * d * s.U == max_of(s.w) * (s.U - s.H));
  return {std::move(s), h, r, f};
}

namespace {

bool replay_pro_rata_scaling(const z3::model& model, const ProRataScaling& scaling, unsigned n,
                             ClaimResult& result) {
  const bool pmr = scaling.s.Delta.has_value();
  const SeverityBook b = severity_book(model, scaling.s);
  const ref::RoundMetrics metrics = pro_rata_metrics(b);
  const ref::Rational d = pmr ? b.theta * b.state.max_shortfall : b.theta * b.D;
  const ref::Rational formula = b.state.max_endowment * (1 - b.theta * b.D / b.state.capacity) / d;
  const std::string name = pmr ? "PMR" : "PTSR";
  const std::string printed = std::string("υ_T·(1 − θ·D/U)/(θ·") + (pmr ? "Δ" : "D") + ")";
  const std::optional<ref::Rational>& ratio = pmr ? metrics.pmr : metrics.ptsr;
  if (!ratio || *ratio != formula) {
    result.detail = "adl::ref " + name + "(PR) differs from " + printed + " = " + ref::to_fraction(formula);
    return false;
  }
  result.replay = "n = " + std::to_string(n) + " witness book w = " + show(b.w) + ", D = " + ref::to_fraction(b.D) +
                  (pmr ? ", Δ = " + ref::to_fraction(b.Delta) : std::string()) + ", θ = " + ref::to_fraction(b.theta) +
                  ": adl::ref::run_policy (pro-rata) + evaluate give " + name + " " + ref::to_fraction(*ratio) + " = " +
                  printed;
  return true;
}

}  // namespace

ClaimResult check_pro_rata_scaling(const Options& options, const std::string& id, bool pmr,
                                   const std::function<z3::expr(const ProRataScaling&)>& conclusion) {
  return check_each_n(options, id, Verdict::Proved, 6, [&](z3::context& ctx, const Size& size) {
    const ProRataScaling p = pro_rata_scaling(ctx, size.n, pmr);
    SizedQuery q{.assumptions = p.s.assumptions, .conclusion = conclusion(p)};
    q.witness.columns = {{"w", p.s.w}};
    q.witness.scalars = {{"D", p.s.D}};
    if (pmr) q.witness.scalars.emplace_back("Δ", *p.s.Delta);
    q.witness.scalars.emplace_back("θ", p.s.theta);
    q.replay = [p, n = size.n](const z3::model& m, ClaimResult& result) {
      return replay_pro_rata_scaling(m, p, n, result);
    };
    return q;
  });
}

TopGap top_gap(z3::context& ctx, unsigned n) {
  auto w = reals(ctx, "w", n);
  const z3::expr H = ctx.real_const("H");
  const z3::expr h = ctx.real_const("h");
  const z3::expr g = ctx.real_const("g");
  const z3::expr U = sum(ctx, w);
  TopGap t{w, H, h, g, U, sorted_decreasing(w), {}};
  t.assumptions.push_back(U > 0);
  t.assumptions.push_back(H >= 0);
  t.assumptions.push_back(H <= w[0]);
  t.assumptions.push_back(h * U == H);
  t.assumptions.push_back(g * U == H * (U - w[0]));
  t.lf = queue_closed_form(ctx, w, H);
  return t;
}

PtsrGap ptsr_gap(z3::context& ctx, unsigned n, bool separated) {
  Severity s = severity_model(ctx, n, {.sorted = true, .positive_total = true});
  const z3::expr h = ctx.real_const("h");
  const z3::expr r = ctx.real_const("r");
  const z3::expr ptsr_pr = ctx.real_const("PTSR_PR");
  const z3::expr ptsr_lf = ctx.real_const("PTSR_LF");
  const auto& w = s.w;
  auto& a = s.assumptions;
  a.push_back(s.H > 0);
  a.push_back(s.H <= w[0]);
  if (separated && n >= 2) a.push_back(w[0] - s.H >= w[1]);
  a.push_back(h * s.U == s.H);
  a.push_back(r * s.U == s.U - w[0]);
  auto lf = queue_closed_form(ctx, w, s.H);
  const z3::expr own_pr = w[0] - h * w[0];
  const z3::expr own_lf = w[0] - lf[0];
  a.push_back(ptsr_pr * s.H == own_pr);
  a.push_back(ptsr_lf * s.H == own_lf);
  return {std::move(s), h, r, ptsr_pr, ptsr_lf, std::move(lf), own_pr, own_lf};
}

z3::expr monotone(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& s) {
  z3::expr all = ctx.bool_val(true);
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (i != j) all = all && z3::implies(w[i] >= w[j], s[i] >= s[j]);
    }
  }
  return all;
}

std::string monotone_violation(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& s) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (i == j || !(w[i] >= w[j] && s[i] < s[j])) continue;
      const std::string a = std::to_string(i + 1);
      const std::string b = std::to_string(j + 1);
      return "w_" + a + " = " + ref::to_fraction(w[i]) + " ≥ w_" + b + " = " + ref::to_fraction(w[j]) + " but s_" + a +
             " = " + ref::to_fraction(s[i]) + " ＜ s_" + b + " = " + ref::to_fraction(s[j]);
    }
  }
  return {};
}

CappedLevel capped_level(z3::context& ctx, unsigned n, bool positive, bool competitor) {
  auto w = reals(ctx, "w", n);
  auto beta = reals(ctx, "beta", n);
  auto other = competitor ? reals(ctx, "hprime", n) : std::vector<z3::expr>{};
  CappedLevel c{std::move(w), std::move(beta), std::move(other), ctx.real_const("B"), ctx.real_const("eta"), {}, {}, {}};
  std::vector<z3::expr> capacity;
  for (unsigned i = 0; i < n; ++i) {
    c.assumptions.push_back(positive ? c.w[i] > 0 : c.w[i] >= 0);
    c.assumptions.push_back(c.beta[i] >= 0);
    c.assumptions.push_back(c.beta[i] <= 1);
    if (competitor) {
      c.assumptions.push_back(c.other[i] >= 0);
      c.assumptions.push_back(c.other[i] <= c.beta[i]);
    }
    c.h.push_back(min2(c.eta, c.beta[i]));
    c.seized.push_back(c.w[i] * c.h.back());
    capacity.push_back(c.w[i] * c.beta[i]);
  }
  c.assumptions.push_back(c.B > 0);
  c.assumptions.push_back(c.B <= sum(ctx, capacity));
  c.assumptions.push_back(c.eta >= 0);
  c.assumptions.push_back(c.eta <= 1);
  c.assumptions.push_back(sum(ctx, c.seized) == c.B);
  return c;
}

CappedValues capped_values(const z3::model& model, const CappedLevel& level) {
  CappedValues v;
  v.w = rationals_of(model, level.w, "w");
  v.beta = rationals_of(model, level.beta, "β");
  v.other = rationals_of(model, level.other, "h′");
  v.B = rational_of(model, level.B, "B");
  v.cpr = ref::capped_pro_rata(v.w, v.beta, v.B);
  return v;
}

TopPolytope top_polytope(z3::context& ctx, unsigned n) {
  TopPolytope t{reals(ctx, "w", n), reals(ctx, "x", n), ctx.real_const("H"), {}};
  t.assumptions = sorted_decreasing(t.w);
  t.assumptions.push_back(t.H >= 0);
  t.assumptions.push_back(t.H <= sum(ctx, t.w));
  for (const auto& c : in_polytope(ctx, t.w, t.x, t.H)) t.assumptions.push_back(c);
  return t;
}

std::vector<z3::expr> TopPolytope::top_survives() const {
  std::vector<z3::expr> preferences{H > 0, H < w[0]};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  return preferences;
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

std::vector<Size> sizes(unsigned first, unsigned last) {
  std::vector<Size> out;
  for (unsigned n = first; n <= last; ++n) out.push_back({n, 0, "n = " + std::to_string(n), ".n" + std::to_string(n)});
  return out;
}

ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected,
                        const std::vector<Size>& sizes, const std::string& bound,
                        const std::function<SizedQuery(z3::context&, const Size&)>& query) {
  const bool refutes = expected == Verdict::Refuted;
  ClaimResult result;
  for (const Size& size : sizes) {
    z3::context ctx;
    const SizedQuery q = query(ctx, size);
    const std::string name = id + size.tag;
    Validity v = q.pinned.empty()
                     ? prove_valid(ctx, q.assumptions, q.conclusion, options, name, q.preferences)
                     : prove_valid_preferring(ctx, q.assumptions, q.conclusion, q.pinned, options, name);
    if (v.verdict == Verdict::Refuted && q.readable) {
      std::vector<z3::expr> all = q.assumptions;
      all.push_back(!q.conclusion);
      for (const z3::expr& c : q.readable()) all.push_back(c);
      if (auto model = find_model(ctx, all, options, name + ".replay")) v.counterexample = *model;
    }
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (refutes) result.bound = size.label;
    if (v.witness && q.show_witness) {
      const std::string note = q.witness.note.empty() ? "assumptions hold" : q.witness.note;
      result.witness = instance_of(*v.witness, q.witness.columns, q.witness.scalars, note);
    }
    if (refutes && v.verdict == Verdict::Proved) continue;
    if (refutes && v.verdict != Verdict::Refuted) return result;
    const Table shown = q.counterexample ? *q.counterexample : Table{q.witness.columns, q.witness.scalars};
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, shown.columns, shown.scalars, shown.note);
    if (v.verdict != Verdict::Proved && !refutes) {
      result.bound = size.label;
      return result;
    }
    if (q.replay && !q.replay(refutes ? *v.counterexample : *v.witness, result)) {
      result.verdict = Verdict::ReplayFailed;
      return result;
    }
    if (refutes) return result;
  }
  result.bound = bound;
  return result;
}

ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const std::function<SizedQuery(z3::context&, const Size&)>& query) {
  const unsigned max_n = options.max_n == 0 ? default_n : options.max_n;
  const std::string bound = (expected == Verdict::Refuted ? "n = " : "n ≤ ") + std::to_string(max_n);
  return check_sizes(options, id, expected, sizes(1, max_n), bound, query);
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
