// Unit tests of FMT-NUMBER as applied by the readers: every accepted spelling
// is read exactly, from CSV fields, JSON numbers and JSON strings; every
// rejected spelling is an InputError naming line, column and field.
#include <gtest/gtest.h>

#include "adl/io/read.hpp"

#include <string>
#include <vector>

namespace {

using adl::io::InputError;
using adl::io::parse_book;
using adl::ref::Rational;

Rational q(const char* text) { return Rational(text); }

struct Spelling {
  const char* text;
  const char* value;  // exact value as "num/den" for the Rational constructor
};

// @spec FMT-NUMBER: integers, decimals, exponents, fractions.
const std::vector<Spelling> kAccepted{
    {"12", "12"},
    {"-3", "-3"},
    {"+4", "4"},
    {"3.25", "13/4"},
    {".5", "1/2"},
    {"5.", "5"},
    {"-0.000001", "-1/1000000"},
    {"1.5e-3", "3/2000"},
    {"2E6", "2000000"},
    {"7/16", "7/16"},
    {"-3/4", "-3/4"},
    {"0.1", "1/10"},
    {"1e-3", "1/1000"},
    {"-.25", "-1/4"},
    {"+1.5E+2", "150"},
    {"14/8", "7/4"},
    {"0", "0"},
    {"-0", "0"},
    {"1e0001", "10"},
    // Leading zeros are decimal digits, never an octal prefix.
    {"0007/0016", "7/16"},
    {"010", "10"},
    {"0.25", "1/4"},
    {"0.08", "2/25"},
    {"0.123", "123/1000"},
    {"-0.0625", "-1/16"},
    {"09e1", "90"},
};

// The CSV cell `pnl` (any sign) holding `text`.
Rational csv_pnl(const std::string& text) {
  const auto loaded = parse_book("account,cash,pnl\n1,0," + text + "\n", "n.csv");
  return loaded.book.accounts.at(0).pnl;
}

// The JSON book whose pnl is the raw JSON value `json`.
Rational json_pnl(const std::string& json) {
  const auto loaded = parse_book(R"({"accounts": [{"account": "1", "cash": 0, "pnl": )" + json + "}]}", "n.json");
  return loaded.book.accounts.at(0).pnl;
}

// @spec FMT-NUMBER: each accepted spelling, exactly, in a CSV field.
TEST(io_numbers, AcceptedSpellingsCsv) {
  for (const auto& s : kAccepted) {
    SCOPED_TRACE(s.text);
    EXPECT_EQ(csv_pnl(s.text), q(s.value));
  }
}

// @spec FMT-NUMBER, FMT-BOOK-JSON: the same spellings as JSON strings.
TEST(io_numbers, AcceptedSpellingsJsonString) {
  for (const auto& s : kAccepted) {
    SCOPED_TRACE(s.text);
    EXPECT_EQ(json_pnl(std::string("\"") + s.text + "\""), q(s.value));
  }
}

// @spec FMT-NUMBER: surrounding spaces are ignored (unquoted and quoted CSV, JSON string).
TEST(io_numbers, SurroundingSpacesIgnored) {
  EXPECT_EQ(csv_pnl("  7/16 "), q("7/16"));
  EXPECT_EQ(csv_pnl("\" -3.5 \""), q("-7/2"));
  EXPECT_EQ(json_pnl("\"  1e-3\\t\""), q("1/1000"));  // JSON escape \t: a tab
}

// @spec FMT-BOOK-JSON: JSON numbers are read from their text, never via binary floating point.
TEST(io_numbers, JsonNumbersAreExact) {
  EXPECT_EQ(json_pnl("0.1"), q("1/10"));
  EXPECT_EQ(json_pnl("1e-3"), q("1/1000"));
  EXPECT_EQ(json_pnl("-0.000001"), q("-1/1000000"));
  EXPECT_EQ(json_pnl("1.5e-3"), q("3/2000"));
  EXPECT_EQ(json_pnl("2E6"), q("2000000"));
  EXPECT_EQ(json_pnl("1E+2"), q("100"));
  EXPECT_EQ(json_pnl("0.30000000000000004"), q("30000000000000004/100000000000000000"));
  EXPECT_EQ(json_pnl("123456789012345678901234567890"), q("123456789012345678901234567890"));
  EXPECT_EQ(json_pnl("1e-30"), q("1/1000000000000000000000000000000"));
  EXPECT_EQ(json_pnl("-0"), q("0"));
  // 0.1 + 0.2 is exactly 3/10 once read exactly.
  const auto loaded = parse_book(R"({"accounts": [{"account": "1", "cash": 0.1, "pnl": 0.2}]})", "n.json");
  EXPECT_EQ(loaded.book.accounts[0].cash + loaded.book.accounts[0].pnl, q("3/10"));
}

struct Rejected {
  const char* text;
  const char* reason;  // part of the message
};

// @spec FMT-NUMBER: rejected spellings (text in the cash field, line 2 column 3).
const std::vector<Rejected> kRejected{
    {"nan", "not a number"},  {"NaN", "not a number"},       {"inf", "not a number"},
    {"-inf", "not a number"}, {"infinity", "not a number"},  {"Infinity", "not a number"},
    {"0x10", "not a number"}, {"\"1,000\"", "not a number"}, {"1/0", "zero denominator"},
    {"abc", "not a number"},  {"12abc", "not a number"},     {"1.2.3", "not a number"},
    {"1 2", "not a number"},  {"--1", "not a number"},       {"1e", "malformed exponent"},
    {"1e12345", "exponent"},  {"3/4.0", "integer/integer"},  {"1/-2", "integer/integer"},
    {"$5", "not a number"},   {"5%", "not a number"},        {"+", "sign without digits"},
    {".", "no digits"},       {"1_000", "not a number"},     {"\"\xC2\xBD\"", "not a number"},
};

// @spec FMT-NUMBER, FMT-ERRORS: a rejected spelling names line, column and field.
TEST(io_numbers, RejectedSpellingsCsv) {
  for (const auto& r : kRejected) {
    SCOPED_TRACE(r.text);
    try {
      parse_book(std::string("account,cash,pnl\n1,") + r.text + ",0\n", "n.csv");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), "n.csv");
      EXPECT_EQ(e.line(), 2u);
      EXPECT_EQ(e.column(), 3u);
      EXPECT_EQ(e.field(), "cash");
      EXPECT_NE(e.message().find(r.reason), std::string::npos) << e.what();
    }
  }
}

