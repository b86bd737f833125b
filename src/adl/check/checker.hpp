/// @file
/// The checker (CGAL's Kernel_checker is the model): runs `adl::fx` and
/// `adl::ref` on the same fx input for a policy and decides whether they match
/// as spec/fx.md defines it (FX-ROUNDING, "Match"): fx.P(I, B) equals
/// round_to_fx(ref.P(to_exact(I), B)) bit for bit, or both raise the same kind
/// of error, or fx raises Overflow because the input leaves the documented fx
/// range (FX-OVERFLOW). On a mismatch the verdict carries a message with both
/// inputs (the fx integers and their exact images) and both outputs (money as
/// decimal USD and raw micro-USD).
///
/// The checker calls each engine only through its registry (fx::run_policy,
/// ref::run_policy) and the converters of the seam (to_exact, round_to_fx); it
/// shares no algorithm with either engine. The properties, the conformance
/// vectors' oracle, the benchmarks and the CLI use it.
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/number.hpp"

#include "adl/ref/number.hpp"
#include "adl/policy_kind.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::check {

using fx::i128;
using ref::Rational;

/// A raw count of micro-USD. The checker's inputs are integers in FX-SCALES
/// units, as the conformance vectors are (CONF-VECTOR-FORMAT), so that
/// generators, shrinkers and mutant engines work on plain integers; the
/// checker types them (to_book) before adl::fx sees them.
/// @spec FX-SCALES
using Money = std::int64_t;
/// A raw count of 10⁻⁹ (FX-SCALES).
/// @spec FX-SCALES
using Fraction = std::int64_t;
/// A raw count of 10⁻ᵏ contracts (FX-SCALES).
/// @spec FX-SCALES
using Contracts = std::int64_t;

/// A policy of spec/fx.md section 3 (the reference's PolicyKind: one type for both engines).
/// @spec POL-ADL-POLICY
using Policy = adl::PolicyKind;

/// True for the policies whose seized amounts are bounded by the money caps c.
/// @spec FX-SCALES
bool uses_caps(Policy policy);

/// One fx input in raw FX-SCALES counts. Every policy reads only the columns
/// it needs (spec/fx.md section 3); the others may stay empty.
/// @spec FX-SCALES
struct Input {
  std::vector<Money> endowment;                                ///< w_i, micro-USD.
  std::vector<Money> equity;                                   ///< e_i, micro-USD (min–max, greedy one-step).
  std::vector<Money> cap;                                      ///< Money caps c_i, micro-USD (capped policies).
  std::vector<Fraction> score;                                 ///< Queue scores at 10⁻⁹, INT64_MAX = +∞.
  std::vector<Fraction> leverage;                              ///< ℓ_i at 10⁻⁹ (levered pro-rata).
  std::vector<Fraction> risk_weight;                           ///< w̃_i at 10⁻⁹ (RAP).
  std::vector<Fraction> rho;                                   ///< ρ_i at 10⁻⁹ (greedy one-step).
  std::vector<Contracts> quantity;                             ///< |q_i| at 10⁻ᵏ contracts (contract pro-rata).
  int quantity_decimals = 0;                                   ///< k.
  Money loss_per_contract = 1;                                 ///< d, micro-USD per contract.
  fx::ContractRounding rounding = fx::ContractRounding::Ceil;  ///< Rounding of Q = B/d.
  Money budget = 0;                                            ///< B, micro-USD.
};

/// The typed fx book of an input (each column in its FX-SCALES unit).
/// @spec FX-SCALES
fx::Book to_book(const Input& input);

/// The raw input of an fx book at budget B (the inverse of to_book).
/// @spec FX-SCALES
Input to_input(const fx::Book& book, fx::Money budget);

/// How an engine ended.
/// @spec FX-OVERFLOW
/// @spec POL-VALID
enum class Outcome {
  Ok,            ///< A result.
  InvalidInput,  ///< adl::ref::InvalidInput (fx uses the same type).
  Infeasible,    ///< adl::ref::Infeasible.
  Overflow,      ///< adl::fx::Overflow (fx only).
  Unexpected,    ///< Any other exception: always a mismatch.
};

/// "ok", "InvalidInput", ...
/// @spec FX-OVERFLOW
const char* outcome_name(Outcome outcome);

/// The fx side: seized micro-USD (whole contracts for contract pro-rata).
/// @spec FX-ROUNDING
struct FxOutput {
  Outcome outcome = Outcome::Ok;     ///< How fx ended.
  std::vector<std::int64_t> values;  ///< The result when outcome is Ok.
  std::string error;                 ///< The exception message otherwise.
};

