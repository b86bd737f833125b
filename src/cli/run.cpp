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

/// The typed options of `adl run`, checked before any file is read.
struct RunRequest {
  ref::PolicyOptions policy;
  ref::BudgetRequest budget;
  std::optional<Rational> needed;  ///< --needed, ≥ 0.
};

/// Everything `adl run` prints: the book, the resolved budget, the allocation
/// and what the library says about it. The renderers only format it.
struct RunView {
  const io::LoadedBook& loaded;
  RunRequest request;
  ref::BookState state;
  Engine engine = Engine::Ref;
  ref::Budget budget{};
  bool budget_rounded = false;  ///< FX-BUDGET rounded θ·D down.
  ref::Allocation allocation{};
  bool binds_caps = false;
  ref::ValidityReport report{};       ///< Caps checked only when the policy binds them.
  ref::ValidityReport caps_report{};  ///< Caps always checked (information for policies that ignore them).
  bool caps_respected = false;
  ref::RoundMetrics metrics{};
  std::optional<ref::BudgetGap> gap{};
};

bool is_cap_predicate(const ref::Violation& v) { return v.predicate == "cap" || v.predicate == "min-equity"; }

RunRequest read_request(const RunOptions& options) {
  RunRequest r;
  r.policy.kind = io::parse_policy_name(options.policy);
  r.policy.score = parse_score(options.score);
  r.policy.risk = parse_risk(options.risk);
  r.budget = budget_request(options.budget);
  if (options.needed) {
    r.needed = parse_number("--needed", *options.needed);
    if (*r.needed < 0) throw UsageError("--needed must be >= 0, got " + ref::to_fraction(*r.needed));
  }
  if (options.top < 0) throw UsageError("--top must be >= 0, got " + std::to_string(options.top));
  return r;
}

RunView compute(const io::LoadedBook& loaded, RunRequest request, const std::string& engine_option) {
  const ref::Book& book = loaded.book;
  RunView v{loaded, std::move(request), ref::summarize(book)};
  v.engine = choose_engine(engine_option, book.accounts.size());
  v.budget = ref::resolve_budget(v.state, v.request.budget);
  if (v.engine == Engine::Fx) {
    const FxBudget fx_b = fx_budget(v.state, v.budget);
    v.budget = fx_b.exact;
    v.budget_rounded = fx_b.rounded;
    v.allocation = run_policy_fx(fx::from_ref_book(book), book, v.state, v.request.policy, fx_b);
  } else {
    v.allocation = ref::run_policy(book, v.state, v.request.policy, v.budget);
  }
  v.binds_caps = ref::policy_respects_caps(v.request.policy.kind);
  v.report = ref::check_allocation(book, v.state, v.allocation, v.binds_caps);
  v.caps_report = v.binds_caps ? v.report : ref::check_allocation(book, v.state, v.allocation, true);
  v.caps_respected = std::none_of(v.caps_report.violations.begin(), v.caps_report.violations.end(), is_cap_predicate);
  v.metrics = ref::evaluate(book, v.state, v.allocation);
  if (v.request.needed) v.gap = ref::budget_gap(v.budget.budget, *v.request.needed);
  return v;
}

// ---- JSON (schema adlref.run/1).

ordered_json accounts_json(const RunView& v) {
  const ref::Book& book = v.loaded.book;
  ordered_json accounts = ordered_json::array();
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    const ref::Account& a = book.accounts[i];
    ordered_json row;
    row["account"] = a.id;
    row["cash"] = exact_json(a.cash);
    row["pnl"] = exact_json(a.pnl);
    row["equity"] = exact_json(v.state.equity[i]);
    row["endowment"] = exact_json(v.state.endowment[i]);
    row["cap"] = exact_json(v.state.cap[i]);
    row["seized"] = exact_json(v.allocation.seized[i]);
    row["haircut"] = exact_json(v.allocation.haircut[i]);
    row["post_equity"] = exact_json(v.metrics.post_equity[i]);
    row["survivor"] = exact_json(v.metrics.survivor[i]);
    accounts.push_back(std::move(row));
  }
  return accounts;
}

