// `adl check`: an auditor's check of someone else's allocation. Reads the
// seized amounts (the JSON of `adl run --json`, or a CSV `account,seized`),
// matches them to the book by account id, recomputes h_i = x_i/w_i and runs
// the validity predicates (POL-VALID).
#include "commands.hpp"

#include "adl/io/json.hpp"

#include "adl/ref/error.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace adl::cli {
namespace {

using ref::Rational;
using io::detail::JsonValue;
using nlohmann::ordered_json;

/// One seized amount as read, with where it was read.
struct Entry {
  std::string account;
  Rational seized;
  std::size_t line = 1;
  std::size_t column = 1;
};

/// Everything read from an allocation file.
struct AllocationFile {
  std::string format;                 // "adlref.run/1 JSON" or "account,seized CSV"
  std::vector<Entry> entries;
  std::optional<Rational> severity;   // totals.severity of a run JSON
  std::optional<std::string> policy;  // policy.name of a run JSON, for the report
  std::size_t list_line = 1;          // where the list of accounts starts (for "missing" errors)
  std::size_t list_column = 1;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot open '" + path + "' for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw UsageError("cannot read '" + path + "'");
  std::string text = buffer.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 byte-order mark
  return text;
}

Rational exact_field(const std::string& source, const std::string& field, const std::string& text,
                     std::size_t line, std::size_t column) {
  try {
    return ref::parse_rational(text);
  } catch (const std::invalid_argument& e) {
    throw io::InputError(source, line, column, field, e.what());
  }
}

Rational exact_json_value(const std::string& source, const std::string& field, const JsonValue& v) {
  if (v.kind != JsonValue::Kind::String && v.kind != JsonValue::Kind::Number) {
    throw io::InputError(source, v.line, v.column, field, "expected a number or a string holding one");
  }
  return exact_field(source, field, v.text, v.line, v.column);
}

AllocationFile read_json_allocation(const std::string& source, const std::string& text) {
  const JsonValue root = io::detail::parse_json(text, source);
  if (root.kind != JsonValue::Kind::Object) {
    throw io::InputError(source, root.line, root.column, "", "expected a JSON object (the output of adl run --json)");
  }
  AllocationFile file;
  file.format = "adlref.run/1 JSON";
  if (const JsonValue* schema = root.find("schema")) {
    if (schema->kind != JsonValue::Kind::String || schema->text != "adlref.run/1") {
      throw io::InputError(source, schema->line, schema->column, "schema",
                           "expected \"adlref.run/1\" (an allocation written by adl run --json)");
    }
  }
  if (const JsonValue* policy = root.find("policy")) {
    if (const JsonValue* name = policy->find("name"); name && name->kind == JsonValue::Kind::String) {
      file.policy = name->text;
    }
  }
  if (const JsonValue* totals = root.find("totals")) {
    if (const JsonValue* severity = totals->find("severity")) {
      file.severity = exact_json_value(source, "totals.severity", *severity);
    }
  }
  const JsonValue* accounts = root.find("accounts");
  if (!accounts) throw io::InputError(source, root.line, root.column, "accounts", "missing key 'accounts'");
  if (accounts->kind != JsonValue::Kind::Array) {
    throw io::InputError(source, accounts->line, accounts->column, "accounts", "expected an array");
  }
  file.list_line = accounts->line;
  file.list_column = accounts->column;
  for (std::size_t k = 0; k < accounts->items.size(); ++k) {
    const JsonValue& item = accounts->items[k];
    const std::string path = "accounts[" + std::to_string(k) + "]";
    if (item.kind != JsonValue::Kind::Object) {
      throw io::InputError(source, item.line, item.column, path, "expected an object");
    }
    const JsonValue* account = item.find("account");
    if (!account) throw io::InputError(source, item.line, item.column, path + ".account", "missing key 'account'");
    if (account->kind != JsonValue::Kind::String) {
      throw io::InputError(source, account->line, account->column, path + ".account", "expected a string");
    }
    const JsonValue* seized = item.find("seized");
    if (!seized) throw io::InputError(source, item.line, item.column, path + ".seized", "missing key 'seized'");
    file.entries.push_back({account->text, exact_json_value(source, path + ".seized", *seized),
                            account->line, account->column});
  }
  return file;
}

/// One CSV field and its 1-based column.
struct Field {
  std::string text;
  std::size_t column;
};

std::vector<Field> split_csv(std::string_view line, const std::string& source, std::size_t line_no) {
  std::vector<Field> fields;
  std::size_t pos = 0;
  std::size_t column = 1;  // in code points
  const auto step = [&] {
    if ((static_cast<unsigned char>(line[pos]) & 0xC0U) != 0x80U) ++column;
    ++pos;
  };
  while (true) {
    Field field{"", column};
    if (pos < line.size() && line[pos] == '"') {
      step();
      while (true) {
        if (pos >= line.size()) throw io::InputError(source, line_no, field.column, "", "unterminated quoted field");
        if (line[pos] == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') {
            field.text.push_back('"');
            step();
            step();
            continue;
          }
          step();
          break;
        }
        field.text.push_back(line[pos]);
        step();
      }
      if (pos < line.size() && line[pos] != ',') {
        throw io::InputError(source, line_no, column, "", "unexpected text after a quoted field");
      }
    } else {
      while (pos < line.size() && line[pos] != ',') {
        field.text.push_back(line[pos]);
        step();
      }
    }
    fields.push_back(std::move(field));
    if (pos >= line.size()) return fields;
    step();  // the comma
  }
}

