// Unit tests of the multi-round engine (spec/online.md): the fund recursion and
// R_t, budget clipping, the controllers, the haircut rules per round, regrets,
// the linear-regret example and the literal OMD counterexample. Expected values
// are derived by hand in the comments.
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/sim/engine.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::ref::Rational;
using adl::sim::Controller;
using adl::sim::parse_policy;
using adl::sim::PolicySpec;
using adl::sim::RoundInput;
using adl::sim::Rule;
using adl::sim::Scenario;
using adl::sim::Winner;

Winner winner(std::uint64_t id, const char* w, const char* e, const char* cap = "1", const char* risk = "1",
              const char* score = "0") {
  Winner x;
  x.id = id;
  x.endowment = q(w);
  x.equity = q(e);
  x.cap = q(cap);
  x.risk = q(risk);
  x.score = q(score);
  return x;
}

RoundInput round_of(std::vector<Winner> winners, const char* debt, const char* fee = "0") {
  RoundInput r;
  r.winners = std::move(winners);
  r.bad_debt = q(debt);
  r.fee_inflow = q(fee);
  return r;
}

double as_double(const Rational& x) { return x.convert_to<double>(); }

// @spec SIM-ROUND: IF_1 = 5; (D, φ) = (3, 2), (10, 1), (4, 3); one winner w = 10,
// e = 20, β = 1 (C = 10). R_1 = (3 − 5)₊ = 0, IF_2 = 5 + 2 − 3 = 4; R_2 = 10 − 4 = 6,
// IF_3 = 4 + 1 − 4 = 1; R_3 = 4 − 1 = 3, IF_4 = 1 + 3 − 1 = 3. θ⋆ = 1 when R ＞ 0.
// Static θ = 1/2, pro-rata: B = (0, 3, 3/2), uncovered (0, 3, 3/2), f = (0, 3, 3/2),
// burden x/e = (0, 3/20, 3/40).
TEST(SimEngine, FundRecursionAndResidual) {
  Scenario s;
  s.name = "hand";
  s.initial_fund = 5;
  s.rounds = {round_of({winner(1, "10", "20")}, "3", "2"), round_of({winner(1, "10", "20")}, "10", "1"),
              round_of({winner(1, "10", "20")}, "4", "3")};
  const auto r = adl::sim::run_exact(s, parse_policy("static:theta=1/2/pro-rata"));
  ASSERT_EQ(r.rounds.size(), 3U);
  EXPECT_EQ(r.rounds[0].fund, 5);
  EXPECT_EQ(r.rounds[1].fund, 4);
  EXPECT_EQ(r.rounds[2].fund, 1);
  EXPECT_EQ(r.totals.final_fund, 3);
  EXPECT_EQ(r.rounds[0].residual, 0);
  EXPECT_EQ(r.rounds[1].residual, 6);
  EXPECT_EQ(r.rounds[2].residual, 3);
  EXPECT_EQ(r.rounds[0].theta_star, 0);
  EXPECT_EQ(r.rounds[1].theta_star, 1);
  EXPECT_EQ(r.rounds[1].needed, 6);
  EXPECT_EQ(r.rounds[1].budget, 3);
  EXPECT_EQ(r.rounds[2].budget, q("3/2"));
  EXPECT_EQ(r.rounds[1].uncovered, 3);
  EXPECT_EQ(r.rounds[1].severity_loss, 3);
  EXPECT_EQ(r.rounds[2].severity_loss, q("3/2"));
  EXPECT_EQ(r.rounds[1].fairness, q("3/20"));
  EXPECT_EQ(r.rounds[2].fairness, q("3/40"));
  EXPECT_FALSE(r.rounds[0].ptsr.has_value());
  // PTSR round 2: top survivor 10 − 3 = 7 over B = 3.
  EXPECT_EQ(*r.rounds[1].ptsr, q("7/3"));
  EXPECT_EQ(r.totals.uncovered, q("9/2"));
  EXPECT_EQ(r.rounds[1].touched, 1U);
  // Churn of round 2: 1 − e^(−8·3/10).
  EXPECT_NEAR(r.rounds[1].churn, 1 - std::exp(-2.4), 1e-12);
  // L¹ = tracking + B^needed·burden: round 2: 3 + 6·3/20 = 39/10.
  EXPECT_EQ(r.rounds[1].objective, q("39/10"));
}