std::string render_json(const RunView& v) {
  ordered_json doc = book_document("adlref.run/1", v.loaded);
  ordered_json p;
  p["name"] = ref::policy_name(v.request.policy.kind);
  p["score"] = score_name(v.request.policy.score);
  p["risk"] = risk_name(v.request.policy.risk);
  p["engine"] = v.engine == Engine::Fx ? "fx" : "ref";
  p["budget_rounded_to_micro_usd"] = v.budget_rounded;
  doc["policy"] = p;
  doc["totals"] = totals_json(v.state, v.budget);
  doc["accounts"] = accounts_json(v);
  ordered_json m = metrics_json(v.metrics, true);
  if (v.gap) {
    m["needed"] = exact_json(*v.request.needed);
    m["overshoot"] = exact_json(v.gap->overshoot);
    m["undershoot"] = exact_json(v.gap->undershoot);
  }
  doc["metrics"] = std::move(m);
  ordered_json validity;
  validity["valid"] = v.report.valid();
  validity["binds_caps"] = v.binds_caps;
  validity["violations"] = violations_json(v.loaded.book, v.report);
  validity["caps_respected"] = v.caps_respected;
  doc["validity"] = std::move(validity);
  return dump_json(doc);
}

// ---- Text.

/// Where the severity came from, and how --clip-budget clipped it.
std::string budget_origin(const RunView& v) {
  const ref::BudgetRequest& request = v.request.budget;
  if (!v.budget.clipped) {
    if (request.severity) return "from --severity";
    if (request.budget) return "from --budget";
    return "full coverage B* = min(D, U)";
  }
  if (request.severity) {
    return "--severity " + ref::to_fraction(*request.severity) +
           " asked for θ·D = " + ref::format_exact(*request.severity * v.state.deficit) +
           ", clipped to the capacity U by --clip-budget";
  }
  if (request.budget)
    return "--budget " + ref::to_fraction(*request.budget) + " clipped to the capacity U by --clip-budget";
  return "full coverage B* = min(D, U) = U: the capacity is below the deficit, so the budget is clipped";
}

std::string policy_text(const RunView& v, const std::string& engine_option) {
  const ref::PolicyKind kind = v.request.policy.kind;
  KeyValues params;
  params.add("policy", ref::policy_name(kind));
  const ref::PolicyColumns& reads = ref::policy_info(kind).reads;
  if (reads.score) params.add("score rule", score_name(v.request.policy.score));
  if (reads.risk_weight || reads.rho) params.add("risk model", risk_name(v.request.policy.risk));
  params.add("binds caps β", v.binds_caps ? "yes" : "no (the policy ignores caps by definition)");
  params.add("severity θ", ref::format_exact(v.budget.severity) + "  (" + budget_origin(v) + ")");
  params.add("budget B = θ·D", ref::format_exact(v.budget.budget) + (v.budget.clipped ? "  (clipped to U)" : "") +
                                   (v.budget_rounded ? "  (θ·D rounded down to the micro-USD, FX-BUDGET)" : ""));
  params.add("engine", engine_description(v.engine, engine_option));
  return "Policy\n" + params.render() + "\n";
}

std::string accounts_text(const RunView& v, std::int64_t top) {
  const ref::Book& book = v.loaded.book;
  const std::size_t n = book.accounts.size();
  Table table({left_column("account"), right_column("cash"), right_column("pnl"), right_column("equity e"),
               right_column("endowment w"), right_column("cap β"), right_column("seized x"), right_column("haircut h"),
               right_column("post-ADL e'"), right_column("survivor s")});
  const std::size_t shown = top == 0 ? n : std::min<std::size_t>(n, static_cast<std::size_t>(top));
  for (std::size_t i = 0; i < shown; ++i) {
    const ref::Account& a = book.accounts[i];
    table.add_row({a.id, ref::format_exact(a.cash), ref::format_exact(a.pnl), ref::format_exact(v.state.equity[i]),
                   ref::format_exact(v.state.endowment[i]), ref::format_exact(v.state.cap[i]),
                   ref::format_exact(v.allocation.seized[i]), ref::format_exact(v.allocation.haircut[i]),
                   ref::format_exact(v.metrics.post_equity[i]), ref::format_exact(v.metrics.survivor[i])});
  }
  std::string out = "Accounts\n" + table.render("  ");
  if (shown < n) out += "  \u2026 " + std::to_string(n - shown) + " more accounts not shown (--top 0 shows all)\n";
  return out + "\n";
}

