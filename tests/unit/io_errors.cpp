// Unit tests of FMT-ERRORS: every rejection of the book and caps readers names
// the exact line, column and field of the offending value.
#include <gtest/gtest.h>

#include "paths.hpp"

#include "adl/io/read.hpp"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using adl::io::InputError;
using adl::io::parse_book;
using adl::ref::Rational;

std::string data_path(const std::string& name) { return adl::test::test_data_dir() + "/" + name; }

// What a rejection must report: 1-based line and column (0 for a file that cannot be
// opened), the field at fault and a part of the message.
struct Expected {
  std::size_t line;
  std::size_t column;
  std::string field;
  std::string part;
};

// The InputError that `read` throws; a failure (showing `input`) and none when it accepts.
std::optional<InputError> error_of(const std::function<void()>& read, const std::string& input = {}) {
  try {
    read();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted" << (input.empty() ? "" : ":\n" + input);
  return std::nullopt;
}

// As error_of, and the error reports `expected`.
std::optional<InputError> expect_error(const std::function<void()>& read, const Expected& expected,
                                       const std::string& input = {}) {
  auto e = error_of(read, input);
  if (e) {
    EXPECT_EQ(e->line(), expected.line) << e->what();
    EXPECT_EQ(e->column(), expected.column) << e->what();
    EXPECT_EQ(e->field(), expected.field) << e->what();
    EXPECT_NE(e->message().find(expected.part), std::string::npos)
        << "message lacks '" << expected.part << "': " << e->what();
  }
  return e;
}

void book_rejected(const std::string& text, std::size_t line, std::size_t column, const std::string& field,
                   const std::string& part) {
  const auto e = expect_error([&] { parse_book(text, "in"); }, {line, column, field, part}, text);
  if (e) {
    EXPECT_EQ(e->file(), "in");
  }
}

void caps_rejected(const std::string& text, std::size_t line, std::size_t column, const std::string& field,
                   const std::string& part) {
  auto loaded = parse_book("account,cash,pnl,max_haircut\n1,2,8,1/2\n2,1,4,\n", "book.csv");
  const auto before = loaded.book.accounts;
  const auto e = expect_error([&] { adl::io::apply_caps_text(text, "caps", loaded.book); }, {line, column, field, part},
                              text);
  if (e) {
    EXPECT_EQ(e->file(), "caps");
  }
  // A rejected caps file changes nothing.
  ASSERT_EQ(loaded.book.accounts.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(loaded.book.accounts[i].max_haircut, before[i].max_haircut);
    EXPECT_EQ(loaded.book.accounts[i].min_equity, before[i].min_equity);
  }
}

// 1-based column of the first occurrence of `needle` in a one-line text.
std::size_t col(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return at + 1;
}

#define BOOK_REJECTED(...)      \
  do {                          \
    SCOPED_TRACE(#__VA_ARGS__); \
    book_rejected(__VA_ARGS__); \
  } while (0)

#define CAPS_REJECTED(...)      \
  do {                          \
    SCOPED_TRACE(#__VA_ARGS__); \
    caps_rejected(__VA_ARGS__); \
  } while (0)

const std::string W = "account,cash,pnl\n";
const std::string P = "account,market,side,quantity,entry_price,collateral,mark_price";

// ---------------------------------------------------------------------------
// Wealth-space CSV.

// @spec FMT-NUMBER, FMT-WEALTH-CSV: text, nan and inf in number fields.
TEST(io_errors, WealthCsvNotANumber) {
  BOOK_REJECTED(W + "1,abc,3\n", 2, 3, "cash", "not a number: 'abc'");
  BOOK_REJECTED(W + "1,2,nan\n", 2, 5, "pnl", "not a number: 'nan'");
  BOOK_REJECTED(W + "1,inf,3\n", 2, 3, "cash", "not a number: 'inf'");
  BOOK_REJECTED(W + "1,2,-Infinity\n", 2, 5, "pnl", "not a number");
  BOOK_REJECTED("account,cash,pnl,score\n1,2,3,high\n", 2, 7, "score", "not a number: 'high'");
  BOOK_REJECTED("account,cash,pnl,min_equity\n1,2,3,1/0\n", 2, 7, "min_equity", "zero denominator");
}

// @spec FMT-WEALTH-CSV: domain rules of each column.
TEST(io_errors, WealthCsvDomain) {
  BOOK_REJECTED(W + "1,-1,3\n", 2, 3, "cash", "negative cash -1");
  BOOK_REJECTED(W + "1,-0.5,3\n", 2, 3, "cash", "negative cash -1/2");
  BOOK_REJECTED("account,cash,pnl,leverage\n1,1,1,0\n", 2, 7, "leverage", "leverage must be > 0");
  BOOK_REJECTED("account,cash,pnl,leverage\n1,1,1,-2\n", 2, 7, "leverage", "leverage must be > 0");
  BOOK_REJECTED("account,cash,pnl,max_haircut\n1,1,1,1.5\n", 2, 7, "max_haircut",
                "max_haircut must be in [0, 1] (got 3/2 (1.5))");
  BOOK_REJECTED("account,cash,pnl,max_haircut\n1,1,1,-0.1\n", 2, 7, "max_haircut", "must be in [0, 1]");
}

// @spec FMT-WEALTH-CSV: account ids are non-empty and unique.
TEST(io_errors, WealthCsvAccounts) {
  BOOK_REJECTED(W + "1,1,1\n2,1,1\n1,0,0\n", 4, 1, "account", "duplicate account '1' (first on line 2)");
  BOOK_REJECTED(W + ",1,1\n", 2, 1, "account", "empty account");
  BOOK_REJECTED(W + "\"\",1,1\n", 2, 1, "account", "empty account");
  BOOK_REJECTED(W + "  ,1,1\n", 2, 1, "account", "empty account");
}

// @spec FMT-CSV: a required column left empty.
TEST(io_errors, CsvMissingValue) {
  BOOK_REJECTED(W + "1,,2\n", 2, 3, "cash", "missing value");
  BOOK_REJECTED(W + "1,2,\n", 2, 5, "pnl", "missing value");
}

// @spec FMT-CSV: header errors name the header line and the column.
TEST(io_errors, CsvHeader) {
  BOOK_REJECTED("account,pnl\n1,2\n", 1, 1, "cash", "missing required column 'cash'");
  BOOK_REJECTED("# c\ncash,pnl\n1,2\n", 2, 1, "account", "missing required column 'account'");
  BOOK_REJECTED("account,cash,pnl,levrage\n1,1,1,2\n", 1, 18, "levrage", "unknown column 'levrage'");
  BOOK_REJECTED("account,cash,pnl,Score\n1,1,1,2\n", 1, 18, "Score", "unknown column 'Score'");
  BOOK_REJECTED("account,cash,pnl,cash\n1,1,1,2\n", 1, 18, "cash", "duplicate column 'cash' (first at column 9)");
  BOOK_REJECTED("account,,cash,pnl\n", 1, 9, "", "empty column name");
  BOOK_REJECTED(P + ",leverage\n", 1, 64, "leverage", "unknown column 'leverage'");
  BOOK_REJECTED("account,market,side,quantity,entry_price,collateral\n", 1, 1, "mark_price",
                "missing required column 'mark_price'");
}

// @spec FMT-BOOK-FORMS: the header decides the form; both or neither is an error.
TEST(io_errors, CsvForm) {
  BOOK_REJECTED("account,cash,pnl,side\n", 1, 18, "", "both");
  BOOK_REJECTED("side,account,cash,pnl\n", 1, 19, "", "both");
  BOOK_REJECTED("account,cash\n1,2\n", 1, 1, "", "neither");
  BOOK_REJECTED("account,cash,PnL\n1,2,3\n", 1, 1, "", "neither");
}

// @spec FMT-CSV: every record has exactly as many fields as the header.
TEST(io_errors, CsvFieldCount) {
  BOOK_REJECTED(W + "1,2\n", 2, 4, "pnl", "expected 3 fields as in the header on line 1, found 2");
  BOOK_REJECTED(W + "1,2,3,4\n", 2, 7, "", "expected 3 fields as in the header on line 1, found 4");
  // A thousands separator splits the field.
  BOOK_REJECTED(W + "1,1,000,2\n", 2, 9, "", "found 4");
  BOOK_REJECTED(W + "1,2,3,\n", 2, 7, "", "found 4");
}

// @spec FMT-WEALTH-CSV: a book needs accounts; an empty file has no header.
TEST(io_errors, CsvEmpty) {
  BOOK_REJECTED(W, 1, 1, "", "book has no accounts");
  BOOK_REJECTED("# c\n\n" + W + "# only comments below\n\n", 3, 1, "", "book has no accounts");
  BOOK_REJECTED("", 1, 1, "", "empty book");
  BOOK_REJECTED("# only a comment\n\n", 1, 1, "", "empty book");
  BOOK_REJECTED(P + "\n", 1, 1, "", "book has no positions");
}

// @spec FMT-CSV: quoting, line endings, UTF-8.
TEST(io_errors, CsvSyntax) {
  BOOK_REJECTED(W + "\"1,2,3\n", 2, 1, "", "unterminated quoted field");
  BOOK_REJECTED(W + "1,2,\"3\n4\"\n", 2, 5, "", "quoted fields may not span lines");
  BOOK_REJECTED(W + "a\"b,1,2\n", 2, 2, "", "quote inside an unquoted field");
  BOOK_REJECTED(W + "\"a\"b,1,2\n", 2, 4, "", "after a closing quote");
  BOOK_REJECTED(W + "1,2\r,3\n", 2, 4, "", "carriage return");
  BOOK_REJECTED("account,cash,pnl\r1,2,3\r", 1, 17, "", "carriage return");
  BOOK_REJECTED(W + "\xFF,1,2\n", 2, 1, "", "invalid UTF-8");
  BOOK_REJECTED(W + "ab\xC3,1,2\n", 2, 3, "", "invalid UTF-8");
  BOOK_REJECTED(W + "\xC0\xAF,1,2\n", 2, 1, "", "invalid UTF-8");  // overlong
}

// @spec FMT-ERRORS: columns count characters (UTF-8 code points), not bytes.
TEST(io_errors, CsvColumnsCountCodePoints) {
  BOOK_REJECTED(W + "\xC3\xA9\xC3\xA9,abc,1\n", 2, 4, "cash", "not a number");
  BOOK_REJECTED(W + "\xF0\x9F\x98\x80,1,x\n", 2, 5, "pnl", "not a number");
  BOOK_REJECTED(
      "\xEF\xBB\xBF"
      "account,cash,pnl,bad\n",
      1, 18, "bad", "unknown column");
}

// ---------------------------------------------------------------------------
// Position-space CSV.

// @spec FMT-POSITION-CSV: quantity ≥ 0, entry > 0, collateral ≥ 0, mark > 0.
TEST(io_errors, PositionCsvDomain) {
  BOOK_REJECTED(P + "\nA,BTC,long,1,1,2,1.3\nB,BTC,short,-2,1,2,1.3\n", 3, 13, "quantity", "negative quantity -2");
  BOOK_REJECTED(P + "\nA,BTC,long,1,0,2,1.3\n", 2, 14, "entry_price", "entry_price must be > 0");
  BOOK_REJECTED(P + "\nA,BTC,long,1,1,-2,1.3\n", 2, 16, "collateral", "negative collateral -2");
  BOOK_REJECTED(P + "\nA,BTC,long,1,1,2,0\n", 2, 18, "mark_price", "mark_price must be > 0");
  BOOK_REJECTED(P + "\nA,BTC,long,1,1,2,x\n", 2, 18, "mark_price", "not a number");
  BOOK_REJECTED(P + "\nA,BTC,long,nan,1,2,1\n", 2, 12, "quantity", "not a number");
  BOOK_REJECTED(P + "\nA,,long,1,1,2,1.3\n", 2, 3, "market", "empty market");
  BOOK_REJECTED(P + "\n,BTC,long,1,1,2,1.3\n", 2, 1, "account", "empty account");
  BOOK_REJECTED(P + ",funding\nA,BTC,long,1,1,2,1.3,-\n", 2, 22, "funding", "not a number");
}

// @spec FMT-POSITION-CSV: every row of one market carries the same mark.
TEST(io_errors, PositionCsvInconsistentMark) {
  BOOK_REJECTED(P + "\nA,BTC,long,1,1,2,1.3\nC,ETH,long,1,1,2,7\nB,BTC,short,1,1,2,1.4\n", 4, 19, "mark_price",
                "differs from 13/10 (1.3) on line 2");
  // The same value spelled differently is the same mark.
  const auto ok = parse_book(P + "\nA,BTC,long,1,1,2,1.3\nB,BTC,short,1,1,2,13/10\n", "in");
  EXPECT_EQ(ok.positions->marks.at("BTC"), Rational(13, 10));
}

// @spec FMT-POSITION-CSV: side spellings.
TEST(io_errors, PositionCsvSide) {
  BOOK_REJECTED(P + "\nA,BTC,up,1,1,2,1.3\n", 2, 7, "side", "unknown side 'up'");
  BOOK_REJECTED(P + "\nA,BTC,0,1,1,2,1.3\n", 2, 7, "side", "unknown side '0'");
  BOOK_REJECTED(P + "\nA,BTC,longs,1,1,2,1.3\n", 2, 7, "side", "unknown side");
  BOOK_REJECTED(P + "\nA,BTC,,1,1,2,1.3\n", 2, 7, "side", "missing value");
}

// @spec FMT-POSITION-CSV: open_time is an integer ≥ 0.
TEST(io_errors, PositionCsvOpenTime) {
  const std::string h = P + ",open_time\nA,BTC,long,1,1,2,1.3,";
  BOOK_REJECTED(h + "1.5\n", 2, 22, "open_time", "open_time must be an integer (got 3/2 (1.5))");
  BOOK_REJECTED(h + "-1\n", 2, 22, "open_time", "negative open_time -1");
  BOOK_REJECTED(h + "abc\n", 2, 22, "open_time", "not a number");
  BOOK_REJECTED(h + "9223372036854775808\n", 2, 22, "open_time", "too large");
  const auto ok = parse_book(h + "9223372036854775807\n", "in");
  EXPECT_EQ(ok.positions->positions[0].open_time, 9223372036854775807LL);
  EXPECT_EQ(parse_book(h + "2e3\n", "in").positions->positions[0].open_time, 2000);
}

// @spec FMT-POSITION-CSV: per-account columns agree across an account's rows.
TEST(io_errors, PositionCsvAccountColumnsDisagree) {
  BOOK_REJECTED(P + ",max_haircut\nA,BTC,long,1,1,2,1.3,1/2\nA,ETH,long,1,1,2,2,\n", 3, 20, "max_haircut",
                "rows of account 'A' disagree on max_haircut: line 2 gives 1/2 (0.5), this row "
                "gives no value");
  BOOK_REJECTED(P + ",score\nA,BTC,long,1,1,2,1.3,3\nB,BTC,long,1,1,2,1.3,\nA,ETH,long,1,1,2,2,4\n", 4, 20, "score",
                "line 2 gives 3, this row gives 4");
  BOOK_REJECTED(P + ",min_equity\nA,BTC,long,1,1,2,1.3,\nA,ETH,long,1,1,2,2,0\n", 3, 20, "min_equity",
                "line 2 gives no value, this row gives 0");
  BOOK_REJECTED(P + ",max_haircut\nA,BTC,long,1,1,2,1.3,1.5\n", 2, 22, "max_haircut", "must be in [0, 1]");
  // Agreeing rows (0.5 and 1/2 are the same value) are fine.
  const auto ok = parse_book(P + ",max_haircut\nA,BTC,long,1,1,2,1.3,1/2\nA,ETH,long,1,1,2,2,0.5\n", "in");
  EXPECT_EQ(ok.positions->max_haircut.at("A"), Rational(1, 2));
}

// A rejection read from a file: what load_book (or apply_caps) must report, and when
// not empty the source it names and the whole message.
struct FileCase {
  std::string name;
  std::function<void()> read;
  Expected expected;
  std::string file;
  std::string what;
};

void expect_file_errors(const std::vector<FileCase>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto e = expect_error(c.read, c.expected);
    if (e && !c.file.empty()) {
      EXPECT_EQ(e->file(), c.file);
    }
    if (e && !c.what.empty()) {
      EXPECT_EQ(std::string(e->what()), c.what);
    }
  }
}

// @spec FMT-POSITION-CSV, FMT-ERRORS: from a file, the file name is the source.
TEST(io_errors, FilesNameTheirSource) {
  const std::vector<std::pair<std::string, Expected>> files{
      {"malformed_negative_quantity.csv", {3, 13, "quantity", "negative quantity -2"}},
      {"malformed_unknown_column.csv", {2, 18, "levrage", "unknown column 'levrage'"}},
      {"malformed_trailing_comma.json", {3, 1, "", "trailing comma before ']'"}},
      {"malformed_truncated.json", {2, 40, "", "unexpected end of input"}},
      {"malformed_unknown_key.json", {4, 41, "positions[0].mark_price", "unknown key 'mark_price'"}}};
  std::vector<FileCase> cases;
  for (const auto& [name, expected] : files) {
    const std::string path = data_path(name);
    cases.push_back({name, [path] { adl::io::load_book(path); }, expected, path, ""});
  }
  cases[0].what = cases[0].file + ":3:13: field 'quantity': negative quantity -2 (must be >= 0)";
  expect_file_errors(cases);
}

// @spec FMT-ERRORS: a file that cannot be opened: line 0, no line or column printed.
TEST(io_errors, CannotOpen) {
  const std::string missing = data_path("io_no_such_file.csv");
  adl::ref::Book book;
  expect_file_errors(
      {{"missing book",
        [&] { adl::io::load_book(missing); },
        {0, 0, "", "cannot open: No such file or directory"},
        "",
        missing + ": cannot open: No such file or directory"},
       {"directory as book",
        [&] { adl::io::load_book(adl::test::test_data_dir()); },
        {0, 0, "", "cannot open"},
        "",
        ""},
       {"missing caps", [&] { adl::io::apply_caps(missing, book); }, {0, 0, "", "cannot open"}, "", ""}});
}

// ---------------------------------------------------------------------------
// JSON syntax.

// @spec FMT-BOOK-JSON: syntax errors name line and column, no field.
TEST(io_errors, JsonSyntax) {
  BOOK_REJECTED("{\"accounts\": [", 1, 15, "", "unexpected end of input");
  BOOK_REJECTED("{", 1, 2, "", "unexpected end of input");
  BOOK_REJECTED("{\"accounts\": [{\"account\": \"1", 1, 29, "", "unexpected end of input inside a string");
  const std::string object_comma = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2,}]})";
  BOOK_REJECTED(object_comma, 1, col(object_comma, ",}") + 1, "", "trailing comma before '}'");
  const std::string array_comma = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2},]})";
  BOOK_REJECTED(array_comma, 1, col(array_comma, ",]") + 1, "", "trailing comma before ']'");
  const std::string garbage = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2}]} x)";
  BOOK_REJECTED(garbage, 1, col(garbage, " x") + 1, "", "unexpected characters after the JSON document");
  BOOK_REJECTED("{} {}", 1, 4, "", "unexpected characters after");
  BOOK_REJECTED("{\"a\" 1}", 1, 6, "", "expected ':'");
  BOOK_REJECTED("{1: 2}", 1, 2, "", "expected a string key");
  BOOK_REJECTED("{'a': 2}", 1, 2, "", "expected a string key");
  BOOK_REJECTED("{\"accounts\": [1 2]}", 1, 17, "", "expected ',' or ']'");
  BOOK_REJECTED("{\"accounts\": [], \"x\" : [}", 1, 25, "", "unexpected character '}'");
  BOOK_REJECTED("{\n  \"accounts\": [\n    {\"account\": \"1\",,}\n]}", 3, 21, "", "expected a string key");
}