AllocationFile read_csv_allocation(const std::string& source, const std::string& text) {
  AllocationFile file;
  file.format = "account,seized CSV";
  std::size_t line_no = 0;
  std::size_t start = 0;
  std::optional<std::size_t> account_col;
  std::optional<std::size_t> seized_col;
  std::size_t width = 0;
  bool header_seen = false;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    const bool last = end == text.size();
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') {
      if (last) break;
      continue;
    }
    std::vector<Field> fields = split_csv(line, source, line_no);
    if (!header_seen) {
      header_seen = true;
      width = fields.size();
      file.list_line = line_no;
      for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string& name = fields[c].text;
        std::optional<std::size_t>* slot = nullptr;
        if (name == "account") slot = &account_col;
        if (name == "seized") slot = &seized_col;
        if (!slot) {
          throw io::InputError(source, line_no, fields[c].column, name,
                               "unknown column (an allocation CSV has the columns account,seized)");
        }
        if (*slot) throw io::InputError(source, line_no, fields[c].column, name, "duplicate column");
        *slot = c;
      }
      if (!account_col) throw io::InputError(source, line_no, 1, "account", "missing required column");
      if (!seized_col) throw io::InputError(source, line_no, 1, "seized", "missing required column");
    } else {
      if (fields.size() != width) {
        throw io::InputError(source, line_no, 1, "",
                             "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
      }
      const Field& account = fields[*account_col];
      const Field& seized = fields[*seized_col];
      if (account.text.empty()) throw io::InputError(source, line_no, account.column, "account", "empty account id");
      file.entries.push_back({account.text, exact_field(source, "seized", seized.text, line_no, seized.column),
                              line_no, account.column});
    }
    if (last) break;
  }
  if (!header_seen) throw io::InputError(source, line_no == 0 ? 1 : line_no, 1, "", "no header line (account,seized)");
  return file;
}

}  // namespace

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

  const std::string text = read_text(options.allocation);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool is_json = first != std::string::npos && text[first] == '{';
  const AllocationFile file =
      is_json ? read_json_allocation(options.allocation, text) : read_csv_allocation(options.allocation, text);

  // Match entries to the book by account id.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(book.accounts[i].id, i);
  ref::Allocation allocation;
  allocation.seized.assign(n, Rational(0));
  allocation.haircut.assign(n, Rational(0));
  std::vector<const Entry*> by_account(n, nullptr);
  for (const Entry& entry : file.entries) {
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

}  // namespace adl::cli
