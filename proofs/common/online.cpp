#include "online.hpp"

#include "adl/ref/policies.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace adl::proofs::online {

Interval point(const Rational& v) { return {v, v}; }

Interval add(const Interval& a, const Interval& b) { return {a.lo + b.lo, a.hi + b.hi}; }

Interval sub(const Interval& a, const Interval& b) { return {a.lo - b.hi, a.hi - b.lo}; }

Interval mul(const Interval& a, const Interval& b) {
  const Rational p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

Interval sqrt_enclosure(const Rational& a, unsigned bits) {
  if (a < 0) throw std::invalid_argument("sqrt_enclosure: negative argument");
  Rational lo = 0;
  Rational hi = a > 1 ? a : Rational(1);
  Rational width = 1;
  for (unsigned i = 0; i < bits; ++i) width /= 2;
  while (hi - lo > width) {
    const Rational mid = (lo + hi) / 2;
    if (mid * mid <= a) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return {lo, hi};
}

Interval log_enclosure(const Rational& x, unsigned terms) {
  if (x <= 0) throw std::invalid_argument("log_enclosure: argument must be positive");
  if (x == 1) return point(0);
  // log x = 2·Σ_{k≥0} z^(2k+1)/(2k+1), z = (x − 1)/(x + 1), |z| ＜ 1. The tail after K terms
  // has the sign of z and magnitude ≤ 2·|z|^(2K+1)/((2K+1)·(1 − z²)).
  const Rational z = (x - 1) / (x + 1);
  const Rational z2 = z * z;
  Rational power = z;
  Rational partial = 0;
  for (unsigned k = 0; k < terms; ++k) {
    partial += power / Rational(2 * k + 1);
    power *= z2;
  }
  partial *= 2;
  const Rational abs_power = power < 0 ? Rational(-power) : power;
  const Rational tail = 2 * abs_power / (Rational(2 * terms + 1) * (1 - z2));
  if (z > 0) return {partial, partial + tail};
  return {partial - tail, partial};
}

Interval clip(const Interval& x, const Rational& lo, const Rational& hi) {
  const auto c = [&](const Rational& v) { return std::min(std::max(v, lo), hi); };
  return {c(x.lo), c(x.hi)};
}

std::string show(const Interval& x) {
  if (x.lo == x.hi) return ref::format_exact(x.lo);
  return "[" + ref::to_decimal(x.lo, 9) + ", " + ref::to_decimal(x.hi, 9) + "]";
}

std::vector<Interval> ogd_plays(const Rational& x1, const std::vector<Rational>& gradients,
                                const std::vector<Interval>& steps, const Rational& top) {
  if (steps.size() != gradients.size()) throw std::invalid_argument("ogd_plays: sizes differ");
  std::vector<Interval> plays{point(x1)};
  for (std::size_t t = 0; t + 1 < gradients.size(); ++t) {
    plays.push_back(clip(sub(plays.back(), mul(steps[t], point(gradients[t]))), 0, top));
  }
  return plays;
}

z3::expr clip(const z3::expr& x, const z3::expr& lo, const z3::expr& hi) {
  return z3::ite(x <= lo, lo, z3::ite(x >= hi, hi, x));
}

z3::expr magnitude(const z3::expr& x) { return z3::ite(x >= 0, x, -x); }

Residual residual(z3::context& ctx, const std::vector<z3::expr>& e, const std::vector<z3::expr>& capacity_of,
                  const std::vector<z3::expr>& lambda, const z3::expr& b) {
  const std::size_t n = e.size();
  std::vector<z3::expr> seized;
  std::vector<z3::expr> cumulative;  // Σ_{j≤i} c_j
  z3::expr before = ctx.real_val(0);
  z3::expr value = ctx.real_val(0);
  for (std::size_t i = 0; i < n; ++i) {
    const z3::expr capacity = capacity_of[i];
    seized.push_back(min2(capacity, positive_part(b - before)));
    value = value + lambda[i] * e[i] - lambda[i] * seized.back();
    before = before + capacity;
    cumulative.push_back(before);
  }
  z3::expr slope = ctx.real_val(0);
  for (std::size_t k = n; k-- > 0;) slope = z3::ite(b < cumulative[k], -lambda[k], slope);
  return {seized, value, slope};
}

ResidualRound residual_round(z3::context& ctx, const std::vector<Rational>& lambda) {
  const unsigned n = static_cast<unsigned>(lambda.size());
  ResidualRound round{reals(ctx, "e", n), reals(ctx, "c", n), {}, ctx.real_const("b_bar"), {}};
  for (unsigned i = 0; i < n; ++i) {
    round.lambda.push_back(real_val(ctx, lambda[i]));
    round.assumptions.push_back(round.equity[i] > 0);
    round.assumptions.push_back(round.capacity[i] >= 0 && round.capacity[i] <= round.equity[i]);
  }
  round.assumptions.push_back(round.top >= sum(ctx, round.capacity));
  return round;
}

std::string replay_residual(const z3::model& model, const ResidualRound& round, const Residual& closed_form,
                            const z3::expr& b, const std::string& label) {
  std::vector<Rational> e, beta, lambda;
  for (std::size_t i = 0; i < round.equity.size(); ++i) {
    e.push_back(rational_of(model, round.equity[i], "e"));
    beta.push_back(rational_of(model, round.capacity[i], "c") / e.back());
    lambda.push_back(rational_of(model, round.lambda[i], "lambda"));
  }
  const Rational at = rational_of(model, b, label);
  const Rational encoded = rational_of(model, closed_form.value, "L(" + label + ")");
  const Rational by_ref = residual_by_ref(e, beta, lambda, at);
  if (encoded == by_ref) return {};
  return "L̃(" + label + " = " + ref::to_fraction(at) + "): closed form " + ref::to_fraction(encoded) +
         ", adl::ref::greedy_one_step " + ref::to_fraction(by_ref);
}

std::vector<std::vector<Rational>> lambda_rays(unsigned n) {
  std::vector<std::vector<Rational>> rays;
  for (unsigned k = 1; k <= n; ++k) {
    std::vector<Rational> ray(n, Rational(0));
    for (unsigned i = 0; i < k; ++i) ray[i] = 1;
    rays.push_back(ray);
  }
  return rays;
}

Rational residual_by_ref(const std::vector<Rational>& e, const std::vector<Rational>& beta,
                         const std::vector<Rational>& lambda, const Rational& b) {
  Rational capacity = 0;
  Rational total = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    capacity += e[i] * beta[i];
    total += lambda[i] * e[i];
  }
  const auto a = ref::greedy_one_step(e, e, beta, lambda, std::min(b, capacity));
  for (std::size_t i = 0; i < e.size(); ++i) total -= lambda[i] * a.seized[i];
  return total;
}

z3::expr both_in_range(const ResidualRound& round, const z3::expr& first, const z3::expr& second) {
  return first >= 0 && first <= round.top && second >= 0 && second <= round.top;
}

RayPart residual_rays(const Options& options, ResidualRayClaim claim) {
  const unsigned max_n = runner::bound(options.max_n, claim.default_n);
  RayPart rays;
  for (unsigned n = 1; n <= max_n; ++n) {
    const auto all = lambda_rays(n);
    for (unsigned k = 0; k < all.size(); ++k) {
      std::string tag = ".n" + std::to_string(n) + ".ray";
      for (const auto& l : all[k]) tag += ref::to_fraction(l);
      rays.part.sizes.push_back({n, k, claim.failure + "n = " + std::to_string(n), tag});
    }
  }
  rays.bound = "n ≤ " + std::to_string(max_n) + " (" + std::to_string(rays.part.sizes.size()) + " λ rays)";
  rays.part.query = [claim = std::move(claim)](z3::context& ctx, const runner::Size& size) {
    const ResidualRound round = residual_round(ctx, lambda_rays(size.n)[size.k]);
    const z3::expr first = ctx.real_const(claim.first.c_str());
    const z3::expr second = ctx.real_const(claim.second.c_str());
    auto assumptions = round.assumptions;
    assumptions.push_back(claim.domain(round, first, second));
    const Residual at_first = residual(ctx, round.equity, round.capacity, round.lambda, first);
    const Residual at_second = residual(ctx, round.equity, round.capacity, round.lambda, second);
    const ResidualPoints points{first, second, at_first, at_second};
    runner::SizedQuery q{.assumptions = assumptions, .conclusion = claim.conclusion(ctx, round, points)};
    const Columns columns{{"e", round.equity}, {"c = e·β", round.capacity}, {"lambda", round.lambda}};
    const Scalars scalars{{"b_bar", round.top},
                          {claim.first, first},
                          {claim.second, second},
                          {"L(" + claim.first + ")", at_first.value},
                          {"L(" + claim.second + ")", at_second.value},
                          {claim.slope, at_first.slope}};
    q.witness = {columns, scalars, claim.witness_note};
    q.counterexample = {columns, scalars, claim.counterexample_note};
    q.replay = [claim, round, points](const z3::model& m) {
      for (const auto& [at, point, label] : {std::tuple{&points.at_first, points.first, claim.first},
                                             std::tuple{&points.at_second, points.second, claim.second}}) {
        const std::string mismatch = replay_residual(m, round, *at, point, label);
        if (!mismatch.empty()) return runner::mismatch(mismatch);
      }
      return runner::reproduced(claim.replay);
    };
    return q;
  };
  return rays;
}

Claim residual_rays_claim(std::string id, std::string statement, ResidualRayClaim claim) {
  std::string name = id;
  return {std::move(id), std::move(statement), Verdict::Proved,
          [name = std::move(name), claim = std::move(claim)](const Options& options) {
            const RayPart rays = residual_rays(options, claim);
            return runner::check_parts(options, name, {rays.part}, Verdict::Proved, rays.bound);
          }};
}

LiteralRound literal_round(z3::context& ctx, unsigned n) {
  LiteralRound r{reals(ctx, "collateral", n),
                 reals(ctx, "w", n),
                 reals(ctx, "lambda", n),
                 reals(ctx, "kappa", n),
                 ctx.real_const("b_bar"),
                 {},
                 {}};
  for (unsigned i = 0; i < n; ++i) {
    r.equity.push_back(r.collateral[i] + r.w[i]);
    r.assumptions.push_back(r.collateral[i] >= 0 && r.w[i] > 0 && r.lambda[i] > 0);
    r.assumptions.push_back(r.kappa[i] > 0 && r.kappa[i] <= r.equity[i]);
    if (i > 0) r.assumptions.push_back(r.lambda[i - 1] >= r.lambda[i]);
  }
  r.assumptions.push_back(r.top >= sum(ctx, r.kappa));
  return r;
}

Columns LiteralRound::columns() const {
  return {{"collateral", collateral}, {"w (PNL)", w}, {"e", equity}, {"lambda", lambda}, {"e·β", kappa}};
}

LiteralValues literal_values(const z3::model& model, const LiteralRound& round) {
  LiteralValues v;
  v.max_w = 0;
  for (std::size_t i = 0; i < round.w.size(); ++i) {
    v.equity.push_back(rational_of(model, round.equity[i], "e"));
    v.beta.push_back(rational_of(model, round.kappa[i], "kappa") / v.equity.back());
    v.lambda.push_back(rational_of(model, round.lambda[i], "lambda"));
    v.max_w = std::max(v.max_w, rational_of(model, round.w[i], "w"));
  }
  return v;
}

z3::expr AlternatingLosses::loss(unsigned t, const z3::expr& x) const { return t % 2 == 1 ? x : top - x; }

z3::expr AlternatingLosses::total(const z3::expr& x) const {
  z3::expr s = top.ctx().real_val(0);
  for (unsigned t = 1; t <= T; ++t) s = s + loss(t, x);
  return s;
}

Claim alternating_claim(std::string id, std::string statement,
                        std::function<z3::expr(const AlternatingLosses&)> conclusion,
                        std::function<runner::Replay(const Rational& top, const Rational& theta, unsigned T)> replay) {
  const auto query = [conclusion = std::move(conclusion), replay = std::move(replay)](z3::context& ctx,
                                                                                      const runner::Size& size) {
    const AlternatingLosses f{ctx.real_const("theta_bar"), ctx.real_const("theta"), size.n};
    runner::SizedQuery q{.assumptions = {f.top > 0, f.theta >= 0, f.theta <= f.top},
                         .conclusion = conclusion(f),
                         .preferences = {f.theta > 0, f.theta < f.top}};  // an interior θ
    q.witness = {{}, {{"theta_bar", f.top}, {"theta", f.theta}}};
    q.replay = [replay, f](const z3::model& m) {
      return replay(rational_of(m, f.top, "theta_bar"), rational_of(m, f.theta, "theta"), f.T);
    };
    return q;
  };
  const auto grid = [](const Options& options) {
    const auto rounds = runner::sizes(2, runner::bound(options.max_t, 4), "T", 2);
    return runner::Grid{rounds, "T even ≤ " + std::to_string(rounds.empty() ? 0 : rounds.back().n)};
  };
  return runner::sized(std::move(id), std::move(statement), Verdict::Proved, grid, query);
}

runner::SizedQuery one_step_lemma(z3::context& ctx) {
  const z3::expr top = ctx.real_const("top");
  const z3::expr x = ctx.real_const("x");
  const z3::expr u = ctx.real_const("u");
  const z3::expr y = ctx.real_const("y");  // η·g
  const z3::expr next = ctx.real_const("x_next");
  std::vector<z3::expr> assumptions{top > 0, x >= 0,   x <= top,
                                    u >= 0,  u <= top, next == clip(x - y, ctx.real_val(0), top)};
  const z3::expr conclusion = 2 * y * (x - u) <= (x - u) * (x - u) - (next - u) * (next - u) + y * y;
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .show_witness = false};
  q.witness = {.note = "one-step lemma: assumptions hold", .every_constant = true};
  q.counterexample = {.note = "one-step lemma fails", .every_constant = true};
  return q;
}

