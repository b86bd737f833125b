#include "adl/emp/prod_conformance.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace adl::emp {
namespace {

using ref::Rational;

using ref::abs_of;
int sign_of(const Rational& x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }
std::string show(const Rational& x) { return ref::to_decimal(x, 12); }

ConformanceCheck make_check(const char* id, const char* name, const char* description, const char* measure) {
  ConformanceCheck c;
  c.id = id;
  c.name = name;
  c.description = description;
  c.violation_measure = measure;
  return c;
}

void fail(ConformanceCheck& check, const EventRow& row, Rational violation, std::string detail) {
  ++check.failing;
  check.worst.push_back(ConformanceCase{row.line, std::move(violation), std::move(detail)});
}

}  // namespace

Rational closed_pnl_abs_tolerance() { return Rational(1, 1000000); }
Rational closed_pnl_rel_tolerance() { return Rational(1, 1000000000); }

ProdConformance prod_conformance(const EventTable& table, std::size_t worst_cases) {
  ProdConformance out;
  out.rows = table.rows.size();
  auto& [open, reduced, opposite, profitable, consistent] = out.checks;
  open = make_check("i", "position_open", "the position was open: position_size != 0", "adl_size");
  reduced = make_check("ii", "reduced_not_flipped", "reduced, not flipped: adl_size <= |position_size|",
                       "adl_size - |position_size|");
  opposite = make_check("iii", "opposite_side",
                        "the liquidated account, seen as a user on the same coin (its row nearest in "
                        "time), holds a position of the opposite sign",
                        "|position_size| of the liquidated account's row");
  profitable = make_check("iv", "profitable", "profitable: closed_pnl > 0", "-closed_pnl");
  consistent = make_check("v", "closed_pnl_consistent",
                          "closed_pnl = sign(position_size)*adl_size*(adl_price - entry_price) within "
                          "1e-6 USD + 1e-9 relative",
                          "|closed_pnl - expected|");

  // (user, coin) → rows, for check (iii).
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_user_coin;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    by_user_coin[{address_key(table.rows[i].user), table.rows[i].coin}].push_back(i);
  }

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const EventRow& row = table.rows[r];
    const Rational position = abs_of(row.position_size);

    // (i)
    ++open.checked;
    if (row.position_size == 0) {
      fail(open, row, row.adl_size, "position_size 0, adl_size " + show(row.adl_size));
    }
    // (ii)
    ++reduced.checked;
    if (row.adl_size > position) {
      fail(reduced, row, row.adl_size - position,
           "adl_size " + show(row.adl_size) + " > |position_size| " + show(position));
    }
    // (iii)
    {
      const std::size_t* nearest = nullptr;
      if (!row.liquidated_user.empty()) {
        const auto it = by_user_coin.find({address_key(row.liquidated_user), row.coin});
        if (it != by_user_coin.end()) {
          std::int64_t best = 0;
          for (const std::size_t& j : it->second) {
            if (j == r) continue;
            const std::int64_t t = table.rows[j].time_ms;
            const std::int64_t distance = t > row.time_ms ? t - row.time_ms : row.time_ms - t;
            if (nearest == nullptr || distance < best) {  // rows in file order: ties keep the earlier line
              nearest = &j;
              best = distance;
            }
          }
        }
      }
      if (nearest == nullptr || row.position_size == 0 || table.rows[*nearest].position_size == 0) {
        ++opposite.not_observable;
      } else {
        ++opposite.checked;
        const EventRow& other = table.rows[*nearest];
        if (sign_of(other.position_size) != -sign_of(row.position_size)) {
          fail(opposite, row, abs_of(other.position_size),
               "position_size " + show(row.position_size) + "; liquidated " + row.liquidated_user + " holds " +
                   show(other.position_size) + " on " + row.coin + " at line " + std::to_string(other.line));
        }
      }
    }
    // (iv)
    ++profitable.checked;
    if (row.closed_pnl <= 0) {
      fail(profitable, row, Rational(-row.closed_pnl), "closed_pnl " + show(row.closed_pnl));
    }
    // (v)
    if (row.position_size == 0) {
      ++consistent.not_observable;
    } else {
      ++consistent.checked;
      const Rational expected = sign_of(row.position_size) * row.adl_size * (row.adl_price - row.entry_price);
      const Rational difference = abs_of(row.closed_pnl - expected);
      if (difference > closed_pnl_abs_tolerance() + closed_pnl_rel_tolerance() * abs_of(expected)) {
        fail(consistent, row, difference,
             "closed_pnl " + show(row.closed_pnl) + ", sign(position)*adl_size*(adl_price - entry_price) = " +
                 show(expected) + " (position_size " + show(row.position_size) + ", adl_size " + show(row.adl_size) +
                 ", adl_price " + show(row.adl_price) + ", entry_price " + show(row.entry_price) + ")");
      }
    }
  }

  for (auto& check : out.checks) {
    std::stable_sort(check.worst.begin(), check.worst.end(),
                     [](const ConformanceCase& a, const ConformanceCase& b) { return a.violation > b.violation; });
    if (check.worst.size() > worst_cases) check.worst.resize(worst_cases);
  }
  return out;
}

}  // namespace adl::emp