// @spec FMT-BOOK-JSON: strings — escapes, control characters, UTF-8, surrogates.
TEST(io_errors, JsonStrings) {
  const std::string pre = R"({"accounts": [{"account": ")";
  const std::string post = R"(", "cash": 1, "pnl": 2}]})";
  const std::size_t at = pre.size() + 1;  // column of the first character inside the string
  BOOK_REJECTED(pre + "a\tb" + post, 1, at + 1, "", "control character");
  BOOK_REJECTED(pre + "a\\xb" + post, 1, at + 1, "", "invalid escape");
  BOOK_REJECTED(pre + "\\ud83d" + post, 1, at, "", "unpaired surrogate");
  BOOK_REJECTED(pre + "\\ud83dx" + post, 1, at, "", "unpaired surrogate");
  BOOK_REJECTED(pre + "\\ude00" + post, 1, at, "", "unpaired surrogate");
  BOOK_REJECTED(pre + "\\ud83d\\u0041" + post, 1, at, "", "unpaired surrogate");
  BOOK_REJECTED(pre + "\\u12G4" + post, 1, at + 4, "", "hexadecimal digits");
  BOOK_REJECTED(pre + "ab\xFF" + post, 1, at + 2, "", "invalid UTF-8");
  BOOK_REJECTED(pre + "\xED\xA0\x80" + post, 1, at, "", "invalid UTF-8");  // encoded surrogate
}

