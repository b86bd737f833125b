/// @file
/// Helpers shared by the subcommands of the `adl` command: exact command-line
/// numbers, policy parameters, aligned text tables and JSON rationals.
#pragma once

#include "adl/io/read.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adl::cli {

/// Version printed by `adl --version`.
inline constexpr const char* kVersion = "0.1.0";

/// An impossible command-line request (a malformed number, an unknown score
/// rule, an unreadable file). Printed as `adl: error: MESSAGE`, exit code 2.
/// @spec FMT-ERRORS
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Exit codes of `adl` (spec/formats.md, FMT-ERRORS).
/// @spec FMT-ERRORS
enum ExitCode : int { kExitOk = 0, kExitViolations = 1, kExitInput = 2, kExitInternal = 70 };

/// Parses a command-line number exactly (FMT-NUMBER); throws UsageError naming the option.
/// @spec FMT-NUMBER
ref::Rational parse_number(const std::string& option, const std::string& text);

/// Parses `--score`: explicit, hyperliquid, binance, largest-first.
ref::ScoreRule parse_score(const std::string& text);
/// The `--score` spelling of a rule.
std::string score_name(ref::ScoreRule rule);

/// Parses `--risk`: `linear`, `power:C` (C an integer ≥ 2), `cvar:T` (T ≥ 0, exact).
/// @spec DEF-RISK-MODEL
ref::RiskModel parse_risk(const std::string& text);
/// The `--risk` spelling of a model (`linear`, `power:2`, `cvar:9/10`).
std::string risk_name(const ref::RiskModel& model);

/// `wealth` or `position`.
std::string form_name(io::BookForm form);

/// Reads the book of a command: the file when given, else the embedded
/// EX-5ACCT example. Throws io::InputError.
io::LoadedBook load_book_or_default(const std::optional<std::string>& path);

/// The budget options shared by run, compare and check.
struct BudgetOptions {
  std::optional<std::string> severity;  ///< `--severity θ` as typed.
  std::optional<std::string> budget;    ///< `--budget B` as typed.
  bool clip = false;                    ///< `--clip-budget`.
};

/// Builds the library request from the typed options (exact parsing).
ref::BudgetRequest budget_request(const BudgetOptions& options);

/// Parses `--seed`: decimal digits only, an integer in [0, 2^64); UsageError otherwise.
std::uint64_t parse_seed(const std::string& text);

/// Display width of UTF-8 text: the number of code points (not bytes).
std::size_t display_width(std::string_view text);

/// `text` padded with spaces to `width` display columns, on the right (left-aligned) or left.
std::string pad(std::string_view text, std::size_t width, bool right_align);

/// An aligned text table: columns sized by display width, two spaces between
/// columns, a rule under the header. Cells never contain two spaces in a row,
/// so a run of two or more spaces always separates columns.
class Table {
 public:
  /// One column: its header and whether numbers are right-aligned.
  struct Column {
    std::string header;
    bool right_align = false;
  };
  /// A table with these columns.
  explicit Table(std::vector<Column> columns);
  /// Appends a row; it must have one cell per column.
  void add_row(std::vector<std::string> cells);
  /// Appends a row whose first cell is aligned and whose remainder is free text
  /// spanning the other columns (used for "n/a — reason" rows).
  void add_spanning_row(std::string first, std::string rest);
  /// The rendered table, each line prefixed with `indent`, ending in a newline.
  [[nodiscard]] std::string render(const std::string& indent = "") const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::optional<std::string> span;
  };
  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

/// A column of text, left-aligned.
inline Table::Column left_column(std::string header) { return {std::move(header), false}; }
/// A column of numbers, right-aligned.
inline Table::Column right_column(std::string header) { return {std::move(header), true}; }

/// Two-column "label  value" lines, labels padded to a common width.
class KeyValues {
 public:
  /// Appends one line.
  void add(std::string label, std::string value);
  /// The rendered lines, each prefixed with `indent`.
  [[nodiscard]] std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<std::pair<std::string, std::string>> lines_;
};

