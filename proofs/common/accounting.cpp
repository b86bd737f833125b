#include "accounting.hpp"

#include "adl/ref/insurance.hpp"

#include <algorithm>
#include <stdexcept>

namespace adl::proofs::accounting {

using ref::Rational;

TrilemmaInstance::TrilemmaInstance(z3::context& ctx, unsigned n_accounts)
    : n(n_accounts),
      D(ctx.real_const("D")),
      B(ctx.real_const("B")),
      diversion(ctx.real_const("diversion")),
      fees(ctx.real_const("Phi")),
      R(ctx.real_const("R")),
      K0(ctx.real_const("K0")),
      upsilon(ctx.real_const("upsilon")),
      theta(ctx.real_const("theta")),
      c_lo(ctx.real_const("c_lo")),
      c_R(ctx.real_const("c_R")),
      mu_minus(ctx.real_const("mu_minus")),
      mu_phi(ctx.real_const("mu_phi")),
      eps(ctx.real_const("eps")),
      eps_prime(ctx.real_const("eps_prime")) {}

z3::expr TrilemmaInstance::n_real() const { return D.ctx().real_val(static_cast<int>(n)); }

std::vector<z3::expr> TrilemmaInstance::hypotheses() const {
  const z3::expr nn = n_real();
  return {D >= 0,
          B >= 0,
          diversion >= 0,
          fees >= 0,
          R >= 0,
          K0 >= 0,
          upsilon >= 0,
          theta > 0,
          theta <= 1,
          c_lo > 0,
          c_lo <= 1,
          c_R > 0,
          c_R <= 1,
          mu_minus >= 0,
          mu_phi >= 0,
          eps > 0,
          eps_prime > 0,
          K0 <= eps * nn,
          D >= (mu_minus - eps) * nn,
          fees <= (mu_phi + eps) * nn,
          upsilon <= eps_prime * nn,
          B == theta * D,
          D <= B + diversion + K0 + R};
}

Scalars TrilemmaInstance::scalars() const {
  return {{"n", n_real()}, {"D", D},         {"B", B},        {"𝒟", diversion}, {"Φ", fees},
          {"R", R},        {"K₀", K0},       {"υ", upsilon},  {"θ", theta},     {"c_lo", c_lo},
          {"c_R", c_R},    {"μ₋", mu_minus}, {"μ_Φ", mu_phi}, {"ε", eps},       {"ε′", eps_prime}};
}

TrilemmaValues trilemma_values(const z3::model& model, const TrilemmaInstance& i) {
  const auto v = [&](const z3::expr& e, const char* what) { return rational_of(model, e, what); };
  return {ref::Rational(i.n),
          v(i.D, "D"),
          v(i.B, "B"),
          v(i.diversion, "diversion"),
          v(i.fees, "Phi"),
          v(i.R, "R"),
          v(i.K0, "K0"),
          v(i.upsilon, "upsilon"),
          v(i.theta, "theta"),
          v(i.c_lo, "c_lo"),
          v(i.c_R, "c_R"),
          v(i.mu_minus, "mu_minus"),
          v(i.mu_phi, "mu_phi"),
          v(i.eps, "eps"),
          v(i.eps_prime, "eps_prime")};
}

bool trilemma_hypotheses_hold(const TrilemmaValues& v) {
  return v.D >= 0 && v.B >= 0 && v.diversion >= 0 && v.fees >= 0 && v.R >= 0 && v.K0 >= 0 && v.upsilon >= 0 &&
         v.theta > 0 && v.theta <= 1 && v.c_lo > 0 && v.c_lo <= 1 && v.c_R > 0 && v.c_R <= 1 && v.mu_minus >= 0 &&
         v.mu_phi >= 0 && v.eps > 0 && v.eps_prime > 0 && v.K0 <= v.eps * v.n && v.D >= (v.mu_minus - v.eps) * v.n &&
         v.fees <= (v.mu_phi + v.eps) * v.n && v.upsilon <= v.eps_prime * v.n && v.B == v.theta * v.D &&
         v.D <= v.B + v.diversion + v.K0 + v.R;
}

z3::expr holds(const TrilemmaInstance& t, Property property) {
  switch (property) {
    case Property::Solvency: return t.R <= t.eps * t.n_real();
    case Property::Fairness: return t.upsilon >= t.c_lo * t.theta * t.D;
    case Property::Revenue: return t.diversion <= (1 - t.c_R) * t.fees;
    case Property::SmallBudget: return t.B <= t.eps * t.n_real();
  }
  throw std::logic_error("trilemma property");
}

bool holds(const TrilemmaValues& v, Property property) {
  switch (property) {
    case Property::Solvency: return v.R <= v.eps * v.n;
    case Property::Fairness: return v.upsilon >= v.c_lo * v.theta * v.D;
    case Property::Revenue: return v.diversion <= (1 - v.c_R) * v.fees;
    case Property::SmallBudget: return v.B <= v.eps * v.n;
  }
  throw std::logic_error("trilemma property");
}

Claim trilemma_claim(std::string id, std::string statement, TrilemmaLemma lemma) {
  const auto query = [lemma = std::move(lemma)](z3::context& ctx, const runner::Size& size) {
    const TrilemmaInstance instance(ctx, size.n);
    auto assumptions = instance.hypotheses();
    for (const Property property : lemma.assumed) assumptions.push_back(holds(instance, property));
    runner::SizedQuery q{.assumptions = assumptions, .conclusion = lemma.conclusion(instance)};
    q.witness = {{}, instance.scalars()};
    q.replay = [lemma, instance](const z3::model& m) {
      const std::string n = std::to_string(instance.n);
      const TrilemmaValues values = trilemma_values(m, instance);
      bool assumed = true;
      for (const Property property : lemma.assumed) assumed = assumed && holds(values, property);
      if (!trilemma_hypotheses_hold(values) || !assumed || !lemma.conclusion_holds(values)) {
        return runner::mismatch("exact recomputation on the n = " + n + " witness disagrees with the model");
      }
      return runner::reproduced("no adl::ref function models the trilemma aggregates: on the n = " + n +
                                " witness CH, the extra hypotheses and the conclusion were recomputed in exact "
                                "Rationals and hold");
    };
    return q;
  };
  return runner::each_n(std::move(id), std::move(statement), Verdict::Proved, 6, query);
}

namespace {

// Whether `e` contains one of `constants` (a walk over the term).
bool mentions(const z3::expr& e, const std::vector<z3::expr>& constants) {
  for (const z3::expr& c : constants) {
    if (z3::eq(e, c)) return true;
  }
  if (!e.is_app()) return false;
  for (unsigned i = 0; i < e.num_args(); ++i) {
    if (mentions(e.arg(i), constants)) return true;
  }
  return false;
}

}  // namespace

std::vector<z3::expr> ch_instance(const TrilemmaInstance& t, const z3::expr& capacity) {
  // CH minus every constraint on the policy's variables θ, B, 𝒟 and R.
  const std::vector<z3::expr> policy{t.theta, t.B, t.diversion, t.R};
  std::vector<z3::expr> out{capacity >= 0};
  for (const z3::expr& h : t.hypotheses()) {
    if (!mentions(h, policy)) out.push_back(h);
  }
  return out;
}

Scalars ch_instance_scalars(const TrilemmaInstance& t, const z3::expr& capacity) {
  return {{"n", t.n_real()}, {"D", t.D},     {"U", capacity},    {"Φ", t.fees},     {"K₀", t.K0}, {"υ", t.upsilon},
          {"c_lo", t.c_lo},  {"c_R", t.c_R}, {"μ₋", t.mu_minus}, {"μ_Φ", t.mu_phi}, {"ε", t.eps}, {"ε′", t.eps_prime}};
}

bool ch_instance_holds(const TrilemmaValues& v, const Rational& capacity) {
  // The policy θ = 1, B = D, 𝒟 = 0, R = 0 meets every policy constraint of CH, so CH holds for
  // it exactly when the instance part does.
  TrilemmaValues full = v;
  full.theta = 1;
  full.B = v.D;
  full.diversion = 0;
  full.R = 0;
  return capacity >= 0 && trilemma_hypotheses_hold(full);
}

ResidualPaths residual_paths(z3::context& ctx, unsigned n, unsigned T) {
  ResidualPaths p;
  const auto z0 = reals(ctx, "z0", n);
  for (unsigned t = 1; t <= T; ++t) p.shocks.push_back(reals(ctx, "Z" + std::to_string(t), n));
  for (const z3::expr& zi : z0) p.constraints.push_back(zi >= 0);
  const char* label[2] = {"A", "B"};
  for (int k = 0; k < 2; ++k) {
    p.z[k].push_back(z0);
    std::vector<z3::expr> cumulative;
    for (unsigned i = 0; i < n; ++i) cumulative.push_back(ctx.real_val(0));
    p.M[k].push_back(cumulative);
    for (unsigned t = 0; t < T; ++t) {
      const auto mt = reals(ctx, std::string("m") + label[k] + std::to_string(t), n);
      std::vector<z3::expr> next;
      for (unsigned i = 0; i < n; ++i) {
        p.constraints.push_back(mt[i] >= 0);
        next.push_back(p.z[k][t][i] + p.shocks[t][i] - mt[i]);
        p.constraints.push_back(next.back() >= 0);
        cumulative[i] = cumulative[i] + mt[i];
      }
      p.m[k].push_back(mt);
      p.z[k].push_back(next);
      p.M[k].push_back(cumulative);
    }
  }
  return p;
}

runner::Grid path_grid(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  const unsigned max_t = options.max_t == 0 ? 3 : options.max_t;
  runner::Grid out{{}, "n ≤ " + std::to_string(max_n) + ", T ≤ " + std::to_string(max_t)};
  for (unsigned T = 1; T <= max_t; ++T) {
    for (unsigned n = 1; n <= max_n; ++n) {
      const std::string i = std::to_string(n);
      const std::string t = std::to_string(T);
      out.sizes.push_back({n, T, "n = " + i + ", T = " + t, ".n" + i + ".T" + t});
    }
  }
  return out;
}

z3::expr is_zero(z3::context& ctx, const std::vector<z3::expr>& z) {
  z3::expr all = ctx.bool_val(true);
  for (const z3::expr& zi : z) all = all && zi == 0;
  return all;
}

z3::expr concentration_hypothesis(z3::context& ctx, const ResidualPaths& paths) {
  z3::expr all = ctx.bool_val(true);
  z3::expr a_unsolved = ctx.bool_val(true);  // no s ≤ t has z_s(A) = 0
  for (std::size_t t = 0; t < paths.z[0].size(); ++t) {
    a_unsolved = a_unsolved && !is_zero(ctx, paths.z[0][t]);
    all = all && z3::implies(a_unsolved, weakly_submajorized(ctx, paths.z[0][t], paths.z[1][t]));
  }
  return all;
}

LtvSetup::LtvSetup(z3::context& ctx)
    : e_H(ctx.real_const("e_H")),
      e_L(ctx.real_const("e_L")),
      b(ctx.real_const("b")),
      alpha_H(ctx.real_const("alpha_H")),
      alpha_L(ctx.real_const("alpha_L")),
      beta(ctx.real_const("beta")),
      theta_H(ctx.real_const("theta_H")),
      theta_L(ctx.real_const("theta_L")),
      lambda_H(ctx.real_const("lambda_H")),
      lambda_L(ctx.real_const("lambda_L")),
      L0(ctx.real_const("L0")),
      p(ctx.real_const("h_pr")),
      r(ctx.real_const("h_rap_H")) {}

std::vector<z3::expr> LtvSetup::hypotheses() const {
  return {e_H > 0, e_L > 0, b > 0, b <= e_H, p * (e_H + e_L) == b, r * e_H == b};
}

z3::expr LtvSetup::utility(const z3::expr& h_H, const z3::expr& h_L) const {
  return -(L0 - alpha_H * h_H - alpha_L * h_L) +
         beta * (theta_H * (1 - h_H) * lambda_H + theta_L * (1 - h_L) * lambda_L);
}

z3::expr LtvSetup::delta_u() const { return utility(p, p) - utility(r, p.ctx().real_val(0)); }

z3::expr LtvSetup::delta_h() const { return r - p; }

Scalars LtvSetup::scalars() const {
  return {{"e_H", e_H}, {"e_L", e_L},     {"b", b},         {"α_H", alpha_H},  {"α_L", alpha_L},
          {"β", beta},  {"θ_H", theta_H}, {"θ_L", theta_L}, {"λ_H", lambda_H}, {"λ_L", lambda_L},
          {"L₀", L0},   {"h^PR", p},      {"h^RAP_H", r}};
}

LtvReplay ltv_replay(const z3::model& model, const LtvSetup& s) {
  const auto val = [&](const z3::expr& e, const char* what) { return rational_of(model, e, what); };
  LtvReplay r{val(s.e_H, "e_H"),
              val(s.e_L, "e_L"),
              val(s.b, "b"),
              val(s.alpha_H, "alpha_H"),
              val(s.alpha_L, "alpha_L"),
              val(s.beta, "beta"),
              val(s.theta_H, "theta_H"),
              val(s.theta_L, "theta_L"),
              val(s.lambda_H, "lambda_H"),
              val(s.lambda_L, "lambda_L"),
              val(s.L0, "L0"),
              {},
              {},
              0,
              0};
  r.pr = ref::pro_rata({r.e_H, r.e_L}, r.b);
  r.rap = ref::rap({r.e_H, r.e_L}, {1, 1}, {1, 0}, r.b);
  const auto utility = [&](const ref::Rational& hH, const ref::Rational& hL) {
    return -(r.L0 - r.alpha_H * hH - r.alpha_L * hL) +
           r.beta * (r.theta_H * (1 - hH) * r.lambda_H + r.theta_L * (1 - hL) * r.lambda_L);
  };
  r.delta_u = utility(r.pr.haircut[0], r.pr.haircut[1]) - utility(r.rap.haircut[0], r.rap.haircut[1]);
  r.delta_h = r.rap.haircut[0] - r.pr.haircut[0];
  return r;
}

Rational ltv_through_ref(const Rational& fees, const Rational& diversion) {
  if (diversion < 0 || diversion > fees) {
    throw std::invalid_argument("diversion " + ref::to_fraction(diversion) +
                                " outside [0, Φ = " + ref::to_fraction(fees) + "]");
  }
  const ref::FeeFlows flows{fees, 0, 0};
  const ref::InsuranceShares shares{fees > 0 ? Rational(diversion / fees) : Rational(0), 0, 0};
  return ref::revenue(flows, shares, 0).net;
}

std::vector<std::vector<Rational>> probability_vectors(unsigned m) {
  if (m == 0 || m > 5) throw std::invalid_argument("probability_vectors: 1 ≤ m ≤ 5");
  std::vector<std::vector<Rational>> out;
  out.emplace_back(m, Rational(1) / m);
  if (m >= 2) {
    const Rational total = Rational(m * (m + 1) / 2);
    std::vector<Rational> increasing;
    for (unsigned k = 1; k <= m; ++k) increasing.push_back(Rational(k) / total);
    out.push_back(increasing);
  }
  return out;
}

WaitGame::WaitGame(z3::context& ctx, std::vector<Rational> scenario_probabilities, Rational discount_factor)
    : probabilities(std::move(scenario_probabilities)),
      discount(std::move(discount_factor)),
      premium_now(ctx.real_const("thetaD_now")),
      cost_now(ctx.real_const("Gamma_now")),
      premium_next(reals(ctx, "thetaD_next", static_cast<unsigned>(probabilities.size()))),
      cost_next(reals(ctx, "Gamma_next", static_cast<unsigned>(probabilities.size()))) {}

std::vector<z3::expr> WaitGame::hypotheses() const {
  std::vector<z3::expr> out{premium_now >= 0, cost_now >= 0};
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    out.push_back(premium_next[k] >= 0);
    out.push_back(cost_next[k] >= 0);
  }
  return out;
}

