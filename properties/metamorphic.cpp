// Metamorphic properties of adl::fx: how the result must move when the input
// is permuted, scaled, split or raised. Each bound below is derived from
// FX-ROUNDING (x_i ∈ {⌊x⋆_i⌋, ⌈x⋆_i⌉}, the L leftover units to the largest
// exact remainders, ties by ascending index) and from how the exact result
// x⋆ itself moves; the derivation is written above each property.
#include "property.hpp"

#include "adl/fx/generate.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using adl::prop::Contracts;
using adl::prop::Fraction;
using adl::prop::FxOutput;
using adl::prop::i128;
using adl::prop::Input;
using adl::prop::Money;
using adl::prop::Outcome;
using adl::prop::Policy;
using adl::prop::Rational;
namespace fx = adl::fx;
namespace gens = adl::prop::gens;
using Integer = boost::multiprecision::mpz_int;

// Arbitrary amounts below 2⁴⁴ leave room to scale a 12-account book by 1000
// without leaving the fx range (U·k ≤ 12·2⁴⁴·10³ ＜ 2⁶³, FX-OVERFLOW).
constexpr Money scalable_max = Money{1} << 44;

// ---------------------------------------------------------------- helpers

// Applies f to every non-empty per-account column of an input.
// @spec FX-SCALES
template <class F>
void for_each_column(Input& in, F f) {
  for (auto* column :
       {&in.endowment, &in.equity, &in.cap, &in.score, &in.leverage, &in.risk_weight, &in.rho, &in.quantity}) {
    if (!column->empty()) f(*column);
  }
}

// A random book whose rows are, with a drawn pattern, copies of account 1:
// equal rows have equal exact remainders, so the index tie-break is exercised.
// @spec FX-ROUNDING
// @spec AX-EQUAL-TREATMENT
Input draw_with_ties(Policy policy) {
  Input in = gens::draw_random(policy);
  const std::size_t n = in.endowment.size();
  const auto copy = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 2)).as("row i copies row 1 (1 = yes)");
  for_each_column(in, [&](std::vector<std::int64_t>& column) {
    for (std::size_t i = 1; i < n; ++i) {
      if (copy[i] != 0) column[i] = column[0];
    }
  });
  gens::draw_budget(policy, in);
  return in;
}

// A permutation from drawn sort keys (stable sort: it shrinks to the identity).
// order[k] is the original index of the account at new position k.
// @spec DEF-CONVENTIONS
std::vector<std::size_t> draw_permutation(std::size_t n) {
  const auto keys =
      *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 1000)).as("sort keys of the permutation");
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  return order;
}

// The input with its accounts reordered by `order`.
// @spec DEF-CONVENTIONS
Input permuted(const Input& in, const std::vector<std::size_t>& order) {
  Input out = in;
  for_each_column(out, [&](std::vector<std::int64_t>& column) {
    const std::vector<std::int64_t> original = column;
    for (std::size_t k = 0; k < order.size(); ++k) column[k] = original[order[k]];
  });
  return out;
}

// A result on permuted accounts mapped back to the original account indices.
// @spec DEF-CONVENTIONS
std::vector<std::int64_t> unpermuted(const std::vector<std::int64_t>& values, const std::vector<std::size_t>& order) {
  std::vector<std::int64_t> back(values.size());
  for (std::size_t k = 0; k < order.size(); ++k) back[order[k]] = values[k];
  return back;
}

// ⌊x⌋ of a rational.
// @spec FX-ROUNDING
Integer floor_of(const Rational& x) {
  Integer q = boost::multiprecision::numerator(x) / boost::multiprecision::denominator(x);
  if (x < 0 && Rational(q) != x) q -= 1;
  return q;
}

// A result vector for a message.
// @spec FX-SCALES
std::string show(const std::vector<std::int64_t>& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + ")";
}

// Both results, for a failure message.
// @spec FX-ROUNDING
std::string both(const char* what, const Input& in, const std::vector<std::int64_t>& x,
                 const std::vector<std::int64_t>& y, Policy policy) {
  return std::string(what) + "\ninput:\n" + adl::prop::describe_input(policy, in) + "x (original) = " + show(x) +
         "\nx (transformed, mapped back) = " + show(y);
}

// ---------------------------------------------------------------- permutation

