// Log mode of `adl conform` (spec/conformance.md): the checks of an event log
// (CONF-LOG-CHECKS, CONF-LOG-DISTANCE); log_read.cpp reads it (CONF-LOG-FORMAT).
#include "adl/conf/log.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace adl::conf {
namespace {

using io::InputError;
using ref::Rational;

// ---------------------------------------------------------------------------
// What a declared policy needs from the book (CONF-LOG-CHECKS-QUEUE, -LEVEL).

/// An ordered policy: eligible accounts are filled in decreasing key order up to a bound.
struct Ordered {
  std::vector<ref::Score> keys;
  std::vector<Rational> bound;
};

/// A common-level policy: x_i ≈ min(η·a_i, c_i) for one η ≥ 0.
struct Level {
  std::vector<Rational> slope;
  std::vector<Rational> cap;
};

/// The declared policy's inputs on the book (ref::policy_input); throws
/// ref::InvalidInput when the book lacks what the policy needs.
ref::PolicyInput declared_input(const EventLog& log, const ref::BookState& state) {
  ref::PolicyOptions options;
  options.kind = log.policy.kind;
  options.score = log.policy.score;
  options.risk = log.policy.risk;
  return ref::policy_input(log.book.book, state, options);
}

/// The ranking of an ordered policy: its keys (ref::order_key) and bounds, w
/// for the uncapped queue and the money caps for the capped greedy one-step.
Ordered ordered_inputs(const EventLog& log, const ref::BookState& state, const std::vector<Rational>& money_cap) {
  const ref::PolicyInput in = declared_input(log, state);
  Ordered o;
  for (std::size_t i = 0; i < in.endowment.size(); ++i) o.keys.push_back(*ref::order_key(log.policy.kind, in, i));
  o.bound = ref::policy_respects_caps(log.policy.kind) ? money_cap : state.endowment;
  return o;
}

/// The common level form of a level policy (ref::level_slope): a_i and the
/// cap, the money cap for the capped policies and w for pro-rata.
Level level_inputs(const EventLog& log, const ref::BookState& state, const std::vector<Rational>& money_cap) {
  const ref::PolicyInput in = declared_input(log, state);
  Level l;
  l.cap = money_cap;
  for (std::size_t i = 0; i < in.endowment.size(); ++i) {
    l.slope.push_back(*ref::level_slope(log.policy.kind, in, i));
    if (!ref::policy_respects_caps(log.policy.kind) && in.endowment[i] != 0) l.cap[i] = in.endowment[i];
  }
  return l;
}

/// Money caps ⌊β_i·w_i/u⌋·u on the log's money grid.
std::vector<Rational> money_caps(const ref::BookState& state, const Rational& unit) {
  std::vector<Rational> caps(state.endowment.size());
  for (std::size_t i = 0; i < caps.size(); ++i) {
    caps[i] = Rational(ref::floor_of(state.cap[i] * state.endowment[i] / unit)) * unit;
  }
  return caps;
}

// ---------------------------------------------------------------------------
// Checks (CONF-LOG-CHECKS).

std::string fx(const Rational& value) { return ref::format_exact(value); }

std::string who(const ref::Book& book, std::size_t i) { return "account '" + book.accounts[i].id + "'"; }

class CheckBuilder {
 public:
  explicit CheckBuilder(std::string name) { result_.name = std::move(name); }

  void add(std::optional<std::size_t> account, std::string detail) {
    ++result_.finding_count;
    if (result_.findings.size() < kMaxFindings) result_.findings.push_back({account, std::move(detail)});
  }

  [[nodiscard]] bool failed() const { return result_.finding_count > 0; }

  CheckResult pass_or_fail(std::string pass_summary, std::string fail_summary) {
    result_.status = failed() ? CheckStatus::Fail : CheckStatus::Pass;
    result_.summary = failed() ? fail_summary + " (" + std::to_string(result_.finding_count) +
                                     (result_.finding_count == 1 ? " finding)" : " findings)")
                               : std::move(pass_summary);
    return std::move(result_);
  }

  CheckResult not_applicable(std::string reason) {
    result_.status = CheckStatus::NotApplicable;
    result_.summary = std::move(reason);
    result_.findings.clear();
    result_.finding_count = 0;
    return std::move(result_);
  }

