// The fx ↔ ref seam (spec/fx.md, FX-TO-EXACT and FX-ROUNDING). The only fx
// source that uses adl::ref; it calls no fx algorithm and no ref allocator.
#include "adl/fx/convert.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/state.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>

namespace adl::fx {
namespace {

using ref::Rational;
using ref::Integer;

const Integer& int64_min() {
  static const Integer v(std::numeric_limits<std::int64_t>::min());
  return v;
}
const Integer& int64_max() {
  static const Integer v(std::numeric_limits<std::int64_t>::max());
  return v;
}

using ref::floor_of;

std::int64_t narrow(const Integer& v, const std::string& what) {
  if (v < int64_min() || v > int64_max()) throw_overflow(what);
  return v.convert_to<std::int64_t>();
}

/// value·scale as an int64, or InvalidInput when it is not an integer.
std::int64_t exact_multiple(const Rational& value, const Integer& scale, const std::string& what, const char* unit) {
  const Rational scaled = value * Rational(scale);
  if (boost::multiprecision::denominator(scaled) != 1) {
    throw InvalidInput(what + " is not an exact multiple of " + unit + ": " + ref::to_fraction(value) +
                       " (fx never rounds an input, FX-TO-EXACT)");
  }
  return narrow(boost::multiprecision::numerator(scaled), what);
}

}  // namespace

Rational to_exact_money(Money raw) { return Rational(Integer(raw.raw()), Integer(money_scale)); }

Rational to_exact_fraction(Fraction raw) { return Rational(Integer(raw.raw()), Integer(fraction_scale)); }

Rational to_exact_quantity(Contracts raw, int decimals) {
  if (decimals < 0 || decimals > max_quantity_decimals) {
    throw InvalidInput("quantity decimals must lie in [0, 18], got " + std::to_string(decimals));
  }
  return Rational(Integer(raw.raw()), ref::pow10(static_cast<unsigned>(decimals)));
}

std::vector<Rational> to_exact_money(std::span<const Money> raw) {
  std::vector<Rational> out;
  out.reserve(raw.size());
  for (const Money v : raw) out.push_back(to_exact_money(v));
  return out;
}

std::vector<Rational> to_exact_fractions(std::span<const Fraction> raw) {
  std::vector<Rational> out;
  out.reserve(raw.size());
  for (const Fraction v : raw) out.push_back(to_exact_fraction(v));
  return out;
}

std::vector<Rational> to_exact_quantities(std::span<const Contracts> raw, int decimals) {
  std::vector<Rational> out;
  out.reserve(raw.size());
  for (const Contracts v : raw) out.push_back(to_exact_quantity(v, decimals));
  return out;
}

std::vector<Rational> to_exact_caps(std::span<const Money> endowment, std::span<const Money> caps) {
  if (endowment.size() != caps.size()) {
    throw InvalidInput("the cap column has " + std::to_string(caps.size()) + " entries for " +
                       std::to_string(endowment.size()) + " accounts");
  }
  std::vector<Rational> out(caps.size());
  for (std::size_t i = 0; i < caps.size(); ++i) {
    // β′ = c/w; a zero endowment has β′ = 0 (DEF-CAPS). An invalid cap (c ＜ 0 or c ＞ w)
    // maps to a β′ outside [0, 1], which the reference rejects like fx does.
    if (endowment[i] != 0)
      out[i] = Rational(Integer(caps[i].raw()), Integer(endowment[i].raw()));
    else if (caps[i] != 0)
      out[i] = Rational(caps[i] > 0 ? 2 : -1);
  }
  return out;
}

std::vector<ref::Score> to_exact_scores(std::span<const Fraction> scores) {
  std::vector<ref::Score> out(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] == infinite_score)
      out[i].infinite = true;
    else
      out[i].value = to_exact_fraction(scores[i]);
  }
  return out;
}

ref::ContractRounding to_exact(ContractRounding rounding) {
  switch (rounding) {
    case ContractRounding::Ceil: return ref::ContractRounding::Ceil;
    case ContractRounding::Floor: return ref::ContractRounding::Floor;
    case ContractRounding::Round: return ref::ContractRounding::Round;
  }
  return ref::ContractRounding::Ceil;
}

namespace {

/// The exact image of the columns in `reads` (and always w).
ref::PolicyInput exact_columns(const Book& book, const ref::PolicyColumns& reads) {
  ref::PolicyInput exact;
  exact.endowment = to_exact_money(book.endowment);
  if (reads.equity) exact.equity = to_exact_money(book.equity);
  if (reads.cap && !book.cap.empty()) exact.cap = to_exact_caps(book.endowment, book.cap);
  if (reads.score) exact.score = to_exact_scores(book.score);
  if (reads.leverage) exact.leverage = to_exact_fractions(book.leverage);
  if (reads.risk_weight) exact.risk_weight = to_exact_fractions(book.risk_weight);
  if (reads.rho) exact.rho = to_exact_fractions(book.rho);
  if (reads.quantity) {
    exact.quantity = to_exact_quantities(book.quantity, book.quantity_decimals);
    exact.loss_per_contract = to_exact_money(book.loss_per_contract);
  }
  return exact;
}

}  // namespace