/// An exact rational as a JSON string (`"7/16"`, `"-3"`).
nlohmann::ordered_json exact_json(const ref::Rational& value);
/// As exact_json, or JSON null when absent.
nlohmann::ordered_json exact_json(const std::optional<ref::Rational>& value);

/// The JSON text of a document, indented, invalid UTF-8 replaced, ending in a newline.
std::string dump_json(const nlohmann::ordered_json& document);

/// The metrics object of `adl run` (`round_totals`: with the socialized amount, the
/// remaining deficit and the surviving winners) or of one policy in `adl compare`
/// (υ^π, PTSR, PMR, max burden, max haircut, winners touched), in that order.
/// @spec MET-PTSR
nlohmann::ordered_json metrics_json(const ref::RoundMetrics& metrics, bool round_totals);

/// The start of a JSON document about a loaded book: {schema, book: book_json(book)}.
nlohmann::ordered_json book_document(const std::string& schema, const io::LoadedBook& book);

/// The totals object shared by `adl run` and `adl compare` JSON output.
nlohmann::ordered_json totals_json(const ref::BookState& state, const ref::Budget& budget);

/// The "Book" lines shared by `adl run` and `adl compare`: source, form, account
/// counts, D, Δ, U, υ, C(β), W, Σe and the caps file when one was given.
/// @spec DEF-DEFICIT
KeyValues book_lines(const io::LoadedBook& book, const ref::BookState& state,
                     const std::optional<std::string>& caps_file);

/// How many accounts a book has, and how many of them win and lose.
struct AccountCounts {
  std::size_t accounts = 0;  ///< All accounts.
  std::size_t winners = 0;   ///< Accounts with e > 0.
  std::size_t losers = 0;    ///< Accounts with e < 0.
};

/// The "Book" lines of a book known by its counts and aggregates only (the
/// fixed-point path of `adl compare`, which never builds index lists); the
/// aggregates' winner and loser lists are not read.
/// @spec DEF-DEFICIT
KeyValues book_lines(const std::string& source, io::BookForm form, const AccountCounts& counts,
                     const ref::BookState& aggregates, const std::optional<std::string>& caps_file);

/// The book object shared by the JSON outputs: {source, form, accounts}.
nlohmann::ordered_json book_json(const io::LoadedBook& book);

/// The validity predicates in report order (check_allocation names).
/// @spec POL-VALID
const std::vector<std::string>& predicate_names();

/// One line per predicate: `pass`, `not checked (reason)` for cap predicates when
/// caps are not enforced, or each violation's detail. Any predicate the library
/// reports that is not in predicate_names() is listed too.
std::string render_predicates(const ref::ValidityReport& report, bool caps_checked, const std::string& caps_reason,
                              const std::string& indent = "  ");

/// The JSON list of violations: [{predicate, account (id) | null, detail}].
nlohmann::ordered_json violations_json(const ref::Book& book, const ref::ValidityReport& report);

/// A one-line progress bar on standard error when it is a terminal; nothing
/// when it is piped or redirected, so logs and captured output stay clean.
class Progress {
 public:
  /// A bar for `total` steps written to `stream`.
  Progress(std::ostream& stream, std::size_t total);
  /// Redraws the bar: `done` of the total, then a short label of the current step.
  void show(std::size_t done, const std::string& current);
  /// Clears the bar's line.
  void finish();

 private:
  std::ostream& stream_;
  std::size_t total_;
  bool active_;
};

/// Writes a file through a temporary file in the same folder, renamed into
/// place when `write` has returned, so a failure never leaves a half-written
/// file. `write` receives the open stream; `option` names the option in errors.
void write_file_atomically(const std::string& target, const std::string& option,
                           const std::function<void(std::ostream&)>& write);

/// The October-10 data folder (holding per-wave/ and events/) when no folder is
/// given: $ADL_SHARED_DIR/data/oct10 when that variable is set and not empty,
/// else the shared folder configured at build time (ADL_DEFAULT_SHARED_DIR)/data/oct10.
std::filesystem::path default_oct10_dir();

}  // namespace adl::cli
