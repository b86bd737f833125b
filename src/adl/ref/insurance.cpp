#include "adl/ref/insurance.hpp"

#include "adl/ref/detail/require.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>

namespace adl::ref {
namespace {

using detail::indexed;
using detail::require_nonnegative;
using detail::require_positive;
using detail::require_unit;

void validate_flows(const FeeFlows& flows) {
  require_nonnegative(flows.liquidation, "fee flows liquidation");
  require_nonnegative(flows.trading, "fee flows trading");
  require_nonnegative(flows.funding, "fee flows funding");
}

void validate_deficit_distribution(const std::vector<Atom>& atoms) {
  validate_distribution(atoms);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    require_nonnegative(atoms[i].value, indexed("deficit distribution", i) + ".value");
  }
}

}  // namespace

ExchangeSolvency exchange_solvency(const std::vector<Rational>& equities) {
  ExchangeSolvency s;
  for (const Rational& e : equities) {
    s.winner_equity += positive_part(e);
    s.deficit += negative_part(e);
  }
  s.solvency = s.winner_equity - s.deficit;  // = Σ e_i
  s.insolvent = s.solvency <= 0;
  return s;
}

bool exchange_delta_insolvent(const std::vector<Rational>& equities, const Rational& delta) {
  require_positive(delta, "delta");
  return exchange_solvency(equities).solvency <= delta;
}

void validate_shares(const InsuranceShares& shares) {
  require_unit(shares.liquidation_fees, "alpha (liquidation-fee share)");
  require_unit(shares.funding, "beta (funding share)");
  require_unit(shares.trading_fees, "eta (trading-fee share)");
}

FeeFlows fee_flows(const MarketActivity& activity) {
  require_positive(activity.mark, "mark");
  require_nonnegative(activity.traded_quantity, "traded_quantity");
  FeeFlows flows;
  for (std::size_t j = 0; j < activity.liquidation_fees.size(); ++j) {
    require_nonnegative(activity.liquidation_fees[j], indexed("liquidation_fees", j));
    flows.liquidation += activity.liquidation_fees[j];
  }
  flows.trading = activity.mark * activity.traded_quantity;
  const Rational abs_rate = activity.funding_rate < 0 ? Rational(-activity.funding_rate) : activity.funding_rate;
  for (std::size_t i = 0; i < activity.quantities.size(); ++i) {
    require_nonnegative(activity.quantities[i], indexed("quantities", i));
    flows.funding += abs_rate * activity.mark * activity.quantities[i];
  }
  return flows;
}

InsuranceStep insurance_fund_step(const Rational& fund, const Rational& deficit, const InsuranceShares& shares,
                                  const FeeFlows& flows) {
  require_nonnegative(fund, "fund");
  require_nonnegative(deficit, "deficit");
  validate_shares(shares);
  validate_flows(flows);
  InsuranceStep step;
  step.covered = std::min(fund, deficit);
  step.residual = deficit - step.covered;
  step.next_fund = fund + shares.liquidation_fees * flows.liquidation + shares.trading_fees * flows.trading +
                   shares.funding * flows.funding - step.covered;
  return step;
}

Rational residual_shortfall(const Rational& deficit, const Rational& fund) {
  require_nonnegative(deficit, "deficit");
  require_nonnegative(fund, "fund");
  return positive_part(deficit - fund);
}

void validate_distribution(const std::vector<Atom>& atoms) {
  if (atoms.empty()) throw InvalidInput("the distribution has no atoms");
  Rational total = 0;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    require_unit(atoms[i].probability, indexed("atoms", i) + ".probability");
    total += atoms[i].probability;
  }
  if (total != 1) {
    throw InvalidInput("the probabilities sum to " + to_fraction(total) + ", not 1");
  }
}

Rational insurance_cost(const std::vector<Atom>& deficit_distribution, const Rational& capital_cost,
                        const Rational& reputation_cost, const Rational& fund_size) {
  validate_deficit_distribution(deficit_distribution);
  require_positive(capital_cost, "capital_cost r");
  require_positive(reputation_cost, "reputation_cost kappa");
  require_nonnegative(fund_size, "fund_size K");
  Rational expected_excess = 0;
  for (const Atom& a : deficit_distribution) {
    expected_excess += a.probability * positive_part(a.value - fund_size);
  }
  return capital_cost * fund_size + reputation_cost * expected_excess;
}

Rational optimal_insurance(const std::vector<Atom>& deficit_distribution, const Rational& capital_cost,
                           const Rational& reputation_cost) {
  validate_deficit_distribution(deficit_distribution);
  require_positive(capital_cost, "capital_cost r");
  require_positive(reputation_cost, "reputation_cost kappa");
  if (capital_cost >= reputation_cost) return 0;
  // The objective's right derivative at K is r − κ·Pr(D > K): the smallest
  // minimiser is the smallest K ≥ 0 with Pr(D ≤ K) ≥ 1 − r/κ, an atom.
  const Rational level = 1 - capital_cost / reputation_cost;
  std::map<Rational, Rational> law;  // merged atoms, ascending values
  for (const Atom& a : deficit_distribution) law[a.value] += a.probability;
  Rational cumulative = 0;
  for (const auto& [value, probability] : law) {
    cumulative += probability;
    if (probability > 0 && cumulative >= level) return value;
  }
  // Unreachable: the cumulative reaches 1 ≥ level at the last positive atom.
  throw InvalidInput("the distribution never reaches the level " + to_fraction(level));
}

Revenue revenue(const FeeFlows& flows, const InsuranceShares& shares, const Rational& kept_funding_share,
                NetRevenueFormula formula) {
  validate_flows(flows);
  validate_shares(shares);
  if (kept_funding_share < 0 || kept_funding_share > 1 - shares.funding) {
    throw InvalidInput("kept_funding_share zeta must lie in [0, 1 - beta] = [0, " + to_fraction(1 - shares.funding) +
                       "], got " + to_fraction(kept_funding_share));
  }
  Revenue r;
  r.gross = flows.liquidation + flows.trading + kept_funding_share * flows.funding;
  const Rational funding_term = formula == NetRevenueFormula::Printed
                                    ? Rational((1 - shares.funding - kept_funding_share) * flows.funding)
                                    : Rational(kept_funding_share * flows.funding);
  r.net = (1 - shares.liquidation_fees) * flows.liquidation + (1 - shares.trading_fees) * flows.trading + funding_term;
  return r;
}

Rational shock_shortfall(const std::vector<Atom>& shocks, const Rational& buffer) {
  validate_distribution(shocks);
  Rational expected = 0;
  for (const Atom& z : shocks) expected += z.probability * negative_part(buffer + z.value);
  return expected;
}

Rational shock_perspective(const std::vector<Atom>& shocks, const Rational& leverage) {
  require_positive(leverage, "leverage lambda");
  return leverage * shock_shortfall(shocks, 1 / leverage);
}

Rational expected_next_deficit(const std::vector<NextDeficitTerm>& terms) {
  Rational delta = 0;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const NextDeficitTerm& t = terms[i];
    require_unit(t.haircut, indexed("terms", i) + ".haircut");
    require_positive(t.equity, indexed("terms", i) + ".equity");
    require_positive(t.leverage, indexed("terms", i) + ".leverage");
    delta += (1 - t.haircut) * t.equity * shock_perspective(t.shocks, t.leverage);
  }
  return delta;
}

}  // namespace adl::ref
