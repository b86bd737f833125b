// Unit tests of the book and caps readers on well-formed input: both forms,
// CSV and JSON, CSV conventions, position-space aggregation, caps files.
#include <gtest/gtest.h>

#include "paths.hpp"

#include "rationals.hpp"

#include "adl/io/read.hpp"

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

using adl::test::q;

using adl::io::BookForm;
using adl::io::InputError;
using adl::io::LoadedBook;
using adl::io::parse_book;
using adl::ref::Book;
using adl::ref::Rational;
using adl::ref::Side;

std::string data_path(const std::string& name) { return adl::test::test_data_dir() + "/" + name; }

std::string example_path(const std::string& name) { return adl::test::examples_dir() + "/" + name; }

// EX-5ACCT with the optional columns of tests/data/io_wealth.{csv,json}.
void expect_io_wealth(const LoadedBook& loaded) {
  EXPECT_EQ(loaded.form, BookForm::Wealth);
  EXPECT_FALSE(loaded.positions.has_value());
  const Book& book = loaded.book;
  ASSERT_EQ(book.accounts.size(), 5u);
  const char* ids[] = {"1", "2", "3", "4", "5"};
  const char* cash[] = {"2", "1", "1/2", "0", "0"};
  const char* pnl[] = {"8", "4", "1/2", "-3", "-12"};
  const char* score[] = {"4", "5", "3", "1", "2"};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(book.accounts[i].id, ids[i]);
    EXPECT_EQ(book.accounts[i].cash, q(cash[i]));
    EXPECT_EQ(book.accounts[i].pnl, q(pnl[i]));
    EXPECT_EQ(book.accounts[i].score, q(score[i]));
  }
  EXPECT_EQ(book.accounts[0].leverage, q("2"));
  EXPECT_EQ(book.accounts[2].leverage, q("10"));
  EXPECT_FALSE(book.accounts[3].leverage.has_value());
  EXPECT_EQ(book.accounts[0].max_haircut, q("1/2"));
  EXPECT_FALSE(book.accounts[1].max_haircut.has_value());
  EXPECT_EQ(book.accounts[2].max_haircut, q("1"));
  EXPECT_EQ(book.accounts[4].max_haircut, q("0"));
  EXPECT_EQ(book.accounts[0].min_equity, q("6"));
  EXPECT_FALSE(book.accounts[1].min_equity.has_value());
  EXPECT_EQ(book.accounts[4].min_equity, q("-100"));
}

// @spec FMT-WEALTH-CSV: the embedded default book.
TEST(io_books, WealthCsvDefaultBook) {
  const auto loaded = parse_book(
      "account,cash,pnl,score,leverage\n1,2,8,4,2\n2,1,4,5,5\n3,0.5,0.5,3,10\n4,0,-3,1,\n5,0,-12,2,\n", "five.csv");
  EXPECT_EQ(loaded.form, BookForm::Wealth);
  EXPECT_EQ(loaded.source, "five.csv");
  ASSERT_EQ(loaded.book.accounts.size(), 5u);
  EXPECT_EQ(loaded.book.accounts[2].cash, q("1/2"));
  EXPECT_EQ(loaded.book.accounts[4].pnl, q("-12"));
  EXPECT_EQ(loaded.book.accounts[1].leverage, q("5"));
  EXPECT_FALSE(loaded.book.accounts[3].leverage.has_value());
  EXPECT_FALSE(loaded.book.accounts[0].max_haircut.has_value());
}

// @spec FMT-WEALTH-CSV: every optional column, from a file.
TEST(io_books, WealthCsvFile) { expect_io_wealth(adl::io::load_book(data_path("io_wealth.csv"))); }

// @spec FMT-BOOK-JSON: the same book as JSON, numbers as JSON numbers and strings.
TEST(io_books, WealthJsonFile) { expect_io_wealth(adl::io::load_book(data_path("io_wealth.json"))); }

// @spec FMT-BOOK-JSON: the spec's wealth-space example.
TEST(io_books, WealthJsonSpecExample) {
  const auto loaded = parse_book(
      R"({ "accounts": [ {"account": "1", "cash": 2, "pnl": 8, "score": 4, "leverage": 2,
                 "max_haircut": "1/2", "min_equity": 6} ] })",
      "w.json");
  ASSERT_EQ(loaded.book.accounts.size(), 1u);
  const auto& a = loaded.book.accounts[0];
  EXPECT_EQ(a.id, "1");
  EXPECT_EQ(a.cash, 2);
  EXPECT_EQ(a.pnl, 8);
  EXPECT_EQ(a.score, q("4"));
  EXPECT_EQ(a.leverage, q("2"));
  EXPECT_EQ(a.max_haircut, q("1/2"));
  EXPECT_EQ(a.min_equity, q("6"));
}

