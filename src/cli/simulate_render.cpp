// The renderers of `adl simulate` (spec/online.md): text, JSON (adlref.simulate/1),
// per-round CSV and HTML report of a sim::RunSummary, and the three formats of a
// sim::ExperimentSummary. They format; every figure comes from the summary.
#include "simulate_render.hpp"

#include "common.hpp"

#include "adl/report/html.hpp"
#include "adl/report/plot.hpp"
#include "adl/sim/result_file.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace adl::cli {
namespace {

using nlohmann::ordered_json;
using ref::Rational;
using sim::ExperimentKind;

// A number shown to people: exact decimal when short, else rounded to 6 places with `…`.
std::string shown(const Rational& x) { return ref::to_decimal(x, 6); }

std::string with_digits(double x, int digits) {
  std::ostringstream s;
  s << std::setprecision(digits) << x;
  return s.str();
}

// A CSV cell: the exact engine's rationals as fractions, the fast engine's doubles with 17 digits.
std::string cell(const sim::Figure& figure) {
  if (const double* x = std::get_if<double>(&figure)) return with_digits(*x, 17);
  return ref::to_fraction(std::get<Rational>(figure));
}

// The means of adlref.simulate/1, in document order; dynamic_regret repeats loss (θ⋆ has loss 0).
const std::pair<const char*, Rational sim::PolicySummary::*> kMeanFields[] = {
    {"loss", &sim::PolicySummary::loss},           {"static_regret", &sim::PolicySummary::static_regret},
    {"dynamic_regret", &sim::PolicySummary::loss}, {"tracking", &sim::PolicySummary::tracking},
    {"objective", &sim::PolicySummary::objective}, {"class_regret", &sim::PolicySummary::class_regret},
    {"uncovered", &sim::PolicySummary::uncovered}, {"max_burden", &sim::PolicySummary::mean_burden},
    {"churn", &sim::PolicySummary::churn},         {"touched", &sim::PolicySummary::touched}};

ordered_json policy_json(const sim::RunSummary& s, std::size_t i) {
  const sim::PolicySummary& ps = s.policies[i];
  ordered_json mean;
  for (const auto& [key, member] : kMeanFields) mean[key] = exact_json(ps.*member);
  ordered_json bounds = ordered_json::array();
  for (const sim::BoundSummary& b : ps.bounds) {
    ordered_json entry = {{"name", b.mean.name}, {"claim", b.mean.claim}};
    entry["verdict"] = b.mean.proved ? "PROVED" : "REFUTED";
    entry["regret"] = b.mean.dynamic ? "dynamic" : "static";
    entry["mean_value"] = exact_json(b.mean.value);
    entry["mean_realized"] = exact_json(b.mean.realized);
    entry["holds"] = b.holds;
    entry["seeds"] = b.seeds;
    bounds.push_back(std::move(entry));
  }
  ordered_json per_seed = ordered_json::array();
  for (const sim::SeedResult& r : s.seeds) {
    ordered_json with_seed = {{"seed", r.seed}};
    with_seed.update(sim::seed_totals_json(r.policies[i]));
    per_seed.push_back(std::move(with_seed));
  }
  return {{"policy", ps.policy}, {"mean", mean}, {"bounds", bounds}, {"per_seed", per_seed}};
}

// One table row per bound that applies (the first on the policy's row), or the policy's row alone.
void add_policy_rows(Table& table, const sim::PolicySummary& ps) {
  std::vector<std::string> row = {
      ps.policy,           shown(ps.loss),        shown(ps.static_regret), "—", "—", "—", "—",
      shown(ps.uncovered), shown(ps.mean_burden), shown(ps.class_regret)};
  if (ps.bounds.empty()) table.add_row(row);
  for (std::size_t k = 0; k < ps.bounds.size(); ++k) {
    const sim::BoundSummary& b = ps.bounds[k];
    if (k > 0) row.assign(row.size(), "");
    row[3] = b.mean.name + (b.mean.dynamic ? " (dynamic)" : " (static)");
    row[4] = shown(b.mean.value);
    row[5] = b.mean.claim + (b.mean.proved ? "" : " REFUTED");
    row[6] = std::to_string(b.holds) + "/" + std::to_string(b.seeds);
    table.add_row(row);
  }
}

report::Chart rounds_chart(const sim::RunSummary& s, std::string title, std::string y_label) {
  report::Chart c;
  c.title = std::move(title);
  c.x_label = "round t";
  c.y_label = std::move(y_label);
  for (std::size_t t = 1; t <= s.parameters.rounds; ++t) c.x.push_back(static_cast<double>(t));
  return c;
}

// Each policy's cumulative loss on the first seed, with its dynamic-regret bounds as dashed lines.
std::string regret_plot(const sim::RunSummary& s) {
  const sim::SeedResult& first = s.seeds.front();
  report::Chart c = rounds_chart(s, "Cumulative dynamic regret Σ R_t·|θ_t − θ⋆_t| per policy", "USD");
  for (std::size_t k = 0; k < first.rounds.size(); ++k) {
    const std::string& name = s.parameters.policy_names[k];
    report::Series series{name, {}, false};
    for (const sim::RoundRow& row : first.rounds[k]) series.y.push_back(row.cumulative_loss);
    c.series.push_back(series);
    for (const sim::Bound& b : first.policies[k].bounds) {
      if (!b.dynamic) continue;
      c.series.push_back({"bound of " + name + " (" + b.claim + ")",
                          std::vector<double>(s.parameters.rounds, b.value.convert_to<double>()), true});
    }
  }
  return report::render_svg(c);
}

std::string ptsr_plot(const sim::RunSummary& s) {
  const sim::SeedResult& first = s.seeds.front();
  report::Chart c = rounds_chart(s, "PTSR = max_i (w_i − x_i)₊ / B_t", "PTSR");
  c.log_y = true;
  for (std::size_t k = 0; k < first.rounds.size(); ++k) {
    report::Series series{s.parameters.policy_names[k], {}, false};
    for (const sim::RoundRow& row : first.rounds[k]) {
      const double ptsr = row.ptsr ? sim::as_double(*row.ptsr) : NAN;
      series.y.push_back(row.ptsr && ptsr > 0 ? ptsr : NAN);
    }
    c.series.push_back(series);
  }
  return report::render_svg(c);
}

// ---- experiments

Table experiment_table(const sim::ExperimentSummary& s) {
  if (s.parameters.kind == ExperimentKind::PtsrScaling) {
    Table table({right_column("n"), right_column("mean PTSR pro-rata"), right_column("mean PTSR queue"),
                 right_column("b_n/(θn)"), right_column("pro-rata/ref"), right_column("queue/ref")});
    for (const sim::ExperimentRow& r : s.rows) {
      table.add_row({std::to_string(r.n), with_digits(r.mean_ptsr_pro_rata, 6), with_digits(r.mean_ptsr_queue, 6),
                     with_digits(r.reference, 6), with_digits(r.pro_rata_ratio, 6), with_digits(r.queue_ratio, 6)});
    }
    return table;
  }
  Table table(
      {right_column("n"), right_column("κ_n = θn/b_n"), right_column("mean PoA_Fair"), right_column("PoA/κ_n")});
  for (const sim::ExperimentRow& r : s.rows) {
    table.add_row(
        {std::to_string(r.n), with_digits(r.kappa, 6), with_digits(r.mean_poa, 6), with_digits(r.poa_ratio, 6)});
  }
  return table;
}

report::Chart experiment_chart(const sim::ExperimentSummary& s) {
  report::Chart chart;
  chart.log_x = true;
  chart.log_y = true;
  chart.x_label = "n (winners)";
  report::Series first{"pro-rata", {}, false}, second{"queue", {}, false}, line{"b_n/(θn)", {}, true};
  if (s.parameters.kind == ExperimentKind::Poa) {
    first.title = "PoA_Fair (pro-rata, θ vs b_n/n)";
    line.title = "κ_n";
  }
  for (const sim::ExperimentRow& r : s.rows) {
    chart.x.push_back(static_cast<double>(r.n));
    const bool ptsr = s.parameters.kind == ExperimentKind::PtsrScaling;
    first.y.push_back(ptsr ? r.mean_ptsr_pro_rata : r.mean_poa);
    second.y.push_back(r.mean_ptsr_queue);
    line.y.push_back(ptsr ? r.reference : r.kappa);
  }
  if (s.parameters.kind == ExperimentKind::PtsrScaling) {
    chart.title = "PTSR against n (Pareto α = " + ref::to_fraction(s.parameters.alpha) +
                  ", θ = " + ref::to_fraction(s.parameters.theta) + ")";
    chart.y_label = "PTSR";
    chart.series = {first, second, line};
  } else {
    chart.title = "Fairness price of anarchy against κ_n = θn/b_n";
    chart.y_label = "PoA_Fair";
    chart.series = {first, line};
  }
  return chart;
}

}  // namespace