// Permutation, for the policies whose x⋆ is a symmetric function of the
// accounts (pro-rata and the water-filling family): x⋆(π·I) = π·x⋆(I), so the
// floors and the exact remainders move with the accounts. FX-ROUNDING hands the
// L units to the remainder classes in decreasing order, and only the class at
// the cut is split, by index. Hence, checked here with x⋆ from the reference:
//   (1) every account with r_i = 0 keeps x_i = ⌊x⋆_i⌋ in both results;
//   (2) for every class of equal remainders r ＞ 0, the number of units it
//       receives, Σ over the class of (x_i − ⌊x⋆_i⌋), is the same in both;
//   (3) when the non-zero remainders are pairwise distinct, π·x = fx(π·I) exactly.
// The permuted result differs from the original only inside a tied class.
// @spec FX-ROUNDING
// @spec DEF-CONVENTIONS
void permutation_of_rounded_policy(Policy policy) {
  const Input in = draw_with_ties(policy);
  const auto order = draw_permutation(in.endowment.size());
  const FxOutput x = adl::prop::run_fx(policy, in);
  const FxOutput xp = adl::prop::run_fx(policy, permuted(in, order));
  RC_ASSERT(x.outcome == xp.outcome);
  if (x.outcome != Outcome::Ok) return;
  const std::vector<std::int64_t> y = unpermuted(xp.values, order);
  const adl::prop::RefOutput exact = adl::prop::run_ref(policy, in);
  RC_ASSERT(exact.outcome == Outcome::Ok);
  std::map<Rational, std::pair<std::int64_t, std::int64_t>> units_by_remainder;
  std::map<Rational, int> class_size;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const Rational micro = exact.exact[i] * Rational(fx::money_scale);
    const Integer floor = floor_of(micro);
    const Rational remainder = micro - Rational(floor);
    const auto fl = floor.convert_to<std::int64_t>();
    if (remainder == 0) {
      if (x.values[i] != fl || y[i] != fl) RC_FAIL(both("an integral x* was rounded", in, x.values, y, policy));
      continue;
    }
    auto& units = units_by_remainder[remainder];
    units.first += x.values[i] - fl;
    units.second += y[i] - fl;
    ++class_size[remainder];
  }
  bool ties = false;
  for (const auto& [remainder, units] : units_by_remainder) {
    if (units.first != units.second)
      RC_FAIL(both("a remainder class got a different number of units", in, x.values, y, policy));
    ties = ties || class_size[remainder] > 1;
  }
  RC_TAG(ties ? "remainder ties" : "distinct remainders");
  if (!ties && y != x.values) RC_FAIL(both("distinct remainders but the results differ", in, x.values, y, policy));
}

// Permutation, for the ordered policies (queue by score, greedy one-step by
// e·ρ/w): x⋆ fills the classes of equal key in decreasing key order, and ties
// inside a class follow the index. What a class receives, clamp(B − caps of the
// higher classes, 0, caps of the class), does not depend on the order inside
// it, so: the total seized per class of equal key is the same in both results,
// accounts with w = 0 get 0, and with all keys distinct π·x = fx(π·I) exactly.
// @spec FX-PREFIX-SELECT
// @spec DEF-CONVENTIONS
void permutation_of_ordered_policy(Policy policy) {
  const Input in = draw_with_ties(policy);
  const auto order = draw_permutation(in.endowment.size());
  const FxOutput x = adl::prop::run_fx(policy, in);
  const FxOutput xp = adl::prop::run_fx(policy, permuted(in, order));
  RC_ASSERT(x.outcome == xp.outcome);
  if (x.outcome != Outcome::Ok) return;
  const std::vector<std::int64_t> y = unpermuted(xp.values, order);
  // The key of an eligible account, exactly: the raw score, or e·ρ/w.
  std::map<Rational, std::pair<i128, i128>> total_by_key;
  std::map<Rational, int> class_size;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (in.endowment[i] == 0) {
      RC_ASSERT(x.values[i] == 0);
      RC_ASSERT(y[i] == 0);
      continue;
    }
    const Rational key = policy == Policy::Queue
                             ? Rational(in.score[i])
                             : Rational(Integer(in.equity[i]) * Integer(in.rho[i]), Integer(in.endowment[i]));
    total_by_key[key].first += x.values[i];
    total_by_key[key].second += y[i];
    ++class_size[key];
  }
  bool ties = false;
  for (const auto& [key, totals] : total_by_key) {
    if (totals.first != totals.second)
      RC_FAIL(both("a class of equal keys got a different total", in, x.values, y, policy));
    ties = ties || class_size[key] > 1;
  }
  RC_TAG(ties ? "key ties" : "distinct keys");
  if (!ties && y != x.values) RC_FAIL(both("distinct keys but the results differ", in, x.values, y, policy));
}

}  // namespace

// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(Permutation, ProRata, ()) { permutation_of_rounded_policy(Policy::ProRata); }
// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(Permutation, CappedProRata, ()) { permutation_of_rounded_policy(Policy::CappedProRata); }
// @spec FX-POL-LEV-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(Permutation, LeveredProRata, ()) { permutation_of_rounded_policy(Policy::LeveredProRata); }
// @spec FX-POL-RAP
// @spec FX-ROUNDING
ADL_PROPERTY(Permutation, Rap, ()) { permutation_of_rounded_policy(Policy::Rap); }
// @spec FX-POL-MINMAX-CONT
// @spec FX-ROUNDING
ADL_PROPERTY(Permutation, MinMax, ()) { permutation_of_rounded_policy(Policy::MinMax); }
// @spec FX-POL-QUEUE
// @spec FX-PREFIX-SELECT
ADL_PROPERTY(Permutation, Queue, ()) { permutation_of_ordered_policy(Policy::Queue); }
// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-PREFIX-SELECT
ADL_PROPERTY(Permutation, GreedyOneStep, ()) { permutation_of_ordered_policy(Policy::GreedyOneStep); }

// Permutation of large pro-rata books (n up to 10⁴, fx alone): the exact
// remainder of account i is (B·w_i mod U)/U, an integer numerator computed here
// in 128 bits, so the class statement (2) above is checked without the reference.
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
// @spec FX-GENERATOR
ADL_PROPERTY(Permutation, ProRataLargeBooks, ()) {
  fx::GeneratorOptions options;
  options.accounts = static_cast<std::size_t>(*rc::gen::inRange<int>(1, 10'001).as("accounts n"));
  options.seed = *rc::gen::arbitrary<std::uint64_t>().as("book seed");
  options.winner_share = 0.9;
  options.max_leverage = 3;  // the generator is used for its endowments only
  options.columns = fx::GeneratedColumns{false, false, false, false, false, false, false};
  const fx::GeneratedBook book = fx::generate_book(options);
  Input in;
  in.endowment = fx::raw_counts(book.book.endowment);
  const i128 u = book.capacity.raw();
  in.budget = gens::budget_at(u, *gens::budget_fraction().as("budget fraction f (10^-9)"));
  std::vector<std::size_t> order(in.endowment.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), std::mt19937_64(*rc::gen::arbitrary<std::uint64_t>().as("shuffle seed")));
  const FxOutput x = adl::prop::run_fx(Policy::ProRata, in);
  const FxOutput xp = adl::prop::run_fx(Policy::ProRata, permuted(in, order));
  RC_ASSERT(x.outcome == Outcome::Ok);
  RC_ASSERT(xp.outcome == Outcome::Ok);
  const std::vector<std::int64_t> y = unpermuted(xp.values, order);
  std::map<i128, std::pair<i128, i128>> units_by_remainder;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (u == 0) break;
    const i128 numerator = static_cast<i128>(in.budget) * in.endowment[i];
    const i128 floor = numerator / u;
    auto& units = units_by_remainder[numerator % u];
    units.first += x.values[i] - floor;
    units.second += y[i] - floor;
  }
  for (const auto& [remainder, units] : units_by_remainder) {
    RC_ASSERT(units.first == units.second);
    if (remainder == 0) RC_ASSERT(units.first == 0);
  }
}

// ---------------------------------------------------------------- scale invariance

