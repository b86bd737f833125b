// Unit tests of exchange solvency, the insurance fund, the residual, the
// newsvendor fund size, revenue and the next-deficit helpers ψ, ρ, δ_T.
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/insurance.hpp"

#include <string>
#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::ref::Atom;
using adl::ref::FeeFlows;
using adl::ref::InsuranceShares;
using adl::ref::InvalidInput;
using adl::ref::MarketActivity;
using adl::ref::NetRevenueFormula;
using adl::ref::NextDeficitTerm;
using adl::ref::Rational;

InsuranceShares shares(const char* alpha, const char* beta, const char* eta) {
  return InsuranceShares{q(alpha), q(beta), q(eta)};
}

// D ∈ {0, 10, 20} with probabilities (1/2, 3/10, 1/5).
std::vector<Atom> three_point_deficit() { return {{q("0"), q("1/2")}, {q("10"), q("3/10")}, {q("20"), q("1/5")}}; }

// Z ∈ {−1/2, 0, 1/10} with probabilities (1/4, 1/2, 1/4).
std::vector<Atom> shocks() { return {{q("-1/2"), q("1/4")}, {q("0"), q("1/2")}, {q("1/10"), q("1/4")}}; }

// @spec DEF-SOLVENCY: W, D, Solv = W − D = Σ e; insolvent iff Solv ≤ 0.
TEST(Insurance, ExchangeSolvency) {
  const auto s = adl::ref::exchange_solvency(v({"10", "5", "1", "-3", "-12"}));
  EXPECT_EQ(s.winner_equity, 16);
  EXPECT_EQ(s.deficit, 15);
  EXPECT_EQ(s.solvency, 1);
  EXPECT_FALSE(s.insolvent);
  EXPECT_TRUE(adl::ref::exchange_solvency(v({"1", "-1"})).insolvent);  // Solv = 0
  EXPECT_TRUE(adl::ref::exchange_solvency({}).insolvent);
}

// @spec DEF-DELTA-INSOLVENT: Solv ≤ δ, δ > 0.
TEST(Insurance, DeltaInsolvent) {
  const auto e = v({"10", "5", "1", "-3", "-12"});  // Solv = 1
  EXPECT_TRUE(adl::ref::exchange_delta_insolvent(e, q("1")));
  EXPECT_FALSE(adl::ref::exchange_delta_insolvent(e, q("1/2")));
  EXPECT_THROW(adl::ref::exchange_delta_insolvent(e, q("0")), InvalidInput);
}

// @spec DEF-INSURANCE-FUND: α, β, η ∈ [0, 1].
TEST(Insurance, SharesValidated) {
  EXPECT_NO_THROW(adl::ref::validate_shares(shares("0", "1", "1/2")));
  EXPECT_THROW(adl::ref::validate_shares(shares("-1/10", "0", "0")), InvalidInput);
  EXPECT_THROW(adl::ref::validate_shares(shares("0", "11/10", "0")), InvalidInput);
  EXPECT_THROW(adl::ref::validate_shares(shares("0", "0", "2")), InvalidInput);
}

// @spec DEF-REVENUE: the three fee flows.
TEST(Insurance, FeeFlows) {
  // Fees 1/100 + 3/100; p = 2, V = 5; |γ| = 1/10 on |q| = 1 + 4: 1/10·2·5 = 1.
  const MarketActivity activity{v({"1/100", "3/100"}), q("2"), q("5"), q("-1/10"), v({"1", "4"})};
  const FeeFlows f = adl::ref::fee_flows(activity);
  EXPECT_EQ(f.liquidation, q("1/25"));
  EXPECT_EQ(f.trading, 10);
  EXPECT_EQ(f.funding, 1);
  MarketActivity bad = activity;
  bad.liquidation_fees[1] = q("-1");
  EXPECT_THROW(adl::ref::fee_flows(bad), InvalidInput);
  bad = activity;
  bad.quantities[0] = q("-1");
  EXPECT_THROW(adl::ref::fee_flows(bad), InvalidInput);
  bad = activity;
  bad.mark = 0;
  EXPECT_THROW(adl::ref::fee_flows(bad), InvalidInput);
}

