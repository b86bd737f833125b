#include "queue_encoding.hpp"

namespace adl::proofs {

std::vector<z3::expr> queue_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                        const z3::expr& budget) {
  std::vector<z3::expr> x;
  z3::expr before = ctx.real_val(0);  // Σ_{j<k} w_j
  for (const z3::expr& wk : w) {
    x.push_back(min2(wk, positive_part(budget - before)));
    before = before + wk;
  }
  return x;
}

}  // namespace adl::proofs