ExactBook to_exact(const Book& book) {
  constexpr ref::PolicyColumns kEvery{true, true, true, true, true, true, true};
  return exact_columns(book, kEvery);
}

ref::PolicyInput to_exact(const Book& book, ref::PolicyKind kind) {
  return exact_columns(book, ref::policy_info(kind).reads);
}

std::vector<Money> round_to_fx(const std::vector<Rational>& exact_seized_usd, Money budget) {
  const std::size_t n = exact_seized_usd.size();
  const Rational micro(money_scale);
  // Step 1: floors and exact remainders of x⋆ in micro-USD.
  std::vector<Integer> floors(n);
  std::vector<Rational> remainders(n);
  Rational total = 0;
  Integer floor_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Rational x = exact_seized_usd[i] * micro;
    if (x < 0) {
      throw InvalidInput("round_to_fx: exact seized amount #" + std::to_string(i + 1) +
                         " is negative: " + ref::to_fraction(exact_seized_usd[i]));
    }
    floors[i] = floor_of(x);
    remainders[i] = x - Rational(floors[i]);
    total += x;
    floor_total += floors[i];
  }
  if (total != Rational(Integer(budget.raw()))) {
    throw InvalidInput("round_to_fx: the exact amounts sum to " + ref::to_fraction(total) +
                       " micro-USD, not the budget " + std::to_string(budget.raw()));
  }
  // Step 2: L leftover units; step 3: to the largest remainders, ties by ascending index.
  const Integer leftover = Integer(budget.raw()) - floor_total;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return remainders[i] > remainders[j]; });
  std::vector<Money> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = narrow(floors[i], "a rounded seized amount");
  for (std::size_t k = 0; Integer(k) < leftover; ++k) {
    if (k >= n || remainders[order[k]] == 0) {
      throw std::logic_error("round_to_fx: leftover units exceed the fractional amounts");
    }
    x[order[k]] += 1;
  }
  return x;
}

std::vector<Contracts> to_fx_contracts(const std::vector<Rational>& closed) {
  std::vector<Contracts> out(closed.size());
  for (std::size_t i = 0; i < closed.size(); ++i) {
    if (boost::multiprecision::denominator(closed[i]) != 1) {
      throw InvalidInput("closed contracts #" + std::to_string(i + 1) +
                         " is not whole: " + ref::to_fraction(closed[i]));
    }
    out[i] = narrow(boost::multiprecision::numerator(closed[i]), "a number of closed contracts");
  }
  return out;
}

Money to_fx_money(const Rational& usd, const std::string& what) {
  static const Integer scale(money_scale);
  return exact_multiple(usd, scale, what, "10^-6 USD");
}

Fraction to_fx_fraction(const Rational& value, const std::string& what) {
  static const Integer scale(fraction_scale);
  return exact_multiple(value, scale, what, "10^-9");
}

Money to_fx_cap(const Rational& cap_fraction, Money endowment, const std::string& what) {
  if (cap_fraction < 0 || cap_fraction > 1) {
    throw InvalidInput(what + ": cap fraction must lie in [0, 1], got " + ref::to_fraction(cap_fraction));
  }
  if (endowment < 0) throw InvalidInput(what + ": endowment must be >= 0");
  return narrow(floor_of(cap_fraction * Rational(Integer(endowment.raw()))), what);  // ≤ w
}

std::vector<Fraction> to_fx_scores(const std::vector<ref::Score>& scores) {
  std::vector<Fraction> out(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i].infinite) {
      out[i] = infinite_score;
      continue;
    }
    out[i] = to_fx_fraction(scores[i].value, "score #" + std::to_string(i + 1));
    if (out[i] == infinite_score) {
      throw_overflow("score #" + std::to_string(i + 1) + " (INT64_MAX is reserved for +infinity)");
    }
  }
  return out;
}

Book from_ref_book(const ref::Book& book) {
  ref::validate_book(book);
  require_indexable(book.accounts.size());
  Book out;
  const std::size_t n = book.accounts.size();
  out.endowment.resize(n);
  out.equity.resize(n);
  out.cap.resize(n);
  out.score.resize(n);
  out.leverage.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ref::Account& a = book.accounts[i];
    const std::string who = "account '" + a.id + "' field ";
    const Money cash = to_fx_money(a.cash, who + "cash");
    const Money pnl = to_fx_money(a.pnl, who + "pnl");
    if (a.min_equity) to_fx_money(*a.min_equity, who + "min_equity");
    // h̄ enters fx only through the money cap ⌊β·w⌋ below (FX-SCALES), so any exact h̄ ∈ [0, 1]
    // is accepted: fx::to_ref_book writes h̄ = c/w, which is on no decimal grid.
    out.endowment[i] = pnl > 0 ? pnl : 0;
    out.equity[i] = checked_add(cash, pnl, (who + "equity (cash + pnl)").c_str());
    out.cap[i] = to_fx_cap(ref::effective_cap(a), out.endowment[i], who + "cap");
    if (a.leverage) out.leverage[i] = to_fx_fraction(*a.leverage, who + "leverage");
    if (a.score) {
      out.score[i] = to_fx_fraction(*a.score, who + "score");
      if (out.score[i] == infinite_score) throw_overflow(who + "score (INT64_MAX is reserved for +infinity)");
    }
  }
  return out;
}

}  // namespace adl::fx
