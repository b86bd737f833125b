// The option groups shared by several commands of `adl` (options.hpp).
#include "options.hpp"

#include <utility>

namespace adl::cli {

OptionSpec json_flag(bool& json, std::string_view schema, std::string_view suffix) {
  std::string help = "Print one JSON document";
  if (!schema.empty()) help += " (schema " + std::string(schema) + ")";
  help += suffix;
  return OptionSpec{"--json", std::move(help), &json};
}

OptionSpec seed_option(std::string& seed, std::string help) {
  return OptionSpec{"--seed", std::move(help), &seed}.with_default();
}

OptionSpec engine_option(std::string& engine, std::string help) {
  return OptionSpec{"--engine", std::move(help), &engine}.with_default();
}

OptionSpec book_engine_option(std::string& engine) {
  return engine_option(engine, "Engine: ref (exact), fx (fixed point, micro-USD), auto (fx above 10000 accounts)");
}

OptionSpec out_option(std::optional<std::string>& out, std::string help) {
  return OptionSpec{"--out", std::move(help), &out};
}

OptionSpec atomic_out_option(std::optional<std::string>& out) {
  return out_option(out, "Output file (written to a temporary file, then renamed)");
}

void add_budget_options(std::vector<OptionSpec>& options, BudgetOptions& budget, bool with_clip) {
  options.push_back({"--severity",
                     "Severity θ ∈ [0, 1]; the budget is B = θ·D (exact: 1/2, 0.5, 5e-1)",
                     &budget.severity,
                     {"--budget"}});
  options.push_back({"--budget", "Budget B ≥ 0 in USD (exact); θ = B/D", &budget.budget, {"--severity"}});
  if (with_clip) {
    options.push_back({"--clip-budget",
                       "Clip the budget to the capacity, B = min(θ·D, U), instead of failing when θ·D > U",
                       &budget.clip});
  }
}

void add_rule_options(std::vector<OptionSpec>& options, std::string& score, std::string& risk) {
  options.push_back(
      OptionSpec{"--score", "Queue score rule: explicit, hyperliquid, binance, largest-first", &score}.with_default());
  options.push_back(
      OptionSpec{"--risk", "Risk model for rap and greedy-one-step: linear, power:C, cvar:T", &risk}.with_default());
}

}  // namespace adl::cli