namespace {

// Scale invariance (AX-SCALE, up to rounding): multiply every money column
// (w, c, e) and B by an integer k ≥ 2, keep the fractions (scores, ℓ, w̃, ρ).
// Every policy's exact result scales: x⋆(k·I) = k·x⋆(I) (pro-rata: kB·kw/kU;
// water-filling: the level τ is unchanged and min(k·c, τ·k·a) = k·min(c, τ·a);
// queue and greedy: the order is unchanged — e·ρ/w is invariant — and the
// prefix fill scales). Bound, with f = ⌊x⋆_i⌋:
//   x_i ∈ {f, f + 1} and x′_i ∈ [⌊k·x⋆_i⌋, ⌈k·x⋆_i⌉] ⊆ [k·f, k·f + k];
//   so x′_i − k·x_i ∈ [k·f − k·(f + 1), k·f + k − k·f] = [−k, k]:
//   |x′_i − k·x_i| ≤ k (and = 0 when x⋆_i is integral).
// For the integral policies (queue, greedy one-step) x⋆ is integral, the
// rounding is the identity, and x′ = k·x exactly. Σ x′ = k·B either way.
// Contract pro-rata: scaling d and B by k leaves Q = B/d, hence every closed
// count, unchanged; so does writing each |q| with one more decimal (q·10, k + 1).
// @spec AX-SCALE
// @spec FX-ROUNDING
void scale_invariance(Policy policy) {
  const Money k = *rc::gen::inRange<Money>(2, 1001).as("scale k");
  if (policy == Policy::ContractProRata) {
    const Input in = gens::draw_contracts_random();
    Input scaled = in;
    scaled.loss_per_contract *= k;
    scaled.budget *= k;
    const FxOutput x = adl::prop::run_fx(policy, in);
    const FxOutput xs = adl::prop::run_fx(policy, scaled);
    RC_ASSERT(x.outcome == xs.outcome);
    RC_ASSERT(x.values == xs.values);
    const bool room = std::all_of(in.quantity.begin(), in.quantity.end(),
                                  [](Contracts q) { return q <= gens::int64_max / 10; });
    if (in.quantity_decimals < 18 && room) {
      Input finer = in;
      finer.quantity_decimals += 1;
      for (auto& q : finer.quantity) q *= 10;
      const FxOutput xf = adl::prop::run_fx(policy, finer);
      RC_ASSERT(xf.outcome == x.outcome);
      RC_ASSERT(xf.values == x.values);
    }
    return;
  }
  const Input in = gens::draw_random(policy, scalable_max);
  Input scaled = in;
  for (auto* column : {&scaled.endowment, &scaled.cap, &scaled.equity}) {
    for (auto& v : *column) v *= k;
  }
  scaled.budget *= k;
  const FxOutput x = adl::prop::run_fx(policy, in);
  const FxOutput xs = adl::prop::run_fx(policy, scaled);
  RC_ASSERT(x.outcome == xs.outcome);
  if (x.outcome != Outcome::Ok) return;
  const bool integral = policy == Policy::Queue || policy == Policy::GreedyOneStep;
  bool moved = false;
  for (std::size_t i = 0; i < x.values.size(); ++i) {
    const i128 gap = static_cast<i128>(xs.values[i]) - static_cast<i128>(k) * x.values[i];
    if (integral ? gap != 0 : (gap > k || gap < -k)) {
      RC_FAIL(both(integral ? "x′ ≠ k·x for an integral policy" : "|x′ − k·x| > k", in, x.values, xs.values, policy) +
              "\nk = " + std::to_string(k));
    }
    moved = moved || gap != 0;
  }
  RC_TAG(moved ? "x' != k x somewhere (rounding)" : "x' = k x");
}

}  // namespace

// @spec FX-POL-QUEUE
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, Queue, ()) { scale_invariance(Policy::Queue); }
// @spec FX-POL-PRO-RATA
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, ProRata, ()) { scale_invariance(Policy::ProRata); }
// @spec FX-POL-LEV-PRO-RATA
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, LeveredProRata, ()) { scale_invariance(Policy::LeveredProRata); }
// @spec FX-POL-CAPPED-PRO-RATA
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, CappedProRata, ()) { scale_invariance(Policy::CappedProRata); }
// @spec FX-POL-RAP
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, Rap, ()) { scale_invariance(Policy::Rap); }
// @spec FX-POL-MINMAX-CONT
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, MinMax, ()) { scale_invariance(Policy::MinMax); }
// @spec FX-POL-GREEDY-ONESTEP
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, GreedyOneStep, ()) { scale_invariance(Policy::GreedyOneStep); }
// @spec FX-POL-CONTRACT-PRO-RATA
// @spec AX-SCALE
ADL_PROPERTY(ScaleInvariance, ContractProRata, ()) { scale_invariance(Policy::ContractProRata); }

// ---------------------------------------------------------------- Sybil split (pro-rata)

