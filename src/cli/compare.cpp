// `adl compare`: the seven wealth-space policies on one book at one budget,
// their metrics, per-account haircuts and post-ADL equities, and the weak
// submajorization order between their haircut vectors (MET-SCHUR).
//
// Two paths fill one view (CompareView) that one renderer prints, so both
// engines print the same output (FX-ENGINE): a book the reference has loaded
// (a file, the embedded example, or a generated book small enough or asked of
// the ref engine) runs each policy with adl::ref or adl::fx and audits the
// result with adl::ref; a generated book on the fx engine never leaves fixed
// point (a million accounts in seconds), its metrics come from fx::evaluate.
#include "commands.hpp"
#include "engine.hpp"

#include "adl/fx/convert.hpp"
#include "adl/fx/convert_book.hpp"
#include "adl/fx/error.hpp"
#include "adl/fx/generate.hpp"
#include "adl/fx/policies.hpp"
#include "adl/fx/state.hpp"
#include "adl/ref/error.hpp"

#include <array>
#include <functional>

namespace adl::cli {
namespace {

using ref::Rational;
using nlohmann::ordered_json;

constexpr std::array<ref::PolicyKind, 7> kComparedPolicies = {
    ref::PolicyKind::Queue, ref::PolicyKind::ProRata, ref::PolicyKind::LeveredProRata, ref::PolicyKind::CappedProRata,
    ref::PolicyKind::Rap,   ref::PolicyKind::MinMax,  ref::PolicyKind::GreedyOneStep};

/// Largest book for which the per-account tables are printed.
constexpr std::size_t kPerAccountLimit = 12;

/// Largest book for which the majorization order is computed (exact top-k sums
/// of rational haircuts) and the fx-only path's JSON carries per-account arrays.
constexpr std::size_t kMajorizationLimit = 10'000;

/// Largest --generate N (uint32 account indices, FX-OVERFLOW).
constexpr std::int64_t kMaxGenerated = 100'000'000;

/// One policy's result as both paths report it.
struct PolicyView {
  ref::PolicyKind kind = ref::PolicyKind::ProRata;
  bool available = false;
  std::string reason;  ///< Why not available.
  /// The scalar metrics (υ^π, PTSR, PMR, max burden, max haircut, winners
  /// touched); the per-account vectors are left empty.
  ref::RoundMetrics metrics;
  std::string violation;  ///< The first violated predicate; empty when valid.
  /// Per-account values (only called for i < n when per-account output is made).
  std::function<Rational(std::size_t)> haircut, seized, post_equity;
};

/// Everything the renderer prints.
struct CompareView {
  std::string source;
  std::string form;  ///< "wealth" or "position".
  std::size_t accounts = 0;
  KeyValues book_lines;  ///< The "Book" lines (source, D, Δ, U, ...).
  ordered_json totals;   ///< The JSON totals object.
  ref::Budget budget;
  std::string budget_note;
  bool budget_rounded = false;  ///< FX-BUDGET rounded θ·D down.
  ref::ScoreRule score = ref::ScoreRule::Explicit;
  ref::RiskModel risk;
  Engine engine = Engine::Ref;
  std::string engine_option;
  std::function<std::string(std::size_t)> account_id;
  bool per_account_json = true;  ///< The JSON carries per-account arrays.
  std::vector<PolicyView> policies;
};

struct Pair {
  std::size_t fairer;
  std::size_t than;
  bool mutual;
};

std::vector<Pair> majorization_pairs(const CompareView& view) {
  std::vector<Pair> pairs;
  std::vector<std::vector<Rational>> haircuts(view.policies.size());
  for (std::size_t p = 0; p < view.policies.size(); ++p) {
    if (!view.policies[p].available) continue;
    for (std::size_t i = 0; i < view.accounts; ++i) haircuts[p].push_back(view.policies[p].haircut(i));
  }
  for (std::size_t a = 0; a < view.policies.size(); ++a) {
    for (std::size_t b = 0; b < view.policies.size(); ++b) {
      if (a == b || !view.policies[a].available || !view.policies[b].available) continue;
      if (!ref::weakly_submajorized(haircuts[a], haircuts[b])) continue;
      pairs.push_back({a, b, ref::weakly_submajorized(haircuts[b], haircuts[a])});
    }
  }
  return pairs;
}

std::string render_json(const CompareView& view, const std::optional<std::vector<Pair>>& pairs) {
  ordered_json doc;
  doc["schema"] = "adlref.compare/1";
  ordered_json book;
  book["source"] = view.source;
  book["form"] = view.form;
  book["accounts"] = view.accounts;
  doc["book"] = std::move(book);
  ordered_json totals = view.totals;
  totals["budget_source"] = view.budget_note;
  doc["totals"] = std::move(totals);
  ordered_json params;
  params["score"] = score_name(view.score);
  params["risk"] = risk_name(view.risk);
  params["engine"] = view.engine == Engine::Fx ? "fx" : "ref";
  params["budget_rounded_to_micro_usd"] = view.budget_rounded;
  doc["parameters"] = std::move(params);
  ordered_json policies = ordered_json::array();
  for (const PolicyView& o : view.policies) {
    ordered_json p;
    p["name"] = ref::policy_name(o.kind);
    p["available"] = o.available;
    p["reason"] = o.available ? ordered_json(nullptr) : ordered_json(o.reason);
    p["budget"] = exact_json(view.budget.budget);
    if (o.available) {
      p.update(metrics_json(o.metrics, false));
      p["valid"] = o.violation.empty();
      if (view.per_account_json) {
        ordered_json h = ordered_json::array();
        ordered_json x = ordered_json::array();
        ordered_json e = ordered_json::array();
        for (std::size_t i = 0; i < view.accounts; ++i) {
          h.push_back(exact_json(o.haircut(i)));
          x.push_back(exact_json(o.seized(i)));
          e.push_back(exact_json(o.post_equity(i)));
        }
        p["haircut"] = std::move(h);
        p["seized"] = std::move(x);
        p["post_equity"] = std::move(e);
      } else {
        for (const char* key : {"haircut", "seized", "post_equity"}) p[key] = nullptr;
      }
    } else {
      for (const char* key : {"top_survivor", "ptsr", "pmr", "max_burden", "max_haircut", "winners_touched", "valid",
                              "haircut", "seized", "post_equity"}) {
        p[key] = nullptr;
      }
    }
    policies.push_back(std::move(p));
  }
  doc["policies"] = std::move(policies);
  if (pairs) {
    ordered_json order = ordered_json::array();
    for (const Pair& pair : *pairs) {
      ordered_json item;
      item["fairer"] = ref::policy_name(view.policies[pair.fairer].kind);
      item["than"] = ref::policy_name(view.policies[pair.than].kind);
      item["equivalent"] = pair.mutual;
      order.push_back(std::move(item));
    }
    doc["majorization"] = std::move(order);
  } else {
    doc["majorization"] = nullptr;
  }
  return dump_json(doc);
}

/// The per-account tables (small books), or a note on where to find them.
std::string per_account_text(const CompareView& view) {
  if (view.accounts > kPerAccountLimit) {
    return "(per-account tables are printed for books of at most " + std::to_string(kPerAccountLimit) + " accounts; " +
           (view.per_account_json
                ? "--json carries every account)\n\n"
                : "--json carries them up to " + std::to_string(kMajorizationLimit) + " accounts)\n\n");
  }
  std::string out;
  const auto per_account = [&](const std::string& title, const auto& value) {
    std::vector<Table::Column> columns = {{"account", false}};
    for (const PolicyView& o : view.policies) columns.push_back({ref::policy_name(o.kind), true});
    Table table(std::move(columns));
    for (std::size_t i = 0; i < view.accounts; ++i) {
      std::vector<std::string> row = {view.account_id(i)};
      for (const PolicyView& o : view.policies) row.push_back(o.available ? ref::format_exact(value(o, i)) : "n/a");
      table.add_row(std::move(row));
    }
    out += title + "\n" + table.render("  ") + "\n";
  };
  per_account("Haircut h per policy", [](const PolicyView& o, std::size_t i) { return o.haircut(i); });
  per_account("Post-ADL equity e' per policy", [](const PolicyView& o, std::size_t i) { return o.post_equity(i); });
  return out;
}

/// The weak submajorization order between the policies (MET-SCHUR).
std::string majorization_text(const CompareView& view, const std::optional<std::vector<Pair>>& pairs) {
  std::string out =
      "Majorization (A \u227a_w B: h(A) is weakly submajorized by h(B), so A is fairer than B, MET-SCHUR)\n";
  if (!pairs) return out + "  not computed above " + std::to_string(kMajorizationLimit) + " accounts\n";
  bool any = false;
  for (const Pair& pair : *pairs) {
    if (pair.mutual) {
      if (pair.fairer > pair.than) continue;  // print each equivalent pair once
      out += "  " + ref::policy_name(view.policies[pair.fairer].kind) + " ~ " +
             ref::policy_name(view.policies[pair.than].kind) + "  (equal rearrangements)\n";
    } else {
      out += "  " + ref::policy_name(view.policies[pair.fairer].kind) + " \u227a_w " +
             ref::policy_name(view.policies[pair.than].kind) + "\n";
    }
    any = true;
  }
  if (!any) out += "  no pair is ordered\n";
  return out;
}

std::string render_text(const CompareView& view, const std::optional<std::vector<Pair>>& pairs) {
  std::string out = "adl compare: seven policies on " + view.source + "\n\n";
  KeyValues header = view.book_lines;
  header.add("severity θ", ref::format_exact(view.budget.severity) + "  (" +
                               (view.budget.clipped ? "clipped to the capacity U" : view.budget_note) + ")");
  header.add("budget B = θ·D", ref::format_exact(view.budget.budget) +
                                   (view.budget_rounded ? "  (θ·D rounded down to the micro-USD, FX-BUDGET)" : ""));
  header.add("queue score rule", score_name(view.score));
  header.add("risk model (rap, greedy)", risk_name(view.risk));
  header.add("engine", engine_description(view.engine, view.engine_option));
  out += header.render("") + "\n";

  Table summary({left_column("policy"), right_column("budget B"), right_column("top survivor υ^π"),
                 right_column("PTSR"), right_column("PMR"), right_column("max burden"), right_column("max haircut"),
                 right_column("winners touched"), left_column("valid")});
  for (const PolicyView& o : view.policies) {
    if (!o.available) {
      summary.add_spanning_row(ref::policy_name(o.kind), "n/a \u2014 " + o.reason);
      continue;
    }
    const ref::RoundMetrics& m = o.metrics;
    summary.add_row({ref::policy_name(o.kind), ref::format_exact(view.budget.budget), ref::format_exact(m.top_survivor),
                     m.ptsr ? ref::format_exact(*m.ptsr) : "undefined", m.pmr ? ref::format_exact(*m.pmr) : "undefined",
                     ref::format_exact(m.max_burden), ref::format_exact(m.max_haircut),
                     std::to_string(m.winners_touched), o.violation.empty() ? "yes" : "NO (" + o.violation + ")"});
  }
  out += "Policies\n" + summary.render("  ");
  bool undefined = false;
  for (const PolicyView& o : view.policies) {
    undefined = undefined || (o.available && (!o.metrics.ptsr || !o.metrics.pmr));
  }
  if (undefined) out += "  (PTSR is undefined when θ·D = 0, PMR when θ·Δ = 0)\n";
  out += "\n";

  return out + per_account_text(view) + majorization_text(view, pairs);
}

std::string render(const CompareView& view, bool json) {
  std::optional<std::vector<Pair>> pairs;
  if (view.accounts <= kMajorizationLimit) pairs = majorization_pairs(view);
  return json ? render_json(view, pairs) : render_text(view, pairs);
}

/// The generator's options for `--generate N --seed S`: the defaults of
/// FX-GENERATOR, except that no queue score is +∞ (a wealth-space book, which
/// the ref engine needs, has no +∞ score) and only the columns compare uses.
fx::GeneratedBook generate_for_compare(const CompareOptions& options) {
  const std::int64_t n = *options.generate;
  if (n < 1 || n > kMaxGenerated) {
    throw UsageError("--generate must be in [1, " + std::to_string(kMaxGenerated) + "], got " + std::to_string(n));
  }
  fx::GeneratorOptions g;
  g.accounts = static_cast<std::size_t>(n);
  g.seed = parse_seed(options.seed);
  g.infinite_score_share = 0;
  g.columns.quantity = false;
  return fx::generate_book(g);
}

/// Runs one policy; the reason it is not available (as the table prints it)
/// when it is infeasible, rejects the book or overflows fixed point.
std::optional<std::string> unavailable_reason(const std::function<void()>& run) {
  try {
    run();
  } catch (const ref::Infeasible& e) {
    return e.what();
  } catch (const ref::InvalidInput& e) {
    return e.what();
  } catch (const fx::Overflow& e) {
    return std::string("fx overflow: ") + e.what();
  }
  return std::nullopt;
}

/// The header of the view of a loaded book; on the fx engine, with the budget
/// moved to the fx grid (FX-BUDGET).
CompareView loaded_view(const CompareOptions& options, const io::LoadedBook& loaded, const ref::BookState& state,
                        const ref::BudgetRequest& request, const std::string& budget_note,
                        std::optional<FxBudget>& fx_b) {
  const ref::Book& book = loaded.book;
  CompareView view;
  view.source = loaded.source;
  view.form = form_name(loaded.form);
  view.accounts = book.accounts.size();
  view.book_lines = book_lines(loaded, state, options.caps);
  view.budget = ref::resolve_budget(state, request);
  view.budget_note = budget_note;
  view.score = parse_score(options.score);
  view.risk = parse_risk(options.risk);
  view.engine_option = options.engine;
  view.engine = choose_engine(options.engine, view.accounts);
  view.account_id = [&book](std::size_t i) { return book.accounts[i].id; };
  if (view.engine == Engine::Fx) {
    fx_b = fx_budget(state, view.budget);
    view.budget = fx_b->exact;
    view.budget_rounded = fx_b->rounded;
  }
  view.totals = totals_json(state, view.budget);
  return view;
}

/// One policy's allocation on a loaded book, and the post-ADL equities its
/// accessor reads (kept alive while the view is rendered).
struct LoadedResult {
  ref::Allocation allocation;
  std::vector<Rational> post_equity;
};

int compare_loaded(const CompareOptions& options, const io::LoadedBook& loaded, const ref::BudgetRequest& request,
                   const std::string& budget_note, std::string& out) {
  const ref::Book& book = loaded.book;
  const ref::BookState state = ref::summarize(book);
  std::optional<FxBudget> fx_b;
  CompareView view = loaded_view(options, loaded, state, request, budget_note, fx_b);
  const fx::Book fx_book = fx_b ? fx::from_ref_book(book) : fx::Book{};
  std::vector<LoadedResult> results(kComparedPolicies.size());
  for (std::size_t p = 0; p < kComparedPolicies.size(); ++p) {
    PolicyView o;
    o.kind = kComparedPolicies[p];
    ref::PolicyOptions policy;
    policy.kind = o.kind;
    policy.score = view.score;
    policy.risk = view.risk;
    LoadedResult& r = results[p];
    const std::optional<std::string> reason = unavailable_reason([&] {
      r.allocation = fx_b ? run_policy_fx(fx_book, book, state, policy, *fx_b)
                          : ref::run_policy(book, state, policy, view.budget);
    });
    o.available = !reason;
    if (o.available) {
      const ref::ValidityReport report = ref::check_allocation(book, state, r.allocation,
                                                               ref::policy_respects_caps(o.kind));
      o.metrics = ref::evaluate(book, state, r.allocation);
      r.post_equity = std::move(o.metrics.post_equity);
      o.metrics.survivor.clear();
      if (!report.valid()) o.violation = report.violations.front().predicate;
      o.haircut = [&r](std::size_t i) { return r.allocation.haircut[i]; };
      o.seized = [&r](std::size_t i) { return r.allocation.seized[i]; };
      o.post_equity = [&r](std::size_t i) { return r.post_equity[i]; };
    } else {
      o.reason = *reason;
    }
    view.policies.push_back(std::move(o));
  }
  out += render(view, options.json);
  return kExitOk;
}

// ---- Path 2: a generated book on the fx engine, never leaving fixed point.

Rational exact_ratio(const fx::Ratio& r) {
  const auto text = [](fx::i128 v) {
    std::string digits;
    const bool negative = v < 0;
    fx::u128 magnitude = negative ? static_cast<fx::u128>(-(v + 1)) + 1 : static_cast<fx::u128>(v);
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
      magnitude /= 10;
    } while (magnitude != 0);
    return (negative ? "-" : "") + digits;
  };
  return ref::parse_rational(text(r.numerator)) / ref::parse_rational(text(r.denominator));
}

/// Scores of a wealth-space fx book under a score rule (DEF-QUEUE-SCORE): one of
/// its columns, or (largest-first, s = w) the endowments' counts in `storage`.
std::span<const fx::Fraction> fx_scores(const fx::Book& book, ref::ScoreRule rule, std::vector<fx::Fraction>& storage) {
  switch (rule) {
    case ref::ScoreRule::Explicit: return book.score;
    case ref::ScoreRule::Hyperliquid: return book.leverage;
    case ref::ScoreRule::LargestFirst:
      // s = w: only the order matters, so the counts of micro-USD serve as scores.
      storage.clear();
      for (const fx::Money w : book.endowment) storage.emplace_back(w.raw());
      return storage;
    case ref::ScoreRule::Binance: break;
  }
  throw UsageError("--score binance needs a position-space book; a generated book is wealth space");
}

/// Risk weights λ·g(λ) on the 10⁻⁹ grid from the generated leverage (checked,
/// never rounded); the generator's own column is λ², the linear model.
std::vector<fx::Fraction> fx_risk_weights(const fx::Book& book, const ref::RiskModel& risk) {
  if (risk.kind == ref::RiskModel::Kind::Linear) return book.risk_weight;
  std::vector<fx::Fraction> out(book.size(), 0);
  for (std::size_t i = 0; i < book.size(); ++i) {
    if (book.endowment[i] <= 0) continue;
    out[i] = fx::to_fx_fraction(ref::risk_weight(risk, fx::to_exact_fraction(book.leverage[i])),
                                "generated account " + std::to_string(i + 1) + " risk weight λ·g(λ)");
  }
  return out;
}

fx::Allocation run_fx_policy(const fx::Book& book, ref::PolicyKind kind, ref::ScoreRule score,
                             const ref::RiskModel& risk, fx::Money budget) {
  // The generated columns, with the scores and risk weights of the chosen rule and model (no copy of the book).
  const ref::PolicyColumns& reads = ref::policy_info(kind).reads;
  fx::BookView view = fx::view(book);
  std::vector<fx::Fraction> weights;
  std::vector<fx::Fraction> scores;
  if (reads.score) view.score = fx_scores(book, score, scores);
  if (reads.risk_weight || reads.rho) {
    weights = fx_risk_weights(book, risk);
    (reads.rho ? view.rho : view.risk_weight) = weights;
  }
  return fx::run_policy(view, kind, budget);
}

/// The aggregates of an fx book as exact numbers (a BookState without the
/// per-account vectors and index lists).
ref::BookState exact_aggregates(const fx::BookState& st) {
  using Field = std::pair<Rational ref::BookState::*, fx::Money fx::BookState::*>;
  constexpr Field kFields[] = {{&ref::BookState::deficit, &fx::BookState::deficit},
                               {&ref::BookState::max_shortfall, &fx::BookState::max_shortfall},
                               {&ref::BookState::capacity, &fx::BookState::capacity},
                               {&ref::BookState::max_endowment, &fx::BookState::max_endowment},
                               {&ref::BookState::capped_capacity, &fx::BookState::capped_capacity},
                               {&ref::BookState::winner_equity, &fx::BookState::winner_equity},
                               {&ref::BookState::solvency, &fx::BookState::solvency}};
  ref::BookState exact;
  for (const auto& [exact_field, fx_field] : kFields) exact.*exact_field = fx::to_exact_money(st.*fx_field);
  return exact;
}

/// The scalar metrics of an fx allocation as exact numbers (FX-METRICS).
ref::RoundMetrics exact_metrics(const fx::RoundMetrics& m) {
  ref::RoundMetrics exact;
  exact.top_survivor = fx::to_exact_money(m.top_survivor);
  if (m.ptsr) exact.ptsr = exact_ratio(*m.ptsr);
  if (m.pmr) exact.pmr = exact_ratio(*m.pmr);
  exact.max_burden = exact_ratio(m.max_burden);
  exact.max_haircut = exact_ratio(m.max_haircut);
  exact.winners_touched = m.winners_touched;
  return exact;
}

/// The header of the view of a generated book on the fx engine.
CompareView generated_view(const CompareOptions& options, const fx::Book& book, const fx::BookState& st,
                           const std::string& source, const FxBudget& fx_b, const std::string& budget_note) {
  const ref::BookState exact = exact_aggregates(st);
  CompareView view;
  view.source = source;
  view.form = "wealth";
  view.accounts = book.size();
  view.book_lines = book_lines(source, io::BookForm::Wealth, {book.size(), st.winners, st.losers}, exact, std::nullopt);
  view.budget = fx_b.exact;
  view.budget_note = budget_note;
  view.budget_rounded = fx_b.rounded;
  view.score = parse_score(options.score);
  view.risk = parse_risk(options.risk);
  view.engine = Engine::Fx;
  view.engine_option = options.engine;
  view.account_id = [](std::size_t i) { return "g" + std::to_string(i + 1); };
  view.per_account_json = book.size() <= kMajorizationLimit;
  view.totals = totals_json(exact, view.budget);
  return view;
}

int compare_generated_fx(const CompareOptions& options, const fx::Book& book, const std::string& source,
                         const ref::BudgetRequest& request, const std::string& budget_note, std::string& out) {
  if (options.caps) throw UsageError("--caps applies to a book file, not to --generate");
  const fx::BookState st = fx::summarize(book);
  const ref::BookState exact = exact_aggregates(st);  // the aggregates resolve_budget reads
  const FxBudget fx_b = fx_budget(exact, ref::resolve_budget(exact, request));
  CompareView view = generated_view(options, book, st, source, fx_b, budget_note);

  std::vector<fx::Allocation> results(kComparedPolicies.size());  // kept alive for the per-account accessors
  for (std::size_t p = 0; p < kComparedPolicies.size(); ++p) {
    PolicyView o;
    o.kind = kComparedPolicies[p];
    const std::optional<std::string> reason = unavailable_reason(
        [&] { results[p] = run_fx_policy(book, o.kind, view.score, view.risk, fx_b.raw); });
    o.available = !reason;
    if (!o.available) {
      o.reason = *reason;
      view.policies.push_back(std::move(o));
      continue;
    }
    const fx::Allocation& a = results[p];
    o.metrics = exact_metrics(fx::evaluate(book, st, a));
    const auto violations = fx::violations(book, a, ref::policy_respects_caps(o.kind));
    if (!violations.empty()) o.violation = violations.front();
    o.haircut = [&a, &book](std::size_t i) {
      return book.endowment[i] > 0 ? Rational(a.seized[i].raw(), book.endowment[i].raw()) : Rational(0);
    };
    o.seized = [&a](std::size_t i) { return fx::to_exact_money(a.seized[i]); };
    o.post_equity = [&a, &book](std::size_t i) {
      return fx::to_exact_money(fx::checked_sub(book.equity[i], a.seized[i], "a post-ADL equity e − x"));
    };
    view.policies.push_back(std::move(o));
  }
  out += render(view, options.json);
  return kExitOk;
}

}  // namespace

