// The reference registry (POL-ADL-POLICY): each policy kind's allocator on
// its PolicyInput columns, the level form of the pro-rata family and the keys
// of the ordered policies; and the book-level driver that builds a policy's
// inputs from a book. The one dispatch of adl::ref; fx/registry.cpp is the
// fixed-point engine's, written separately.
#include "adl/ref/policies.hpp"

#include "adl/ref/error.hpp"

#include <array>

namespace adl::ref {
namespace {

Rational lambda_of(const Book& book, std::size_t i, PolicyKind kind) {
  const auto lambda = effective_leverage(book.accounts[i]);
  if (!lambda) {
    throw InvalidInput("account '" + book.accounts[i].id + "' has no effective leverage λ (" + policy_name(kind) +
                       " needs a leverage column or positions)");
  }
  return *lambda;
}

// ---- The registry: each policy's allocator on its PolicyInput columns.

Allocation run_queue(const PolicyInput& in, const Rational& b) { return queue(in.endowment, in.score, b); }
Allocation run_pro_rata(const PolicyInput& in, const Rational& b) { return pro_rata(in.endowment, b); }
Allocation run_levered(const PolicyInput& in, const Rational& b) {
  return levered_pro_rata(in.endowment, in.cap, in.leverage, b);
}
Allocation run_capped(const PolicyInput& in, const Rational& b) { return capped_pro_rata(in.endowment, in.cap, b); }
Allocation run_rap(const PolicyInput& in, const Rational& b) { return rap(in.endowment, in.cap, in.risk_weight, b); }
Allocation run_min_max(const PolicyInput& in, const Rational& b) {
  return min_max_burden(in.endowment, in.equity, in.cap, b);
}
Allocation run_greedy(const PolicyInput& in, const Rational& b) {
  return greedy_one_step(in.endowment, in.equity, in.cap, in.rho, b);
}
Allocation run_contracts(const PolicyInput& in, const Rational& b) {
  Allocation a;
  a.closed = contract_pro_rata_integer(in.quantity, in.loss_per_contract, b, in.rounding);
  return a;
}

// The level form's a_i (POL-* of the pro-rata family) and the ordered policies' keys.
Rational slope_endowment(const PolicyInput& in, std::size_t i) { return in.endowment[i]; }
Rational slope_levered(const PolicyInput& in, std::size_t i) { return in.leverage[i] * in.endowment[i]; }
Rational slope_risk(const PolicyInput& in, std::size_t i) { return in.risk_weight[i] * in.endowment[i]; }
Rational slope_equity(const PolicyInput& in, std::size_t i) { return in.equity[i]; }
Score key_score(const PolicyInput& in, std::size_t i) { return in.score[i]; }
Score key_greedy(const PolicyInput& in, std::size_t i) {
  return Score{in.equity[i] * in.rho[i] / in.endowment[i], false};  // marginal reduction of δ_T per dollar
}

struct Entry {
  PolicyKind kind;
  Allocation (*allocate)(const PolicyInput&, const Rational&);
  Rational (*slope)(const PolicyInput&, std::size_t);  // level policies: a_i of x_i = min(η·a_i, c_i)
  Score (*key)(const PolicyInput&, std::size_t);       // ordered policies: the fill order's key
};

/// Indexed by PolicyKind; the static_assert keeps the index and the kind together.
constexpr std::array<Entry, kPolicyKinds> kRegistry{{
    {PolicyKind::Queue, run_queue, nullptr, key_score},
    {PolicyKind::ProRata, run_pro_rata, slope_endowment, nullptr},
    {PolicyKind::LeveredProRata, run_levered, slope_levered, nullptr},
    {PolicyKind::CappedProRata, run_capped, slope_endowment, nullptr},
    {PolicyKind::Rap, run_rap, slope_risk, nullptr},
    {PolicyKind::MinMax, run_min_max, slope_equity, nullptr},
    {PolicyKind::GreedyOneStep, run_greedy, nullptr, key_greedy},
    {PolicyKind::ContractProRata, run_contracts, nullptr, nullptr},
}};

constexpr bool indexed_by_kind() {
  for (std::size_t i = 0; i < kRegistry.size(); ++i) {
    if (static_cast<std::size_t>(kRegistry[i].kind) != i) return false;
  }
  return true;
}
static_assert(indexed_by_kind(), "kRegistry must list the policies in PolicyKind order");

const Entry& entry(PolicyKind kind) { return kRegistry[static_cast<std::size_t>(kind)]; }

}  // namespace

Allocation run_policy(PolicyKind kind, const PolicyInput& input, const Rational& budget) {
  return entry(kind).allocate(input, budget);
}

std::optional<Rational> level_slope(PolicyKind kind, const PolicyInput& input, std::size_t account) {
  const Entry& e = entry(kind);
  if (e.slope == nullptr) return std::nullopt;
  if (input.endowment[account] == 0) return Rational(0);
  return e.slope(input, account);
}

std::optional<Score> order_key(PolicyKind kind, const PolicyInput& input, std::size_t account) {
  const Entry& e = entry(kind);
  if (e.key == nullptr) return std::nullopt;
  if (input.endowment[account] == 0) return Score{};  // ineligible: never ranked (AMB-P-01)
  return e.key(input, account);
}

PolicyInput policy_input(const Book& book, const BookState& state, const PolicyOptions& options) {
  const PolicyColumns& reads = policy_info(options.kind).reads;
  const std::vector<Rational>& w = state.endowment;
  const std::size_t n = w.size();
  PolicyInput in;
  if (reads.quantity) {
    throw InvalidInput(policy_name(options.kind) +
                       " acts on the positions of one market, which a wealth-space book does not carry");
  }
  in.endowment = w;
  if (reads.equity) in.equity = state.equity;
  if (reads.cap) in.cap = state.cap;
  if (reads.score) in.score = queue_scores(book, options.score);
  if (reads.leverage) {
    in.leverage.assign(n, Rational(0));
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] == 0) continue;
      if (!book.accounts[i].leverage) {
        throw InvalidInput("account '" + book.accounts[i].id +
                           "' has no leverage (levered pro-rata needs a leverage column or positions)");
      }
      in.leverage[i] = *book.accounts[i].leverage;
    }
  }
  // RAP's w̃ and, by DEF-OPT-RISK-MODEL, greedy one-step's ρ: λ_i·g(λ_i) of the chosen model.
  if (reads.risk_weight || reads.rho) {
    std::vector<Rational>& weights = reads.rho ? in.rho : in.risk_weight;
    weights.assign(n, Rational(0));
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] > 0) weights[i] = risk_weight(options.risk, lambda_of(book, i, options.kind));
    }
  }
  return in;
}

Allocation run_policy(const Book& book, const BookState& state, const PolicyOptions& options, const Budget& budget) {
  Allocation a = run_policy(options.kind, policy_input(book, state, options), budget.budget);
  a.severity = budget.severity;
  a.budget = budget.budget;
  return a;
}

}  // namespace adl::ref