// Sybil split (AX-SYBIL, up to one unit): split account j, w_j = a + b, into
// two adjacent accounts (the others keep their relative order). U is unchanged,
// so every other x⋆_i is unchanged and x⋆_a + x⋆_b = x⋆_j = s. Let u = x′_a + x′_b
// and v = x_j, with fa, fb, r_j the exact remainders and L the leftover units
// of the original (FX-ROUNDING). Claim: |u − v| ≤ 1. Proof:
//   (A) fa + fb ＜ 1: ⌊a⋆⌋ + ⌊b⋆⌋ = ⌊s⌋ and the split has the same L. u ∈ ⌊s⌋ + {0, 1, 2},
//       v ∈ ⌊s⌋ + {0, 1}; |u − v| = 2 needs u = ⌊s⌋ + 2 (both parts rounded up,
//       so fa, fb ＞ 0 and fa, fb ＜ r_j) and v = ⌊s⌋ (j not rounded up: at least
//       L others rank before j, all with remainder ≥ r_j ＞ fa). Those L others
//       rank before a too, so a gets no unit: contradiction.
//   (B) fa + fb ≥ 1: ⌊a⋆⌋ + ⌊b⋆⌋ = ⌊s⌋ − 1, the split has L + 1 units, and
//       r_j = fa + fb − 1 ＜ min(fa, fb). u ∈ ⌊s⌋ − 1 + {0, 1, 2}, v ∈ ⌊s⌋ + {0, 1};
//       |u − v| = 2 needs u = ⌊s⌋ − 1 (neither part rounded up) and v = ⌊s⌋ + 1
//       (j rounded up: at most L − 1 others rank before j). Every other account
//       ranking before a has remainder ≥ fa ＞ r_j, so ranks before j: at most
//       L − 1 others, plus possibly b, rank before a, fewer than L + 1: a gets
//       a unit. Contradiction.
// The other accounts keep x⋆_i, so |x′_i − x_i| ≤ 1 for them.
// @spec AX-SYBIL
// @spec THM-PR-SYBIL
// @spec FX-POL-PRO-RATA
ADL_PROPERTY(SybilSplit, ProRata, ()) {
  const Input in = gens::draw_random(Policy::ProRata);
  const std::size_t n = in.endowment.size();
  const auto j = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(n)).as("split account j"));
  const Money wj = in.endowment[j];
  const Money a = *rc::gen::inRange<Money>(0, wj + 1).as("part a of w_j (µUSD)");
  Input split = in;
  split.endowment[j] = a;
  split.endowment.insert(split.endowment.begin() + static_cast<std::ptrdiff_t>(j) + 1, wj - a);
  const FxOutput x = adl::prop::run_fx(Policy::ProRata, in);
  const FxOutput xs = adl::prop::run_fx(Policy::ProRata, split);
  RC_ASSERT(x.outcome == xs.outcome);
  if (x.outcome != Outcome::Ok) return;
  const i128 parts = static_cast<i128>(xs.values[j]) + xs.values[j + 1];
  const i128 gap = parts - x.values[j];
  if (gap > 1 || gap < -1) {
    RC_FAIL(
        both("the split parts differ from the whole by more than one unit", in, x.values, xs.values, Policy::ProRata));
  }
  RC_TAG(gap == 0 ? "same total" : "one unit apart");
  for (std::size_t i = 0; i < n; ++i) {
    if (i == j) continue;
    const std::int64_t after = xs.values[i < j ? i : i + 1];
    RC_ASSERT(after - x.values[i] <= 1);
    RC_ASSERT(x.values[i] - after <= 1);
  }
}

// ---------------------------------------------------------------- monotonicity (pro-rata)

// Monotonicity of uncapped pro-rata when one endowment rises, w_j → w_j + δ
// (B fixed, still feasible as U grows): x⋆_j = B·w_j/(U_rest + w_j) rises and
// every other x⋆_i = B·w_i/U falls. With x ∈ {⌊x⋆⌋, ⌈x⋆⌉} on both sides the
// plain bound is x′_j ≥ ⌊x′⋆_j⌋ ≥ ⌊x⋆_j⌋ ≥ x_j − 1. Largest remainders do
// better, and this property checks the exact statement x′_j ≥ x_j:
//   if ⌊x′⋆_j⌋ ＞ ⌊x⋆_j⌋, then x′_j ≥ ⌊x⋆_j⌋ + 1 ≥ x_j;
//   otherwise r′_j ≥ r_j, and L′ = L + (number of other accounts whose floor
//   dropped). An account ranking before j after the raise either ranked before
//   j already (its remainder only fell, with the same floor) or is one whose
//   floor dropped; so if fewer than L ranked before j (j had a unit), fewer
//   than L′ do now (j keeps it).
// For the others only the plain bound holds: x′_i ≤ ⌈x′⋆_i⌉ ≤ ⌈x⋆_i⌉ ≤ x_i + 1.
// @spec THM-PR-MONOTONE
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(Monotonicity, ProRataEndowmentUp, ()) {
  const Input in = gens::draw_random(Policy::ProRata);
  const std::size_t n = in.endowment.size();
  const auto j = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(n)).as("account j"));
  const Money delta = *rc::gen::weightedOneOf<Money>({{3, rc::gen::inRange<Money>(1, 21)},
                                                      {1, rc::gen::inRange<Money>(1, gens::max_random_money)}})
                           .as("δ = w′_j − w_j (µUSD)");
  Input raised = in;
  raised.endowment[j] += delta;
  const FxOutput x = adl::prop::run_fx(Policy::ProRata, in);
  const FxOutput xr = adl::prop::run_fx(Policy::ProRata, raised);
  RC_ASSERT(x.outcome == Outcome::Ok);
  RC_ASSERT(xr.outcome == Outcome::Ok);
  if (xr.values[j] < x.values[j]) RC_FAIL(both("x_j fell although w_j rose", in, x.values, xr.values, Policy::ProRata));
  for (std::size_t i = 0; i < n; ++i) {
    if (i != j && xr.values[i] > x.values[i] + 1) {
      RC_FAIL(both("another account rose by more than one unit", in, x.values, xr.values, Policy::ProRata));
    }
  }
  RC_TAG(xr.values[j] > x.values[j] ? "x_j rose" : "x_j unchanged");
}

