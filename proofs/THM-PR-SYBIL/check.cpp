// Statement (@spec THM-PR-SYBIL): for U ＞ 0 and 0 ≤ H ≤ U, pro-rata survivors s_i = w_i·(1 − H/U)
//   satisfy AX-SYBIL (a split keeps U, so the parts keep Σ z_a·(1 − H/U) = s_i) and AX-SCALE
//   (s(c·w; c·H) = c·s(w; H), c ＞ 0).
// Encoding: QF_NRA (multiplied by U). Variables w_1..w_n, H, the haircut h with h·U = H; account 1
//   split into m ∈ {2, 3} parts z ≥ 0 with Σ z = w_1, with its own haircut h′·U′ = H on the split
//   book (U′ = Σ z + Σ_{i≥2} w_i); a scale c ＞ 0 with h_c·(c·U) = c·H.
//   Claim: Σ_a (z_a − h′·z_a) = w_1 − h·w_1 and c·w_i − h_c·c·w_i = c·(w_i − h·w_i) for every i.
// Assumptions and bounds: w ≥ 0, U ＞ 0, 0 ≤ H ≤ U; n from 1 to the bound (default 4), m = 2, 3.
// Expected: PROVED.
// Not modelled: merges (the same identity read backwards).
// Replay: adl::ref::pro_rata on the witness book, its split book and the scaled book: the parts
//   keep exactly s_1 and the scaled survivors are c·s.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const auto z = reals(ctx, "z", size.k);
  const z3::expr H = ctx.real_const("H");
  const z3::expr h = ctx.real_const("h");
  const z3::expr h_split = ctx.real_const("h_split");
  const z3::expr c = ctx.real_const("c");
  const z3::expr h_scaled = ctx.real_const("h_scaled");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> split = z;
  for (unsigned i = 1; i < size.n; ++i) split.push_back(w[i]);
  std::vector<z3::expr> assumptions;
  for (const auto& wi : w) assumptions.push_back(wi >= 0);
  for (const auto& za : z) assumptions.push_back(za >= 0);
  assumptions.push_back(sum(ctx, z) == w[0]);
  assumptions.push_back(U > 0);
  assumptions.push_back(H >= 0);
  assumptions.push_back(H <= U);
  assumptions.push_back(h * U == H);
  assumptions.push_back(h_split * sum(ctx, split) == H);
  assumptions.push_back(c > 0);
  assumptions.push_back(h_scaled * (c * U) == c * H);
  z3::expr kept = ctx.real_val(0);
  for (const auto& za : z) kept = kept + (za - h_split * za);
  z3::expr conclusion = kept == w[0] - h * w[0];
  for (const auto& wi : w) conclusion = conclusion && c * wi - h_scaled * (c * wi) == c * (wi - h * wi);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  q.witness = {{{"w", w}, {"z", z}}, {{"H", H}, {"c", c}}};
  q.replay = [w, split, H, c, size](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto sv = rationals_of(m, split, "split");
    const ref::Rational hb = rational_of(m, H, "H");
    const ref::Rational cv = rational_of(m, c, "c");
    const auto base = closed_forms::survivors(wv, ref::pro_rata(wv, hb).seized);
    const auto after = closed_forms::survivors(sv, ref::pro_rata(sv, hb).seized);
    std::vector<ref::Rational> scaled_w;
    for (const auto& wi : wv) scaled_w.push_back(cv * wi);
    const auto scaled = closed_forms::survivors(scaled_w, ref::pro_rata(scaled_w, cv * hb).seized);
    ref::Rational parts_kept = 0;
    for (unsigned a = 0; a < size.k; ++a) parts_kept += after[a];
    bool ok = parts_kept == base[0];
    for (unsigned i = 0; i < size.n; ++i) ok = ok && scaled[i] == cv * base[i];
    if (!ok) return runner::mismatch("adl::ref::pro_rata breaks the split or the scale on the witness");
    return runner::reproduced("n = " + std::to_string(size.n) + ", " + std::to_string(size.k) + " parts, witness w = " +
                              books::show(wv) + ", split " + books::show(sv) + ", H = " + ref::to_fraction(hb) +
                              ", c = " + ref::to_fraction(cv) + ": adl::ref::pro_rata keeps " +
                              ref::to_fraction(parts_kept) + " on the parts = s_1, and c·s on the scaled book");
  };
  return q;
}

runner::Grid grid(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 4);
  runner::Grid grid{{}, "n ≤ " + std::to_string(max_n) + ", splits into 2 or 3"};
  for (unsigned n = 1; n <= max_n; ++n) {
    for (unsigned parts = 2; parts <= 3; ++parts) {
      grid.sizes.push_back({n, parts, "n = " + std::to_string(n) + ", " + std::to_string(parts) + " parts",
                            ".n" + std::to_string(n) + ".m" + std::to_string(parts)});
    }
  }
  return grid;
}

const bool registered = register_claim(
    runner::sized("THM-PR-SYBIL", "pro-rata satisfies AX-SYBIL and AX-SCALE", Verdict::Proved, grid, query));

}  // namespace
}  // namespace adl::proofs
