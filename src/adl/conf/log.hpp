/// @file
/// Log mode of `adl conform` (spec/conformance.md): the event-log format a venue
/// records for one ADL event, its reader, and the checks of the recorded
/// outcome against the spec, with the distance to the reference policies.
#pragma once

#include "adl/io/read.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adl::conf {

/// The `schema` value of an event log.
/// @spec CONF-LOG-FORMAT
inline constexpr const char* kLogSchema = "adlref.adl-log/1";

/// The declared policy of an event and its parameters.
/// @spec CONF-LOG-FORMAT
struct LogPolicy {
  ref::PolicyKind kind = ref::PolicyKind::ProRata;  ///< The policy (canonical kind).
  ref::ScoreRule score = ref::ScoreRule::Explicit;  ///< Queue score rule (`policy.score`).
  ref::RiskModel risk;                              ///< Risk model of rap and greedy-one-step (`policy.risk`).
  std::size_t line = 0;                             ///< 1-based line of `policy` in the log.
  std::size_t column = 0;                           ///< 1-based column of `policy` in the log.
};

/// One `seized` action: an amount of USD taken from one account.
/// @spec CONF-LOG-FORMAT
struct SeizedAction {
  std::string account;     ///< Account id (must be in the book).
  ref::Rational amount;    ///< USD seized, ≥ 0.
  std::size_t line = 0;    ///< 1-based line of the entry in the log.
  std::size_t column = 0;  ///< 1-based column of the entry in the log.
};

/// One `closed` action: contracts of one account's position in one market
/// closed at a price (an ADL fill).
/// @spec CONF-LOG-FORMAT
/// @spec CONF-LOG-CONTRACTS
struct ClosedAction {
  std::string account;      ///< Account id (must hold a position in `market`).
  std::string market;       ///< Market of the position.
  ref::Rational contracts;  ///< Contracts closed, ≥ 0.
  ref::Rational price;      ///< Execution price, > 0.
  std::size_t line = 0;     ///< 1-based line of the entry in the log.
  std::size_t column = 0;   ///< 1-based column of the entry in the log.
};

/// How the actions of an event were recorded.
/// @spec CONF-LOG-FORMAT
enum class ActionForm {
  Seized,  ///< USD seized per account (`seized`).
  Closed,  ///< Contracts closed at prices (`closed`), converted by CONF-LOG-CONTRACTS.
};

/// One recorded ADL event, as read from an event log (CONF-LOG-FORMAT).
/// @spec CONF-LOG-FORMAT
struct EventLog {
  std::string source;                     ///< The log's file name, used in messages.
  std::optional<std::string> venue;       ///< `venue`, free text.
  std::optional<std::string> event;       ///< `event`, free text.
  ref::Rational unit;                     ///< `unit`: the money unit u in USD, > 0 (CONF-LOG-ROUNDING).
  io::LoadedBook book;                    ///< `book`: the book before the event.
  bool book_embedded = true;              ///< True when `book` was an object, false when a path.
  std::optional<ref::Rational> deficit;   ///< `deficit`: D as the venue computed it.
  std::optional<ref::Rational> severity;  ///< `severity`: θ ∈ [0, 1].
  std::optional<ref::Rational> budget;    ///< `budget`: B ≥ 0 in USD.
  std::optional<ref::Rational> needed;    ///< `needed`: the needed budget in USD, ≥ 0.
  LogPolicy policy;                       ///< `policy`.
  ActionForm form = ActionForm::Seized;   ///< Which action list the log holds.
  std::vector<SeizedAction> seized;       ///< `seized` entries (form Seized).
  std::vector<ClosedAction> closed;       ///< `closed` entries (form Closed).
};

/// Reads an event log from text; `source` names it in messages and is the
/// folder base of a `book` given as a path. Throws io::InputError naming the
/// file, line, column and key path of the first problem (malformed JSON,
/// unknown keys, NaN or non-numbers, negative sizes, an unknown policy, an
/// account not in the book, a duplicate account, ...). Nothing is rounded.
/// @spec CONF-LOG-FORMAT
EventLog parse_log(std::string_view text, const std::string& source);

/// Reads an event log file (parse_log on its contents).
/// @spec CONF-LOG-FORMAT
EventLog load_log(const std::string& path);

/// Net signed position Σ b·q of every (account, market) of a position book.
/// @spec CONF-LOG-CONTRACTS
std::map<std::pair<std::string, std::string>, ref::Rational> net_positions(const ref::PositionBook& book);

namespace detail {

/// Throws io::InputError at the log's `policy` when the book cannot supply the
/// inputs of the declared policy (a score column, leverage) or is not a valid
/// book; the reader calls it once the book and the policy are read.
/// @spec CONF-LOG-CHECKS
void validate_policy_inputs(const EventLog& log);

}  // namespace detail

/// The outcome of one check.
/// @spec CONF-LOG-CHECKS
enum class CheckStatus {
  Pass,           ///< The property holds.
  Fail,           ///< The property fails: a violation.
  NotApplicable,  ///< The check does not apply to this log (the summary says why).
};

/// `pass`, `fail` or `n/a`.
/// @spec CONF-LOG-REPORT
std::string status_name(CheckStatus status);

