// Conformance test vectors: the columns, the domain and the oracle (spec/harness.md,
// CONF-VECTOR-FORMAT). vector_gen.cpp draws vectors (CONF-VECTOR-GEN);
// vector_file.cpp writes and reads the JSON-lines format.
#include "adl/conf/vectors.hpp"

#include "adl/check/checker.hpp"
#include "adl/ref/error.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace adl::conf {
namespace {

using fx::i128;
using ref::PolicyKind;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// ---- Checks.

[[noreturn]] void invalid(std::string_view key, std::size_t account, const std::string& message) {
  throw ref::InvalidInput("'" + std::string(key) + "' of account " + std::to_string(account) + ": " + message);
}

check::Input to_input(const Vector& v) {
  check::Input in;
  in.endowment = v.w;
  in.score = v.score;
  in.cap = v.cap;
  in.leverage = v.leverage;
  in.risk_weight = v.risk_weight;
  in.equity = v.equity;
  in.rho = v.rho;
  in.budget = v.budget;
  return in;
}

}  // namespace

// ---- Public functions.

std::string_view column_key(Column column) {
  switch (column) {
    case Column::W: return "w";
    case Column::Score: return "score";
    case Column::Cap: return "cap";
    case Column::Leverage: return "leverage";
    case Column::RiskWeight: return "risk_weight";
    case Column::Equity: return "equity";
    case Column::Rho: return "rho";
  }
  return "?";
}

const std::vector<Column>& policy_columns(PolicyKind policy) {
  // The columns a policy reads (ref::policy_info), in the format's table order.
  static const std::array<std::vector<Column>, ref::kPolicyKinds> kColumns = [] {
    std::array<std::vector<Column>, ref::kPolicyKinds> all;
    for (const ref::PolicyInfo& info : ref::kPolicies) {
      std::vector<Column>& c = all[static_cast<std::size_t>(info.kind)];
      c.push_back(Column::W);
      if (info.reads.score) c.push_back(Column::Score);
      if (info.reads.cap) c.push_back(Column::Cap);
      if (info.reads.leverage) c.push_back(Column::Leverage);
      if (info.reads.risk_weight) c.push_back(Column::RiskWeight);
      if (info.reads.equity) c.push_back(Column::Equity);
      if (info.reads.rho) c.push_back(Column::Rho);
    }
    return all;
  }();
  return kColumns[static_cast<std::size_t>(policy)];
}

const std::vector<PolicyKind>& vector_policies() {
  static const std::vector<PolicyKind> all{PolicyKind::Queue,          PolicyKind::ProRata, PolicyKind::CappedProRata,
                                           PolicyKind::LeveredProRata, PolicyKind::Rap,     PolicyKind::MinMax,
                                           PolicyKind::GreedyOneStep};
  return all;
}

std::vector<std::int64_t>& Vector::column(Column c) {
  switch (c) {
    case Column::W: return w;
    case Column::Score: return score;
    case Column::Cap: return cap;
    case Column::Leverage: return leverage;
    case Column::RiskWeight: return risk_weight;
    case Column::Equity: return equity;
    case Column::Rho: return rho;
  }
  return w;
}

const std::vector<std::int64_t>& Vector::column(Column c) const { return const_cast<Vector&>(*this).column(c); }

std::int64_t capacity(const Vector& v) {
  return fx::narrow_to_int64(check::capacity_of(v.policy, to_input(v)), "the capacity of the vector");
}

void check_domain(const Vector& v) {
  const std::size_t n = v.size();
  const auto& needed = policy_columns(v.policy);
  for (const Column c :
       {Column::W, Column::Score, Column::Cap, Column::Leverage, Column::RiskWeight, Column::Equity, Column::Rho}) {
    const bool wanted = std::find(needed.begin(), needed.end(), c) != needed.end();
    const auto& column = v.column(c);
    if (wanted && column.size() != n) {
      throw ref::InvalidInput("'" + std::string(column_key(c)) + "' has " + std::to_string(column.size()) +
                              " entries, 'w' has " + std::to_string(n));
    }
    if (!wanted && !column.empty()) {
      throw ref::InvalidInput("'" + std::string(column_key(c)) + "' is not read by policy " +
                              ref::policy_name(v.policy));
    }
  }
  if (v.budget < 0) throw ref::InvalidInput("'budget' is negative");
  i128 total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (v.w[i] < 0) invalid("w", i, "the endowment must be >= 0");
    total += v.w[i];
    if (total > kMax) invalid("w", i, "the capacity U = sum of w exceeds INT64_MAX (FX-OVERFLOW)");
    if (!v.cap.empty() && (v.cap[i] < 0 || v.cap[i] > v.w[i])) invalid("cap", i, "the money cap must lie in [0, w]");
    if (!v.leverage.empty() && (v.leverage[i] < 0 || (v.w[i] > 0 && v.leverage[i] == 0))) {
      invalid("leverage", i, "the leverage must be >= 0, and > 0 where w > 0");
    }
    if (!v.risk_weight.empty() && v.risk_weight[i] < 0) invalid("risk_weight", i, "the risk weight must be >= 0");
    if (!v.rho.empty() && v.rho[i] < 0) invalid("rho", i, "rho must be >= 0");
    if (v.policy == PolicyKind::MinMax && v.w[i] > 0 && v.equity[i] <= 0) {  // POL-MINMAX-CONT: burdens x/e
      invalid("equity", i, "min-max needs equity > 0 where w > 0");
    }
  }
}

Expected reference_outcome(const Vector& v) {
  check_domain(v);
  const check::RefOutput r = check::run_ref(v.policy, to_input(v));
  switch (r.outcome) {
    case check::Outcome::Ok: return Expected{Status::Ok, r.rounded};
    case check::Outcome::Infeasible: return Expected{Status::Infeasible, {}};
    case check::Outcome::InvalidInput: throw ref::InvalidInput(r.error);
    case check::Outcome::Overflow:
    case check::Outcome::Unexpected: break;
  }
  throw std::logic_error("the reference failed on vector " + v.id + ": " + r.error);
}

}  // namespace adl::conf
