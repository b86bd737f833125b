/// @file
/// How policies, queue score rules and risk models are spelled in input: on
/// the command line, in event logs, in vector files. The canonical spellings
/// (what adlref prints) live with the types in adl::ref; the aliases a user
/// may type (`cpr`, `risk-aware`) live here, once.
#pragma once

#include "adl/ref/policies.hpp"
#include "adl/policy_kind.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace adl::io {

/// A wealth-space policy by its canonical name or an alias (`pr`, `prorata`,
/// `wealth-pro-rata`, `lpr`, `cpr`, `capped`, `risk-aware`,
/// `risk-aware-pro-rata`, `minmax`, `greedy`); nothing for anything else,
/// contract pro-rata included (it needs a position-space event).
/// @spec POL-ADL-POLICY
std::optional<ref::PolicyKind> policy_from_name(std::string_view name);

/// policy_from_name, or ref::InvalidInput with unknown_policy_message.
/// @spec POL-ADL-POLICY
ref::PolicyKind parse_policy_name(std::string_view name);

/// The message for an unknown policy name: `unknown policy 'X' (expected
/// queue, pro-rata, levered-pro-rata, capped-pro-rata, rap, min-max or greedy-one-step)`.
/// @spec POL-ADL-POLICY
std::string unknown_policy_message(std::string_view name);

/// A queue score rule by its spelling (`explicit`, `hyperliquid`, `binance`,
/// `largest-first`); nothing for anything else.
/// @spec DEF-QUEUE-SCORE
std::optional<ref::ScoreRule> score_rule_from_name(std::string_view name);

/// The message for an unknown score rule: `unknown score rule 'X' (expected
/// explicit, hyperliquid, binance or largest-first)`.
/// @spec DEF-QUEUE-SCORE
std::string unknown_score_rule_message(std::string_view name);

/// A risk model from `linear`, `power:C` (C an integer ≥ 2) or `cvar:T` (T ≥ 0,
/// FMT-NUMBER). Throws ref::InvalidInput with a message that says what was
/// wrong (`unknown risk model 'X' (…)`, `power:C needs an integer C >= 2, got
/// 1/2`, `power parameter: not a number: …`); callers add where it was read.
/// @spec DEF-RISK-MODEL
ref::RiskModel parse_risk_model(std::string_view text);

}  // namespace adl::io
