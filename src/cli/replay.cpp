// `adl replay`: the October-10 reconstruction (spec/empirical.md). Reads the
// per-wave tables and the event table through adl::emp, prints tables for
// people (every caveat beside its number), or one JSON document
// (EMP-REPLAY-JSON), and optionally an HTML report with SVG plots (EMP-REPORT).
#include "commands.hpp"

#include "adl/emp/event_replay.hpp"
#include "adl/emp/perwave.hpp"
#include "adl/report/html.hpp"
#include "adl/report/plot.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>
#include <sstream>

namespace adl::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using ref::Rational;

constexpr const char* kSchema = "adlref.replay/1";

// ---------------------------------------------------------------- formatting

// Money rounded half away from zero to the cent, with thousands separators.
std::string money(const Rational& x) {
  const std::string plain = ref::to_decimal(ref::round_half_away(x, 2), 2);
  const bool negative = !plain.empty() && plain[0] == '-';
  std::string digits = negative ? plain.substr(1) : plain;
  std::size_t point = digits.find('.');
  if (point == std::string::npos) {
    digits += ".00";
    point = digits.size() - 3;
  } else if (digits.size() - point == 2) {
    digits += "0";
  }
  std::string grouped;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return (negative ? "-" : "") + grouped + digits.substr(point);
}

// The money value as a JSON number rounded to the cent (EMP-REPLAY-JSON).
ordered_json money_json(const Rational& x) {
  return std::strtod(ref::to_decimal(ref::round_half_away(x, 2), 2).c_str(), nullptr);
}

// A ratio as a percentage with `digits` decimals (rounded half away from zero).
std::string percent(const Rational& ratio, unsigned digits) {
  const std::string s = ref::to_decimal(ref::round_half_away(ratio * 100, digits), static_cast<int>(digits));
  std::string out = s;
  const std::size_t point = out.find('.');
  const std::size_t have = point == std::string::npos ? 0 : out.size() - point - 1;
  if (digits > 0 && point == std::string::npos) out += ".";
  out += std::string(digits - std::min<std::size_t>(digits, have), '0');
  return out + " %";
}

std::string decimal(const Rational& x, int digits = 6) { return ref::to_decimal(x, digits); }

// Unix milliseconds as `HH:MM:SS.mmm` UTC.
std::string utc_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buffer;
}

double to_double(const Rational& x) { return x.convert_to<double>(); }

