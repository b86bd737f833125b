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

ordered_json document(const conf::EventLog& log, const conf::LogReport& r) {
  const ref::Book& book = log.book.book;
  ordered_json doc;
  doc["schema"] = "adlref.conform-log/1";
  ordered_json l;
  l["source"] = log.source;
  l["schema"] = conf::kLogSchema;
  l["venue"] = log.venue ? ordered_json(*log.venue) : ordered_json(nullptr);
  l["event"] = log.event ? ordered_json(*log.event) : ordered_json(nullptr);
  l["form"] = form_text(log.form);
  l["actions"] = log.form == conf::ActionForm::Seized ? log.seized.size() : log.closed.size();
  doc["log"] = std::move(l);
  ordered_json b = book_json(log.book);
  b["embedded"] = log.book_embedded;
  doc["book"] = std::move(b);
  doc["unit"] = exact_json(log.unit);
  ordered_json p;
  p["name"] = ref::policy_name(log.policy.kind);
  const ref::PolicyColumns& reads = ref::policy_info(log.policy.kind).reads;
  p["score"] = reads.score ? ordered_json(ref::score_rule_name(log.policy.score))
                                                         : ordered_json(nullptr);
  const bool risky = reads.risk_weight || reads.rho;
  p["risk"] = risky ? ordered_json(ref::risk_model_name(log.policy.risk)) : ordered_json(nullptr);
  p["label"] = conf::describe_policy(log.policy);
  doc["policy"] = std::move(p);

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
  doc["totals"] = std::move(t);

  ordered_json accounts = ordered_json::array();
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    ordered_json a;
    a["account"] = book.accounts[i].id;
    a["endowment"] = exact_json(r.state.endowment[i]);
    a["cap"] = exact_json(r.state.cap[i]);
    a["money_cap"] = exact_json(r.money_cap[i]);
    a["seized"] = exact_json(r.seized[i]);
    a["haircut"] = exact_json(r.haircut[i]);
    if (!r.keys.empty()) {
      a["key"] = r.key_infinite[i] ? ordered_json("+inf") : exact_json(r.keys[i]);
    }
    accounts.push_back(std::move(a));
  }
  doc["accounts"] = std::move(accounts);
  if (log.form == conf::ActionForm::Closed) {
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
    doc["closed"] = std::move(closed);
  } else {
    doc["closed"] = nullptr;
  }
  if (r.level_low) {
    ordered_json level;
    level["low"] = exact_json(*r.level_low);
    level["high"] = exact_json(r.level_high);
    doc["level"] = std::move(level);
  } else {
    doc["level"] = nullptr;
  }

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
  doc["checks"] = std::move(checks);

  if (r.gap) {
    ordered_json o;
    o["needed"] = exact_json(*log.needed);
    o["seized_total"] = exact_json(r.seized_total);
    o["signed_gap"] = exact_json(r.gap->signed_gap);
    o["overshoot"] = exact_json(r.gap->overshoot);
    o["undershoot"] = exact_json(r.gap->undershoot);
    o["regret"] = exact_json(r.gap->overshoot + r.gap->undershoot);
    doc["overshoot"] = std::move(o);
  } else {
    doc["overshoot"] = nullptr;
  }

  ordered_json distances = ordered_json::array();
  for (const conf::Distance& d : r.distances) {
    ordered_json j;
    j["policy"] = d.policy;
    j["available"] = d.available;
    if (d.available) {
      j["reason"] = nullptr;
      j["l1_usd"] = exact_json(d.l1);
      j["linf_usd"] = exact_json(d.linf);
      j["linf_account"] = account_json(book, d.linf_account);
      j["max_haircut_diff"] = exact_json(d.max_haircut_diff);
      j["max_haircut_account"] = account_json(book, d.haircut_account);
    } else {
      j["reason"] = d.reason;
    }
    distances.push_back(std::move(j));
  }
  doc["distances"] = std::move(distances);
  doc["conforming"] = r.conforming();
  doc["failed"] = r.failed();
  return doc;
}

std::string account_name(const ref::Book& book, const std::optional<std::size_t>& i) {
  return i ? book.accounts[*i].id : std::string("—");
}

