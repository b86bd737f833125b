// Invariants of adl::fx alone, on large books (no reference: n up to 10⁴,
// beyond what the exact engine checks quickly). Books come from
// fx::generate_book (FX-GENERATOR) with drawn options, optionally rescaled so
// that U lands within 3 units of INT64_MAX. For every wealth policy:
//   Σ x = B exactly; 0 ≤ x_i ≤ c_i ≤ w_i (caps for the capped policies);
//   x_i ≤ w_i = (PnL_i)₊, so no principal is touched; x_i = 0 where w_i = 0;
//   the same input gives the same output (FX-ROUNDING, properties 1, 3, 4, 5).
// For pro-rata also property 2, exactly and without the reference:
//   x_i ∈ {⌊B·w_i/U⌋, ⌈B·w_i/U⌉}, computed in 128 bits.
// For contract pro-rata: 0 ≤ closed_i ≤ ⌊|q_i|/10ᵏ⌋ and Σ closed ≤ Q_int.
// And the generator itself: deterministic and prefix-stable (FX-GENERATOR).
#include "property.hpp"

#include "adl/fx/contracts.hpp"
#include "adl/fx/generate.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using adl::prop::Contracts;
using adl::prop::Fraction;
using adl::prop::i128;
using adl::prop::Input;
using adl::prop::Money;
using adl::prop::Outcome;
using adl::prop::Policy;
namespace fx = adl::fx;
namespace gens = adl::prop::gens;

// Largest book of these properties (the issue: "n up to ~10⁴").
constexpr int max_accounts = 10'000;

