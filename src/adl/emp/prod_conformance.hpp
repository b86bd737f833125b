/// @file
/// Conformance of production's ADL fills as far as the event rows show it
/// (spec/empirical.md, EMP-PROD-CONFORMANCE): five checks per row, with counts
/// and the worst cases by line.
#pragma once

#include "adl/emp/events.hpp"
#include "adl/ref/number.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace adl::emp {

/// One failing row of a check.
/// @spec EMP-PROD-CONFORMANCE
struct ConformanceCase {
  std::size_t line = 0;     ///< Line of the row.
  ref::Rational violation;  ///< Size of the violation (see ConformanceCheck::violation_measure).
  std::string detail;       ///< The values involved.
};

/// The result of one check over every row.
/// @spec EMP-PROD-CONFORMANCE
struct ConformanceCheck {
  std::string id;  ///< `i` … `v`, as in the spec.
  std::string
      name;  ///< Stable name (`position_open`, `reduced_not_flipped`, `opposite_side`, `profitable`, `closed_pnl_consistent`).
  std::string description;             ///< What is checked.
  std::string violation_measure;       ///< What ConformanceCase::violation measures.
  std::size_t checked = 0;             ///< Rows on which the check could be evaluated.
  std::size_t failing = 0;             ///< Checked rows that fail.
  std::size_t not_observable = 0;      ///< Rows on which the data cannot tell (checked + not_observable = rows).
  std::vector<ConformanceCase> worst;  ///< Largest violations first (ties: earlier line), at most the requested count.
};

/// The five checks.
/// @spec EMP-PROD-CONFORMANCE
struct ProdConformance {
  std::size_t rows = 0;                    ///< Rows of the event table.
  std::array<ConformanceCheck, 5> checks;  ///< (i) … (v), in order.
};

/// Absolute part of the tolerance of check (v): 10⁻⁶ USD.
/// @spec EMP-PROD-CONFORMANCE
ref::Rational closed_pnl_abs_tolerance();

/// Relative part of the tolerance of check (v): 10⁻⁹.
/// @spec EMP-PROD-CONFORMANCE
ref::Rational closed_pnl_rel_tolerance();

/// Runs the checks on every row:
/// (i) `position_size` ≠ 0;
/// (ii) `adl_size` ≤ |`position_size`|;
/// (iii) when the liquidated account also appears as a `user` on the same coin,
///   the position of its row nearest in time (ties: the earlier line) has the
///   sign opposite to this row's position; not observable when it does not
///   appear, or when either position is 0;
/// (iv) `closed_pnl` > 0;
/// (v) |`closed_pnl` − sign(position)·`adl_size`·(`adl_price` − `entry_price`)| ≤
///   10⁻⁶ + 10⁻⁹·|expected|; not observable when `position_size` is 0.
/// Keeps the `worst_cases` largest violations of each check.
/// @spec EMP-PROD-CONFORMANCE
/// @spec AMB-E-02
ProdConformance prod_conformance(const EventTable& table, std::size_t worst_cases = 5);

}  // namespace adl::emp
