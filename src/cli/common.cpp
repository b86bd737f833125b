#include "common.hpp"

#include "embedded.hpp"

#include "adl/io/names.hpp"
#include "adl/ref/error.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>

#include <algorithm>

namespace adl::cli {
namespace {

/// One aggregate of a book (DEF-DEFICIT ... DEF-SOLVENCY) as the "Book" lines
/// label it and as the JSON totals name it, in the order both print them.
struct Aggregate {
  const char* label;
  const char* key;
  ref::Rational ref::BookState::*field;
};

const Aggregate kAggregates[] = {
    {"deficit D", "deficit", &ref::BookState::deficit},
    {"max shortfall Δ", "max_shortfall", &ref::BookState::max_shortfall},
    {"capacity U", "capacity", &ref::BookState::capacity},
    {"max endowment υ", "max_endowment", &ref::BookState::max_endowment},
    {"capped capacity C(β)", "capped_capacity", &ref::BookState::capped_capacity},
    {"winner equity W", "winner_equity", &ref::BookState::winner_equity},
    {"solvency Σe = W − D", "solvency", &ref::BookState::solvency},
};

}  // namespace

ref::Rational parse_number(const std::string& option, const std::string& text) {
  try {
    return ref::parse_rational(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(option + ": '" + text + "' is not an exact number: " + e.what());
  }
}

ref::ScoreRule parse_score(const std::string& text) {
  const auto rule = io::score_rule_from_name(text);
  if (!rule) throw UsageError("--score: " + io::unknown_score_rule_message(text));
  return *rule;
}

std::string score_name(ref::ScoreRule rule) { return ref::score_rule_name(rule); }

ref::RiskModel parse_risk(const std::string& text) {
  try {
    return io::parse_risk_model(text);
  } catch (const ref::InvalidInput& e) {
    throw UsageError("--risk: " + std::string(e.what()));
  }
}

std::string risk_name(const ref::RiskModel& model) { return ref::risk_model_name(model); }

std::string form_name(io::BookForm form) { return form == io::BookForm::Wealth ? "wealth" : "position"; }

io::LoadedBook load_book_or_default(const std::optional<std::string>& path) {
  if (path) return io::load_book(*path);
  return io::parse_book(embedded::kFiveAccountCsv, embedded::kFiveAccountName);
}

ref::BudgetRequest budget_request(const BudgetOptions& options) {
  ref::BudgetRequest request;
  if (options.severity) request.severity = parse_number("--severity", *options.severity);
  if (options.budget) request.budget = parse_number("--budget", *options.budget);
  request.clip_to_capacity = options.clip;
  return request;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text) {
    // Count every byte that does not continue a UTF-8 sequence (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

std::string pad(std::string_view text, std::size_t width, bool right_align) {
  const std::size_t w = display_width(text);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right_align ? fill + std::string(text) : std::string(text) + fill;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back({std::move(cells), std::nullopt});
}

void Table::add_spanning_row(std::string first, std::string rest) {
  std::vector<std::string> cells(columns_.size());
  if (!cells.empty()) cells[0] = std::move(first);
  rows_.push_back({std::move(cells), std::move(rest)});
}

std::string Table::render(const std::string& indent) const {
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) width[c] = display_width(columns_[c].header);
  for (const Row& row : rows_) {
    const std::size_t cells = row.span ? std::min<std::size_t>(1, row.cells.size()) : row.cells.size();
    for (std::size_t c = 0; c < cells; ++c) width[c] = std::max(width[c], display_width(row.cells[c]));
  }
  const auto line = [&](const std::vector<std::string>& cells, const std::optional<std::string>& span) {
    std::string out = indent;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out += "  ";
      if (span && c == 1) {
        out += *span;
        break;
      }
      const bool last = c + 1 == columns_.size();
      // No trailing spaces on a left-aligned last column.
      out += last && !columns_[c].right_align ? cells[c] : pad(cells[c], width[c], columns_[c].right_align);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::vector<std::string> headers;
  for (const Column& column : columns_) headers.push_back(column.header);
  std::string out = line(headers, std::nullopt);
  std::string rule = indent;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) rule += "  ";
    for (std::size_t k = 0; k < width[c]; ++k) rule += "\u2500";
  }
  out += rule + "\n";
  for (const Row& row : rows_) out += line(row.cells, row.span);
  return out;
}

void KeyValues::add(std::string label, std::string value) { lines_.emplace_back(std::move(label), std::move(value)); }

std::string KeyValues::render(const std::string& indent) const {
  std::size_t width = 0;
  for (const auto& [label, value] : lines_) width = std::max(width, display_width(label));
  std::string out;
  for (const auto& [label, value] : lines_) {
    out += indent + pad(label, width, false) + "  " + value + "\n";
  }
  return out;
}

nlohmann::ordered_json exact_json(const ref::Rational& value) { return ref::to_fraction(value); }

nlohmann::ordered_json exact_json(const std::optional<ref::Rational>& value) {
  if (!value) return nullptr;
  return ref::to_fraction(*value);
}

std::string dump_json(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

nlohmann::ordered_json totals_json(const ref::BookState& state, const ref::Budget& budget) {
  nlohmann::ordered_json t;
  for (const Aggregate& a : kAggregates) t[a.key] = exact_json(state.*a.field);
  t["severity"] = exact_json(budget.severity);
  t["budget"] = exact_json(budget.budget);
  t["clipped"] = budget.clipped;
  return t;
}

nlohmann::ordered_json metrics_json(const ref::RoundMetrics& metrics, bool round_totals) {
  nlohmann::ordered_json m;
  m["top_survivor"] = exact_json(metrics.top_survivor);
  if (round_totals) {
    m["socialized"] = exact_json(metrics.socialized);
    m["remaining_deficit"] = exact_json(metrics.remaining_deficit);
  }
  m["ptsr"] = exact_json(metrics.ptsr);
  m["pmr"] = exact_json(metrics.pmr);
  m["max_burden"] = exact_json(metrics.max_burden);
  m["max_haircut"] = exact_json(metrics.max_haircut);
  m["winners_touched"] = metrics.winners_touched;
  if (round_totals) m["surviving_winners"] = metrics.surviving_winners;
  return m;
}

nlohmann::ordered_json book_document(const std::string& schema, const io::LoadedBook& book) {
  nlohmann::ordered_json doc;
  doc["schema"] = schema;
  doc["book"] = book_json(book);
  return doc;
}

nlohmann::ordered_json book_json(const io::LoadedBook& book) {
  nlohmann::ordered_json b;
  b["source"] = book.source;
  b["form"] = form_name(book.form);
  b["accounts"] = book.book.accounts.size();
  return b;
}

const std::vector<std::string>& predicate_names() {
  static const std::vector<std::string> names = {"size",    "severity", "budget-balance", "feasibility", "bounds",
                                                 "haircut", "cap",      "min-equity"};
  return names;
}

std::string render_predicates(const ref::ValidityReport& report, bool caps_checked, const std::string& caps_reason,
                              const std::string& indent) {
  std::vector<std::string> names = predicate_names();
  for (const ref::Violation& v : report.violations) {
    if (std::find(names.begin(), names.end(), v.predicate) == names.end()) names.push_back(v.predicate);
  }
  std::size_t width = 0;
  for (const std::string& name : names) width = std::max(width, display_width(name));
  std::string out;
  for (const std::string& name : names) {
    std::vector<const ref::Violation*> failed;
    for (const ref::Violation& v : report.violations) {
      if (v.predicate == name) failed.push_back(&v);
    }
    const std::string label = indent + pad(name, width, false) + "  ";
    if (failed.empty()) {
      const bool cap_predicate = name == "cap" || name == "min-equity";
      out += label + (cap_predicate && !caps_checked ? "not checked (" + caps_reason + ")" : "pass") + "\n";
      continue;
    }
    out += label + "FAIL (" + std::to_string(failed.size()) + (failed.size() == 1 ? " violation)\n" : " violations)\n");
    for (const ref::Violation* v : failed) out += indent + std::string(width + 2, ' ') + "\u2022 " + v->detail + "\n";
  }
  return out;
}

nlohmann::ordered_json violations_json(const ref::Book& book, const ref::ValidityReport& report) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ref::Violation& v : report.violations) {
    nlohmann::ordered_json item;
    item["predicate"] = v.predicate;
    if (v.account && *v.account < book.accounts.size()) {
      item["account"] = book.accounts[*v.account].id;
    } else {
      item["account"] = nullptr;
    }
    item["detail"] = v.detail;
    list.push_back(std::move(item));
  }
  return list;
}