// @spec SIM-ROUND: budget clipping B = min(θ·R, C): w = (4, 6), β = (1/2, 1), C = 8;
// D = 20 ⇒ R = 20, θ⋆ = 8/20 = 2/5, B^needed = 8. θ = 1: B = 8, uncovered 12, tracking 0,
// f = 20·(1 − 2/5) = 12.
TEST(SimEngine, BudgetClippedAtCapacity) {
  Scenario s;
  s.rounds = {round_of({winner(1, "4", "8", "1/2"), winner(2, "6", "6")}, "20")};
  for (const char* rule : {"queue", "pro-rata", "capped-pro-rata", "rap"}) {
    adl::sim::RunOptions o;
    o.keep_allocations = true;
    const auto r = adl::sim::run_exact(s, parse_policy(std::string("static:theta=1/") + rule), o);
    const auto& rec = r.rounds.at(0);
    EXPECT_EQ(rec.capacity, 8) << rule;
    EXPECT_EQ(rec.theta_star, q("2/5")) << rule;
    EXPECT_EQ(rec.budget, 8) << rule;
    EXPECT_EQ(rec.uncovered, 12) << rule;
    EXPECT_EQ(rec.tracking, 0) << rule;
    EXPECT_EQ(rec.severity_loss, 12) << rule;
    EXPECT_EQ(rec.seized, v({"2", "6"})) << rule;  // every cap is full
  }
}

// @spec SIM-ROUND: each rule on w = (4, 6), β = (1/2, 1), B = θ·R = 5 (θ = 1/4, R = 20):
// pro-rata on money caps (2, 6): x = 5·(2, 6)/8 = (5/4, 15/4); capped pro-rata: 4·min(η, 1/2)
// + 6η = 5 ⇒ η = 1/2, x = (2, 3); queue by scores (1, 2): account 2 first, x = (0, 5);
// RAP with w̃ = (1, 3): 4τ + 18τ = 5 ⇒ τ = 5/22, x = (10/11, 45/11). Caps and Σ x = B hold.
TEST(SimEngine, RulesRespectCapsAndBalance) {
  Scenario s;
  s.rounds = {round_of({winner(1, "4", "8", "1/2", "1", "1"), winner(2, "6", "6", "1", "3", "2")}, "20")};
  const std::vector<std::pair<const char*, std::vector<Rational>>> cases{{"pro-rata", v({"5/4", "15/4"})},
                                                                         {"capped-pro-rata", v({"2", "3"})},
                                                                         {"queue", v({"0", "5"})},
                                                                         {"rap", v({"10/11", "45/11"})}};
  for (const auto& [rule, expected] : cases) {
    adl::sim::RunOptions o;
    o.keep_allocations = true;
    const auto r = adl::sim::run_exact(s, parse_policy(std::string("static:theta=1/4/") + rule), o);
    const auto& rec = r.rounds.at(0);
    EXPECT_EQ(rec.budget, 5) << rule;
    EXPECT_EQ(rec.seized, expected) << rule;
    Rational sum = 0;
    for (const auto& x : rec.seized) sum += x;
    EXPECT_EQ(sum, rec.budget) << rule;
    EXPECT_LE(rec.seized[0], 2) << rule;
    EXPECT_LE(rec.seized[1], 6) << rule;
  }
}

// @spec SIM-CONTROLLERS: backoff θ₀ = 1, α = 1/2, W = 2 on R = (5, 0, 5, 5, 0, 0, 0):
// k_t counts breaches among rounds t − 2, t − 1: k = (0, 1, 1, 1, 2, 1, 0), so
// θ = (1, 1/2, 1/2, 1/2, 1/4, 1/2, 1).
TEST(SimEngine, BackoffWindow) {
  const auto p = parse_policy("backoff:theta0=1,alpha=1/2,window=2");
  const auto theta = adl::sim::play_controller(p, v({"5", "0", "5", "5", "0", "0", "0"}),
                                               v({"1", "0", "1", "1", "0", "0", "0"}));
  EXPECT_EQ(theta, v({"1", "1/2", "1/2", "1/2", "1/4", "1/2", "1"}));
}

