// Log mode of `adl conform` (spec/conformance.md): the reader of an event log
// (CONF-LOG-FORMAT) and its checks (CONF-LOG-CHECKS, CONF-LOG-DISTANCE).
#include "adl/conf/log.hpp"

#include "adl/io/json.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <system_error>
#include <utility>

namespace adl::conf {
namespace {

using io::InputError;
using io::detail::JsonValue;
using ref::Rational;
using Kind = JsonValue::Kind;

// ---------------------------------------------------------------------------
// Reading (CONF-LOG-FORMAT).

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[nodiscard]] const std::string& source() const { return source_; }

  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& field,
                         const std::string& message) const {
    throw InputError(source_, line, column, field, message);
  }

  [[noreturn]] void fail(const JsonValue& value, const std::string& field,
                         const std::string& message) const {
    fail(value.line, value.column, field, message);
  }

  void expect(const JsonValue& value, Kind kind, const std::string& field) const {
    if (value.kind != kind) {
      fail(value, field,
           std::string("expected ") + io::detail::describe(kind) + ", found " +
               io::detail::describe(value.kind));
    }
  }

  void check_keys(const JsonValue& object, const std::string& path,
                  std::span<const std::string_view> allowed) const {
    for (const auto& member : object.members) {
      if (std::find(allowed.begin(), allowed.end(), member.key) != allowed.end()) continue;
      std::string list;
      for (const auto key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
      fail(member.line, member.column, io::detail::json_path(path, member.key),
           "unknown key '" + member.key + "' (expected keys: " + list + ")");
    }
  }

  /// A required member (missing or null is an error).
  [[nodiscard]] const JsonValue& required(const JsonValue& object, const std::string& path,
                                          std::string_view key) const {
    const JsonValue* value = object.find(key);
    const std::string field = io::detail::json_path(path, key);
    if (value == nullptr) {
      fail(object, field, "missing required key '" + std::string(key) + "'");
    }
    if (value->kind == Kind::Null) fail(*value, field, "null where a value is required");
    return *value;
  }

  /// An optional member: nullptr when missing or null.
  [[nodiscard]] static const JsonValue* optional(const JsonValue& object, std::string_view key) {
    const JsonValue* value = object.find(key);
    if (value == nullptr || value->kind == Kind::Null) return nullptr;
    return value;
  }

  /// An exact number: a JSON number or a string holding an FMT-NUMBER spelling.
  [[nodiscard]] Rational number(const JsonValue& value, const std::string& field) const {
    if (value.kind != Kind::Number && value.kind != Kind::String) {
      fail(value, field,
           std::string("expected a number (or a string holding one), found ") +
               io::detail::describe(value.kind));
    }
    try {
      return ref::parse_rational(value.text);
    } catch (const std::invalid_argument& e) {
      fail(value, field, e.what());
    }
  }

  [[nodiscard]] Rational non_negative(const JsonValue& value, const std::string& field,
                                      const std::string& name) const {
    Rational x = number(value, field);
    if (x < 0) fail(value, field, "negative " + name + " " + ref::format_exact(x) + " (must be >= 0)");
    return x;
  }

  [[nodiscard]] Rational positive(const JsonValue& value, const std::string& field,
                                  const std::string& name) const {
    Rational x = number(value, field);
    if (x <= 0) fail(value, field, name + " must be > 0 (got " + ref::format_exact(x) + ")");
    return x;
  }

  /// A non-empty string.
  [[nodiscard]] std::string text(const JsonValue& value, const std::string& field,
                                 const std::string& name) const {
    expect(value, Kind::String, field);
    if (value.text.empty()) fail(value, field, "empty " + name);
    return value.text;
  }

 private:
  std::string source_;
};

constexpr std::array<std::string_view, 12> kTopKeys{"schema", "venue",    "event",  "unit",
                                                    "book",   "deficit",  "severity", "budget",
                                                    "needed", "policy",   "seized", "closed"};
constexpr std::array<std::string_view, 3> kPolicyKeys{"name", "score", "risk"};
constexpr std::array<std::string_view, 2> kSeizedKeys{"account", "amount"};
constexpr std::array<std::string_view, 4> kClosedKeys{"account", "market", "contracts", "price"};

bool continuation(char ch) { return (static_cast<unsigned char>(ch) & 0xC0U) == 0x80U; }

