// `adl run`: one policy on one book at one budget, with the per-account table,
// the round metrics and the validity predicates.
#include "commands.hpp"
#include "engine.hpp"

#include "adl/fx/convert.hpp"
#include "adl/io/names.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>

namespace adl::cli {
namespace {

using ref::Rational;
using nlohmann::ordered_json;

std::string budget_origin(const ref::BudgetRequest& request) {
  if (request.severity) return "from --severity";
  if (request.budget) return "from --budget";
  return "full coverage B* = min(D, U)";
}

bool has_cap_violation(const ref::ValidityReport& report) {
  return std::any_of(report.violations.begin(), report.violations.end(), [](const ref::Violation& v) {
    return v.predicate == "cap" || v.predicate == "min-equity";
  });
}

}  // namespace

int run_command(const RunOptions& options, std::string& out) {
  // Everything typed on the command line is checked before any file is read.
  const ref::PolicyKind kind = io::parse_policy_name(options.policy);
  ref::PolicyOptions policy;
  policy.kind = kind;
  policy.score = parse_score(options.score);
  policy.risk = parse_risk(options.risk);
  const ref::BudgetRequest request = budget_request(options.budget);
  std::optional<Rational> needed;
  if (options.needed) {
    needed = parse_number("--needed", *options.needed);
    if (*needed < 0) throw UsageError("--needed must be >= 0, got " + ref::to_fraction(*needed));
  }
  if (options.top < 0) throw UsageError("--top must be >= 0, got " + std::to_string(options.top));

  io::LoadedBook loaded = io::load_book(options.book);
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  const ref::Book& book = loaded.book;
  const ref::BookState state = ref::summarize(book);
  const Engine engine = choose_engine(options.engine, book.accounts.size());
  ref::Budget budget = ref::resolve_budget(state, request);
  bool budget_rounded = false;
  ref::Allocation allocation;
  if (engine == Engine::Fx) {
    const FxBudget fx_b = fx_budget(state, budget);
    budget = fx_b.exact;
    budget_rounded = fx_b.rounded;
    allocation = run_policy_fx(fx::from_ref_book(book), book, state, policy, fx_b);
  } else {
    allocation = ref::run_policy(book, state, policy, budget);
  }
  const bool binds_caps = ref::policy_respects_caps(kind);
  const ref::ValidityReport report = ref::check_allocation(book, state, allocation, binds_caps);
  const ref::ValidityReport caps_report =
      binds_caps ? report : ref::check_allocation(book, state, allocation, true);
  const bool caps_respected = !has_cap_violation(caps_report);
  const ref::RoundMetrics metrics = ref::evaluate(book, state, allocation);
  const std::optional<ref::BudgetGap> gap =
      needed ? std::optional<ref::BudgetGap>(ref::budget_gap(budget.budget, *needed)) : std::nullopt;
  const std::size_t n = book.accounts.size();
  const int exit_code = report.valid() ? kExitOk : kExitViolations;

  if (options.json) {
    ordered_json doc;
    doc["schema"] = "adlref.run/1";
    doc["book"] = book_json(loaded);
    ordered_json p;
    p["name"] = ref::policy_name(kind);
    p["score"] = score_name(policy.score);
    p["risk"] = risk_name(policy.risk);
    p["engine"] = engine == Engine::Fx ? "fx" : "ref";
    p["budget_rounded_to_micro_usd"] = budget_rounded;
    doc["policy"] = p;
    doc["totals"] = totals_json(state, budget);
    ordered_json accounts = ordered_json::array();
    for (std::size_t i = 0; i < n; ++i) {
      const ref::Account& a = book.accounts[i];
      ordered_json row;
      row["account"] = a.id;
      row["cash"] = exact_json(a.cash);
      row["pnl"] = exact_json(a.pnl);
      row["equity"] = exact_json(state.equity[i]);
      row["endowment"] = exact_json(state.endowment[i]);
      row["cap"] = exact_json(state.cap[i]);
      row["seized"] = exact_json(allocation.seized[i]);
      row["haircut"] = exact_json(allocation.haircut[i]);
      row["post_equity"] = exact_json(metrics.post_equity[i]);
      row["survivor"] = exact_json(metrics.survivor[i]);
      accounts.push_back(std::move(row));
    }
    doc["accounts"] = std::move(accounts);
    ordered_json m;
    m["top_survivor"] = exact_json(metrics.top_survivor);
    m["socialized"] = exact_json(metrics.socialized);
    m["remaining_deficit"] = exact_json(metrics.remaining_deficit);
    m["ptsr"] = exact_json(metrics.ptsr);
    m["pmr"] = exact_json(metrics.pmr);
    m["max_burden"] = exact_json(metrics.max_burden);
    m["max_haircut"] = exact_json(metrics.max_haircut);
    m["winners_touched"] = metrics.winners_touched;
    m["surviving_winners"] = metrics.surviving_winners;
    if (gap) {
      m["needed"] = exact_json(*needed);
      m["overshoot"] = exact_json(gap->overshoot);
      m["undershoot"] = exact_json(gap->undershoot);
    }
    doc["metrics"] = std::move(m);
    ordered_json v;
    v["valid"] = report.valid();
    v["binds_caps"] = binds_caps;
    v["violations"] = violations_json(book, report);
    v["caps_respected"] = caps_respected;
    doc["validity"] = std::move(v);
    out += dump_json(doc);
    return exit_code;
  }

  // ---- Human output.
  out += "adl run: " + ref::policy_name(kind) + " on " + loaded.source + "\n\n";

  KeyValues header = book_lines(loaded, state, options.caps);
  out += "Book\n" + header.render() + "\n";

  KeyValues params;
  params.add("policy", ref::policy_name(kind));
  const ref::PolicyColumns& reads = ref::policy_info(kind).reads;
  if (reads.score) params.add("score rule", score_name(policy.score));
  if (reads.risk_weight || reads.rho) {
    params.add("risk model", risk_name(policy.risk));
  }
  params.add("binds caps β", binds_caps ? "yes" : "no (the policy ignores caps by definition)");
  std::string origin = budget_origin(request);
  if (budget.clipped) {
    if (request.severity) {
      origin = "--severity " + ref::to_fraction(*request.severity) + " asked for θ·D = " +
               ref::format_exact(*request.severity * state.deficit) + ", clipped to the capacity U by --clip-budget";
    } else if (request.budget) {
      origin = "--budget " + ref::to_fraction(*request.budget) + " clipped to the capacity U by --clip-budget";
    } else {
      origin += " = U: the capacity is below the deficit, so the budget is clipped";
    }
  }
  params.add("severity θ", ref::format_exact(budget.severity) + "  (" + origin + ")");
  params.add("budget B = θ·D", ref::format_exact(budget.budget) + (budget.clipped ? "  (clipped to U)" : "") +
                                   (budget_rounded ? "  (θ·D rounded down to the micro-USD, FX-BUDGET)" : ""));
  params.add("engine", engine_description(engine, options.engine));
  out += "Policy\n" + params.render() + "\n";

  Table table({{"account", false},
               {"cash", true},
               {"pnl", true},
               {"equity e", true},
               {"endowment w", true},
               {"cap β", true},
               {"seized x", true},
               {"haircut h", true},
               {"post-ADL e'", true},
               {"survivor s", true}});
  const std::size_t shown = options.top == 0 ? n : std::min<std::size_t>(n, static_cast<std::size_t>(options.top));
  for (std::size_t i = 0; i < shown; ++i) {
    const ref::Account& a = book.accounts[i];
    table.add_row({a.id, ref::format_exact(a.cash), ref::format_exact(a.pnl),
                   ref::format_exact(state.equity[i]), ref::format_exact(state.endowment[i]),
                   ref::format_exact(state.cap[i]), ref::format_exact(allocation.seized[i]),
                   ref::format_exact(allocation.haircut[i]), ref::format_exact(metrics.post_equity[i]),
                   ref::format_exact(metrics.survivor[i])});
  }
  out += "Accounts\n" + table.render("  ");
  if (shown < n) {
    out += "  \u2026 " + std::to_string(n - shown) + " more accounts not shown (--top 0 shows all)\n";
  }
  out += "\n";

  KeyValues m;
  m.add("top survivor υ^π", ref::format_exact(metrics.top_survivor));
  m.add("socialized θ·D", ref::format_exact(metrics.socialized));
  m.add("remaining deficit (1−θ)·D", ref::format_exact(metrics.remaining_deficit));
  m.add("PTSR υ^π/(θ·D)", metrics.ptsr ? ref::format_exact(*metrics.ptsr) : "undefined (θ·D = 0)");
  m.add("PMR υ^π/(θ·Δ)", metrics.pmr ? ref::format_exact(*metrics.pmr) : "undefined (θ·D = 0)");
  m.add("max burden max x/e", ref::format_exact(metrics.max_burden));
  m.add("max haircut max h", ref::format_exact(metrics.max_haircut));
  m.add("winners touched", std::to_string(metrics.winners_touched));
  m.add("surviving winners", std::to_string(metrics.surviving_winners));
  if (gap) {
    m.add("needed budget", ref::format_exact(*needed));
    m.add("overshoot (B − needed)₊", ref::format_exact(gap->overshoot));
    m.add("undershoot (needed − B)₊", ref::format_exact(gap->undershoot));
  }
  out += "Metrics\n" + m.render() + "\n";

  out += "Validity\n";
  out += render_predicates(report, binds_caps, ref::policy_name(kind) + " does not bind caps");
  if (!binds_caps) {
    out += "  book caps (information): ";
    if (caps_respected) {
      out += "hold (every h ≤ β and every e' ≥ e̲)\n";
    } else {
      out += "do not hold; the policy is not required to respect them:\n";
      for (const ref::Violation& v : caps_report.violations) {
        if (v.predicate == "cap" || v.predicate == "min-equity") out += "    \u2022 " + v.predicate + ": " + v.detail + "\n";
      }
    }
  }
  out += "  verdict: " + std::string(report.valid() ? "valid" : "INVALID") + "\n";
  return exit_code;
}

CommandSpec run_spec() {
  auto options = std::make_shared<RunOptions>();
  RunOptions& o = *options;
  CommandSpec spec{"run", "Run one ADL policy on a book and report the allocation, metrics and validity"};
  auto& add = spec.options;
  add.push_back(OptionSpec{"--book", "Book file (wealth- or position-space, CSV or JSON)", &o.book}.needed());
  add.push_back(OptionSpec{"--policy", "Policy: queue, pro-rata, levered-pro-rata, capped-pro-rata, rap, min-max, greedy-one-step",
                           &o.policy}.needed());
  add_budget_options(add, o.budget, true);
  add.push_back({"--caps", "Caps file (account,max_haircut,min_equity) replacing the book's caps", &o.caps});
  add_rule_options(add, o.score, o.risk);
  add.push_back({"--needed", "Needed budget B_needed (USD); reports overshoot and undershoot", &o.needed});
  add.push_back(OptionSpec{"--top", "Per-account rows to print (0 = all)", &o.top}.with_default());
  add.push_back(book_engine_option(o.engine));
  add.push_back(json_flag(o.json, "adlref.run/1", " instead of text"));
  spec.run = [options](std::string& out) { return run_command(*options, out); };
  return spec;
}

}  // namespace adl::cli
