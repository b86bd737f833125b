#include "group_e_accounting.hpp"

#include "adl/ref/insurance.hpp"

#include <algorithm>
#include <stdexcept>

namespace adl::proofs::group_e {

using ref::Rational;

unsigned bound(unsigned requested, unsigned fallback, unsigned cap) {
  if (requested == 0) return fallback;
  return cap > 0 ? std::min(requested, cap) : requested;
}

Validity run_validity(ClaimResult& result, z3::context& ctx, const std::vector<z3::expr>& assumptions,
                      const z3::expr& conclusion, const std::vector<z3::expr>& preferences,
                      const Options& options, const std::string& name, const Columns& columns,
                      const Scalars& scalars) {
  Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferences);
  result.verdict = v.verdict;
  result.detail = v.detail;
  if (v.witness) {
    result.witness = instance_of(*v.witness, columns, scalars,
                                 v.witness_preferred ? "assumptions hold (non-degenerate witness)" : "assumptions hold");
  }
  if (v.counterexample) result.counterexample = instance_of(*v.counterexample, columns, scalars, "conclusion fails");
  if (v.verdict == Verdict::Proved && !preferences.empty() && !v.witness_preferred) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = name + ": no model of the assumptions meets the non-degeneracy preferences";
  }
  return v;
}

ClaimResult replay_failed(ClaimResult result, const std::string& detail) {
  result.verdict = Verdict::ReplayFailed;
  result.detail = detail;
  return result;
}

std::vector<std::vector<Rational>> probability_vectors(unsigned m) {
  if (m == 0 || m > 5) throw std::invalid_argument("probability_vectors: 1 ≤ m ≤ 5");
  std::vector<std::vector<Rational>> out;
  out.emplace_back(m, Rational(1) / m);
  if (m >= 2) {
    const Rational total = Rational(m * (m + 1) / 2);
    std::vector<Rational> increasing;
    for (unsigned k = 1; k <= m; ++k) increasing.push_back(Rational(k) / total);
    out.push_back(increasing);
  }
  return out;
}

std::vector<z3::expr> numerals(z3::context& ctx, const std::vector<Rational>& values) {
  std::vector<z3::expr> out;
  for (const Rational& v : values) out.push_back(real_val(ctx, v));
  return out;
}

ref::Book book_with_loser(const std::vector<Rational>& cash, const std::vector<Rational>& pnl,
                          const Rational& deficit) {
  ref::Book book;
  for (std::size_t i = 0; i < pnl.size(); ++i) {
    ref::Account account;
    account.id = "a" + std::to_string(i + 1);
    account.cash = cash.at(i);
    account.pnl = pnl[i];
    book.accounts.push_back(account);
  }
  ref::Account loser;
  loser.id = "L";
  loser.pnl = -deficit;
  book.accounts.push_back(loser);
  return book;
}

Replayed replay_allocation(const ref::Book& book, const std::vector<Rational>& seized, const Rational& budget) {
  Replayed out{ref::summarize(book), {}, {}, {}};
  ref::Allocation& a = out.allocation;
  a.budget = budget;
  a.severity = out.state.deficit > 0 ? Rational(budget / out.state.deficit) : Rational(0);
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    const Rational x = i < seized.size() ? seized[i] : Rational(0);
    const Rational& w = out.state.endowment[i];
    a.seized.push_back(x);
    a.haircut.push_back(w > 0 ? Rational(x / w) : Rational(0));
  }
  out.metrics = ref::evaluate(book, out.state, a);
  out.validity = ref::check_allocation(book, out.state, a, false);
  return out;
}

Replayed replay_pro_rata(const std::vector<Rational>& endowments, const Rational& deficit, const Rational& budget) {
  const ref::Book book = book_with_loser(std::vector<Rational>(endowments.size(), Rational(0)), endowments, deficit);
  const ref::Allocation pr = ref::pro_rata(endowments, budget);
  Replayed out = replay_allocation(book, pr.seized, budget);
  // The library's own haircuts, not x/w recomputed: evaluate reads max_haircut from them.
  std::copy(pr.haircut.begin(), pr.haircut.end(), out.allocation.haircut.begin());
  out.metrics = ref::evaluate(book, out.state, out.allocation);
  return out;
}

