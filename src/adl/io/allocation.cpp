#include "adl/io/allocation.hpp"

#include "adl/io/csv.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/io/text.hpp"

#include <array>
#include <utility>

namespace adl::io {
namespace {

using Kind = JsonValue::Kind;
using ref::Rational;

AllocationFile read_json_allocation(std::string_view text, const std::string& source) {
  const Fields fields(source);
  const JsonValue root = parse_json(text, source);
  if (root.kind != Kind::Object) fields.fail(root, "", "expected a JSON object (the output of adl run --json)");
  AllocationFile file;
  file.json = true;
  file.format = "adlref.run/1 JSON";
  if (const JsonValue* schema = root.find("schema")) {
    if (schema->kind != Kind::String || schema->text != "adlref.run/1") {
      fields.fail(*schema, "schema", "expected \"adlref.run/1\" (an allocation written by adl run --json)");
    }
  }
  if (const JsonValue* policy = root.find("policy")) {
    if (const JsonValue* name = policy->find("name"); name != nullptr && name->kind == Kind::String) {
      file.policy = name->text;
    }
  }
  if (const JsonValue* totals = root.find("totals")) {
    if (const JsonValue* severity = totals->find("severity")) {
      file.severity = fields.number(fields.value_cell(*severity, "totals.severity", "severity", Accept::Number),
                                    Rule::Any);
    }
  }
  const JsonValue& accounts = fields.member(root, "", "accounts");
  fields.expect(accounts, Kind::Array, "accounts");
  file.list_line = accounts.line;
  file.list_column = accounts.column;
  for (std::size_t k = 0; k < accounts.items.size(); ++k) {
    const JsonValue& item = accounts.items[k];
    const std::string path = json_path("accounts", k);
    fields.expect(item, Kind::Object, path);
    const JsonValue& account = fields.member(item, path, "account");
    fields.expect(account, Kind::String, path + ".account");
    const JsonValue& seized = fields.member(item, path, "seized");
    const Cell amount = fields.value_cell(seized, path + ".seized", "seized", Accept::Number);
    file.entries.push_back({account.text, fields.number(amount, Rule::Any), account.line, account.column});
  }
  return file;
}

constexpr std::array<ColumnSpec, 2> kAllocationColumns{{{"account", true}, {"seized", true}}};

AllocationFile read_csv_allocation(std::string_view text, const std::string& source) {
  const Fields fields(source);
  CsvTable table(text, source, kAllocationColumns, HeaderRule::ByName, "no header line (account,seized)");
  AllocationFile file;
  file.format = "account,seized CSV";
  file.list_line = table.header().line;
  while (const auto record = table.next()) {
    const Cell account = csv_cell(*record, table, "account");
    const std::string id = fields.name(account);
    const Rational amount = fields.number(csv_cell(*record, table, "seized"), Rule::Any);
    file.entries.push_back({id, amount, record->line, account.column});
  }
  return file;
}

}  // namespace

AllocationFile parse_allocation(std::string_view text, const std::string& source) {
  const std::string_view body = detail::strip_bom(text);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') return read_json_allocation(text, source);
  return read_csv_allocation(text, source);
}

AllocationFile load_allocation(const std::string& path) { return parse_allocation(read_text_file(path), path); }

}  // namespace adl::io