// @spec DEF-INSURANCE-FUND: IF_{t+1} = IF_t + αFee^liq + ηpV + βFee^fund − min(IF_t, D_t).
TEST(Insurance, FundStep) {
  const FeeFlows flows{q("1/25"), q("10"), q("1")};
  // IF ≥ D: 1 + 1/50 + 1 + 1/4 − 1/2 = 177/100, nothing left to ADL.
  auto step = adl::ref::insurance_fund_step(q("1"), q("1/2"), shares("1/2", "1/4", "1/10"), flows);
  EXPECT_EQ(step.next_fund, q("177/100"));
  EXPECT_EQ(step.covered, q("1/2"));
  EXPECT_EQ(step.residual, 0);
  // IF < D: the fund is emptied, then refilled by the inflows: 1/50 + 1 + 1/4.
  step = adl::ref::insurance_fund_step(q("1/4"), q("1/2"), shares("1/2", "1/4", "1/10"), flows);
  EXPECT_EQ(step.next_fund, q("127/100"));
  EXPECT_EQ(step.covered, q("1/4"));
  EXPECT_EQ(step.residual, q("1/4"));
}

// @spec DEF-INSURANCE-FUND: β = 0 ignores funding, β = 1 takes all of it.
TEST(Insurance, FundingShareExtremes) {
  const FeeFlows flows{q("0"), q("0"), q("3")};
  EXPECT_EQ(adl::ref::insurance_fund_step(q("2"), q("0"), shares("1", "0", "1"), flows).next_fund, 2);
  EXPECT_EQ(adl::ref::insurance_fund_step(q("2"), q("0"), shares("1", "1", "1"), flows).next_fund, 5);
  // No inflow and D > IF: the fund ends at exactly 0, never below.
  const auto dry = adl::ref::insurance_fund_step(q("2"), q("5"), shares("0", "0", "0"), flows);
  EXPECT_EQ(dry.next_fund, 0);
  EXPECT_EQ(dry.residual, 3);
}

// @spec DEF-INSURANCE-FUND: invalid inputs throw.
TEST(Insurance, FundStepInvalid) {
  const FeeFlows flows{q("0"), q("0"), q("0")};
  EXPECT_THROW(adl::ref::insurance_fund_step(q("-1"), q("0"), shares("0", "0", "0"), flows), InvalidInput);
  EXPECT_THROW(adl::ref::insurance_fund_step(q("1"), q("-1"), shares("0", "0", "0"), flows), InvalidInput);
  EXPECT_THROW(adl::ref::insurance_fund_step(q("1"), q("0"), shares("3/2", "0", "0"), flows), InvalidInput);
  EXPECT_THROW(adl::ref::insurance_fund_step(q("1"), q("0"), shares("0", "0", "0"), FeeFlows{q("-1"), q("0"), q("0")}),
               InvalidInput);
}

