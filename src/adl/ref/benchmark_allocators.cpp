#include "adl/ref/benchmark_allocators.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <numeric>

namespace adl::ref {
namespace {

using boost::multiprecision::mpz_int;

void require_quantities(const std::vector<Rational>& q) {
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (q[i] < 0) {
      throw InvalidInput("contract pro-rata: quantity #" + std::to_string(i + 1) + " must be >= 0 (give |q|), got " +
                         to_fraction(q[i]));
    }
  }
}

void require_loss_and_budget(const Rational& d, const Rational& budget) {
  if (d <= 0) throw InvalidInput("contract pro-rata: loss per contract must be > 0, got " + to_fraction(d));
  if (budget < 0) throw InvalidInput("contract pro-rata: budget must be >= 0, got " + to_fraction(budget));
}

}  // namespace

std::vector<Rational> contract_pro_rata(const std::vector<Rational>& q, const Rational& d, const Rational& budget) {
  require_quantities(q);
  require_loss_and_budget(d, budget);
  const Rational Q = budget / d;
  Rational total = 0;
  for (const Rational& x : q) total += x;
  std::vector<Rational> closed(q.size());
  if (total == 0) return closed;
  for (std::size_t i = 0; i < q.size(); ++i) closed[i] = std::min(q[i], Q * q[i] / total);
  return closed;
}

std::vector<Rational> contract_pro_rata_integer(const std::vector<Rational>& q, const Rational& d,
                                                const Rational& budget, ContractRounding rounding) {
  require_quantities(q);
  require_loss_and_budget(d, budget);
  const std::size_t n = q.size();
  std::vector<Rational> closed(n);
  // Step 1: whole contracts to close.
  const Rational Q = budget / d;
  mpz_int q_int = rounding == ContractRounding::Ceil    ? ceil_of(Q)
                  : rounding == ContractRounding::Floor ? floor_of(Q)
                                                        : round_half_even(Q);
  if (q_int <= 0) return closed;
  // Step 2: closable whole contracts and weights.
  std::vector<Rational> m(n), v(n);
  Rational v_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    m[i] = Rational(floor_of(q[i]));
    if (m[i] >= 1) {
      v[i] = q[i];
      v_total += v[i];
    }
  }
  if (v_total == 0) return closed;
  // Step 3: ideal shares, floors capped at m_i.
  std::vector<Rational> ideal(n), frac(n);
  Rational assigned = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ideal[i] = Rational(q_int) * v[i] / v_total;
    frac[i] = ideal[i] - Rational(floor_of(ideal[i]));
    closed[i] = std::min(Rational(floor_of(ideal[i])), m[i]);
    assigned += closed[i];
  }
  Rational remaining = Rational(q_int) - assigned;
  // Step 4: one pass by decreasing fractional part, ties larger index first.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    if (frac[i] != frac[j]) return frac[i] > frac[j];
    return i > j;
  });
  for (const std::size_t i : order) {
    if (remaining > 0 && v[i] > 0 && closed[i] < m[i]) {
      closed[i] += 1;
      remaining -= 1;
    }
  }
  return closed;
}

std::vector<Rational> project_onto_budget_box(const std::vector<Rational>& y, const std::vector<Rational>& c,
                                              const Rational& budget) {
  const std::size_t n = y.size();
  if (c.size() != n) throw InvalidInput("projection: y and c differ in length");
  Rational c_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (c[i] <= 0) {
      throw InvalidInput("projection: weight #" + std::to_string(i + 1) + " must be > 0, got " + to_fraction(c[i]));
    }
    c_total += c[i];
  }
  if (budget < 0 || budget > c_total) {
    throw InvalidInput("projection: budget " + to_fraction(budget) + " outside [0, Σc = " + to_fraction(c_total) + "]");
  }
  const auto x_at = [&](const Rational& lambda) {
    std::vector<Rational> x(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = std::clamp(Rational(y[i] - lambda * c[i]), Rational(0), Rational(1));
    }
    return x;
  };
  const auto f = [&](const Rational& lambda) {
    Rational s = 0;
    const auto x = x_at(lambda);
    for (std::size_t i = 0; i < n; ++i) s += c[i] * x[i];
    return s;
  };
  if (n == 0) return {};
  // Breakpoints of f: where a coordinate leaves 1 or reaches 0.
  std::vector<Rational> points;
  for (std::size_t i = 0; i < n; ++i) {
    points.push_back((y[i] - 1) / c[i]);
    points.push_back(y[i] / c[i]);
  }
  std::sort(points.begin(), points.end());
  // f(points.front()) = Σc ≥ B ≥ 0 = f(points.back()); find the segment where f crosses B.
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    const Rational& a = points[k];
    const Rational& b = points[k + 1];
    const Rational fa = f(a);
    const Rational fb = f(b);
    if (fa >= budget && budget >= fb) {
      if (fa == fb) return x_at(a);                          // flat piece: every λ in it gives the same x
      return x_at(a + (fa - budget) * (b - a) / (fa - fb));  // f is linear on [a, b]
    }
  }
  return x_at(points.front());  // n = 1 with a single breakpoint pair collapsing
}

}  // namespace adl::ref
