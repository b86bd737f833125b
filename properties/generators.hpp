/// @file
/// RapidCheck generators of fx inputs, built valid by construction: profits
/// (endowments) first, then the policy's columns, then a budget as a fraction
/// of the policy's capacity. Money comes from small counts times a unit from a
/// short ladder (1 µUSD, 1 USD, ...), so shrinking lands on readable books such
/// as w = (1, 2) µUSD, B = 1 µUSD. Each `draw_*` function must run inside a
/// property: it picks values with `*gen`, labels them (`.as`) and tags the
/// regime (`RC_TAG`).
///
/// Three regimes (the CGAL way of testing predicates): random; boundary
/// (budget = capacity, one winner, ties, zero endowments, caps 0 and 1, values
/// near the int64 limits); boundary ± one unit (budget = capacity + 1, caps
/// w − 1, capacity INT64_MAX + 1, ...). Plus invalid inputs, one defect each.
#pragma once

#include "checker.hpp"

#include "adl/fx/number.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace adl::prop::gens {

/// INT64_MAX, the largest money amount and the +∞ score.
/// @spec FX-OVERFLOW
inline constexpr Money int64_max = std::numeric_limits<Money>::max();
/// INT64_MIN.
/// @spec FX-SCALES
inline constexpr Money int64_min = std::numeric_limits<Money>::min();
/// 1 at the fraction scale (10⁻⁹).
/// @spec FX-SCALES
inline constexpr Fraction one = fx::fraction_scale;
/// Largest random endowment: 2⁵⁸, so that 12 accounts stay below INT64_MAX (FX-OVERFLOW).
/// @spec FX-OVERFLOW
inline constexpr Money max_random_money = Money{1} << 58;
/// Most accounts in a book compared with the reference (rationals are slow; 12 is plenty).
/// @spec FX-ROUNDING
inline constexpr int max_ref_accounts = 12;

/// The three regimes of the issue.
/// @spec FX-ROUNDING
enum class Regime { Random, Boundary, OffByOne };

// ---------------------------------------------------------------- arithmetic on inputs

/// ⌊β·w⌋ for β raw at 10⁻⁹ in [0, 10⁹]: the one rounding of an input (FX-SCALES).
/// @spec FX-SCALES
inline Money cap_of(Money endowment, Fraction beta) {
  return static_cast<Money>(static_cast<i128>(endowment) * beta / one);
}

/// ⌊f·C⌋ for a budget fraction f raw at 10⁻⁹ and a capacity C, at most INT64_MAX.
/// @spec FX-SCALES
inline Money budget_at(i128 capacity, Fraction fraction) {
  const i128 c = std::min<i128>(capacity, int64_max);
  return static_cast<Money>(std::min<i128>(c * fraction / one, int64_max));
}

/// Σ of a money column in 128 bits.
/// @spec DEF-CAPACITY
inline i128 sum128(const std::vector<Money>& values) {
  i128 total = 0;
  for (const Money v : values) total += v;
  return total;
}

/// Splits a total T ≥ parts.size() into positive amounts proportional to the
/// weights, exactly (the last account takes the rounding).
/// @spec FX-OVERFLOW
inline std::vector<Money> split_total(i128 total, const std::vector<int>& weights) {
  i128 weight_sum = 0;
  for (const int p : weights) weight_sum += p;
  std::vector<Money> out;
  i128 assigned = 0;
  for (const int p : weights) {
    const auto part = static_cast<Money>(std::max<i128>(1, total * p / weight_sum));
    out.push_back(part);
    assigned += part;
  }
  out.back() = static_cast<Money>(out.back() + (total - assigned));
  return out;
}

// ---------------------------------------------------------------- value generators

/// A money unit from a short ladder: 1 µUSD first (shrinking goes there), 1 USD,
/// odd units that make remainders ugly, and 1,000,000 USD.
/// @spec FX-SCALES
inline rc::Gen<Money> money_unit() { return rc::gen::element<Money>(1, 1'000'000, 7, 999'983, 1'000'000'000'000); }

/// An endowment: zero, a small count of units, or an arbitrary amount below `max` (2⁵⁸).
/// @spec DEF-ENDOWMENT
inline rc::Gen<Money> endowment(Money unit, Money max = max_random_money) {
  return rc::gen::weightedOneOf<Money>({
      {6, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; })},
      {1, rc::gen::just<Money>(0)},
      {2, rc::gen::inRange<Money>(1, max)},
  });
}

/// A non-negative cash amount (or a loss beyond PnL): zero, units, or arbitrary.
/// @spec DEF-EQUITY
inline rc::Gen<Money> cash(Money unit, Money max = max_random_money) {
  return rc::gen::weightedOneOf<Money>({
      {2, rc::gen::just<Money>(0)},
      {4, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; })},
      {2, rc::gen::inRange<Money>(0, max)},
  });
}

/// A cap fraction β (raw 10⁻⁹): 1 (uncapped), 0, or any point of the grid.
/// @spec DEF-CAPS
inline rc::Gen<Fraction> cap_fraction() {
  return rc::gen::weightedOneOf<Fraction>({
      {3, rc::gen::just(Fraction{one})},
      {1, rc::gen::just<Fraction>(0)},
      {4, rc::gen::inRange<Fraction>(0, one + 1)},
  });
}

