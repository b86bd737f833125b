#include "group_b_tail.hpp"

#include "queue_encoding.hpp"

#include <algorithm>
#include <string>

namespace adl::proofs::group_b {

TailModel tail_model(z3::context& ctx, unsigned scenarios, unsigned n) {
  TailModel m{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, ctx.real_const("h"), ctx.real_const("alpha")};
  m.p = reals(ctx, "p", scenarios);
  for (unsigned k = 0; k < scenarios; ++k) {
    const std::string tag = std::to_string(k + 1);
    m.w.push_back(reals(ctx, "w" + tag, n));
    m.x.push_back(reals(ctx, "x" + tag, n));
    const auto& w = m.w.back();
    const auto& x = m.x.back();
    for (const auto& c : sorted_decreasing(w)) m.assumptions.push_back(c);
    for (const auto& c : in_polytope(ctx, w, x, m.h)) m.assumptions.push_back(c);
    m.assumptions.push_back(m.h <= sum(ctx, w));
    m.lf.push_back(queue_closed_form(ctx, w, m.h));
    m.omega.push_back(w[0]);
    m.own_x.push_back(w[0] - x[0]);
    m.max_x.push_back(max_of(survivors(w, x)));
    m.own_lf.push_back(w[0] - m.lf.back()[0]);
    m.max_lf.push_back(max_of(survivors(w, m.lf.back())));
    m.floor.push_back(positive_part(w[0] - m.h));
    m.assumptions.push_back(m.p[k] > 0);
  }
  m.assumptions.push_back(sum(ctx, m.p) == 1);
  m.assumptions.push_back(m.h >= 0);
  m.assumptions.push_back(m.alpha > 0);
  m.assumptions.push_back(m.alpha < 1);
  return m;
}

TailBounds tail_bounds(const Options& options, unsigned default_n, unsigned default_k) {
  if (options.max_n == 0) return {default_n, default_k};
  return {options.max_n, std::min(5u, options.max_n)};
}

std::vector<Size> tail_sizes(const TailBounds& bounds) {
  std::vector<Size> out;
  for (unsigned K = 1; K <= bounds.max_scenarios; ++K) {
    for (unsigned n = 1; n <= bounds.max_n; ++n) {
      const std::string k = std::to_string(K);
      const std::string i = std::to_string(n);
      out.push_back({n, K, "K = " + k + ", n = " + i, ".K" + k + ".n" + i});
    }
  }
  return out;
}

std::string tail_bound(const TailBounds& bounds) {
  return "K ≤ " + std::to_string(bounds.max_scenarios) + " scenarios, n ≤ " + std::to_string(bounds.max_n);
}

TailValues tail_values(const z3::model& model, const TailModel& tail) {
  TailValues v;
  v.p = rationals_of(model, tail.p, "p");
  v.alpha = rational_of(model, tail.alpha, "α");
  v.h = rational_of(model, tail.h, "h");
  for (std::size_t k = 0; k < tail.w.size(); ++k) {
    v.w.push_back(rationals_of(model, tail.w[k], "w"));
    v.floor.push_back(ref::positive_part(v.w.back()[0] - v.h));
  }
  return v;
}

}  // namespace adl::proofs::group_b