KeyValues book_lines(const io::LoadedBook& loaded, const ref::BookState& state,
                     const std::optional<std::string>& caps_file) {
  const AccountCounts counts{loaded.book.accounts.size(), state.winners.size(), state.losers.size()};
  return book_lines(loaded.source, loaded.form, counts, state, caps_file);
}

KeyValues book_lines(const std::string& source, io::BookForm form, const AccountCounts& counts,
                     const ref::BookState& aggregates, const std::optional<std::string>& caps_file) {
  KeyValues lines;
  lines.add("source", source);
  lines.add("form", form_name(form) + " space");
  lines.add("accounts", std::to_string(counts.accounts) + " (" + std::to_string(counts.winners) +
                            " winners with e > 0, " + std::to_string(counts.losers) + " losers with e < 0)");
  for (const Aggregate& a : kAggregates) lines.add(a.label, ref::format_exact(aggregates.*a.field));
  if (caps_file) lines.add("caps file", *caps_file);
  return lines;
}

std::uint64_t parse_seed(const std::string& text) {
  // Decimal digits only (no sign, no octal or hex prefixes), at most 2^64 − 1.
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError("--seed: '" + text + "' is not an integer in [0, 2^64)");
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) throw UsageError("--seed: '" + text + "' is not an integer in [0, 2^64)");
    value = value * 10 + digit;
  }
  return value;
}

Progress::Progress(std::ostream& stream, std::size_t total)
    : stream_(stream), total_(total), active_(::isatty(STDERR_FILENO) == 1) {}

void Progress::show(std::size_t done, const std::string& current) {
  if (!active_) return;
  constexpr std::size_t width = 30;
  const std::size_t filled = total_ == 0 ? width : std::min(done, total_) * width / total_;
  stream_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total_
          << " " << current << "\033[K" << std::flush;
}

void Progress::finish() {
  if (active_) stream_ << "\r\033[K" << std::flush;
}

void write_file_atomically(const std::string& target, const std::string& option,
                           const std::function<void(std::ostream&)>& write) {
  const std::string temporary = target + ".tmp-" + std::to_string(::getpid());
  try {
    {
      std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
      if (!file) throw UsageError("cannot create '" + temporary + "' (for " + option + " " + target + ")");
      write(file);
      file.close();
      if (!file) throw UsageError("writing '" + temporary + "' failed (for " + option + " " + target + ")");
    }
    if (std::rename(temporary.c_str(), target.c_str()) != 0) {
      throw UsageError("cannot rename '" + temporary + "' to '" + target + "'");
    }
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
}

std::filesystem::path default_oct10_dir() {
  if (const char* shared = std::getenv("ADL_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "data" / "oct10";
  }
  return std::filesystem::path(ADL_DEFAULT_SHARED_DIR) / "data" / "oct10";
}

}  // namespace adl::cli