// Generator options, drawn and labelled: n log-uniform in [1, 10⁴], a seed,
// shares (winners, infinite scores, caps), the tail index, the budget fraction.
// max_value keeps n·max_value ≤ INT64_MAX/4, so U and D always fit (the
// generator would report Overflow otherwise, FX-OVERFLOW).
// @spec FX-GENERATOR
fx::GeneratorOptions draw_options(int max_decimals = 9) {
  fx::GeneratorOptions o;
  const int digits = *rc::gen::element(0, 1, 2, 3).as("decade of n");
  std::int64_t low = 1;
  for (int k = 0; k < digits; ++k) low *= 10;
  o.accounts = static_cast<std::size_t>(*rc::gen::inRange<std::int64_t>(low, low * 10 + 1).as("accounts n"));
  o.accounts = std::min<std::size_t>(o.accounts, max_accounts);
  o.seed = *rc::gen::arbitrary<std::uint64_t>().as("seed");
  o.winner_share = *rc::gen::element(0.5, 0.9, 1.0, 0.1, 0.0).as("winner share");
  o.zero_share = std::min(0.05, 1.0 - o.winner_share);
  o.capped_share = *rc::gen::element(0.3, 0.0, 1.0).as("capped share");
  o.infinite_score_share = *rc::gen::element(0.01, 0.0, 0.5).as("infinite score share");
  o.pareto_alpha = *rc::gen::element(1.5, 0.8, 3.0).as("Pareto tail index");
  o.max_leverage = *rc::gen::element(50, 1, 10'000).as("max leverage");
  o.budget_fraction = *gens::budget_fraction().as("budget fraction f (10^-9)");
  o.quantity_decimals = *rc::gen::inRange(0, max_decimals + 1).as("quantity decimals k");
  const Money room = std::numeric_limits<Money>::max() / 4 / static_cast<Money>(o.accounts);
  o.max_value = std::clamp<fx::Money>(room, o.cash_scale, o.max_value);
  return o;
}

// The fx input of a policy from a generated book, with B = ⌊f·C⌋ for the
// policy's capacity C. With `near_limit`, endowments and caps are first scaled
// by T/U (floors; the last winner takes the rest) so that U = T = INT64_MAX − k.
// @spec FX-GENERATOR
// @spec FX-OVERFLOW
Input input_from(const fx::GeneratedBook& generated, Policy policy, Fraction budget_fraction, bool near_limit) {
  const fx::Book& b = generated.book;
  Input in = adl::check::to_input(b, 0);
  in.quantity.clear();  // a wealth-space input
  in.loss_per_contract = 1;
  if (near_limit && generated.capacity > 0) {
    const Money below = *rc::gen::inRange<Money>(0, 4).as("INT64_MAX − U");
    const i128 target = static_cast<i128>(gens::int64_max) - below;
    const i128 u = generated.capacity.raw();
    i128 assigned = 0;
    std::size_t last = 0;
    for (std::size_t i = 0; i < in.endowment.size(); ++i) {
      if (in.endowment[i] == 0) continue;
      in.cap[i] = static_cast<Money>(static_cast<i128>(in.cap[i]) * target / u);  // ⌊c·T/U⌋ ≤ ⌊w·T/U⌋
      in.endowment[i] = static_cast<Money>(static_cast<i128>(in.endowment[i]) * target / u);
      assigned += in.endowment[i];
      last = i;
    }
    in.endowment[last] = static_cast<Money>(in.endowment[last] + (target - assigned));
    // Min–max needs e ＞ 0 where w ＞ 0; winners keep cash + PnL ＞ 0, untouched.
  }
  in.budget = gens::budget_at(adl::prop::capacity_of(policy, in), budget_fraction);
  return in;
}

// The FX-ROUNDING invariants on a generated book for one policy.
// @spec FX-ROUNDING
// @spec FX-GENERATOR
void generated_book_invariants(Policy policy) {
  const fx::GeneratorOptions options = draw_options();
  const bool near_limit = *rc::gen::weightedOneOf<bool>({{4, rc::gen::just(false)}, {1, rc::gen::just(true)}})
                               .as("scale U to INT64_MAX − k");
  RC_TAG(near_limit ? "U near INT64_MAX" : "generated U");
  RC_TAG(options.accounts >= 1000 ? "n >= 1000" : options.accounts >= 100 ? "100 <= n < 1000" : "n < 100");
  const fx::GeneratedBook generated = fx::generate_book(options);
  const Input in = input_from(generated, policy, options.budget_fraction.raw(), near_limit);
  const adl::prop::FxOutput first = adl::prop::run_fx(policy, in);
  if (first.outcome != Outcome::Ok) {
    RC_FAIL(std::string("fx failed on a valid generated book: ") + adl::prop::outcome_name(first.outcome) + " — " +
            first.error);
  }
  if (const auto broken = adl::prop::rounding_invariants(policy, in, first.values)) {
    RC_FAIL("FX-ROUNDING invariant broken on a generated book of " + std::to_string(in.endowment.size()) +
            " accounts: " + *broken);
  }
  // FX-ROUNDING property 5: determinism.
  RC_ASSERT(adl::prop::run_fx(policy, in).values == first.values);
  if (policy != Policy::ProRata || in.budget == 0) return;
  // FX-ROUNDING property 2 for pro-rata, exactly: x_i ∈ {⌊B·w_i/U⌋, ⌈B·w_i/U⌉}.
  const i128 u = adl::prop::capacity_of(Policy::ProRata, in);
  for (std::size_t i = 0; i < in.endowment.size(); ++i) {
    const i128 numerator = static_cast<i128>(in.budget) * in.endowment[i];
    const i128 floor = numerator / u;
    const i128 ceil = floor + (numerator % u != 0 ? 1 : 0);
    if (first.values[i] < floor || first.values[i] > ceil) {
      RC_FAIL("pro-rata account #" + std::to_string(i + 1) + ": x = " + adl::prop::format_money(first.values[i]) +
              " outside [⌊B·w/U⌋, ⌈B·w/U⌉] = [" + adl::prop::format_money(floor) + ", " +
              adl::prop::format_money(ceil) + "]");
    }
  }
}

}  // namespace

// @spec FX-POL-QUEUE
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, Queue, ()) { generated_book_invariants(Policy::Queue); }

// @spec FX-POL-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, ProRata, ()) { generated_book_invariants(Policy::ProRata); }

// @spec FX-POL-LEV-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, LeveredProRata, ()) { generated_book_invariants(Policy::LeveredProRata); }

// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, CappedProRata, ()) { generated_book_invariants(Policy::CappedProRata); }

// @spec FX-POL-RAP
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, Rap, ()) { generated_book_invariants(Policy::Rap); }

