// Mutants: deliberately wrong fx variants with the rounding changed, written
// here for the tests only (never linked into adl_fx). The agreement property
// fx == round(ref) must FAIL on each within the default number of cases; a
// test passes when RapidCheck finds (and shrinks) the counterexample. Labels
// property and mutant.
//
//  * LowestIndexRounding: pro-rata whose L leftover units go to the lowest
//    indices with a non-zero remainder instead of the largest remainders.
//  * TiesByLargerIndex: pro-rata with the right order of remainders but ties
//    broken by the larger index first (the contract pro-rata rule, misapplied).
//
// Both validate and floor like fx::pro_rata (they call it, then redo only the
// hand-out), so the agreement property can only catch them by the rounding.
#include "property.hpp"

#include "adl/fx/policies.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace {

using adl::prop::FxOutput;
using adl::prop::i128;
using adl::prop::Input;
using adl::prop::Money;
using adl::prop::Policy;
using adl::prop::gens::Regime;

// The floors ⌊B·w_i/U⌋ and remainder numerators B·w_i mod U of pro-rata, and
// L = B − Σ floors; the mutants differ only in who gets the L units.
// @spec FX-POL-PRO-RATA
struct Floors {
  std::vector<Money> floor;
  std::vector<i128> remainder;
  i128 leftover = 0;
};

// Floors and remainders of x⋆_i = B·w_i/U, exactly in 128 bits.
// @spec FX-POL-PRO-RATA
Floors pro_rata_floors(const Input& in) {
  Floors f;
  i128 u = 0;
  for (const Money w : in.endowment) u += w;
  f.floor.assign(in.endowment.size(), 0);
  f.remainder.assign(in.endowment.size(), 0);
  f.leftover = in.budget;
  if (u == 0) return f;
  for (std::size_t i = 0; i < in.endowment.size(); ++i) {
    const i128 numerator = static_cast<i128>(in.budget) * in.endowment[i];
    f.floor[i] = static_cast<Money>(numerator / u);
    f.remainder[i] = numerator % u;
    f.leftover -= f.floor[i];
  }
  return f;
}

// MUTANT: the leftover units go to the lowest indices with a non-zero
// remainder (FX-ROUNDING says: to the largest remainders).
// @spec FX-ROUNDING
FxOutput lowest_index_rounding(Policy, const Input& in) {
  return adl::prop::capture_fx([&] {
    adl::fx::pro_rata(adl::check::to_book(in).endowment, in.budget);  // the same errors as the real fx
    const Floors f = pro_rata_floors(in);
    std::vector<std::int64_t> x = f.floor;
    i128 left = f.leftover;
    for (std::size_t i = 0; i < x.size() && left > 0; ++i) {
      if (f.remainder[i] != 0) {
        x[i] += 1;
        --left;
      }
    }
    return x;
  });
}

// MUTANT: largest remainders first, but ties by the larger index first
// (FX-ROUNDING says: ties by ascending account index).
// @spec FX-ROUNDING
// @spec DEF-CONVENTIONS
FxOutput ties_by_larger_index(Policy, const Input& in) {
  return adl::prop::capture_fx([&] {
    adl::fx::pro_rata(adl::check::to_book(in).endowment, in.budget);
    const Floors f = pro_rata_floors(in);
    std::vector<std::size_t> order(f.floor.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (f.remainder[a] != f.remainder[b]) return f.remainder[a] > f.remainder[b];
      return a > b;
    });
    std::vector<std::int64_t> x = f.floor;
    for (std::size_t k = 0; static_cast<i128>(k) < f.leftover; ++k) x[order[k]] += 1;
    return x;
  });
}

// Runs the agreement property of a regime against a mutant and expects
// RapidCheck to report a counterexample (printed, shrunk, on stderr).
// @spec FX-ROUNDING
bool agreement_holds_for(const adl::prop::FxEngine& mutant, Regime regime, const char* description) {
  return rc::check(description, [&] { adl::prop::agreement_case(Policy::ProRata, regime, mutant); });
}

}  // namespace

// @spec FX-ROUNDING
// @spec FX-POL-PRO-RATA
TEST(Mutant, LowestIndexRoundingIsCaughtOnRandomBooks) {
  EXPECT_FALSE(agreement_holds_for(lowest_index_rounding, Regime::Random,
                                   "pro-rata agreement (random) on the lowest-index mutant: must fail"));
}

// @spec FX-ROUNDING
// @spec FX-POL-PRO-RATA
TEST(Mutant, LowestIndexRoundingIsCaughtOneUnitOffBoundaries) {
  EXPECT_FALSE(agreement_holds_for(lowest_index_rounding, Regime::OffByOne,
                                   "pro-rata agreement (boundary ± 1) on the lowest-index mutant: must fail"));
}

// @spec FX-ROUNDING
// @spec DEF-CONVENTIONS
TEST(Mutant, TiesByLargerIndexIsCaughtOnBoundaries) {
  EXPECT_FALSE(agreement_holds_for(ties_by_larger_index, Regime::Boundary,
                                   "pro-rata agreement (boundary) on the larger-index-ties mutant: must fail"));
}

// The control: the same property holds for the real fx (so the failures above
// are the mutants', not the property's).
// @spec FX-ROUNDING
TEST(Mutant, RealFxPassesTheSameProperty) {
  EXPECT_TRUE(agreement_holds_for(adl::prop::run_fx, Regime::Random, "pro-rata agreement (random) on the real fx"));
}
