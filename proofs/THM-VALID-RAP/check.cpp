// Statement (@spec THM-VALID-RAP): with Z = {i : w_i ＞ 0, w̃_i ＞ 0} and C′ = Σ over Z of
//   w_i·β_i: for 0 ≤ B ≤ C′, POL-RAP returns h with Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i and h_i = 0
//   outside Z (floors as in THM-VALID-CAPPED); for B ＞ C′ no scale τ exists (Infeasible, even
//   if B ≤ C(β)). Levered pro-rata is the instance w̃ = ℓ.
// Encoding: QF_NRA. Part 1 (τ form): the DEF-CAPS book of THM-VALID-CAPPED
//   (proofs/common/books make_cap_book), free risk weights w̃ ≥ 0, a scale τ ≥ 0 with
//   h_i = min(β_i, τ·w̃_i) on Z, 0 elsewhere, and Σ w_i·h_i = B. Part 2: B ＞ C′ and any τ ≥ 0:
//   Σ w_i·h_i(τ) ≠ B; plus a witness with C′ ＜ B ≤ C(β). Part 3: ALG-RAP-WATERFILL unrolled
//   (ite per step, (B − V)/W_rem as a Z3 division) with free β ∈ [0, 1], w̃ ≥ 0, ratios
//   r_i = β_i/w̃_i multiplied out (r_i·w̃_i = β_i on Z) and Z sorted by r (relabelling).
// Assumptions and bounds: parts 1–2 for n from 1 to the bound (default 4: NRA with the DEF-CAPS
//   quotient; the spec's full bound is 6, reachable with --max-n); part 3 for n ≤ min(bound, 4)
//   (default 3, as n = 4 exceeds the 20 s query timeout),
//   B ＞ 0.
// Expected: PROVED.
// Not modelled: how w̃ is computed from λ and the risk model (any w̃ ≥ 0 is covered).
// Replay: adl::ref::rap on the part-1 witness returns the encoded h and passes
//   check_allocation with caps; adl::ref::levered_pro_rata (w̃ = ℓ) does too when every
//   eligible account has w̃ ＞ 0; on the part-2 witness (C′ ＜ B ≤ C(β)) adl::ref::rap throws
//   Infeasible while adl::ref::capped_pro_rata succeeds; on the part-3 witness adl::ref::rap
//   returns min(β_i, τ_alg·w̃_i).
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

z3::expr z_capacity(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                    const std::vector<z3::expr>& tw) {
  z3::expr c = ctx.real_val(0);
  for (std::size_t i = 0; i < w.size(); ++i) c = c + z3::ite(w[i] > 0 && tw[i] > 0, w[i] * beta[i], ctx.real_val(0));
  return c;
}

// Part 1: the τ form is valid and respects caps and floors.
// The RAP scale form on a DEF-CAPS book with free risk weights w̃ ≥ 0: B within C′ (or
// beyond it: `feasible` false), τ ≥ 0, h_i = min(β_i, τ·w̃_i) on Z.
struct ScaleForm {
  CapBook book;
  std::vector<z3::expr> tw;
  z3::expr B, tau;
  std::vector<z3::expr> h;
  std::vector<z3::expr> assumptions;
};