// @spec FMT-BOOK-JSON: nesting deeper than 64 levels is rejected.
TEST(io_errors, JsonDepth) {
  const std::string deep = "{\"accounts\": " + std::string(64, '[') + std::string(64, ']') + "}";
  std::string path = "accounts";
  for (int i = 0; i < 63; ++i) path += "[0]";
  BOOK_REJECTED(deep, 1, 14 + 63, path, "nesting deeper than 64 levels");
  // 64 levels parse; the book is then rejected for its shape.
  const std::string ok = "{\"accounts\": " + std::string(63, '[') + std::string(63, ']') + "}";
  BOOK_REJECTED(ok, 1, 15, "accounts[0]", "expected an object, found an array");
}

// @spec FMT-ERRORS: JSON columns count characters, lines count from 1.
TEST(io_errors, JsonLocations) {
  BOOK_REJECTED("{\n  \"accounts\": [\n    {\"account\": \"1\", \"cash\": -1, \"pnl\": 0}\n  ]\n}\n", 3, 30,
                "accounts[0].cash", "negative cash -1");
  BOOK_REJECTED("\r\n{\r\n\"accounts\": [{\"account\": \"1\", \"cash\": 0, \"pnl\": x}]}", 3, 49, "",
                "invalid literal 'x'");
  const std::string utf8 = "{\"accounts\": [{\"account\": \"\xC3\xA9\xC3\xA9\", \"cash\": true, \"pnl\": 0}]}";
  BOOK_REJECTED(utf8, 1, col(utf8, "true") - 2, "accounts[0].cash", "expected a number");
}