// @spec FX-POL-MINMAX-CONT
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, MinMax, ()) { generated_book_invariants(Policy::MinMax); }

// @spec FX-POL-GREEDY-ONESTEP
// @spec FX-ROUNDING
ADL_PROPERTY(GeneratedBookInvariants, GreedyOneStep, ()) { generated_book_invariants(Policy::GreedyOneStep); }

// Contract pro-rata on generated books: 0 ≤ closed_i ≤ m_i = ⌊|q_i|/10ᵏ⌋ and
// Σ closed ≤ Q_int (the pass may undershoot, never overshoot), for each rounding of Q.
// @spec FX-POL-CONTRACT-PRO-RATA
// @spec FX-GENERATOR
ADL_PROPERTY(GeneratedBookInvariants, ContractProRata, ()) {
  const fx::GeneratorOptions options = draw_options(9);
  const fx::GeneratedBook generated = fx::generate_book(options);
  const fx::Book& b = generated.book;
  const auto rounding = *gens::contract_rounding().as("rounding of Q");
  const Money budget = generated.budget.raw();
  const std::vector<Contracts> closed = fx::raw_counts(
      fx::contract_pro_rata_integer(b.quantity, b.quantity_decimals, b.loss_per_contract, budget, rounding));
  RC_ASSERT(closed.size() == b.quantity.size());
  const std::int64_t scale = gens::power_of_ten(b.quantity_decimals);
  i128 total = 0;
  for (std::size_t i = 0; i < closed.size(); ++i) {
    RC_ASSERT(closed[i] >= 0);
    RC_ASSERT(closed[i] <= b.quantity[i].raw() / scale);
    total += closed[i];
  }
  // Q_int from B/d, written here from POL-CONTRACT-PRO-RATA step 1 (not fx's code).
  const Money d = b.loss_per_contract.raw();
  const i128 q_floor = budget / d;
  const i128 r = budget % d;
  i128 q_int = q_floor;
  if (rounding == fx::ContractRounding::Ceil && r > 0) q_int += 1;
  if (rounding == fx::ContractRounding::Round && (2 * r > d || (2 * r == d && q_floor % 2 != 0))) q_int += 1;
  RC_ASSERT(total <= q_int);
  RC_TAG(total == q_floor  ? "sum closed = floor(Q)"
         : total < q_floor ? "sum closed < floor(Q) (undershoot)"
                           : "sum closed = ceil(Q)");
}

// The generator is deterministic (same options, same book) and prefix-stable
// (the first k accounts of a book of n ≥ k equal the book of k accounts).
// @spec FX-GENERATOR
ADL_PROPERTY(Generator, DeterministicAndPrefixStable, ()) {
  fx::GeneratorOptions options = draw_options();
  const fx::GeneratedBook a = fx::generate_book(options);
  const fx::GeneratedBook again = fx::generate_book(options);
  RC_ASSERT(a.book.endowment == again.book.endowment);
  RC_ASSERT(a.book.equity == again.book.equity);
  RC_ASSERT(a.book.cap == again.book.cap);
  RC_ASSERT(a.book.score == again.book.score);
  RC_ASSERT(a.book.quantity == again.book.quantity);
  RC_ASSERT(a.budget == again.budget);
  const auto k = static_cast<std::size_t>(
      *rc::gen::inRange<std::int64_t>(0, static_cast<std::int64_t>(options.accounts) + 1).as("prefix length k"));
  options.accounts = k;
  const fx::GeneratedBook prefix = fx::generate_book(options);
  const auto head = [k](const auto& v) {
    return std::decay_t<decltype(v)>(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k));
  };
  RC_ASSERT(prefix.book.endowment == head(a.book.endowment));
  RC_ASSERT(prefix.book.equity == head(a.book.equity));
  RC_ASSERT(prefix.book.cap == head(a.book.cap));
  RC_ASSERT(prefix.book.score == head(a.book.score));
  RC_ASSERT(prefix.book.leverage == head(a.book.leverage));
  RC_ASSERT(prefix.book.risk_weight == head(a.book.risk_weight));
  RC_ASSERT(prefix.book.rho == head(a.book.rho));
  RC_ASSERT(prefix.book.quantity == head(a.book.quantity));
}