 private:
  CheckResult result_;
};

std::string count_of(std::size_t k, const std::string& singular, const std::string& plural) {
  return std::to_string(k) + " " + (k == 1 ? singular : plural);
}

bool book_has_caps(const ref::Book& book) {
  return std::any_of(book.accounts.begin(), book.accounts.end(),
                     [](const ref::Account& a) { return a.max_haircut.has_value() || a.min_equity.has_value(); });
}

CheckResult check_deficit(const EventLog& log, const LogReport& r) {
  CheckBuilder b("deficit");
  if (!log.deficit) return b.not_applicable("the log declares no deficit");
  const Rational gap = ref::abs_of(*log.deficit - r.state.deficit);
  if (gap >= log.unit) {
    b.add(std::nullopt, "declared D = " + fx(*log.deficit) + " but the book's D = Σ e_i⁻ = " + fx(r.state.deficit) +
                            ": they differ by " + fx(gap) + " ≥ u = " + fx(log.unit));
  }
  return b.pass_or_fail(
      "declared D = " + fx(*log.deficit) + " matches the book's D = " + fx(r.state.deficit) + " within u",
      "declared deficit differs from the book's by " + fx(gap));
}

std::string origin_text(const EventLog& log, BudgetOrigin origin) {
  switch (origin) {
    case BudgetOrigin::Budget: return "the log's budget";
    case BudgetOrigin::Severity: return "θ·D with the log's severity θ = " + fx(*log.severity);
    case BudgetOrigin::FullCoverage: return "full coverage min(D, U)";
  }
  return "";
}

CheckResult check_budget_balance(const EventLog& log, const LogReport& r) {
  CheckBuilder b("budget-balance");
  const Rational gap = ref::abs_of(r.seized_total - r.budget);
  if (gap >= log.unit) {
    b.add(std::nullopt, "Σx = " + fx(r.seized_total) + " but B = " + fx(r.budget) + " (" +
                            origin_text(log, r.budget_origin) + "): |Σx − B| = " + fx(gap) + " ≥ u = " + fx(log.unit));
  }
  if (log.budget && log.severity) {
    const Rational implied = *log.severity * r.state.deficit;
    const Rational g = ref::abs_of(*log.budget - implied);
    if (g >= log.unit) {
      b.add(std::nullopt, "declared B = " + fx(*log.budget) + " but θ·D = " + fx(*log.severity) + "·" +
                              fx(r.state.deficit) + " = " + fx(implied) + ": they differ by " + fx(g) + " ≥ u");
    }
  }
  return b.pass_or_fail("Σx = " + fx(r.seized_total) + " equals B = " + fx(r.budget) + " (" +
                            origin_text(log, r.budget_origin) + ") within u",
                        "the seized total does not match the budget");
}

CheckResult check_feasibility(const EventLog& log, const LogReport& r) {
  CheckBuilder b("feasibility");
  const Rational& B = r.budget;
  if (B > r.state.deficit) {
    b.add(std::nullopt,
          "B = " + fx(B) + " exceeds the deficit D = " + fx(r.state.deficit) + " (severity θ = B/D above 1)");
  }
  if (B > r.state.capacity) {
    b.add(std::nullopt, "B = " + fx(B) + " exceeds the capacity U = Σ w_i = " + fx(r.state.capacity));
  }
  const bool capped = ref::policy_respects_caps(log.policy.kind);
  if (capped && B > r.state.capped_capacity) {
    b.add(std::nullopt, "B = " + fx(B) + " exceeds the capped capacity C(β) = " + fx(r.state.capped_capacity) +
                            " that " + ref::policy_name(log.policy.kind) + " must respect");
  }
  std::string pass = "B = " + fx(B) + " ≤ D = " + fx(r.state.deficit) + " and ≤ U = " + fx(r.state.capacity);
  if (capped) pass += " and ≤ C(β) = " + fx(r.state.capped_capacity);
  return b.pass_or_fail(pass, "the budget is not feasible");
}

CheckResult check_bounds(const EventLog& log, const LogReport& r) {
  CheckBuilder b("bounds");
  const ref::Book& book = log.book.book;
  for (std::size_t i = 0; i < r.seized.size(); ++i) {
    const Rational& x = r.seized[i];
    const Rational& w = r.state.endowment[i];
    if (x < 0) {
      b.add(i, who(book, i) + ": seized " + fx(x) + " < 0 (the ADL action paid the account)");
    } else if (x > w) {
      b.add(i, who(book, i) + ": seized " + fx(x) + " exceeds its positive PnL w = " + fx(w) + " by " + fx(x - w) +
                   ": principal (cash " + fx(book.accounts[i].cash) + ") touched");
    }
  }
  return b.pass_or_fail("0 ≤ x_i ≤ w_i = (PnL_i)₊ for every account: no principal touched",
                        "principal touched or a negative seizure");
}

CheckResult check_contracts(const EventLog& log) {
  CheckBuilder b("contracts");
  if (log.form != ActionForm::Closed) return b.not_applicable("the log records seized amounts, not contracts");
  const auto net = net_positions(*log.book.positions);
  std::map<std::pair<std::string, std::string>, Rational> closed;
  std::vector<std::pair<std::string, std::string>> order;
  for (const ClosedAction& a : log.closed) {
    const auto key = std::make_pair(a.account, a.market);
    if (closed.count(key) == 0) order.push_back(key);
    closed[key] += a.contracts;
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < log.book.book.accounts.size(); ++i) index.emplace(log.book.book.accounts[i].id, i);
  for (const auto& key : order) {
    const Rational held = ref::abs_of(net.at(key));
    if (closed[key] > held) {
      b.add(index.at(key.first), "account '" + key.first + "' in " + key.second + ": closed " + fx(closed[key]) +
                                     " contracts of a position of " + fx(held) + " (the ADL flipped the position)");
    }
  }
  return b.pass_or_fail("closed contracts ≤ the open position for every (account, market)",
                        "more contracts closed than held");
}

CheckResult check_grid(const EventLog& log) {
  CheckBuilder b("grid");
  if (log.form != ActionForm::Seized) {
    return b.not_applicable("amounts derived from contracts need not lie on the money grid");
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < log.book.book.accounts.size(); ++i) index.emplace(log.book.book.accounts[i].id, i);
  for (const SeizedAction& a : log.seized) {
    const Rational k = a.amount / log.unit;
    if (boost::multiprecision::denominator(k) != 1) {
      b.add(index.at(a.account), "account '" + a.account + "': seized " + fx(a.amount) + " is " + fx(k) +
                                     " units of u = " + fx(log.unit) + ", not a whole number (line " +
                                     std::to_string(a.line) + ")");
    }
  }
  return b.pass_or_fail("every seized amount is a whole number of units u = " + fx(log.unit),
                        "amounts off the declared money grid");
}

CheckResult check_caps(const EventLog& log, const LogReport& r) {
  CheckBuilder b("caps");
  const ref::Book& book = log.book.book;
  if (!book_has_caps(book)) return b.not_applicable("the book declares no caps (h̄, e̲)");
  ref::Allocation a;
  a.seized = r.seized;
  a.haircut = r.haircut;
  a.budget = r.seized_total;
  a.severity = r.state.deficit == 0 ? Rational(0) : r.seized_total / r.state.deficit;
  const ref::ValidityReport report = ref::check_allocation(book, r.state, a, true);
  std::size_t above = 0;
  for (const ref::Violation& v : report.violations) {
    if (v.predicate != "cap" && v.predicate != "min-equity") continue;
    ++above;
    b.add(v.account, v.predicate + ": " + v.detail);
  }
  if (!ref::policy_respects_caps(log.policy.kind)) {
    const std::string name = ref::policy_name(log.policy.kind);
    return b.not_applicable(
        name + " does not bind caps (POL-VALID); the outcome " +
        (above == 0 ? std::string("respects the book's caps")
                    : "breaks the book's caps (" + count_of(above, "violation", "violations") + ", informational)"));
  }
  return b.pass_or_fail("h_i ≤ β_i and e′_i ≥ e̲_i for every seized account (DEF-CAPS)", "caps exceeded");
}

std::string key_text(const ref::Score& s) { return s.infinite ? std::string("+∞") : fx(s.value); }

bool key_less(const ref::Score& a, const ref::Score& b) {
  if (a.infinite) return false;
  if (b.infinite) return true;
  return a.value < b.value;
}

CheckResult check_ordered(const EventLog& log, const LogReport& r, const Ordered& o) {
  CheckBuilder b("policy");
  const ref::Book& book = log.book.book;
  const std::string name = describe_policy(log.policy);
  const bool capped = ref::policy_respects_caps(log.policy.kind);  // greedy one-step; the queue is uncapped
  const std::string key_name = capped ? "key e·ρ/w" : "score";
  const std::string bound_name = capped ? "c" : "w";
  const Rational& u = log.unit;
  // The lowest-ranked seized eligible account (ties: the last such in book order).
  std::optional<std::size_t> lowest;
  std::vector<std::size_t> partial;
  for (std::size_t i = 0; i < r.seized.size(); ++i) {
    if (r.state.endowment[i] == 0) continue;
    const Rational& x = r.seized[i];
    if (x <= 0) continue;
    if (!lowest || !key_less(o.keys[*lowest], o.keys[i])) lowest = i;
    if (o.bound[i] - x >= u) partial.push_back(i);
  }
  if (lowest) {
    const ref::Score& floor = o.keys[*lowest];
    for (std::size_t i = 0; i < r.seized.size(); ++i) {
      if (r.state.endowment[i] == 0 || !key_less(floor, o.keys[i])) continue;
      const Rational room = o.bound[i] - r.seized[i];
      if (room < u) continue;
      b.add(i, who(book, i) + " (" + key_name + " " + key_text(o.keys[i]) + ") ranks above " + who(book, *lowest) +
                   " (" + key_name + " " + key_text(floor) + ", seized " + fx(r.seized[*lowest]) +
                   ") but was not seized in full: x = " + fx(r.seized[i]) + " of " + bound_name + " = " +
                   fx(o.bound[i]));
    }
  }
  if (partial.size() > 1) {
    std::string list;
    for (const std::size_t i : partial) {
      list += (list.empty() ? "" : ", ") + who(book, i) + " (x = " + fx(r.seized[i]) + " of " + fx(o.bound[i]) + ")";
    }
    b.add(std::nullopt,
          count_of(partial.size(), "account", "accounts") + " partially seized, at most one allowed: " + list);
  }
  return b.pass_or_fail(name +
                            ": every account ranked above a seized account is seized in full (within u), and at "
                            "most one is partial",
                        name + ": the seized accounts are not a prefix of the ranking");
}

CheckResult check_level(const EventLog& log, LogReport& r, const Level& l) {
  CheckBuilder b("policy");
  const ref::Book& book = log.book.book;
  const std::string name = describe_policy(log.policy);
  const Rational& u = log.unit;
  // η must satisfy x_i − u < min(η·a_i, c_i) < x_i + u for every eligible account.
  std::optional<Rational> low;  // η > low
  std::optional<std::size_t> low_account;
  std::optional<Rational> high;  // η < high
  std::optional<std::size_t> high_account;
  for (std::size_t i = 0; i < r.seized.size(); ++i) {
    if (r.state.endowment[i] == 0) continue;
    const Rational& x = r.seized[i];
    const Rational& a = l.slope[i];
    const Rational& c = l.cap[i];
    if (x - u >= 0) {
      if (c <= x - u || a == 0) {
        b.add(i, who(book, i) + ": seized " + fx(x) + " but the policy can give it at most " +
                     (a == 0 ? std::string("0 (zero weight)") : fx(c) + " (its cap c_i)") + ", at least u more");
        continue;
      }
      const Rational bound = (x - u) / a;
      if (!low || bound > *low) {
        low = bound;
        low_account = i;
      }
    }
    if (c >= x + u && a != 0) {
      const Rational bound = (x + u) / a;
      if (!high || bound < *high) {
        high = bound;
        high_account = i;
      }
    }
  }
  const Rational lo = low.value_or(Rational(0));
  if (!b.failed() && high && !(lo < *high)) {
    const std::string need_high = who(book, *high_account) + " (x = " + fx(r.seized[*high_account]) + ", weight " +
                                  fx(l.slope[*high_account]) + ") needs η < " + fx(*high);
    if (low_account) {
      b.add(std::nullopt, who(book, *low_account) + " (x = " + fx(r.seized[*low_account]) + ", weight " +
                              fx(l.slope[*low_account]) + ") needs a level η > " + fx(lo) + " but " + need_high +
                              ": no common level fits both within u");
    } else {
      b.add(*high_account, need_high + ", but a level is never negative");
    }
  }
  if (!b.failed()) {
    r.level_low = lo;
    r.level_high = high;
  }
  const std::string range = "(" + ref::to_decimal(lo, 9) + ", " + (high ? ref::to_decimal(*high, 9) : "∞") + ")";
  return b.pass_or_fail(name + ": one common level η fits every eligible account within u; η ∈ " + range,
                        name + ": no common level η fits the seized amounts");
}

CheckResult check_overshoot(const EventLog& log, LogReport& r) {
  CheckBuilder b("overshoot");
  if (!log.needed) return b.not_applicable("the log declares no needed budget");
  r.gap = ref::budget_gap(r.seized_total, *log.needed);
  if (r.gap->overshoot >= log.unit) {
    b.add(std::nullopt, "Σx = " + fx(r.seized_total) + " exceeds the needed budget " + fx(*log.needed) + " by " +
                            fx(r.gap->overshoot) + " ≥ u");
  }
  return b.pass_or_fail("Σx = " + fx(r.seized_total) + " against needed " + fx(*log.needed) + ": overshoot " +
                            fx(r.gap->overshoot) + ", undershoot " + fx(r.gap->undershoot),
                        "seized more than needed");
}

// ---------------------------------------------------------------------------
// Distances (CONF-LOG-DISTANCE).

Distance distance_to(const EventLog& log, const LogReport& r, const std::string& label, ref::PolicyOptions options) {
  Distance d;
  d.policy = label;
  const ref::Budget budget{r.state.deficit == 0 ? Rational(0) : r.budget / r.state.deficit, r.budget, false};
  ref::Allocation a;
  try {
    a = ref::run_policy(log.book.book, r.state, options, budget);
  } catch (const ref::InvalidInput& e) {
    d.reason = e.what();
    return d;
  } catch (const ref::Infeasible& e) {
    d.reason = e.what();
    return d;
  }
  d.available = true;
  d.seized = a.seized;
  for (std::size_t i = 0; i < r.seized.size(); ++i) {
    const Rational diff = ref::abs_of(r.seized[i] - a.seized[i]);
    d.l1 += diff;
    if (diff > d.linf) {
      d.linf = diff;
      d.linf_account = i;
    }
    if (r.state.endowment[i] == 0) continue;
    const Rational hdiff = ref::abs_of(r.haircut[i] - a.haircut[i]);
    if (hdiff > d.max_haircut_diff) {
      d.max_haircut_diff = hdiff;
      d.haircut_account = i;
    }
  }
  return d;
}

std::vector<Distance> distances(const EventLog& log, const LogReport& r) {
  std::vector<Distance> out;
  const ref::PolicyColumns& reads = ref::policy_info(log.policy.kind).reads;
  const bool declared_queue = reads.score;
  const ref::ScoreRule rule = declared_queue ? log.policy.score : ref::ScoreRule::Explicit;
  const bool declared_risk = reads.risk_weight || reads.rho;
  const ref::RiskModel risk = declared_risk ? log.policy.risk : ref::RiskModel{};
  const auto options = [&](ref::PolicyKind kind) {
    ref::PolicyOptions o;
    o.kind = kind;
    o.score = rule;
    o.risk = risk;
    return o;
  };
  out.push_back(distance_to(log, r, "queue (" + ref::score_rule_name(rule) + ")", options(ref::PolicyKind::Queue)));
  if (rule != ref::ScoreRule::LargestFirst) {
    ref::PolicyOptions o = options(ref::PolicyKind::Queue);
    o.score = ref::ScoreRule::LargestFirst;
    out.push_back(distance_to(log, r, "queue (largest-first)", o));
  }
  out.push_back(distance_to(log, r, "pro-rata", options(ref::PolicyKind::ProRata)));
  out.push_back(distance_to(log, r, "capped-pro-rata", options(ref::PolicyKind::CappedProRata)));
  out.push_back(distance_to(log, r, "levered-pro-rata", options(ref::PolicyKind::LeveredProRata)));
  out.push_back(distance_to(log, r, "rap (" + ref::risk_model_name(risk) + ")", options(ref::PolicyKind::Rap)));
  out.push_back(distance_to(log, r, "min-max", options(ref::PolicyKind::MinMax)));
  out.push_back(distance_to(log, r, "greedy-one-step (" + ref::risk_model_name(risk) + ")",
                            options(ref::PolicyKind::GreedyOneStep)));
  return out;
}

ref::BookState summarize_book(const EventLog& log) {
  try {
    return ref::summarize(log.book.book);
  } catch (const ref::InvalidInput& e) {
    throw InputError(log.source, 0, 0, "book", e.what());
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Public functions.

std::string status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Fail: return "fail";
    case CheckStatus::NotApplicable: return "n/a";
  }
  return "?";
}

std::string describe_policy(const LogPolicy& policy) {
  const std::string name = ref::policy_name(policy.kind);
  const ref::PolicyColumns& reads = ref::policy_info(policy.kind).reads;
  if (reads.score) return name + " (" + ref::score_rule_name(policy.score) + ")";
  if (reads.risk_weight || reads.rho) {
    return name + " (" + ref::risk_model_name(policy.risk) + ")";
  }
  return name;
}

bool LogReport::conforming() const {
  return std::none_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.status == CheckStatus::Fail; });
}