// @spec FMT-ERRORS: the message is one line even when the input holds control characters.
TEST(io_errors, OneLineMessages) {
  const std::string text =
      "{\"accounts\": [{\"account\": \"a\\nb\", \"cash\": 1, \"pnl\": 0},\n"
      "              {\"account\": \"a\\nb\", \"cash\": 1, \"pnl\": 0}]}";
  const auto duplicate = expect_error([&] { parse_book(text, "in"); },
                                      {2, 27, "accounts[1].account", "duplicate account 'a\nb'"});
  if (duplicate) {
    EXPECT_EQ(std::string(duplicate->what()),
              "in:2:27: field 'accounts[1].account': duplicate account 'a\\nb' (first on line 1)");
  }
  const std::string pnl = "{\"accounts\": [{\"account\": \"a\", \"cash\": 1, \"pnl\": \"1\\t\\u0001x\"}]}";
  const auto control = error_of([&] { parse_book(pnl, "in"); });
  if (control) {
    EXPECT_EQ(std::string(control->what()).find_first_of("\n\t\x01"), std::string::npos) << control->what();
    EXPECT_NE(std::string(control->what()).find("\\x01x"), std::string::npos) << control->what();
  }
}

// ---------------------------------------------------------------------------
// JSON books.

// @spec FMT-BOOK-JSON: unknown and duplicate keys.
TEST(io_errors, JsonKeys) {
  const std::string unknown = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2, "levrage": 3}]})";
  BOOK_REJECTED(unknown, 1, col(unknown, "\"levrage\""), "accounts[0].levrage", "unknown key 'levrage'");
  BOOK_REJECTED(R"({"acounts": []})", 1, 2, "acounts", "unknown key 'acounts'");
  const std::string dup = R"({"accounts": [{"account": "1", "cash": 1, "cash": 2, "pnl": 0}]})";
  BOOK_REJECTED(dup, 1, col(dup, "\"cash\": 2"), "accounts[0].cash",
                "duplicate key 'cash' (first on line 1, column 32)");
  BOOK_REJECTED(R"({"accounts": [], "accounts": []})", 1, 18, "accounts", "duplicate key 'accounts'");
  const std::string notional = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2, "notional": 3}]})";
  BOOK_REJECTED(notional, 1, col(notional, "\"notional\""), "accounts[0].notional", "unknown key");
}