/// A queue score: few distinct values (ties), +∞, or arbitrary.
/// @spec DEF-QUEUE-SCORE
/// @spec AMB-P-03
inline rc::Gen<Fraction> score() {
  return rc::gen::weightedOneOf<Fraction>({
      {4, rc::gen::map(rc::gen::inRange<Fraction>(0, 4), [](Fraction k) { return k * one; })},
      {1, rc::gen::just(Fraction{fx::infinite_score.raw()})},
      {2, rc::gen::inRange<Fraction>(-1'000'000'000'000, 1'000'000'000'000)},
  });
}

/// A leverage ℓ ＞ 0: whole numbers 1..50 (ties) or arbitrary.
/// @spec POL-LEV-PRO-RATA
inline rc::Gen<Fraction> leverage() {
  return rc::gen::weightedOneOf<Fraction>({
      {4, rc::gen::map(rc::gen::inRange<Fraction>(1, 51), [](Fraction k) { return k * one; })},
      {2, rc::gen::inRange<Fraction>(1, 10'000'000'000'000)},
  });
}

/// A risk weight w̃ ≥ 0 (or ρ): zero, λ² for whole λ, or arbitrary.
/// @spec DEF-RISK-MODEL
/// @spec DEF-OPT-RISK-MODEL
inline rc::Gen<Fraction> weight() {
  return rc::gen::weightedOneOf<Fraction>({
      {4, rc::gen::map(rc::gen::inRange<Fraction>(1, 51), [](Fraction k) { return k * k * one; })},
      {1, rc::gen::just<Fraction>(0)},
      {2, rc::gen::inRange<Fraction>(0, 10'000'000'000'000)},
  });
}

/// A budget fraction f of the capacity (raw 10⁻⁹): anywhere in [0, 1], or 0, ½, 1.
/// @spec FX-SCALES
inline rc::Gen<Fraction> budget_fraction() {
  return rc::gen::weightedOneOf<Fraction>({
      {6, rc::gen::inRange<Fraction>(0, one + 1)},
      {1, rc::gen::element<Fraction>(0, one / 2, one)},
  });
}

// ---------------------------------------------------------------- columns of a book

/// Draws the columns a policy reads, for the endowments already in `in`: caps
/// from cap fractions, scores, leverage, risk weights, equity from cash (and,
/// for greedy one-step, a loss that may make e negative), ρ. Valid by
/// construction: min–max gets e ＞ 0 wherever w ＞ 0.
/// @spec FX-SCALES
/// @spec DEF-CAPS
/// @spec DEF-EQUITY
inline void draw_columns(Policy policy, Input& in, Money unit, Money max = max_random_money) {
  const std::size_t n = in.endowment.size();
  const PolicyColumns& reads = policy_info(policy).reads;
  if (reads.score) {
    in.score = *rc::gen::container<std::vector<Fraction>>(n, score()).as("scores s (10^-9, INT64_MAX = +inf)");
  }
  if (reads.cap) {
    const auto beta = *rc::gen::container<std::vector<Fraction>>(n, cap_fraction()).as("cap fractions β (10^-9)");
    in.cap.resize(n);
    for (std::size_t i = 0; i < n; ++i) in.cap[i] = cap_of(in.endowment[i], beta[i]);
  }
  if (reads.leverage) {
    in.leverage = *rc::gen::container<std::vector<Fraction>>(n, leverage()).as("leverage ℓ (10^-9)");
  }
  if (reads.risk_weight) {
    in.risk_weight = *rc::gen::container<std::vector<Fraction>>(n, weight()).as("risk weights w~ (10^-9)");
  }
  if (reads.equity) {
    const auto cash_column = *rc::gen::container<std::vector<Money>>(n, cash(unit, max)).as("cash (µUSD)");
    const auto loss_column = *rc::gen::container<std::vector<Money>>(n, cash(unit, max)).as("loss beyond PnL (µUSD)");
    in.equity.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Money w = in.endowment[i];
      const Money c = std::min(cash_column[i], int64_max - std::max<Money>(w, 0));  // e fits int64
      // min–max needs e ＞ 0 where w ＞ 0; a loser (w = 0) may have any equity.
      const bool keep_positive = policy == Policy::MinMax && w > 0;
      in.equity[i] = keep_positive ? w + c : w + c - loss_column[i];
      if (keep_positive && in.equity[i] <= 0) in.equity[i] = 1;
    }
  }
  if (reads.rho) {
    in.rho = *rc::gen::container<std::vector<Fraction>>(n, weight()).as("rho (10^-9)");
  }
}

/// Sets B = ⌊f·C⌋ with f drawn (labelled) and C the policy's capacity.
/// @spec POL-VALID
/// @spec DEF-CAPACITY
inline void draw_budget(Policy policy, Input& in) {
  const Fraction f = *budget_fraction().as("budget fraction f of capacity (10^-9)");
  in.budget = budget_at(capacity_of(policy, in), f);
}

// ---------------------------------------------------------------- the random regime

/// A random valid book of 1..12 accounts for the policy, with B = ⌊f·C⌋;
/// arbitrary amounts (endowments, cash) stay below `max`.
/// @spec FX-ROUNDING
/// @spec POL-VALID
inline Input draw_random(Policy policy, Money max = max_random_money) {
  Input in;
  const int n = *rc::gen::inRange(1, max_ref_accounts + 1).as("accounts n");
  const Money unit = *money_unit().as("money unit (µUSD)");
  in.endowment = *rc::gen::container<std::vector<Money>>(static_cast<std::size_t>(n), endowment(unit, max))
                      .as("endowments w (µUSD)");
  draw_columns(policy, in, unit, max);
  draw_budget(policy, in);
  return in;
}