// @spec FMT-BOOK-JSON: null for an optional key means "absent", like an empty CSV field.
TEST(io_books, WealthJsonNullOptional) {
  const auto loaded = parse_book(
      R"({"accounts": [{"account": "x", "cash": 0, "pnl": 1, "leverage": null, "score": null}]})", "w.json");
  EXPECT_FALSE(loaded.book.accounts[0].leverage.has_value());
  EXPECT_FALSE(loaded.book.accounts[0].score.has_value());
}

// @spec FMT-CSV: comments, blank lines, CRLF, quoted fields, any column order,
// blanks around fields, a byte-order mark.
TEST(io_books, CsvConventions) {
  const auto loaded = parse_book(
      "\xEF\xBB\xBF# a comment before the header\r\n"
      "\r\n"
      "  pnl , \"account\",cash,max_haircut\r\n"
      "   # an indented comment\r\n"
      "\t\r\n"
      "8,\"a,b\",2,\r\n"
      "-3, \"say \"\"hi\"\"\" ,0,\"1/2\"\r\n"
      "4,#3,1,",  // '#' not first on the line: a value; no final newline
      "c.csv");
  ASSERT_EQ(loaded.book.accounts.size(), 3u);
  EXPECT_EQ(loaded.book.accounts[0].id, "a,b");
  EXPECT_EQ(loaded.book.accounts[0].pnl, 8);
  EXPECT_EQ(loaded.book.accounts[0].cash, 2);
  EXPECT_FALSE(loaded.book.accounts[0].max_haircut.has_value());
  EXPECT_EQ(loaded.book.accounts[1].id, "say \"hi\"");
  EXPECT_EQ(loaded.book.accounts[1].pnl, -3);
  EXPECT_EQ(loaded.book.accounts[1].max_haircut, q("1/2"));
  EXPECT_EQ(loaded.book.accounts[2].id, "#3");
  EXPECT_EQ(loaded.book.accounts[2].cash, 1);
}

// @spec FMT-CSV: UTF-8 account names.
TEST(io_books, CsvUtf8Names) {
  const auto loaded = parse_book("account,cash,pnl\n\xC3\xA9l\xC3\xA8ve,1,2\n\xF0\x9F\x98\x80,0,0\n", "u.csv");
  EXPECT_EQ(loaded.book.accounts[0].id, "\xC3\xA9l\xC3\xA8ve");
  EXPECT_EQ(loaded.book.accounts[1].id, "\xF0\x9F\x98\x80");
}

// @spec FMT-BOOK-JSON: string escapes, including \uXXXX and surrogate pairs, decode to UTF-8.
TEST(io_books, JsonStringEscapes) {
  const auto loaded = parse_book(
      R"({"accounts": [
           {"account": "\u00e9\"\\\/\b\f\n\r\t", "cash": 0, "pnl": 0},
           {"account": "\ud83d\ude00", "cash": 0, "pnl": 0},
           {"account": "\u20AC", "cash": 0, "pnl": 0},
           {"account": "é", "cash": 0, "pnl": 0}]})",
      "e.json");
  ASSERT_EQ(loaded.book.accounts.size(), 4u);
  EXPECT_EQ(loaded.book.accounts[0].id, "\xC3\xA9\"\\/\b\f\n\r\t");
  EXPECT_EQ(loaded.book.accounts[1].id, "\xF0\x9F\x98\x80");
  EXPECT_EQ(loaded.book.accounts[2].id, "\xE2\x82\xAC");
  EXPECT_EQ(loaded.book.accounts[3].id, "\xC3\xA9");
}

// @spec FMT-BOOK-FORMS: JSON is detected by the first non-blank character.
TEST(io_books, FormDetection) {
  const auto json = parse_book(" \r\n\t{\"accounts\": [{\"account\": \"1\", \"cash\": 1, \"pnl\": 0}]}\n", "d");
  EXPECT_EQ(json.form, BookForm::Wealth);
  EXPECT_EQ(json.book.accounts.size(), 1u);
  const auto bom = parse_book("\xEF\xBB\xBF{\"accounts\": [{\"account\": \"1\", \"cash\": 1, \"pnl\": 0}]}", "d");
  EXPECT_EQ(bom.book.accounts.size(), 1u);
  const auto position = parse_book(
      "account,market,side,quantity,entry_price,collateral,mark_price\nA,BTC,long,0,1,0,1\n", "d");
  EXPECT_EQ(position.form, BookForm::Position);
  ASSERT_TRUE(position.positions.has_value());
}