/// The reference side: the exact result and its FX-ROUNDING.
/// @spec FX-ROUNDING
/// @spec FX-TO-EXACT
struct RefOutput {
  Outcome outcome = Outcome::Ok;      ///< How ref (or the seam) ended.
  std::vector<Rational> exact;        ///< x⋆ in USD (closed contracts for contract pro-rata).
  std::vector<std::int64_t> rounded;  ///< round_to_fx(x⋆, B) (to_fx_contracts for contracts).
  std::int64_t units_handed_out = 0;  ///< L of FX-ROUNDING: accounts rounded up.
  std::string error;                  ///< The exception message otherwise.
};

/// An fx engine under test: the real adl::fx (run_fx) or a test-only mutant.
/// @spec FX-ROUNDING
using FxEngine = std::function<FxOutput(Policy, const Input&)>;

/// Runs adl::fx on the input.
/// @spec FX-POL-QUEUE
/// @spec FX-POL-PRO-RATA
/// @spec FX-POL-LEV-PRO-RATA
/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec FX-POL-RAP
/// @spec FX-POL-MINMAX-CONT
/// @spec FX-POL-GREEDY-ONESTEP
/// @spec FX-POL-CONTRACT-PRO-RATA
FxOutput run_fx(Policy policy, const Input& input);

/// Runs a computation of fx values and turns its exception, if any, into an
/// Outcome (what run_fx does around the real policies; mutants use it too).
/// @spec FX-OVERFLOW
FxOutput capture_fx(const std::function<std::vector<std::int64_t>()>& compute);

/// Runs adl::ref on to_exact(input) and rounds the result by FX-ROUNDING.
/// @spec FX-TO-EXACT
/// @spec FX-ROUNDING
RefOutput run_ref(Policy policy, const Input& input);

/// The policy's capacity at this input, exactly (128 bits): U = Σ w⁺ for the
/// queue and pro-rata, Σ c over w ＞ 0 for the capped policies, Σ c over
/// w ＞ 0 and w̃ ＞ 0 for RAP. Contract pro-rata has none (returns 0).
/// @spec DEF-CAPACITY
/// @spec POL-VALID
i128 capacity_of(Policy policy, const Input& input);

/// True when the input leaves the range fx promises to handle (FX-OVERFLOW):
/// U = Σ w⁺ above INT64_MAX (every wealth policy), or more accounts than uint32
/// indices address. Only then may fx report Overflow where ref succeeds, and
/// then it must.
/// @spec FX-OVERFLOW
bool exceeds_fx_range(Policy policy, const Input& input);

/// The verdict of one comparison.
/// @spec FX-ROUNDING
struct Verdict {
  bool agree = true;    ///< fx matches round(ref) as spec/fx.md defines it.
  std::string message;  ///< Both inputs and both outputs, on a mismatch.
  FxOutput fx;          ///< The fx side.
  RefOutput ref;        ///< The reference side.
};

/// Compares the real adl::fx with round(ref).
/// @spec FX-ROUNDING
/// @spec FX-OVERFLOW
Verdict check_agreement(Policy policy, const Input& input);

/// Compares an fx engine (the real one or a mutant) with round(ref).
/// @spec FX-ROUNDING
/// @spec FX-OVERFLOW
Verdict check_agreement(Policy policy, const Input& input, const FxEngine& engine);

/// The invariants of FX-ROUNDING on an fx result alone: Σ x = B exactly,
/// 0 ≤ x_i ≤ c_i ≤ w_i (c_i only for capped policies), x_i ≤ w_i = (PnL_i)₊
/// (no principal touched), x_i = 0 where w_i = 0. Returns the first violation.
/// @spec FX-ROUNDING
/// @spec POL-VALID
std::optional<std::string> rounding_invariants(Policy policy, const Input& input,
                                               const std::vector<std::int64_t>& seized);

/// A money amount as exact decimal USD and raw micro-USD: `1.500000 USD (1500000)`.
/// @spec FX-SCALES
std::string format_money(i128 micro_usd);

/// A fraction (10⁻⁹) as raw and exact decimal: `2500000000 (2.5)`; scores print +inf.
/// @spec FX-SCALES
std::string format_fraction(Fraction raw);

/// Both inputs: the fx integers, row per account, and their exact images (FX-TO-EXACT).
/// @spec FX-TO-EXACT
std::string describe_input(Policy policy, const Input& input);

}  // namespace adl::check
