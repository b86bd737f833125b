/// @file
/// The renderers of `adl replay` (internal to the command): each formats the
/// one view model, emp::ReplaySummary, and computes nothing of its own — text
/// for people, the JSON document (EMP-REPLAY-JSON) and the HTML report with
/// its plots (EMP-REPORT). The cell formatters are shared by text and HTML so
/// that a number reads the same in both.
#pragma once

#include "adl/emp/replay_summary.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace adl::cli::replay_render {

/// The text output; `report` is the HTML file written beside it, if any.
std::string text(const emp::ReplaySummary& summary, const std::optional<std::string>& report);

/// The JSON document (schema adlref.replay/1), as printed.
std::string json(const emp::ReplaySummary& summary);

/// The self-contained HTML page; plots are drawn by gnuplot, progress goes to `progress`.
std::string html(const emp::ReplaySummary& summary, std::ostream& progress);

// ------------------------------------------------------------ shared cells

/// The nearest double (plots and the queue diagnostic's JSON numbers).
double to_double(const ref::Rational& x);

/// A ratio as a percentage with `digits` decimals, rounded half away from zero (`50.01 %`).
std::string percent(const ref::Rational& ratio, unsigned digits);

/// Unix milliseconds as `HH:MM:SS.mmm` UTC.
std::string utc_time(std::int64_t ms);

/// A small magnitude for people: `4.4e-13`, or `0` when exactly zero.
std::string scientific(const ref::Rational& x);

/// The three largest violations of a conformance check, `line N: v; …` (empty when none).
std::string worst_cases(const emp::ConformanceCheck& check);

/// One row of the horizon sweep: Δ, ΣH_prod(Δ), O(Δ).
std::vector<std::string> horizon_cells(const emp::HorizonTotal& horizon);

/// One row of the loss table: policy, T, F, L¹, L¹/𝔅.
std::vector<std::string> loss_cells(const emp::PolicyLoss& policy);

/// One cluster of the queue diagnostic: coin, cluster, start, deficit, capacity, budget, overshoot, residual.
std::vector<std::string> queue_cells(const emp::QueueCluster& cluster);

/// The band sentence: `band [min, max], maximum at Δ ms` (`Band` when `capital`).
std::string band_text(const emp::ReplaySummary& summary, bool capital);

}  // namespace adl::cli::replay_render
