// The reader of an event log (spec/conformance.md, CONF-LOG-FORMAT) on the io
// field reader: every value is read exactly and every rejection names the
// log, the line, the column and the key path.
#include "adl/conf/log.hpp"

#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/io/names.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/error.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

namespace adl::conf {
namespace {

using io::Accept;
using io::Fields;
using io::InputError;
using io::JsonValue;
using io::Rule;
using ref::Rational;
using Kind = JsonValue::Kind;

constexpr std::array<std::string_view, 12> kTopKeys{"schema",   "venue",  "event",  "unit",   "book",   "deficit",
                                                    "severity", "budget", "needed", "policy", "seized", "closed"};
constexpr std::array<std::string_view, 3> kPolicyKeys{"name", "score", "risk"};
constexpr std::array<std::string_view, 2> kSeizedKeys{"account", "amount"};
constexpr std::array<std::string_view, 4> kClosedKeys{"account", "market", "contracts", "price"};

/// A number under `rule`; `name` names it in messages ("negative amount -1 (must be >= 0)").
Rational number(const Fields& fields, const JsonValue& value, const std::string& field, const std::string& name,
                Rule rule) {
  return fields.number(fields.value_cell(value, field, name, Accept::Number), rule);
}

/// A non-empty string; `name` names it in messages ("empty account id").
std::string text(const Fields& fields, const JsonValue& value, const std::string& field, const std::string& name) {
  fields.expect(value, Kind::String, field);
  return fields.name(fields.value_cell(value, field, name, Accept::Text));
}

io::LoadedBook read_book(const Fields& fields, const JsonValue& value, bool& embedded) {
  if (value.kind == Kind::String) {
    embedded = false;
    if (value.text.empty()) fields.fail(value, "book", "empty book path");
    std::filesystem::path path(value.text);
    if (path.is_relative()) path = std::filesystem::path(fields.source()).parent_path() / path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      fields.fail(value, "book", "cannot open the book file '" + path.string() + "': no such file");
    }
    return io::load_book(path.lexically_normal().string());  // errors name the book file itself
  }
  fields.expect(value, Kind::Object, "book");
  embedded = true;
  try {
    return io::read_book(value, fields.source());
  } catch (const InputError& e) {
    throw InputError(e.file(), e.line(), e.column(), e.field().empty() ? std::string("book") : "book." + e.field(),
                     e.message());
  }
}

ref::ScoreRule read_score_rule(const Fields& fields, const JsonValue& value) {
  const std::string name = text(fields, value, "policy.score", "score rule");
  const auto rule = io::score_rule_from_name(name);
  if (!rule) fields.fail(value, "policy.score", io::unknown_score_rule_message(name));
  return *rule;
}

ref::RiskModel read_risk_model(const Fields& fields, const JsonValue& value) {
  const std::string model = text(fields, value, "policy.risk", "risk model");
  try {
    return io::parse_risk_model(model);
  } catch (const ref::InvalidInput& e) {
    fields.fail(value, "policy.risk", e.what());
  }
}

LogPolicy read_policy(const Fields& fields, const JsonValue& value) {
  fields.expect(value, Kind::Object, "policy");
  fields.check_keys(value, "policy", kPolicyKeys);
  LogPolicy policy;
  policy.line = value.line;
  policy.column = value.column;
  const JsonValue& name = fields.required(value, "policy", "name");
  const std::string spelled = text(fields, name, "policy.name", "policy name");
  const auto kind = io::policy_from_name(spelled);
  if (!kind) {
    fields.fail(name, "policy.name",
                "unknown policy '" + spelled +
                    "' (expected queue, pro-rata, capped-pro-rata, levered-pro-rata, rap, min-max or greedy-one-step)");
  }
  policy.kind = *kind;
  const ref::PolicyColumns& reads = ref::policy_info(policy.kind).reads;
  if (const JsonValue* score = Fields::optional(value, "score")) {
    if (!reads.score) fields.fail(*score, "policy.score", "a score rule applies to the queue only");
    policy.score = read_score_rule(fields, *score);
  }
  if (const JsonValue* risk = Fields::optional(value, "risk")) {
    if (!reads.risk_weight && !reads.rho) {
      fields.fail(*risk, "policy.risk", "a risk model applies to rap and greedy-one-step only");
    }
    policy.risk = read_risk_model(fields, *risk);
  }
  return policy;
}

/// The accounts of the book by id.
std::map<std::string, std::size_t> account_index(const ref::Book& book) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) index.emplace(book.accounts[i].id, i);
  return index;
}

/// The `account` of an action, which must be in the book.
std::string action_account(const Fields& fields, const JsonValue& item, const std::string& path,
                           const std::map<std::string, std::size_t>& index, const JsonValue*& at) {
  const JsonValue& account = fields.required(item, path, "account");
  at = &account;
  std::string id = text(fields, account, path + ".account", "account id");
  if (index.count(id) == 0) fields.fail(account, path + ".account", "account '" + id + "' is not in the book");
  return id;
}

