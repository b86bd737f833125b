// The deterministic generator (spec/fx.md, FX-GENERATOR). Compiled with
// -ffp-contract=off: every double operation below is one IEEE-754 basic
// operation, so the variates are bit-identical on every conforming platform.
#include "adl/fx/generate.hpp"

#include <cmath>
#include <random>
#include <string>

namespace adl::fx {
namespace {

constexpr double ln2 = 0.693147180559945309417232121458176568;
constexpr double sqrt_half = 0.707106781186547524400844362104849039;
constexpr double two_pow_minus_53 = 1.0 / 9007199254740992.0;

}  // namespace

/// Natural logarithm of x ＞ 0 from basic operations: x = m·2^e with m in
/// [√½, √2), log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, 22 terms.
double deterministic_log(double x) {
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact
  if (m < sqrt_half) {
    m *= 2.0;  // exact
    exponent -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double term = s;
  double sum = 0.0;
  for (int k = 0; k < 22; ++k) {
    sum += term / static_cast<double>(2 * k + 1);
    term *= s2;
  }
  return static_cast<double>(exponent) * ln2 + 2.0 * sum;
}

/// e^t for 0 ≤ t ≤ 1000 from basic operations: t = k·ln2 + r, |r| ≤ ln2/2, 27 Taylor
/// terms. ln2 is split in two (Cody–Waite): the high part has trailing zero bits, so
/// k·ln2_hi is exact for the k that occur and r keeps full precision.
double deterministic_exp(double t) {
  constexpr double ln2_hi = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000
  constexpr double ln2_lo = 1.90821492927058770002e-10;  // ln2 − ln2_hi
  const double k = std::floor(t / ln2 + 0.5);            // floor is exact
  const double r = (t - k * ln2_hi) - k * ln2_lo;
  double term = 1.0;
  double sum = 1.0;
  for (int j = 1; j <= 27; ++j) {
    term *= r / static_cast<double>(j);
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(k));  // exact scaling
}

namespace {

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t raw() { return engine_(); }
  /// u ∈ (0, 1]: (top 53 bits + 1)·2⁻⁵³.
  double unit() { return static_cast<double>((engine_() >> 11) + 1) * two_pow_minus_53; }
  /// An integer in [0, count) by multiply-shift of one 64-bit draw.
  std::uint64_t below(std::uint64_t count) {
    return static_cast<std::uint64_t>((static_cast<u128>(engine_()) * count) >> 64);
  }

 private:
  std::mt19937_64 engine_;  // its output sequence is fixed by the C++ standard
};

/// ⌊x_m·u^(−1/α)⌋ truncated at `max` (x_m ≤ max ≤ 2⁶⁰).
Money pareto(Money minimum, double alpha, double u, Money max) {
  const double t = -deterministic_log(u) / alpha;  // ≥ 0 since u ≤ 1
  const double ceiling = static_cast<double>(max);
  if (t > 700.0) return max;
  const double x = static_cast<double>(minimum) * deterministic_exp(t);
  if (!(x < ceiling)) return max;
  return Money(static_cast<std::int64_t>(x));  // x ＜ 2⁶⁰: exact truncation toward zero = floor
}

void require_share(double share, const char* name) {
  if (!(share >= 0.0 && share <= 1.0)) {
    throw InvalidInput(std::string("generator: ") + name + " must lie in [0, 1]");
  }
}

void validate(const GeneratorOptions& o) {
  require_indexable(o.accounts);
  if (!(o.pareto_alpha > 0.0) || !std::isfinite(o.pareto_alpha)) {
    throw InvalidInput("generator: the Pareto tail index must be > 0 and finite");
  }
  if (o.pnl_scale <= 0 || o.cash_scale <= 0 || o.max_value < o.pnl_scale || o.max_value < o.cash_scale ||
      o.max_value > Money(std::int64_t{1} << 60)) {
    throw InvalidInput("generator: need 0 < pnl_scale, cash_scale <= max_value <= 2^60");
  }
  require_share(o.winner_share, "winner_share");
  require_share(o.zero_share, "zero_share");
  if (o.winner_share + o.zero_share > 1.0) {
    throw InvalidInput("generator: winner_share + zero_share must be <= 1");
  }
  require_share(o.bankrupt_share, "bankrupt_share");
  require_share(o.capped_share, "capped_share");
  require_share(o.cap_zero_share, "cap_zero_share");
  require_share(o.cap_one_share, "cap_one_share");
  if (o.cap_zero_share + o.cap_one_share > 1.0) {
    throw InvalidInput("generator: cap_zero_share + cap_one_share must be <= 1");
  }
  require_share(o.infinite_score_share, "infinite_score_share");
  if (o.max_leverage < 1 || o.max_leverage > 10'000) {
    throw InvalidInput("generator: max_leverage must lie in [1, 10000]");
  }
  if (o.budget_fraction < 0 || o.budget_fraction > fraction_scale) {
    throw InvalidInput("generator: budget_fraction must lie in [0, 10^9] (raw)");
  }
  if (o.quantity_decimals < 0 || o.quantity_decimals > max_quantity_decimals) {
    throw InvalidInput("generator: quantity_decimals must lie in [0, 18]");
  }
  if (o.mark_price <= 0) throw InvalidInput("generator: mark_price must be > 0");
  if (o.price_move <= 0 || o.price_move > fraction_scale) {
    throw InvalidInput("generator: price_move must lie in (0, 10^9] (raw)");
  }
}

}  // namespace

GeneratedBook generate_book(const GeneratorOptions& o) {
  validate(o);
  const std::size_t n = o.accounts;
  const GeneratedColumns& keep = o.columns;
  GeneratedBook out;
  Book& book = out.book;
  book.endowment.resize(n);
  if (keep.equity) book.equity.resize(n);
  if (keep.cap) book.cap.resize(n);
  if (keep.score) book.score.resize(n);
  if (keep.leverage) book.leverage.resize(n);
  if (keep.risk_weight) book.risk_weight.resize(n);
  if (keep.rho) book.rho.resize(n);
  if (keep.quantity) book.quantity.resize(n);

  i128 quantity_scale = 1;
  for (int i = 0; i < o.quantity_decimals; ++i) quantity_scale *= 10;

  Draws draw(o.seed);
  i128 capacity = 0;
  i128 capped_capacity = 0;
  i128 deficit = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // Exactly ten draws per account, always in this order (prefix stability).
    const double u_kind = draw.unit();
    const double u_cash = draw.unit();
    const double u_size = draw.unit();
    const double u_bankrupt = draw.unit();
    const std::uint64_t loss_draw = draw.raw();
    const std::uint64_t leverage_steps = draw.below(static_cast<std::uint64_t>(o.max_leverage));
    const double u_infinite = draw.unit();
    const double u_capped = draw.unit();
    const double u_cap_kind = draw.unit();
    const std::uint64_t cap_raw = draw.below(static_cast<std::uint64_t>(fraction_scale) + 1);

    const Money cash = pareto(o.cash_scale, o.pareto_alpha, u_cash, o.max_value);
    Money pnl = 0;
    if (u_kind <= o.winner_share) {
      pnl = pareto(o.pnl_scale, o.pareto_alpha, u_size, o.max_value);
    } else if (u_kind > o.winner_share + o.zero_share) {
      if (u_bankrupt <= o.bankrupt_share) {
        pnl = -(cash + pareto(o.pnl_scale, o.pareto_alpha, u_size, o.max_value));  // ≤ 2⁶¹
      } else {
        // A uniform loss in [0, cash] by multiply-shift: e = cash + PnL ≥ 0.
        pnl = -static_cast<Money>((static_cast<u128>(loss_draw) * static_cast<std::uint64_t>(cash + 1)) >> 64);
      }
    }
    const Money w = pnl > 0 ? pnl : 0;
    const Money e = cash + pnl;
    const auto lev = static_cast<std::int64_t>(leverage_steps) + 1;  // whole, in [1, max_leverage]
    const Fraction beta = u_capped > o.capped_share                          ? fraction_scale
                          : u_cap_kind <= o.cap_zero_share                   ? 0
                          : u_cap_kind <= o.cap_zero_share + o.cap_one_share ? fraction_scale
                                                                             : static_cast<Fraction>(cap_raw);
    const Money cap = cap_from_fraction(w, beta);

    book.endowment[i] = w;
    if (keep.equity) book.equity[i] = e;
    if (keep.cap) book.cap[i] = cap;
    if (keep.score)
      book.score[i] = u_infinite <= o.infinite_score_share ? infinite_score : Fraction(lev * fraction_scale);
    if (keep.leverage) book.leverage[i] = lev * fraction_scale;
    if (keep.risk_weight) book.risk_weight[i] = lev * lev * fraction_scale;  // ℓ² exact at 10⁻⁹
    if (keep.rho) book.rho[i] = lev * lev * fraction_scale;
    if (keep.quantity) {
      // |q| = ℓ·(cash + |PnL|)/p contracts at k decimals.
      const i128 notional = static_cast<i128>(lev) *
                            (static_cast<i128>(cash) + (pnl < 0 ? -static_cast<i128>(pnl) : static_cast<i128>(pnl)));
      // notional ＜ 2⁷⁶ and the scale ≤ 10¹⁸ ＜ 2⁶⁰: guard the 128-bit product first.
      if (notional > (static_cast<i128>(1) << 100) / quantity_scale) throw_overflow("a generated contract quantity");
      book.quantity[i] = narrow_to_int64(notional * quantity_scale / o.mark_price.raw(),
                                         "a generated contract quantity");
    }
    capacity += w.raw();
    capped_capacity += cap.raw();
    if (e < 0) deficit -= e.raw();
  }
  out.capacity = Money::narrow(capacity, "the generated capacity U");
  out.capped_capacity = static_cast<Money>(capped_capacity);  // ≤ U
  out.deficit = Money::narrow(deficit, "the generated deficit D");
  out.budget = static_cast<Money>(static_cast<i128>(out.capped_capacity) * o.budget_fraction.raw() / fraction_scale);
  if (keep.quantity) {
    book.quantity_decimals = o.quantity_decimals;
    const i128 move = static_cast<i128>(o.mark_price) * o.price_move.raw() / fraction_scale;
    book.loss_per_contract = move < 1 ? Money(1) : static_cast<Money>(move);
  }
  return out;
}

}  // namespace adl::fx
