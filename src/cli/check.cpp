// `adl check`: an auditor's check of someone else's allocation. Reads the
// seized amounts (the JSON of `adl run --json`, or a CSV `account,seized`),
// matches them to the book by account id, recomputes h_i = x_i/w_i and runs
// the validity predicates (POL-VALID).
#include "commands.hpp"

#include "adl/io/allocation.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <map>

namespace adl::cli {

namespace {

using ref::Rational;
using nlohmann::ordered_json;

/// Everything `adl check` prints: the book, the file, the allocation as read
/// and completed (severity, budget, haircuts), and the predicates' report.
struct CheckView {
  const io::LoadedBook& loaded;
  const io::AllocationFile& file;
  ref::BookState state;
  ref::Allocation allocation{};
  std::string origin{};  ///< Where the severity came from.
  Rational seized_total{};
  ref::ValidityReport report{};
};

ref::BudgetRequest read_request(const CheckOptions& options) {
  const ref::BudgetRequest request = budget_request(options.budget);
  if (request.severity && (*request.severity < 0 || *request.severity > 1)) {
    throw UsageError("--severity must lie in [0, 1], got " + ref::to_fraction(*request.severity));
  }
  if (request.budget && *request.budget < 0) {
    throw UsageError("--budget must be >= 0, got " + ref::to_fraction(*request.budget));
  }
  return request;
}

/// The seized amounts of the file, matched to the book by account id: every
/// account of the book exactly once, no account outside it (FMT-ALLOCATION).
std::vector<Rational> seized_by_account(const io::AllocationFile& file, const io::LoadedBook& loaded,
                                        const std::string& path) {
  const ref::Book& book = loaded.book;
  const std::size_t n = book.accounts.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(book.accounts[i].id, i);
  std::vector<Rational> seized(n, Rational(0));
  std::vector<const io::AllocationEntry*> by_account(n, nullptr);
  for (const io::AllocationEntry& entry : file.entries) {
    const auto it = index.find(entry.account);
    if (it == index.end()) {
      throw io::InputError(path, entry.line, entry.column, "account",
                           "account '" + entry.account + "' is not in the book " + loaded.source);
    }
    if (by_account[it->second]) {
      throw io::InputError(path, entry.line, entry.column, "account",
                           "account '" + entry.account + "' appears twice (first on line " +
                               std::to_string(by_account[it->second]->line) + ")");
    }
    by_account[it->second] = &entry;
    seized[it->second] = entry.seized;
  }
  const auto first_missing = std::find(by_account.begin(), by_account.end(), nullptr);
  if (first_missing != by_account.end()) {
    const auto missing = static_cast<std::size_t>(std::count(by_account.begin(), by_account.end(), nullptr));
    throw io::InputError(path, file.list_line, file.list_column, "account",
                         "account '" + book.accounts[static_cast<std::size_t>(first_missing - by_account.begin())].id +
                             "' of the book " + loaded.source + " has no seized amount" +
                             (missing > 1 ? " (" + std::to_string(missing) + " accounts missing)" : ""));
  }
  return seized;
}

/// Sets the severity and budget (the command line wins over the file) and
/// returns where they came from.
std::string resolve_severity(CheckView& v, const ref::BudgetRequest& request, const std::string& path) {
  const Rational& deficit = v.state.deficit;
  ref::Allocation& a = v.allocation;
  if (request.severity) {
    a.severity = *request.severity;
    a.budget = *request.severity * deficit;
    return "from --severity";
  }
  if (request.budget) {
    a.budget = *request.budget;
    a.severity = deficit == 0 ? Rational(0) : *request.budget / deficit;
    return "from --budget";
  }
  if (v.file.severity) {
    a.severity = *v.file.severity;
    a.budget = *v.file.severity * deficit;
    return "from totals.severity of " + path;
  }
  throw UsageError(v.file.json ? "the allocation has no totals.severity: give --severity or --budget"
                               : "a CSV allocation carries no severity: give --severity or --budget");
}

CheckView compute(const io::LoadedBook& loaded, ref::BookState state, const io::AllocationFile& file,
                  const ref::BudgetRequest& request, const CheckOptions& options) {
  const ref::Book& book = loaded.book;
  CheckView v{loaded, file, std::move(state)};
  v.allocation.seized = seized_by_account(file, loaded, options.allocation);
  v.allocation.haircut.assign(book.accounts.size(), Rational(0));
  v.origin = resolve_severity(v, request, options.allocation);
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    if (v.state.endowment[i] != 0) v.allocation.haircut[i] = v.allocation.seized[i] / v.state.endowment[i];
  }
  for (const Rational& x : v.allocation.seized) v.seized_total += x;
  v.report = ref::check_allocation(book, v.state, v.allocation, options.enforce_caps);
  return v;
}

std::string render_json(const CheckView& v, const CheckOptions& options) {
  ordered_json doc = book_document("adlref.check/1", v.loaded);
  ordered_json a;
  a["source"] = options.allocation;
  a["format"] = v.file.json ? "json" : "csv";
  a["policy"] = v.file.policy ? ordered_json(*v.file.policy) : ordered_json(nullptr);
  a["accounts"] = v.file.entries.size();
  doc["allocation"] = std::move(a);
  ordered_json totals;
  totals["deficit"] = exact_json(v.state.deficit);
  totals["capacity"] = exact_json(v.state.capacity);
  totals["capped_capacity"] = exact_json(v.state.capped_capacity);
  totals["severity"] = exact_json(v.allocation.severity);
  totals["budget"] = exact_json(v.allocation.budget);
  totals["seized_total"] = exact_json(v.seized_total);
  doc["totals"] = std::move(totals);
  doc["enforce_caps"] = options.enforce_caps;
  doc["valid"] = v.report.valid();
  doc["violations"] = violations_json(v.loaded.book, v.report);
  return dump_json(doc);
}

std::string render_text(const CheckView& v, const CheckOptions& options) {
  std::string out = "adl check: " + options.allocation + " against " + v.loaded.source + "\n\n";
  KeyValues header;
  header.add("book", v.loaded.source + " (" + form_name(v.loaded.form) + " space, " +
                         std::to_string(v.loaded.book.accounts.size()) + " accounts)");
  header.add("allocation", options.allocation + " (" + v.file.format +
                               (v.file.policy ? ", policy " + *v.file.policy : std::string()) + ")");
  header.add("deficit D", ref::format_exact(v.state.deficit));
  header.add("capacity U", ref::format_exact(v.state.capacity));
  header.add("capped capacity C(β)", ref::format_exact(v.state.capped_capacity));
  header.add("severity θ", ref::format_exact(v.allocation.severity) + "  (" + v.origin + ")");
  header.add("budget B = θ·D", ref::format_exact(v.allocation.budget));
  header.add("seized Σx", ref::format_exact(v.seized_total));
  header.add("caps enforced", options.enforce_caps ? "yes (--enforce-caps)" : "no");
  out += header.render("") + "\nPredicates\n";
  out += render_predicates(v.report, options.enforce_caps, "--enforce-caps not given");
  const std::size_t violations = v.report.violations.size();
  out += "verdict: " + std::string(v.report.valid() ? "valid"
                                                    : "INVALID (" + std::to_string(violations) +
                                                          (violations == 1 ? " violation)" : " violations)"));
  return out + "\n";
}

}  // namespace

