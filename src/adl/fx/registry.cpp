// The fx registry (POL-ADL-POLICY): each policy kind's allocator on the
// columns it reads. The one dispatch of adl::fx; ref/registry.cpp is the
// reference's, written separately (the engines share no algorithm).
#include "adl/fx/policies.hpp"

#include <array>

namespace adl::fx {
namespace {

using adl::PolicyKind;

Allocation run_queue(const BookView& b, Money budget, const PolicyOptions&) {
  return queue(b.endowment, b.score, budget);
}
Allocation run_pro_rata(const BookView& b, Money budget, const PolicyOptions&) { return pro_rata(b.endowment, budget); }
Allocation run_levered(const BookView& b, Money budget, const PolicyOptions&) {
  return levered_pro_rata(b.endowment, b.cap, b.leverage, budget);
}
Allocation run_capped(const BookView& b, Money budget, const PolicyOptions&) {
  return capped_pro_rata(b.endowment, b.cap, budget);
}
Allocation run_rap(const BookView& b, Money budget, const PolicyOptions&) {
  return rap(b.endowment, b.cap, b.risk_weight, budget);
}
Allocation run_min_max(const BookView& b, Money budget, const PolicyOptions&) {
  return min_max_burden(b.endowment, b.equity, b.cap, budget);
}
Allocation run_greedy(const BookView& b, Money budget, const PolicyOptions&) {
  return greedy_one_step(b.endowment, b.equity, b.cap, b.rho, budget);
}
Allocation run_contracts(const BookView& b, Money budget, const PolicyOptions& options) {
  Allocation a;
  a.budget = budget;
  a.closed = contract_pro_rata_integer(b.quantity, b.quantity_decimals, b.loss_per_contract, budget, options.rounding);
  return a;
}

struct Entry {
  PolicyKind kind;
  Allocation (*run)(const BookView&, Money, const PolicyOptions&);
};

/// Indexed by PolicyKind; the static_assert keeps the index and the kind together.
constexpr std::array<Entry, kPolicyKinds> kRegistry{{
    {PolicyKind::Queue, run_queue},
    {PolicyKind::ProRata, run_pro_rata},
    {PolicyKind::LeveredProRata, run_levered},
    {PolicyKind::CappedProRata, run_capped},
    {PolicyKind::Rap, run_rap},
    {PolicyKind::MinMax, run_min_max},
    {PolicyKind::GreedyOneStep, run_greedy},
    {PolicyKind::ContractProRata, run_contracts},
}};

constexpr bool indexed_by_kind() {
  for (std::size_t i = 0; i < kRegistry.size(); ++i) {
    if (static_cast<std::size_t>(kRegistry[i].kind) != i) return false;
  }
  return true;
}
static_assert(indexed_by_kind(), "kRegistry must list the policies in PolicyKind order");

}  // namespace

BookView view(const Book& book) {
  return BookView{book.endowment,         book.equity,           book.cap, book.score,
                  book.leverage,          book.risk_weight,      book.rho, book.quantity,
                  book.quantity_decimals, book.loss_per_contract};
}

Allocation run_policy(const BookView& book, PolicyKind kind, Money budget, const PolicyOptions& options) {
  return kRegistry[static_cast<std::size_t>(kind)].run(book, budget, options);
}

}  // namespace adl::fx