// A small magnitude for people: `4.4e-13`, or `0` when exactly zero.
std::string scientific(const Rational& x) {
  if (x == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", to_double(x));
  return buffer;
}

// Names people read for the policy columns of policy_per_wave_metrics.csv.
std::string policy_label(const std::string& name) {
  static const std::map<std::string, std::string> labels{
      {"prod", "production"},
      {"pr", "continuous (wealth) pro-rata"},
      {"pnl_pr", "PnL-weighted pro-rata"},
      {"eq_pr", "equity-weighted pro-rata"},
      {"vector", "vector mirror descent"},
      {"contract_pr", "contract pro-rata"},
      {"fixed_point_ilp_integer", "min-max (ILP fallback)"}};
  const auto it = labels.find(name);
  return it == labels.end() ? name : it->second;
}

// The three largest violations of a conformance check, `line N: v; …`.
std::string worst_cases(const emp::ConformanceCheck& c) {
  std::string worst;
  for (std::size_t i = 0; i < c.worst.size() && i < 3; ++i) {
    worst += (i ? "; " : "") + std::string("line ") + std::to_string(c.worst[i].line) + ": " +
             ref::to_decimal(c.worst[i].violation, 6);
  }
  return worst;
}

// ---------------------------------------------------------------- caveats

// The caveats of spec/empirical.md, keyed by the number they qualify.
struct Caveat {
  std::string key;
  std::string spec;
  std::string text;
};

std::vector<Caveat> caveats(const emp::PerWaveReplay& pw) {
  const emp::Totals& t = pw.totals;
  std::vector<Caveat> out;
  out.push_back({"deficit_usd", "AMB-E-01",
                 "ΣD counts a loser once per wave, not once per event: one account's loss of 10,925,707.16 is the "
                 "largest loss in nine waves and is counted in each (about 98.3 M of the total)."});
  out.push_back({"overshoot_usd", "EMP-OVERSHOOT",
                 "O(0) is signed: production undershot in " + std::to_string(t.waves_undershoot) + " of " +
                     std::to_string(t.num_waves) + " waves. Positive part Σ(O_t)+ = " +
                     money(t.overshoot_positive_usd) + "; absolute Σ|O_t| = " + money(t.overshoot_abs_usd) + "."});
  out.push_back({"band", "AMB-E-07",
                 "O(Δ) is not monotone in the horizon Δ: its maximum is at " +
                     std::to_string(t.band_max_horizon_ms) + " ms, not at the longest horizon."});
  out.push_back({"bound_usd", "EMP-BOUND",
                 "𝔅 is the scale of a regret bound for an online learner on the loss D_t·|θ − θ_needed,t|; it is not a "
                 "bound on production's loss. Production's loss in that loss (capped θ) is " +
                     money(pw.bound.prod_loss_capped_usd) + "; uncapped it is " +
                     money(pw.bound.prod_loss_uncapped_usd) + " (= T(production))."});
  out.push_back({"policies", "EMP-LOSS-TABLE",
                 "The benchmark policies were handed B_needed,t, the budget known only after the fact; production was "
                 "not. The fairness reference is the min-max column, which is the pipeline's greedy fallback, not a "
                 "MIP (AMB-E-05)."});
  out.push_back({"queue_clusters", "AMB-E-06",
                 "The queue diagnostic spends realised closed PnL, not a deficit target, in equity dollars per coin "
                 "cluster: a distributional diagnostic, not comparable with O(0)."});
  return out;
}

std::string caveat_text(const std::vector<Caveat>& all, const std::string& key) {
  for (const Caveat& c : all) {
    if (c.key == key) return c.text + " [" + c.spec + "]";
  }
  return {};
}

// ---------------------------------------------------------------- inputs

fs::path data_dir(const ReplayOptions& options) {
  if (options.dir) return *options.dir;
  if (const char* shared = std::getenv("ADL_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return fs::path(shared) / "data" / "oct10";
  }
  return fs::path(ADL_DEFAULT_SHARED_DIR) / "data" / "oct10";
}

struct Inputs {
  fs::path dir;
  emp::PerWaveReplay per_wave;
  std::optional<emp::EventReplay> events;  // none when events/ is absent
  std::string events_missing;
};

Inputs load(const ReplayOptions& options, std::ostream& progress_stream) {
  Inputs in;
  in.dir = data_dir(options);
  std::error_code ec;
  if (!fs::is_directory(in.dir, ec)) {
    throw UsageError("replay: data folder '" + in.dir.string() +
                     "' not found. Pass the folder of the October-10 data (with per-wave/ and events/), e.g. "
                     "../shared/data/oct10; see spec/empirical.md.");
  }
  if (!fs::is_directory(in.dir / "per-wave", ec)) {
    throw UsageError("replay: '" + in.dir.string() + "' has no per-wave/ folder (the published per-wave tables)");
  }
  emp::EventOptions event_options;
  const auto tie = emp::parse_tie_break(options.tie_break);
  if (!tie) throw UsageError("--tie-break must be 'pipeline' or 'file', got '" + options.tie_break + "'");
  event_options.queue.tie_break = *tie;
  event_options.queue.beta = parse_number("--beta", options.beta);
  if (event_options.queue.beta < 0) throw UsageError("--beta must be ≥ 0, got " + options.beta);
  event_options.queue.complete_markets = options.complete_markets;

  Progress progress(progress_stream, 2);
  progress.show(0, "per-wave tables");
  in.per_wave = emp::load_per_wave(in.dir / "per-wave");
  progress.show(1, "event table");
  if (fs::is_directory(in.dir / "events", ec)) {
    in.events = emp::load_events(in.dir / "events", event_options);
  } else {
    in.events_missing = "events/ is absent from " + in.dir.string() + ": waves, clusters, the queue diagnostic and "
                        "production's conformance are not computed";
  }
  progress.show(2, "done");
  progress.finish();
  return in;
}

std::vector<emp::Finding> all_findings(const Inputs& in) {
  std::vector<emp::Finding> out = in.per_wave.findings;
  if (in.events) out.insert(out.end(), in.events->findings.begin(), in.events->findings.end());
  return out;
}

// ---------------------------------------------------------------- text

std::string text_report(const Inputs& in, const ReplayOptions& options) {
  const emp::PerWaveReplay& pw = in.per_wave;
  const emp::Totals& t = pw.totals;
  const std::vector<Caveat> cav = caveats(pw);
  std::ostringstream out;
  out << "adl replay — the 10 October 2025 Hyperliquid ADL event (spec/empirical.md)\n"
      << "Data: " << in.dir.string() << "\n"
      << "Money in USD, computed exactly from the CSV decimals and rounded to the cent for display.\n\n";

  {
    const emp::PerWaveTables& tb = pw.tables;
    out << "Per-wave tables read [EMP-PERWAVE-TABLES]\n";
    KeyValues read;
    read.add(tb.loser_waves.source, std::to_string(tb.loser_waves.rows.size()) + " rows");
    read.add(tb.two_pass.source, std::to_string(tb.two_pass.rows.size()) + " rows");
    read.add(tb.policy_per_wave.source, std::to_string(tb.policy_per_wave.rows.size()) + " rows");
    if (tb.horizon_summary) read.add(tb.horizon_summary->source, std::to_string(tb.horizon_summary->rows.size()) + " rows");
    if (tb.horizon_sweep) read.add(tb.horizon_sweep->source, std::to_string(tb.horizon_sweep->rows.size()) + " rows");
    if (tb.wave_coin_gap) read.add(tb.wave_coin_gap->source, std::to_string(tb.wave_coin_gap->rows.size()) + " rows");
    if (tb.summary_totals) read.add(tb.summary_totals->source, std::to_string(tb.summary_totals->rows.size()) + " rows");
    for (const std::string& m : tb.missing) read.add(m, "absent (its checks are skipped)");
    out << read.render("  ") << "\n";
  }

  out << "Headline totals (" << t.num_waves << " waves, horizon Δ = 0 ms) [EMP-HEADLINES]\n";
  Table totals({{"quantity", false}, {"USD", true}});
  totals.add_row({"ΣD_t   realized deficit", money(t.deficit_usd)});
  totals.add_row({"ΣB_needed   needed budget", money(t.needed_usd)});
  totals.add_row({"ΣH_prod(0)   production haircut", money(t.prod_usd)});
  totals.add_row({"O(0)   overshoot, signed", money(t.overshoot_usd)});
  totals.add_row({"Σ(O_t)+   overshoot, positive part", money(t.overshoot_positive_usd)});
  totals.add_row({"Σ|O_t|   overshoot, absolute", money(t.overshoot_abs_usd)});
  out << totals.render("  ");
  out << "  caveat: " << caveat_text(cav, "deficit_usd") << "\n";
  out << "  caveat: " << caveat_text(cav, "overshoot_usd") << "\n\n";

  out << "Horizon sweep [EMP-OVERSHOOT]\n";
  Table sweep({{"horizon Δ (ms)", true}, {"ΣH_prod(Δ)", true}, {"O(Δ)", true}});
  for (const emp::HorizonTotal& h : t.horizons) {
    sweep.add_row({std::to_string(h.horizon_ms), money(h.prod_usd), money(h.overshoot_usd)});
  }
  out << sweep.render("  ");
  out << "  band [" << money(t.band_min_usd) << ", " << money(t.band_max_usd) << "], maximum at "
      << t.band_max_horizon_ms << " ms\n";
  out << "  caveat: " << caveat_text(cav, "band") << "\n\n";

  out << "Waves (Δ = 0 ms) [EMP-DEFICIT, EMP-NEEDED, EMP-TWO-PASS]\n";
  Table waves({{"wave", true},
               {"start (UTC)", false},
               {"D_t", true},
               {"B_needed", true},
               {"H_prod", true},
               {"O_t", true},
               {"θ_needed", true},
               {"θ_prod", true}});
  for (const emp::WavePoint& w : pw.waves) {
    waves.add_row({std::to_string(w.wave), utc_time(w.t_start_ms), money(w.deficit_usd), money(w.needed_usd),
                   money(w.prod_usd), money(w.overshoot_usd), decimal(w.theta_needed_capped, 4),
                   decimal(w.theta_prod_capped, 4)});
  }
  out << waves.render("  ") << "\n";

  out << "Loss per policy, online-learning paper's table [EMP-LOSS-TABLE, EMP-BOUND]\n";
  Table losses({{"policy", false},
                {"tracking T", true},
                {"fairness F", true},
                {"L¹ = T + F", true},
                {"L¹ / 𝔅", true}});
  for (const emp::PolicyLoss& p : pw.policies) {
    losses.add_row({policy_label(p.name), money(p.tracking_usd), money(p.fairness_usd), money(p.l1_usd),
                    percent(p.ratio_to_bound, 2)});
  }
  out << losses.render("  ");
  KeyValues bound;
  bound.add("P̂ (path length of θ_needed, capped)", decimal(pw.bound.path_length, 6));
  bound.add("ΣD_t²", money(pw.bound.sum_deficit_squared_usd2) + " USD²");
  bound.add("𝔅 = √((1 + 2P̂)·ΣD_t²)", money(pw.bound.bound_usd) + " (rounded down to the cent)");
  bound.add("production in the bound's loss", money(pw.bound.prod_loss_capped_usd) + " = Σ D_t·|θ_prod − θ_needed| (capped θ)");
  out << bound.render("  ");
  out << "  caveat: " << caveat_text(cav, "bound_usd") << "\n";
  out << "  caveat: " << caveat_text(cav, "policies") << "\n\n";

  if (!in.events) {
    out << "Event table: " << in.events_missing << "\n\n";
  } else {
    const emp::EventReplay& ev = *in.events;
    const emp::EventTableSummary& s = ev.table.summary;
    out << "Event table " << ev.table.source << " [EMP-EVENT-TABLE]\n";
    KeyValues summary;
    summary.add("rows", std::to_string(s.rows));
    summary.add("users (winners)", std::to_string(s.users));
    summary.add("liquidated users", std::to_string(s.liquidated_users));
    summary.add("coins", std::to_string(s.coins));
    summary.add("rows with negative equity", std::to_string(s.negative_equity_rows));
    if (s.first_time_ms && s.last_time_ms) {
      summary.add("time span (UTC)", utc_time(*s.first_time_ms) + " – " + utc_time(*s.last_time_ms));
    }
    summary.add("findings", std::to_string(s.findings_warning) + " warnings, " + std::to_string(s.findings_info) +
                                " info (listed below)");
    out << summary.render("  ") << "\n";

    out << "Global waves of the event rows (gap > 5000 ms) [EMP-WAVES]\n";
    if (ev.wave_comparison) {
      Table wt({{"wave", true}, {"start (UTC)", false}, {"end (UTC)", false}, {"rows", true}, {"published", false}});
      for (const emp::WaveMatch& m : ev.wave_comparison->waves) {
        const std::string id = m.expected ? std::to_string(m.expected->wave) : "?";
        const auto& w = m.computed;
        wt.add_row({id, w ? utc_time(w->t_start_ms) : "—", w ? utc_time(w->t_end_ms) : "—",
                    w ? std::to_string(w->rows.size()) : "—",
                    m.matches() ? "matches" : (m.expected ? "DIFFERS (see findings)" : "not published")});
      }
      out << wt.render("  ");
      out << "  " << ev.wave_comparison->deficit_note << "\n\n";
    } else {
      out << "  " << ev.waves.size() << " waves; excerpt_expected_waves.csv absent, not compared\n\n";
    }

    std::size_t with_deficit = 0;
    Rational cluster_deficit = 0;
    for (const emp::CoinCluster& c : ev.clusters) {
      if (c.deficit > 0) ++with_deficit;
      cluster_deficit += c.deficit;
    }
    out << "Per-coin clusters (gap > 5000 ms) [EMP-CLUSTERS]: " << ev.clusters.size() << " clusters, "
        << with_deficit << " with a deficit, Σ deficit " << money(cluster_deficit) << " (equity $)\n";
    Table ct({{"coin", false}, {"cluster", true}, {"start (UTC)", false}, {"rows", true}, {"deficit", true}});
    for (const emp::CoinCluster& c : ev.clusters) {
      ct.add_row({c.coin, std::to_string(c.cluster_id), utc_time(c.t_start_ms), std::to_string(c.rows.size()),
                  money(c.deficit)});
    }
    out << ct.render("  ") << "\n";

    const emp::QueueDiagnostic& q = ev.queue;
    out << "Queue diagnostic, markets with their whole history in the data [EMP-QUEUE-DIAG]\n"
        << "  tie-break " << emp::tie_break_name(q.tie_break) << ", β = " << ref::format_exact(q.beta)
        << ", markets: ";
    for (std::size_t i = 0; i < q.complete_markets.size(); ++i) out << (i ? ", " : "") << q.complete_markets[i];
    out << "\n";
    Table qt({{"coin", false},
              {"cluster", true},
              {"start (UTC)", false},
              {"deficit", true},
              {"capacity", true},
              {"budget", true},
              {"overshoot", true},
              {"residual", true},
              {"ties", false}});
    for (const emp::QueueCluster& c : q.clusters) {
      qt.add_row({c.coin, std::to_string(c.cluster_id), utc_time(c.t_start_ms), money(c.deficit),
                  decimal(c.total_capacity, 6), decimal(c.budget, 6), decimal(c.overshoot, 6),
                  decimal(c.residual, 6),
                  c.ties_among_haircut_items() ? (c.tie_order_matters ? "yes, order matters" : "yes") : "no"});
    }
    out << qt.render("  ");
    out << "  total: deficit " << money(q.totals.deficit) << ", budget " << money(q.totals.budget)
        << ", overshoot " << money(q.totals.overshoot) << ", residual " << money(q.totals.residual)
        << ", mean final participation " << decimal(q.totals.mean_participation, 6) << " over "
        << q.totals.participants << " (user, coin) pairs\n";
    if (ev.example_comparison) {
      const emp::ExampleComparison& e = *ev.example_comparison;
      out << "  worked examples (example_queue_clusters.csv): " << e.compared << " of " << e.rows.size()
          << " compared, max |difference| " << scientific(e.max_abs_diff) << " USD, tolerance "
          << ref::to_decimal(e.tolerance, 6) << ": " << (e.within_tolerance ? "MATCH" : "MISMATCH") << "\n";
    }
    out << "  caveat: " << caveat_text(cav, "queue_clusters") << "\n\n";

    out << "Production's fills against the spec [EMP-PROD-CONFORMANCE] (" << ev.conformance.rows << " rows)\n";
    Table pt({{"check", false}, {"checked", true}, {"failing", true}, {"not observable", true}, {"worst (line: violation)", false}});
    for (const emp::ConformanceCheck& c : ev.conformance.checks) {
      const std::string worst = worst_cases(c);
      pt.add_row({"(" + c.id + ") " + c.name, std::to_string(c.checked), std::to_string(c.failing),
                  std::to_string(c.not_observable), worst.empty() ? "—" : worst});
    }
    out << pt.render("  ");
    out << "  (v) fails where the replay fixed entry prices at the first fill (AMB-E-02); reported, not excused.\n\n";
  }

  const std::vector<emp::Finding> findings = all_findings(in);
  std::size_t warnings = 0;
  for (const emp::Finding& f : findings) warnings += f.severity == emp::Severity::kWarning ? 1 : 0;
  out << "Data-quality findings [EMP-FINDINGS]: " << warnings << " warnings, " << findings.size() - warnings
      << " info\n";
  for (const emp::Finding& f : findings) {
    out << "  " << emp::severity_name(f.severity) << "  " << f.check << "  " << f.file;
    if (f.line > 0) out << ":" << f.line;
    if (!f.field.empty()) out << " [" << f.field << "]";
    out << "  " << f.message << "\n";
  }
  if (options.report) out << "\nHTML report written to " << *options.report << "\n";
  return out.str();
}

// ---------------------------------------------------------------- JSON

ordered_json findings_json(const std::vector<emp::Finding>& findings) {
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

ordered_json json_report(const Inputs& in) {
  const emp::PerWaveReplay& pw = in.per_wave;
  const emp::Totals& t = pw.totals;
  ordered_json doc;
  doc["schema"] = kSchema;
  doc["data_dir"] = in.dir.string();

  ordered_json totals;
  totals["waves"] = t.num_waves;
  totals["deficit_usd"] = money_json(t.deficit_usd);
  totals["needed_usd"] = money_json(t.needed_usd);
  totals["prod_usd"] = money_json(t.prod_usd);
  totals["overshoot_usd"] = money_json(t.overshoot_usd);
  totals["overshoot_positive_usd"] = money_json(t.overshoot_positive_usd);
  totals["overshoot_abs_usd"] = money_json(t.overshoot_abs_usd);
  totals["waves_undershoot"] = t.waves_undershoot;
  totals["band_min_usd"] = money_json(t.band_min_usd);
  totals["band_max_usd"] = money_json(t.band_max_usd);
  totals["band_max_horizon_ms"] = t.band_max_horizon_ms;
  totals["exact"] = {{"deficit_usd", exact_json(t.deficit_usd)},
                     {"needed_usd", exact_json(t.needed_usd)},
                     {"prod_usd", exact_json(t.prod_usd)},
                     {"overshoot_usd", exact_json(t.overshoot_usd)},
                     {"overshoot_positive_usd", exact_json(t.overshoot_positive_usd)},
                     {"overshoot_abs_usd", exact_json(t.overshoot_abs_usd)},
                     {"band_min_usd", exact_json(t.band_min_usd)},
                     {"band_max_usd", exact_json(t.band_max_usd)}};
  doc["totals"] = totals;

  ordered_json horizons = ordered_json::array();
  for (const emp::HorizonTotal& h : t.horizons) {
    horizons.push_back({{"horizon_ms", h.horizon_ms},
                        {"prod_usd", money_json(h.prod_usd)},
                        {"needed_usd", money_json(h.needed_usd)},
                        {"overshoot_usd", money_json(h.overshoot_usd)},
                        {"exact", {{"prod_usd", exact_json(h.prod_usd)}, {"overshoot_usd", exact_json(h.overshoot_usd)}}}});
  }
  doc["horizons"] = horizons;

  ordered_json waves = ordered_json::array();
  for (const emp::WavePoint& w : pw.waves) {
    ordered_json j{{"wave", w.wave},
                   {"t_start_ms", w.t_start_ms},
                   {"t_end_ms", w.t_end_ms},
                   {"deficit_usd", money_json(w.deficit_usd)},
                   {"max_loss_usd", money_json(w.max_loss_usd)},
                   {"needed_usd", money_json(w.needed_usd)},
                   {"prod_usd", money_json(w.prod_usd)},
                   {"overshoot_usd", money_json(w.overshoot_usd)},
                   {"theta_needed_capped", exact_json(w.theta_needed_capped)},
                   {"theta_prod_capped", exact_json(w.theta_prod_capped)}};
    ordered_json budgets = nullptr;
    if (w.policy_budget_usd) {
      budgets = ordered_json::object();
      for (std::size_t k = 0; k < emp::kPolicyCount; ++k) {
        budgets[std::string(emp::kPolicyNames[k])] = money_json((*w.policy_budget_usd)[k]);
      }
    }
    j["policy_budget_usd"] = budgets;
    waves.push_back(j);
  }
  doc["waves"] = waves;

  ordered_json policies = ordered_json::array();
  for (const emp::PolicyLoss& p : pw.policies) {
    policies.push_back({{"name", p.name},
                        {"label", policy_label(p.name)},
                        {"tracking_usd", money_json(p.tracking_usd)},
                        {"fairness_usd", money_json(p.fairness_usd)},
                        {"l1_usd", money_json(p.l1_usd)},
                        {"ratio_to_bound", to_double(p.ratio_to_bound)},
                        {"exact",
                         {{"tracking_usd", exact_json(p.tracking_usd)},
                          {"fairness_usd", exact_json(p.fairness_usd)},
                          {"l1_usd", exact_json(p.l1_usd)},
                          {"ratio_to_bound_low", exact_json(p.ratio_to_bound_low)},
                          {"ratio_to_bound_high", exact_json(p.ratio_to_bound_high)}}}});
  }
  doc["policies"] = policies;
  doc["bound"] = {{"path_length", to_double(pw.bound.path_length)},
                  {"sum_deficit_squared_usd2", to_double(pw.bound.sum_deficit_squared_usd2)},
                  {"bound_usd", money_json(pw.bound.bound_usd)},
                  {"prod_loss_capped_usd", money_json(pw.bound.prod_loss_capped_usd)},
                  {"prod_loss_uncapped_usd", money_json(pw.bound.prod_loss_uncapped_usd)},
                  {"exact",
                   {{"path_length", exact_json(pw.bound.path_length)},
                    {"radicand", exact_json(pw.bound.radicand)},
                    {"bound_floor_cent_usd", exact_json(pw.bound.bound_usd)},
                    {"bound_floor_fine_usd", exact_json(pw.bound.bound_fine_usd)},
                    {"prod_loss_capped_usd", exact_json(pw.bound.prod_loss_capped_usd)},
                    {"prod_loss_uncapped_usd", exact_json(pw.bound.prod_loss_uncapped_usd)}}}};

  if (!in.events) {
    doc["event_table"] = nullptr;
    doc["event_waves"] = nullptr;
    doc["clusters"] = nullptr;
    doc["queue_clusters"] = nullptr;
    doc["queue"] = nullptr;
    doc["conformance"] = nullptr;
    doc["missing"] = in.events_missing;
  } else {
    const emp::EventReplay& ev = *in.events;
    const emp::EventTableSummary& s = ev.table.summary;
    doc["event_table"] = {{"file", ev.table.source},
                          {"rows", s.rows},
                          {"users", s.users},
                          {"liquidated_users", s.liquidated_users},
                          {"coins", s.coins},
                          {"negative_equity_rows", s.negative_equity_rows},
                          {"first_time_ms", s.first_time_ms ? ordered_json(*s.first_time_ms) : ordered_json(nullptr)},
                          {"last_time_ms", s.last_time_ms ? ordered_json(*s.last_time_ms) : ordered_json(nullptr)},
                          {"users_with_unequal_account_columns", s.users_with_unequal_account_columns},
                          {"findings_warning", s.findings_warning},
                          {"findings_info", s.findings_info}};
    ordered_json ew = ordered_json::array();
    if (ev.wave_comparison) {
      for (const emp::WaveMatch& m : ev.wave_comparison->waves) {
        ordered_json j;
        j["wave"] = m.expected ? ordered_json(m.expected->wave) : ordered_json(nullptr);
        j["t_start_ms"] = m.computed ? ordered_json(m.computed->t_start_ms) : ordered_json(nullptr);
        j["t_end_ms"] = m.computed ? ordered_json(m.computed->t_end_ms) : ordered_json(nullptr);
        j["rows"] = m.computed ? ordered_json(m.computed->rows.size()) : ordered_json(nullptr);
        j["matches_published"] = m.matches();
        j["published_deficit_usd"] = m.expected ? money_json(m.expected->deficit_usd) : ordered_json(nullptr);
        ew.push_back(j);
      }
      doc["event_waves"] = {{"waves", ew},
                            {"deficits_recomputable", ev.wave_comparison->deficits_recomputable},
                            {"note", ev.wave_comparison->deficit_note}};
    } else {
      for (const emp::EventWave& w : ev.waves) {
        ew.push_back({{"wave", nullptr}, {"t_start_ms", w.t_start_ms}, {"t_end_ms", w.t_end_ms}, {"rows", w.rows.size()}});
      }
      doc["event_waves"] = {{"waves", ew}, {"deficits_recomputable", false}, {"note", "no published waves to compare"}};
    }
    ordered_json clusters = ordered_json::array();
    for (const emp::CoinCluster& c : ev.clusters) {
      clusters.push_back({{"coin", c.coin},
                          {"cluster_id", c.cluster_id},
                          {"t_start_ms", c.t_start_ms},
                          {"t_end_ms", c.t_end_ms},
                          {"rows", c.rows.size()},
                          {"deficit_usd", money_json(c.deficit)},
                          {"exact", {{"deficit_usd", exact_json(c.deficit)}}}});
    }
    doc["clusters"] = clusters;
    const emp::QueueDiagnostic& q = ev.queue;
    ordered_json qc = ordered_json::array();
    for (const emp::QueueCluster& c : q.clusters) {
      // The diagnostic's values are compared to 1e-6 with the pipeline, so
      // they are given as JSON numbers at full double precision, not cents.
      qc.push_back({{"coin", c.coin},
                    {"cluster_id", c.cluster_id},
                    {"t_start_ms", c.t_start_ms},
                    {"t_end_ms", c.t_end_ms},
                    {"deficit_usd", to_double(c.deficit)},
                    {"total_capacity_usd", to_double(c.total_capacity)},
                    {"budget_queue_usd", to_double(c.budget)},
                    {"overshoot_queue_usd", to_double(c.overshoot)},
                    {"residual_queue_usd", to_double(c.residual)},
                    {"items", c.items.size()},
                    {"ties_among_haircut_items", c.ties_among_haircut_items()},
                    {"tie_order_matters", c.tie_order_matters},
                    {"exact_arithmetic", c.exact},
                    {"decimal",
                     {{"total_capacity_usd", ref::to_decimal(c.total_capacity, 15)},
                      {"budget_queue_usd", ref::to_decimal(c.budget, 15)},
                      {"overshoot_queue_usd", ref::to_decimal(c.overshoot, 15)},
                      {"residual_queue_usd", ref::to_decimal(c.residual, 15)}}}});
    }
    doc["queue_clusters"] = qc;
    ordered_json queue;
    queue["tie_break"] = emp::tie_break_name(q.tie_break);
    queue["beta"] = exact_json(q.beta);
    queue["complete_markets"] = q.complete_markets;
    queue["totals"] = {{"clusters", q.totals.clusters},
                       {"items", q.totals.items},
                       {"deficit_usd", to_double(q.totals.deficit)},
                       {"total_capacity_usd", to_double(q.totals.total_capacity)},
                       {"budget_queue_usd", to_double(q.totals.budget)},
                       {"overshoot_queue_usd", to_double(q.totals.overshoot)},
                       {"residual_queue_usd", to_double(q.totals.residual)},
                       {"participants", q.totals.participants},
                       {"mean_participation", to_double(q.totals.mean_participation)}};
    if (ev.example_comparison) {
      queue["examples"] = {{"compared", ev.example_comparison->compared},
                           {"rows", ev.example_comparison->rows.size()},
                           {"max_abs_diff_usd", to_double(ev.example_comparison->max_abs_diff)},
                           {"tolerance_usd", to_double(ev.example_comparison->tolerance)},
                           {"within_tolerance", ev.example_comparison->within_tolerance}};
    } else {
      queue["examples"] = nullptr;
    }
    doc["queue"] = queue;
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
    doc["conformance"] = {{"rows", ev.conformance.rows}, {"checks", checks}};
  }

  ordered_json cav = ordered_json::array();
  for (const Caveat& c : caveats(pw)) cav.push_back({{"about", c.key}, {"spec", c.spec}, {"text", c.text}});
  doc["caveats"] = cav;
  doc["findings"] = findings_json(all_findings(in));
  return doc;
}

// ---------------------------------------------------------------- HTML

std::string html_report(const Inputs& in, std::ostream& progress_stream) {
  const emp::PerWaveReplay& pw = in.per_wave;
  const emp::Totals& t = pw.totals;
  const std::vector<Caveat> cav = caveats(pw);
  report::HtmlReport page("The 10 October 2025 Hyperliquid ADL event — adl replay");
  page.paragraph("Data: " + in.dir.string() +
                 ". Every number is computed in exact arithmetic from the CSV decimals and rounded to the cent for "
                 "display (spec/empirical.md). Each caveat sits beside the number it qualifies.");
  Progress progress(progress_stream, 3);

  page.heading("Headline totals (Δ = 0 ms)");
  page.table({"quantity", "USD"}, {{"ΣD_t realized deficit", money(t.deficit_usd)},
                                  {"ΣB_needed needed budget", money(t.needed_usd)},
                                  {"ΣH_prod(0) production haircut", money(t.prod_usd)},
                                  {"O(0) overshoot, signed", money(t.overshoot_usd)},
                                  {"Σ(O_t)+ overshoot, positive part", money(t.overshoot_positive_usd)},
                                  {"Σ|O_t| overshoot, absolute", money(t.overshoot_abs_usd)}});
  page.caveat(caveat_text(cav, "deficit_usd"));
  page.caveat(caveat_text(cav, "overshoot_usd"));

  // Plot 1: needed vs production vs policies per wave.
  progress.show(0, "plot: budgets per wave");
  {
    report::Chart c;
    c.kind = report::Chart::Kind::kBars;
    c.title = "Budget per wave: needed, production and benchmark policies (USD, log scale)";
    c.y_label = "USD";
    c.log_y = true;
    report::Series needed{"B_needed", {}, false};
    report::Series prod{"H_prod(0) production", {}, false};
    std::vector<report::Series> bench;
    for (std::size_t k = 1; k < emp::kPolicyCount; ++k) {
      bench.push_back({policy_label(std::string(emp::kPolicyNames[k])), {}, false});
    }
    const auto positive = [](const Rational& x) { return x > 0 ? to_double(x) : NAN; };
    for (const emp::WavePoint& w : pw.waves) {
      c.categories.push_back("wave " + std::to_string(w.wave));
      needed.y.push_back(positive(w.needed_usd));
      prod.y.push_back(positive(w.prod_usd));
      for (std::size_t k = 1; k < emp::kPolicyCount; ++k) {
        bench[k - 1].y.push_back(w.policy_budget_usd ? positive((*w.policy_budget_usd)[k]) : NAN);
      }
    }
    c.series = {needed, prod};
    c.series.insert(c.series.end(), bench.begin(), bench.end());
    page.heading("Budgets per wave");
    page.figure(report::render_svg(c),
                "Per wave: the needed budget B_needed (mark–execution gap of the ADL fills), production's haircut "
                "H_prod(0) from the two-pass replay, and each benchmark policy's budget. Zero values are not drawn "
                "on the log scale.");
  }

  page.heading("Horizon sweep");
  std::vector<std::vector<std::string>> sweep;
  for (const emp::HorizonTotal& h : t.horizons) {
    sweep.push_back({std::to_string(h.horizon_ms), money(h.prod_usd), money(h.overshoot_usd)});
  }
  page.table({"horizon Δ (ms)", "ΣH_prod(Δ)", "O(Δ)"}, sweep);
  page.paragraph("Band [" + money(t.band_min_usd) + ", " + money(t.band_max_usd) + "], maximum at " +
                 std::to_string(t.band_max_horizon_ms) + " ms.");
  page.caveat(caveat_text(cav, "band"));

  // Plot 2: cumulative overshoot per horizon (needs every horizon's per-wave rows).
  progress.show(1, "plot: cumulative overshoot");
  {
    report::Chart c;
    c.title = "Cumulative signed overshoot ΣO_t(Δ) over the waves";
    c.x_label = "wave";
    c.y_label = "USD";
    std::map<std::int64_t, std::map<std::int64_t, Rational>> by_horizon;  // horizon → wave → O_t
    for (const emp::TwoPassRow& r : pw.tables.two_pass.rows) {
      by_horizon[r.eval_horizon_ms][r.wave] = r.budget_prod_usd - r.budget_needed_usd;
    }
    for (std::size_t i = 0; i < pw.waves.size(); ++i) {
      c.x.push_back(static_cast<double>(i + 1));
      c.x_tick_labels.push_back(std::to_string(pw.waves[i].wave));
    }
    for (const auto& [horizon, per_wave] : by_horizon) {
      report::Series s{"Δ = " + std::to_string(horizon) + " ms", {}, false};
      Rational running = 0;
      for (const emp::WavePoint& w : pw.waves) {
        const auto it = per_wave.find(w.wave);
        if (it == per_wave.end()) {
          s.y.push_back(NAN);
          continue;
        }
        running += it->second;
        s.y.push_back(to_double(running));
      }
      c.series.push_back(s);
    }
    page.figure(report::render_svg(c), "Running sum of O_t(Δ) = H_prod,t(Δ) − B_needed,t over the " +
                                           std::to_string(pw.waves.size()) +
                                           " waves, one line per evaluation horizon. Waves 8 and 13 drive the total.");
  }

  page.heading("Loss per policy and the bound 𝔅");
  std::vector<std::vector<std::string>> loss_rows;
  for (const emp::PolicyLoss& p : pw.policies) {
    loss_rows.push_back({policy_label(p.name), money(p.tracking_usd), money(p.fairness_usd), money(p.l1_usd),
                         percent(p.ratio_to_bound, 2)});
  }
  page.table({"policy", "tracking T", "fairness F", "L¹ = T + F", "L¹ / 𝔅"}, loss_rows);
  page.paragraph("P̂ = " + decimal(pw.bound.path_length, 6) + ", ΣD_t² = " + money(pw.bound.sum_deficit_squared_usd2) +
                 " USD², 𝔅 = √((1 + 2P̂)·ΣD_t²) = " + money(pw.bound.bound_usd) + " (rounded down to the cent).");
  page.caveat(caveat_text(cav, "bound_usd"));
  page.caveat(caveat_text(cav, "policies"));

  // Plot 3: loss per policy against the bound.
  progress.show(2, "plot: loss against the bound");
  {
    report::Chart c;
    c.kind = report::Chart::Kind::kBars;
    c.title = "L¹ loss per policy against 𝔅 (USD)";
    c.y_label = "USD";
    report::Series l1{"L¹ = T + F", {}, false};
    report::Series tr{"tracking T", {}, false};
    for (const emp::PolicyLoss& p : pw.policies) {
      c.categories.push_back(policy_label(p.name));
      l1.y.push_back(to_double(p.l1_usd));
      tr.y.push_back(to_double(p.tracking_usd));
    }
    c.series = {l1, tr};
    c.reference_line = to_double(pw.bound.bound_usd);
    c.reference_label = "𝔅 = " + money(pw.bound.bound_usd);
    page.figure(report::render_svg(c), "Each policy's L¹ loss and its tracking part; the dashed line is 𝔅. 𝔅 is the "
                                       "scale of an online learner's regret bound, not a bound on these losses.");
  }
  progress.finish();

  if (in.events) {
    const emp::EventReplay& ev = *in.events;
    page.heading("Queue diagnostic (markets with their whole history in the data)");
    std::vector<std::vector<std::string>> rows;
    for (const emp::QueueCluster& c : ev.queue.clusters) {
      rows.push_back({c.coin, std::to_string(c.cluster_id), utc_time(c.t_start_ms), money(c.deficit),
                      decimal(c.total_capacity, 6), decimal(c.budget, 6), decimal(c.overshoot, 6),
                      decimal(c.residual, 6)});
    }
    page.table({"coin", "cluster", "start (UTC)", "deficit", "capacity", "budget", "overshoot", "residual"}, rows);
    if (ev.example_comparison) {
      page.paragraph("Worked examples: " + std::to_string(ev.example_comparison->compared) + " compared, max |difference| " +
                     scientific(ev.example_comparison->max_abs_diff) + " USD: " +
                     (ev.example_comparison->within_tolerance ? "match." : "MISMATCH."));
    }
    page.caveat(caveat_text(cav, "queue_clusters"));

    page.heading("Production's fills against the spec");
    std::vector<std::vector<std::string>> crow;
    for (const emp::ConformanceCheck& c : ev.conformance.checks) {
      const std::string worst = worst_cases(c);
      crow.push_back({"(" + c.id + ") " + c.description, std::to_string(c.checked), std::to_string(c.failing),
                      std::to_string(c.not_observable), worst});
    }
    page.table({"check", "checked", "failing", "not observable", "worst (line: violation)"}, crow);
  } else {
    page.paragraph(in.events_missing);
  }

  page.heading("Data-quality findings");
  std::vector<std::vector<std::string>> frows;
  for (const emp::Finding& f : all_findings(in)) {
    frows.push_back({emp::severity_name(f.severity), f.check,
                     f.file + (f.line > 0 ? ":" + std::to_string(f.line) : ""), f.field, f.message});
  }
  page.table({"severity", "check", "where", "field", "message"}, frows);
  return page.render();
}

}  // namespace

int replay_command(const ReplayOptions& options, std::string& out, std::ostream& progress) {
  const Inputs in = load(options, progress);
  // Everything is built before anything is written: a failing plot leaves no file.
  if (options.report) {
    const std::string html = html_report(in, progress);
    write_file_atomically(*options.report, "--report", [&](std::ostream& file) { file << html; });
  }
  out += options.json ? dump_json(json_report(in)) : text_report(in, options);
  return kExitOk;
}

}  // namespace adl::cli