// @spec FMT-POSITION-CSV: every side spelling, case-insensitive.
TEST(io_books, SideSpellings) {
  const struct {
    const char* text;
    Side side;
  } cases[] = {{"long", Side::Long},  {"LONG", Side::Long},   {"Long", Side::Long},   {"+1", Side::Long},
               {"1", Side::Long},     {"buy", Side::Long},    {"BUY", Side::Long},    {"B", Side::Long},
               {"b", Side::Long},     {"short", Side::Short}, {"Short", Side::Short}, {"-1", Side::Short},
               {"sell", Side::Short}, {"SELL", Side::Short},  {"A", Side::Short},     {"a", Side::Short}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto loaded = parse_book(
        std::string("account,market,side,quantity,entry_price,collateral,mark_price\nX,BTC,") + c.text + ",1,1,1,1\n",
        "s.csv");
    ASSERT_TRUE(loaded.positions.has_value());
    EXPECT_EQ(loaded.positions->positions.at(0).side, c.side);
  }
}

// @spec FMT-BOOK-JSON: JSON sides take the same spellings; also the numbers 1 and -1.
TEST(io_books, JsonSides) {
  for (const char* side : {"\"long\"", "\"B\"", "\"+1\"", "1"}) {
    SCOPED_TRACE(side);
    const auto loaded = parse_book(
        std::string(R"({"marks": {"M": 1}, "positions": [{"account": "A", "market": "M", "side": )") + side +
            R"(, "quantity": 1, "entry_price": 1, "collateral": 1}]})",
        "s.json");
    EXPECT_EQ(loaded.positions->positions.at(0).side, Side::Long);
  }
  for (const char* side : {"\"short\"", "\"a\"", "\"-1\"", "-1"}) {
    SCOPED_TRACE(side);
    const auto loaded = parse_book(
        std::string(R"({"marks": {"M": 1}, "positions": [{"account": "A", "market": "M", "side": )") + side +
            R"(, "quantity": 1, "entry_price": 1, "collateral": 1}]})",
        "s.json");
    EXPECT_EQ(loaded.positions->positions.at(0).side, Side::Short);
  }
}

// @spec FMT-POSITION-CSV: the position rows as read (before aggregation),
// optional columns, defaults, several positions per account, per-account caps.
TEST(io_books, PositionCsvFields) {
  const auto loaded = parse_book(
      "account,market,side,quantity,entry_price,collateral,mark_price,open_time,funding,"
      "max_haircut,min_equity,score\n"
      "A,BTC,long,2,10,5,11,3,-1/4,1/2,,7\n"
      "B,ETH,short,0,2,0,3,,,,-5,\n"
      "A,ETH,sell,1.5,2.5,1,3,1e3,0.5,1/2,,7\n",
      "p.csv");
  ASSERT_TRUE(loaded.positions.has_value());
  const auto& pb = *loaded.positions;
  ASSERT_EQ(pb.positions.size(), 3u);
  const auto& p0 = pb.positions[0];
  EXPECT_EQ(p0.account, "A");
  EXPECT_EQ(p0.market, "BTC");
  EXPECT_EQ(p0.side, Side::Long);
  EXPECT_EQ(p0.quantity, 2);
  EXPECT_EQ(p0.entry_price, 10);
  EXPECT_EQ(p0.collateral, 5);
  EXPECT_EQ(p0.open_time, 3);
  EXPECT_EQ(p0.funding, q("-1/4"));
  const auto& p1 = pb.positions[1];
  EXPECT_EQ(p1.side, Side::Short);
  EXPECT_EQ(p1.quantity, 0);
  EXPECT_EQ(p1.open_time, 0);  // default
  EXPECT_EQ(p1.funding, 0);    // default
  EXPECT_EQ(pb.positions[2].open_time, 1000);
  EXPECT_EQ(pb.positions[2].quantity, q("3/2"));
  EXPECT_EQ(pb.marks.size(), 2u);
  EXPECT_EQ(pb.marks.at("BTC"), 11);
  EXPECT_EQ(pb.marks.at("ETH"), 3);
  EXPECT_EQ(pb.max_haircut.size(), 1u);
  EXPECT_EQ(pb.max_haircut.at("A"), q("1/2"));
  EXPECT_EQ(pb.min_equity.size(), 1u);
  EXPECT_EQ(pb.min_equity.at("B"), -5);
  EXPECT_EQ(pb.score.size(), 1u);
  EXPECT_EQ(pb.score.at("A"), 7);
  // Wealth view: accounts in order of first appearance.
  ASSERT_EQ(loaded.book.accounts.size(), 2u);
  EXPECT_EQ(loaded.book.accounts[0].id, "A");
  EXPECT_EQ(loaded.book.accounts[1].id, "B");
  // cash = Σ collateral; PNL = Σ (b·q·(mark − entry) + Γ).
  EXPECT_EQ(loaded.book.accounts[0].cash, 6);
  EXPECT_EQ(loaded.book.accounts[0].pnl, q("2") - q("1/4") + q("-3/4") + q("1/2"));
  EXPECT_EQ(loaded.book.accounts[0].max_haircut, q("1/2"));
  EXPECT_EQ(loaded.book.accounts[0].score, q("7"));
  EXPECT_EQ(loaded.book.accounts[1].min_equity, q("-5"));
}

