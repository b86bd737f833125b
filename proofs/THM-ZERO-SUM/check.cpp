// Statement (@spec THM-ZERO-SUM): over 𝒫̄_n (every position and its mirror), at every step s the
//   funding flows sum to zero, Σ γ_s·p_s·b·q = 0, and Σ PNL_T = 0.
// Encoding: QF_NRA (funding is γ_s·p_s·b·q, a product of variables). Variables: the path
//   p_0..p_T ＞ 0 and γ_1..γ_T; per position (n traders and n mirrors) q ≥ 0, b with b = 1 ∨ b = −1,
//   a free entry price p̄ ＞ 0, the opening time t_i and the end T̂_i = min(T, τ_i) ≥ t_i as one-hot
//   Booleans over 0..T. Position i is open at step s iff t_i ＜ s ≤ T̂_i; its funding at s is
//   1{open}·γ_s·p_s·b·q and PNL_T = 1{t_i ＜ T}·(b·q·(p_{T̂} − p̄) + Σ_s funding) (DEF-PNL), the
//   indicators as ite(·, 1, 0) factors.
// Assumptions and bounds: each mirror has its own variables, tied to its position by q̄ = q,
//   b̄ = −b, the same entry price, opening time and end (DEF-EXCHANGE). Every n from 1 to the
//   bound (default 6) and every T from 1 to the bound (default 5).
// Expected: PROVED (negation unsat for every (n, T); assumptions satisfiable). Control: without
//   the mirrors the negation is sat; constrained to EX-P5 at t = 1 the traders' funding sums to
//   14/15.
// Not modelled: how γ_s is set (DEF-FUNDING-RATE; any common rate), collateral (it enters neither
//   sum), the stop rule itself (any stop time).
// Replay: on a non-degenerate witness of every (n, T) (q ≥ 1, γ_s ≠ 0, the traders' own funding
//   and PnL nonzero) each position and mirror is rebuilt as an adl::ref::PositionTuple on an
//   adl::ref::MarketPath; adl::ref::funding_step gives every step's flow, adl::ref::funding_payment
//   and adl::ref::pnl_at_mark (book position with the free entry price) its PNL_T; they must equal
//   the model's terms and sum to 0 over 𝒫̄ exactly. The EX-P5 control is replayed through
//   adl::ref::funding_step (14/15).
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/position.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

// One position of 𝒫̄ on a path of T steps.
struct PositionVars {
  z3::expr quantity, side, entry;
  std::vector<z3::expr> opened;  // opened[k] ⇔ t_i = k, k = 0..T
  std::vector<z3::expr> ended;   // ended[k] ⇔ T̂_i = k
};

struct Market {
  std::vector<z3::expr> mark;  // p_0..p_T
  std::vector<z3::expr> rate;  // γ_0..γ_T (γ_0 unused, fixed 0)
};

PositionVars position(z3::context& ctx, const std::string& name, unsigned T) {
  PositionVars p{ctx.real_const((name + "_q").c_str()),
                 ctx.real_const((name + "_b").c_str()),
                 ctx.real_const((name + "_entry").c_str()),
                 {},
                 {}};
  for (unsigned k = 0; k <= T; ++k) {
    p.opened.push_back(ctx.bool_const((name + "_open_at_" + std::to_string(k)).c_str()));
    p.ended.push_back(ctx.bool_const((name + "_end_at_" + std::to_string(k)).c_str()));
  }
  return p;
}

z3::expr exactly_one(z3::context& ctx, const std::vector<z3::expr>& flags) {
  z3::expr some = ctx.bool_val(false);
  z3::expr at_most_one = ctx.bool_val(true);
  for (std::size_t a = 0; a < flags.size(); ++a) {
    some = some || flags[a];
    for (std::size_t b = a + 1; b < flags.size(); ++b) at_most_one = at_most_one && !(flags[a] && flags[b]);
  }
  return some && at_most_one;
}

std::vector<z3::expr> well_formed(z3::context& ctx, const PositionVars& p) {
  std::vector<z3::expr> out{p.quantity >= 0, p.side == 1 || p.side == -1, p.entry > 0, exactly_one(ctx, p.opened),
                            exactly_one(ctx, p.ended)};
  for (std::size_t k = 0; k < p.opened.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) out.push_back(!(p.opened[k] && p.ended[j]));  // T̂ ≥ t
  }
  return out;
}