/// Byte offset of the character at 1-based (line, column), columns in code
/// points as the JSON reader counts them; npos when there is none.
std::size_t offset_of(std::string_view text, std::size_t line, std::size_t column) {
  std::size_t l = 1;
  std::size_t c = 1;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (continuation(text[pos])) continue;
    if (l == line && c == column) return pos;
    if (text[pos] == '\n') {
      ++l;
      c = 1;
    } else {
      ++c;
    }
  }
  return std::string_view::npos;
}

/// One past the end of the JSON object or array starting at `start` (the text is valid JSON).
std::size_t end_of_value(std::string_view text, std::size_t start) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t pos = start; pos < text.size(); ++pos) {
    const char ch = text[pos];
    if (in_string) {
      if (ch == '\\') {
        ++pos;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
    } else if (ch == '{' || ch == '[') {
      ++depth;
    } else if ((ch == '}' || ch == ']') && depth > 0) {
      if (--depth == 0) return pos + 1;
    }
  }
  return std::string_view::npos;
}

/// The text with everything outside [start, end) blanked: newlines kept, every
/// other code point a space. The JSON book reader then reports the same line
/// and column as in the log.
std::string isolate(std::string_view text, std::size_t start, std::size_t end) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos >= start && pos < end) {
      out.push_back(text[pos]);
    } else if (text[pos] == '\n') {
      out.push_back('\n');
    } else if (!continuation(text[pos])) {
      out.push_back(' ');
    }
  }
  return out;
}


io::LoadedBook read_book(const Reader& reader, std::string_view text, const JsonValue& value,
                         bool& embedded) {
  if (value.kind == Kind::String) {
    embedded = false;
    if (value.text.empty()) reader.fail(value, "book", "empty book path");
    std::filesystem::path path(value.text);
    if (path.is_relative()) path = std::filesystem::path(reader.source()).parent_path() / path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      reader.fail(value, "book", "cannot open the book file '" + path.string() + "': no such file");
    }
    return io::load_book(path.lexically_normal().string());  // errors name the book file itself
  }
  reader.expect(value, Kind::Object, "book");
  embedded = true;
  const std::size_t start = offset_of(text, value.line, value.column);
  const std::size_t end = start == std::string_view::npos ? start : end_of_value(text, start);
  if (end == std::string_view::npos) reader.fail(value, "book", "cannot locate the book object");
  try {
    io::LoadedBook book = io::parse_book(isolate(text, start, end), reader.source());
    return book;
  } catch (const InputError& e) {
    throw InputError(e.file(), e.line(), e.column(),
                     e.field().empty() ? std::string("book") : "book." + e.field(), e.message());
  }
}

ref::ScoreRule parse_score_rule(const Reader& reader, const JsonValue& value) {
  const std::string name = reader.text(value, "policy.score", "score rule");
  if (name == "explicit") return ref::ScoreRule::Explicit;
  if (name == "hyperliquid") return ref::ScoreRule::Hyperliquid;
  if (name == "binance") return ref::ScoreRule::Binance;
  if (name == "largest-first") return ref::ScoreRule::LargestFirst;
  reader.fail(value, "policy.score",
              "unknown score rule '" + name + "' (expected explicit, hyperliquid, binance or largest-first)");
}

ref::RiskModel parse_risk_model(const Reader& reader, const JsonValue& value) {
  const std::string text = reader.text(value, "policy.risk", "risk model");
  ref::RiskModel model;
  if (text == "linear") return model;
  const auto colon = text.find(':');
  const std::string family = text.substr(0, colon);
  if (colon == std::string::npos || (family != "power" && family != "cvar")) {
    reader.fail(value, "policy.risk",
                "unknown risk model '" + text +
                    "' (expected linear, power:C with an integer C >= 2, or cvar:T with T >= 0)");
  }
  Rational parameter;
  try {
    parameter = ref::parse_rational(text.substr(colon + 1));
  } catch (const std::invalid_argument& e) {
    reader.fail(value, "policy.risk", family + " parameter: " + e.what());
  }
  if (family == "power") {
    if (boost::multiprecision::denominator(parameter) != 1 || parameter < 2) {
      reader.fail(value, "policy.risk", "power:C needs an integer C >= 2, got " + ref::to_fraction(parameter));
    }
    model.kind = ref::RiskModel::Kind::Power;
  } else {
    if (parameter < 0) reader.fail(value, "policy.risk", "cvar:T needs T >= 0, got " + ref::to_fraction(parameter));
    model.kind = ref::RiskModel::Kind::Cvar;
  }
  model.parameter = parameter;
  return model;
}