/// One piece of evidence of a failed check.
/// @spec CONF-LOG-CHECKS
struct Finding {
  std::optional<std::size_t> account;  ///< Index of the account in the book, when per account.
  std::string detail;                  ///< The exact numbers, in words.
};

/// The result of one check of CONF-LOG-CHECKS.
/// @spec CONF-LOG-CHECKS
struct CheckResult {
  std::string
      name;  ///< `deficit`, `budget-balance`, `feasibility`, `bounds`, `contracts`, `grid`, `caps`, `policy`, `overshoot`.
  CheckStatus status = CheckStatus::Pass;  ///< Outcome.
  std::string summary;                     ///< One line: what was checked and the result.
  std::vector<Finding> findings;           ///< The first kMaxFindings findings of a failure.
  std::size_t finding_count = 0;           ///< All findings, including those not kept.
};

/// Findings kept per check (the count is always complete).
/// @spec CONF-LOG-REPORT
inline constexpr std::size_t kMaxFindings = 100;

/// The distance of the recorded outcome from one reference policy at the same budget.
/// @spec CONF-LOG-DISTANCE
struct Distance {
  std::string policy;                          ///< Reference policy, `queue (explicit)`, `pro-rata`, ...
  bool available = false;                      ///< False when the reference cannot run (reason says why).
  std::string reason;                          ///< Why the reference is not available.
  ref::Rational l1;                            ///< Σ_i |x_i − x^P_i| in USD.
  ref::Rational linf;                          ///< max_i |x_i − x^P_i| in USD.
  std::optional<std::size_t> linf_account;     ///< First account attaining linf (none when linf = 0).
  ref::Rational max_haircut_diff;              ///< max over w_i > 0 of |h_i − h^P_i|.
  std::optional<std::size_t> haircut_account;  ///< First account attaining max_haircut_diff (none when 0).
  std::vector<ref::Rational> seized;           ///< x^P, the reference allocation.
};

/// Where the budget B of the checks came from.
/// @spec CONF-LOG-FORMAT
enum class BudgetOrigin {
  Budget,        ///< The log's `budget`.
  Severity,      ///< θ·D from the log's `severity`.
  FullCoverage,  ///< Neither given: B = min(D, U) (DEF-SEVERITY-POLICY).
};

/// What the checks found, with every number they used.
/// @spec CONF-LOG-CHECKS
/// @spec CONF-LOG-DISTANCE
struct LogReport {
  ref::BookState state;                    ///< Aggregates of the book (D, U, C(β), w, β, e).
  std::vector<ref::Rational> seized;       ///< x_i per book account (0 when not in the actions).
  std::vector<ref::Rational> haircut;      ///< h_i = x_i/w_i (0 when w_i = 0).
  std::vector<ref::Rational> money_cap;    ///< c_i = u·⌊β_i·w_i/u⌋ (CONF-LOG-ROUNDING).
  std::vector<ref::Rational> closed_loss;  ///< Loss of each `closed` action, in log order (CONF-LOG-CONTRACTS).
  ref::Rational seized_total;              ///< S = Σ x_i.
  ref::Rational budget;                    ///< B used by the checks.
  BudgetOrigin budget_origin = BudgetOrigin::FullCoverage;  ///< Where B came from.
  std::vector<std::optional<ref::Rational>>
      keys;                        ///< Ranking keys of an ordered policy (queue, greedy), for eligible accounts.
  std::vector<bool> key_infinite;  ///< Key is +∞ (Binance score with p^bk = 0).
  std::optional<ref::Rational> level_low;   ///< Common-level policies: every η in (low, high) fits.
  std::optional<ref::Rational> level_high;  ///< Upper end of the level interval; none when unbounded.
  std::vector<CheckResult> checks;          ///< In the order of CONF-LOG-CHECKS.
  std::optional<ref::BudgetGap> gap;        ///< S − needed and its parts (MET-OVERSHOOT), when `needed` is given.
  std::vector<Distance> distances;          ///< One per reference policy (CONF-LOG-DISTANCE).
  /// True iff no check failed.
  [[nodiscard]] bool conforming() const;
  /// Names of the failed checks, in order.
  [[nodiscard]] std::vector<std::string> failed() const;
};

/// Runs every check of CONF-LOG-CHECKS on a log and computes the distances of
/// CONF-LOG-DISTANCE. Throws io::InputError when the book cannot provide what
/// the declared policy needs (a score, a leverage), naming `policy`.
/// @spec CONF-LOG-CHECKS
/// @spec CONF-LOG-CHECKS-QUEUE
/// @spec CONF-LOG-CHECKS-LEVEL
/// @spec CONF-LOG-CONTRACTS
/// @spec CONF-LOG-ROUNDING
/// @spec CONF-LOG-DISTANCE
LogReport check_log(const EventLog& log);

/// The log-mode name of a policy: policy_name, plus the score rule of a queue
/// (`queue (explicit)`) or the risk model of rap and greedy (`rap (linear)`).
/// @spec CONF-LOG-REPORT
std::string describe_policy(const LogPolicy& policy);

}  // namespace adl::conf