// @spec FMT-BOOK-JSON: shapes and required keys of a wealth-space book.
TEST(io_errors, JsonWealthShape) {
  BOOK_REJECTED(R"({"accounts": [{"account": "1", "pnl": 0}]})", 1, 15, "accounts[0].cash",
                "missing required key 'cash'");
  BOOK_REJECTED(R"({"accounts": [{"cash": 1, "pnl": 0}]})", 1, 15, "accounts[0].account",
                "missing required key 'account'");
  BOOK_REJECTED(R"({"accounts": [{"account": 1, "cash": 1, "pnl": 0}]})", 1, 27, "accounts[0].account",
                "expected a string, found a number");
  BOOK_REJECTED(R"({"accounts": [{"account": null, "cash": 1, "pnl": 0}]})", 1, 27, "accounts[0].account", "null");
  BOOK_REJECTED(R"({"accounts": [{"account": "", "cash": 1, "pnl": 0}]})", 1, 27, "accounts[0].account",
                "empty account");
  BOOK_REJECTED(
      "{\"accounts\": [\n {\"account\": \"a\", \"cash\": 1, \"pnl\": 0},\n {\"account\": \"a\", \"cash\": 1, \"pnl\": 0}]}",
      3, 14, "accounts[1].account", "duplicate account 'a' (first on line 2)");
  BOOK_REJECTED(R"({"accounts": {}})", 1, 14, "accounts", "expected an array, found an object");
  BOOK_REJECTED(R"({"accounts": [1]})", 1, 15, "accounts[0]", "expected an object, found a number");
  BOOK_REJECTED(R"({"accounts": []})", 1, 14, "accounts", "book has no accounts");
  BOOK_REJECTED("{}", 1, 1, "", "neither 'accounts'");
  BOOK_REJECTED(R"({"marks": {"BTC": 1}})", 1, 2, "marks", "belongs to a position-space book");
  const std::string cap = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2, "max_haircut": 1.5}]})";
  BOOK_REJECTED(cap, 1, col(cap, "1.5"), "accounts[0].max_haircut", "must be in [0, 1]");
  const std::string lev = R"({"accounts": [{"account": "1", "cash": 1, "pnl": 2, "leverage": "0"}]})";
  BOOK_REJECTED(lev, 1, col(lev, "\"0\""), "accounts[0].leverage", "leverage must be > 0");
}