// ---------------------------------------------------------------- the boundary regime

/// Boundary shapes of a wealth-space book (the brief's list).
/// @spec FX-ROUNDING
enum class Boundary {
  BudgetIsCapacity,  ///< B = C: every account at its cap (or the queue fully drained).
  BudgetZero,        ///< B = 0.
  OneWinner,         ///< Exactly one account with w ＞ 0.
  AllTied,           ///< Equal endowments, caps, scores, weights: remainders tie, the index decides.
  ZeroEndowments,    ///< About half the accounts (possibly all, possibly n = 0) have w = 0, with tempting columns.
  CapsZeroAndOne,    ///< Caps c ∈ {0, 1 µUSD, w} (β = 0, one unit, β = 1).
  NearInt64,         ///< Endowments summing to INT64_MAX − k, k ∈ [0, 3].
  ExtremeColumns,    ///< Scores, ℓ, w̃, ρ, e at the int64 limits (FX-WIDE products).
};

/// The name used in tags.
/// @spec FX-ROUNDING
inline const char* boundary_name(Boundary b) {
  switch (b) {
    case Boundary::BudgetIsCapacity: return "budget = capacity";
    case Boundary::BudgetZero: return "budget = 0";
    case Boundary::OneWinner: return "one winner";
    case Boundary::AllTied: return "all tied";
    case Boundary::ZeroEndowments: return "zero endowments";
    case Boundary::CapsZeroAndOne: return "caps 0, 1 unit, w";
    case Boundary::NearInt64: return "U near INT64_MAX";
    case Boundary::ExtremeColumns: return "columns at int64 limits";
  }
  return "?";
}

/// Replaces every extra column by values at the int64 limits (and 1): scores
/// INT64_MIN, INT64_MAX − 1 (largest finite), +∞; ℓ, w̃, ρ up to INT64_MAX;
/// equities INT64_MIN (greedy) and INT64_MAX.
/// @spec FX-WIDE
/// @spec FX-OVERFLOW
inline void draw_extreme_columns(Policy policy, Input& in) {
  const std::size_t n = in.endowment.size();
  if (policy == Policy::Queue) {
    in.score = *rc::gen::container<std::vector<Fraction>>(
                    n, rc::gen::element<Fraction>(0, int64_min, int64_max - 1, fx::infinite_score.raw(), 1))
                    .as("extreme scores");
  }
  const auto big = rc::gen::element<Fraction>(1, int64_max, int64_max - 1, one, int64_max / 3);
  if (policy == Policy::LeveredProRata) {
    in.leverage = *rc::gen::container<std::vector<Fraction>>(n, big).as("extreme leverage");
  }
  if (policy == Policy::Rap) {
    in.risk_weight = *rc::gen::container<std::vector<Fraction>>(n, big).as("extreme risk weights");
  }
  if (policy == Policy::GreedyOneStep) {
    in.rho = *rc::gen::container<std::vector<Fraction>>(n, rc::gen::element<Fraction>(0, 1, int64_max, int64_max - 1))
                  .as("extreme rho");
    in.equity = *rc::gen::container<std::vector<Money>>(
                     n, rc::gen::element<Money>(1, int64_max, int64_min, int64_min + 1, -1, int64_max - 1))
                     .as("extreme equity");
  }
  if (policy == Policy::MinMax) {
    const auto e = *rc::gen::container<std::vector<Money>>(n, rc::gen::element<Money>(1, int64_max, int64_max - 1, 2))
                        .as("extreme equity (positive)");
    in.equity = e;
  }
}

