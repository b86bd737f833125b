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
using fx::Money;
using fx::u128;
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

/// The policy computed by adl::fx.
Column with_fx(const std::string& policy, const nlohmann::json& request, Money budget) {
  const Column w = column(request, "w");
  const Column cap = column(request, "cap");
  fx::Allocation a;
  if (policy == "queue") {
    a = fx::queue(w, column(request, "score"), budget);
  } else if (policy == "pro-rata") {
    a = fx::pro_rata(w, budget);
  } else if (policy == "capped-pro-rata") {
    a = fx::capped_pro_rata(w, cap, budget);
  } else if (policy == "levered-pro-rata") {
    a = fx::levered_pro_rata(w, cap, column(request, "leverage"), budget);
  } else if (policy == "rap") {
    a = fx::rap(w, cap, column(request, "risk_weight"), budget);
  } else if (policy == "min-max") {
    a = fx::min_max_burden(w, column(request, "equity"), cap, budget);
  } else if (policy == "greedy-one-step") {
    a = fx::greedy_one_step(w, column(request, "equity"), cap, column(request, "rho"), budget);
  } else {
    throw fx::InvalidInput("unknown policy '" + policy + "'");
  }
  return a.seized;
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
