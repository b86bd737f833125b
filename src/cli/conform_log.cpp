// `adl conform --log FILE`: checks one recorded ADL event of a venue against the
// spec (spec/conformance.md: CONF-LOG-FORMAT, CONF-LOG-CHECKS, CONF-LOG-DISTANCE,
// CONF-LOG-REPORT). Exit 0 when every applicable check passes, 1 on a
// violation, 2 on a rejected log.
#include "commands.hpp"

#include "adl/conf/log.hpp"

#include <algorithm>

namespace adl::cli {
namespace {

using nlohmann::ordered_json;
using ref::Rational;

/// Findings printed per check in the text report.
constexpr std::size_t kTextFindings = 20;
/// Account rows printed in the text report.
constexpr std::size_t kTextAccounts = 50;

std::string origin_name(conf::BudgetOrigin origin) {
  switch (origin) {
    case conf::BudgetOrigin::Budget: return "budget";
    case conf::BudgetOrigin::Severity: return "severity";
    case conf::BudgetOrigin::FullCoverage: return "full-coverage";
  }
  return "?";
}

std::string origin_text(const conf::EventLog& log, conf::BudgetOrigin origin) {
  switch (origin) {
    case conf::BudgetOrigin::Budget: return "the log's budget";
    case conf::BudgetOrigin::Severity: return "θ·D with the log's severity θ = " + ref::format_exact(*log.severity);
    case conf::BudgetOrigin::FullCoverage: return "neither budget nor severity given: full coverage min(D, U)";
  }
  return "?";
}

std::string form_text(conf::ActionForm form) { return form == conf::ActionForm::Seized ? "seized" : "closed"; }

ordered_json account_json(const ref::Book& book, const std::optional<std::size_t>& i) {
  if (!i) return nullptr;
  return book.accounts[*i].id;
}

// ---- JSON (schema adlref.conform-log/1).

ordered_json log_json(const conf::EventLog& log) {
  ordered_json l;
  l["source"] = log.source;
  l["schema"] = conf::kLogSchema;
  l["venue"] = log.venue ? ordered_json(*log.venue) : ordered_json(nullptr);
  l["event"] = log.event ? ordered_json(*log.event) : ordered_json(nullptr);
  l["form"] = form_text(log.form);
  l["actions"] = log.form == conf::ActionForm::Seized ? log.seized.size() : log.closed.size();
  return l;
}

ordered_json policy_json(const conf::LogPolicy& policy) {
  ordered_json p;
  p["name"] = ref::policy_name(policy.kind);
  const ref::PolicyColumns& reads = ref::policy_info(policy.kind).reads;
  p["score"] = reads.score ? ordered_json(ref::score_rule_name(policy.score)) : ordered_json(nullptr);
  const bool risky = reads.risk_weight || reads.rho;
  p["risk"] = risky ? ordered_json(ref::risk_model_name(policy.risk)) : ordered_json(nullptr);
  p["label"] = conf::describe_policy(policy);
  return p;
}

ordered_json totals_json(const conf::EventLog& log, const conf::LogReport& r) {
  ordered_json t;
  t["deficit"] = exact_json(r.state.deficit);
  t["declared_deficit"] = exact_json(log.deficit);
  t["capacity"] = exact_json(r.state.capacity);
  t["capped_capacity"] = exact_json(r.state.capped_capacity);
  t["severity"] = exact_json(log.severity);
  t["budget"] = exact_json(r.budget);
  t["budget_origin"] = origin_name(r.budget_origin);
  t["seized_total"] = exact_json(r.seized_total);
  t["needed"] = exact_json(log.needed);
  return t;
}

ordered_json accounts_json(const ref::Book& book, const conf::LogReport& r) {
  ordered_json accounts = ordered_json::array();
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    ordered_json a;
    a["account"] = book.accounts[i].id;
    a["endowment"] = exact_json(r.state.endowment[i]);
    a["cap"] = exact_json(r.state.cap[i]);
    a["money_cap"] = exact_json(r.money_cap[i]);
    a["seized"] = exact_json(r.seized[i]);
    a["haircut"] = exact_json(r.haircut[i]);
    if (!r.keys.empty()) a["key"] = r.key_infinite[i] ? ordered_json("+inf") : exact_json(r.keys[i]);
    accounts.push_back(std::move(a));
  }
  return accounts;
}

/// The closed positions of a log in the closed form; null in the seized form.
ordered_json closed_json(const conf::EventLog& log, const conf::LogReport& r) {
  if (log.form != conf::ActionForm::Closed) return nullptr;
  ordered_json closed = ordered_json::array();
  for (std::size_t k = 0; k < log.closed.size(); ++k) {
    const conf::ClosedAction& a = log.closed[k];
    ordered_json c;
    c["account"] = a.account;
    c["market"] = a.market;
    c["contracts"] = exact_json(a.contracts);
    c["price"] = exact_json(a.price);
    c["mark"] = exact_json(log.book.positions->marks.at(a.market));
    c["loss"] = exact_json(r.closed_loss[k]);
    closed.push_back(std::move(c));
  }
  return closed;
}

ordered_json checks_json(const ref::Book& book, const conf::LogReport& r) {
  ordered_json checks = ordered_json::array();
  for (const conf::CheckResult& c : r.checks) {
    ordered_json j;
    j["name"] = c.name;
    j["status"] = conf::status_name(c.status);
    j["summary"] = c.summary;
    ordered_json findings = ordered_json::array();
    for (const conf::Finding& f : c.findings) {
      ordered_json fj;
      fj["account"] = account_json(book, f.account);
      fj["detail"] = f.detail;
      findings.push_back(std::move(fj));
    }
    j["findings"] = std::move(findings);
    j["finding_count"] = c.finding_count;
    checks.push_back(std::move(j));
  }
  return checks;
}

/// The queue level {low, high} when the policy has one; null otherwise.
ordered_json level_json(const conf::LogReport& r) {
  if (!r.level_low) return nullptr;
  ordered_json level;
  level["low"] = exact_json(*r.level_low);
  level["high"] = exact_json(r.level_high);
  return level;
}

/// The overshoot against the log's needed budget (MET-OVERSHOOT); null without one.
ordered_json overshoot_json(const conf::EventLog& log, const conf::LogReport& r) {
  if (!r.gap) return nullptr;
  ordered_json o;
  o["needed"] = exact_json(*log.needed);
  o["seized_total"] = exact_json(r.seized_total);
  o["signed_gap"] = exact_json(r.gap->signed_gap);
  o["overshoot"] = exact_json(r.gap->overshoot);
  o["undershoot"] = exact_json(r.gap->undershoot);
  o["regret"] = exact_json(r.gap->overshoot + r.gap->undershoot);
  return o;
}

/// One reference policy's distance to the log's allocation (CONF-LOG-DISTANCE).
ordered_json distance_json(const ref::Book& book, const conf::Distance& d) {
  ordered_json j;
  j["policy"] = d.policy;
  j["available"] = d.available;
  if (!d.available) {
    j["reason"] = d.reason;
    return j;
  }
  j["reason"] = nullptr;
  j["l1_usd"] = exact_json(d.l1);
  j["linf_usd"] = exact_json(d.linf);
  j["linf_account"] = account_json(book, d.linf_account);
  j["max_haircut_diff"] = exact_json(d.max_haircut_diff);
  j["max_haircut_account"] = account_json(book, d.haircut_account);
  return j;
}

ordered_json distances_json(const ref::Book& book, const conf::LogReport& r) {
  ordered_json distances = ordered_json::array();
  for (const conf::Distance& d : r.distances) distances.push_back(distance_json(book, d));
  return distances;
}

ordered_json document(const conf::EventLog& log, const conf::LogReport& r) {
  const ref::Book& book = log.book.book;
  ordered_json doc;
  doc["schema"] = "adlref.conform-log/1";
  doc["log"] = log_json(log);
  ordered_json b = book_json(log.book);
  b["embedded"] = log.book_embedded;
  doc["book"] = std::move(b);
  doc["unit"] = exact_json(log.unit);
  doc["policy"] = policy_json(log.policy);
  doc["totals"] = totals_json(log, r);
  doc["accounts"] = accounts_json(book, r);
  doc["closed"] = closed_json(log, r);
  doc["level"] = level_json(r);
  doc["checks"] = checks_json(book, r);
  doc["overshoot"] = overshoot_json(log, r);
  doc["distances"] = distances_json(book, r);
  doc["conforming"] = r.conforming();
  doc["failed"] = r.failed();
  return doc;
}

// ---- Text.

std::string account_name(const ref::Book& book, const std::optional<std::size_t>& i) {
  return i ? book.accounts[*i].id : std::string("—");
}

std::string event_text(const conf::EventLog& log, const conf::LogReport& r) {
  KeyValues head;
  head.add("log", log.source + " (" + conf::kLogSchema + ")");
  if (log.venue) head.add("venue", *log.venue);
  if (log.event) head.add("event", *log.event);
  head.add("book", (log.book_embedded ? std::string("embedded in the log") : log.book.source) + " (" +
                       form_name(log.book.form) + " space, " + std::to_string(log.book.book.accounts.size()) +
                       " accounts)");
  head.add("money unit u", ref::format_exact(log.unit) + " USD");
  head.add("policy", conf::describe_policy(log.policy));
  const std::size_t entries = log.form == conf::ActionForm::Seized ? log.seized.size() : log.closed.size();
  head.add("actions", form_text(log.form) + ", " + std::to_string(entries) + (entries == 1 ? " entry" : " entries") +
                          (log.form == conf::ActionForm::Closed ? " (loss = side·(mark − price)·contracts)" : ""));
  head.add("deficit D", ref::format_exact(r.state.deficit) +
                            (log.deficit ? "  (declared " + ref::format_exact(*log.deficit) + ")" : std::string()));
  head.add("capacity U", ref::format_exact(r.state.capacity));
  head.add("capped capacity C(β)", ref::format_exact(r.state.capped_capacity));
  head.add("budget B", ref::format_exact(r.budget) + "  (" + origin_text(log, r.budget_origin) + ")");
  head.add("seized Σx", ref::format_exact(r.seized_total));
  if (log.needed) head.add("needed", ref::format_exact(*log.needed));
  return "Event\n" + head.render() + "\n";
}

/// Winners and every account with a nonzero seizure, the first kTextAccounts of them.
std::string accounts_text(const conf::EventLog& log, const conf::LogReport& r) {
  const ref::Book& book = log.book.book;
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    if (r.state.endowment[i] != 0 || r.seized[i] != 0) shown.push_back(i);
  }
  const bool keys = !r.keys.empty();
  const std::string key_header = ref::policy_info(log.policy.kind).reads.score ? "score" : "key e·ρ/w";
  std::vector<Table::Column> columns{
      {"account", false}, {"w = (PnL)₊", true}, {"cap β", true}, {"seized x", true}, {"haircut h", true}};
  if (keys) columns.push_back({key_header, true});
  Table accounts(columns);
  for (std::size_t k = 0; k < shown.size() && k < kTextAccounts; ++k) {
    const std::size_t i = shown[k];
    std::vector<std::string> row{book.accounts[i].id, ref::format_exact(r.state.endowment[i]),
                                 ref::format_exact(r.state.cap[i]), ref::format_exact(r.seized[i]),
                                 ref::format_exact(r.haircut[i])};
    if (keys) {
      row.push_back(r.key_infinite[i] ? std::string("+∞")
                    : r.keys[i]       ? ref::format_exact(*r.keys[i])
                                      : std::string("—"));
    }
    accounts.add_row(std::move(row));
  }
  std::string out = "Accounts (winners and seized accounts)\n" + accounts.render("  ");
  if (shown.size() > kTextAccounts) {
    out += "  … " + std::to_string(shown.size() - kTextAccounts) + " more accounts (--json lists all)\n";
  }
  return out + "\n";
}

