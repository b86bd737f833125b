// The checker (checker.hpp). Calls adl::fx and adl::ref only through their
// registries and the converters of the seam (spec/fx.md, FX-TO-EXACT and
// FX-ROUNDING).
#include "adl/check/checker.hpp"

#include "adl/fx/contracts.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/error.hpp"
#include "adl/fx/policies.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/policies.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace adl::check {
namespace {

// ---------------------------------------------------------------- small helpers

using ref::Integer;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// Decimal digits of a 128-bit integer (for messages).
// @spec FX-WIDE
std::string to_string_i128(i128 value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  fx::u128 magnitude = negative ? static_cast<fx::u128>(-(value + 1)) + 1 : static_cast<fx::u128>(value);
  std::string digits;
  while (magnitude > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// The i-th entry of a column, or null past its end (columns of the wrong length are inputs too).
// @spec POL-VALID
template <class T>
const T* at_or_null(const std::vector<T>& column, std::size_t i) {
  return i < column.size() ? &column[i] : nullptr;
}

// Contract pro-rata returns whole contracts, not money.
// @spec FX-POL-CONTRACT-PRO-RATA
bool is_contracts(Policy policy) { return ref::policy_info(policy).reads.quantity; }

// Which input columns a policy reads (spec/fx.md section 3).
// @spec FX-SCALES
const ref::PolicyColumns& columns_of(Policy policy) { return ref::policy_info(policy).reads; }

// The rounding of Q by name.
// @spec FX-POL-CONTRACT-PRO-RATA
const char* rounding_name(fx::ContractRounding rounding) {
  switch (rounding) {
    case fx::ContractRounding::Ceil: return "ceil";
    case fx::ContractRounding::Floor: return "floor";
    case fx::ContractRounding::Round: return "round-half-even";
  }
  return "?";
}

// An exact value as `7/16 (0.4375)`.
// @spec FMT-NUMBER
std::string format_rational(const Rational& value) { return ref::format_exact(value); }

// x⋆ in USD, shown in micro-USD (exact) since fx rounds at that scale.
// @spec FX-ROUNDING
std::string format_exact_micro(const Rational& usd) {
  return ref::format_exact(Rational(usd * Rational(fx::money_scale))) + " µUSD";
}

// A queue score, +inf for INT64_MAX.
// @spec AMB-P-03
std::string format_score(Fraction raw) {
  if (raw == fx::infinite_score) return "+inf (raw INT64_MAX)";
  return format_fraction(raw);
}

}  // namespace

// ---------------------------------------------------------------- names

bool uses_caps(Policy policy) { return columns_of(policy).cap; }

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Ok: return "ok";
    case Outcome::InvalidInput: return "InvalidInput";
    case Outcome::Infeasible: return "Infeasible";
    case Outcome::Overflow: return "Overflow";
    case Outcome::Unexpected: return "unexpected exception";
  }
  return "?";
}

// ---------------------------------------------------------------- formatting

std::string format_money(i128 micro_usd) {
  const bool negative = micro_usd < 0;
  const fx::u128 magnitude = negative ? static_cast<fx::u128>(-(micro_usd + 1)) + 1 : static_cast<fx::u128>(micro_usd);
  const auto scale = static_cast<fx::u128>(fx::money_scale);
  std::string fraction = to_string_i128(static_cast<i128>(magnitude % scale));
  fraction.insert(0, 6 - fraction.size(), '0');
  return (negative ? "-" : "") + to_string_i128(static_cast<i128>(magnitude / scale)) + "." + fraction + " USD (" +
         to_string_i128(micro_usd) + ")";
}