// @spec SIM-CONTROLLERS: match with ω = 1/2, θ̄ = 1 on a book with U = 10:
// R = 20 ⇒ θ^match = 1/2, θ = 3/4; R = 5 ⇒ θ^match = min(1, 2) = 1, θ = 1; R = 0 ⇒ θ = 0.
TEST(SimEngine, MatchInterpolation) {
  Scenario s;
  const std::vector<Winner> book{winner(1, "4", "8", "1/2"), winner(2, "6", "6")};
  s.rounds = {round_of(book, "20"), round_of(book, "5"), round_of(book, "0")};
  const auto r = adl::sim::run_exact(s, parse_policy("match:omega=1/2,theta_bar=1"));
  EXPECT_EQ(r.rounds[0].theta, q("3/4"));
  EXPECT_EQ(r.rounds[1].theta, 1);
  EXPECT_EQ(r.rounds[2].theta, 0);
}

// @spec SIM-CONTROLLERS: ogd with η = 1/10 from θ₁ = 1/2: R = (2, 2, 2), θ⋆ = (0, 1, 1/2).
// g₁ = +2 ⇒ θ₂ = 1/2 − 1/5 = 3/10; g₂ = −2 ⇒ θ₃ = 3/10 + 1/5 = 1/2.
TEST(SimEngine, OgdStep) {
  const auto theta = adl::sim::play_controller(parse_policy("ogd:eta=1/10,theta1=1/2"), v({"2", "2", "2"}),
                                               v({"0", "1", "1/2"}));
  EXPECT_EQ(theta, v({"1/2", "3/10", "1/2"}));
}

// @spec SIM-REGRET: R = (1, 2, 1), θ⋆ = (0, 1/2, 1), θ = (1, 1, 1): loss = 1 + 1 + 0 = 2;
// the weighted median of θ⋆ is 1/2, min Σ f = 1/2 + 0 + 1/2 = 1, static regret 1; P = 1.
TEST(SimEngine, RegretExactMinimum) {
  std::vector<adl::sim::LossRound> rounds{
      {q("1"), q("0"), q("1")}, {q("2"), q("1/2"), q("1")}, {q("1"), q("1"), q("1")}};
  const auto r = adl::sim::regret(rounds);
  EXPECT_EQ(r.loss, 2);
  EXPECT_EQ(r.dynamic_regret, 2);
  EXPECT_EQ(r.best_static_theta, q("1/2"));
  EXPECT_EQ(r.best_static_loss, 1);
  EXPECT_EQ(r.static_regret, 1);
  EXPECT_EQ(r.path_length, 1);
  EXPECT_EQ(r.sum_r2, 6);
  EXPECT_EQ(r.max_r, 2);
}

// @spec SIM-LINEAR-REGRET: R_t = λ, θ⋆ alternating 1/M (odd t), 1 (even t), T even:
// every static θ ∈ [1/M, 1] has dynamic regret exactly (T/2)·λ·(1 − 1/M); θ = 0 more.
// @spec THM-STATIC-LINEAR-FIXED
TEST(SimEngine, LinearRegretOfStaticSeverities) {
  for (const int T : {2, 4, 10}) {
    for (const char* m_text : {"2", "4", "7/2"}) {
      for (const char* lambda_text : {"1", "3/2", "1000"}) {
        const Rational m = q(m_text);
        const Rational lambda = q(lambda_text);
        Scenario s;
        s.name = "alternating";
        for (int t = 1; t <= T; ++t) {
          Winner w;
          w.id = 1;
          w.endowment = lambda;
          w.equity = lambda;
          RoundInput r;
          r.winners = {w};
          r.bad_debt = lambda;
          r.theta_star = (t % 2 == 1) ? Rational(1 / m) : Rational(1);
          s.rounds.push_back(r);
        }
        const Rational expected = Rational(T / 2) * lambda * (1 - 1 / m);
        for (const Rational& theta : {Rational(1 / m), Rational(1), Rational((1 / m + 1) / 2)}) {
          PolicySpec p = parse_policy("static");
          p.params["theta"] = theta;
          const auto r = adl::sim::run_exact(s, p);
          EXPECT_EQ(r.regret.dynamic_regret, expected) << "T=" << T << " M=" << m_text << " lambda=" << lambda_text;
          EXPECT_EQ(r.regret.static_regret, 0);  // THM-STATIC-LINEAR-STATIC-ZERO on [1/M, 1]
        }
        PolicySpec zero = parse_policy("static:theta=0");
        EXPECT_GT(adl::sim::run_exact(s, zero).regret.dynamic_regret, expected);
      }
    }
  }
}