std::string checks_text(const conf::LogReport& r) {
  Table checks({left_column("check"), left_column("status"), left_column("summary")});
  for (const conf::CheckResult& c : r.checks) checks.add_row({c.name, conf::status_name(c.status), c.summary});
  std::string out = "Checks (CONF-LOG-CHECKS)\n" + checks.render("  ");
  bool any_finding = false;
  for (const conf::CheckResult& c : r.checks) {
    if (c.findings.empty()) continue;
    if (!any_finding) out += "\nFindings\n";
    any_finding = true;
    for (std::size_t k = 0; k < c.findings.size() && k < kTextFindings; ++k) {
      out += "  " + c.name + ": " + c.findings[k].detail + "\n";
    }
    if (c.finding_count > kTextFindings) {
      out += "  " + c.name + ": … " + std::to_string(c.finding_count - kTextFindings) + " more (--json lists up to " +
             std::to_string(conf::kMaxFindings) + ")\n";
    }
  }
  return out + "\n";
}

std::string overshoot_text(const conf::EventLog& log, const conf::LogReport& r) {
  if (!r.gap) return "";
  KeyValues gap;
  gap.add("needed budget", ref::format_exact(*log.needed));
  gap.add("seized Σx", ref::format_exact(r.seized_total));
  gap.add("signed gap Σx − needed", ref::format_exact(r.gap->signed_gap));
  gap.add("overshoot", ref::format_exact(r.gap->overshoot));
  gap.add("undershoot", ref::format_exact(r.gap->undershoot));
  gap.add("overshoot regret |Σx − needed|", ref::format_exact(r.gap->overshoot + r.gap->undershoot));
  return "Overshoot against the needed budget (MET-OVERSHOOT, MET-OVERSHOOT-REGRET)\n" + gap.render() + "\n";
}

