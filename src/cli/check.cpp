// `adl check`: an auditor's check of someone else's allocation. Reads the
// seized amounts (the JSON of `adl run --json`, or a CSV `account,seized`),
// matches them to the book by account id, recomputes h_i = x_i/w_i and runs
// the validity predicates (POL-VALID).
#include "commands.hpp"

#include "adl/io/allocation.hpp"

#include "adl/ref/error.hpp"

#include <map>

namespace adl::cli {

using ref::Rational;
using nlohmann::ordered_json;

int check_command(const CheckOptions& options, std::string& out) {
  const ref::BudgetRequest request = budget_request(options.budget);
  if (request.severity && (*request.severity < 0 || *request.severity > 1)) {
    throw UsageError("--severity must lie in [0, 1], got " + ref::to_fraction(*request.severity));
  }
  if (request.budget && *request.budget < 0) {
    throw UsageError("--budget must be >= 0, got " + ref::to_fraction(*request.budget));
  }

  io::LoadedBook loaded = io::load_book(options.book);
  if (options.caps) io::apply_caps(*options.caps, loaded.book);
  const ref::Book& book = loaded.book;
  const ref::BookState state = ref::summarize(book);
  const std::size_t n = book.accounts.size();

  const io::AllocationFile file = io::load_allocation(options.allocation);
  const bool is_json = file.json;

  // Match entries to the book by account id.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(book.accounts[i].id, i);
  ref::Allocation allocation;
  allocation.seized.assign(n, Rational(0));
  allocation.haircut.assign(n, Rational(0));
  std::vector<const io::AllocationEntry*> by_account(n, nullptr);
  for (const io::AllocationEntry& entry : file.entries) {
    const auto it = index.find(entry.account);
    if (it == index.end()) {
      throw io::InputError(options.allocation, entry.line, entry.column, "account",
                           "account '" + entry.account + "' is not in the book " + loaded.source);
    }
    if (by_account[it->second]) {
      throw io::InputError(options.allocation, entry.line, entry.column, "account",
                           "account '" + entry.account + "' appears twice (first on line " +
                               std::to_string(by_account[it->second]->line) + ")");
    }
    by_account[it->second] = &entry;
    allocation.seized[it->second] = entry.seized;
  }
  std::size_t missing = 0;
  std::string first_missing;
  for (std::size_t i = 0; i < n; ++i) {
    if (by_account[i]) continue;
    if (missing++ == 0) first_missing = book.accounts[i].id;
  }
  if (missing > 0) {
    throw io::InputError(options.allocation, file.list_line, file.list_column, "account",
                         "account '" + first_missing + "' of the book " + loaded.source +
                             " has no seized amount" +
                             (missing > 1 ? " (" + std::to_string(missing) + " accounts missing)" : ""));
  }

  // Severity and budget: the command line wins over the file.
  std::string origin;
  if (request.severity) {
    allocation.severity = *request.severity;
    allocation.budget = *request.severity * state.deficit;
    origin = "from --severity";
  } else if (request.budget) {
    allocation.budget = *request.budget;
    allocation.severity = state.deficit == 0 ? Rational(0) : *request.budget / state.deficit;
    origin = "from --budget";
  } else if (file.severity) {
    allocation.severity = *file.severity;
    allocation.budget = *file.severity * state.deficit;
    origin = "from totals.severity of " + options.allocation;
  } else {
    throw UsageError(is_json ? "the allocation has no totals.severity: give --severity or --budget"
                             : "a CSV allocation carries no severity: give --severity or --budget");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (state.endowment[i] != 0) allocation.haircut[i] = allocation.seized[i] / state.endowment[i];
  }
  Rational total = 0;
  for (const Rational& x : allocation.seized) total += x;

  const ref::ValidityReport report = ref::check_allocation(book, state, allocation, options.enforce_caps);
  const int exit_code = report.valid() ? kExitOk : kExitViolations;

  if (options.json) {
    ordered_json doc;
    doc["schema"] = "adlref.check/1";
    doc["book"] = book_json(loaded);
    ordered_json a;
    a["source"] = options.allocation;
    a["format"] = is_json ? "json" : "csv";
    a["policy"] = file.policy ? ordered_json(*file.policy) : ordered_json(nullptr);
    a["accounts"] = file.entries.size();
    doc["allocation"] = std::move(a);
    ordered_json totals;
    totals["deficit"] = exact_json(state.deficit);
    totals["capacity"] = exact_json(state.capacity);
    totals["capped_capacity"] = exact_json(state.capped_capacity);
    totals["severity"] = exact_json(allocation.severity);
    totals["budget"] = exact_json(allocation.budget);
    totals["seized_total"] = exact_json(total);
    doc["totals"] = std::move(totals);
    doc["enforce_caps"] = options.enforce_caps;
    doc["valid"] = report.valid();
    doc["violations"] = violations_json(book, report);
    out += dump_json(doc);
    return exit_code;
  }

  out += "adl check: " + options.allocation + " against " + loaded.source + "\n\n";
  KeyValues header;
  header.add("book", loaded.source + " (" + form_name(loaded.form) + " space, " + std::to_string(n) + " accounts)");
  header.add("allocation", options.allocation + " (" + file.format +
                               (file.policy ? ", policy " + *file.policy : std::string()) + ")");
  header.add("deficit D", ref::format_exact(state.deficit));
  header.add("capacity U", ref::format_exact(state.capacity));
  header.add("capped capacity C(β)", ref::format_exact(state.capped_capacity));
  header.add("severity θ", ref::format_exact(allocation.severity) + "  (" + origin + ")");
  header.add("budget B = θ·D", ref::format_exact(allocation.budget));
  header.add("seized Σx", ref::format_exact(total));
  header.add("caps enforced", options.enforce_caps ? "yes (--enforce-caps)" : "no");
  out += header.render("") + "\nPredicates\n";
  out += render_predicates(report, options.enforce_caps, "--enforce-caps not given");
  out += "verdict: " + std::string(report.valid() ? "valid" : "INVALID (" + std::to_string(report.violations.size()) +
                                                               (report.violations.size() == 1 ? " violation)" : " violations)"));
  out += "\n";
  return exit_code;
}

CommandSpec check_spec() {
  auto options = std::make_shared<CheckOptions>();
  CheckOptions& o = *options;
  CommandSpec spec{"check", "Audit an allocation (adl run --json output, or CSV account,seized) against a book"};
  auto& add = spec.options;
  add.push_back(OptionSpec{"--book", "Book file the allocation was computed on", &o.book}.needed());
  add.push_back(OptionSpec{"--allocation", "Allocation file: run JSON or CSV account,seized", &o.allocation}.needed());
  add.push_back({"--caps", "Caps file (account,max_haircut,min_equity)", &o.caps});
  add.push_back({"--enforce-caps", "Also check the caps: h ≤ β and post-ADL equity ≥ min_equity", &o.enforce_caps});
  add_budget_options(add, o.budget, false);
  add.push_back(json_flag(o.json, "adlref.check/1"));
  spec.run = [options](std::string& out) { return check_command(*options, out); };
  return spec;
}

}  // namespace adl::cli