// @spec FMT-BOOK-JSON: position-space JSON books.
TEST(io_errors, JsonPositionBook) {
  const std::string good_position =
      R"({"account": "A", "market": "BTC", "side": "long", "quantity": 1, "entry_price": 1, "collateral": 2})";
  const auto book = [&](const std::string& marks, const std::string& position, const std::string& tail = "") {
    return R"({"marks": )" + marks + R"(, "positions": [)" + position + "]" + tail + "}";
  };
  // The baseline is accepted.
  EXPECT_NO_THROW(parse_book(book(R"({"BTC": 1.3})", good_position), "in"));

  std::string text = book(R"({"ETH": 1.3})", good_position);
  BOOK_REJECTED(text, 1, col(text, "\"BTC\""), "positions[0].market", "no mark price for market 'BTC'");
  text = book(R"({"BTC": 0})", good_position);
  BOOK_REJECTED(text, 1, 19, "marks.BTC", "mark_price must be > 0");
  text = book(R"({"BTC": "x"})", good_position);
  BOOK_REJECTED(text, 1, 19, "marks.BTC", "not a number");
  text = book(
      R"({"BTC": 1})",
      R"({"account": "A", "market": "BTC", "side": "long", "quantity": -1, "entry_price": 1, "collateral": 2})");
  BOOK_REJECTED(text, 1, col(text, "-1"), "positions[0].quantity", "negative quantity -1");
  text = book(R"({"BTC": 1})",
              R"({"account": "A", "market": "BTC", "side": "up", "quantity": 1, "entry_price": 1, "collateral": 2})");
  BOOK_REJECTED(text, 1, col(text, "\"up\""), "positions[0].side", "unknown side 'up'");
  text = book(R"({"BTC": 1})",
              R"({"account": "A", "market": "BTC", "side": 2, "quantity": 1, "entry_price": 1, "collateral": 2})");
  BOOK_REJECTED(text, 1, col(text, "2,"), "positions[0].side", "unknown side '2'");
  text = book(R"({"BTC": 1})",
              R"({"account": "A", "market": "BTC", "side": true, "quantity": 1, "entry_price": 1, "collateral": 2})");
  BOOK_REJECTED(text, 1, col(text, "true"), "positions[0].side", "expected a string");
  text = book(
      R"({"BTC": 1})",
      R"({"account": "A", "market": "BTC", "side": "long", "quantity": 1, "entry_price": 1, "collateral": 2, "open_time": 0.5})");
  BOOK_REJECTED(text, 1, col(text, "0.5"), "positions[0].open_time", "must be an integer");
  text = book(R"({"BTC": 1})", R"({"account": "A", "market": "BTC", "side": "long", "quantity": 1, "entry_price": 1})");
  BOOK_REJECTED(text, 1, col(text, "{\"account\""), "positions[0].collateral", "missing required key 'collateral'");
  text = book(R"({"BTC": 1})", good_position, R"(, "accounts": [{"account": "B", "score": 1}])");
  BOOK_REJECTED(text, 1, col(text, "\"B\""), "accounts[0].account", "account 'B' holds no position");
  text = book(R"({"BTC": 1})", good_position, R"(, "accounts": [{"account": "A"}, {"account": "A"}])");
  BOOK_REJECTED(text, 1, text.rfind("\"A\"") + 1, "accounts[1].account", "duplicate account 'A'");
  text = book(R"({"BTC": 1})", good_position, R"(, "accounts": [{"account": "A", "max_haircut": 2}])");
  BOOK_REJECTED(text, 1, text.rfind("2}]") + 1, "accounts[0].max_haircut", "must be in [0, 1]");
  text = book(R"({"BTC": 1})", good_position, R"(, "accounts": [{"account": "A", "leverage": 2}])");
  BOOK_REJECTED(text, 1, col(text, "\"leverage\""), "accounts[0].leverage", "unknown key 'leverage'");
  text = book(R"({"BTC": 1})", "");
  BOOK_REJECTED(text, 1, col(text, "[]"), "positions", "book has no positions");
  text = R"({"positions": [)" + good_position + "]}";
  BOOK_REJECTED(text, 1, 1, "marks", "missing required key 'marks'");
  text = book("[1]", good_position);
  BOOK_REJECTED(text, 1, 11, "marks", "expected an object, found an array");
  text = book(R"({"": 1})", good_position);
  BOOK_REJECTED(text, 1, 12, "marks", "empty market name");
}