// EX-P5 at t = 2 (mark 13/10) with funding 0, as read from either file form.
void expect_ex_p5_no_funding(const LoadedBook& loaded) {
  EXPECT_EQ(loaded.form, BookForm::Position);
  ASSERT_TRUE(loaded.positions.has_value());
  EXPECT_EQ(loaded.positions->positions.size(), 5u);
  EXPECT_EQ(loaded.positions->marks.at("PERP"), q("13/10"));
  const Book& book = loaded.book;
  ASSERT_EQ(book.accounts.size(), 5u);
  const char* ids[] = {"A", "B", "C", "D", "E"};
  const char* cash[] = {"2", "2/3", "8/3", "2/19", "10/99"};
  const char* pnl[] = {"3/10", "3/10", "-6/5", "3/10", "-3/10"};
  const char* notional[] = {"13/10", "13/10", "26/5", "13/10", "13/10"};
  const char* leverage[] = {"1/2", "3/2", "3/2", "19/2", "99/10"};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(ids[i]);
    EXPECT_EQ(book.accounts[i].id, ids[i]);
    EXPECT_EQ(book.accounts[i].cash, q(cash[i]));
    EXPECT_EQ(book.accounts[i].pnl, q(pnl[i]));
    EXPECT_EQ(book.accounts[i].notional, q(notional[i]));
    EXPECT_EQ(book.accounts[i].leverage, q(leverage[i]));
  }
  EXPECT_EQ(book.accounts[0].max_haircut, q("1"));
  EXPECT_FALSE(book.accounts[1].max_haircut.has_value());
}

// @spec FMT-POSITION-CSV, DEF-ACCOUNT-AGGREGATE: EX-P5 at mark 1.3, funding 0.
TEST(io_books, PositionCsvExP5) { expect_ex_p5_no_funding(adl::io::load_book(data_path("io_positions.csv"))); }

// @spec FMT-BOOK-JSON, DEF-ACCOUNT-AGGREGATE: the same book as JSON.
TEST(io_books, PositionJsonExP5) { expect_ex_p5_no_funding(adl::io::load_book(data_path("io_positions.json"))); }

// @spec FMT-POSITION-CSV: examples/ex-p5-t2.csv, with the funding of EX-P5
// (PNL_{0:2} = -277/375 ≈ -0.7387 for A, 1108/375 ≈ 2.9547 for C).
TEST(io_books, PositionCsvExP5WithFunding) {
  const auto loaded = adl::io::load_book(example_path("ex-p5-t2.csv"));
  ASSERT_EQ(loaded.book.accounts.size(), 5u);
  EXPECT_EQ(loaded.book.accounts[0].pnl, q("-277/375"));
  EXPECT_EQ(loaded.book.accounts[2].pnl, q("1108/375"));
  EXPECT_EQ(loaded.book.accounts[4].pnl, q("277/375"));
  // Equity of B at t = 2: 2/3 - 277/375 = -0.0720 (a loser).
  EXPECT_EQ(loaded.book.accounts[1].cash + loaded.book.accounts[1].pnl, q("-27/375"));
}