// A larger budget B → B + δ ≤ U raises every x⋆_i, so x′_i ≥ ⌊x′⋆_i⌋ ≥ ⌊x⋆_i⌋ ≥ x_i − 1.
// Here one unit of loss is possible and happens (the Alabama paradox of
// largest-remainder rounding: L can shrink while a floor stays put), so the
// bound is exactly one unit; the tag counts the cases that reach it.
// @spec THM-PR-MONOTONE
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(Monotonicity, ProRataBudgetUp, ()) {
  const Input in = gens::draw_random(Policy::ProRata);
  const i128 room = adl::prop::capacity_of(Policy::ProRata, in) - in.budget;
  Input raised = in;
  const auto top = static_cast<Money>(room) + 1;
  raised.budget += room == 0 ? 0
                             : *rc::gen::weightedOneOf<Money>({{3, rc::gen::inRange<Money>(0, std::min<Money>(top, 4))},
                                                               {1, rc::gen::inRange<Money>(0, top)}})
                                    .as("δ = B′ − B (µUSD)");
  const FxOutput x = adl::prop::run_fx(Policy::ProRata, in);
  const FxOutput xr = adl::prop::run_fx(Policy::ProRata, raised);
  RC_ASSERT(x.outcome == Outcome::Ok);
  RC_ASSERT(xr.outcome == Outcome::Ok);
  bool fell = false;
  for (std::size_t i = 0; i < x.values.size(); ++i) {
    if (xr.values[i] < x.values[i] - 1) {
      RC_FAIL(both("an account fell by more than one unit as B rose", in, x.values, xr.values, Policy::ProRata));
    }
    fell = fell || xr.values[i] < x.values[i];
  }
  RC_TAG(fell ? "an account fell by one unit (Alabama paradox)" : "no account fell");
}

// Ranking (AX-MONO on the seized amounts, exactly): within one pro-rata result,
// w_i ＞ w_j implies x_i ≥ x_j, and w_i = w_j with i ＜ j implies x_j ≤ x_i ≤ x_j + 1.
// Proof: x⋆_i ＞ x⋆_j; with different floors x_i ≥ ⌊x⋆_i⌋ ≥ ⌊x⋆_j⌋ + 1 ≥ x_j; with
// equal floors r_i ＞ r_j, so i ranks before j and gets a unit whenever j does.
// Equal endowments have equal remainders and the lower index ranks first.
// @spec AX-MONO
// @spec AX-EQUAL-TREATMENT
// @spec FX-POL-PRO-RATA
ADL_PROPERTY(Monotonicity, ProRataRanking, ()) {
  const Input in = draw_with_ties(Policy::ProRata);
  const FxOutput x = adl::prop::run_fx(Policy::ProRata, in);
  RC_ASSERT(x.outcome == Outcome::Ok);
  const auto& w = in.endowment;
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (w[i] > w[j] && x.values[i] < x.values[j]) {
        RC_FAIL(both("w_i > w_j but x_i < x_j", in, x.values, x.values, Policy::ProRata));
      }
      if (w[i] == w[j] && i < j && (x.values[i] < x.values[j] || x.values[i] > x.values[j] + 1)) {
        RC_FAIL(both("equal endowments not treated equally up to the index tie-break", in, x.values, x.values,
                     Policy::ProRata));
      }
    }
  }
}
