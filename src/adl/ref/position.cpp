#include "adl/ref/position.hpp"

#include "adl/ref/detail/require.hpp"

#include "adl/ref/error.hpp"

#include <cstddef>
#include <string>

namespace adl::ref {
namespace {

using detail::indexed;
using detail::require_nonnegative;
using detail::require_positive;
using detail::require_open_unit;

// The index of time s on a validated path; throws when s is off the path.
std::size_t on_path(const MarketPath& path, std::int64_t time, const char* what) {
  if (time < 0 || static_cast<std::size_t>(time) >= path.mark.size()) {
    throw InvalidInput(std::string(what) + " = " + std::to_string(time) + " is not on the path (times 0.." +
                       std::to_string(path.mark.size() - 1) + ")");
  }
  return static_cast<std::size_t>(time);
}

std::string who(const Position& p) { return "position (account '" + p.account + "', market '" + p.market + "')"; }

}  // namespace

int side_sign(Side side) {
  const int b = static_cast<int>(side);
  if (b != 1 && b != -1) throw InvalidInput("side must be long (+1) or short (-1), got " + std::to_string(b));
  return b;
}

void validate_position(const PositionTuple& position) {
  side_sign(position.side);
  require_nonnegative(position.quantity, "quantity");
  require_nonnegative(position.collateral, "collateral");
  if (position.open_time < 0) {
    throw InvalidInput("open_time must be >= 0, got " + std::to_string(position.open_time));
  }
}

void validate_position(const Position& position) {
  if (position.account.empty()) {
    throw InvalidInput("a position (market '" + position.market + "') has an empty account");
  }
  if (position.market.empty()) {
    throw InvalidInput("a position (account '" + position.account + "') has an empty market");
  }
  const std::string w = who(position) + ": ";
  const int b = static_cast<int>(position.side);
  if (b != 1 && b != -1) throw InvalidInput(w + "side must be long or short, got " + std::to_string(b));
  require_nonnegative(position.quantity, w + "quantity");
  require_positive(position.entry_price, w + "entry_price");
  require_nonnegative(position.collateral, w + "collateral");
  if (position.open_time < 0) {
    throw InvalidInput(w + "open_time must be >= 0, got " + std::to_string(position.open_time));
  }
}

Rational notional(const Rational& price, const Rational& quantity) {
  require_nonnegative(price, "price");
  require_nonnegative(quantity, "quantity");
  return price * quantity;
}

OpenInterest open_interest(const std::vector<PositionTuple>& positions, const Rational& mark) {
  require_positive(mark, "mark");
  OpenInterest oi;
  for (const PositionTuple& p : positions) {
    validate_position(p);
    // DEF-OPEN-INTEREST: L over b = +1, S over b = −1, both valued at the mark.
    if (side_sign(p.side) > 0) {
      oi.long_side += p.quantity * mark;
    } else {
      oi.short_side += p.quantity * mark;
    }
  }
  oi.total = oi.long_side + oi.short_side;
  return oi;
}

OpenInterest open_interest(const std::vector<Position>& positions, const Rational& mark) {
  std::vector<PositionTuple> tuples;
  tuples.reserve(positions.size());
  for (const Position& p : positions) {
    validate_position(p);
    tuples.push_back(PositionTuple{p.quantity, p.collateral, p.open_time, p.side});
  }
  return open_interest(tuples, mark);
}

std::optional<Rational> initial_leverage(const Rational& entry_price, const Rational& quantity,
                                         const Rational& collateral) {
  require_positive(entry_price, "entry_price");
  require_nonnegative(quantity, "quantity");
  require_nonnegative(collateral, "collateral");
  if (collateral == 0) return std::nullopt;  // DEF-LEVERAGE: undefined, "+∞".
  return entry_price * quantity / collateral;
}

std::optional<Rational> leverage_at(std::int64_t time, std::int64_t open_time, const Rational& mark,
                                    const Rational& quantity, const Rational& collateral) {
  if (open_time < 0) throw InvalidInput("open_time must be >= 0, got " + std::to_string(open_time));
  require_positive(mark, "mark");
  require_nonnegative(quantity, "quantity");
  require_nonnegative(collateral, "collateral");
  if (collateral == 0) return std::nullopt;
  if (time < open_time) return Rational(0);  // the indicator 1{t ≥ t_i}
  return mark * quantity / collateral;
}

Rational max_leverage(const Rational& initial_margin) {
  require_open_unit(initial_margin, "initial_margin");
  return 1 / initial_margin;
}

bool meets_initial_margin(const Rational& initial_margin, const Rational& entry_price, const Rational& quantity,
                          const Rational& collateral) {
  require_open_unit(initial_margin, "initial_margin");
  require_positive(entry_price, "entry_price");
  require_nonnegative(quantity, "quantity");
  require_nonnegative(collateral, "collateral");
  return initial_margin * entry_price * quantity <= collateral;
}

Rational maintenance_requirement(const Rational& maintenance_margin, const Rational& mark, const Rational& quantity) {
  require_open_unit(maintenance_margin, "maintenance_margin");
  require_positive(mark, "mark");
  require_nonnegative(quantity, "quantity");
  return maintenance_margin * mark * quantity;
}

bool maintenance_insolvent(const Rational& equity, const Rational& maintenance_margin, const Rational& mark,
                           const Rational& quantity) {
  return equity <= maintenance_requirement(maintenance_margin, mark, quantity);
}

Rational funding_rate(const Rational& kappa, const Rational& long_oi, const Rational& short_oi, const Rational& mark,
                      const Rational& spot) {
  require_positive(kappa, "kappa");
  require_nonnegative(long_oi, "long_oi");
  if (short_oi == 0) throw InvalidInput("short_oi is 0: the funding rate L/S is undefined");
  require_positive(short_oi, "short_oi");
  require_positive(mark, "mark");
  if (spot == 0) throw InvalidInput("spot is 0: the funding rate p/p-hat is undefined");
  require_positive(spot, "spot");
  return kappa * (long_oi / short_oi - mark / spot);
}

Rational funding_step(Side side, const Rational& quantity, const Rational& rate, const Rational& mark) {
  const int b = side_sign(side);
  require_nonnegative(quantity, "quantity");
  require_positive(mark, "mark");
  return rate * mark * b * quantity;
}

void validate_path(const MarketPath& path) {
  if (path.mark.empty()) throw InvalidInput("path.mark is empty");
  if (path.funding_rate.size() != path.mark.size()) {
    throw InvalidInput("path.funding_rate has " + std::to_string(path.funding_rate.size()) +
                       " entries, path.mark has " + std::to_string(path.mark.size()));
  }
  for (std::size_t s = 0; s < path.mark.size(); ++s) {
    require_positive(path.mark[s], indexed("path.mark", s));
  }
}

Rational funding_payment(const PositionTuple& position, const MarketPath& path, std::int64_t from, std::int64_t to) {
  validate_position(position);
  validate_path(path);
  Rational total = 0;
  if (to <= from) return total;
  on_path(path, to, "T");
  if (from < -1) throw InvalidInput("from = " + std::to_string(from) + " is before the path");
  for (std::int64_t s = from + 1; s <= to; ++s) {
    const std::size_t i = static_cast<std::size_t>(s);
    total += funding_step(position.side, position.quantity, path.funding_rate[i], path.mark[i]);
  }
  return total;
}

Rational pnl_between(const PositionTuple& position, const MarketPath& path, std::int64_t start, std::int64_t horizon,
                     std::optional<std::int64_t> stop) {
  validate_position(position);
  validate_path(path);
  const std::int64_t t = position.open_time;
  const std::size_t entry = on_path(path, t, "open_time");
  on_path(path, horizon < t ? t : horizon, "T");
  if (stop && *stop < t) {
    throw InvalidInput("stop_time = " + std::to_string(*stop) + " is before open_time = " + std::to_string(t));
  }
  // The indicator 1{s ≤ t_i < T} uses T, not T̂.
  if (!(start <= t && t < horizon)) return Rational(0);
  const std::int64_t stopped = stop && *stop < horizon ? *stop : horizon;  // T̂ = min(T, τ)
  const std::size_t end = on_path(path, stopped, "min(T, stop_time)");
  const int b = side_sign(position.side);
  return b * position.quantity * (path.mark[end] - path.mark[entry]) + funding_payment(position, path, t, stopped);
}

Rational pnl(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
             std::optional<std::int64_t> stop) {
  return pnl_between(position, path, 0, horizon, stop);
}

Rational equity(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
                std::optional<std::int64_t> stop) {
  return position.collateral + pnl(position, path, horizon, stop);
}

Rational pnl_at_mark(const Position& position, const Rational& mark) {
  validate_position(position);
  require_positive(mark, who(position) + ": mark");
  const int b = static_cast<int>(position.side);
  return b * position.quantity * (mark - position.entry_price) + position.funding;
}

Rational equity_at_mark(const Position& position, const Rational& mark) {
  return position.collateral + pnl_at_mark(position, mark);
}

std::optional<std::int64_t> stop_time(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
                                      const Rational& maintenance_margin) {
  validate_position(position);
  validate_path(path);
  require_open_unit(maintenance_margin, "maintenance_margin");
  on_path(path, position.open_time, "open_time");
  if (horizon <= position.open_time) return std::nullopt;
  on_path(path, horizon, "t");
  for (std::int64_t s = position.open_time + 1; s <= horizon; ++s) {
    // Unstopped equity: for s ≤ τ stopping changes nothing, and τ is what we look for.
    const Rational e = equity(position, path, s);
    const Rational p = path.mark[static_cast<std::size_t>(s)];
    if (maintenance_insolvent(e, maintenance_margin, p, position.quantity)) return s;
  }
  return std::nullopt;
}

std::optional<Rational> effective_leverage(const Rational& notional, const Rational& equity) {
  require_nonnegative(notional, "notional");
  if (equity == 0) return std::nullopt;
  return notional / (equity > 0 ? equity : Rational(-equity));
}

}  // namespace adl::ref