z3::expr open_at(z3::context& ctx, const PositionVars& p, std::size_t s) {  // t_i < s ≤ T̂_i
  z3::expr before = ctx.bool_val(false);
  z3::expr after = ctx.bool_val(false);
  for (std::size_t k = 0; k < p.opened.size(); ++k) {
    if (k < s) before = before || p.opened[k];
    if (k >= s) after = after || p.ended[k];
  }
  return before && after;
}

// 0/1 indicators multiply the flows (rather than ite(open, flow, 0)) so that a position's
// and its mirror's terms are monomials the solver's rewriter can cancel.
z3::expr indicator(z3::context& ctx, const z3::expr& condition) {
  return z3::ite(condition, ctx.real_val(1), ctx.real_val(0));
}

z3::expr funding(z3::context& ctx, const PositionVars& p, const Market& m, std::size_t s) {
  return indicator(ctx, open_at(ctx, p, s)) * m.rate[s] * m.mark[s] * p.side * p.quantity;
}

z3::expr pnl(z3::context& ctx, const PositionVars& p, const Market& m) {
  const std::size_t T = m.mark.size() - 1;
  z3::expr exit_mark = ctx.real_val(0);
  z3::expr opened_before_T = ctx.bool_val(false);
  for (std::size_t k = 0; k <= T; ++k) {
    exit_mark = exit_mark + z3::ite(p.ended[k], m.mark[k], ctx.real_val(0));
    if (k < T) opened_before_T = opened_before_T || p.opened[k];
  }
  z3::expr value = p.side * p.quantity * (exit_mark - p.entry);
  for (std::size_t s = 1; s <= T; ++s) value = value + funding(ctx, p, m, s);
  return indicator(ctx, opened_before_T) * value;
}

Market market(z3::context& ctx, unsigned T, std::vector<z3::expr>& hypotheses) {
  Market m{reals(ctx, "p", T + 1), {ctx.real_val(0)}};
  for (const z3::expr& r : reals(ctx, "gamma", T)) m.rate.push_back(r);
  for (const z3::expr& p : m.mark) hypotheses.push_back(p > 0);
  return m;
}

// Exact values of one position read from a model.
struct PositionValues {
  Rational quantity, entry;
  ref::Side side = ref::Side::Long;
  std::int64_t open_time = 0, end = 0;
};

std::int64_t chosen(const z3::model& model, const std::vector<z3::expr>& flags) {
  for (std::size_t k = 0; k < flags.size(); ++k) {
    if (model.eval(flags[k], true).is_true()) return static_cast<std::int64_t>(k);
  }
  throw std::runtime_error("no time flag is set in the model");
}

PositionValues values_of(const z3::model& model, const PositionVars& p) {
  return {rational_of(model, p.quantity, "q"), rational_of(model, p.entry, "entry"),
          rational_of(model, p.side, "b") > 0 ? ref::Side::Long : ref::Side::Short, chosen(model, p.opened),
          chosen(model, p.ended)};
}

// The position's flows through adl::ref: funding at each step 1..T, then PNL_T last.
std::vector<Rational> flows_through_ref(const PositionValues& v, const ref::MarketPath& path) {
  const auto T = static_cast<std::int64_t>(path.mark.size()) - 1;
  const ref::PositionTuple tuple{v.quantity, 0, v.open_time, v.side};
  std::vector<Rational> out;
  for (std::int64_t s = 1; s <= T; ++s) {
    const auto k = static_cast<std::size_t>(s);
    const bool open = v.open_time < s && s <= v.end;
    out.push_back(open ? ref::funding_step(v.side, v.quantity, path.funding_rate[k], path.mark[k]) : Rational(0));
  }
  Rational pnl_T = 0;
  if (v.open_time < T) {
    ref::Position book_position{"x",     "m", v.side,      v.quantity,
                                v.entry, 0,   v.open_time, ref::funding_payment(tuple, path, v.open_time, v.end)};
    pnl_T = ref::pnl_at_mark(book_position, path.mark[static_cast<std::size_t>(v.end)]);
  }
  out.push_back(pnl_T);
  return out;
}

