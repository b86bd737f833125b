// `adl replay --json`: one document, schema adlref.replay/1 (EMP-REPLAY-JSON).
// Money is a JSON number rounded to the cent with the exact rational beside it
// under `exact`; the queue diagnostic's values are full-precision doubles.
// Formats emp::ReplaySummary; computes nothing.
#include "common.hpp"
#include "replay_render.hpp"

#include <cstdlib>
#include <initializer_list>
#include <utility>

namespace adl::cli::replay_render {
namespace {

using nlohmann::ordered_json;
using ref::Rational;

constexpr const char* kSchema = "adlref.replay/1";

// The money value as a JSON number rounded to the cent (EMP-REPLAY-JSON).
ordered_json money(const Rational& x) {
  return std::strtod(ref::to_decimal(ref::round_half_away(x, 2), 2).c_str(), nullptr);
}

template <class T>
ordered_json or_null(const std::optional<T>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

// A JSON key and the exact amount written under it.
using Amount = std::pair<const char*, const Rational&>;

// Money amounts rounded to the cent into `object` and, when `exact` is given,
// their exact rationals under the same keys into `exact`.
void put_money(ordered_json& object, ordered_json* exact, std::initializer_list<Amount> amounts) {
  for (const auto& [key, usd] : amounts) {
    object[key] = money(usd);
    if (exact) (*exact)[key] = exact_json(usd);
  }
}

ordered_json totals(const emp::ReplaySummary& s) {
  ordered_json totals;
  ordered_json exact;
  totals["waves"] = s.num_waves;
  for (const emp::MoneyLine& line : s.headlines) put_money(totals, &exact, {{line.key.c_str(), line.usd}});
  totals["waves_undershoot"] = s.waves_undershoot;
  put_money(totals, &exact, {{"band_min_usd", s.band_min_usd}, {"band_max_usd", s.band_max_usd}});
  totals["band_max_horizon_ms"] = s.band_max_horizon_ms;
  totals["exact"] = exact;
  return totals;
}

ordered_json horizons(const emp::ReplaySummary& s) {
  ordered_json list = ordered_json::array();
  for (const emp::HorizonTotal& h : s.horizons) {
    ordered_json exact{{"prod_usd", exact_json(h.prod_usd)}, {"overshoot_usd", exact_json(h.overshoot_usd)}};
    list.push_back({{"horizon_ms", h.horizon_ms},
                    {"prod_usd", money(h.prod_usd)},
                    {"needed_usd", money(h.needed_usd)},
                    {"overshoot_usd", money(h.overshoot_usd)},
                    {"exact", exact}});
  }
  return list;
}

ordered_json waves(const emp::ReplaySummary& s) {
  ordered_json list = ordered_json::array();
  for (const emp::WavePoint& w : s.waves) {
    ordered_json j{{"wave", w.wave}, {"t_start_ms", w.t_start_ms}, {"t_end_ms", w.t_end_ms}};
    put_money(j, nullptr,
              {{"deficit_usd", w.deficit_usd},
               {"max_loss_usd", w.max_loss_usd},
               {"needed_usd", w.needed_usd},
               {"prod_usd", w.prod_usd},
               {"overshoot_usd", w.overshoot_usd}});
    j["theta_needed_capped"] = exact_json(w.theta_needed_capped);
    j["theta_prod_capped"] = exact_json(w.theta_prod_capped);
    ordered_json budgets = nullptr;
    if (w.policy_budget_usd) {
      budgets = ordered_json::object();
      for (std::size_t k = 0; k < emp::kPolicyCount; ++k) {
        budgets[std::string(emp::kPolicyNames[k])] = money((*w.policy_budget_usd)[k]);
      }
    }
    j["policy_budget_usd"] = budgets;
    list.push_back(j);
  }
  return list;
}

ordered_json policies(const emp::ReplaySummary& s) {
  ordered_json list = ordered_json::array();
  for (const emp::PolicyLoss& p : s.policies) {
    ordered_json j{{"name", p.name}, {"label", emp::policy_label(p.name)}};
    ordered_json exact;
    put_money(j, &exact, {{"tracking_usd", p.tracking_usd}, {"fairness_usd", p.fairness_usd}, {"l1_usd", p.l1_usd}});
    j["ratio_to_bound"] = to_double(p.ratio_to_bound);
    exact["ratio_to_bound_low"] = exact_json(p.ratio_to_bound_low);
    exact["ratio_to_bound_high"] = exact_json(p.ratio_to_bound_high);
    j["exact"] = exact;
    list.push_back(j);
  }
  return list;
}

ordered_json bound(const emp::Bound& b) {
  ordered_json j{{"path_length", to_double(b.path_length)},
                 {"sum_deficit_squared_usd2", to_double(b.sum_deficit_squared_usd2)}};
  ordered_json exact{{"path_length", exact_json(b.path_length)},
                     {"radicand", exact_json(b.radicand)},
                     {"bound_floor_cent_usd", exact_json(b.bound_usd)},
                     {"bound_floor_fine_usd", exact_json(b.bound_fine_usd)}};
  put_money(j, nullptr,
            {{"bound_usd", b.bound_usd},
             {"prod_loss_capped_usd", b.prod_loss_capped_usd},
             {"prod_loss_uncapped_usd", b.prod_loss_uncapped_usd}});
  exact["prod_loss_capped_usd"] = exact_json(b.prod_loss_capped_usd);
  exact["prod_loss_uncapped_usd"] = exact_json(b.prod_loss_uncapped_usd);
  j["exact"] = exact;
  return j;
}

ordered_json event_table(const emp::EventSummary& ev) {
  const emp::EventTableSummary& t = ev.table;
  return {{"file", ev.source},
          {"rows", t.rows},
          {"users", t.users},
          {"liquidated_users", t.liquidated_users},
          {"coins", t.coins},
          {"negative_equity_rows", t.negative_equity_rows},
          {"first_time_ms", or_null(t.first_time_ms)},
          {"last_time_ms", or_null(t.last_time_ms)},
          {"users_with_unequal_account_columns", t.users_with_unequal_account_columns},
          {"findings_warning", t.findings_warning},
          {"findings_info", t.findings_info}};
}

ordered_json event_waves(const emp::EventSummary& ev) {
  ordered_json list = ordered_json::array();
  for (const emp::EventWaveLine& w : ev.waves) {
    ordered_json j{{"wave", or_null(w.published_wave)},
                   {"t_start_ms", or_null(w.t_start_ms)},
                   {"t_end_ms", or_null(w.t_end_ms)},
                   {"rows", or_null(w.rows)}};
    if (ev.waves_compared) {
      j["matches_published"] = w.matches_published;
      j["published_deficit_usd"] = w.published_deficit_usd ? money(*w.published_deficit_usd) : ordered_json(nullptr);
    }
    list.push_back(j);
  }
  return {{"waves", list}, {"deficits_recomputable", ev.deficits_recomputable}, {"note", ev.deficit_note}};
}

ordered_json clusters(const emp::EventSummary& ev) {
  ordered_json list = ordered_json::array();
  for (const emp::CoinCluster& c : ev.clusters) {
    list.push_back({{"coin", c.coin},
                    {"cluster_id", c.cluster_id},
                    {"t_start_ms", c.t_start_ms},
                    {"t_end_ms", c.t_end_ms},
                    {"rows", c.rows.size()},
                    {"deficit_usd", money(c.deficit)},
                    {"exact", {{"deficit_usd", exact_json(c.deficit)}}}});
  }
  return list;
}

// The four queue amounts under their JSON names, as doubles and as 15-digit decimals.
void queue_amounts(ordered_json& j, ordered_json* decimals, const Rational& capacity, const Rational& budget,
                   const Rational& overshoot, const Rational& residual) {
  for (const auto& [key, usd] : {Amount{"total_capacity_usd", capacity}, Amount{"budget_queue_usd", budget},
                                 Amount{"overshoot_queue_usd", overshoot}, Amount{"residual_queue_usd", residual}}) {
    j[key] = to_double(usd);
    if (decimals) (*decimals)[key] = ref::to_decimal(usd, 15);
  }
}

ordered_json queue_clusters(const emp::EventSummary& ev) {
  ordered_json list = ordered_json::array();
  for (const emp::QueueCluster& c : ev.queue.clusters) {
    // The diagnostic's values are compared to 1e-6 with the pipeline, so
    // they are given as JSON numbers at full double precision, not cents.
    ordered_json j{{"coin", c.coin},
                   {"cluster_id", c.cluster_id},
                   {"t_start_ms", c.t_start_ms},
                   {"t_end_ms", c.t_end_ms},
                   {"deficit_usd", to_double(c.deficit)}};
    ordered_json decimals;
    queue_amounts(j, &decimals, c.total_capacity, c.budget, c.overshoot, c.residual);
    j["items"] = c.items.size();
    j["ties_among_haircut_items"] = c.ties_among_haircut_items();
    j["tie_order_matters"] = c.tie_order_matters;
    j["exact_arithmetic"] = c.exact;
    j["decimal"] = decimals;
    list.push_back(j);
  }
  return list;
}

ordered_json queue(const emp::EventSummary& ev) {
  const emp::QueueDiagnostic& q = ev.queue;
  ordered_json totals{
      {"clusters", q.totals.clusters}, {"items", q.totals.items}, {"deficit_usd", to_double(q.totals.deficit)}};
  queue_amounts(totals, nullptr, q.totals.total_capacity, q.totals.budget, q.totals.overshoot, q.totals.residual);
  totals["participants"] = q.totals.participants;
  totals["mean_participation"] = to_double(q.totals.mean_participation);
  ordered_json examples = nullptr;
  if (ev.examples) {
    examples = {{"compared", ev.examples->compared},
                {"rows", ev.examples->rows.size()},
                {"max_abs_diff_usd", to_double(ev.examples->max_abs_diff)},
                {"tolerance_usd", to_double(ev.examples->tolerance)},
                {"within_tolerance", ev.examples->within_tolerance}};
  }
  return {{"tie_break", emp::tie_break_name(q.tie_break)},
          {"beta", exact_json(q.beta)},
          {"complete_markets", q.complete_markets},
          {"totals", totals},
          {"examples", examples}};
}

ordered_json conformance(const emp::EventSummary& ev) {
  ordered_json checks = ordered_json::array();
  for (const emp::ConformanceCheck& c : ev.conformance.checks) {
    ordered_json worst = ordered_json::array();
    for (const emp::ConformanceCase& w : c.worst) {
      worst.push_back({{"line", w.line}, {"violation", exact_json(w.violation)}, {"detail", w.detail}});
    }
    checks.push_back({{"id", c.id},
                      {"name", c.name},
                      {"description", c.description},
                      {"violation_measure", c.violation_measure},
                      {"checked", c.checked},
                      {"failing", c.failing},
                      {"not_observable", c.not_observable},
                      {"worst", worst}});
  }
  return {{"rows", ev.conformance.rows}, {"checks", checks}};
}

ordered_json findings(const emp::Findings& findings) {
  ordered_json list = ordered_json::array();
  for (const emp::Finding& f : findings) {
    list.push_back({{"severity", emp::severity_name(f.severity)},
                    {"check", f.check},
                    {"file", f.file},
                    {"line", f.line == 0 ? ordered_json(nullptr) : ordered_json(f.line)},
                    {"field", f.field},
                    {"message", f.message}});
  }
  return list;
}

// The event sections in document order; null with a `missing` note without events/.
void event_sections(ordered_json& doc, const emp::ReplaySummary& s) {
  using Section = std::pair<const char*, ordered_json (*)(const emp::EventSummary&)>;
  const Section sections[] = {{"event_table", event_table},
                              {"event_waves", event_waves},
                              {"clusters", clusters},
                              {"queue_clusters", queue_clusters},
                              {"queue", queue},
                              {"conformance", conformance}};
  for (const auto& [key, build] : sections) doc[key] = s.events ? build(*s.events) : ordered_json(nullptr);
  if (!s.events) doc["missing"] = s.events_missing;
}

}  // namespace

std::string json(const emp::ReplaySummary& s) {
  ordered_json doc;
  doc["schema"] = kSchema;
  doc["data_dir"] = s.data_dir;
  doc["totals"] = totals(s);
  doc["horizons"] = horizons(s);
  doc["waves"] = waves(s);
  doc["policies"] = policies(s);
  doc["bound"] = bound(s.bound);
  event_sections(doc, s);
  ordered_json caveats = ordered_json::array();
  for (const emp::Caveat& c : s.caveats) caveats.push_back({{"about", c.key}, {"spec", c.spec}, {"text", c.text}});
  doc["caveats"] = caveats;
  doc["findings"] = findings(s.findings);
  return dump_json(doc);
}

}  // namespace adl::cli::replay_render