LogPolicy read_policy(const Reader& reader, const JsonValue& value) {
  reader.expect(value, Kind::Object, "policy");
  reader.check_keys(value, "policy", kPolicyKeys);
  LogPolicy policy;
  policy.line = value.line;
  policy.column = value.column;
  const JsonValue& name = reader.required(value, "policy", "name");
  const std::string text = reader.text(name, "policy.name", "policy name");
  try {
    policy.kind = ref::parse_policy_name(text);
  } catch (const ref::InvalidInput&) {
    reader.fail(name, "policy.name",
                "unknown policy '" + text +
                    "' (expected queue, pro-rata, capped-pro-rata, levered-pro-rata, rap, min-max or "
                    "greedy-one-step)");
  }
  if (const JsonValue* score = Reader::optional(value, "score")) {
    if (policy.kind != ref::PolicyKind::Queue) {
      reader.fail(*score, "policy.score", "a score rule applies to the queue only");
    }
    policy.score = parse_score_rule(reader, *score);
  }
  if (const JsonValue* risk = Reader::optional(value, "risk")) {
    if (policy.kind != ref::PolicyKind::Rap && policy.kind != ref::PolicyKind::GreedyOneStep) {
      reader.fail(*risk, "policy.risk", "a risk model applies to rap and greedy-one-step only");
    }
    policy.risk = parse_risk_model(reader, *risk);
  }
  return policy;
}

/// Net signed position Σ b·q of every (account, market) of a position book.
std::map<std::pair<std::string, std::string>, Rational> net_positions(const ref::PositionBook& book) {
  std::map<std::pair<std::string, std::string>, Rational> net;
  for (const ref::Position& p : book.positions) {
    Rational& n = net[{p.account, p.market}];
    n += p.side == ref::Side::Long ? p.quantity : Rational(-p.quantity);
  }
  return net;
}

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

Rational floor_to_unit(const Rational& value, const Rational& unit) {
  const Rational ratio = value / unit;
  const auto whole = boost::multiprecision::numerator(ratio) / boost::multiprecision::denominator(ratio);
  Rational floored(whole);
  if (floored > ratio) floored -= 1;  // division truncates toward zero
  return floored * unit;
}

bool is_ordered(ref::PolicyKind kind) {
  return kind == ref::PolicyKind::Queue || kind == ref::PolicyKind::GreedyOneStep;
}

Rational lambda_of(const ref::Book& book, std::size_t i, const std::string& policy) {
  const auto lambda = ref::effective_leverage(book.accounts[i]);
  if (!lambda) {
    throw ref::InvalidInput("account '" + book.accounts[i].id + "' has no effective leverage λ (" + policy +
                            " needs a leverage column or positions)");
  }
  return *lambda;
}

/// Throws ref::InvalidInput when the book lacks what the policy needs.
Ordered ordered_inputs(const ref::Book& book, const ref::BookState& state, const LogPolicy& policy,
                       const std::vector<Rational>& money_cap) {
  Ordered o;
  const std::size_t n = book.accounts.size();
  if (policy.kind == ref::PolicyKind::Queue) {
    o.keys = ref::queue_scores(book, policy.score);
    o.bound = state.endowment;
    return o;
  }
  o.keys.resize(n);
  o.bound = money_cap;
  for (std::size_t i = 0; i < n; ++i) {
    if (state.endowment[i] == 0) continue;
    const Rational rho = ref::risk_weight(policy.risk, lambda_of(book, i, "greedy-one-step"));
    o.keys[i].value = state.equity[i] * rho / state.endowment[i];
  }
  return o;
}