// Replays a model of n positions (and mirrors when given) on T steps; empty string when the
// adl::ref flows match the model's terms; `totals` receives Σ over the positions per step and PnL.
std::string replay(const z3::model& model, z3::context& ctx, const Market& m, const std::vector<PositionVars>& all,
                   std::vector<Rational>& totals) {
  ref::MarketPath path{rationals_of(model, m.mark, "p"), {Rational(0)}};
  for (std::size_t s = 1; s < m.rate.size(); ++s) path.funding_rate.push_back(rational_of(model, m.rate[s], "gamma"));
  const std::size_t T = m.mark.size() - 1;
  totals.assign(T + 1, Rational(0));
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto flows = flows_through_ref(values_of(model, all[i]), path);
    for (std::size_t s = 1; s <= T + 1; ++s) {
      const z3::expr term = s <= T ? funding(ctx, all[i], m, s) : pnl(ctx, all[i], m);
      const Rational encoded = rational_of(model, term, "term");
      if (encoded != flows[s - 1]) {
        return "position " + std::to_string(i + 1) + (s <= T ? ", funding at s = " + std::to_string(s) : ", PNL_T") +
               ": adl::ref gives " + ref::to_fraction(flows[s - 1]) + ", the encoding " + ref::to_fraction(encoded);
      }
      totals[s - 1] += flows[s - 1];
    }
  }
  return {};
}

z3::expr time_of(const std::vector<z3::expr>& flags) {
  z3::context& ctx = flags.front().ctx();
  z3::expr t = ctx.real_val(0);
  for (std::size_t k = 1; k < flags.size(); ++k) t = t + static_cast<int>(k) * indicator(ctx, flags[k]);
  return t;
}

// Rows alternate trader i, mirror i.
Columns position_columns(const std::vector<PositionVars>& all) {
  std::vector<z3::expr> q, b, entry, open, end;
  for (const auto& p : all) {
    q.push_back(p.quantity);
    b.push_back(p.side);
    entry.push_back(p.entry);
    open.push_back(time_of(p.opened));
    end.push_back(time_of(p.ended));
  }
  return {{"q", q}, {"b", b}, {"p̄", entry}, {"t_i", open}, {"T̂_i", end}};
}

Scalars path_scalars(const Market& m) {
  Scalars out;
  for (std::size_t s = 0; s < m.mark.size(); ++s) out.emplace_back("p_" + std::to_string(s), m.mark[s]);
  for (std::size_t s = 1; s < m.rate.size(); ++s) out.emplace_back("γ_" + std::to_string(s), m.rate[s]);
  return out;
}

// Control: the traders of EX-P5 alone at t = 1 (no mirrors) are not zero-sum.
runner::Replay ex_p5_control(const Options& options) {
  z3::context ctx;
  std::vector<z3::expr> constraints;
  const Market m = market(ctx, 1, constraints);
  const std::vector<int> quantity = {1, 1, 4, 1, 1}, side = {1, 1, -1, 1, -1};
  std::vector<PositionVars> traders;
  z3::expr total = ctx.real_val(0);
  for (std::size_t i = 0; i < quantity.size(); ++i) {
    traders.push_back(position(ctx, "trader" + std::to_string(i + 1), 1));
    const PositionVars& p = traders.back();
    for (const auto& c : well_formed(ctx, p)) constraints.push_back(c);
    constraints.push_back(p.quantity == quantity[i] && p.side == side[i] && p.entry == 1 && p.opened[0] && p.ended[1]);
    total = total + funding(ctx, p, m, 1);
  }
  constraints.push_back(m.mark[0] == 1 && m.mark[1] == real_val(ctx, Rational(7) / 5) &&
                        m.rate[1] == real_val(ctx, Rational(-1) / 3));
  constraints.push_back(total != 0);
  const auto model = find_model(ctx, constraints, options, "THM-ZERO-SUM.control-ex-p5");
  if (!model) return runner::mismatch("without mirrors the EX-P5 negation should be sat; the solver found no model");
  std::vector<Rational> totals;
  const std::string mismatch = replay(*model, ctx, m, traders, totals);
  if (!mismatch.empty()) return runner::mismatch("EX-P5 control: " + mismatch);
  const Rational encoded = rational_of(*model, total, "total");
  if (totals[0] != Rational(14) / 15 || encoded != totals[0]) {
    return runner::mismatch("EX-P5 control: adl::ref funding sums to " + ref::to_fraction(totals[0]) +
                            ", the encoding to " + ref::to_fraction(encoded) + ", the spec says 14/15");
  }
  return runner::reproduced(
      "without mirrors the negation is sat: on EX-P5 at t = 1 adl::ref::funding_step sums to 14/15 over 𝒫_n");
}