ScaleForm scale_model(z3::context& ctx, unsigned n, bool feasible) {
  CapBook book = make_cap_book(ctx, n);
  auto tw = reals(ctx, "tw", n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr tau = ctx.real_const("tau");
  const auto& w = book.endowment;
  std::vector<z3::expr> assumptions = book.assumptions;
  for (const auto& t : tw) assumptions.push_back(t >= 0);
  assumptions.push_back(feasible ? (B >= 0 && B <= z_capacity(ctx, w, book.cap, tw))
                                 : B > z_capacity(ctx, w, book.cap, tw));
  assumptions.push_back(tau >= 0);
  auto h = rap_scale_form(w, book.cap, tw, tau);
  return {std::move(book), std::move(tw), B, tau, std::move(h), std::move(assumptions)};
}

runner::SizedQuery scale_form(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  ScaleForm f = scale_model(ctx, n, true);
  const auto& [book, tw, B, tau, h, assumptions] = f;
  const auto& w = book.endowment;
  f.assumptions.push_back(sum(ctx, seized_of(w, h)) == B);
  z3::expr conclusion = capped_validity(ctx, book, h, B);
  for (unsigned i = 0; i < n; ++i) conclusion = conclusion && z3::implies(!(w[i] > 0 && tw[i] > 0), h[i] == 0);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  const Columns columns{{"c", book.cash},  {"PNL", book.pnl}, {"h̄", book.max_haircut},
                        {"e̲", book.floor}, {"β", book.cap},   {"w̃", tw},
                        {"h", h}};
  q.witness = {columns, {{"B", B}, {"τ", tau}}, "assumptions hold (e̲ applies where a floor is given)"};
  q.counterexample = {columns, {{"B", B}, {"τ", tau}}, "τ form violates validity"};
  q.replay = [book, tw, h, B, n](const z3::model& m) {
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Book rb = replay_book(m, book, budget);
    const ref::BookState state = ref::summarize(rb);
    const auto twv = rationals_of(m, tw, "tw");
    const auto hv = rationals_of(m, h, "h");
    const auto wv = first(state.endowment, n);
    const auto beta = first(state.cap, n);
    const ref::Allocation a = ref::rap(wv, beta, twv, budget);
    const auto report = check_on_book(rb, a.seized, a.haircut, budget, true);
    if (a.haircut != hv || !report.valid()) {
      return runner::mismatch("adl::ref::rap gives h = " + show(a.haircut) + " (" + describe(report) +
                              "), the τ form " + show(hv));
    }
    bool levered = true;
    for (unsigned i = 0; i < n; ++i) levered = levered && (wv[i] == 0 || twv[i] > 0);
    std::string lev_note;
    if (levered) {
      const ref::Allocation l = ref::levered_pro_rata(wv, beta, twv, budget);
      if (l.haircut != hv) {
        return runner::mismatch("adl::ref::levered_pro_rata (ℓ = w̃) gives h = " + show(l.haircut) + ", the τ form " +
                                show(hv));
      }
      lev_note = " (levered_pro_rata with ℓ = w̃ too)";
    }
    return runner::reproduced("adl::ref::rap returns h = " + show(hv) + lev_note + " on the n = " + std::to_string(n) +
                              " witness (w̃ = " + show(twv) + ", B = " + ref::to_fraction(budget) +
                              "), valid with caps by check_allocation");
  };
  return q;
}

// Part 2: B > C′ has no scale; and such a B may still be ≤ C(β) (a second query, from n = 2).
runner::SizedQuery over_capacity(z3::context& ctx, const runner::Size& size, const Options& options) {
  const unsigned n = size.n;
  const ScaleForm f = scale_model(ctx, n, false);
  const auto& [book, tw, B, tau, h, assumptions] = f;
  const auto& w = book.endowment;
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = sum(ctx, seized_of(w, h)) != B, .show_witness = false};
  if (n < 2) return q;
  q.replay = [&ctx, &options, book, tw, B, assumptions, n](const z3::model&) {
    // A witness of C′ < B ≤ C(β): Infeasible for RAP although capped pro-rata can seize B.
    std::vector<z3::expr> gap = assumptions;
    gap.push_back(B <= capped_capacity(ctx, book.endowment, book.cap));
    std::string why;
    const auto m = find_model(ctx, gap, options, "THM-VALID-RAP.gap.n" + std::to_string(n), &why);
    if (!m) return runner::mismatch("no instance with C′ < B ≤ C(β): " + why);
    const ref::Rational budget = rational_of(*m, B, "B");
    const ref::BookState state = ref::summarize(replay_book(*m, book, budget));
    const auto twv = rationals_of(*m, tw, "tw");
    const auto wv = first(state.endowment, n);
    const auto beta = first(state.cap, n);
    const bool rejected = throws_infeasible([&] { (void)ref::rap(wv, beta, twv, budget); });
    const ref::Allocation capped = ref::capped_pro_rata(wv, beta, budget);
    if (!rejected || total(capped.seized) != budget) {
      return runner::mismatch("adl::ref::rap did not reject B = " + ref::to_fraction(budget) + " > C′");
    }
    return runner::reproduced("B > C′ admits no τ: with w = " + show(wv) + ", β = " + show(beta) +
                              ", w̃ = " + show(twv) + ", B = " + ref::to_fraction(budget) +
                              " ≤ C(β) = " + ref::to_fraction(state.capped_capacity) +
                              " adl::ref::rap throws Infeasible while capped_pro_rata seizes B");
  };
  return q;
}