std::vector<std::string> LogReport::failed() const {
  std::vector<std::string> names;
  for (const CheckResult& c : checks) {
    if (c.status == CheckStatus::Fail) names.push_back(c.name);
  }
  return names;
}

namespace detail {

void validate_policy_inputs(const EventLog& log) {
  const ref::BookState state = summarize_book(log);
  const std::vector<Rational> caps = money_caps(state, log.unit);
  try {
    if (ref::policy_info(log.policy.kind).ordered) {
      (void)ordered_inputs(log, state, caps);
    } else {
      (void)level_inputs(log, state, caps);
    }
  } catch (const ref::InvalidInput& e) {
    throw InputError(log.source, log.policy.line, log.policy.column, "policy",
                     "the book cannot support the declared policy " + describe_policy(log.policy) + ": " + e.what());
  }
}

}  // namespace detail

LogReport check_log(const EventLog& log) {
  LogReport r;
  r.state = summarize_book(log);
  const ref::Book& book = log.book.book;
  const std::size_t n = book.accounts.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(book.accounts[i].id, i);

  // Seized amounts: recorded, or converted from contracts (CONF-LOG-CONTRACTS).
  r.seized.assign(n, Rational(0));
  if (log.form == ActionForm::Seized) {
    for (const SeizedAction& a : log.seized) r.seized[index.at(a.account)] = a.amount;
  } else {
    const auto net = net_positions(*log.book.positions);
    for (const ClosedAction& a : log.closed) {
      const Rational& mark = log.book.positions->marks.at(a.market);
      const Rational side = net.at({a.account, a.market}) > 0 ? Rational(1) : Rational(-1);
      r.closed_loss.push_back(side * (mark - a.price) * a.contracts);
      r.seized[index.at(a.account)] += r.closed_loss.back();
    }
  }
  r.haircut.assign(n, Rational(0));
  for (std::size_t i = 0; i < n; ++i) {
    r.seized_total += r.seized[i];
    if (r.state.endowment[i] != 0) r.haircut[i] = r.seized[i] / r.state.endowment[i];
  }
  r.money_cap = money_caps(r.state, log.unit);

  // The budget B of the checks.
  if (log.budget) {
    r.budget = *log.budget;
    r.budget_origin = BudgetOrigin::Budget;
  } else if (log.severity) {
    r.budget = *log.severity * r.state.deficit;
    r.budget_origin = BudgetOrigin::Severity;
  } else {
    r.budget = std::min(r.state.deficit, r.state.capacity);
    r.budget_origin = BudgetOrigin::FullCoverage;
  }

  r.checks.push_back(check_deficit(log, r));
  r.checks.push_back(check_budget_balance(log, r));
  r.checks.push_back(check_feasibility(log, r));
  r.checks.push_back(check_bounds(log, r));
  r.checks.push_back(check_contracts(log));
  r.checks.push_back(check_grid(log));
  r.checks.push_back(check_caps(log, r));
  try {
    if (ref::policy_info(log.policy.kind).ordered) {
      const Ordered o = ordered_inputs(log, r.state, r.money_cap);
      r.keys.assign(n, std::nullopt);
      r.key_infinite.assign(n, false);
      for (std::size_t i = 0; i < n; ++i) {
        if (r.state.endowment[i] == 0) continue;
        r.keys[i] = o.keys[i].value;
        r.key_infinite[i] = o.keys[i].infinite;
      }
      r.checks.push_back(check_ordered(log, r, o));
    } else {
      r.checks.push_back(check_level(log, r, level_inputs(log, r.state, r.money_cap)));
    }
  } catch (const ref::InvalidInput& e) {
    throw InputError(log.source, log.policy.line, log.policy.column, "policy",
                     "the book cannot support the declared policy " + describe_policy(log.policy) + ": " + e.what());
  }
  r.checks.push_back(check_overshoot(log, r));
  r.distances = distances(log, r);
  return r;
}

}  // namespace adl::conf