std::string format_fraction(Fraction raw) {
  const bool negative = raw < 0;
  const fx::u128 magnitude = negative ? static_cast<fx::u128>(-(static_cast<i128>(raw))) : static_cast<fx::u128>(raw);
  const auto scale = static_cast<fx::u128>(fx::fraction_scale);
  std::string fraction = to_string_i128(static_cast<i128>(magnitude % scale));
  fraction.insert(0, 9 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string whole = (negative ? "-" : "") + to_string_i128(static_cast<i128>(magnitude / scale));
  return std::to_string(raw) + " (" + whole + (fraction.empty() ? "" : "." + fraction) + ")";
}

std::string describe_input(Policy policy, const Input& in) {
  std::ostringstream out;
  const ref::PolicyColumns& col = columns_of(policy);
  if (is_contracts(policy)) {
    out << "  budget B = " << format_money(in.budget)
        << ", loss per contract d = " << format_money(in.loss_per_contract)
        << ", quantity decimals k = " << in.quantity_decimals << ", rounding of Q = " << rounding_name(in.rounding)
        << "\n";
    for (std::size_t i = 0; i < in.quantity.size(); ++i) {
      out << "  #" << i + 1 << "  |q| raw " << in.quantity[i];
      try {
        out << " = " << format_rational(fx::to_exact_quantity(in.quantity[i], in.quantity_decimals)) << " contracts";
      } catch (const std::exception&) {
        out << " (no exact image: decimals out of range)";
      }
      out << "\n";
    }
    return out.str();
  }
  out << "  budget B = " << format_money(in.budget) << "\n";
  std::vector<Rational> beta;
  if (col.cap) {
    try {
      const fx::Book book = to_book(in);
      beta = fx::to_exact_caps(book.endowment, book.cap);
    } catch (const std::exception&) {
      beta.clear();  // mismatched lengths: no exact caps
    }
  }
  std::size_t rows = in.endowment.size();
  if (col.cap) rows = std::max(rows, in.cap.size());
  if (col.equity) rows = std::max(rows, in.equity.size());
  if (col.score) rows = std::max(rows, in.score.size());
  if (col.leverage) rows = std::max(rows, in.leverage.size());
  if (col.risk_weight) rows = std::max(rows, in.risk_weight.size());
  if (col.rho) rows = std::max(rows, in.rho.size());
  const auto money_cell = [](const Money* v) { return v != nullptr ? format_money(*v) : std::string("(missing)"); };
  const auto fraction_cell = [](const Fraction* v) {
    return v != nullptr ? format_fraction(*v) : std::string("(missing)");
  };
  for (std::size_t i = 0; i < rows; ++i) {
    out << "  #" << i + 1 << "  w = " << money_cell(at_or_null(in.endowment, i));
    if (col.equity) out << ", e = " << money_cell(at_or_null(in.equity, i));
    if (col.cap) {
      out << ", c = " << money_cell(at_or_null(in.cap, i));
      if (i < beta.size()) out << " (β′ = c/w = " << format_rational(beta[i]) << ")";
    }
    if (col.score) {
      const Fraction* s = at_or_null(in.score, i);
      out << ", s = " << (s != nullptr ? format_score(*s) : std::string("(missing)"));
    }
    if (col.leverage) out << ", ℓ = " << fraction_cell(at_or_null(in.leverage, i));
    if (col.risk_weight) out << ", w̃ = " << fraction_cell(at_or_null(in.risk_weight, i));
    if (col.rho) out << ", ρ = " << fraction_cell(at_or_null(in.rho, i));
    out << "\n";
  }
  return out.str();
}

// ---------------------------------------------------------------- running the engines

// What an exception of the fixed-point engine stands for, tested in this order
// (as catch clauses would be): an overflow, rejected input, an infeasible
// budget, anything else.
Outcome fx_outcome_of(const std::exception& e) {
  if (dynamic_cast<const fx::Overflow*>(&e) != nullptr) return Outcome::Overflow;
  if (dynamic_cast<const ref::InvalidInput*>(&e) != nullptr) return Outcome::InvalidInput;
  if (dynamic_cast<const ref::Infeasible*>(&e) != nullptr) return Outcome::Infeasible;
  return Outcome::Unexpected;
}

FxOutput capture_fx(const std::function<std::vector<std::int64_t>()>& compute) {
  FxOutput out;
  try {
    out.values = compute();
  } catch (const std::exception& e) {
    out.outcome = fx_outcome_of(e);
    out.error = e.what();
  }
  return out;
}

fx::Book to_book(const Input& in) {
  fx::Book book;
  book.endowment.assign(in.endowment.begin(), in.endowment.end());
  book.equity.assign(in.equity.begin(), in.equity.end());
  book.cap.assign(in.cap.begin(), in.cap.end());
  book.score.assign(in.score.begin(), in.score.end());
  book.leverage.assign(in.leverage.begin(), in.leverage.end());
  book.risk_weight.assign(in.risk_weight.begin(), in.risk_weight.end());
  book.rho.assign(in.rho.begin(), in.rho.end());
  book.quantity.assign(in.quantity.begin(), in.quantity.end());
  book.quantity_decimals = in.quantity_decimals;
  book.loss_per_contract = in.loss_per_contract;
  return book;
}

Input to_input(const fx::Book& book, fx::Money budget) {
  Input in;
  in.endowment = fx::raw_counts(book.endowment);
  in.equity = fx::raw_counts(book.equity);
  in.cap = fx::raw_counts(book.cap);
  in.score = fx::raw_counts(book.score);
  in.leverage = fx::raw_counts(book.leverage);
  in.risk_weight = fx::raw_counts(book.risk_weight);
  in.rho = fx::raw_counts(book.rho);
  in.quantity = fx::raw_counts(book.quantity);
  in.quantity_decimals = book.quantity_decimals;
  in.loss_per_contract = book.loss_per_contract.raw();
  in.budget = budget.raw();
  return in;
}

FxOutput run_fx(Policy policy, const Input& in) {
  return capture_fx([&]() -> std::vector<std::int64_t> {
    const fx::Book book = to_book(in);
    const fx::Allocation a = fx::run_policy(fx::view(book), policy, in.budget, fx::PolicyOptions{in.rounding});
    return is_contracts(policy) ? fx::raw_counts(a.closed) : fx::raw_counts(a.seized);
  });
}

RefOutput run_ref(Policy policy, const Input& in) {
  RefOutput out;
  // Step 1: the reference on the exact image of the input (FX-TO-EXACT). The
  // seam's own InvalidInput (a cap column of the wrong length, decimals out of
  // range) counts as the reference's.
  try {
    ref::PolicyInput exact = fx::to_exact(to_book(in), policy);
    exact.rounding = fx::to_exact(in.rounding);
    ref::Allocation a = ref::run_policy(policy, exact, fx::to_exact_money(in.budget));
    out.exact = is_contracts(policy) ? std::move(a.closed) : std::move(a.seized);
  } catch (const ref::InvalidInput& e) {
    out.outcome = Outcome::InvalidInput;
    out.error = e.what();
    return out;
  } catch (const ref::Infeasible& e) {
    out.outcome = Outcome::Infeasible;
    out.error = e.what();
    return out;
  } catch (const std::exception& e) {
    out.outcome = Outcome::Unexpected;
    out.error = std::string("reference: ") + e.what();
    return out;
  }
  // Step 2: FX-ROUNDING of the exact result (the identity on whole contracts).
  // A rejection here means the reference broke Σ x⋆ = B or x⋆ ≥ 0: never a match.
  try {
    if (is_contracts(policy)) {
      out.rounded = fx::raw_counts(fx::to_fx_contracts(out.exact));
    } else {
      out.rounded = fx::raw_counts(fx::round_to_fx(out.exact, in.budget));
      for (std::size_t i = 0; i < out.exact.size(); ++i) {
        const Integer floor = ref::floor_of(Rational(out.exact[i] * Rational(fx::money_scale)));
        if (Integer(out.rounded[i]) != floor) ++out.units_handed_out;
      }
    }
  } catch (const std::exception& e) {
    out.outcome = Outcome::Unexpected;
    out.error = std::string("round_to_fx rejected the reference result: ") + e.what();
  }
  return out;
}

// ---------------------------------------------------------------- capacity and range

i128 capacity_of(Policy policy, const Input& in) {
  // U for the uncapped policies, Σ c over the capped ones' eligible accounts
  // (RAP: only those with w̃ ＞ 0); contract pro-rata has no money capacity.
  const ref::PolicyColumns& reads = columns_of(policy);
  if (reads.quantity) return 0;
  i128 total = 0;
  for (std::size_t i = 0; i < in.endowment.size(); ++i) {
    const Money w = in.endowment[i];
    if (w <= 0) continue;
    if (reads.risk_weight && !(i < in.risk_weight.size() && in.risk_weight[i] > 0)) continue;
    total += reads.cap ? (i < in.cap.size() ? in.cap[i] : 0) : w;
  }
  return total;
}

bool exceeds_fx_range(Policy policy, const Input& in) {
  if (is_contracts(policy)) return in.quantity.size() > fx::max_accounts;
  if (in.endowment.size() > fx::max_accounts) return true;
  i128 capacity = 0;
  for (const Money w : in.endowment) {
    if (w > 0) capacity += w;
  }
  return capacity > int64_max;
}

// ---------------------------------------------------------------- the verdict

namespace {

// Both outputs, row per account: fx, the exact x⋆ and round(ref), differences marked.
// @spec FX-ROUNDING
std::string describe_outputs(Policy policy, const FxOutput& fx, const RefOutput& ref) {
  std::ostringstream out;
  const bool contracts = is_contracts(policy);
  const auto value_cell = [&](std::int64_t v) {
    return contracts ? std::to_string(v) + " contracts" : format_money(v);
  };
  out << "fx:  " << outcome_name(fx.outcome);
  if (fx.outcome != Outcome::Ok) out << " — " << fx.error;
  out << "\nref: " << outcome_name(ref.outcome);
  if (ref.outcome != Outcome::Ok) out << " — " << ref.error;
  out << "\n";
  const std::size_t rows = std::max(fx.values.size(), ref.exact.size());
  if (rows == 0) return out.str();
  if (!contracts && ref.outcome == Outcome::Ok) {
    out << "FX-ROUNDING: " << ref.units_handed_out << " unit(s) handed out to the largest remainders\n";
  }
  for (std::size_t i = 0; i < rows; ++i) {
    out << "  #" << i + 1 << "  fx x = " << (i < fx.values.size() ? value_cell(fx.values[i]) : std::string("—"));
    if (i < ref.exact.size()) {
      out << " | ref x⋆ = "
          << (contracts ? format_rational(ref.exact[i]) + " contracts" : format_exact_micro(ref.exact[i]));
    }
    if (i < ref.rounded.size()) out << " → round(ref) = " << value_cell(ref.rounded[i]);
    if (i < fx.values.size() && i < ref.rounded.size() && fx.values[i] != ref.rounded[i]) out << "   <-- differs";
    out << "\n";
  }
  return out.str();
}

}  // namespace

Verdict check_agreement(Policy policy, const Input& input) { return check_agreement(policy, input, run_fx); }

Verdict check_agreement(Policy policy, const Input& input, const FxEngine& engine) {
  Verdict v;
  v.fx = engine(policy, input);
  v.ref = run_ref(policy, input);
  const bool out_of_range = exceeds_fx_range(policy, input);
  std::string why;
  if (v.fx.outcome == Outcome::Unexpected || v.ref.outcome == Outcome::Unexpected) {
    why = "an engine raised an unexpected exception";
  } else if (v.fx.outcome == Outcome::Overflow) {
    // FX-OVERFLOW: Overflow only outside the documented range.
    if (!out_of_range) why = "fx raised Overflow although the input lies inside the fx range (FX-OVERFLOW)";
  } else if (out_of_range) {
    // FX-OVERFLOW: outside the range fx must refuse with Overflow, unless both
    // engines reject the input for a domain error first.
    if (v.ref.outcome == Outcome::Ok || v.fx.outcome != v.ref.outcome) {
      why = "U = Σ w⁺ exceeds INT64_MAX but fx did not raise Overflow (FX-OVERFLOW)";
    }
  } else if (v.fx.outcome != v.ref.outcome) {
    why = std::string("different outcomes: fx ") + outcome_name(v.fx.outcome) + ", ref " + outcome_name(v.ref.outcome);
  } else if (v.fx.outcome == Outcome::Ok && v.fx.values != v.ref.rounded) {
    why = is_contracts(policy) ? "fx closed contracts differ from the reference's (FX-POL-CONTRACT-PRO-RATA)"
                               : "fx differs from round(ref) (FX-ROUNDING)";
  }
  if (why.empty()) return v;
  v.agree = false;
  std::ostringstream message;
  message << "MISMATCH in " << policy_name(policy) << ": " << why << "\n"
          << "input (fx raw and exact image, FX-TO-EXACT), " << input.endowment.size() + input.quantity.size()
          << " account(s):\n"
          << describe_input(policy, input) << describe_outputs(policy, v.fx, v.ref);
  v.message = message.str();
  return v;
}

// ---------------------------------------------------------------- invariants on fx alone

std::optional<std::string> rounding_invariants(Policy policy, const Input& in, const std::vector<std::int64_t>& x) {
  const std::size_t n = in.endowment.size();
  if (x.size() != n) {
    return "fx returned " + std::to_string(x.size()) + " amounts for " + std::to_string(n) + " accounts";
  }
  const bool capped = uses_caps(policy);
  i128 total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Money w = in.endowment[i];
    const std::string who = "account #" + std::to_string(i + 1) + ": ";
    if (x[i] < 0) return who + "x = " + format_money(x[i]) + " < 0";
    if (x[i] > w) {
      return who + "x = " + format_money(x[i]) + " > w = " + format_money(w) + " (principal touched)";
    }
    if (capped) {
      if (in.cap[i] > w) return who + "cap c = " + format_money(in.cap[i]) + " > w (input)";
      if (x[i] > in.cap[i]) return who + "x = " + format_money(x[i]) + " > c = " + format_money(in.cap[i]);
    }
    total += x[i];
  }
  if (total != in.budget) {
    return "Σ x = " + format_money(total) + " differs from B = " + format_money(in.budget);
  }
  return std::nullopt;
}

}  // namespace adl::check
