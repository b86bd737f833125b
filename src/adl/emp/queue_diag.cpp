#include "adl/emp/queue_diag.hpp"

#include "adl/ref/error.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <utility>

namespace adl::emp {
namespace {

using ref::Rational;
using Float50 = boost::multiprecision::cpp_bin_float_50;

Rational max_of(const Rational& a, const Rational& b) { return a < b ? b : a; }
Rational min_of(const Rational& a, const Rational& b) { return a < b ? a : b; }
using ref::abs_of;

// f·exp(−β·x/cap') in 50-digit binary floating point, returned as the exact
// value of that float (EMP-QUEUE-DIAG step 6).
Rational decayed(const Rational& f, const Rational& beta, const Rational& haircut, const Rational& scaled_capacity) {
  const Rational exponent = beta * haircut / scaled_capacity;
  const Float50 factor = boost::multiprecision::exp(Float50(-exponent));
  const Float50 next = Float50(f) * factor;
  return Rational(next);
}

// Greedy fill of `budget` by decreasing scaled score (POL-QUEUE in USD); ties
// broken per `tie_break` on the items' stable time order.
std::vector<Rational> greedy_fill(const std::vector<QueueItem>& items, const Rational& budget, TieBreak tie_break,
                                  std::vector<std::size_t>* order_out) {
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (items[a].scaled_score != items[b].scaled_score) {
      return items[a].scaled_score > items[b].scaled_score;
    }
    return tie_break == TieBreak::kPipeline ? a > b : a < b;
  });
  std::vector<Rational> haircut(items.size());
  Rational remaining = budget;
  for (const std::size_t i : order) {
    if (remaining <= 0) break;
    const Rational take = min_of(remaining, items[i].scaled_capacity);
    if (take > 0) {
      haircut[i] = take;
      remaining -= take;
    }
  }
  if (order_out != nullptr) *order_out = std::move(order);
  return haircut;
}

std::string cluster_name(const CoinCluster& c) { return c.coin + " cluster " + std::to_string(c.cluster_id); }

}  // namespace

const char* tie_break_name(TieBreak tie_break) { return tie_break == TieBreak::kPipeline ? "pipeline" : "file"; }

std::optional<TieBreak> parse_tie_break(std::string_view text) {
  if (text == "pipeline") return TieBreak::kPipeline;
  if (text == "file") return TieBreak::kFile;
  return std::nullopt;
}

