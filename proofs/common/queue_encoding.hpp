/// @file
/// The queue policy by its closed form, written independently of
/// adl::ref::queue: with σ the identity (w.l.o.g. after relabelling),
/// x_k = min(w_k, (B − Σ_{j<k} w_j)₊).
#pragma once

#include "smt.hpp"

#include <vector>

namespace adl::proofs {

/// The closed-form queue seizures x_k for endowments w in queue order.
/// @spec POL-QUEUE
std::vector<z3::expr> queue_closed_form(z3::context& ctx, const std::vector<z3::expr>& w,
                                        const z3::expr& budget);

}  // namespace adl::proofs