// @spec THM-OMD-LITERAL: gradients (1, 1/2, −1, −1, −1, −1), G = 1, x₁ = 1/2, D_max = √(1/8):
// plays ≈ (0.5, 0.1464, 0.0214, 0.2256, 0.4023, 0.5605); static regret ≈ −0.6366 + 2.5 = 1.8634
// exceeds 2·√(1/8)·√6 = √3 ≈ 1.7321. Expressed as rounds: R_t = |g_t|, θ⋆_t = 1 iff g_t ＜ 0.
// @spec THM-OMD-REPAIRED
// @spec SIM-BOUNDS
TEST(SimEngine, OmdLiteralBoundFailsRepairedHolds) {
  const auto residual = v({"1", "1/2", "1", "1", "1", "1"});
  const auto theta_star = v({"0", "0", "1", "1", "1", "1"});
  const auto literal = parse_policy("omd:theta1=1/2,dmax2=1/8");
  const auto theta = adl::sim::play_controller(literal, residual, theta_star);
  const double plays[] = {0.5, 0.1464, 0.0214, 0.2256, 0.4023, 0.5605};
  for (std::size_t t = 0; t < 6; ++t) EXPECT_NEAR(as_double(theta[t]), plays[t], 1e-4) << t;
  std::vector<adl::sim::LossRound> rounds;
  for (std::size_t t = 0; t < 6; ++t) rounds.push_back({residual[t], theta_star[t], theta[t]});
  const auto r = adl::sim::regret(rounds);
  EXPECT_NEAR(as_double(r.static_regret), 1.8634, 1e-4);
  EXPECT_EQ(r.best_static_theta, 1);
  const auto b = adl::sim::bounds(literal, r, 6);
  ASSERT_EQ(b.size(), 5U);
  EXPECT_EQ(b[4].claim, "THM-OMD-LITERAL");
  EXPECT_TRUE(b[4].applies);
  EXPECT_FALSE(b[4].proved);
  EXPECT_NEAR(as_double(b[4].value), std::sqrt(3.0), 1e-11);
  EXPECT_FALSE(b[4].holds);
  EXPECT_FALSE(b[3].applies);  // D_max² = 1/8 < 1/2: not the repaired statement

  const auto repaired = parse_policy("omd:theta1=1/2");  // D_max² = 1/2
  const auto theta2 = adl::sim::play_controller(repaired, residual, theta_star);
  std::vector<adl::sim::LossRound> rounds2;
  for (std::size_t t = 0; t < 6; ++t) rounds2.push_back({residual[t], theta_star[t], theta2[t]});
  const auto r2 = adl::sim::regret(rounds2);
  const auto b2 = adl::sim::bounds(repaired, r2, 6);
  EXPECT_EQ(b2[3].claim, "THM-OMD-REPAIRED");
  EXPECT_TRUE(b2[3].applies);
  EXPECT_NEAR(as_double(b2[3].value), 2 * std::sqrt(0.5) * std::sqrt(6.0), 1e-11);
  EXPECT_TRUE(b2[3].holds);
  EXPECT_LE(r2.static_regret, b2[3].value);
  EXPECT_FALSE(b2[4].applies);
}

// @spec SIM-BOUNDS: a bound is evaluated only for its controller and step.
TEST(SimEngine, BoundsApplyOnlyToTheirController) {
  adl::sim::Regret r;
  for (const char* text : {"static", "match", "backoff", "mdic", "ogd:eta=1/10"}) {
    for (const auto& b : adl::sim::bounds(parse_policy(text), r, 4)) EXPECT_FALSE(b.applies) << text << " " << b.name;
  }
  const auto tuned = adl::sim::bounds(parse_policy("ogd-tuned"), r, 4);
  EXPECT_TRUE(tuned[0].applies);
  EXPECT_FALSE(tuned[1].applies);
  const auto fixed = adl::sim::bounds(parse_policy("ogd"), r, 4);
  EXPECT_TRUE(fixed[1].applies);
  EXPECT_TRUE(fixed[2].applies);
  EXPECT_FALSE(fixed[0].applies);
}