QueueDiagnostic queue_diagnostic(const EventTable& table, const std::vector<CoinCluster>& clusters,
                                 const QueueOptions& options) {
  if (options.beta < 0) {
    throw ref::InvalidInput("beta must be >= 0, found " + ref::to_decimal(options.beta));
  }
  QueueDiagnostic out;
  out.tie_break = options.tie_break;
  out.beta = options.beta;
  out.complete_markets = options.complete_markets;
  const std::set<std::string> complete(options.complete_markets.begin(), options.complete_markets.end());
  std::set<std::string> reported;
  for (const auto& coin : options.complete_markets) {
    if (!reported.insert(coin).second) continue;
    const bool present = std::any_of(clusters.begin(), clusters.end(),
                                     [&](const CoinCluster& c) { return c.coin == coin; });
    if (!present) {
      out.findings.push_back(Finding{Severity::kWarning, "queue.complete_market_absent", table.source, 0, "coin",
                                     "market '" + coin + "' is declared complete but has no rows in the event table"});
    }
  }

  // f(user, coin), carried across the clusters of a coin; every pair that was an item.
  std::map<std::pair<std::string, std::string>, Rational> participation;

  for (const CoinCluster& cluster : clusters) {
    if (complete.count(cluster.coin) == 0) continue;
    QueueCluster q;
    q.coin = cluster.coin;
    q.cluster_id = cluster.cluster_id;
    q.t_start_ms = cluster.t_start_ms;
    q.t_end_ms = cluster.t_end_ms;
    q.rows = cluster.rows.size();
    q.deficit = cluster.deficit;

    // Step 1: items, in the cluster's stable time order.
    std::vector<const EventRow*> item_rows;
    std::vector<std::size_t> item_index;
    for (const std::size_t i : cluster.rows) {
      const EventRow& row = table.rows[i];
      if (!row.is_negative_equity && row.closed_pnl > 0) {
        item_rows.push_back(&row);
        item_index.push_back(i);
      }
    }
    // The account cap uses the user's first item row in the cluster, as the
    // pipeline's groupby(user).first() does: the account-level columns are
    // meant to be equal on every row of a user (EMP-EVENT-TABLE), but are not
    // always; account_cap_differing_items counts where that choice matters.
    std::map<std::string, Rational> account_upnl;
    for (const EventRow* row : item_rows) account_upnl.try_emplace(address_key(row->user), row->total_unrealized_pnl);

    Rational sum_scores;
    std::size_t first_nonpositive_line = 0;
    std::size_t first_differing_line = 0;
    for (std::size_t k = 0; k < item_rows.size(); ++k) {
      const EventRow& row = *item_rows[k];
      QueueItem item;
      item.row = item_index[k];
      item.line = row.line;
      item.user = row.user;
      item.score = row.closed_pnl;
      // Step 2: cap = (position uPnL)₊, capped by a positive account uPnL, raised to s.
      const Rational position_cap = max_of(row.position_unrealized_pnl, Rational(0));
      const Rational& account = account_upnl.at(address_key(row.user));
      Rational cap = account > 0 ? min_of(position_cap, account) : position_cap;
      const Rational own_cap = row.total_unrealized_pnl > 0 ? min_of(position_cap, row.total_unrealized_pnl)
                                                            : position_cap;
      if (max_of(own_cap, item.score) != max_of(cap, item.score)) {
        ++q.account_cap_differing_items;
        if (first_differing_line == 0) first_differing_line = row.line;
      }
      if (cap <= 0) {
        item.nonpositive_before_raise = true;
        ++q.nonpositive_capacity_rows;
        if (first_nonpositive_line == 0) first_nonpositive_line = row.line;
      }
      if (cap < item.score) {
        cap = item.score;
        item.raised_to_score = true;
      }
      item.capacity = cap;
      // Step 3: scale by f(user, coin).
      const auto key = std::make_pair(row.coin, address_key(row.user));
      const Rational& f = participation.try_emplace(key, Rational(1)).first->second;
      item.participation = f;
      if (f != 1) q.exact = false;
      item.scaled_score = f * item.score;
      item.scaled_capacity = f * item.capacity;
      q.total_capacity += item.scaled_capacity;
      sum_scores += item.scaled_score;
      q.items.push_back(std::move(item));
    }
    q.budget = min_of(sum_scores, q.total_capacity);

    // Step 4: greedy fill; the other tie order only to tell whether it matters.
    std::vector<std::size_t> order;
    const std::vector<Rational> haircut = greedy_fill(q.items, q.budget, options.tie_break, &order);
    const TieBreak other = options.tie_break == TieBreak::kPipeline ? TieBreak::kFile : TieBreak::kPipeline;
    q.tie_order_matters = greedy_fill(q.items, q.budget, other, nullptr) != haircut;
    for (std::size_t r = 0; r < order.size(); ++r) q.items[order[r]].rank = r;
    for (std::size_t i = 0; i < q.items.size(); ++i) q.items[i].haircut = haircut[i];
    for (std::size_t i = 0; i < q.items.size(); ++i) {
      if (q.items[i].haircut <= 0) continue;
      for (std::size_t j = 0; j < q.items.size(); ++j) {
        if (j != i && q.items[j].scaled_score == q.items[i].scaled_score) {
          ++q.tied_haircut_items;
          break;
        }
      }
    }

    // Step 5.
    q.overshoot = max_of(q.budget - q.deficit, Rational(0));
    q.residual = max_of(q.deficit - q.budget, Rational(0));

    // Step 6: f ← f·exp(−β·x/cap'), cap' at the start of the cluster.
    if (options.beta > 0) {
      for (const QueueItem& item : q.items) {
        if (item.scaled_capacity > 0 && item.haircut > 0) {
          Rational& f = participation.at(std::make_pair(q.coin, address_key(item.user)));
          f = decayed(f, options.beta, item.haircut, item.scaled_capacity);
        }
      }
    }

    // What this cluster's diagnostic notes (info findings of the event table, named by cluster).
    const auto note = [&](const char* check, std::size_t line, const char* field, const std::string& what) {
      out.findings.push_back(
          Finding{Severity::kInfo, check, table.source, line, field, cluster_name(cluster) + ": " + what});
    };
    if (q.nonpositive_capacity_rows > 0) {
      note("queue.nonpositive_capacity", first_nonpositive_line, "position_unrealized_pnl",
           std::to_string(q.nonpositive_capacity_rows) +
               " item(s) have capacity <= 0 before the raise to the score; adlref keeps them with "
               "capacity s (the reference), the pipeline's code skips them");
    }
    if (q.account_cap_differing_items > 0) {
      note("queue.account_cap_row", first_differing_line, "total_unrealized_pnl",
           std::to_string(q.account_cap_differing_items) +
               " item(s) would get another capacity from their own row's total_unrealized_pnl than "
               "from the user's first item row in the cluster (used, as the pipeline does)");
    }
    if (q.tie_order_matters) {
      note("queue.tie_order", table.rows[cluster.rows.front()].line, "closed_pnl",
           "items of equal scaled score share the budget differently under the other tie-break "
           "(AMB-E-12); this run uses '" +
               std::string(tie_break_name(options.tie_break)) + "'");
    }

    QueueTotals& t = out.totals;
    ++t.clusters;
    t.items += q.items.size();
    t.nonpositive_capacity_rows += q.nonpositive_capacity_rows;
    t.deficit += q.deficit;
    t.total_capacity += q.total_capacity;
    t.budget += q.budget;
    t.overshoot += q.overshoot;
    t.residual += q.residual;
    out.clusters.push_back(std::move(q));
  }

  out.totals.participants = participation.size();
  if (!participation.empty()) {
    Rational sum;
    for (const auto& [key, f] : participation) sum += f;
    out.totals.mean_participation = sum / static_cast<long>(participation.size());
  }
  return out;
}

