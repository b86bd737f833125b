#include "closed_forms.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace adl::proofs::closed_forms {

std::vector<z3::expr> queue_closed_form(z3::context& ctx, const std::vector<z3::expr>& w, const z3::expr& budget) {
  std::vector<z3::expr> x;
  z3::expr before = ctx.real_val(0);  // Σ_{j<k} w_j
  for (const z3::expr& wk : w) {
    x.push_back(min2(wk, positive_part(budget - before)));
    before = before + wk;
  }
  return x;
}

std::vector<z3::expr> queue_by_scores(z3::context& ctx, const std::vector<z3::expr>& w,
                                      const std::vector<z3::expr>& scores, const z3::expr& budget) {
  std::vector<z3::expr> x;
  const std::size_t n = w.size();
  for (std::size_t i = 0; i < n; ++i) {
    z3::expr before = ctx.real_val(0);
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const z3::expr ranks_first = j < i ? scores[j] >= scores[i] : scores[j] > scores[i];  // ties by ascending index
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
    const z3::expr recursion = z3::ite(current > 0, ctx.real_val(1), z3::ite(previous > 0, previous / wk, zero));
    h.push_back(z3::ite(wk > 0, recursion, zero));
    previous = current;
  }
  return h;
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

std::vector<z3::expr> capped_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                        const z3::expr& eta) {
  std::vector<z3::expr> h;
  for (std::size_t i = 0; i < w.size(); ++i) {
    h.push_back(z3::ite(w[i] > 0, min2(eta, beta[i]), eta.ctx().real_val(0)));
  }
  return h;
}

z3::expr capped_capacity(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta) {
  z3::expr c = ctx.real_val(0);
  for (std::size_t i = 0; i < w.size(); ++i) c = c + w[i] * beta[i];
  return c;
}

std::vector<z3::expr> rap_scale_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                     const std::vector<z3::expr>& risk_weight, const z3::expr& tau) {
  std::vector<z3::expr> h;
  for (std::size_t i = 0; i < w.size(); ++i) {
    h.push_back(z3::ite(w[i] > 0 && risk_weight[i] > 0, min2(beta[i], tau * risk_weight[i]), tau.ctx().real_val(0)));
  }
  return h;
}

LevelAllocation rap_closed_form(z3::context& ctx, const std::string& name, const std::vector<z3::expr>& w,
                                const std::vector<z3::expr>& caps, const std::vector<z3::expr>& risk_weights,
                                const z3::expr& budget) {
  const z3::expr tau = ctx.real_const((name + "_tau").c_str());
  LevelAllocation out{{}, tau, {tau >= 0}};
  z3::expr seized = ctx.real_val(0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    out.h.push_back(min2(caps[i], tau * risk_weights[i]));
    seized = seized + w[i] * out.h.back();
  }
  out.constraints.push_back(seized == budget);
  return out;
}

std::vector<z3::expr> minmax_level_form(const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                        const std::vector<z3::expr>& beta, const z3::expr& level) {
  std::vector<z3::expr> x;
  for (std::size_t i = 0; i < w.size(); ++i) {
    x.push_back(z3::ite(w[i] > 0, min2(level * equity[i], beta[i] * w[i]), level.ctx().real_val(0)));
  }
  return x;
}