std::string text_report(const conf::EventLog& log, const conf::LogReport& r) {
  const ref::Book& book = log.book.book;
  std::string out = "adl conform --log " + log.source + "\n\nEvent\n";
  KeyValues head;
  head.add("log", log.source + " (" + conf::kLogSchema + ")");
  if (log.venue) head.add("venue", *log.venue);
  if (log.event) head.add("event", *log.event);
  head.add("book", (log.book_embedded ? std::string("embedded in the log") : log.book.source) + " (" +
                       form_name(log.book.form) + " space, " + std::to_string(book.accounts.size()) + " accounts)");
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
  out += head.render() + "\n";

  // Accounts: winners and every account with a nonzero seizure.
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    if (r.state.endowment[i] != 0 || r.seized[i] != 0) shown.push_back(i);
  }
  const bool keys = !r.keys.empty();
  const std::string key_header = ref::policy_info(log.policy.kind).reads.score ? "score" : "key e·ρ/w";
  std::vector<Table::Column> columns{{"account", false}, {"w = (PnL)₊", true}, {"cap β", true},
                                     {"seized x", true}, {"haircut h", true}};
  if (keys) columns.push_back({key_header, true});
  Table accounts(columns);
  for (std::size_t k = 0; k < shown.size() && k < kTextAccounts; ++k) {
    const std::size_t i = shown[k];
    std::vector<std::string> row{book.accounts[i].id, ref::format_exact(r.state.endowment[i]),
                                 ref::format_exact(r.state.cap[i]), ref::format_exact(r.seized[i]),
                                 ref::format_exact(r.haircut[i])};
    if (keys) {
      row.push_back(r.key_infinite[i] ? std::string("+∞")
                                      : r.keys[i] ? ref::format_exact(*r.keys[i]) : std::string("—"));
    }
    accounts.add_row(std::move(row));
  }
  out += "Accounts (winners and seized accounts)\n" + accounts.render("  ");
  if (shown.size() > kTextAccounts) {
    out += "  … " + std::to_string(shown.size() - kTextAccounts) + " more accounts (--json lists all)\n";
  }
  out += "\n";

  Table checks({{"check", false}, {"status", false}, {"summary", false}});
  for (const conf::CheckResult& c : r.checks) checks.add_row({c.name, conf::status_name(c.status), c.summary});
  out += "Checks (CONF-LOG-CHECKS)\n" + checks.render("  ");
  bool any_finding = false;
  for (const conf::CheckResult& c : r.checks) {
    if (c.findings.empty()) continue;
    if (!any_finding) out += "\nFindings\n";
    any_finding = true;
    for (std::size_t k = 0; k < c.findings.size() && k < kTextFindings; ++k) {
      out += "  " + c.name + ": " + c.findings[k].detail + "\n";
    }
    if (c.finding_count > kTextFindings) {
      out += "  " + c.name + ": … " + std::to_string(c.finding_count - kTextFindings) +
             " more (--json lists up to " + std::to_string(conf::kMaxFindings) + ")\n";
    }
  }
  out += "\n";

  if (r.gap) {
    KeyValues gap;
    gap.add("needed budget", ref::format_exact(*log.needed));
    gap.add("seized Σx", ref::format_exact(r.seized_total));
    gap.add("signed gap Σx − needed", ref::format_exact(r.gap->signed_gap));
    gap.add("overshoot", ref::format_exact(r.gap->overshoot));
    gap.add("undershoot", ref::format_exact(r.gap->undershoot));
    gap.add("overshoot regret |Σx − needed|", ref::format_exact(r.gap->overshoot + r.gap->undershoot));
    out += "Overshoot against the needed budget (MET-OVERSHOOT, MET-OVERSHOOT-REGRET)\n" + gap.render() + "\n";
  }

  Table distance({{"reference policy", false},
                  {"L¹ (USD)", true},
                  {"L∞ (USD)", true},
                  {"L∞ at", false},
                  {"max |Δh|", true},
                  {"|Δh| at", false}});
  for (const conf::Distance& d : r.distances) {
    if (!d.available) {
      distance.add_spanning_row(d.policy, "n/a — " + d.reason);
      continue;
    }
    distance.add_row({d.policy, ref::format_exact(d.l1), ref::format_exact(d.linf), account_name(book, d.linf_account),
                      ref::format_exact(d.max_haircut_diff), account_name(book, d.haircut_account)});
  }
  out += "Distance to the reference policies at B = " + ref::format_exact(r.budget) +
         " (informational, CONF-LOG-DISTANCE)\n" + distance.render("  ") + "\n";

  const std::vector<std::string> failed = r.failed();
  if (failed.empty()) {
    out += "verdict: CONFORMING (every applicable check passes)\n";
  } else {
    std::string list;
    for (const std::string& name : failed) list += (list.empty() ? "" : ", ") + name;
    out += "verdict: NOT CONFORMING (" + std::to_string(failed.size()) +
           (failed.size() == 1 ? " check failed: " : " checks failed: ") + list + ")\n";
  }
  return out;
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