// ---------------------------------------------------------------------------
// Caps files.

// @spec FMT-CAPS-CSV: rejections name line, column and field; nothing changes.
TEST(io_errors, Caps) {
  const std::string h = "account,max_haircut,min_equity\n";
  CAPS_REJECTED(h + "1,,6\n9,1,\n", 3, 1, "account", "account '9' is not in the book");
  CAPS_REJECTED(h + "1,,6\n2,1,\n1,0,\n", 4, 1, "account", "duplicate account '1' (first on line 2)");
  CAPS_REJECTED(h + "1,1.5,\n", 2, 3, "max_haircut", "max_haircut must be in [0, 1] (got 3/2 (1.5))");
  CAPS_REJECTED(h + "1,-1,\n", 2, 3, "max_haircut", "must be in [0, 1]");
  CAPS_REJECTED(h + "1,,abc\n", 2, 4, "min_equity", "not a number");
  CAPS_REJECTED(h + "1,1\n", 2, 4, "min_equity", "expected 3 fields");
  CAPS_REJECTED(h + ",1,\n", 2, 1, "account", "empty account");
  CAPS_REJECTED("account,max_haircut\n1,1\n", 1, 1, "min_equity", "missing required column 'min_equity'");
  CAPS_REJECTED("account,min_equity\n1,1\n", 1, 1, "max_haircut", "missing required column");
  CAPS_REJECTED("account,max_haircut,min_equity,score\n", 1, 32, "score", "unknown column 'score'");
  CAPS_REJECTED("", 1, 1, "", "no header");
  CAPS_REJECTED(h + "2,0.5,\n1,2,\n", 3, 3, "max_haircut", "must be in [0, 1]");
}

}  // namespace
