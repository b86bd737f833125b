/// @file
/// Internal column kinds of the pipeline's CSV tables (spec/empirical.md,
/// EMP-PERWAVE-TABLES and EMP-EVENT-TABLE): each builds an io::TableColumn that
/// reads one cell with the io field reader and stores it in a row member,
/// with the words of EMP-FINDINGS. The per-wave and event readers declare
/// their tables with them.
#pragma once

#include "adl/io/fields.hpp"
#include "adl/io/table.hpp"
#include "adl/ref/number.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace adl::emp::detail {

/// A table's column list.
template <class Row>
using Columns = std::vector<io::TableColumn<Row>>;

/// A digits-only integer ≥ 0; `what` names it in messages ("a non-negative integer").
/// @spec EMP-PERWAVE-TABLES
template <class Row, class Int>
io::TableColumn<Row> digits(std::string name, Int Row::*member, const char* what) {
  return {std::move(name), [member, what](const io::Fields& f, const io::Cell& c, Row& row) {
            row.*member = static_cast<Int>(f.digits(c, what));
          }};
}

/// Any rational.
/// @spec EMP-PERWAVE-TABLES
template <class Row>
io::TableColumn<Row> number(std::string name, ref::Rational Row::*member) {
  return {std::move(name),
          [member](const io::Fields& f, const io::Cell& c, Row& row) { row.*member = f.number(c, io::Rule::Any); }};
}

/// A rational > 0.
/// @spec EMP-PERWAVE-TABLES
template <class Row>
io::TableColumn<Row> positive(std::string name, ref::Rational Row::*member) {
  return {std::move(name), [member](const io::Fields& f, const io::Cell& c, Row& row) {
            row.*member = f.number(c, io::Rule::Positive);
          }};
}

/// A rational ≥ 0 ("negative value -1: must be ≥ 0").
/// @spec EMP-PERWAVE-TABLES
ref::Rational non_negative_value(const io::Fields& f, const io::Cell& c);

/// A rational in [0, 1] ("value 1.2 is outside [0, 1]").
/// @spec EMP-PERWAVE-TABLES
ref::Rational unit_interval_value(const io::Fields& f, const io::Cell& c);

/// A rational ≥ 0.
/// @spec EMP-PERWAVE-TABLES
template <class Row>
io::TableColumn<Row> non_negative(std::string name, ref::Rational Row::*member) {
  return {std::move(name),
          [member](const io::Fields& f, const io::Cell& c, Row& row) { row.*member = non_negative_value(f, c); }};
}

/// A rational in [0, 1].
/// @spec EMP-PERWAVE-TABLES
template <class Row>
io::TableColumn<Row> unit_interval(std::string name, ref::Rational Row::*member) {
  return {std::move(name),
          [member](const io::Fields& f, const io::Cell& c, Row& row) { row.*member = unit_interval_value(f, c); }};
}

/// A non-empty text ("empty coin").
/// @spec EMP-PERWAVE-TABLES
template <class Row>
io::TableColumn<Row> label(std::string name, std::string Row::*member) {
  return {std::move(name), [member](const io::Fields& f, const io::Cell& c, Row& row) { row.*member = f.name(c); }};
}

}  // namespace adl::emp::detail
