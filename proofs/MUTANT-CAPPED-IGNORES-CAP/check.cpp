// Statement (@spec THM-VALID-CAPPED, mutant): the validity property of THM-VALID-CAPPED
//   (Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i, h_i = 0 when w_i = 0, the DEF-CAPS floors) applied to a
//   capped pro-rata that ignores the first account's cap: h_1 = η, h_i = min(η, β_i) for i ≥ 2,
//   Σ w_i·h_i = B (proofs/common/mutants). The check must catch the mutant.
// Encoding: QF_NRA as THM-VALID-CAPPED part 1: the DEF-CAPS book (make_cap_book), a level
//   η ∈ [0, 1], the mutant haircuts, Σ w_i·h_i = B, 0 ≤ B ≤ C(β).
// Assumptions and bounds: as THM-VALID-CAPPED; n from 1 to the bound (default 4), stopping at
//   the first counterexample (n = 1 cannot fail: then η·w₁ = B ≤ β₁·w₁); the search first asks
//   for small numbers (integer cash and PnL ≤ 9, h̄ in quarters, integer B).
// Expected: REFUTED (account 1 is haircut above its cap).
// Not modelled: which account's cap is lost (the first, after relabelling any).
// Replay: on the counterexample book adl::ref::capped_pro_rata is valid with caps by
//   check_allocation, while the mutant's haircuts (computed exactly by scanning the
//   breakpoints of its level equation) violate `cap`.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "mutants.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace mutants;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const validity::CappedLevelForm f = validity::capped_level_model(
      ctx, size.n,
      [](const auto& w, const auto& beta, const z3::expr& eta) { return mutant_capped_ignores_cap(w, beta, eta); });
  const CapBook& book = f.book;
  const auto small = [f, n = size.n] {
    // A readable counterexample: integer cash and PnL ≤ 9, h̄ in quarters, integer B, no floors.
    const CapBook& b = f.book;
    std::vector<z3::expr> out{f.B >= 1 && f.B <= 9 && z3::is_int(f.B)};
    for (unsigned i = 0; i < n; ++i) {
      out.push_back(b.cash[i] >= 0 && b.cash[i] <= 9 && z3::is_int(b.cash[i]));
      out.push_back(b.pnl[i] >= 1 && b.pnl[i] <= 9 && z3::is_int(b.pnl[i]));
      out.push_back(z3::is_int(4 * b.max_haircut[i]) && !b.has_floor[i]);
    }
    return out;
  };
  runner::SizedQuery q{.assumptions = f.assumptions,
                       .conclusion = validity::capped_validity(ctx, book, f.h, f.B),
                       .readable = small,
                       .show_witness = false};
  q.counterexample = {{{"c", book.cash}, {"PNL", book.pnl}, {"β", book.cap}, {"h (mutant)", f.h}},
                      {{"B", f.B}, {"η", f.eta}},
                      "the mutant haircuts account 1 above its cap"};
  q.replay = [f, n = size.n](const z3::model& m) {
    const ref::Rational budget = rational_of(m, f.B, "B");
    const ref::Book rb = replay_book(m, f.book, budget);
    const ref::BookState state = ref::summarize(rb);
    const auto w = first(state.endowment, n);
    const auto beta = first(state.cap, n);
    const ref::Allocation good = ref::capped_pro_rata(w, beta, budget);
    const auto hm = mutant_capped_ignores_cap(w, beta, budget);
    const Reports checked = reports(rb, good, closed_forms::seized_values(w, hm), hm, budget, true);
    if (!checked.caught("cap")) {
      return runner::mismatch("adl::ref::capped_pro_rata: " + validity::describe(checked.correct) +
                              "; mutant h = " + show(hm) + ": " + validity::describe(checked.mutant));
    }
    return runner::reproduced("on w = " + show(w) + ", β = " + show(beta) + ", B = " + ref::to_fraction(budget) +
                              " adl::ref::capped_pro_rata returns h = " + show(good.haircut) +
                              " (valid with caps), the mutant returns h = " + show(hm) + " — " +
                              validity::describe(checked.mutant));
  };
  return q;
}

const bool registered = register_claim(
    runner::sized("MUTANT-CAPPED-IGNORES-CAP",
                  "mutant: capped pro-rata ignoring account 1's cap must fail THM-VALID-CAPPED's validity",
                  Verdict::Refuted, runner::first_n(4), query));

}  // namespace
}  // namespace adl::proofs