z3::expr WaitGame::act_now_payoff() const { return premium_now - cost_now; }

std::vector<z3::expr> WaitGame::waiting_payoffs() const {
  z3::context& ctx = premium_now.ctx();
  const z3::expr beta = real_val(ctx, discount);
  std::vector<z3::expr> out;
  const std::size_t m = probabilities.size();
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    z3::expr expected = ctx.real_val(0);
    for (std::size_t k = 0; k < m; ++k) {
      if (mask & (1u << k)) expected = expected + real_val(ctx, probabilities[k]) * (premium_next[k] - cost_next[k]);
    }
    out.push_back(beta * expected);
  }
  return out;
}

z3::expr WaitGame::act_now_optimal() const {
  z3::expr all = premium_now.ctx().bool_val(true);
  for (const z3::expr& wait : waiting_payoffs()) all = all && act_now_payoff() >= wait;
  return all;
}

z3::expr WaitGame::printed_condition() const {
  z3::context& ctx = premium_now.ctx();
  z3::expr expected = ctx.real_val(0);
  for (std::size_t k = 0; k < probabilities.size(); ++k)
    expected = expected + real_val(ctx, probabilities[k]) * premium_next[k];
  return premium_now <= expected - cost_now;
}

z3::expr WaitGame::corrected_condition() const {
  z3::context& ctx = premium_now.ctx();
  z3::expr expected = ctx.real_val(0);
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    expected = expected + real_val(ctx, probabilities[k]) * positive_part(premium_next[k] - cost_next[k]);
  }
  return act_now_payoff() >= real_val(ctx, discount) * expected;
}