int check_command(const CheckOptions& options, std::string& out) {
  const ref::BudgetRequest request = read_request(options);
  io::LoadedBook loaded = io::load_book(options.book);
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  ref::BookState state = ref::summarize(loaded.book);
  const io::AllocationFile file = io::load_allocation(options.allocation);
  const CheckView view = compute(loaded, std::move(state), file, request, options);
  out += options.json ? render_json(view, options) : render_text(view, options);
  return view.report.valid() ? kExitOk : kExitViolations;
}

CommandSpec check_spec() {
  auto options = std::make_shared<CheckOptions>();
  CheckOptions& o = *options;
  CommandSpec spec{"check", "Audit an allocation (adl run --json output, or CSV account,seized) against a book",
                   [options](std::string& out) { return check_command(*options, out); }};
  auto& add = spec.options;
  add.push_back(OptionSpec{"--book", "Book file the allocation was computed on", &o.book}.needed());
  add.push_back(OptionSpec{"--allocation", "Allocation file: run JSON or CSV account,seized", &o.allocation}.needed());
  add.push_back({"--caps", "Caps file (account,max_haircut,min_equity)", &o.caps});
  add.push_back({"--enforce-caps", "Also check the caps: h ≤ β and post-ADL equity ≥ min_equity", &o.enforce_caps});
  add_budget_options(add, o.budget, false);
  add.push_back(json_flag(o.json, "adlref.check/1"));
  return spec;
}

}  // namespace adl::cli