std::vector<Rational> endowments_with(const Rational& top, const Rational& capacity) {
  if (top <= 0 || capacity < top) throw std::invalid_argument("endowments_with: need 0 < top ≤ capacity");
  std::vector<Rational> w{top};
  Rational left = capacity - top;
  while (left > 0) {
    w.push_back(std::min(top, left));
    left -= w.back();
  }
  return w;
}

Rational ltv_through_ref(const Rational& fees, const Rational& diversion) {
  if (diversion < 0 || diversion > fees) {
    throw std::invalid_argument("diversion " + ref::to_fraction(diversion) + " outside [0, Φ = " +
                                ref::to_fraction(fees) + "]");
  }
  const ref::FeeFlows flows{fees, 0, 0};
  const ref::InsuranceShares shares{fees > 0 ? Rational(diversion / fees) : Rational(0), 0, 0};
  return ref::revenue(flows, shares, 0).net;
}

namespace {

// Whether `e` contains one of `constants` (a walk over the term).
bool mentions(const z3::expr& e, const std::vector<z3::expr>& constants) {
  for (const z3::expr& c : constants) {
    if (z3::eq(e, c)) return true;
  }
  if (!e.is_app()) return false;
  for (unsigned i = 0; i < e.num_args(); ++i) {
    if (mentions(e.arg(i), constants)) return true;
  }
  return false;
}

}  // namespace

std::vector<z3::expr> ch_instance(const group_c::TrilemmaInstance& t, const z3::expr& capacity) {
  // CH minus every constraint on the policy's variables θ, B, 𝒟 and R.
  const std::vector<z3::expr> policy{t.theta, t.B, t.diversion, t.R};
  std::vector<z3::expr> out{capacity >= 0};
  for (const z3::expr& h : t.hypotheses()) {
    if (!mentions(h, policy)) out.push_back(h);
  }
  return out;
}

Scalars ch_instance_scalars(const group_c::TrilemmaInstance& t, const z3::expr& capacity) {
  return {{"n", t.n_real()}, {"D", t.D},         {"U", capacity},      {"Φ", t.fees},     {"K₀", t.K0},
          {"υ", t.upsilon},  {"c_lo", t.c_lo},   {"c_R", t.c_R},       {"μ₋", t.mu_minus}, {"μ_Φ", t.mu_phi},
          {"ε", t.eps},      {"ε′", t.eps_prime}};
}

bool ch_instance_holds(const group_c::TrilemmaValues& v, const Rational& capacity) {
  // The policy θ = 1, B = D, 𝒟 = 0, R = 0 meets every policy constraint of CH, so CH holds for
  // it exactly when the instance part does.
  group_c::TrilemmaValues full = v;
  full.theta = 1;
  full.B = v.D;
  full.diversion = 0;
  full.R = 0;
  return capacity >= 0 && group_c::trilemma_hypotheses_hold(full);
}

WaitGame::WaitGame(z3::context& ctx, std::vector<Rational> scenario_probabilities, Rational discount_factor)
    : probabilities(std::move(scenario_probabilities)),
      discount(std::move(discount_factor)),
      premium_now(ctx.real_const("thetaD_now")),
      cost_now(ctx.real_const("Gamma_now")),
      premium_next(reals(ctx, "thetaD_next", static_cast<unsigned>(probabilities.size()))),
      cost_next(reals(ctx, "Gamma_next", static_cast<unsigned>(probabilities.size()))) {}

std::vector<z3::expr> WaitGame::hypotheses() const {
  std::vector<z3::expr> out{premium_now >= 0, cost_now >= 0};
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    out.push_back(premium_next[k] >= 0);
    out.push_back(cost_next[k] >= 0);
  }
  return out;
}

