#include "adl/emp/replay_summary.hpp"

#include <map>
#include <utility>

namespace adl::emp {
namespace {

// Every file of the per-wave folder in print order: the core files, the
// optional ones that were read, then the absent ones.
std::vector<TableRead> tables_read(const PerWaveTables& tables) {
  std::vector<TableRead> out;
  const auto read = [&out](const auto& file) { out.push_back({file.source, file.rows.size()}); };
  const auto read_optional = [&read](const auto& file) {
    if (file) read(*file);
  };
  read(tables.loser_waves);
  read(tables.two_pass);
  read(tables.policy_per_wave);
  read_optional(tables.horizon_summary);
  read_optional(tables.horizon_sweep);
  read_optional(tables.wave_coin_gap);
  read_optional(tables.summary_totals);
  for (const std::string& name : tables.missing) out.push_back({name, std::nullopt});
  return out;
}

// EMP-HEADLINES: the totals and the three readings of overshoot.
std::vector<MoneyLine> headline_lines(const Totals& t) {
  return {{"deficit_usd", "ΣD_t", "realized deficit", t.deficit_usd},
          {"needed_usd", "ΣB_needed", "needed budget", t.needed_usd},
          {"prod_usd", "ΣH_prod(0)", "production haircut", t.prod_usd},
          {"overshoot_usd", "O(0)", "overshoot, signed", t.overshoot_usd},
          {"overshoot_positive_usd", "Σ(O_t)+", "overshoot, positive part", t.overshoot_positive_usd},
          {"overshoot_abs_usd", "Σ|O_t|", "overshoot, absolute", t.overshoot_abs_usd}};
}

// The caveats of spec/empirical.md (EMP-BOUND's list, AMB-E-01/05/06/07), each
// keyed by the number it qualifies.
std::vector<Caveat> caveats(const PerWaveReplay& pw) {
  const Totals& t = pw.totals;
  std::vector<Caveat> out;
  out.push_back({"deficit_usd", "AMB-E-01",
                 "ΣD counts a loser once per wave, not once per event: one account's loss of 10,925,707.16 is the "
                 "largest loss in nine waves and is counted in each (about 98.3 M of the total)."});
  out.push_back({"overshoot_usd", "EMP-OVERSHOOT",
                 "O(0) is signed: production undershot in " + std::to_string(t.waves_undershoot) + " of " +
                     std::to_string(t.num_waves) +
                     " waves. Positive part Σ(O_t)+ = " + format_usd(t.overshoot_positive_usd) +
                     "; absolute Σ|O_t| = " + format_usd(t.overshoot_abs_usd) + "."});
  out.push_back({"band", "AMB-E-07",
                 "O(Δ) is not monotone in the horizon Δ: its maximum is at " + std::to_string(t.band_max_horizon_ms) +
                     " ms, not at the longest horizon."});
  out.push_back({"bound_usd", "EMP-BOUND",
                 "𝔅 is the scale of a regret bound for an online learner on the loss D_t·|θ − θ_needed,t|; it is not a "
                 "bound on production's loss. Production's loss in that loss (capped θ) is " +
                     format_usd(pw.bound.prod_loss_capped_usd) + "; uncapped it is " +
                     format_usd(pw.bound.prod_loss_uncapped_usd) + " (= T(production))."});
  out.push_back({"policies", "EMP-LOSS-TABLE",
                 "The benchmark policies were handed B_needed,t, the budget known only after the fact; production was "
                 "not. The fairness reference is the min-max column, which is the pipeline's greedy fallback, not a "
                 "MIP (AMB-E-05)."});
  out.push_back({"queue_clusters", "AMB-E-06",
                 "The queue diagnostic spends realised closed PnL, not a deficit target, in equity dollars per coin "
                 "cluster: a distributional diagnostic, not comparable with O(0)."});
  return out;
}

// EMP-OVERSHOOT: Σ_{s ≤ t} O_s(Δ) along the waves' time order, for every
// horizon of two_pass_by_wave (a later row of the same horizon and wave wins).
std::vector<OvershootPath> cumulative_overshoot(const PerWaveReplay& pw) {
  std::map<std::int64_t, std::map<std::int64_t, Rational>> by_horizon;  // horizon → wave → O_t
  for (const TwoPassRow& r : pw.tables.two_pass.rows) {
    by_horizon[r.eval_horizon_ms][r.wave] = r.budget_prod_usd - r.budget_needed_usd;
  }
  std::vector<OvershootPath> out;
  for (const auto& [horizon, per_wave] : by_horizon) {
    OvershootPath path{horizon, {}};
    Rational running = 0;
    for (const WavePoint& w : pw.waves) {
      const auto it = per_wave.find(w.wave);
      if (it == per_wave.end()) {
        path.cumulative_usd.emplace_back(std::nullopt);
        continue;
      }
      running += it->second;
      path.cumulative_usd.emplace_back(running);
    }
    out.push_back(std::move(path));
  }
  return out;
}

// EMP-WAVES: the matched waves, or the computed ones when nothing was published.
std::vector<EventWaveLine> wave_lines(const EventReplay& ev) {
  std::vector<EventWaveLine> out;
  if (!ev.wave_comparison) {
    for (const EventWave& w : ev.waves) {
      out.push_back({std::nullopt, std::nullopt, w.t_start_ms, w.t_end_ms, w.rows.size(), false});
    }
    return out;
  }
  for (const WaveMatch& m : ev.wave_comparison->waves) {
    EventWaveLine line;
    if (m.expected) {
      line.published_wave = m.expected->wave;
      line.published_deficit_usd = m.expected->deficit_usd;
    }
    if (m.computed) {
      line.t_start_ms = m.computed->t_start_ms;
      line.t_end_ms = m.computed->t_end_ms;
      line.rows = m.computed->rows.size();
    }
    line.matches_published = m.matches();
    out.push_back(std::move(line));
  }
  return out;
}

EventSummary event_summary(EventReplay ev) {
  EventSummary out;
  out.source = ev.table.source;
  out.table = ev.table.summary;
  out.waves_compared = ev.wave_comparison.has_value();
  out.waves = wave_lines(ev);
  if (ev.wave_comparison) {
    out.deficits_recomputable = ev.wave_comparison->deficits_recomputable;
    out.deficit_note = ev.wave_comparison->deficit_note;
  } else {
    out.deficit_note = "no published waves to compare";
  }
  for (const CoinCluster& c : ev.clusters) {
    if (c.deficit > 0) ++out.clusters_with_deficit;
    out.cluster_deficit_usd += c.deficit;
  }
  out.clusters = std::move(ev.clusters);
  out.queue = std::move(ev.queue);
  out.examples = std::move(ev.example_comparison);
  out.conformance = std::move(ev.conformance);
  return out;
}

}  // namespace

std::string format_usd(const Rational& x) {
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

std::string policy_label(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> labels{
      {"prod", "production"},
      {"pr", "continuous (wealth) pro-rata"},
      {"pnl_pr", "PnL-weighted pro-rata"},
      {"eq_pr", "equity-weighted pro-rata"},
      {"vector", "vector mirror descent"},
      {"contract_pr", "contract pro-rata"},
      {"fixed_point_ilp_integer", "min-max (ILP fallback)"}};
  const auto it = labels.find(name);
  return it == labels.end() ? std::string(name) : it->second;
}

std::string ReplaySummary::caveat(std::string_view key) const {
  for (const Caveat& c : caveats) {
    if (c.key == key) return c.text + " [" + c.spec + "]";
  }
  return {};
}

ReplaySummary summarize_replay(std::string data_dir, PerWaveReplay per_wave, std::optional<EventReplay> events) {
  ReplaySummary s;
  const Totals& t = per_wave.totals;
  s.tables = tables_read(per_wave.tables);
  s.num_waves = t.num_waves;
  s.headlines = headline_lines(t);
  s.waves_undershoot = t.waves_undershoot;
  s.band_min_usd = t.band_min_usd;
  s.band_max_usd = t.band_max_usd;
  s.band_max_horizon_ms = t.band_max_horizon_ms;
  s.horizons = t.horizons;
  s.cumulative_overshoot = cumulative_overshoot(per_wave);
  s.caveats = caveats(per_wave);
  s.findings = std::move(per_wave.findings);
  s.waves = std::move(per_wave.waves);
  s.policies = std::move(per_wave.policies);
  s.bound = std::move(per_wave.bound);
  if (events) {
    s.findings.insert(s.findings.end(), events->findings.begin(), events->findings.end());
    s.events = event_summary(std::move(*events));
  } else {
    s.events_missing = "events/ is absent from " + data_dir +
                       ": waves, clusters, the queue diagnostic and "
                       "production's conformance are not computed";
  }
  for (const Finding& f : s.findings) s.warnings += f.severity == Severity::kWarning ? 1 : 0;
  s.data_dir = std::move(data_dir);
  return s;
}

}  // namespace adl::emp
