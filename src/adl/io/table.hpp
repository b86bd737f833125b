/// @file
/// Descriptor-driven CSV tables: a format lists its columns once — name and
/// how a cell is read into a row — and read_table checks the header, reads
/// every row and reports each rejection at its cell (spec/formats.md,
/// FMT-CSV; the pipeline's tables of spec/empirical.md use it).
#pragma once

#include "adl/io/csv.hpp"
#include "adl/io/fields.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adl::io {

/// One column of a table: its header name and how a cell of it is read into
/// a row (a typed read of io::Fields, then a store into the row).
/// @spec FMT-CSV
template <class Row>
struct TableColumn {
  std::string name;                                            ///< Column name in the header.
  std::function<void(const Fields&, const Cell&, Row&)> read;  ///< Reads the cell into the row.
};

/// How a table is checked beyond its columns.
/// @spec FMT-CSV
struct TableRules {
  HeaderRule header = HeaderRule::Exact;  ///< The header rule of the format.
  bool require_rows = false;              ///< A header without data rows is an error ("no data rows after the header").
  /// The message for an empty cell a read requires; when empty, an empty cell
  /// is read like any other text (and a number read then says "not a number").
  std::string empty_cell;
  /// The message for a text without a header line; when empty, "empty file:
  /// expected the header a,b,…".
  std::string empty_file;
};

/// Reads every data row of a CSV text by its column descriptors: the header
/// is checked by `rules.header` against the descriptors' names (all
/// required), every row must be as wide as the header, and each cell is read
/// by its descriptor, in column order. `Row` has a `line` member (1-based),
/// set from the record. Throws InputError at the first rejected cell.
/// @spec FMT-CSV
template <class Row>
std::vector<Row> read_table(std::string_view text, const std::string& source,
                            const std::vector<TableColumn<Row>>& columns, const TableRules& rules) {
  std::vector<ColumnSpec> specs;
  std::string header_text;
  for (const auto& column : columns) {
    specs.push_back(ColumnSpec{column.name, true});
    header_text += (header_text.empty() ? "" : ",") + column.name;
  }
  CsvTable table(text, source, specs, rules.header,
                 rules.empty_file.empty() ? "empty file: expected the header " + header_text : rules.empty_file);
  const Fields fields(source);
  std::vector<Row> rows;
  while (const auto record = table.next()) {
    Row row;
    row.line = record->line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const CsvField& field = record->fields[*table.index(columns[i].name)];
      Cell cell;
      cell.text = field.text;
      cell.given = true;
      cell.empty_means_absent = !rules.empty_cell.empty();
      cell.line = record->line;
      cell.column = field.column;
      cell.field = columns[i].name;
      cell.name = columns[i].name;
      cell.absent = rules.empty_cell;
      columns[i].read(fields, cell, row);
    }
    rows.push_back(std::move(row));
  }
  if (rules.require_rows && rows.empty()) fields.fail(table.header().line, 1, "", "no data rows after the header");
  return rows;
}

}  // namespace adl::io