/// One boundary case for a wealth policy; tags its shape.
/// @spec FX-ROUNDING
/// @spec POL-VALID
/// @spec AMB-P-01
inline Input draw_boundary(Policy policy) {
  const Boundary shape = *rc::gen::element(Boundary::BudgetIsCapacity, Boundary::BudgetZero, Boundary::OneWinner,
                                           Boundary::AllTied, Boundary::ZeroEndowments, Boundary::CapsZeroAndOne,
                                           Boundary::NearInt64, Boundary::ExtremeColumns)
                              .as("boundary shape");
  RC_TAG(boundary_name(shape));
  Input in;
  const Money unit = *money_unit().as("money unit (µUSD)");
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, max_ref_accounts + 1).as("accounts n"));
  switch (shape) {
    case Boundary::BudgetIsCapacity:
    case Boundary::BudgetZero:
    case Boundary::ExtremeColumns:
      in.endowment = *rc::gen::container<std::vector<Money>>(n, endowment(unit)).as("endowments w (µUSD)");
      draw_columns(policy, in, unit);
      if (shape == Boundary::ExtremeColumns) draw_extreme_columns(policy, in);
      if (shape == Boundary::BudgetIsCapacity) {
        in.budget = budget_at(capacity_of(policy, in), one);
      } else if (shape == Boundary::BudgetZero) {
        in.budget = 0;
      } else {
        draw_budget(policy, in);
      }
      return in;
    case Boundary::OneWinner: {
      const auto winner = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(n)).as("the winner"));
      const Money w = *rc::gen::weightedOneOf<Money>(
                           {
                               {3, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; })},
                               {1, rc::gen::inRange<Money>(1, int64_max)},
                               {1, rc::gen::just(Money{int64_max})},
                           })
                           .as("the winner's endowment (µUSD)");
      in.endowment.assign(n, 0);
      in.endowment[winner] = w;
      draw_columns(policy, in, unit);
      draw_budget(policy, in);
      return in;
    }
    case Boundary::AllTied: {
      const Money w = *endowment(unit).as("common endowment (µUSD)");
      in.endowment.assign(n, w);
      Input one_account;
      one_account.endowment = {w};
      draw_columns(policy, one_account, unit);
      // Every column repeats the one account's values: all remainders tie.
      in.cap.assign(one_account.cap.empty() ? 0 : n, one_account.cap.empty() ? 0 : one_account.cap[0]);
      in.score.assign(one_account.score.empty() ? 0 : n, one_account.score.empty() ? 0 : one_account.score[0]);
      in.leverage.assign(one_account.leverage.empty() ? 0 : n,
                         one_account.leverage.empty() ? 0 : one_account.leverage[0]);
      in.risk_weight.assign(one_account.risk_weight.empty() ? 0 : n,
                            one_account.risk_weight.empty() ? 0 : one_account.risk_weight[0]);
      in.equity.assign(one_account.equity.empty() ? 0 : n, one_account.equity.empty() ? 0 : one_account.equity[0]);
      in.rho.assign(one_account.rho.empty() ? 0 : n, one_account.rho.empty() ? 0 : one_account.rho[0]);
      draw_budget(policy, in);
      return in;
    }
    case Boundary::ZeroEndowments: {
      const auto m = static_cast<std::size_t>(*rc::gen::inRange(0, max_ref_accounts + 1).as("accounts n (may be 0)"));
      const auto zero = *rc::gen::container<std::vector<bool>>(m, rc::gen::arbitrary<bool>()).as("w = 0 here");
      const auto w = *rc::gen::container<std::vector<Money>>(m, endowment(unit)).as("endowments where w > 0 (µUSD)");
      in.endowment.resize(m);
      for (std::size_t i = 0; i < m; ++i) in.endowment[i] = zero[i] ? 0 : w[i];
      draw_columns(policy, in, unit);
      // Tempting columns on the zero accounts: they must still get nothing (AMB-P-01).
      for (std::size_t i = 0; i < m; ++i) {
        if (in.endowment[i] != 0) continue;
        if (!in.score.empty()) in.score[i] = fx::infinite_score.raw();
        if (!in.risk_weight.empty()) in.risk_weight[i] = int64_max;
        if (!in.leverage.empty()) in.leverage[i] = int64_max;
        if (!in.rho.empty()) in.rho[i] = int64_max;
        if (!in.equity.empty()) in.equity[i] = policy == Policy::GreedyOneStep ? int64_max : -1;
      }
      draw_budget(policy, in);
      return in;
    }
    case Boundary::CapsZeroAndOne: {
      in.endowment = *rc::gen::container<std::vector<Money>>(
                          n, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; }))
                          .as("endowments w (µUSD)");
      draw_columns(policy, in, unit);
      if (!in.cap.empty()) {
        const auto kind = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 3))
                               .as("cap kind (0: c = 0, 1: c = 1 µUSD, 2: c = w)");
        for (std::size_t i = 0; i < n; ++i) in.cap[i] = kind[i] == 0 ? 0 : kind[i] == 1 ? 1 : in.endowment[i];
      }
      const bool full = *rc::gen::arbitrary<bool>().as("B = C (else a fraction)");
      if (full)
        in.budget = budget_at(capacity_of(policy, in), one);
      else
        draw_budget(policy, in);
      return in;
    }
    case Boundary::NearInt64: {
      const Money below = *rc::gen::inRange<Money>(0, 4).as("INT64_MAX − U");
      const auto weights = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(1, 101)).as("shares of U");
      in.endowment = split_total(static_cast<i128>(int64_max) - below, weights);
      draw_columns(policy, in, unit);
      const bool full = *rc::gen::arbitrary<bool>().as("B = C (else a fraction)");
      if (full)
        in.budget = budget_at(capacity_of(policy, in), one);
      else
        draw_budget(policy, in);
      return in;
    }
  }
  return in;
}

// ---------------------------------------------------------------- the boundary ± 1 regime

/// Shapes one unit off a boundary.
/// @spec FX-ROUNDING
enum class OffByOne {
  BudgetAboveCapacity,  ///< B = C + 1: Infeasible on both sides.
  BudgetBelowCapacity,  ///< B = C − 1.
  BudgetOneUnit,        ///< B = 1 µUSD.
  CapsOffByOne,         ///< c ∈ {w − 1, 1, w}, B = C or C − 1.
  CapacityAboveInt64,   ///< U = INT64_MAX + k, k ∈ [1, 3]: fx Overflow, ref succeeds.
  CapacityAtInt64,      ///< U = INT64_MAX exactly, B = C or C − 1: fx must succeed.
  NearTies,             ///< Endowments (and ℓ, w̃, e, ρ, scores) differing by one unit.
  RemainderEdge,        ///< B = ⌊m·U/w_j⌋ + δ, δ ∈ {−1, 0, 1}: x⋆_j just below, at, above m.
};

/// The name used in tags.
/// @spec FX-ROUNDING
inline const char* off_by_one_name(OffByOne s) {
  switch (s) {
    case OffByOne::BudgetAboveCapacity: return "B = C + 1";
    case OffByOne::BudgetBelowCapacity: return "B = C - 1";
    case OffByOne::BudgetOneUnit: return "B = 1 unit";
    case OffByOne::CapsOffByOne: return "caps w - 1";
    case OffByOne::CapacityAboveInt64: return "U = INT64_MAX + k";
    case OffByOne::CapacityAtInt64: return "U = INT64_MAX";
    case OffByOne::NearTies: return "near ties (one unit apart)";
    case OffByOne::RemainderEdge: return "x* one unit from an integer";
  }
  return "?";
}

