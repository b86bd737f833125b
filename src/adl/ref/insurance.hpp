/// @file
/// Exchange solvency, the insurance fund, the ADL residual, the newsvendor
/// fund size, venue revenue (model.md §4) and the one-step next-deficit
/// helpers ψ, ρ, δ_T (policies.md DEF-NEXT-DEFICIT, DEF-PERSPECTIVE).
///
/// The solvency functions here act on a plain vector of equities; the
/// book-level predicates `delta_insolvent(const BookState&, …)` and
/// `feasible` live in state.hpp.
#pragma once

#include "adl/ref/number.hpp"

#include <vector>

namespace adl::ref {

/// Gross equity solvency of the exchange at T.
/// @spec DEF-SOLVENCY
struct ExchangeSolvency {
  Rational winner_equity;  ///< W_T = Σ e_i⁺.
  Rational deficit;        ///< D_T = Σ e_i⁻ (DEF-DEFICIT).
  Rational solvency;       ///< Solv_T = Σ e_i = W_T − D_T.
  bool insolvent = false;  ///< Solv_T ≤ 0.
};

/// W, D and Solv of a vector of equities.
/// @param equities e_{i,T}, any sign.
/// @return the solvency summary.
/// @spec DEF-SOLVENCY
ExchangeSolvency exchange_solvency(const std::vector<Rational>& equities);

/// δ-insolvency: Solv_T ≤ δ.
/// @param equities e_{i,T}, any sign.
/// @param delta the threshold δ > 0 (≤ 0 throws InvalidInput).
/// @return true iff the exchange is δ-insolvent.
/// @spec DEF-DELTA-INSOLVENT
bool exchange_delta_insolvent(const std::vector<Rational>& equities, const Rational& delta);

/// Shares of the three fee flows routed to the insurance fund, each in [0, 1].
/// @spec DEF-INSURANCE-FUND
struct InsuranceShares {
  Rational liquidation_fees;  ///< α, share of liquidation fees.
  Rational funding;           ///< β, share of the funding flow.
  Rational trading_fees;      ///< η, share of trading-fee revenue.
};

/// Checks α, β, η ∈ [0, 1]; throws InvalidInput naming the share.
/// @param shares the shares.
/// @spec DEF-INSURANCE-FUND
void validate_shares(const InsuranceShares& shares);

/// What happened on the venue at one time t (the inputs of the fee flows).
/// @spec DEF-REVENUE
struct MarketActivity {
  std::vector<Rational> liquidation_fees;  ///< τ_t(Δq_j) ≥ 0 for each liquidation j ∈ 𝒯_t.
  Rational mark;                           ///< p_t > 0.
  Rational traded_quantity;                ///< V_t ≥ 0, gross traded quantity.
  Rational funding_rate;                   ///< γ_t, any sign.
  std::vector<Rational> quantities;        ///< |q_i| ≥ 0 for every trader position i = 1..n.
};

/// The three fee flows of one time.
/// @spec DEF-REVENUE
struct FeeFlows {
  Rational liquidation;  ///< Fee^liq_t = Σ_j τ_t(Δq_j).
  Rational trading;      ///< Fee^trade_t = p_t·V_t.
  Rational funding;      ///< Fee^fund_t = Σ_i |γ_t|·p_t·|q_i|.
};

/// Fee^liq, Fee^trade and Fee^fund of one time.
/// @param activity the venue's activity at t (validated).
/// @return the fee flows, each ≥ 0.
/// @spec DEF-REVENUE
FeeFlows fee_flows(const MarketActivity& activity);

/// One step of the insurance fund.
/// @spec DEF-INSURANCE-FUND
struct InsuranceStep {
  Rational next_fund;  ///< IF_{t+1} ≥ 0.
  Rational covered;    ///< min{IF_t, D_t}, the bad debt the fund absorbs.
  Rational residual;   ///< R_t = (D_t − IF_t)₊, left to ADL (DEF-RESIDUAL).
};

/// IF_{t+1} = IF_t + α·Fee^liq + η·p_tV_t + β·Σ|γ_t|p_t|q_i| − min{IF_t, D_t}.
/// @param fund IF_t ≥ 0.
/// @param deficit D_t ≥ 0, the bad debt to cover at t.
/// @param shares α, β, η ∈ [0, 1].
/// @param flows the fee flows of t (each ≥ 0).
/// @return IF_{t+1}, the amount covered and the residual R_t.
/// @spec DEF-INSURANCE-FUND
InsuranceStep insurance_fund_step(const Rational& fund, const Rational& deficit, const InsuranceShares& shares,
                                  const FeeFlows& flows);

/// R_t = D_t − min{IF_t, D_t} = (D_t − IF_t)₊; ADL is triggered iff R_t > 0.
/// @param deficit D_t ≥ 0.
/// @param fund IF_t ≥ 0.
/// @return R_t ≥ 0.
/// @spec DEF-RESIDUAL
Rational residual_shortfall(const Rational& deficit, const Rational& fund);

/// One atom of a discrete distribution.
/// @spec DEF-OPT-INSURANCE
struct Atom {
  Rational value;        ///< The outcome.
  Rational probability;  ///< Its probability, in [0, 1].
};

/// Checks a discrete distribution: non-empty, every probability in [0, 1],
/// probabilities summing to exactly 1. Throws InvalidInput naming the atom.
/// @param atoms the atoms (values may repeat; their probabilities add).
/// @spec DEF-OPT-INSURANCE
void validate_distribution(const std::vector<Atom>& atoms);

/// The newsvendor objective r·K + κ·E[(D_T − K)₊].
/// @param deficit_distribution the law of D_T (values ≥ 0).
/// @param capital_cost r > 0.
/// @param reputation_cost κ > 0 per socialised dollar.
/// @param fund_size K ≥ 0.
/// @return the expected cost of holding K.
/// @spec DEF-OPT-INSURANCE
Rational insurance_cost(const std::vector<Atom>& deficit_distribution, const Rational& capital_cost,
                        const Rational& reputation_cost, const Rational& fund_size);

/// The optimal fund size K* = VaR_{1−r/κ}(D_T) = inf{x : Pr(D_T ≤ x) ≥ 1 − r/κ},
/// the smallest minimiser of insurance_cost; K* = 0 when r ≥ κ.
/// @param deficit_distribution the law of D_T (values ≥ 0).
/// @param capital_cost r > 0.
/// @param reputation_cost κ > 0.
/// @return K* ≥ 0.
/// @spec DEF-OPT-INSURANCE
Rational optimal_insurance(const std::vector<Atom>& deficit_distribution, const Rational& capital_cost,
                           const Rational& reputation_cost);

/// Which net-revenue formula to use (AMB-M-07).
/// @spec DEF-REVENUE
enum class NetRevenueFormula {
  Consistent,  ///< (1−α)Fee^liq + (1−η)Fee^trade + ζ·Fee^fund: gross minus diversions.
  Printed,     ///< (1−α)Fee^liq + (1−η)Fee^trade + (1−β−ζ)Fee^fund, as the paper prints it.
};

/// Venue revenue of one time.
/// @spec DEF-REVENUE
struct Revenue {
  Rational gross;  ///< Fee^liq + Fee^trade + ζ·Fee^fund.
  Rational net;    ///< After the insurance-fund diversions (formula per NetRevenueFormula).
};

/// Gross and net revenue.
/// @param flows the fee flows (each ≥ 0).
/// @param shares α, β, η ∈ [0, 1].
/// @param kept_funding_share ζ ∈ [0, 1 − β], the share of funding the venue keeps.
/// @param formula the net formula; the printed one only behind this flag.
/// @return gross and net revenue.
/// @spec DEF-REVENUE
/// @spec AMB-M-07
Revenue revenue(const FeeFlows& flows, const InsuranceShares& shares, const Rational& kept_funding_share,
                NetRevenueFormula formula = NetRevenueFormula::Consistent);

/// ψ(u) = E[(u + Z)⁻], the expected shortfall of a buffer u under the shock Z
/// (AMB-P-09: the magnitude of the negative part).
/// @param shocks the law of Z (fractional price moves, any sign).
/// @param buffer u.
/// @return ψ(u) ≥ 0.
/// @spec DEF-NEXT-DEFICIT
Rational shock_shortfall(const std::vector<Atom>& shocks, const Rational& buffer);

/// The perspective ρ(λ) = λ·ψ(1/λ) = E[(1 + λZ)⁻].
/// @param shocks the law of Z.
/// @param leverage λ > 0.
/// @return ρ(λ) ≥ 0.
/// @spec DEF-PERSPECTIVE
Rational shock_perspective(const std::vector<Atom>& shocks, const Rational& leverage);

/// One winner's term of the expected next deficit.
/// @spec DEF-NEXT-DEFICIT
struct NextDeficitTerm {
  Rational haircut;          ///< h_i ∈ [0, 1].
  Rational equity;           ///< e_i > 0 (a winner).
  Rational leverage;         ///< λ_i = n_i/e_i > 0.
  std::vector<Atom> shocks;  ///< The law of Z_i.
};

/// δ_T = Σ_i (1 − h_i)·e_i·ρ_i(λ_i) (= Σ_i ñ_i·ψ_i(1/λ_i) with ñ_i = (1 − h_i)·n_i).
/// @param terms one term per winner.
/// @return δ_T ≥ 0.
/// @spec DEF-NEXT-DEFICIT
Rational expected_next_deficit(const std::vector<NextDeficitTerm>& terms);

}  // namespace adl::ref
