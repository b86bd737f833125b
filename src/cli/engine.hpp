/// @file
/// The engine behind `adl run` and `adl compare`: the exact reference
/// (adl::ref) or the fixed-point engine (adl::fx), and the seam that lets both
/// print the same output (FX-ENGINE).
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/number.hpp"
#include "adl/ref/book.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <string>

namespace adl::cli {

/// Which implementation computes the allocations.
/// @spec FX-ENGINE
enum class Engine { Ref, Fx };

/// `--engine auto` picks fx for books with more accounts than this.
/// @spec FX-ENGINE
inline constexpr std::size_t kFxAutoThreshold = 10'000;

/// Parses `--engine` (`auto`, `fx`, `ref`) for a book of `accounts` accounts;
/// throws UsageError for anything else.
/// @spec FX-ENGINE
Engine choose_engine(const std::string& option, std::size_t accounts);

/// `ref` or `fx`, with what it means, for the output header.
/// @spec FX-ENGINE
std::string engine_description(Engine engine, const std::string& option);

/// An exact budget moved to the fx grid (FX-BUDGET): B_fx = ⌊10⁶·B⌋ micro-USD,
/// θ_fx = B_fx/D, so that B_fx = θ_fx·D still holds exactly.
/// @spec FX-BUDGET
struct FxBudget {
  ref::Budget exact;     ///< (θ_fx, B_fx) as exact rationals, `clipped` carried over.
  fx::Money raw = 0;     ///< B_fx in micro-USD.
  bool rounded = false;  ///< True when B was not a multiple of 10⁻⁶ USD.
};

/// The fx budget of a resolved exact budget on a book with deficit D.
/// @spec FX-BUDGET
FxBudget fx_budget(const ref::BookState& state, const ref::Budget& budget);

/// One policy computed by adl::fx on a book the reference has loaded: the fx
/// columns come from fx::from_ref_book (checked), scores and risk weights from
/// the same rules the reference uses (checked onto the 10⁻⁹ grid). The result
/// is returned as a ref::Allocation (x_i = raw·10⁻⁶ USD, h_i = x_i/w_i) so the
/// caller audits it with ref::check_allocation and prints it like a reference
/// result. Throws what the fx policy throws (InvalidInput, Infeasible, Overflow).
/// @spec FX-ENGINE
/// @spec FX-ROUNDING
ref::Allocation run_policy_fx(const fx::Book& fx_book, const ref::Book& book, const ref::BookState& state,
                              const ref::PolicyOptions& options, const FxBudget& budget);

}  // namespace adl::cli