/// One case one unit off a boundary; tags its shape and returns it.
/// @spec FX-ROUNDING
/// @spec FX-OVERFLOW
/// @spec POL-VALID
inline Input draw_off_by_one(Policy policy, OffByOne* shape_out = nullptr) {
  const OffByOne shape = *rc::gen::element(OffByOne::BudgetAboveCapacity, OffByOne::BudgetBelowCapacity,
                                           OffByOne::BudgetOneUnit, OffByOne::CapsOffByOne,
                                           OffByOne::CapacityAboveInt64, OffByOne::CapacityAtInt64, OffByOne::NearTies,
                                           OffByOne::RemainderEdge)
                              .as("boundary ± 1 shape");
  RC_TAG(off_by_one_name(shape));
  if (shape_out != nullptr) *shape_out = shape;
  Input in;
  const Money unit = *money_unit().as("money unit (µUSD)");
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, max_ref_accounts + 1).as("accounts n"));
  const auto capacity = [&] { return capacity_of(policy, in); };
  switch (shape) {
    case OffByOne::BudgetAboveCapacity:
    case OffByOne::BudgetBelowCapacity:
    case OffByOne::BudgetOneUnit:
      in.endowment = *rc::gen::container<std::vector<Money>>(n, endowment(unit)).as("endowments w (µUSD)");
      draw_columns(policy, in, unit);
      if (shape == OffByOne::BudgetAboveCapacity) in.budget = static_cast<Money>(capacity() + 1);
      if (shape == OffByOne::BudgetBelowCapacity) in.budget = static_cast<Money>(std::max<i128>(capacity() - 1, 0));
      if (shape == OffByOne::BudgetOneUnit) in.budget = 1;
      return in;
    case OffByOne::CapsOffByOne: {
      in.endowment = *rc::gen::container<std::vector<Money>>(
                          n, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; }))
                          .as("endowments w (µUSD)");
      draw_columns(policy, in, unit);
      if (!in.cap.empty()) {
        const auto kind = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 3))
                               .as("cap kind (0: c = w - 1, 1: c = 1 µUSD, 2: c = w)");
        for (std::size_t i = 0; i < n; ++i) {
          in.cap[i] = kind[i] == 0 ? in.endowment[i] - 1 : kind[i] == 1 ? 1 : in.endowment[i];
        }
      }
      const Money delta = *rc::gen::inRange<Money>(0, 2).as("C − B");
      in.budget = static_cast<Money>(std::max<i128>(capacity() - delta, 0));
      return in;
    }
    case OffByOne::CapacityAboveInt64:
    case OffByOne::CapacityAtInt64: {
      const auto m = std::max<std::size_t>(n, 2);  // two accounts at least: each w_i ≤ INT64_MAX
      const auto weights = *rc::gen::container<std::vector<int>>(m, rc::gen::inRange(1, 101)).as("shares of U");
      const Money above = shape == OffByOne::CapacityAboveInt64 ? *rc::gen::inRange<Money>(1, 4).as("U − INT64_MAX")
                                                                : 0;
      in.endowment = split_total(static_cast<i128>(int64_max) + above, weights);
      draw_columns(policy, in, unit);
      const Money delta = *rc::gen::inRange<Money>(0, 2).as("C − B (B capped at INT64_MAX)");
      in.budget = static_cast<Money>(std::max<i128>(std::min<i128>(capacity(), int64_max) - delta, 0));
      return in;
    }
    case OffByOne::NearTies: {
      const Money base = *endowment(unit).as("base endowment (µUSD)");
      const auto offsets =
          *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(-1, 2)).as("w − base (units of 1 µUSD)");
      in.endowment.resize(n);
      for (std::size_t i = 0; i < n; ++i) in.endowment[i] = std::max<Money>(0, base + offsets[i]);
      draw_columns(policy, in, unit);
      // The extra columns one unit apart too.
      const auto nudge = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(-1, 2)).as("column nudges (±1 raw)");
      const Input first = in;  // account 1's columns are the common base
      for (std::size_t i = 0; i < n; ++i) {
        if (!in.score.empty())
          in.score[i] = (first.score[0] == fx::infinite_score.raw() ? one : first.score[0]) + nudge[i];
        if (!in.leverage.empty()) in.leverage[i] = std::max<Fraction>(1, first.leverage[0] + nudge[i]);
        if (!in.risk_weight.empty()) in.risk_weight[i] = std::max<Fraction>(0, first.risk_weight[0] + nudge[i]);
        if (!in.rho.empty()) in.rho[i] = std::max<Fraction>(0, first.rho[0] + nudge[i]);
        if (!in.equity.empty() && in.endowment[i] > 0) {
          in.equity[i] = std::max<Money>(1, std::min<Money>(first.equity[0], int64_max - 1) + nudge[i]);
        }
        if (!in.cap.empty()) in.cap[i] = std::clamp<Money>(first.cap[0] + nudge[i], 0, in.endowment[i]);
      }
      draw_budget(policy, in);
      return in;
    }
    case OffByOne::RemainderEdge: {
      in.endowment = *rc::gen::container<std::vector<Money>>(n, endowment(unit)).as("endowments w (µUSD)");
      draw_columns(policy, in, unit);
      const i128 c = capacity();
      const auto j = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(n)).as("account j"));
      const Money wj = std::max<Money>(in.endowment[j], 1);
      const Money m = *rc::gen::inRange<Money>(0, 21).as("target m for x*_j");
      const Money delta = *rc::gen::inRange<Money>(-1, 2).as("δ");
      const i128 b = c == 0 ? 0 : static_cast<i128>(m) * c / wj + delta;
      in.budget = static_cast<Money>(std::clamp<i128>(b, 0, c));
      return in;
    }
  }
  return in;
}