Rational example_tolerance() { return Rational(1, 1000000); }

ExampleComparison compare_example_clusters(const std::vector<ExampleQueueCluster>& examples,
                                           const QueueDiagnostic& diagnostic, const std::string& source) {
  ExampleComparison out;
  out.tolerance = example_tolerance();
  for (const auto& example : examples) {
    ExampleClusterDiff diff;
    diff.example = example;
    const std::string name = example.coin + " cluster " + std::to_string(example.cluster_id);
    const auto it = std::find_if(diagnostic.clusters.begin(), diagnostic.clusters.end(), [&](const QueueCluster& q) {
      return q.coin == example.coin && q.cluster_id == example.cluster_id;
    });
    if (it == diagnostic.clusters.end()) {
      const bool complete = std::find(diagnostic.complete_markets.begin(), diagnostic.complete_markets.end(),
                                      example.coin) != diagnostic.complete_markets.end();
      out.findings.push_back(Finding{Severity::kInfo, "queue.example_not_compared", source, example.line, "cluster_id",
                                     name + " is not compared: " +
                                         (complete ? std::string("the event table gives no such cluster")
                                                   : "'" + example.coin + "' is not declared a complete market")});
      out.rows.push_back(std::move(diff));
      continue;
    }
    const QueueCluster& q = *it;
    diff.found = true;
    ++out.compared;
    diff.times_match = q.t_start_ms == example.t_start_ms && q.t_end_ms == example.t_end_ms;
    if (!diff.times_match) {
      out.within_tolerance = false;
      out.findings.push_back(Finding{Severity::kWarning, "queue.example_times", source, example.line, "t_start_ms",
                                     name + ": the file gives " + std::to_string(example.t_start_ms) + "–" +
                                         std::to_string(example.t_end_ms) + ", the event rows give " +
                                         std::to_string(q.t_start_ms) + "–" + std::to_string(q.t_end_ms)});
    }
    const std::pair<const char*, std::pair<const Rational*, const Rational*>> fields[] = {
        {"deficit_usd", {&q.deficit, &example.deficit_usd}},
        {"total_capacity_usd", {&q.total_capacity, &example.total_capacity_usd}},
        {"budget_queue_usd", {&q.budget, &example.budget_queue_usd}},
        {"overshoot_queue_usd", {&q.overshoot, &example.overshoot_queue_usd}},
        {"residual_queue_usd", {&q.residual, &example.residual_queue_usd}},
    };
    for (const auto& [field, values] : fields) {
      const Rational d = abs_of(*values.first - *values.second);
      if (diff.worst_field.empty() || d > diff.max_abs_diff) {
        diff.max_abs_diff = d;
        diff.worst_field = field;
      }
    }
    if (diff.max_abs_diff > out.max_abs_diff) out.max_abs_diff = diff.max_abs_diff;
    if (diff.max_abs_diff > out.tolerance) {
      out.within_tolerance = false;
      out.findings.push_back(Finding{Severity::kWarning, "queue.example_mismatch", source, example.line,
                                     diff.worst_field,
                                     name + ": " + diff.worst_field + " differs by " +
                                         ref::to_decimal(diff.max_abs_diff, 12) + " (tolerance 1e-6 USD)"});
    }
    out.rows.push_back(std::move(diff));
  }
  return out;
}

}  // namespace adl::emp