std::string distances_text(const ref::Book& book, const conf::LogReport& r) {
  Table distance({left_column("reference policy"), right_column("L¹ (USD)"), right_column("L∞ (USD)"),
                  left_column("L∞ at"), right_column("max |Δh|"), left_column("|Δh| at")});
  for (const conf::Distance& d : r.distances) {
    if (!d.available) {
      distance.add_spanning_row(d.policy, "n/a — " + d.reason);
      continue;
    }
    distance.add_row({d.policy, ref::format_exact(d.l1), ref::format_exact(d.linf), account_name(book, d.linf_account),
                      ref::format_exact(d.max_haircut_diff), account_name(book, d.haircut_account)});
  }
  return "Distance to the reference policies at B = " + ref::format_exact(r.budget) +
         " (informational, CONF-LOG-DISTANCE)\n" + distance.render("  ") + "\n";
}

std::string verdict_text(const conf::LogReport& r) {
  const std::vector<std::string> failed = r.failed();
  if (failed.empty()) return "verdict: CONFORMING (every applicable check passes)\n";
  std::string list;
  for (const std::string& name : failed) list += (list.empty() ? "" : ", ") + name;
  return "verdict: NOT CONFORMING (" + std::to_string(failed.size()) +
         (failed.size() == 1 ? " check failed: " : " checks failed: ") + list + ")\n";
}

std::string text_report(const conf::EventLog& log, const conf::LogReport& r) {
  return "adl conform --log " + log.source + "\n\n" + event_text(log, r) + accounts_text(log, r) + checks_text(r) +
         overshoot_text(log, r) + distances_text(log.book.book, r) + verdict_text(r);
}

}  // namespace

// Text or JSON report and exit code of log mode.
// @spec CONF-LOG-REPORT
int conform_log_command(const ConformOptions& options, std::string& out) {
  if (options.policy || options.vectors || options.generate) {
    throw UsageError("conform --log takes no --policy, --vectors or --generate (the log declares its policy)");
  }
  const conf::EventLog log = conf::load_log(*options.log);
  const conf::LogReport report = conf::check_log(log);
  const int code = report.conforming() ? kExitOk : kExitViolations;
  out += options.json ? dump_json(document(log, report)) : text_report(log, report);
  return code;
}

}  // namespace adl::cli
