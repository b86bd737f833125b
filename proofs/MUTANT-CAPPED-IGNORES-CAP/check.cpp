// Statement (@spec THM-VALID-CAPPED, mutant): the validity property of THM-VALID-CAPPED
//   (Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i, h_i = 0 when w_i = 0, the DEF-CAPS floors) applied to a
//   capped pro-rata that ignores the first account's cap: h_1 = η, h_i = min(η, β_i) for i ≥ 2,
//   Σ w_i·h_i = B (proofs/common/group_a_mutants). The check must catch the mutant.
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
#include "group_a_mutants.hpp"
#include "group_a_policies.hpp"

#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

namespace adl::proofs {
namespace {

using namespace group_a;

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const CapBook book = make_cap_book(ctx, n);
    const z3::expr B = ctx.real_const("B");
    const z3::expr eta = ctx.real_const("eta");
    std::vector<z3::expr> assumptions = book.assumptions;
    assumptions.push_back(B >= 0 && B <= capped_capacity(ctx, book.endowment, book.cap));
    assumptions.push_back(eta >= 0 && eta <= 1);
    const auto h = mutant_capped_ignores_cap(book.endowment, book.cap, eta);
    assumptions.push_back(sum(ctx, seized_of(book.endowment, h)) == B);
    const z3::expr conclusion = capped_validity(ctx, book, h, B);
    const std::string name = "MUTANT-CAPPED-IGNORES-CAP.n" + std::to_string(n);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options, name);
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    std::vector<z3::expr> small{!conclusion, B >= 1 && B <= 9 && z3::is_int(B)};
    for (unsigned i = 0; i < n; ++i) {
      small.push_back(book.cash[i] >= 0 && book.cash[i] <= 9 && z3::is_int(book.cash[i]));
      small.push_back(book.pnl[i] >= 1 && book.pnl[i] <= 9 && z3::is_int(book.pnl[i]));
      small.push_back(z3::is_int(4 * book.max_haircut[i]) && !book.has_floor[i]);
    }
    const z3::model m = replay_model(ctx, assumptions, small, options, name, *v.counterexample);
    result.counterexample = instance_of(m, {{"c", book.cash}, {"PNL", book.pnl}, {"β", book.cap}, {"h (mutant)", h}},
                                        {{"B", B}, {"η", eta}}, "the mutant haircuts account 1 above its cap");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Book rb = replay_book(m, book, budget);
    const ref::BookState state = ref::summarize(rb);
    const auto w = first(state.endowment, n);
    const auto beta = first(state.cap, n);
    const ref::Allocation good = ref::capped_pro_rata(w, beta, budget);
    const auto hm = mutant_capped_ignores_cap(w, beta, budget);
    std::vector<ref::Rational> xm;
    for (unsigned i = 0; i < n; ++i) xm.push_back(hm[i] * w[i]);
    const auto good_report = check_on_book(rb, good.seized, good.haircut, budget, true);
    const auto bad_report = check_on_book(rb, xm, hm, budget, true);
    bool cap = false;
    for (const auto& violation : bad_report.violations) cap = cap || violation.predicate == "cap";
    if (!good_report.valid() || !cap) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::capped_pro_rata: " + describe(good_report) + "; mutant h = " + show(hm) + ": " +
                      describe(bad_report);
      return result;
    }
    result.replay = "on w = " + show(w) + ", β = " + show(beta) + ", B = " + ref::to_fraction(budget) +
                    " adl::ref::capped_pro_rata returns h = " + show(good.haircut) +
                    " (valid with caps), the mutant returns h = " + show(hm) + " — " + describe(bad_report);
    return result;
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"MUTANT-CAPPED-IGNORES-CAP", "mutant: capped pro-rata ignoring account 1's cap must fail THM-VALID-CAPPED's validity",
     Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
