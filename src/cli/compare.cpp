// `adl compare`: the seven wealth-space policies on one book at one budget,
// their metrics, per-account haircuts and post-ADL equities, and the weak
// submajorization order between their haircut vectors (MET-SCHUR).
#include "commands.hpp"

#include "adl/ref/error.hpp"

#include <array>

namespace adl::cli {
namespace {

using ref::Rational;
using nlohmann::ordered_json;

constexpr std::array<ref::PolicyKind, 7> kPolicies = {
    ref::PolicyKind::Queue,         ref::PolicyKind::ProRata, ref::PolicyKind::LeveredProRata,
    ref::PolicyKind::CappedProRata, ref::PolicyKind::Rap,     ref::PolicyKind::MinMax,
    ref::PolicyKind::GreedyOneStep};

/// Largest book for which the per-account tables are printed.
constexpr std::size_t kPerAccountLimit = 12;

struct Outcome {
  ref::PolicyKind kind;
  bool available = false;
  std::string reason;  // why not available
  ref::Allocation allocation;
  ref::RoundMetrics metrics;
  ref::ValidityReport report;
};

}  // namespace

int compare_command(const CompareOptions& options, std::string& out) {
  ref::PolicyOptions base;
  base.score = parse_score(options.score);
  base.risk = parse_risk(options.risk);
  ref::BudgetRequest request = budget_request(options.budget);
  std::string budget_note;
  if (request.severity) {
    budget_note = "from --severity";
  } else if (request.budget) {
    budget_note = "from --budget";
  } else if (!options.book) {
    request.severity = Rational(1, 2);
    budget_note = "default θ = 1/2, the paper's EX-5ACCT severity";
  } else {
    budget_note = "full coverage B* = min(D, U)";
  }

  io::LoadedBook loaded = load_book_or_default(options.book);
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  const ref::Book& book = loaded.book;
  const ref::BookState state = ref::summarize(book);
  const ref::Budget budget = ref::resolve_budget(state, request);
  const std::size_t n = book.accounts.size();

  std::vector<Outcome> outcomes;
  for (const ref::PolicyKind kind : kPolicies) {
    Outcome o;
    o.kind = kind;
    ref::PolicyOptions policy = base;
    policy.kind = kind;
    try {
      o.allocation = ref::run_policy(book, state, policy, budget);
      o.available = true;
    } catch (const ref::Infeasible& e) {
      o.reason = e.what();
    } catch (const ref::InvalidInput& e) {
      o.reason = e.what();
    }
    if (o.available) {
      o.report = ref::check_allocation(book, state, o.allocation, ref::policy_respects_caps(kind));
      o.metrics = ref::evaluate(book, state, o.allocation);
    }
    outcomes.push_back(std::move(o));
  }

  // Weak submajorization of haircut vectors between available policies.
  struct Pair {
    std::size_t fairer;
    std::size_t than;
    bool mutual;
  };
  std::vector<Pair> pairs;
  for (std::size_t a = 0; a < outcomes.size(); ++a) {
    for (std::size_t b = 0; b < outcomes.size(); ++b) {
      if (a == b || !outcomes[a].available || !outcomes[b].available) continue;
      const auto& ha = outcomes[a].allocation.haircut;
      const auto& hb = outcomes[b].allocation.haircut;
      if (!ref::weakly_submajorized(ha, hb)) continue;
      pairs.push_back({a, b, ref::weakly_submajorized(hb, ha)});
    }
  }

  if (options.json) {
    ordered_json doc;
    doc["schema"] = "adlref.compare/1";
    doc["book"] = book_json(loaded);
    ordered_json totals = totals_json(state, budget);
    totals["budget_source"] = budget_note;
    doc["totals"] = std::move(totals);
    ordered_json params;
    params["score"] = score_name(base.score);
    params["risk"] = risk_name(base.risk);
    doc["parameters"] = std::move(params);
    ordered_json policies = ordered_json::array();
    for (const Outcome& o : outcomes) {
      ordered_json p;
      p["name"] = ref::policy_name(o.kind);
      p["available"] = o.available;
      p["reason"] = o.available ? ordered_json(nullptr) : ordered_json(o.reason);
      p["budget"] = exact_json(budget.budget);
      if (o.available) {
        p["top_survivor"] = exact_json(o.metrics.top_survivor);
        p["ptsr"] = exact_json(o.metrics.ptsr);
        p["pmr"] = exact_json(o.metrics.pmr);
        p["max_burden"] = exact_json(o.metrics.max_burden);
        p["max_haircut"] = exact_json(o.metrics.max_haircut);
        p["winners_touched"] = o.metrics.winners_touched;
        p["valid"] = o.report.valid();
        ordered_json h = ordered_json::array();
        ordered_json x = ordered_json::array();
        ordered_json e = ordered_json::array();
        for (std::size_t i = 0; i < n; ++i) {
          h.push_back(exact_json(o.allocation.haircut[i]));
          x.push_back(exact_json(o.allocation.seized[i]));
          e.push_back(exact_json(o.metrics.post_equity[i]));
        }
        p["haircut"] = std::move(h);
        p["seized"] = std::move(x);
        p["post_equity"] = std::move(e);
      } else {
        for (const char* key : {"top_survivor", "ptsr", "pmr", "max_burden", "max_haircut",
                                "winners_touched", "valid", "haircut", "seized", "post_equity"}) {
          p[key] = nullptr;
        }
      }
      policies.push_back(std::move(p));
    }
    doc["policies"] = std::move(policies);
    ordered_json order = ordered_json::array();
    for (const Pair& pair : pairs) {
      ordered_json item;
      item["fairer"] = ref::policy_name(outcomes[pair.fairer].kind);
      item["than"] = ref::policy_name(outcomes[pair.than].kind);
      item["equivalent"] = pair.mutual;
      order.push_back(std::move(item));
    }
    doc["majorization"] = std::move(order);
    out += dump_json(doc);
    return kExitOk;
  }

  // ---- Human output.
  out += "adl compare: seven policies on " + loaded.source + "\n\n";
  KeyValues header = book_lines(loaded, state, options.caps);
  header.add("severity θ", ref::format_exact(budget.severity) + "  (" +
                               (budget.clipped ? "clipped to the capacity U" : budget_note) + ")");
  header.add("budget B = θ·D", ref::format_exact(budget.budget));
  header.add("queue score rule", score_name(base.score));
  header.add("risk model (rap, greedy)", risk_name(base.risk));
  out += header.render("") + "\n";

  Table summary({{"policy", false},
                 {"budget B", true},
                 {"top survivor υ^π", true},
                 {"PTSR", true},
                 {"PMR", true},
                 {"max burden", true},
                 {"max haircut", true},
                 {"winners touched", true},
                 {"valid", false}});
  for (const Outcome& o : outcomes) {
    if (!o.available) {
      summary.add_spanning_row(ref::policy_name(o.kind), "n/a \u2014 " + o.reason);
      continue;
    }
    summary.add_row({ref::policy_name(o.kind), ref::format_exact(budget.budget),
                     ref::format_exact(o.metrics.top_survivor),
                     o.metrics.ptsr ? ref::format_exact(*o.metrics.ptsr) : "undefined",
                     o.metrics.pmr ? ref::format_exact(*o.metrics.pmr) : "undefined",
                     ref::format_exact(o.metrics.max_burden), ref::format_exact(o.metrics.max_haircut),
                     std::to_string(o.metrics.winners_touched),
                     o.report.valid() ? "yes" : "NO (" + o.report.violations.front().predicate + ")"});
  }
  out += "Policies\n" + summary.render("  ");
  bool undefined = false;
  for (const Outcome& o : outcomes) undefined = undefined || (o.available && (!o.metrics.ptsr || !o.metrics.pmr));
  if (undefined) out += "  (PTSR is undefined when θ·D = 0, PMR when θ·Δ = 0)\n";
  out += "\n";

  if (n <= kPerAccountLimit) {
    const auto per_account = [&](const std::string& title, auto value) {
      std::vector<Table::Column> columns = {{"account", false}};
      for (const Outcome& o : outcomes) columns.push_back({ref::policy_name(o.kind), true});
      Table table(std::move(columns));
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::string> row = {book.accounts[i].id};
        for (const Outcome& o : outcomes) row.push_back(o.available ? ref::format_exact(value(o, i)) : "n/a");
        table.add_row(std::move(row));
      }
      out += title + "\n" + table.render("  ") + "\n";
    };
    per_account("Haircut h per policy",
                [](const Outcome& o, std::size_t i) { return o.allocation.haircut[i]; });
    per_account("Post-ADL equity e' per policy",
                [](const Outcome& o, std::size_t i) { return o.metrics.post_equity[i]; });
  } else {
    out += "(per-account tables are printed for books of at most " + std::to_string(kPerAccountLimit) +
           " accounts; --json carries every account)\n\n";
  }

  out += "Majorization (A \u227a_w B: h(A) is weakly submajorized by h(B), so A is fairer than B, MET-SCHUR)\n";
  bool any = false;
  for (const Pair& pair : pairs) {
    if (pair.mutual) {
      if (pair.fairer > pair.than) continue;  // print each equivalent pair once
      out += "  " + ref::policy_name(outcomes[pair.fairer].kind) + " ~ " +
             ref::policy_name(outcomes[pair.than].kind) + "  (equal rearrangements)\n";
    } else {
      out += "  " + ref::policy_name(outcomes[pair.fairer].kind) + " \u227a_w " +
             ref::policy_name(outcomes[pair.than].kind) + "\n";
    }
    any = true;
  }
  if (!any) out += "  no pair is ordered\n";
  return kExitOk;
}

}  // namespace adl::cli