// @spec SIM-CONTROLLERS: parsing, defaults, canonical names and errors.
TEST(SimEngine, PolicyParsing) {
  const auto p = parse_policy("ogd:eta=0.001,theta1=0.5/pro-rata");
  EXPECT_EQ(p.controller, Controller::Ogd);
  EXPECT_EQ(p.rule, Rule::ProRata);
  EXPECT_EQ(p.params.at("eta"), q("1/1000"));
  EXPECT_EQ(adl::sim::policy_name(p), "ogd:eta=0.001,theta1=0.5/pro-rata");
  const auto s = parse_policy("static:theta=1/3/queue");
  EXPECT_EQ(s.params.at("theta"), q("1/3"));
  EXPECT_EQ(s.rule, Rule::Queue);
  EXPECT_EQ(adl::sim::policy_name(s), "static:theta=1/3/queue");
  EXPECT_EQ(parse_policy("static:theta=1/2").params.at("theta"), q("1/2"));
  EXPECT_EQ(parse_policy("static:theta=1/2").rule, Rule::ProRata);
  EXPECT_EQ(adl::sim::policy_name(parse_policy("backoff")), "backoff:alpha=0.5,theta0=1,window=1/pro-rata");
  EXPECT_EQ(parse_policy("mdic").rule, Rule::Rap);
  for (const char* text : {"ogd-tuned/capped-pro-rata", "omd:theta1=0/rap", "mdic:eta0=1/100", "match/queue"}) {
    const auto x = parse_policy(text);
    EXPECT_EQ(parse_policy(adl::sim::policy_name(x)).params, x.params) << text;
    EXPECT_EQ(parse_policy(adl::sim::policy_name(x)).rule, x.rule) << text;
  }
  for (const char* bad : {"", "foo", "mdic/queue", "static:theta=2", "ogd:bogus=1", "backoff:window=3/2",
                          "backoff:alpha=1", "ogd:eta=0", "static:theta", "static:theta=1,theta=1", "static:theta=x"}) {
    EXPECT_THROW(parse_policy(bad), std::invalid_argument) << bad;
  }
}

// @spec SIM-ROUND: malformed scenarios are rejected with the round and winner named.
TEST(SimEngine, RejectsMalformedScenario) {
  Scenario s;
  s.name = "bad";
  s.rounds = {round_of({winner(1, "4", "3")}, "1")};
  try {
    adl::sim::run_exact(s, parse_policy("static"));
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("round 1, winner 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("equity"), std::string::npos) << e.what();
  }
  s.rounds = {round_of({winner(1, "4", "4", "3/2")}, "1")};
  EXPECT_THROW(adl::sim::run_exact(s, parse_policy("static")), std::invalid_argument);
}

// @spec SIM-ENGINES: the fast engine on the hand example of FundRecursionAndResidual.
TEST(SimEngine, FastEngineOnHandExample) {
  Scenario s;
  s.initial_fund = 5;
  s.rounds = {round_of({winner(1, "10", "20")}, "3", "2"), round_of({winner(1, "10", "20")}, "10", "1"),
              round_of({winner(1, "10", "20")}, "4", "3")};
  const auto r = adl::sim::run_fast(s, parse_policy("static:theta=1/2/pro-rata"));
  ASSERT_EQ(r.rounds.size(), 3U);
  EXPECT_DOUBLE_EQ(r.rounds[1].residual, 6);
  EXPECT_DOUBLE_EQ(r.rounds[2].residual, 3);
  EXPECT_DOUBLE_EQ(r.rounds[1].budget, 3);
  EXPECT_DOUBLE_EQ(r.rounds[2].budget, 1.5);
  EXPECT_DOUBLE_EQ(r.totals.final_fund, 3);
  EXPECT_DOUBLE_EQ(r.regret.dynamic_regret, 4.5);
}

// @spec SIM-REGRET: policy-class regret is each total L^λ minus the smallest.
TEST(SimEngine, PolicyClassRegret) {
  Scenario s;
  const std::vector<Winner> book{winner(1, "10", "20")};
  s.rounds = {round_of(book, "6"), round_of(book, "4")};
  std::vector<adl::sim::RunResult> runs;
  for (const char* text : {"static:theta=1", "static:theta=1/2", "static:theta=0"}) {
    runs.push_back(adl::sim::run_exact(s, parse_policy(text)));
  }
  // θ = 1: B = R, tracking 0, burdens 6/20 and 4/20: L = 6·3/10 + 4·1/5 = 13/5.
  // θ = 1/2: tracking 3 + 2, burdens 3/20, 2/20: L = 5 + 6·3/20 + 4·1/10 = 63/10.
  // θ = 0: tracking 6 + 4 = 10, burden 0: L = 10.
  EXPECT_EQ(runs[0].totals.objective, q("13/5"));
  EXPECT_EQ(runs[1].totals.objective, q("63/10"));
  EXPECT_EQ(adl::sim::policy_class_regret(runs), v({"0", "37/10", "37/5"}));
}

}  // namespace