z3::expr WaitGame::act_now_payoff() const { return premium_now - cost_now; }

std::vector<z3::expr> WaitGame::waiting_payoffs() const {
  z3::context& ctx = premium_now.ctx();
  const z3::expr beta = real_val(ctx, discount);
  std::vector<z3::expr> out;
  const std::size_t m = probabilities.size();
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    z3::expr expected = ctx.real_val(0);
    for (std::size_t k = 0; k < m; ++k) {
      if (mask & (1u << k)) expected = expected + real_val(ctx, probabilities[k]) * (premium_next[k] - cost_next[k]);
    }
    out.push_back(beta * expected);
  }
  return out;
}

z3::expr WaitGame::act_now_optimal() const {
  z3::expr all = premium_now.ctx().bool_val(true);
  for (const z3::expr& wait : waiting_payoffs()) all = all && act_now_payoff() >= wait;
  return all;
}

z3::expr WaitGame::printed_condition() const {
  z3::context& ctx = premium_now.ctx();
  z3::expr expected = ctx.real_val(0);
  for (std::size_t k = 0; k < probabilities.size(); ++k) expected = expected + real_val(ctx, probabilities[k]) * premium_next[k];
  return premium_now <= expected - cost_now;
}

z3::expr WaitGame::corrected_condition() const {
  z3::context& ctx = premium_now.ctx();
  z3::expr expected = ctx.real_val(0);
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    expected = expected + real_val(ctx, probabilities[k]) * positive_part(premium_next[k] - cost_next[k]);
  }
  return act_now_payoff() >= real_val(ctx, discount) * expected;
}

Scalars WaitGame::scalars() const {
  return {{"β_disc", real_val(premium_now.ctx(), discount)}, {"θ_t·D_t", premium_now}, {"Γ_t", cost_now}};
}

Columns WaitGame::columns() const {
  return {{"p", numerals(premium_now.ctx(), probabilities)}, {"θ′·D′", premium_next}, {"Γ′", cost_next}};
}

std::string WaitOutcome::describe() const {
  return "act now " + ref::to_fraction(act_now) + ", best waiting strategy " + ref::to_fraction(best_wait) +
         " (acting now " + (act_now_optimal ? "optimal" : "not optimal") + "); printed condition " +
         (printed ? "holds" : "fails") + ", corrected condition " + (corrected ? "holds" : "fails");
}

WaitOutcome wait_outcome(const z3::model& model, const WaitGame& game) {
  const Rational premium = rational_of(model, game.premium_now, "θ_t·D_t");
  const Rational cost = rational_of(model, game.cost_now, "Γ_t");
  const auto next = group_c::rationals(model, game.premium_next, "θ′·D′");
  const auto next_cost = group_c::rationals(model, game.cost_next, "Γ′");
  const std::size_t m = game.probabilities.size();
  WaitOutcome out;
  out.act_now = premium - cost;
  Rational expected_premium = 0;
  Rational expected_value = 0;  // E[(θ′·D′ − Γ′)₊]
  for (std::size_t k = 0; k < m; ++k) {
    expected_premium += game.probabilities[k] * next[k];
    expected_value += game.probabilities[k] * ref::positive_part(next[k] - next_cost[k]);
  }
  for (unsigned mask = 0; mask < (1u << m); ++mask) {
    Rational value = 0;
    for (std::size_t k = 0; k < m; ++k) {
      if (mask & (1u << k)) value += game.probabilities[k] * (next[k] - next_cost[k]);
    }
    out.best_wait = std::max(out.best_wait, Rational(game.discount * value));  // mask 0 gives 0
  }
  out.act_now_optimal = out.act_now >= out.best_wait;
  out.printed = premium <= expected_premium - cost;
  out.corrected = out.act_now >= game.discount * expected_value;
  return out;
}

}  // namespace adl::proofs::group_e