// ---------------------------------------------------------------- invalid inputs

/// One defect in an otherwise valid book (spec/fx.md FX-OVERFLOW, the domain errors).
/// @spec FX-OVERFLOW
/// @spec POL-VALID
enum class Defect {
  NegativeEndowment,
  NegativeBudget,
  CapAboveEndowment,
  NegativeCap,
  ColumnTooShort,
  NegativeRiskWeight,           ///< RAP, any account.
  NonPositiveLeverageEligible,  ///< Levered pro-rata, w ＞ 0 and ℓ ≤ 0.
  NonPositiveEquityEligible,    ///< Min–max, w ＞ 0 and e ≤ 0.
  NegativeRho,                  ///< Greedy one-step.
};

/// The name used in tags.
/// @spec FX-OVERFLOW
inline const char* defect_name(Defect d) {
  switch (d) {
    case Defect::NegativeEndowment: return "w < 0";
    case Defect::NegativeBudget: return "B < 0";
    case Defect::CapAboveEndowment: return "c > w";
    case Defect::NegativeCap: return "c < 0";
    case Defect::ColumnTooShort: return "column too short";
    case Defect::NegativeRiskWeight: return "w~ < 0";
    case Defect::NonPositiveLeverageEligible: return "l <= 0 where w > 0";
    case Defect::NonPositiveEquityEligible: return "e <= 0 where w > 0";
    case Defect::NegativeRho: return "rho < 0";
  }
  return "?";
}

/// The defects that apply to a wealth policy.
/// @spec FX-OVERFLOW
inline std::vector<Defect> defects_of(Policy policy) {
  std::vector<Defect> d = {Defect::NegativeEndowment, Defect::NegativeBudget};
  if (uses_caps(policy)) {
    d.push_back(Defect::CapAboveEndowment);
    d.push_back(Defect::NegativeCap);
  }
  if (policy != Policy::ProRata) d.push_back(Defect::ColumnTooShort);
  if (policy == Policy::Rap) d.push_back(Defect::NegativeRiskWeight);
  if (policy == Policy::LeveredProRata) d.push_back(Defect::NonPositiveLeverageEligible);
  if (policy == Policy::MinMax) d.push_back(Defect::NonPositiveEquityEligible);
  if (policy == Policy::GreedyOneStep) d.push_back(Defect::NegativeRho);
  return d;
}

/// A random valid book with one defect; tags the defect.
/// @spec FX-OVERFLOW
/// @spec POL-VALID
inline Input draw_invalid(Policy policy) {
  const Defect defect = *rc::gen::elementOf(defects_of(policy)).as("defect");
  RC_TAG(defect_name(defect));
  Input in;
  const Money unit = *money_unit().as("money unit (µUSD)");
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, max_ref_accounts + 1).as("accounts n"));
  in.endowment = *rc::gen::container<std::vector<Money>>(
                      n, rc::gen::map(rc::gen::inRange<Money>(1, 21), [unit](Money k) { return k * unit; }))
                      .as("endowments w (µUSD, all > 0)");
  draw_columns(policy, in, unit);
  draw_budget(policy, in);
  const auto i = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(n)).as("defective account"));
  const Money amount = *rc::gen::inRange<Money>(1, 21).as("size of the defect (units)") * unit;
  switch (defect) {
    case Defect::NegativeEndowment: in.endowment[i] = -amount; break;
    case Defect::NegativeBudget: in.budget = -amount; break;
    case Defect::CapAboveEndowment: in.cap[i] = in.endowment[i] + amount; break;
    case Defect::NegativeCap: in.cap[i] = -amount; break;
    case Defect::ColumnTooShort:
      if (!in.score.empty()) in.score.pop_back();
      if (!in.cap.empty()) in.cap.pop_back();
      if (!in.leverage.empty()) in.leverage.pop_back();
      if (!in.risk_weight.empty()) in.risk_weight.pop_back();
      if (!in.equity.empty()) in.equity.pop_back();
      if (!in.rho.empty()) in.rho.pop_back();
      break;
    case Defect::NegativeRiskWeight: in.risk_weight[i] = -amount; break;
    case Defect::NonPositiveLeverageEligible: in.leverage[i] = amount % 2 == 0 ? 0 : -amount; break;
    case Defect::NonPositiveEquityEligible: in.equity[i] = amount % 2 == 0 ? 0 : -amount; break;
    case Defect::NegativeRho: in.rho[i] = -amount; break;
  }
  return in;
}

// ---------------------------------------------------------------- contract pro-rata

/// Quantity decimals k of a market: 0, 3 (the generator's default), 6, 9 or 18.
/// @spec FX-SCALES
inline rc::Gen<int> quantity_decimals() { return rc::gen::element(0, 3, 6, 9, 18); }