Scalars WaitGame::scalars() const {
  return {{"β_disc", real_val(premium_now.ctx(), discount)}, {"θ_t·D_t", premium_now}, {"Γ_t", cost_now}};
}

Columns WaitGame::columns() const {
  return {{"p", numerals(premium_now.ctx(), probabilities)}, {"θ′·D′", premium_next}, {"Γ′", cost_next}};
}

std::string WaitOutcome::describe() const {
  return "act now " + ref::to_fraction(act_now) + ", best waiting strategy " + ref::to_fraction(best_wait) +
         " (acting now " + (act_now_optimal ? "optimal" : "not optimal") + "); printed condition " +
         (printed ? "holds" : "fails") + ", corrected condition " + (corrected ? "holds" : "fails");
}

WaitOutcome wait_outcome(const z3::model& model, const WaitGame& game) {
  const Rational premium = rational_of(model, game.premium_now, "θ_t·D_t");
  const Rational cost = rational_of(model, game.cost_now, "Γ_t");
  const auto next = rationals_of(model, game.premium_next, "θ′·D′");
  const auto next_cost = rationals_of(model, game.cost_next, "Γ′");
  const std::size_t m = game.probabilities.size();
  WaitOutcome out;
  out.act_now = premium - cost;
  Rational expected_premium = 0;
  Rational expected_value = 0;  // E[(θ′·D′ − Γ′)₊]
  for (std::size_t k = 0; k < m; ++k) {
    expected_premium += game.probabilities[k] * next[k];
    expected_value += game.probabilities[k] * ref::positive_part(next[k] - next_cost[k]);
  }
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    Rational value = 0;
    for (std::size_t k = 0; k < m; ++k) {
      if (mask & (1u << k)) value += game.probabilities[k] * (next[k] - next_cost[k]);
    }
    out.best_wait = std::max(out.best_wait, Rational(game.discount * value));  // mask 0 gives 0
  }
  out.act_now_optimal = out.act_now >= out.best_wait;
  out.printed = premium <= expected_premium - cost;
  out.corrected = out.act_now >= game.discount * expected_value;
  return out;
}

}  // namespace adl::proofs::accounting
