// `adl replay` for people: tables with every caveat beside its number
// (spec/empirical.md). Formats emp::ReplaySummary; computes nothing.
#include "common.hpp"
#include "replay_render.hpp"

#include <sstream>

namespace adl::cli::replay_render {
namespace {

using emp::format_usd;

std::string caveat_line(const emp::ReplaySummary& s, std::string_view key) {
  return "  caveat: " + s.caveat(key) + "\n";
}

std::string tables_read(const emp::ReplaySummary& s) {
  KeyValues read;
  for (const emp::TableRead& t : s.tables) {
    read.add(t.source, t.rows ? std::to_string(*t.rows) + " rows" : "absent (its checks are skipped)");
  }
  return "Per-wave tables read [EMP-PERWAVE-TABLES]\n" + read.render("  ") + "\n";
}

std::string headlines(const emp::ReplaySummary& s) {
  Table totals({left_column("quantity"), right_column("USD")});
  for (const emp::MoneyLine& line : s.headlines) {
    totals.add_row({line.symbol + "   " + line.description, format_usd(line.usd)});
  }
  Table sweep({right_column("horizon Δ (ms)"), right_column("ΣH_prod(Δ)"), right_column("O(Δ)")});
  for (const emp::HorizonTotal& h : s.horizons) sweep.add_row(horizon_cells(h));
  return "Headline totals (" + std::to_string(s.num_waves) + " waves, horizon Δ = 0 ms) [EMP-HEADLINES]\n" +
         totals.render("  ") + caveat_line(s, "deficit_usd") + caveat_line(s, "overshoot_usd") + "\n" +
         "Horizon sweep [EMP-OVERSHOOT]\n" + sweep.render("  ") + "  " + band_text(s, false) + "\n" +
         caveat_line(s, "band") + "\n";
}

std::string waves(const emp::ReplaySummary& s) {
  Table waves({right_column("wave"), left_column("start (UTC)"), right_column("D_t"), right_column("B_needed"),
               right_column("H_prod"), right_column("O_t"), right_column("θ_needed"), right_column("θ_prod")});
  for (const emp::WavePoint& w : s.waves) {
    waves.add_row({std::to_string(w.wave), utc_time(w.t_start_ms), format_usd(w.deficit_usd), format_usd(w.needed_usd),
                   format_usd(w.prod_usd), format_usd(w.overshoot_usd), ref::to_decimal(w.theta_needed_capped, 4),
                   ref::to_decimal(w.theta_prod_capped, 4)});
  }
  return "Waves (Δ = 0 ms) [EMP-DEFICIT, EMP-NEEDED, EMP-TWO-PASS]\n" + waves.render("  ") + "\n";
}

std::string losses(const emp::ReplaySummary& s) {
  Table losses({left_column("policy"), right_column("tracking T"), right_column("fairness F"),
                right_column("L¹ = T + F"), right_column("L¹ / 𝔅")});
  for (const emp::PolicyLoss& p : s.policies) losses.add_row(loss_cells(p));
  const emp::Bound& b = s.bound;
  KeyValues bound;
  bound.add("P̂ (path length of θ_needed, capped)", ref::to_decimal(b.path_length, 6));
  bound.add("ΣD_t²", format_usd(b.sum_deficit_squared_usd2) + " USD²");
  bound.add("𝔅 = √((1 + 2P̂)·ΣD_t²)", format_usd(b.bound_usd) + " (rounded down to the cent)");
  bound.add("production in the bound's loss",
            format_usd(b.prod_loss_capped_usd) + " = Σ D_t·|θ_prod − θ_needed| (capped θ)");
  return "Loss per policy, online-learning paper's table [EMP-LOSS-TABLE, EMP-BOUND]\n" + losses.render("  ") +
         bound.render("  ") + caveat_line(s, "bound_usd") + caveat_line(s, "policies") + "\n";
}

std::string event_table(const emp::EventSummary& ev) {
  const emp::EventTableSummary& t = ev.table;
  KeyValues summary;
  summary.add("rows", std::to_string(t.rows));
  summary.add("users (winners)", std::to_string(t.users));
  summary.add("liquidated users", std::to_string(t.liquidated_users));
  summary.add("coins", std::to_string(t.coins));
  summary.add("rows with negative equity", std::to_string(t.negative_equity_rows));
  if (t.first_time_ms && t.last_time_ms) {
    summary.add("time span (UTC)", utc_time(*t.first_time_ms) + " – " + utc_time(*t.last_time_ms));
  }
  summary.add("findings", std::to_string(t.findings_warning) + " warnings, " + std::to_string(t.findings_info) +
                              " info (listed below)");
  return "Event table " + ev.source + " [EMP-EVENT-TABLE]\n" + summary.render("  ") + "\n";
}

std::string event_waves(const emp::EventSummary& ev) {
  std::string out = "Global waves of the event rows (gap > 5000 ms) [EMP-WAVES]\n";
  if (!ev.waves_compared) {
    return out + "  " + std::to_string(ev.waves.size()) + " waves; excerpt_expected_waves.csv absent, not compared\n\n";
  }
  Table table({right_column("wave"), left_column("start (UTC)"), left_column("end (UTC)"), right_column("rows"),
               left_column("published")});
  const auto or_dash = [](const auto& value, const auto& format) { return value ? format(*value) : std::string("—"); };
  const auto count = [](std::size_t n) { return std::to_string(n); };
  for (const emp::EventWaveLine& w : ev.waves) {
    const char* status = w.matches_published ? "matches"
                                             : (w.published_wave ? "DIFFERS (see findings)" : "not published");
    table.add_row({w.published_wave ? std::to_string(*w.published_wave) : "?", or_dash(w.t_start_ms, utc_time),
                   or_dash(w.t_end_ms, utc_time), or_dash(w.rows, count), status});
  }
  return out + table.render("  ") + "  " + ev.deficit_note + "\n\n";
}

std::string clusters(const emp::EventSummary& ev) {
  Table table({left_column("coin"), right_column("cluster"), left_column("start (UTC)"), right_column("rows"),
               right_column("deficit")});
  for (const emp::CoinCluster& c : ev.clusters) {
    table.add_row({c.coin, std::to_string(c.cluster_id), utc_time(c.t_start_ms), std::to_string(c.rows.size()),
                   format_usd(c.deficit)});
  }
  return "Per-coin clusters (gap > 5000 ms) [EMP-CLUSTERS]: " + std::to_string(ev.clusters.size()) + " clusters, " +
         std::to_string(ev.clusters_with_deficit) + " with a deficit, Σ deficit " + format_usd(ev.cluster_deficit_usd) +
         " (equity $)\n" + table.render("  ") + "\n";
}

std::string queue(const emp::ReplaySummary& s, const emp::EventSummary& ev) {
  const emp::QueueDiagnostic& q = ev.queue;
  std::ostringstream out;
  out << "Queue diagnostic, markets with their whole history in the data [EMP-QUEUE-DIAG]\n"
      << "  tie-break " << emp::tie_break_name(q.tie_break) << ", β = " << ref::format_exact(q.beta) << ", markets: ";
  for (std::size_t i = 0; i < q.complete_markets.size(); ++i) out << (i ? ", " : "") << q.complete_markets[i];
  Table table({left_column("coin"), right_column("cluster"), left_column("start (UTC)"), right_column("deficit"),
               right_column("capacity"), right_column("budget"), right_column("overshoot"), right_column("residual"),
               left_column("ties")});
  for (const emp::QueueCluster& c : q.clusters) {
    std::vector<std::string> cells = queue_cells(c);
    cells.emplace_back(c.ties_among_haircut_items() ? (c.tie_order_matters ? "yes, order matters" : "yes") : "no");
    table.add_row(std::move(cells));
  }
  out << "\n" << table.render("  ");
  out << "  total: deficit " << format_usd(q.totals.deficit) << ", budget " << format_usd(q.totals.budget)
      << ", overshoot " << format_usd(q.totals.overshoot) << ", residual " << format_usd(q.totals.residual)
      << ", mean final participation " << ref::to_decimal(q.totals.mean_participation, 6) << " over "
      << q.totals.participants << " (user, coin) pairs\n";
  if (ev.examples) {
    const emp::ExampleComparison& e = *ev.examples;
    out << "  worked examples (example_queue_clusters.csv): " << e.compared << " of " << e.rows.size()
        << " compared, max |difference| " << scientific(e.max_abs_diff) << " USD, tolerance "
        << ref::to_decimal(e.tolerance, 6) << ": " << (e.within_tolerance ? "MATCH" : "MISMATCH") << "\n";
  }
  out << caveat_line(s, "queue_clusters") << "\n";
  return out.str();
}

std::string conformance(const emp::EventSummary& ev) {
  Table table({left_column("check"), right_column("checked"), right_column("failing"), right_column("not observable"),
               left_column("worst (line: violation)")});
  for (const emp::ConformanceCheck& c : ev.conformance.checks) {
    const std::string worst = worst_cases(c);
    table.add_row({"(" + c.id + ") " + c.name, std::to_string(c.checked), std::to_string(c.failing),
                   std::to_string(c.not_observable), worst.empty() ? "—" : worst});
  }
  return "Production's fills against the spec [EMP-PROD-CONFORMANCE] (" + std::to_string(ev.conformance.rows) +
         " rows)\n" + table.render("  ") +
         "  (v) fails where the replay fixed entry prices at the first fill (AMB-E-02); reported, not excused.\n\n";
}

std::string findings(const emp::ReplaySummary& s) {
  std::ostringstream out;
  out << "Data-quality findings [EMP-FINDINGS]: " << s.warnings << " warnings, " << s.findings.size() - s.warnings
      << " info\n";
  for (const emp::Finding& f : s.findings) {
    out << "  " << emp::severity_name(f.severity) << "  " << f.check << "  " << f.file;
    if (f.line > 0) out << ":" << f.line;
    if (!f.field.empty()) out << " [" << f.field << "]";
    out << "  " << f.message << "\n";
  }
  return out.str();
}

}  // namespace

std::string text(const emp::ReplaySummary& s, const std::optional<std::string>& report) {
  std::string out = "adl replay — the 10 October 2025 Hyperliquid ADL event (spec/empirical.md)\nData: " + s.data_dir +
                    "\nMoney in USD, computed exactly from the CSV decimals and rounded to the cent for display.\n\n";
  out += tables_read(s) + headlines(s) + waves(s) + losses(s);
  if (!s.events) {
    out += "Event table: " + s.events_missing + "\n\n";
  } else {
    out += event_table(*s.events) + event_waves(*s.events) + clusters(*s.events) + queue(s, *s.events) +
           conformance(*s.events);
  }
  out += findings(s);
  if (report) out += "\nHTML report written to " + *report + "\n";
  return out;
}

}  // namespace adl::cli::replay_render
