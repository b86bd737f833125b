// `adl replay --report FILE.html`: one self-contained page with the tables of
// the text output, every caveat beside its number, the findings and three
// plots drawn by gnuplot (EMP-REPORT). Formats emp::ReplaySummary; computes nothing.
#include "common.hpp"
#include "replay_render.hpp"

#include "adl/report/html.hpp"
#include "adl/report/plot.hpp"

#include <cmath>

namespace adl::cli::replay_render {
namespace {

using emp::format_usd;
using ref::Rational;

// A bar chart in USD.
report::Chart usd_bars(std::string title) {
  report::Chart c;
  c.kind = report::Chart::Kind::kBars;
  c.title = std::move(title);
  c.y_label = "USD";
  return c;
}

// Plot 1: per wave, the needed budget, production's haircut and each benchmark
// policy's budget, on a log scale (zero and absent values are not drawn).
std::string budgets_plot(const emp::ReplaySummary& s) {
  report::Chart c = usd_bars("Budget per wave: needed, production and benchmark policies (USD, log scale)");
  c.log_y = true;
  c.series = {{"B_needed", {}, false}, {"H_prod(0) production", {}, false}};
  for (std::size_t k = 1; k < emp::kPolicyCount; ++k) {
    c.series.push_back({emp::policy_label(emp::kPolicyNames[k]), {}, false});
  }
  const auto positive = [](const Rational& x) { return x > 0 ? to_double(x) : NAN; };
  for (const emp::WavePoint& w : s.waves) {
    c.categories.push_back("wave " + std::to_string(w.wave));
    c.series[0].y.push_back(positive(w.needed_usd));
    c.series[1].y.push_back(positive(w.prod_usd));
    for (std::size_t k = 1; k < emp::kPolicyCount; ++k) {
      c.series[k + 1].y.push_back(w.policy_budget_usd ? positive((*w.policy_budget_usd)[k]) : NAN);
    }
  }
  return report::render_svg(c);
}

// Plot 2: the cumulative signed overshoot at every horizon.
std::string overshoot_plot(const emp::ReplaySummary& s) {
  report::Chart c;
  c.title = "Cumulative signed overshoot ΣO_t(Δ) over the waves";
  c.x_label = "wave";
  c.y_label = "USD";
  for (std::size_t i = 0; i < s.waves.size(); ++i) {
    c.x.push_back(static_cast<double>(i + 1));
    c.x_tick_labels.push_back(std::to_string(s.waves[i].wave));
  }
  for (const emp::OvershootPath& path : s.cumulative_overshoot) {
    report::Series series{"Δ = " + std::to_string(path.horizon_ms) + " ms", {}, false};
    for (const std::optional<Rational>& value : path.cumulative_usd) {
      series.y.push_back(value ? to_double(*value) : NAN);
    }
    c.series.push_back(std::move(series));
  }
  return report::render_svg(c);
}

// Plot 3: each policy's L¹ loss and its tracking part, with 𝔅 dashed.
std::string loss_plot(const emp::ReplaySummary& s) {
  report::Chart c = usd_bars("L¹ loss per policy against 𝔅 (USD)");
  c.series = {{"L¹ = T + F", {}, false}, {"tracking T", {}, false}};
  for (const emp::PolicyLoss& p : s.policies) {
    c.categories.push_back(emp::policy_label(p.name));
    c.series[0].y.push_back(to_double(p.l1_usd));
    c.series[1].y.push_back(to_double(p.tracking_usd));
  }
  c.reference_line = to_double(s.bound.bound_usd);
  c.reference_label = "𝔅 = " + format_usd(s.bound.bound_usd);
  return report::render_svg(c);
}

void per_wave_sections(report::HtmlReport& page, const emp::ReplaySummary& s, Progress& progress) {
  page.heading("Headline totals (Δ = 0 ms)");
  std::vector<std::vector<std::string>> totals;
  for (const emp::MoneyLine& line : s.headlines) {
    totals.push_back({line.symbol + " " + line.description, format_usd(line.usd)});
  }
  page.table({"quantity", "USD"}, totals);
  page.caveat(s.caveat("deficit_usd"));
  page.caveat(s.caveat("overshoot_usd"));

  progress.show(0, "plot: budgets per wave");
  const std::string budgets = budgets_plot(s);
  page.heading("Budgets per wave");
  page.figure(budgets,
              "Per wave: the needed budget B_needed (mark–execution gap of the ADL fills), production's haircut "
              "H_prod(0) from the two-pass replay, and each benchmark policy's budget. Zero values are not drawn "
              "on the log scale.");

  page.heading("Horizon sweep");
  std::vector<std::vector<std::string>> sweep;
  for (const emp::HorizonTotal& h : s.horizons) sweep.push_back(horizon_cells(h));
  page.table({"horizon Δ (ms)", "ΣH_prod(Δ)", "O(Δ)"}, sweep);
  page.paragraph(band_text(s, true) + ".");
  page.caveat(s.caveat("band"));

  progress.show(1, "plot: cumulative overshoot");
  page.figure(overshoot_plot(s), "Running sum of O_t(Δ) = H_prod,t(Δ) − B_needed,t over the " +
                                     std::to_string(s.waves.size()) +
                                     " waves, one line per evaluation horizon. Waves 8 and 13 drive the total.");

  page.heading("Loss per policy and the bound 𝔅");
  std::vector<std::vector<std::string>> losses;
  for (const emp::PolicyLoss& p : s.policies) losses.push_back(loss_cells(p));
  page.table({"policy", "tracking T", "fairness F", "L¹ = T + F", "L¹ / 𝔅"}, losses);
  page.paragraph("P̂ = " + ref::to_decimal(s.bound.path_length, 6) +
                 ", ΣD_t² = " + format_usd(s.bound.sum_deficit_squared_usd2) +
                 " USD², 𝔅 = √((1 + 2P̂)·ΣD_t²) = " + format_usd(s.bound.bound_usd) + " (rounded down to the cent).");
  page.caveat(s.caveat("bound_usd"));
  page.caveat(s.caveat("policies"));

  progress.show(2, "plot: loss against the bound");
  page.figure(loss_plot(s),
              "Each policy's L¹ loss and its tracking part; the dashed line is 𝔅. 𝔅 is the "
              "scale of an online learner's regret bound, not a bound on these losses.");
}

void event_sections(report::HtmlReport& page, const emp::ReplaySummary& s, const emp::EventSummary& ev) {
  page.heading("Queue diagnostic (markets with their whole history in the data)");
  std::vector<std::vector<std::string>> queue;
  for (const emp::QueueCluster& c : ev.queue.clusters) queue.push_back(queue_cells(c));
  page.table({"coin", "cluster", "start (UTC)", "deficit", "capacity", "budget", "overshoot", "residual"}, queue);
  if (ev.examples) {
    page.paragraph("Worked examples: " + std::to_string(ev.examples->compared) + " compared, max |difference| " +
                   scientific(ev.examples->max_abs_diff) +
                   " USD: " + (ev.examples->within_tolerance ? "match." : "MISMATCH."));
  }
  page.caveat(s.caveat("queue_clusters"));

  page.heading("Production's fills against the spec");
  std::vector<std::vector<std::string>> checks;
  for (const emp::ConformanceCheck& c : ev.conformance.checks) {
    checks.push_back({"(" + c.id + ") " + c.description, std::to_string(c.checked), std::to_string(c.failing),
                      std::to_string(c.not_observable), worst_cases(c)});
  }
  page.table({"check", "checked", "failing", "not observable", "worst (line: violation)"}, checks);
}

}  // namespace

std::string html(const emp::ReplaySummary& s, std::ostream& progress_stream) {
  report::HtmlReport page("The 10 October 2025 Hyperliquid ADL event — adl replay");
  page.paragraph("Data: " + s.data_dir +
                 ". Every number is computed in exact arithmetic from the CSV decimals and rounded to the cent for "
                 "display (spec/empirical.md). Each caveat sits beside the number it qualifies.");
  Progress progress(progress_stream, 3);
  per_wave_sections(page, s, progress);
  progress.finish();
  if (s.events) {
    event_sections(page, s, *s.events);
  } else {
    page.paragraph(s.events_missing);
  }
  page.heading("Data-quality findings");
  std::vector<std::vector<std::string>> findings;
  for (const emp::Finding& f : s.findings) {
    const std::string where = f.file + (f.line > 0 ? ":" + std::to_string(f.line) : "");
    findings.push_back({emp::severity_name(f.severity), f.check, where, f.field, f.message});
  }
  page.table({"severity", "check", "where", "field", "message"}, findings);
  return page.render();
}

}  // namespace adl::cli::replay_render