// Size::n positions (each with its mirror) on a path of Size::k = T steps.
runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const unsigned T = size.k;
  std::vector<z3::expr> assumptions;
  const Market m = market(ctx, T, assumptions);
  std::vector<PositionVars> traders, all;
  for (unsigned i = 1; i <= n; ++i) {
    traders.push_back(position(ctx, "trader" + std::to_string(i), T));
    all.push_back(traders.back());
    all.push_back(position(ctx, "mirror" + std::to_string(i), T));
    const PositionVars& p = all[all.size() - 2];
    const PositionVars& mirror = all.back();
    for (const auto* v : {&p, &mirror}) {
      for (const auto& c : well_formed(ctx, *v)) assumptions.push_back(c);
    }
    assumptions.push_back(mirror.quantity == p.quantity && mirror.side == -p.side && mirror.entry == p.entry);
    for (unsigned k = 0; k <= T; ++k) {
      assumptions.push_back(mirror.opened[k] == p.opened[k] && mirror.ended[k] == p.ended[k]);
    }
  }
  z3::expr conclusion = ctx.bool_val(true);
  for (unsigned s = 1; s <= T; ++s) {
    z3::expr step = ctx.real_val(0);
    for (const auto& p : all) step = step + funding(ctx, p, m, s);
    conclusion = conclusion && step == 0;
  }
  z3::expr total_pnl = ctx.real_val(0), traders_pnl = ctx.real_val(0), traders_funding = ctx.real_val(0);
  for (const auto& p : all) total_pnl = total_pnl + pnl(ctx, p, m);
  for (const auto& p : traders) {
    traders_pnl = traders_pnl + pnl(ctx, p, m);
    traders_funding = traders_funding + funding(ctx, p, m, T);
  }
  conclusion = conclusion && total_pnl == 0;
  // A witness worth replaying: every position trades, rates and prices move, and the
  // traders alone are not zero-sum (only the mirrors balance them).
  std::vector<z3::expr> preferences{traders_funding != 0, traders_pnl != 0, traders[0].entry != m.mark[0]};
  for (const auto& p : traders) preferences.push_back(p.quantity >= 1);
  for (unsigned s = 1; s <= T; ++s) preferences.push_back(m.rate[s] != 0 && m.mark[s] != m.mark[s - 1]);
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, conclusion, preferences, position_columns(all),
                                                      path_scalars(m));
  q.replay = [&ctx, m, all, n, T, name = "THM-ZERO-SUM" + size.tag](const z3::model& model) {
    std::vector<Rational> totals;
    const std::string mismatch = replay(model, ctx, m, all, totals);
    if (!mismatch.empty()) return runner::mismatch(name + ": " + mismatch);
    for (const Rational& t : totals) {
      if (t != 0) return runner::mismatch(name + ": adl::ref flows over 𝒫̄ sum to " + ref::to_fraction(t));
    }
    return runner::reproduced("on the non-degenerate witness of every (n, T) up to (" + std::to_string(n) + ", " +
                              std::to_string(T) + ") adl::ref::funding_step, funding_payment and pnl_at_mark " +
                              "reproduce every position's funding and PNL_T, and both sum to 0 over 𝒫̄ while the " +
                              "traders alone do not");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 6);
  const unsigned max_t = runner::bound(options.max_t, 5);
  std::vector<runner::Size> sizes;
  for (unsigned n = 1; n <= max_n; ++n) {
    for (unsigned T = 1; T <= max_t; ++T) {
      sizes.push_back({n, T, "n = " + std::to_string(n) + ", T = " + std::to_string(T),
                       ".n" + std::to_string(n) + ".T" + std::to_string(T)});
    }
  }
  return runner::check_parts(
      options, "THM-ZERO-SUM", {{.sizes = sizes, .query = query}, {.check = [&] { return ex_p5_control(options); }}},
      Verdict::Proved, "n ≤ " + std::to_string(max_n) + " positions plus mirrors, T ≤ " + std::to_string(max_t));
}

const bool registered = register_claim(
    {"THM-ZERO-SUM", "funding and PnL sum to 0 over positions and mirrors", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