namespace {

/// McCormick envelope of p = a·r for a ∈ [a_lo, a_hi], r ∈ [r_lo, r_hi]: the exact product
/// satisfies all four inequalities, so replacing a·r by p only enlarges the set (sound).
void mccormick(z3::context& ctx, std::vector<z3::expr>& out, const z3::expr& p, const z3::expr& a,
               const Interval& a_box, const z3::expr& r, const Interval& r_box) {
  const auto v = [&](const Rational& q) { return real_val(ctx, q); };
  out.push_back(p >= v(r_box.lo) * a + v(a_box.lo) * r - v(a_box.lo * r_box.lo));
  out.push_back(p >= v(r_box.hi) * a + v(a_box.hi) * r - v(a_box.hi * r_box.hi));
  out.push_back(p <= v(r_box.hi) * a + v(a_box.lo) * r - v(a_box.lo * r_box.hi));
  out.push_back(p <= v(r_box.lo) * a + v(a_box.hi) * r - v(a_box.hi * r_box.lo));
}

}  // namespace

runner::SizedQuery telescoping_lemma(z3::context& ctx, unsigned T) {
  const auto r = reals(ctx, "r", T);
  const auto A = reals(ctx, "A", T + 1);
  const auto q = reals(ctx, "q", T);  // q_t = g_t² ∈ [0, 1]
  const auto e = reals(ctx, "e", T);
  const auto P = reals(ctx, "Ar", T);        // A_t·r_t
  const auto M = reals(ctx, "A_next_r", T);  // A_{t+1}·r_t
  const Interval a_box{0, 2};
  std::vector<z3::expr> assumptions;
  for (const auto& a : A) assumptions.push_back(a >= 0 && a <= 2);
  for (unsigned t = 0; t < T; ++t) {
    Interval root = sqrt_enclosure(t + 1, 20);
    if (root.lo * root.lo == Rational(t + 1)) root.hi = root.lo;  // exact square
    assumptions.push_back(r[t] >= real_val(ctx, root.lo) && r[t] <= real_val(ctx, root.hi));
    assumptions.push_back(q[t] >= 0 && q[t] <= 1);
    mccormick(ctx, assumptions, P[t], A[t], a_box, r[t], root);
    mccormick(ctx, assumptions, M[t], A[t + 1], a_box, r[t], root);
    // q_t·s_t/2 with s_t = 1/r_t ≤ 1/lo_t and q_t ≥ 0: bounded above by q_t/(2·lo_t) (sound).
    assumptions.push_back(e[t] <= (P[t] - M[t]) / 2 + real_val(ctx, 1 / (2 * root.lo)) * q[t]);
  }
  runner::SizedQuery query{
      .assumptions = assumptions, .conclusion = sum(ctx, e) <= 2 * r[T - 1], .show_witness = false};
  query.counterexample = {.note = "telescoping fails", .every_constant = true};
  return query;
}