// @spec DEF-RESIDUAL: R = (D − IF)₊.
TEST(Insurance, Residual) {
  EXPECT_EQ(adl::ref::residual_shortfall(q("3"), q("1")), 2);
  EXPECT_EQ(adl::ref::residual_shortfall(q("1"), q("3")), 0);
  EXPECT_EQ(adl::ref::residual_shortfall(q("0"), q("0")), 0);
  EXPECT_THROW(adl::ref::residual_shortfall(q("-1"), q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::residual_shortfall(q("1"), q("-1")), InvalidInput);
}

// @spec DEF-OPT-INSURANCE: distributions are validated.
TEST(Insurance, DistributionValidated) {
  EXPECT_NO_THROW(adl::ref::validate_distribution(three_point_deficit()));
  EXPECT_THROW(adl::ref::validate_distribution({}), InvalidInput);
  EXPECT_THROW(adl::ref::validate_distribution({{q("1"), q("9/10")}}), InvalidInput);
  EXPECT_THROW(adl::ref::validate_distribution({{q("1"), q("3/2")}, {q("2"), q("-1/2")}}), InvalidInput);
  // A negative deficit is outside the model (D_T ≥ 0).
  EXPECT_THROW(adl::ref::optimal_insurance({{q("-1"), q("1")}}, q("1/10"), q("1")), InvalidInput);
}

// @spec DEF-OPT-INSURANCE: K* = inf{x : F(x) ≥ 1 − r/κ}, the smallest minimiser.
TEST(Insurance, Newsvendor) {
  const auto d = three_point_deficit();                              // F(0) = 1/2, F(10) = 4/5, F(20) = 1
  EXPECT_EQ(adl::ref::optimal_insurance(d, q("1/10"), q("1")), 20);  // level 9/10
  EXPECT_EQ(adl::ref::optimal_insurance(d, q("1/4"), q("1")), 10);   // level 3/4
  EXPECT_EQ(adl::ref::optimal_insurance(d, q("1/2"), q("1")), 0);    // level 1/2 = F(0)
  EXPECT_EQ(adl::ref::optimal_insurance(d, q("1"), q("1")), 0);      // r ≥ κ
  EXPECT_EQ(adl::ref::optimal_insurance(d, q("2"), q("1")), 0);
  // Costs (r = 1/4, κ = 1): cost(0) = E[D] = 7, cost(10) = 5/2 + 2 = 9/2, cost(20) = 5.
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/4"), q("1"), q("0")), 7);
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/4"), q("1"), q("10")), q("9/2"));
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/4"), q("1"), q("20")), 5);
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/4"), q("1"), q("5")), q("23/4"));  // 5/4 + 3/10·5 + 1/5·15
  // r = 1/2: the minimisers are [0, 10] (cost 7 at both ends); the smallest is returned.
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/2"), q("1"), q("0")), 7);
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/2"), q("1"), q("10")), 7);
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/2"), q("1"), q("5")), 7);
  EXPECT_EQ(adl::ref::insurance_cost(d, q("1/2"), q("1"), q("15")), q("17/2"));
  // Repeated atoms merge; zero-probability atoms are not quantiles.
  EXPECT_EQ(adl::ref::optimal_insurance({{q("10"), q("1/2")}, {q("10"), q("1/2")}}, q("1/10"), q("1")), 10);
  EXPECT_EQ(adl::ref::optimal_insurance({{q("0"), q("0")}, {q("5"), q("1")}}, q("1/10"), q("1")), 5);
  // A constant deficit: K* = D for any r < κ.
  EXPECT_EQ(adl::ref::optimal_insurance({{q("3"), q("1")}}, q("99/100"), q("1")), 3);
  EXPECT_THROW(adl::ref::optimal_insurance(d, q("0"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::optimal_insurance(d, q("1/2"), q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::insurance_cost(d, q("1/2"), q("1"), q("-1")), InvalidInput);
}

// @spec DEF-OPT-INSURANCE: brute force over a grid agrees with K*.
TEST(Insurance, NewsvendorIsSmallestMinimiser) {
  const auto d = three_point_deficit();
  for (const char* r : {"1/20", "1/10", "1/5", "1/4", "3/10", "1/2", "7/10", "9/10"}) {
    const Rational k_star = adl::ref::optimal_insurance(d, q(r), q("1"));
    const Rational best = adl::ref::insurance_cost(d, q(r), q("1"), k_star);
    for (int k = 0; k <= 40; ++k) {  // K = 0, 1/2, 1, …, 20
      const Rational candidate(k, 2);
      const Rational cost = adl::ref::insurance_cost(d, q(r), q("1"), candidate);
      EXPECT_GE(cost, best) << "r = " << r << ", K = " << candidate;
      if (candidate < k_star) {
        EXPECT_GT(cost, best) << "r = " << r << ", K = " << candidate;
      }
    }
  }
}

// @spec DEF-REVENUE: gross, net (consistent default) and the printed formula (AMB-M-07).
TEST(Insurance, Revenue) {
  const FeeFlows flows{q("1"), q("10"), q("2")};
  const InsuranceShares s = shares("1/2", "1/4", "1/10");
  // gross = 1 + 10 + (1/2)·2 = 12; consistent net = 1/2 + 9 + 1 = 21/2;
  // printed net = 1/2 + 9 + (1 − 1/4 − 1/2)·2 = 10.
  const auto consistent = adl::ref::revenue(flows, s, q("1/2"));
  EXPECT_EQ(consistent.gross, 12);
  EXPECT_EQ(consistent.net, q("21/2"));
  const auto printed = adl::ref::revenue(flows, s, q("1/2"), NetRevenueFormula::Printed);
  EXPECT_EQ(printed.gross, 12);
  EXPECT_EQ(printed.net, 10);
  // ζ = 0 exposes AMB-M-07: the printed net still earns (1 − β)·Fee^fund = 3/2 of funding
  // and equals the gross 11 although α, η > 0 divert fees; the consistent net is 19/2.
  EXPECT_EQ(adl::ref::revenue(flows, s, q("0")).gross, 11);
  EXPECT_EQ(adl::ref::revenue(flows, s, q("0")).net, q("19/2"));
  EXPECT_EQ(adl::ref::revenue(flows, s, q("0"), NetRevenueFormula::Printed).net, 11);
  EXPECT_THROW(adl::ref::revenue(flows, s, q("4/5")), InvalidInput);  // ζ > 1 − β = 3/4
  EXPECT_THROW(adl::ref::revenue(flows, s, q("-1/10")), InvalidInput);
  EXPECT_NO_THROW(adl::ref::revenue(flows, s, q("3/4")));
}

// @spec DEF-NEXT-DEFICIT: ψ(u) = E[(u + Z)⁻].
TEST(Insurance, ShockShortfall) {
  const auto z = shocks();
  EXPECT_EQ(adl::ref::shock_shortfall(z, q("1/10")), q("1/10"));  // 1/4·(2/5)
  EXPECT_EQ(adl::ref::shock_shortfall(z, q("0")), q("1/8"));      // 1/4·(1/2)
  EXPECT_EQ(adl::ref::shock_shortfall(z, q("1")), 0);
  // u = −1/5: 1/4·(7/10) + 1/2·(1/5) + 1/4·(1/10) = 3/10.
  EXPECT_EQ(adl::ref::shock_shortfall(z, q("-1/5")), q("3/10"));
  EXPECT_THROW(adl::ref::shock_shortfall({{q("0"), q("1/2")}}, q("0")), InvalidInput);
}

// @spec DEF-PERSPECTIVE: ρ(λ) = λψ(1/λ) = E[(1 + λZ)⁻].
TEST(Insurance, Perspective) {
  const auto z = shocks();
  EXPECT_EQ(adl::ref::shock_perspective(z, q("10")), 1);  // 10·(1/10) = 1/4·(1 − 5)⁻
  EXPECT_EQ(adl::ref::shock_perspective(z, q("1")), 0);
  EXPECT_EQ(adl::ref::shock_perspective(z, q("4")), q("1/4"));  // 1/4·(1 − 2)⁻
  // A 5% chance of a 15% drop at λ = 10: 1/20·(1 − 3/2)⁻ = 1/40 per unit equity.
  EXPECT_EQ(adl::ref::shock_perspective({{q("-3/20"), q("1/20")}, {q("0"), q("19/20")}}, q("10")), q("1/40"));
  EXPECT_THROW(adl::ref::shock_perspective(z, q("0")), InvalidInput);
}

// @spec DEF-NEXT-DEFICIT: δ_T = Σ(1 − h)·e·ρ(λ) = Σ ñ·ψ(1/λ).
TEST(Insurance, ExpectedNextDeficit) {
  const std::vector<NextDeficitTerm> terms{{q("1/2"), q("2"), q("10"), shocks()}, {q("0"), q("1"), q("1"), shocks()}};
  // (1/2)·2·ρ(10) + 1·1·ρ(1) = 1 + 0.
  EXPECT_EQ(adl::ref::expected_next_deficit(terms), 1);
  // The notional form: ñ = (1 − 1/2)·λ·e = 10, 10·ψ(1/10) = 1.
  EXPECT_EQ(10 * adl::ref::shock_shortfall(shocks(), q("1/10")), 1);
  // A full haircut removes the term.
  EXPECT_EQ(adl::ref::expected_next_deficit({{q("1"), q("2"), q("10"), shocks()}}), 0);
  EXPECT_EQ(adl::ref::expected_next_deficit({}), 0);
  EXPECT_THROW(adl::ref::expected_next_deficit({{q("3/2"), q("2"), q("10"), shocks()}}), InvalidInput);
  EXPECT_THROW(adl::ref::expected_next_deficit({{q("0"), q("0"), q("10"), shocks()}}), InvalidInput);
  EXPECT_THROW(adl::ref::expected_next_deficit({{q("0"), q("1"), q("0"), shocks()}}), InvalidInput);
}

}  // namespace