/// 10ᵏ.
/// @spec FX-SCALES
inline std::int64_t power_of_ten(int k) {
  std::int64_t p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

/// The rounding of Q = B/d.
/// @spec FX-POL-CONTRACT-PRO-RATA
inline rc::Gen<fx::ContractRounding> contract_rounding() {
  return rc::gen::element(fx::ContractRounding::Ceil, fx::ContractRounding::Floor, fx::ContractRounding::Round);
}

/// A quantity at 10⁻ᵏ contracts: whole contracts (0..20, fewer when 10ᵏ is
/// large, so that (m + 1)·10ᵏ still fits int64) plus a fraction of one.
/// @spec POL-CONTRACT-PRO-RATA
inline rc::Gen<Contracts> quantity(int k) {
  const std::int64_t scale = power_of_ten(k);
  const Contracts whole_limit = std::min<Contracts>(21, int64_max / scale - 1);  // m ≤ 7 when k = 18
  return rc::gen::weightedOneOf<Contracts>({
      {4, rc::gen::map(rc::gen::inRange<Contracts>(0, whole_limit), [scale](Contracts m) { return m * scale; })},
      {4,
       rc::gen::map(rc::gen::pair(rc::gen::inRange<Contracts>(0, whole_limit), rc::gen::inRange<Contracts>(0, scale)),
                    [scale](const std::pair<Contracts, Contracts>& p) { return p.first * scale + p.second; })},
      {1, rc::gen::just<Contracts>(0)},
  });
}

/// Σ ⌊q_i/10ᵏ⌋, the whole contracts that can be closed.
/// @spec POL-CONTRACT-PRO-RATA
inline i128 closable(const Input& in) {
  const std::int64_t scale = power_of_ten(in.quantity_decimals);
  i128 total = 0;
  for (const Contracts q : in.quantity) total += q / scale;
  return total;
}

/// Contract pro-rata shapes (boundary and ± 1).
/// @spec FX-POL-CONTRACT-PRO-RATA
enum class ContractShape {
  QExact,            ///< B = j·d: Q integral, every rounding agrees.
  Undershoot,        ///< Q_int ＞ Σ m: the pass cannot hand out everything.
  TiedQuantities,    ///< Equal quantities: remainders tie, larger index first.
  WholeOrNothing,    ///< Quantities exactly 10ᵏ·m or below 10ᵏ (m = 0, not eligible).
  NearInt64,         ///< Quantities near INT64_MAX, d = 1, B near INT64_MAX (128-bit sums).
  RoundTie,          ///< d even, B = (2j + 1)·d/2: Q = j + ½, ties to even.
  BudgetOffByOne,    ///< B = j·d ± 1.
  QuantityOffByOne,  ///< q = 10ᵏ·m ± 1.
  QOffByOne,         ///< Q_int = Σ m ± 1.
};

/// The name used in tags.
/// @spec FX-POL-CONTRACT-PRO-RATA
inline const char* contract_shape_name(ContractShape s) {
  switch (s) {
    case ContractShape::QExact: return "Q integral";
    case ContractShape::Undershoot: return "Q_int > sum m (undershoot)";
    case ContractShape::TiedQuantities: return "tied quantities";
    case ContractShape::WholeOrNothing: return "q = 10^k m or q < 10^k";
    case ContractShape::NearInt64: return "quantities near INT64_MAX";
    case ContractShape::RoundTie: return "Q = j + 1/2 (round to even)";
    case ContractShape::BudgetOffByOne: return "B = j d +- 1";
    case ContractShape::QuantityOffByOne: return "q = 10^k m +- 1";
    case ContractShape::QOffByOne: return "Q_int = sum m +- 1";
  }
  return "?";
}

/// A random contract pro-rata input: quantities first, then d, then B as a
/// fraction (up to 1.5) of the money needed to close everything, Σ m·d.
/// @spec FX-POL-CONTRACT-PRO-RATA
inline Input draw_contracts_random() {
  Input in;
  in.quantity_decimals = *quantity_decimals().as("quantity decimals k");
  const int n = *rc::gen::inRange(1, max_ref_accounts + 1).as("accounts n");
  in.quantity = *rc::gen::container<std::vector<Contracts>>(static_cast<std::size_t>(n), quantity(in.quantity_decimals))
                     .as("quantities |q| (10^-k contracts)");
  in.loss_per_contract = *rc::gen::weightedOneOf<Money>({
                                                            {3, rc::gen::element<Money>(1, 2, 1'000'000, 500'000'000)},
                                                            {2, rc::gen::inRange<Money>(1, 1'000'000'000'000)},
                                                        })
                              .as("loss per contract d (µUSD)");
  in.rounding = *contract_rounding().as("rounding of Q");
  const Fraction f = *rc::gen::inRange<Fraction>(0, one + one / 2 + 1).as("budget fraction of Σ m·d (10^-9)");
  const i128 full = closable(in) * in.loss_per_contract;
  in.budget = budget_at(full, f);
  return in;
}

/// A contract pro-rata case at a boundary or one unit off it; tags its shape.
/// @spec FX-POL-CONTRACT-PRO-RATA
inline Input draw_contracts_boundary(bool off_by_one) {
  const ContractShape shape = off_by_one
                                  ? *rc::gen::element(ContractShape::BudgetOffByOne, ContractShape::QuantityOffByOne,
                                                      ContractShape::QOffByOne)
                                         .as("contract boundary ± 1 shape")
                                  : *rc::gen::element(ContractShape::QExact, ContractShape::Undershoot,
                                                      ContractShape::TiedQuantities, ContractShape::WholeOrNothing,
                                                      ContractShape::NearInt64, ContractShape::RoundTie)
                                         .as("contract boundary shape");
  RC_TAG(contract_shape_name(shape));
  Input in = draw_contracts_random();
  const std::int64_t scale = power_of_ten(in.quantity_decimals);
  const Money d = in.loss_per_contract;
  const auto n = in.quantity.size();
  const auto budget_for = [&](i128 contracts, i128 plus) {
    const i128 b = contracts * d + plus;
    return static_cast<Money>(std::clamp<i128>(b, 0, int64_max));
  };
  switch (shape) {
    case ContractShape::QExact: {
      const Money j = *rc::gen::inRange<Money>(0, 40).as("Q");
      in.budget = budget_for(j, 0);
      break;
    }
    case ContractShape::Undershoot: {
      const Money extra = *rc::gen::inRange<Money>(1, 20).as("Q_int − Σ m");
      in.budget = budget_for(closable(in) + extra, 0);
      break;
    }
    case ContractShape::TiedQuantities: in.quantity.assign(n, in.quantity[0]); break;
    case ContractShape::WholeOrNothing: {
      const auto whole =
          *rc::gen::container<std::vector<bool>>(n, rc::gen::arbitrary<bool>()).as("q whole (else below 1 contract)");
      for (std::size_t i = 0; i < n; ++i)
        in.quantity[i] = whole[i] ? (in.quantity[i] / scale + 1) * scale : in.quantity[i] % scale;
      break;
    }
    case ContractShape::NearInt64: {
      const auto below =
          *rc::gen::container<std::vector<Contracts>>(n, rc::gen::inRange<Contracts>(0, 1'000'000)).as("INT64_MAX − q");
      for (std::size_t i = 0; i < n; ++i) in.quantity[i] = int64_max - below[i];
      in.loss_per_contract = *rc::gen::element<Money>(1, 2, 3).as("d (µUSD)");
      in.budget = int64_max - *rc::gen::inRange<Money>(0, 1'000'000).as("INT64_MAX − B");
      break;
    }
    case ContractShape::RoundTie: {
      in.loss_per_contract = 2 * *rc::gen::inRange<Money>(1, 1'000'000).as("d / 2 (µUSD)");
      in.rounding = fx::ContractRounding::Round;
      const Money j = *rc::gen::inRange<Money>(0, 40).as("⌊Q⌋");
      in.budget = static_cast<Money>(j * in.loss_per_contract + in.loss_per_contract / 2);
      break;
    }
    case ContractShape::BudgetOffByOne: {
      const Money j = *rc::gen::inRange<Money>(0, 40).as("j");
      const Money delta = *rc::gen::element<Money>(-1, 1).as("B − j·d");
      in.budget = budget_for(j, delta);
      break;
    }
    case ContractShape::QuantityOffByOne: {
      const auto delta =
          *rc::gen::container<std::vector<Contracts>>(n, rc::gen::inRange<Contracts>(-1, 2)).as("q − 10^k·m");
      for (std::size_t i = 0; i < n; ++i) {
        in.quantity[i] = std::max<Contracts>(0, (in.quantity[i] / scale + 1) * scale + delta[i]);
      }
      break;
    }
    case ContractShape::QOffByOne: {
      const Money delta = *rc::gen::element<Money>(-1, 1).as("Q_int − Σ m");
      in.rounding = fx::ContractRounding::Floor;
      in.budget = budget_for(std::max<i128>(closable(in) + delta, 0), 0);
      break;
    }
  }
  return in;
}

/// A contract input with one defect (negative quantity, d ≤ 0, B ＜ 0, k outside [0, 18]).
/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec FX-OVERFLOW
inline Input draw_contracts_invalid() {
  Input in = draw_contracts_random();
  const int defect = *rc::gen::element(0, 1, 2, 3).as("defect (0: q < 0, 1: d <= 0, 2: B < 0, 3: k out of range)");
  static const char* const names[] = {"q < 0", "d <= 0", "B < 0", "k outside [0, 18]"};
  RC_TAG(names[defect]);
  const auto i = static_cast<std::size_t>(
      *rc::gen::inRange<int>(0, static_cast<int>(in.quantity.size())).as("defective account"));
  switch (defect) {
    case 0: in.quantity[i] = -1 - in.quantity[i]; break;
    case 1: in.loss_per_contract = -*rc::gen::inRange<Money>(0, 3).as("−d"); break;
    case 2: in.budget = -1 - in.budget; break;
    default: in.quantity_decimals = *rc::gen::element(-1, 19).as("k"); break;
  }
  return in;
}

// ---------------------------------------------------------------- how RapidCheck prints the shapes

/// Counterexamples print shape names, not `<???>`.
/// @spec FX-ROUNDING
inline void showValue(Boundary b, std::ostream& os) { os << boundary_name(b); }
/// @spec FX-ROUNDING
inline void showValue(OffByOne s, std::ostream& os) { os << off_by_one_name(s); }
/// @spec FX-OVERFLOW
inline void showValue(Defect d, std::ostream& os) { os << defect_name(d); }
/// @spec FX-POL-CONTRACT-PRO-RATA
inline void showValue(ContractShape s, std::ostream& os) { os << contract_shape_name(s); }

}  // namespace adl::prop::gens

namespace adl::fx {

/// Counterexamples print the rounding of Q by name (found by argument-dependent lookup).
/// @spec FX-POL-CONTRACT-PRO-RATA
inline void showValue(ContractRounding r, std::ostream& os) {
  os << (r == ContractRounding::Ceil ? "ceil" : r == ContractRounding::Floor ? "floor" : "round-half-even");
}

}  // namespace adl::fx