runner::Part telescoping_part(unsigned max_t) {
  runner::Part part{.tag = ".telescoping"};
  for (const runner::Size& size : runner::sizes(1, max_t, "T"))
    part.sizes.push_back({size.n, 0, "telescoping at " + size.label, size.tag});
  part.query = [](z3::context& ctx, const runner::Size& size) { return telescoping_lemma(ctx, size.n); };
  return part;
}

unsigned fixed_step_cases(unsigned T) {
  unsigned cases = 1;
  for (unsigned t = 1; t < T; ++t) cases *= 6;  // 3 projection cases × 2 comparator signs per step
  return cases;
}

namespace {

Validity fixed_step_cases_valid(z3::context& ctx, unsigned T, const Options& options, const std::string& name) {
  unsigned projection_cases = 1;
  for (unsigned t = 1; t < T; ++t) projection_cases *= 3;
  const unsigned sign_cases = 1u << (T - 1);
  Validity last;
  last.verdict = Verdict::Proved;
  for (unsigned pc = 0; pc < projection_cases; ++pc) {
    for (unsigned sc = 0; sc < sign_cases; ++sc) {
      const auto theta = reals(ctx, "theta", T);
      const auto g = reals(ctx, "g", T);
      const auto u = reals(ctx, "u", T);
      const z3::expr P = ctx.real_const("P");
      std::vector<z3::expr> assumptions{theta[0] >= 0, theta[0] <= 1};
      z3::expr path = ctx.real_val(0);
      unsigned code = pc;
      for (unsigned t = 0; t < T; ++t) assumptions.push_back(u[t] >= 0 && u[t] <= 1);
      for (unsigned t = 0; t + 1 < T; ++t) {
        const z3::expr step = theta[t] - g[t];
        switch (code % 3) {
          case 0: assumptions.push_back(step <= 0 && theta[t + 1] == 0); break;
          case 1: assumptions.push_back(step > 0 && step < 1 && theta[t + 1] == step); break;
          default: assumptions.push_back(step >= 1 && theta[t + 1] == 1); break;
        }
        code /= 3;
        const z3::expr move = u[t + 1] - u[t];
        if ((sc >> t) & 1u) {
          assumptions.push_back(move < 0);
          path = path - move;
        } else {
          assumptions.push_back(move >= 0);
          path = path + move;
        }
      }
      assumptions.push_back(P >= path);
      z3::expr lhs = ctx.real_val(0);
      z3::expr squares = ctx.real_val(0);
      for (unsigned t = 0; t < T; ++t) {
        lhs = lhs + g[t] * (theta[t] - u[t]);
        squares = squares + g[t] * g[t];
      }
      const z3::expr conclusion = 2 * lhs <= 1 + 2 * P + squares;
      Validity v = prove_valid(ctx, assumptions, conclusion, options,
                               name + ".p" + std::to_string(pc) + ".s" + std::to_string(sc));
      if (v.verdict != Verdict::Proved) return v;
      last = std::move(v);
    }
  }
  return last;
}

}  // namespace

runner::SizedQuery ogd_fixed_step_lemma(z3::context& ctx, unsigned T, const Options& options) {
  runner::SizedQuery q{
      .prove = [&ctx, T, &options](const std::string& name) { return fixed_step_cases_valid(ctx, T, options, name); }};
  q.witness = {.note = "fixed-step lemma, T = " + std::to_string(T) + ": assumptions hold", .every_constant = true};
  q.counterexample = {.note = "fixed-step lemma fails", .every_constant = true};
  return q;
}

runner::SizedQuery comparator_move_lemma(z3::context& ctx) {
  const z3::expr theta = ctx.real_const("theta_next");
  const z3::expr u = ctx.real_const("u");
  const z3::expr u_next = ctx.real_const("u_next");
  std::vector<z3::expr> assumptions{theta >= 0, theta <= 1, u >= 0, u <= 1, u_next >= 0, u_next <= 1};
  const z3::expr conclusion = (theta - u_next) * (theta - u_next) - (theta - u) * (theta - u) <=
                              2 * magnitude(u_next - u);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .show_witness = false};
  q.counterexample = {.note = "comparator-move lemma fails", .every_constant = true};
  return q;
}

}  // namespace adl::proofs::online