Level level_inputs(const ref::Book& book, const ref::BookState& state, const LogPolicy& policy,
                   const std::vector<Rational>& money_cap) {
  Level l;
  const std::size_t n = book.accounts.size();
  l.slope.assign(n, Rational(0));
  l.cap = money_cap;
  for (std::size_t i = 0; i < n; ++i) {
    const Rational& w = state.endowment[i];
    if (w == 0) continue;
    switch (policy.kind) {
      case ref::PolicyKind::ProRata:
        l.slope[i] = w;
        l.cap[i] = w;
        break;
      case ref::PolicyKind::CappedProRata:
        l.slope[i] = w;
        break;
      case ref::PolicyKind::LeveredProRata:
        if (!book.accounts[i].leverage) {
          throw ref::InvalidInput("account '" + book.accounts[i].id +
                                  "' has no leverage (levered pro-rata needs a leverage column or positions)");
        }
        l.slope[i] = *book.accounts[i].leverage * w;
        break;
      case ref::PolicyKind::Rap:
        l.slope[i] = ref::risk_weight(policy.risk, lambda_of(book, i, "rap")) * w;
        break;
      case ref::PolicyKind::MinMax:
        l.slope[i] = state.equity[i];
        break;
      case ref::PolicyKind::Queue:
      case ref::PolicyKind::GreedyOneStep:
        break;
    }
  }
  return l;
}

std::vector<Rational> money_caps(const ref::BookState& state, const Rational& unit) {
  std::vector<Rational> caps(state.endowment.size());
  for (std::size_t i = 0; i < caps.size(); ++i) caps[i] = floor_to_unit(state.cap[i] * state.endowment[i], unit);
  return caps;
}

/// The policy's inputs exist for this book; otherwise an InputError at `policy`.
void validate_policy_inputs(const Reader& reader, const EventLog& log, const ref::BookState& state) {
  const std::vector<Rational> caps = money_caps(state, log.unit);
  try {
    if (is_ordered(log.policy.kind)) {
      (void)ordered_inputs(log.book.book, state, log.policy, caps);
    } else {
      (void)level_inputs(log.book.book, state, log.policy, caps);
    }
  } catch (const ref::InvalidInput& e) {
    reader.fail(log.policy.line, log.policy.column, "policy",
                "the book cannot support the declared policy " + describe_policy(log.policy) + ": " + e.what());
  }
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

Rational abs_value(const Rational& x) { return x < 0 ? Rational(-x) : x; }

bool book_has_caps(const ref::Book& book) {
  return std::any_of(book.accounts.begin(), book.accounts.end(),
                     [](const ref::Account& a) { return a.max_haircut.has_value() || a.min_equity.has_value(); });
}

CheckResult check_deficit(const EventLog& log, const LogReport& r) {
  CheckBuilder b("deficit");
  if (!log.deficit) return b.not_applicable("the log declares no deficit");
  const Rational gap = abs_value(*log.deficit - r.state.deficit);
  if (gap >= log.unit) {
    b.add(std::nullopt, "declared D = " + fx(*log.deficit) + " but the book's D = Σ e_i⁻ = " + fx(r.state.deficit) +
                            ": they differ by " + fx(gap) + " ≥ u = " + fx(log.unit));
  }
  return b.pass_or_fail("declared D = " + fx(*log.deficit) + " matches the book's D = " + fx(r.state.deficit) +
                            " within u",
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
  const Rational gap = abs_value(r.seized_total - r.budget);
  if (gap >= log.unit) {
    b.add(std::nullopt, "Σx = " + fx(r.seized_total) + " but B = " + fx(r.budget) + " (" +
                            origin_text(log, r.budget_origin) + "): |Σx − B| = " + fx(gap) + " ≥ u = " +
                            fx(log.unit));
  }
  if (log.budget && log.severity) {
    const Rational implied = *log.severity * r.state.deficit;
    const Rational g = abs_value(*log.budget - implied);
    if (g >= log.unit) {
      b.add(std::nullopt, "declared B = " + fx(*log.budget) + " but θ·D = " + fx(*log.severity) + "·" +
                              fx(r.state.deficit) + " = " + fx(implied) + ": they differ by " + fx(g) +
                              " ≥ u");
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
    b.add(std::nullopt, "B = " + fx(B) + " exceeds the deficit D = " + fx(r.state.deficit) +
                            " (severity θ = B/D above 1)");
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
    const Rational held = abs_value(net.at(key));
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
    return b.not_applicable(name + " does not bind caps (POL-VALID); the outcome " +
                            (above == 0 ? std::string("respects the book's caps")
                                        : "breaks the book's caps (" + count_of(above, "violation", "violations") +
                                              ", informational)"));
  }
  return b.pass_or_fail("h_i ≤ β_i and e′_i ≥ e̲_i for every seized account (DEF-CAPS)",
                        "caps exceeded");
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
  const std::string key_name = log.policy.kind == ref::PolicyKind::Queue ? "score" : "key e·ρ/w";
  const std::string bound_name = log.policy.kind == ref::PolicyKind::Queue ? "w" : "c";
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
    b.add(std::nullopt, count_of(partial.size(), "account", "accounts") + " partially seized, at most one allowed: " +
                            list);
  }
  return b.pass_or_fail(name + ": every account ranked above a seized account is seized in full (within u), and at "
                               "most one is partial",
                        name + ": the seized accounts are not a prefix of the ranking");
}

CheckResult check_level(const EventLog& log, LogReport& r, const Level& l) {
  CheckBuilder b("policy");
  const ref::Book& book = log.book.book;
  const std::string name = describe_policy(log.policy);
  const Rational& u = log.unit;
  // η must satisfy x_i − u < min(η·a_i, c_i) < x_i + u for every eligible account.
  std::optional<Rational> low;   // η > low
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
    const Rational diff = abs_value(r.seized[i] - a.seized[i]);
    d.l1 += diff;
    if (diff > d.linf) {
      d.linf = diff;
      d.linf_account = i;
    }
    if (r.state.endowment[i] == 0) continue;
    const Rational hdiff = abs_value(r.haircut[i] - a.haircut[i]);
    if (hdiff > d.max_haircut_diff) {
      d.max_haircut_diff = hdiff;
      d.haircut_account = i;
    }
  }
  return d;
}

std::vector<Distance> distances(const EventLog& log, const LogReport& r) {
  std::vector<Distance> out;
  const bool declared_queue = log.policy.kind == ref::PolicyKind::Queue;
  const ref::ScoreRule rule = declared_queue ? log.policy.score : ref::ScoreRule::Explicit;
  const bool declared_risk =
      log.policy.kind == ref::PolicyKind::Rap || log.policy.kind == ref::PolicyKind::GreedyOneStep;
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
  if (policy.kind == ref::PolicyKind::Queue) return name + " (" + ref::score_rule_name(policy.score) + ")";
  if (policy.kind == ref::PolicyKind::Rap || policy.kind == ref::PolicyKind::GreedyOneStep) {
    return name + " (" + ref::risk_model_name(policy.risk) + ")";
  }
  return name;
}

bool LogReport::conforming() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const CheckResult& c) { return c.status == CheckStatus::Fail; });
}