std::string simulate_text(const sim::RunSummary& s) {
  const sim::SweepParameters& p = s.parameters;
  std::ostringstream out;
  out << "adl simulate — " << p.scenario << " scenario, T = " << p.rounds << ", " << p.engine << " engine\n\n";
  KeyValues kv;
  kv.add("Command", s.command);
  kv.add("Seeds", std::to_string(s.seeds.size()) + " of " + std::to_string(p.seed_count) + " (first " +
                      std::to_string(p.first_seed) + ")" + (s.shard == "1/1" ? "" : ", shard " + s.shard));
  kv.add("λ of L^λ", ref::to_fraction(p.lambda));
  out << kv.render() << "\n";
  out << "Per policy (means over the seeds; loss = Σ_t R_t·|θ_t − θ⋆_t| = dynamic regret against θ⋆):\n";
  Table table({left_column("policy"), right_column("loss"), right_column("static regret"), left_column("bound"),
               right_column("bound value"), left_column("claim"), right_column("holds"), right_column("uncovered"),
               right_column("mean max burden"), right_column("class regret")});
  for (const sim::PolicySummary& ps : s.policies) add_policy_rows(table, ps);
  out << table.render("  ");
  out << "\nA bound is shown only for the controller and step it is stated for (SIM-BOUNDS); \"holds\" counts the\n"
         "seeds where the realized regret is at most the bound. Exact values: --json.\n";
  return out.str();
}