// Part 3: ALG-RAP-WATERFILL, unrolled, returns a scale meeting B, the smallest one.
runner::SizedQuery algorithm(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto beta = reals(ctx, "beta", n);
  const auto tw = reals(ctx, "tw", n);
  const auto r = reals(ctx, "r", n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr other = ctx.real_const("tau_other");
  std::vector<z3::expr> in_z;
  std::vector<z3::expr> assumptions;
  std::vector<z3::expr> weight;
  for (unsigned i = 0; i < n; ++i) {
    in_z.push_back(w[i] > 0 && tw[i] > 0);
    weight.push_back(w[i] * tw[i]);
    assumptions.push_back(w[i] >= 0 && tw[i] >= 0);
    assumptions.push_back(beta[i] >= 0 && beta[i] <= 1);
    assumptions.push_back(z3::implies(in_z[i], r[i] * tw[i] == beta[i]));
    for (unsigned j = 0; j < i; ++j) assumptions.push_back(z3::implies(in_z[j] && in_z[i], r[j] <= r[i]));
  }
  assumptions.push_back(B > 0 && B <= z_capacity(ctx, w, beta, tw));
  const Waterfill alg = unrolled_waterfill(ctx, in_z, r, weight, B);
  const z3::expr& tau = alg.level;
  const auto h = rap_scale_form(w, beta, tw, tau);
  const auto h_other = rap_scale_form(w, beta, tw, other);
  const z3::expr conclusion = alg.safe && tau >= 0 && sum(ctx, seized_of(w, h)) == B &&
                              z3::implies(other >= 0 && sum(ctx, seized_of(w, h_other)) == B, tau <= other);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .show_witness = false};
  q.counterexample = {
      {{"w", w}, {"β", beta}, {"w̃", tw}, {"h", h}}, {{"B", B}, {"τ_alg", tau}, {"τ′", other}}, "algorithm disagrees"};
  q.replay = [w, beta, tw, h, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto bv = rationals_of(m, beta, "beta");
    const auto twv = rationals_of(m, tw, "tw");
    const auto hv = rationals_of(m, h, "h");
    const ref::Allocation a = ref::rap(wv, bv, twv, rational_of(m, B, "B"));
    if (a.haircut != hv) {
      return runner::mismatch("adl::ref::rap gives h = " + show(a.haircut) + ", the unrolled algorithm " + show(hv));
    }
    return runner::reproduced("the unrolled ALG-RAP-WATERFILL returns the smallest scale (n ≤ " + std::to_string(n) +
                              ") and adl::ref::rap matches it (h = " + show(hv) + ")");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 4);
  // The unrolled algorithm is the slow part (NRA with a quotient per step): default n ≤ 3,
  // up to 4 with --max-n (the spec's n ≤ 4 times out at the default 20 s on 2 cores).
  const unsigned alg_n = std::min(max_n, options.max_n == 0 ? 3u : 4u);
  const auto sizes = runner::sizes(1, max_n);
  const auto infeasible = [&](z3::context& ctx, const runner::Size& size) { return over_capacity(ctx, size, options); };
  return runner::check_parts(
      options, "THM-VALID-RAP",
      {{.sizes = sizes, .query = scale_form, .tag = ".scale"},
       {.sizes = sizes, .query = infeasible, .tag = ".infeasible", .qualifier = " (B > C′)"},
       {.sizes = runner::sizes(1, alg_n), .query = algorithm, .tag = ".algorithm", .qualifier = " (algorithm)"}},
      Verdict::Proved, "n ≤ " + std::to_string(max_n) + " (τ form), n ≤ " + std::to_string(alg_n) + " (algorithm)");
}

const bool registered = register_claim({"THM-VALID-RAP",
                                        "RAP (and levered pro-rata) is valid and respects caps; B > C′ admits no scale",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
