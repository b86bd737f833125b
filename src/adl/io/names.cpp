#include "adl/io/names.hpp"

#include "adl/ref/error.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace adl::io {

using ref::PolicyKind;

std::optional<PolicyKind> policy_from_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, PolicyKind>, 17> kNames{{
      {"queue", PolicyKind::Queue},
      {"pro-rata", PolicyKind::ProRata},
      {"prorata", PolicyKind::ProRata},
      {"pr", PolicyKind::ProRata},
      {"wealth-pro-rata", PolicyKind::ProRata},
      {"levered-pro-rata", PolicyKind::LeveredProRata},
      {"lpr", PolicyKind::LeveredProRata},
      {"capped-pro-rata", PolicyKind::CappedProRata},
      {"cpr", PolicyKind::CappedProRata},
      {"capped", PolicyKind::CappedProRata},
      {"rap", PolicyKind::Rap},
      {"risk-aware", PolicyKind::Rap},
      {"risk-aware-pro-rata", PolicyKind::Rap},
      {"min-max", PolicyKind::MinMax},
      {"minmax", PolicyKind::MinMax},
      {"greedy-one-step", PolicyKind::GreedyOneStep},
      {"greedy", PolicyKind::GreedyOneStep},
  }};
  for (const auto& [alias, kind] : kNames) {
    if (name == alias) return kind;
  }
  return std::nullopt;
}

std::string unknown_policy_message(std::string_view name) {
  return "unknown policy '" + std::string(name) +
         "' (expected queue, pro-rata, levered-pro-rata, capped-pro-rata, rap, min-max or greedy-one-step)";
}

ref::PolicyKind parse_policy_name(std::string_view name) {
  const auto kind = policy_from_name(name);
  if (!kind) throw ref::InvalidInput(unknown_policy_message(name));
  return *kind;
}

std::optional<ref::ScoreRule> score_rule_from_name(std::string_view name) {
  if (name == "explicit") return ref::ScoreRule::Explicit;
  if (name == "hyperliquid") return ref::ScoreRule::Hyperliquid;
  if (name == "binance") return ref::ScoreRule::Binance;
  if (name == "largest-first") return ref::ScoreRule::LargestFirst;
  return std::nullopt;
}

std::string unknown_score_rule_message(std::string_view name) {
  return "unknown score rule '" + std::string(name) + "' (expected explicit, hyperliquid, binance or largest-first)";
}

ref::RiskModel parse_risk_model(std::string_view text) {
  ref::RiskModel model;
  if (text == "linear") return model;
  const auto colon = text.find(':');
  const std::string family(text.substr(0, colon));
  if (colon == std::string_view::npos || (family != "power" && family != "cvar")) {
    throw ref::InvalidInput("unknown risk model '" + std::string(text) +
                            "' (expected linear, power:C with an integer C >= 2, or cvar:T with T >= 0)");
  }
  ref::Rational parameter;
  try {
    parameter = ref::parse_rational(text.substr(colon + 1));
  } catch (const std::invalid_argument& e) {
    throw ref::InvalidInput(family + " parameter: " + e.what());
  }
  if (family == "power") {
    if (boost::multiprecision::denominator(parameter) != 1 || parameter < 2) {
      throw ref::InvalidInput("power:C needs an integer C >= 2, got " + ref::to_fraction(parameter));
    }
    model.kind = ref::RiskModel::Kind::Power;
  } else {
    if (parameter < 0) throw ref::InvalidInput("cvar:T needs T >= 0, got " + ref::to_fraction(parameter));
    model.kind = ref::RiskModel::Kind::Cvar;
  }
  model.parameter = parameter;
  return model;
}

}  // namespace adl::io