void read_seized(const Fields& fields, const JsonValue& list, EventLog& log) {
  fields.expect(list, Kind::Array, "seized");
  const auto index = account_index(log.book.book);
  std::map<std::string, std::size_t> first_line;
  fields.for_each_object(list, "seized", kSeizedKeys, [&](const JsonValue& item, const std::string& path) {
    const JsonValue* account = nullptr;
    SeizedAction action;
    action.account = action_account(fields, item, path, index, account);
    const auto [it, inserted] = first_line.emplace(action.account, account->line);
    if (!inserted) {
      fields.fail(*account, path + ".account",
                  "account '" + action.account + "' appears twice (first on line " + std::to_string(it->second) + ")");
    }
    action.amount = number(fields, fields.required(item, path, "amount"), path + ".amount", "amount",
                           Rule::NonNegative);
    action.line = item.line;
    action.column = item.column;
    log.seized.push_back(std::move(action));
  });
}

void read_closed(const Fields& fields, const JsonValue& list, EventLog& log) {
  fields.expect(list, Kind::Array, "closed");
  if (log.book.form != io::BookForm::Position || !log.book.positions) {
    fields.fail(list, "closed",
                "closed contracts need a position-space book (marks and positions), but the book is in wealth space");
  }
  const auto index = account_index(log.book.book);
  const auto net = net_positions(*log.book.positions);
  fields.for_each_object(list, "closed", kClosedKeys, [&](const JsonValue& item, const std::string& path) {
    const JsonValue* account = nullptr;
    ClosedAction action;
    action.account = action_account(fields, item, path, index, account);
    const JsonValue& market = fields.required(item, path, "market");
    action.market = text(fields, market, path + ".market", "market");
    const auto held = net.find({action.account, action.market});
    if (held == net.end()) {
      fields.fail(market, path + ".market",
                  "account '" + action.account + "' holds no position in market '" + action.market + "'");
    }
    if (held->second == 0) {
      fields.fail(market, path + ".market",
                  "account '" + action.account + "' has no net position in market '" + action.market +
                      "' (its long and short positions cancel)");
    }
    action.contracts = number(fields, fields.required(item, path, "contracts"), path + ".contracts", "contracts",
                              Rule::NonNegative);
    action.price = number(fields, fields.required(item, path, "price"), path + ".price", "price", Rule::Positive);
    action.line = item.line;
    action.column = item.column;
    log.closed.push_back(std::move(action));
  });
}

/// The budget, severity and needed budget the log declares.
void read_amounts(const Fields& fields, const JsonValue& root, EventLog& log) {
  if (const JsonValue* v = Fields::optional(root, "deficit")) {
    log.deficit = number(fields, *v, "deficit", "deficit", Rule::NonNegative);
  }
  if (const JsonValue* v = Fields::optional(root, "severity")) {
    const Rational theta = number(fields, *v, "severity", "severity", Rule::Any);
    if (theta < 0 || theta > 1) {
      fields.fail(*v, "severity", "severity must lie in [0, 1] (got " + ref::format_exact(theta) + ")");
    }
    log.severity = theta;
  }
  if (const JsonValue* v = Fields::optional(root, "budget")) {
    log.budget = number(fields, *v, "budget", "budget", Rule::NonNegative);
  }
  if (const JsonValue* v = Fields::optional(root, "needed")) {
    log.needed = number(fields, *v, "needed", "needed budget", Rule::NonNegative);
  }
}

}  // namespace

std::map<std::pair<std::string, std::string>, Rational> net_positions(const ref::PositionBook& book) {
  std::map<std::pair<std::string, std::string>, Rational> net;
  for (const ref::Position& p : book.positions) {
    Rational& n = net[{p.account, p.market}];
    n += p.side == ref::Side::Long ? p.quantity : Rational(-p.quantity);
  }
  return net;
}

EventLog parse_log(std::string_view raw, const std::string& source) {
  const Fields fields(source);
  const JsonValue root = io::parse_json(raw, source);
  fields.expect(root, Kind::Object, "");
  fields.check_keys(root, "", kTopKeys);

  EventLog log;
  log.source = source;
  const JsonValue& schema = fields.required(root, "", "schema");
  if (schema.kind != Kind::String || schema.text != kLogSchema) {
    fields.fail(schema, "schema",
                std::string("expected \"") + kLogSchema + "\" (an ADL event log, spec/conformance.md)");
  }
  if (const JsonValue* v = Fields::optional(root, "venue")) log.venue = text(fields, *v, "venue", "venue");
  if (const JsonValue* v = Fields::optional(root, "event")) log.event = text(fields, *v, "event", "event");
  log.unit = number(fields, fields.required(root, "", "unit"), "unit", "unit", Rule::Positive);

  // The book comes first: the actions refer to its accounts.
  log.book = read_book(fields, fields.required(root, "", "book"), log.book_embedded);
  read_amounts(fields, root, log);
  log.policy = read_policy(fields, fields.required(root, "", "policy"));
  detail::validate_policy_inputs(log);

  const JsonValue* seized = Fields::optional(root, "seized");
  const JsonValue* closed = Fields::optional(root, "closed");
  if (seized != nullptr && closed != nullptr) {
    fields.fail(*closed, "closed", "a log holds either 'seized' or 'closed' actions, not both");
  }
  if (seized == nullptr && closed == nullptr) {
    fields.fail(root, "", "missing the actions: give 'seized' (USD per account) or 'closed' (contracts at prices)");
  }
  if (seized != nullptr) {
    log.form = ActionForm::Seized;
    read_seized(fields, *seized, log);
  } else {
    log.form = ActionForm::Closed;
    read_closed(fields, *closed, log);
  }
  return log;
}

EventLog load_log(const std::string& path) { return parse_log(io::read_text_file(path), path); }

}  // namespace adl::conf
