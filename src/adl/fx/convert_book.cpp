#include "adl/fx/convert_book.hpp"

#include "adl/fx/convert.hpp"

#include <string>

namespace adl::fx {

ref::Book to_ref_book(const Book& book) {
  const std::size_t n = book.size();
  const auto same_length = [n](std::size_t size, const char* column) {
    if (size != 0 && size != n) {
      throw InvalidInput(std::string("the fx book's ") + column + " column has " + std::to_string(size) +
                         " entries for " + std::to_string(n) + " accounts");
    }
  };
  same_length(book.equity.size(), "equity");
  same_length(book.cap.size(), "cap");
  same_length(book.leverage.size(), "leverage");
  same_length(book.score.size(), "score");
  if (book.equity.size() != n) throw InvalidInput("to_ref_book needs the equity column");
  ref::Book out;
  out.accounts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    ref::Account a;
    a.id = "g" + std::to_string(i + 1);
    const Money w = book.endowment[i];
    const Money e = book.equity[i];
    if (w < 0) throw InvalidInput("account " + a.id + ": negative endowment");
    if (w > 0) {
      if (e < w) throw InvalidInput("account " + a.id + ": equity below the endowment (cash would be negative)");
      a.pnl = to_exact_money(w);
      a.cash = to_exact_money(e) - a.pnl;
    } else {
      a.pnl = e < 0 ? to_exact_money(e) : ref::Rational(0);
      a.cash = e > 0 ? to_exact_money(e) : ref::Rational(0);
    }
    if (!book.cap.empty() && w > 0) a.max_haircut = ref::Rational(book.cap[i].raw(), w.raw());
    if (!book.leverage.empty() && book.leverage[i] > 0) a.leverage = to_exact_fraction(book.leverage[i]);
    if (!book.score.empty()) {
      if (book.score[i] == infinite_score) {
        throw InvalidInput("account " + a.id + ": a +∞ queue score has no wealth-space form");
      }
      a.score = to_exact_fraction(book.score[i]);
    }
    out.accounts.push_back(std::move(a));
  }
  return out;
}

}  // namespace adl::fx