std::string metrics_text(const RunView& v) {
  const ref::RoundMetrics& metrics = v.metrics;
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
  if (v.gap) {
    m.add("needed budget", ref::format_exact(*v.request.needed));
    m.add("overshoot (B − needed)₊", ref::format_exact(v.gap->overshoot));
    m.add("undershoot (needed − B)₊", ref::format_exact(v.gap->undershoot));
  }
  return "Metrics\n" + m.render() + "\n";
}

std::string validity_text(const RunView& v) {
  const std::string name = ref::policy_name(v.request.policy.kind);
  std::string out = "Validity\n" + render_predicates(v.report, v.binds_caps, name + " does not bind caps");
  if (!v.binds_caps) {
    out += "  book caps (information): ";
    if (v.caps_respected) {
      out += "hold (every h ≤ β and every e' ≥ e̲)\n";
    } else {
      out += "do not hold; the policy is not required to respect them:\n";
      for (const ref::Violation& c : v.caps_report.violations) {
        if (is_cap_predicate(c)) out += "    \u2022 " + c.predicate + ": " + c.detail + "\n";
      }
    }
  }
  return out + "  verdict: " + std::string(v.report.valid() ? "valid" : "INVALID") + "\n";
}

std::string render_text(const RunView& v, const RunOptions& options) {
  std::string out = "adl run: " + ref::policy_name(v.request.policy.kind) + " on " + v.loaded.source + "\n\n";
  out += "Book\n" + book_lines(v.loaded, v.state, options.caps).render() + "\n";
  out += policy_text(v, options.engine);
  out += accounts_text(v, options.top);
  out += metrics_text(v);
  return out + validity_text(v);
}

}  // namespace

int run_command(const RunOptions& options, std::string& out) {
  // Everything typed on the command line is checked before any file is read.
  RunRequest request = read_request(options);
  io::LoadedBook loaded = io::load_book(options.book);
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  const RunView view = compute(loaded, std::move(request), options.engine);
  out += options.json ? render_json(view) : render_text(view, options);
  return view.report.valid() ? kExitOk : kExitViolations;
}

CommandSpec run_spec() {
  auto options = std::make_shared<RunOptions>();
  RunOptions& o = *options;
  CommandSpec spec{"run", "Run one ADL policy on a book and report the allocation, metrics and validity",
                   [options](std::string& out) { return run_command(*options, out); }};
  auto& add = spec.options;
  add.push_back(OptionSpec{"--book", "Book file (wealth- or position-space, CSV or JSON)", &o.book}.needed());
  add.push_back(OptionSpec{"--policy",
                           "Policy: queue, pro-rata, levered-pro-rata, capped-pro-rata, rap, min-max, greedy-one-step",
                           &o.policy}
                    .needed());
  add_budget_options(add, o.budget, true);
  add.push_back({"--caps", "Caps file (account,max_haircut,min_equity) replacing the book's caps", &o.caps});
  add_rule_options(add, o.score, o.risk);
  add.push_back({"--needed", "Needed budget B_needed (USD); reports overshoot and undershoot", &o.needed});
  add.push_back(OptionSpec{"--top", "Per-account rows to print (0 = all)", &o.top}.with_default());
  add.push_back(book_engine_option(o.engine));
  add.push_back(json_flag(o.json, "adlref.run/1", " instead of text"));
  return spec;
}

}  // namespace adl::cli