std::string simulate_json(const sim::RunSummary& s) {
  ordered_json doc;
  doc["schema"] = "adlref.simulate/1";
  doc["command"] = s.command;
  doc["parameters"] = sim::parameters_json(s.parameters);
  ordered_json seeds = ordered_json::array();
  for (const sim::SeedResult& r : s.seeds) seeds.push_back(r.seed);
  doc["seeds"] = seeds;
  ordered_json policies = ordered_json::array();
  for (std::size_t i = 0; i < s.policies.size(); ++i) policies.push_back(policy_json(s, i));
  doc["policies"] = policies;
  return dump_json(doc);
}

std::string simulate_csv(const sim::RunSummary& s) {
  std::ostringstream out;
  out << "seed,policy,t,bad_debt,fund,residual,capacity,needed,theta_star,theta,budget,uncovered,severity_loss,"
         "tracking,fairness,objective,ptsr,churn,touched\n";
  for (const sim::SeedResult& r : s.seeds) {
    for (std::size_t k = 0; k < r.rounds.size(); ++k) {
      for (const sim::RoundRow& row : r.rounds[k]) {
        out << r.seed << ",\"" << s.parameters.policy_names[k] << "\"," << row.t;
        for (const sim::Figure* f :
             {&row.bad_debt, &row.fund, &row.residual, &row.capacity, &row.needed, &row.theta_star, &row.theta,
              &row.budget, &row.uncovered, &row.severity_loss, &row.tracking, &row.fairness, &row.objective}) {
          out << "," << cell(*f);
        }
        out << "," << (row.ptsr ? cell(*row.ptsr) : "") << "," << with_digits(row.churn, 17) << "," << row.touched
            << "\n";
      }
    }
  }
  return out.str();
}