std::vector<std::string> LogReport::failed() const {
  std::vector<std::string> names;
  for (const CheckResult& c : checks) {
    if (c.status == CheckStatus::Fail) names.push_back(c.name);
  }
  return names;
}

EventLog parse_log(std::string_view raw, const std::string& source) {
  const Reader reader(source);
  const std::string_view text = io::detail::strip_bom(raw);
  const JsonValue root = io::detail::parse_json(text, source);
  reader.expect(root, Kind::Object, "");
  reader.check_keys(root, "", kTopKeys);

  EventLog log;
  log.source = source;
  const JsonValue& schema = reader.required(root, "", "schema");
  if (schema.kind != Kind::String || schema.text != kLogSchema) {
    reader.fail(schema, "schema", std::string("expected \"") + kLogSchema + "\" (an ADL event log, spec/conformance.md)");
  }
  if (const JsonValue* v = Reader::optional(root, "venue")) log.venue = reader.text(*v, "venue", "venue");
  if (const JsonValue* v = Reader::optional(root, "event")) log.event = reader.text(*v, "event", "event");
  log.unit = reader.positive(reader.required(root, "", "unit"), "unit", "unit");

  // The book comes first: the actions refer to its accounts.
  log.book = read_book(reader, text, reader.required(root, "", "book"), log.book_embedded);

  if (const JsonValue* v = Reader::optional(root, "deficit")) log.deficit = reader.non_negative(*v, "deficit", "deficit");
  if (const JsonValue* v = Reader::optional(root, "severity")) {
    const Rational theta = reader.number(*v, "severity");
    if (theta < 0 || theta > 1) reader.fail(*v, "severity", "severity must lie in [0, 1] (got " + fx(theta) + ")");
    log.severity = theta;
  }
  if (const JsonValue* v = Reader::optional(root, "budget")) log.budget = reader.non_negative(*v, "budget", "budget");
  if (const JsonValue* v = Reader::optional(root, "needed")) log.needed = reader.non_negative(*v, "needed", "needed budget");
  log.policy = read_policy(reader, reader.required(root, "", "policy"));

  const ref::BookState state = summarize_book(log);
  validate_policy_inputs(reader, log, state);

  const JsonValue* seized = Reader::optional(root, "seized");
  const JsonValue* closed = Reader::optional(root, "closed");
  if (seized != nullptr && closed != nullptr) {
    reader.fail(*closed, "closed", "a log holds either 'seized' or 'closed' actions, not both");
  }
  if (seized == nullptr && closed == nullptr) {
    reader.fail(root, "", "missing the actions: give 'seized' (USD per account) or 'closed' (contracts at prices)");
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < log.book.book.accounts.size(); ++i) index.emplace(log.book.book.accounts[i].id, i);

  if (seized != nullptr) {
    log.form = ActionForm::Seized;
    reader.expect(*seized, Kind::Array, "seized");
    std::map<std::string, std::size_t> first_line;
    for (std::size_t k = 0; k < seized->items.size(); ++k) {
      const JsonValue& item = seized->items[k];
      const std::string path = io::detail::json_path("seized", k);
      reader.expect(item, Kind::Object, path);
      reader.check_keys(item, path, kSeizedKeys);
      const JsonValue& account = reader.required(item, path, "account");
      SeizedAction action;
      action.account = reader.text(account, path + ".account", "account id");
      if (index.count(action.account) == 0) {
        reader.fail(account, path + ".account", "account '" + action.account + "' is not in the book");
      }
      const auto [it, inserted] = first_line.emplace(action.account, account.line);
      if (!inserted) {
        reader.fail(account, path + ".account",
                    "account '" + action.account + "' appears twice (first on line " + std::to_string(it->second) + ")");
      }
      action.amount = reader.non_negative(reader.required(item, path, "amount"), path + ".amount", "amount");
      action.line = item.line;
      action.column = item.column;
      log.seized.push_back(std::move(action));
    }
  } else {
    log.form = ActionForm::Closed;
    reader.expect(*closed, Kind::Array, "closed");
    if (log.book.form != io::BookForm::Position || !log.book.positions) {
      reader.fail(*closed, "closed",
                  "closed contracts need a position-space book (marks and positions), but the book is in wealth space");
    }
    const auto net = net_positions(*log.book.positions);
    for (std::size_t k = 0; k < closed->items.size(); ++k) {
      const JsonValue& item = closed->items[k];
      const std::string path = io::detail::json_path("closed", k);
      reader.expect(item, Kind::Object, path);
      reader.check_keys(item, path, kClosedKeys);
      ClosedAction action;
      const JsonValue& account = reader.required(item, path, "account");
      action.account = reader.text(account, path + ".account", "account id");
      if (index.count(action.account) == 0) {
        reader.fail(account, path + ".account", "account '" + action.account + "' is not in the book");
      }
      const JsonValue& market = reader.required(item, path, "market");
      action.market = reader.text(market, path + ".market", "market");
      const auto held = net.find({action.account, action.market});
      if (held == net.end()) {
        reader.fail(market, path + ".market",
                    "account '" + action.account + "' holds no position in market '" + action.market + "'");
      }
      if (held->second == 0) {
        reader.fail(market, path + ".market",
                    "account '" + action.account + "' has no net position in market '" + action.market +
                        "' (its long and short positions cancel)");
      }
      action.contracts =
          reader.non_negative(reader.required(item, path, "contracts"), path + ".contracts", "contracts");
      action.price = reader.positive(reader.required(item, path, "price"), path + ".price", "price");
      action.line = item.line;
      action.column = item.column;
      log.closed.push_back(std::move(action));
    }
  }
  return log;
}

EventLog load_log(const std::string& path) { return parse_log(io::read_text_file(path), path); }

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
    if (is_ordered(log.policy.kind)) {
      const Ordered o = ordered_inputs(book, r.state, log.policy, r.money_cap);
      r.keys.assign(n, std::nullopt);
      r.key_infinite.assign(n, false);
      for (std::size_t i = 0; i < n; ++i) {
        if (r.state.endowment[i] == 0) continue;
        r.keys[i] = o.keys[i].value;
        r.key_infinite[i] = o.keys[i].infinite;
      }
      r.checks.push_back(check_ordered(log, r, o));
    } else {
      r.checks.push_back(check_level(log, r, level_inputs(book, r.state, log.policy, r.money_cap)));
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
