// Cell formatters shared by the text and HTML renderers of `adl replay`.
#include "replay_render.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace adl::cli::replay_render {

double to_double(const ref::Rational& x) { return x.convert_to<double>(); }

std::string percent(const ref::Rational& ratio, unsigned digits) {
  std::string out = ref::to_decimal(ref::round_half_away(ratio * 100, digits), static_cast<int>(digits));
  const std::size_t point = out.find('.');
  const std::size_t have = point == std::string::npos ? 0 : out.size() - point - 1;
  if (digits > 0 && point == std::string::npos) out += ".";
  out += std::string(digits - std::min<std::size_t>(digits, have), '0');
  return out + " %";
}

std::string utc_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buffer;
}

std::string scientific(const ref::Rational& x) {
  if (x == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", to_double(x));
  return buffer;
}

std::string worst_cases(const emp::ConformanceCheck& check) {
  std::string worst;
  for (std::size_t i = 0; i < check.worst.size() && i < 3; ++i) {
    worst += (i ? "; " : "") + std::string("line ") + std::to_string(check.worst[i].line) + ": " +
             ref::to_decimal(check.worst[i].violation, 6);
  }
  return worst;
}

std::vector<std::string> horizon_cells(const emp::HorizonTotal& horizon) {
  return {std::to_string(horizon.horizon_ms), emp::format_usd(horizon.prod_usd),
          emp::format_usd(horizon.overshoot_usd)};
}

std::vector<std::string> loss_cells(const emp::PolicyLoss& policy) {
  return {emp::policy_label(policy.name), emp::format_usd(policy.tracking_usd), emp::format_usd(policy.fairness_usd),
          emp::format_usd(policy.l1_usd), percent(policy.ratio_to_bound, 2)};
}

std::vector<std::string> queue_cells(const emp::QueueCluster& cluster) {
  return {cluster.coin,
          std::to_string(cluster.cluster_id),
          utc_time(cluster.t_start_ms),
          emp::format_usd(cluster.deficit),
          ref::to_decimal(cluster.total_capacity, 6),
          ref::to_decimal(cluster.budget, 6),
          ref::to_decimal(cluster.overshoot, 6),
          ref::to_decimal(cluster.residual, 6)};
}

std::string band_text(const emp::ReplaySummary& summary, bool capital) {
  return std::string(capital ? "Band [" : "band [") + emp::format_usd(summary.band_min_usd) + ", " +
         emp::format_usd(summary.band_max_usd) + "], maximum at " + std::to_string(summary.band_max_horizon_ms) + " ms";
}

}  // namespace adl::cli::replay_render