std::string simulate_html(const sim::RunSummary& s) {
  const std::uint64_t first_seed = s.seeds.front().seed;
  report::HtmlReport page("adl simulate — " + s.parameters.scenario);
  page.paragraph("Command: " + s.command);
  page.heading("Summary");
  page.paragraph(simulate_text(s));
  page.heading("Cumulative regret against the bounds (seed " + std::to_string(first_seed) + ")");
  page.figure(regret_plot(s),
              "Each policy's cumulative loss against θ⋆ (its dynamic regret so far); dashed: the dynamic-regret "
              "bound at T that applies to the policy (SIM-BOUNDS). The bound is stated for the whole horizon.");
  page.heading("PTSR per round (seed " + std::to_string(first_seed) + ")");
  page.figure(ptsr_plot(s),
              "MET-PTSR per round; absent where B_t = 0. PTSR against n with the "
              "b_n/(θn) reference line: adl simulate --experiment ptsr-scaling --report.");
  return page.render();
}

std::string experiment_text(const sim::ExperimentSummary& s) {
  const sim::ExperimentParameters& p = s.parameters;
  std::ostringstream text;
  text << "adl simulate --experiment " << sim::experiment_name(p.kind)
       << " (SIM-MONTE-CARLO), Pareto tails α = " << ref::to_fraction(p.alpha) << ", θ = " << ref::to_fraction(p.theta)
       << ", " << p.seeds << " seeds per size\n\n  Command: " << s.command << "\n\n"
       << experiment_table(s).render("  ");
  if (p.kind == ExperimentKind::PtsrScaling) {
    text << "\nTHM-PTSR-SCALING predicts PTSR ≍ b_n/(θn) for pro-rata (ratio bounded in n). The queue (score =\n"
            "leverage) takes from the highest-leverage winners whatever their size. b_n = n^(1/α) (x_m = 1,\n"
            "MET-EV-SCALE); n_ℓ = n/10 losers with the same tail index. Means over seeds: for α ≤ 2 the top\n"
            "winner has infinite variance and the ratio is noisy.\n";
  } else {
    text
        << "\nTHM-POA-FAIR predicts PoA_Fair ≍ κ_n when κ_n → ∞ (ratio roughly constant). Dynamic benchmark: pro-rata\n"
           "at θ_n = b_n/n (κ = 1); static: pro-rata at θ. W_Fair = PTSR (MET-POA).\n";
  }
  return text.str();
}

std::string experiment_json(const sim::ExperimentSummary& s) {
  const bool ptsr = s.parameters.kind == ExperimentKind::PtsrScaling;
  ordered_json rows = ordered_json::array();
  for (const sim::ExperimentRow& r : s.rows) {
    ordered_json row = {{"n", r.n}};
    if (ptsr) {
      row["mean_ptsr_pro_rata"] = r.mean_ptsr_pro_rata;
      row["mean_ptsr_queue"] = r.mean_ptsr_queue;
      row["reference"] = r.reference;
    } else {
      row["kappa"] = r.kappa;
      row["mean_poa_fair"] = r.mean_poa;
    }
    row["seeds"] = s.parameters.seeds;
    rows.push_back(std::move(row));
  }
  ordered_json doc;
  doc["schema"] = "adlref.simulate-experiment/1";
  doc["experiment"] = sim::experiment_name(s.parameters.kind);
  doc["command"] = s.command;
  doc["alpha"] = exact_json(s.parameters.alpha);
  doc["theta"] = exact_json(s.parameters.theta);
  doc["rows"] = rows;
  return dump_json(doc);
}

std::string experiment_html(const sim::ExperimentSummary& s) {
  const report::Chart chart = experiment_chart(s);
  report::HtmlReport page("adl simulate --experiment " + sim::experiment_name(s.parameters.kind));
  page.paragraph("Command: " + s.command);
  page.figure(report::render_svg(chart), chart.title);
  page.paragraph(experiment_text(s));
  return page.render();
}

}  // namespace adl::cli