int compare_command(const CompareOptions& options, std::string& out) {
  // Everything typed on the command line is checked before any file is read.
  (void)parse_score(options.score);
  (void)parse_risk(options.risk);
  (void)choose_engine(options.engine, 0);
  if (options.generate && options.book) throw UsageError("--generate and --book exclude each other");
  ref::BudgetRequest request = budget_request(options.budget);
  std::string budget_note;
  if (request.severity) {
    budget_note = "from --severity";
  } else if (request.budget) {
    budget_note = "from --budget";
  } else if (!options.book && !options.generate) {
    request.severity = Rational(1, 2);
    budget_note = "default θ = 1/2, the paper's EX-5ACCT severity";
  } else {
    budget_note = "full coverage B* = min(D, U)";
  }

  if (!options.generate) {
    io::LoadedBook loaded = load_book_or_default(options.book);
    if (options.caps) io::apply_caps(*options.caps, loaded.book);
    return compare_loaded(options, loaded, request, budget_note, out);
  }
  const fx::GeneratedBook generated = generate_for_compare(options);
  const std::string source = "generated book of " + std::to_string(*options.generate) + " accounts, seed " +
                             options.seed + " (FX-GENERATOR)";
  if (choose_engine(options.engine, generated.book.size()) == Engine::Fx) {
    return compare_generated_fx(options, generated.book, source, request, budget_note, out);
  }
  io::LoadedBook loaded;
  loaded.book = fx::to_ref_book(generated.book);
  loaded.source = source;
  loaded.form = io::BookForm::Wealth;
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  return compare_loaded(options, loaded, request, budget_note, out);
}

CommandSpec compare_spec() {
  auto options = std::make_shared<CompareOptions>();
  CompareOptions& o = *options;
  CommandSpec spec{
      "compare",
      "Compare all seven policies on one book at one budget (default: the embedded EX-5ACCT book at θ = 1/2)",
      [options](std::string& out) { return compare_command(*options, out); }};
  auto& add = spec.options;
  add.push_back({"--book", "Book file; without it, the embedded five-account example", &o.book});
  add_budget_options(add, o.budget, true);
  add.push_back({"--caps", "Caps file (account,max_haircut,min_equity)", &o.caps});
  add_rule_options(add, o.score, o.risk);
  add.push_back(book_engine_option(o.engine));
  add.push_back({"--generate", "Compare on a generated synthetic book of N accounts (FX-GENERATOR) instead of --book",
                 &o.generate});
  add.push_back(seed_option(o.seed, "Seed of --generate (an integer in [0, 2^64))"));
  add.push_back(json_flag(o.json, "adlref.compare/1"));
  return spec;
}

}  // namespace adl::cli
