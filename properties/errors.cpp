// Error agreement: on an input with one domain defect (negative endowment,
// negative budget, cap outside [0, w], a column of the wrong length, a
// negative risk weight or ρ, a non-positive leverage or equity where the policy
// needs a positive one; for contracts a negative quantity, d ≤ 0, B ＜ 0,
// decimals outside [0, 18]) both engines raise InvalidInput (spec/fx.md,
// FX-OVERFLOW: "Domain errors are those of the reference and use its exception
// types"). The checker compares the outcomes; the test also states the kind.
#include "property.hpp"

namespace {

using adl::prop::Fraction;
using adl::prop::Input;
using adl::prop::Outcome;
using adl::prop::Policy;
using adl::prop::Verdict;

// Both engines reject a defective input with InvalidInput.
// @spec FX-OVERFLOW
// @spec POL-VALID
void invalid_case(Policy policy) {
  const Input input = policy == Policy::ContractProRata ? adl::prop::gens::draw_contracts_invalid()
                                                        : adl::prop::gens::draw_invalid(policy);
  const Verdict v = adl::prop::check_agreement(policy, input);
  adl::prop::require_agreement(policy, input, v);
  RC_ASSERT(v.fx.outcome == Outcome::InvalidInput);
}

}  // namespace

// @spec FX-POL-QUEUE
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, Queue, ()) { invalid_case(Policy::Queue); }

// @spec FX-POL-PRO-RATA
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, ProRata, ()) { invalid_case(Policy::ProRata); }

// @spec FX-POL-LEV-PRO-RATA
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, LeveredProRata, ()) { invalid_case(Policy::LeveredProRata); }

// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, CappedProRata, ()) { invalid_case(Policy::CappedProRata); }

// @spec FX-POL-RAP
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, Rap, ()) { invalid_case(Policy::Rap); }

// @spec FX-POL-MINMAX-CONT
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, MinMax, ()) { invalid_case(Policy::MinMax); }

// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, GreedyOneStep, ()) { invalid_case(Policy::GreedyOneStep); }

// @spec FX-POL-CONTRACT-PRO-RATA
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, ContractProRata, ()) { invalid_case(Policy::ContractProRata); }

// Levered pro-rata is RAP with w̃ = ℓ (FX-POL-LEV-PRO-RATA, AMB-P-04) and RAP
// rejects any negative w̃ (FX-POL-RAP, POL-RAP), so both engines raise
// InvalidInput for a negative leverage even on an account with w = 0. Found by
// this property (w = (0), c = (0), ℓ = (−1 raw), B = 0: fx returned 0); fx and
// FX-POL-LEV-PRO-RATA now follow the reference.
// @spec FX-POL-LEV-PRO-RATA
// @spec FX-POL-RAP
// @spec FX-OVERFLOW
ADL_PROPERTY(InvalidInput, LeveredProRataNegativeLeverageWithoutEndowment, ()) {
  namespace gens = adl::prop::gens;
  Input input = gens::draw_random(Policy::LeveredProRata);
  const auto i = static_cast<std::size_t>(
      *rc::gen::inRange<int>(0, static_cast<int>(input.endowment.size())).as("account with w = 0 and ℓ < 0"));
  input.endowment[i] = 0;
  input.cap[i] = 0;
  input.leverage[i] = -*rc::gen::inRange<Fraction>(1, gens::one + 1).as("−ℓ (10^-9)");
  input.budget = gens::budget_at(adl::prop::capacity_of(Policy::LeveredProRata, input),
                                 *gens::budget_fraction().as("budget fraction f (10^-9)"));
  const Verdict v = adl::prop::check_agreement(Policy::LeveredProRata, input);
  adl::prop::require_agreement(Policy::LeveredProRata, input, v);
}