// @spec FMT-NUMBER, FMT-BOOK-JSON: the same spellings inside a JSON string.
TEST(io_numbers, RejectedSpellingsJsonString) {
  for (const auto& r : kRejected) {
    std::string text = r.text;
    if (text.front() == '"') text = text.substr(1, text.size() - 2);
    SCOPED_TRACE(text);
    const std::string json = R"({"accounts": [{"account": "1", "cash": ")" + text + R"(", "pnl": 0}]})";
    try {
      parse_book(json, "n.json");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), 1u);
      EXPECT_EQ(e.column(), json.find("\"cash\"") + 9);  // 1-based column of the value's quote
      EXPECT_EQ(e.field(), "accounts[0].cash");
      EXPECT_NE(e.message().find(r.reason), std::string::npos) << e.what();
    }
  }
}

// @spec FMT-NUMBER: empty text where a value is required.
TEST(io_numbers, EmptyRequiredValue) {
  try {
    parse_book("account,cash,pnl\n1,,0\n", "n.csv");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 3u);
    EXPECT_EQ(e.field(), "cash");
    EXPECT_NE(e.message().find("missing value"), std::string::npos) << e.what();
  }
  const std::string json = R"({"accounts": [{"account": "1", "cash": "", "pnl": 0}]})";
  try {
    parse_book(json, "n.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 1u);
    EXPECT_EQ(e.column(), 40u);
    EXPECT_EQ(json.substr(39, 2), "\"\"");
    EXPECT_EQ(e.field(), "accounts[0].cash");
    EXPECT_NE(e.message().find("empty"), std::string::npos) << e.what();
  }
}

// @spec FMT-BOOK-JSON: spellings that RFC 8259 forbids as bare JSON numbers are
// syntax errors (no field); they are accepted inside a JSON string.
TEST(io_numbers, JsonGrammarRejectsNonJsonNumbers) {
  const std::string prefix = R"({"accounts": [{"account": "1", "cash": 0, "pnl": )";
  const struct {
    const char* text;
    std::size_t offset;  // 0-based offset of the error from the start of the value
    const char* reason;
  } cases[] = {
      {"+4", 0, "unexpected character '+'"}, {".5", 0, "unexpected character '.'"},
      {"5.", 2, "after the decimal point"},  {"01", 1, "leading zeros"},
      {"-", 1, "expected a digit"},          {"1e", 2, "exponent"},
      {"NaN", 0, "invalid literal 'NaN'"},   {"Infinity", 0, "invalid literal 'Infinity'"},
      {"-Infinity", 1, "expected a digit"},  {"0x10", 1, "expected ',' or '}'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    try {
      parse_book(prefix + c.text + "}]}", "n.json");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), 1u);
      EXPECT_EQ(e.column(), prefix.size() + c.offset + 1);
      EXPECT_EQ(e.field(), "");
      EXPECT_NE(e.message().find(c.reason), std::string::npos) << e.what();
    }
  }
  // A valid JSON number outside FMT-NUMBER (exponent of 5 digits) is rejected with its path.
  try {
    parse_book(prefix + "1e10000}]}", "n.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.column(), prefix.size() + 1);
    EXPECT_EQ(e.field(), "accounts[0].pnl");
    EXPECT_NE(e.message().find("exponent"), std::string::npos) << e.what();
  }
}

// @spec FMT-BOOK-JSON: a value of the wrong JSON type where a number is required.
TEST(io_numbers, JsonWrongTypeForNumber) {
  const std::string prefix = R"({"accounts": [{"account": "1", "cash": 0, "pnl": )";
  for (const char* value : {"true", "false", "[1]", "{\"v\": 1}"}) {
    SCOPED_TRACE(value);
    try {
      parse_book(prefix + value + "}]}", "n.json");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.column(), prefix.size() + 1);
      EXPECT_EQ(e.field(), "accounts[0].pnl");
      EXPECT_NE(e.message().find("expected a number"), std::string::npos) << e.what();
    }
  }
  // null: a required value is absent.
  try {
    parse_book(prefix + "null}]}", "n.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.column(), prefix.size() + 1);
    EXPECT_EQ(e.field(), "accounts[0].pnl");
    EXPECT_NE(e.message().find("null"), std::string::npos) << e.what();
  }
}

}  // namespace
