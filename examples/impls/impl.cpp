// Example implementations under test (spec/harness.md, CONF-PROTOCOL). Each
// reads one request per line on standard input and writes one reply line:
//   {"id":…,"status":"ok","seized":[…]} | {"id":…,"status":"infeasible"} |
//   {"id":…,"status":"error","message":…}
// The correct one computes every policy with adl::fx, which equals the
// reference's rounding contract bit for bit (spec/fx.md). The others carry
// one deliberate, realistic bug each (impl.hpp).
#include "impl.hpp"

#include "adl/fx/error.hpp"
#include "adl/fx/number.hpp"
#include "adl/fx/policies.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

namespace adl::examples {
namespace {

using fx::i128;
using fx::u128;
using Money = std::int64_t;  // the protocol's raw micro-USD; adl::fx types its own columns
using Column = std::vector<std::int64_t>;

Column column(const nlohmann::json& request, const char* key) {
  if (!request.contains(key)) return {};
  return request.at(key).get<Column>();
}

/// The queue with the tie rule backwards: equal scores go by DESCENDING index
/// (POL-QUEUE says ascending). Otherwise correct.
Column queue_ties_reversed(const Column& w, const Column& score, Money budget) {
  i128 capacity = 0;
  for (const Money x : w) capacity += x;
  if (budget > capacity) throw fx::Infeasible("budget above capacity");
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] > 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (score[a] != score[b]) return score[a] > score[b];
    return a > b;  // the bug: should be a < b
  });
  Column seized(w.size(), 0);
  Money left = budget;
  for (const std::size_t i : order) {
    seized[i] = std::min(w[i], left);
    left -= seized[i];
  }
  return seized;
}

/// Pro-rata that rounds every share B·w_i/U up instead of handing out the
/// leftover units by largest remainder: the shares can sum to more than B.
Column pro_rata_round_up(const Column& w, Money budget) {
  i128 capacity = 0;
  for (const Money x : w) capacity += x;
  Column seized(w.size(), 0);
  if (budget == 0) return seized;
  if (capacity == 0 || budget > capacity) throw fx::Infeasible("budget above capacity");
  const auto u = static_cast<u128>(capacity);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const u128 product = static_cast<u128>(budget) * static_cast<u128>(w[i]);
    seized[i] = static_cast<Money>((product + u - 1) / u);  // the bug: ceiling
  }
  return seized;
}

/// A request's column in the unit adl::fx reads it in.
template <class Unit>
std::vector<fx::Fixed<Unit>> typed(const nlohmann::json& request, const char* key) {
  const Column raw = column(request, key);
  return {raw.begin(), raw.end()};
}

/// The policy computed by adl::fx, through its registry.
Column with_fx(const std::string& policy, const nlohmann::json& request, Money budget) {
  const auto known = std::find_if(adl::kPolicies.begin(), adl::kPolicies.end(),
                                  [&](const adl::PolicyInfo& p) { return p.name == policy && !p.reads.quantity; });
  if (known == adl::kPolicies.end()) throw fx::InvalidInput("unknown policy '" + policy + "'");
  fx::Book book;
  book.endowment = typed<fx::MoneyUnit>(request, "w");
  book.cap = typed<fx::MoneyUnit>(request, "cap");
  book.equity = typed<fx::MoneyUnit>(request, "equity");
  book.score = typed<fx::FractionUnit>(request, "score");
  book.leverage = typed<fx::FractionUnit>(request, "leverage");
  book.risk_weight = typed<fx::FractionUnit>(request, "risk_weight");
  book.rho = typed<fx::FractionUnit>(request, "rho");
  return fx::raw_counts(fx::run_policy(fx::view(book), known->kind, budget).seized);
}

nlohmann::json handle(const nlohmann::json& request, Bug bug) {
  nlohmann::json reply;
  reply["id"] = request.contains("id") ? request.at("id") : nlohmann::json();
  const std::string policy = request.at("policy").get<std::string>();
  const Money budget = request.at("budget").get<Money>();
  const Column w = column(request, "w");

  if (bug == Bug::CrashOnEmpty) {
    // The bug: the largest endowment is seeded with account 0, which an empty
    // book does not have. std::vector::at throws, nothing catches it: abort.
    Money largest = w.at(0);
    for (const Money x : w) largest = std::max(largest, x);
    (void)largest;
  }
  if (bug == Bug::Hang && budget > 0) {
    i128 capacity = 0;
    const Column cap = column(request, "cap");
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i] > 0) capacity += cap.empty() ? w[i] : cap[i];
    }
    // The bug: at B = capacity the fill loop waits for an account that is not
    // yet saturated, and there is none. It never replies.
    while (budget == capacity) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  try {
    Column seized;
    if (bug == Bug::TiesReversed && policy == "queue") {
      seized = queue_ties_reversed(w, column(request, "score"), budget);
    } else if (bug == Bug::RoundUp && policy == "pro-rata") {
      seized = pro_rata_round_up(w, budget);
    } else {
      seized = with_fx(policy, request, budget);
    }
    reply["status"] = "ok";
    reply["seized"] = seized;
  } catch (const fx::Infeasible&) {
    reply["status"] = "infeasible";
  } catch (const std::exception& e) {
    reply["status"] = "error";
    reply["message"] = e.what();
  }
  return reply;
}

}  // namespace

int run_implementation(Bug bug) {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    nlohmann::json reply;
    nlohmann::json request;
    try {
      request = nlohmann::json::parse(line);
    } catch (const std::exception& e) {
      reply["id"] = nullptr;
      reply["status"] = "error";
      reply["message"] = std::string("request is not JSON: ") + e.what();
      std::cout << reply.dump() << '\n' << std::flush;
      continue;
    }
    if (bug == Bug::CrashOnEmpty) {
      reply = handle(request, bug);  // may abort, on purpose
    } else {
      try {
        reply = handle(request, bug);
      } catch (const std::exception& e) {
        reply["id"] = request.contains("id") ? request.at("id") : nlohmann::json();
        reply["status"] = "error";
        reply["message"] = e.what();
      }
    }
    std::cout << reply.dump() << '\n' << std::flush;
  }
  return 0;
}

}  // namespace adl::examples
