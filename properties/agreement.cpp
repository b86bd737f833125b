// Agreement properties: fx == round(ref), bit for bit, for every policy of
// spec/fx.md section 3, in the three regimes of the issue (random; boundary;
// boundary ± one unit). Each case runs both engines through the checker
// adapter (checker.hpp), which also accepts equal error kinds and fx Overflow
// only outside the documented range (FX-OVERFLOW); on a match of two results
// the FX-ROUNDING invariants are checked on fx alone as well.
//
// Suites are <Policy>Agreement, tests the regime: ctest names such as
// property.agreement.CappedProRataAgreement.BoundaryPlusMinusOne.
#include "property.hpp"

namespace {

using adl::prop::Policy;
using adl::prop::agreement_case;
using adl::prop::gens::Regime;

}  // namespace

// fx == round(ref) for Queue on random books.
// @spec FX-POL-QUEUE
// @spec FX-ROUNDING
ADL_PROPERTY(QueueAgreement, Random, ()) { agreement_case(Policy::Queue, Regime::Random); }

// fx == round(ref) for Queue on boundary shapes.
// @spec FX-POL-QUEUE
// @spec FX-ROUNDING
ADL_PROPERTY(QueueAgreement, Boundary, ()) { agreement_case(Policy::Queue, Regime::Boundary); }

// fx == round(ref) for Queue on one unit off a boundary.
// @spec FX-POL-QUEUE
// @spec FX-ROUNDING
ADL_PROPERTY(QueueAgreement, BoundaryPlusMinusOne, ()) { agreement_case(Policy::Queue, Regime::OffByOne); }

// fx == round(ref) for ProRata on random books.
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ProRataAgreement, Random, ()) { agreement_case(Policy::ProRata, Regime::Random); }

// fx == round(ref) for ProRata on boundary shapes.
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ProRataAgreement, Boundary, ()) { agreement_case(Policy::ProRata, Regime::Boundary); }

// fx == round(ref) for ProRata on one unit off a boundary.
// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ProRataAgreement, BoundaryPlusMinusOne, ()) { agreement_case(Policy::ProRata, Regime::OffByOne); }

// fx == round(ref) for LeveredProRata on random books.
// @spec FX-POL-LEV-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(LeveredProRataAgreement, Random, ()) { agreement_case(Policy::LeveredProRata, Regime::Random); }

// fx == round(ref) for LeveredProRata on boundary shapes.
// @spec FX-POL-LEV-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(LeveredProRataAgreement, Boundary, ()) { agreement_case(Policy::LeveredProRata, Regime::Boundary); }

// fx == round(ref) for LeveredProRata on one unit off a boundary.
// @spec FX-POL-LEV-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(LeveredProRataAgreement, BoundaryPlusMinusOne, ()) {
  agreement_case(Policy::LeveredProRata, Regime::OffByOne);
}

// fx == round(ref) for CappedProRata on random books.
// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(CappedProRataAgreement, Random, ()) { agreement_case(Policy::CappedProRata, Regime::Random); }

// fx == round(ref) for CappedProRata on boundary shapes.
// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(CappedProRataAgreement, Boundary, ()) { agreement_case(Policy::CappedProRata, Regime::Boundary); }

// fx == round(ref) for CappedProRata on one unit off a boundary.
// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(CappedProRataAgreement, BoundaryPlusMinusOne, ()) {
  agreement_case(Policy::CappedProRata, Regime::OffByOne);
}

// fx == round(ref) for Rap on random books.
// @spec FX-POL-RAP
// @spec FX-ROUNDING
ADL_PROPERTY(RapAgreement, Random, ()) { agreement_case(Policy::Rap, Regime::Random); }

// fx == round(ref) for Rap on boundary shapes.
// @spec FX-POL-RAP
// @spec FX-ROUNDING
ADL_PROPERTY(RapAgreement, Boundary, ()) { agreement_case(Policy::Rap, Regime::Boundary); }

// fx == round(ref) for Rap on one unit off a boundary.
// @spec FX-POL-RAP
// @spec FX-ROUNDING
ADL_PROPERTY(RapAgreement, BoundaryPlusMinusOne, ()) { agreement_case(Policy::Rap, Regime::OffByOne); }

// fx == round(ref) for MinMax on random books.
// @spec FX-POL-MINMAX-CONT
// @spec FX-ROUNDING
ADL_PROPERTY(MinMaxAgreement, Random, ()) { agreement_case(Policy::MinMax, Regime::Random); }

// fx == round(ref) for MinMax on boundary shapes.
// @spec FX-POL-MINMAX-CONT
// @spec FX-ROUNDING
ADL_PROPERTY(MinMaxAgreement, Boundary, ()) { agreement_case(Policy::MinMax, Regime::Boundary); }

// fx == round(ref) for MinMax on one unit off a boundary.
// @spec FX-POL-MINMAX-CONT
// @spec FX-ROUNDING
ADL_PROPERTY(MinMaxAgreement, BoundaryPlusMinusOne, ()) { agreement_case(Policy::MinMax, Regime::OffByOne); }

// fx == round(ref) for GreedyOneStep on random books.
// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-ROUNDING
ADL_PROPERTY(GreedyOneStepAgreement, Random, ()) { agreement_case(Policy::GreedyOneStep, Regime::Random); }

// fx == round(ref) for GreedyOneStep on boundary shapes.
// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-ROUNDING
ADL_PROPERTY(GreedyOneStepAgreement, Boundary, ()) { agreement_case(Policy::GreedyOneStep, Regime::Boundary); }

// fx == round(ref) for GreedyOneStep on one unit off a boundary.
// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-ROUNDING
ADL_PROPERTY(GreedyOneStepAgreement, BoundaryPlusMinusOne, ()) {
  agreement_case(Policy::GreedyOneStep, Regime::OffByOne);
}

// fx == round(ref) for ContractProRata on random books.
// @spec FX-POL-CONTRACT-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ContractProRataAgreement, Random, ()) { agreement_case(Policy::ContractProRata, Regime::Random); }

// fx == round(ref) for ContractProRata on boundary shapes.
// @spec FX-POL-CONTRACT-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ContractProRataAgreement, Boundary, ()) { agreement_case(Policy::ContractProRata, Regime::Boundary); }

// fx == round(ref) for ContractProRata on one unit off a boundary.
// @spec FX-POL-CONTRACT-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(ContractProRataAgreement, BoundaryPlusMinusOne, ()) {
  agreement_case(Policy::ContractProRata, Regime::OffByOne);
}