// @spec FMT-BOOK-JSON: the spec's position-space example.
TEST(io_books, PositionJsonSpecExample) {
  const auto loaded = parse_book(
      R"({ "marks": {"BTC": 1.3},
  "positions": [ {"account": "A", "market": "BTC", "side": "long", "quantity": 1,
                  "entry_price": 1, "collateral": 2, "open_time": 0, "funding": "-0.4667"} ],
  "accounts": [ {"account": "A", "max_haircut": 1, "min_equity": 0, "score": 3} ] })",
      "p.json");
  ASSERT_TRUE(loaded.positions.has_value());
  EXPECT_EQ(loaded.positions->positions[0].funding, q("-4667/10000"));
  EXPECT_EQ(loaded.positions->max_haircut.at("A"), 1);
  EXPECT_EQ(loaded.positions->min_equity.at("A"), 0);
  EXPECT_EQ(loaded.positions->score.at("A"), 3);
  ASSERT_EQ(loaded.book.accounts.size(), 1u);
  EXPECT_EQ(loaded.book.accounts[0].cash, 2);
  EXPECT_EQ(loaded.book.accounts[0].pnl, q("3/10") - q("4667/10000"));
  EXPECT_EQ(loaded.book.accounts[0].score, q("3"));
}

// @spec FMT-WEALTH-CSV: the shipped examples load.
TEST(io_books, ExamplesLoad) {
  const auto five = adl::io::load_book(example_path("five-account.csv"));
  EXPECT_EQ(five.book.accounts.size(), 5u);
}

// @spec FMT-CAPS-CSV: a caps file replaces the caps of the rows it names
// (an empty cell clears that cap); other accounts keep theirs.
TEST(io_books, CapsFromFile) {
  auto loaded = adl::io::load_book(data_path("io_wealth.csv"));
  adl::io::apply_caps(data_path("io_caps.csv"), loaded.book);
  const auto& a = loaded.book.accounts;
  EXPECT_FALSE(a[0].max_haircut.has_value());  // was 1/2, cleared
  EXPECT_EQ(a[0].min_equity, q("6"));
  EXPECT_EQ(a[2].max_haircut, q("1/4"));  // was 1
  EXPECT_FALSE(a[2].min_equity.has_value());
  EXPECT_EQ(a[4].max_haircut, q("0"));  // untouched
  EXPECT_EQ(a[4].min_equity, q("-100"));
}

// @spec FMT-CAPS-CSV: the shipped caps example (account 1 keeps equity ≥ 6).
TEST(io_books, CapsExample) {
  auto loaded = adl::io::load_book(example_path("five-account.csv"));
  adl::io::apply_caps(example_path("caps-five-account.csv"), loaded.book);
  EXPECT_EQ(loaded.book.accounts[0].min_equity, q("6"));
  EXPECT_FALSE(loaded.book.accounts[0].max_haircut.has_value());
  EXPECT_FALSE(loaded.book.accounts[1].min_equity.has_value());
}

// @spec FMT-CAPS-CSV: columns in any order; a header-only file changes nothing.
TEST(io_books, CapsText) {
  auto loaded = parse_book("account,cash,pnl\nx,1,2\ny,0,3\n", "b.csv");
  adl::io::apply_caps_text("min_equity,account,max_haircut\n-1,y,0.25\n", "c.csv", loaded.book);
  EXPECT_EQ(loaded.book.accounts[1].max_haircut, q("1/4"));
  EXPECT_EQ(loaded.book.accounts[1].min_equity, q("-1"));
  EXPECT_FALSE(loaded.book.accounts[0].max_haircut.has_value());
  adl::io::apply_caps_text("# nothing to change\naccount,max_haircut,min_equity\n", "c.csv", loaded.book);
  EXPECT_EQ(loaded.book.accounts[1].max_haircut, q("1/4"));
}

// @spec FMT-ERRORS: what() formatting.
TEST(io_books, InputErrorFormat) {
  EXPECT_STREQ(InputError("f.csv", 3, 7, "cash", "bad").what(), "f.csv:3:7: field 'cash': bad");
  EXPECT_STREQ(InputError("f.json", 2, 1, "", "truncated").what(), "f.json:2:1: truncated");
  EXPECT_STREQ(InputError("f", 0, 0, "", "cannot open: No such file or directory").what(),
               "f: cannot open: No such file or directory");
  const InputError e("f", 1, 2, "x", "m");
  EXPECT_EQ(e.file(), "f");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), 2u);
  EXPECT_EQ(e.field(), "x");
  EXPECT_EQ(e.message(), "m");
}

}  // namespace