z3::expr minmax_level_is_smallest(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& equity,
                                  const std::vector<z3::expr>& beta, const z3::expr& level) {
  z3::expr some_open = ctx.bool_val(false);
  for (std::size_t i = 0; i < w.size(); ++i) {
    some_open = some_open || (w[i] > 0 && level * equity[i] <= beta[i] * w[i]);
  }
  return level == 0 || some_open;
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

std::vector<z3::expr> survivors(const std::vector<z3::expr>& w, const std::vector<z3::expr>& x) {
  std::vector<z3::expr> s;
  for (std::size_t i = 0; i < w.size(); ++i) s.push_back(w[i] - x[i]);
  return s;
}

std::vector<ref::Rational> survivors(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x) {
  std::vector<ref::Rational> s;
  for (std::size_t i = 0; i < w.size(); ++i) s.push_back(w[i] - x[i]);
  return s;
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

TopRatios top_ratios(z3::context& ctx, const books::Severity& severity, std::vector<z3::expr> lf, bool own) {
  const auto& w = severity.w;
  const auto& x = severity.x;
  TopRatios r{ctx.real_const("PTSR_LF"),
              ctx.real_const("PTSR_x"),
              ctx.real_const("PMR_LF"),
              ctx.real_const("PMR_x"),
              std::move(lf),
              severity.assumptions,
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
  books::Severity s = books::severity_model(ctx, n, {.positive_total = true, .max_shortfall = pmr, .budget = "B"});
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

runner::Replay replay_pro_rata_scaling(const z3::model& model, const ProRataScaling& scaling, unsigned n) {
  const bool pmr = scaling.s.Delta.has_value();
  const books::SeverityBook b = books::severity_book(model, scaling.s);
  const ref::RoundMetrics metrics = books::pro_rata_metrics(b);
  const ref::Rational d = pmr ? b.theta * b.state.max_shortfall : b.theta * b.D;
  const ref::Rational formula = b.state.max_endowment * (1 - b.theta * b.D / b.state.capacity) / d;
  const std::string name = pmr ? "PMR" : "PTSR";
  const std::string printed = std::string("υ_T·(1 − θ·D/U)/(θ·") + (pmr ? "Δ" : "D") + ")";
  const std::optional<ref::Rational>& ratio = pmr ? metrics.pmr : metrics.ptsr;
  if (!ratio || *ratio != formula) {
    return runner::mismatch("adl::ref " + name + "(PR) differs from " + printed + " = " + ref::to_fraction(formula));
  }
  return runner::reproduced(
      "n = " + std::to_string(n) + " witness book w = " + books::show(b.w) + ", D = " + ref::to_fraction(b.D) +
      (pmr ? ", Δ = " + ref::to_fraction(b.Delta) : std::string()) + ", θ = " + ref::to_fraction(b.theta) +
      ": adl::ref::run_policy (pro-rata) + evaluate give " + name + " " + ref::to_fraction(*ratio) + " = " + printed);
}

}  // namespace

Claim pro_rata_scaling_claim(std::string id, std::string statement, bool pmr) {
  return runner::each_n(std::move(id), std::move(statement), Verdict::Proved, 6,
                        [pmr](z3::context& ctx, const runner::Size& size) {
                          const ProRataScaling p = pro_rata_scaling(ctx, size.n, pmr);
                          runner::SizedQuery q{.assumptions = p.s.assumptions, .conclusion = p.r == p.f};
                          q.witness.columns = {{"w", p.s.w}};
                          q.witness.scalars = {{"D", p.s.D}};
                          if (pmr) q.witness.scalars.emplace_back("Δ", *p.s.Delta);
                          q.witness.scalars.emplace_back("θ", p.s.theta);
                          q.replay = [p, n = size.n](const z3::model& m) { return replay_pro_rata_scaling(m, p, n); };
                          return q;
                        });
}

TopGap top_gap(z3::context& ctx, unsigned n) {
  auto w = reals(ctx, "w", n);
  const z3::expr H = ctx.real_const("H");
  const z3::expr h = ctx.real_const("h");
  const z3::expr g = ctx.real_const("g");
  const z3::expr U = sum(ctx, w);
  TopGap t{w, H, h, g, U, books::sorted_decreasing(w), {}};
  t.assumptions.push_back(U > 0);
  t.assumptions.push_back(H >= 0);
  t.assumptions.push_back(H <= w[0]);
  t.assumptions.push_back(h * U == H);
  t.assumptions.push_back(g * U == H * (U - w[0]));
  t.lf = queue_closed_form(ctx, w, H);
  return t;
}

PtsrGap ptsr_gap(z3::context& ctx, unsigned n, bool separated) {
  books::Severity s = books::severity_model(ctx, n, {.sorted = true, .positive_total = true});
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

CappedLevel capped_level(z3::context& ctx, unsigned n, bool positive, bool competitor) {
  auto w = reals(ctx, "w", n);
  auto beta = reals(ctx, "beta", n);
  auto other = competitor ? reals(ctx, "hprime", n) : std::vector<z3::expr>{};
  CappedLevel c{
      std::move(w), std::move(beta), std::move(other), ctx.real_const("B"), ctx.real_const("eta"), {}, {}, {}};
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

TailModel tail_model(z3::context& ctx, unsigned scenarios, unsigned n) {
  TailModel m{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, ctx.real_const("h"), ctx.real_const("alpha")};
  m.p = reals(ctx, "p", scenarios);
  for (unsigned k = 0; k < scenarios; ++k) {
    const std::string tag = std::to_string(k + 1);
    m.w.push_back(reals(ctx, "w" + tag, n));
    m.x.push_back(reals(ctx, "x" + tag, n));
    const auto& w = m.w.back();
    const auto& x = m.x.back();
    for (const auto& c : books::sorted_decreasing(w)) m.assumptions.push_back(c);
    for (const auto& c : books::in_polytope(ctx, w, x, m.h)) m.assumptions.push_back(c);
    m.assumptions.push_back(m.h <= sum(ctx, w));
    m.lf.push_back(queue_closed_form(ctx, w, m.h));
    m.omega.push_back(w[0]);
    m.own_x.push_back(w[0] - x[0]);
    m.max_x.push_back(max_of(survivors(w, x)));
    m.own_lf.push_back(w[0] - m.lf.back()[0]);
    m.max_lf.push_back(max_of(survivors(w, m.lf.back())));
    m.floor.push_back(positive_part(w[0] - m.h));
    m.assumptions.push_back(m.p[k] > 0);
  }
  m.assumptions.push_back(sum(ctx, m.p) == 1);
  m.assumptions.push_back(m.h >= 0);
  m.assumptions.push_back(m.alpha > 0);
  m.assumptions.push_back(m.alpha < 1);
  return m;
}

runner::Grid tail_grid(const Options& options, unsigned default_n, unsigned default_k) {
  const unsigned max_n = options.max_n == 0 ? default_n : options.max_n;
  const unsigned max_k = options.max_n == 0 ? default_k : std::min(5u, options.max_n);
  runner::Grid grid{{}, "K ≤ " + std::to_string(max_k) + " scenarios, n ≤ " + std::to_string(max_n)};
  for (unsigned K = 1; K <= max_k; ++K) {
    for (unsigned n = 1; n <= max_n; ++n) {
      const std::string k = std::to_string(K);
      const std::string i = std::to_string(n);
      grid.sizes.push_back({n, K, "K = " + k + ", n = " + i, ".K" + k + ".n" + i});
    }
  }
  return grid;
}

TailValues tail_values(const z3::model& model, const TailModel& tail) {
  TailValues v;
  v.p = rationals_of(model, tail.p, "p");
  v.alpha = rational_of(model, tail.alpha, "α");
  v.h = rational_of(model, tail.h, "h");
  for (std::size_t k = 0; k < tail.w.size(); ++k) {
    v.w.push_back(rationals_of(model, tail.w[k], "w"));
    v.floor.push_back(ref::positive_part(v.w.back()[0] - v.h));
  }
  return v;
}

}  // namespace adl::proofs::closed_forms
