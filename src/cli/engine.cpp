#include "engine.hpp"

#include "common.hpp"

#include "adl/fx/convert.hpp"
#include "adl/fx/policies.hpp"
#include "adl/ref/error.hpp"

#include <vector>

namespace adl::cli {
namespace {

using ref::Rational;

/// Risk weights (also ρ for greedy one-step, DEF-OPT-RISK-MODEL) on the 10⁻⁹
/// grid: λ_i·g(λ_i) exactly, then a checked conversion, never a rounding.
std::vector<fx::Fraction> fx_risk_weights(const ref::Book& book, const ref::BookState& state,
                                          const ref::PolicyOptions& options) {
  const std::size_t n = book.accounts.size();
  std::vector<fx::Fraction> out(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (state.endowment[i] <= 0) continue;
    const ref::Account& account = book.accounts[i];
    const auto lambda = ref::effective_leverage(account);
    if (!lambda) {
      throw ref::InvalidInput("account '" + account.id + "' has no effective leverage λ (" +
                              ref::policy_name(options.kind) + " needs a leverage column or positions)");
    }
    out[i] = fx::to_fx_fraction(ref::risk_weight(options.risk, *lambda),
                                "account '" + account.id + "' risk weight λ·g(λ) (use --engine ref)");
  }
  return out;
}

}  // namespace

Engine choose_engine(const std::string& option, std::size_t accounts) {
  if (option == "ref") return Engine::Ref;
  if (option == "fx") return Engine::Fx;
  if (option == "auto") return accounts > kFxAutoThreshold ? Engine::Fx : Engine::Ref;
  throw UsageError("--engine must be auto, fx or ref, got '" + option + "'");
}

std::string engine_description(Engine engine, const std::string& option) {
  std::string text = engine == Engine::Fx ? "fx (fixed point, micro-USD, FX-ROUNDING of the exact result)"
                                          : "ref (exact rationals)";
  if (option == "auto") text += "; auto: fx above " + std::to_string(kFxAutoThreshold) + " accounts";
  return text;
}

FxBudget fx_budget(const ref::BookState& state, const ref::Budget& budget) {
  FxBudget out;
  const Rational micro = budget.budget * fx::money_scale;
  const Rational floored = Rational(ref::floor_of(micro));
  out.rounded = floored != micro;
  out.raw = fx::to_fx_money(floored / fx::money_scale, "the budget B");
  out.exact.budget = fx::to_exact_money(out.raw);
  out.exact.severity = state.deficit == 0 ? Rational(0) : out.exact.budget / state.deficit;
  out.exact.clipped = budget.clipped;
  return out;
}

ref::Allocation run_policy_fx(const fx::Book& fx_book, const ref::Book& book, const ref::BookState& state,
                              const ref::PolicyOptions& options, const FxBudget& budget) {
  // The book's columns, with the scores and risk weights of the chosen rule and model.
  const ref::PolicyColumns& reads = ref::policy_info(options.kind).reads;
  fx::BookView view = fx::view(fx_book);
  std::vector<fx::Fraction> scores;
  std::vector<fx::Fraction> weights;
  if (reads.score) {
    scores = fx::to_fx_scores(ref::queue_scores(book, options.score));
    view.score = scores;
  }
  if (reads.risk_weight || reads.rho) {
    weights = fx_risk_weights(book, state, options);
    (reads.rho ? view.rho : view.risk_weight) = weights;
  }
  const std::vector<fx::Money>& w = fx_book.endowment;
  const fx::Allocation a = fx::run_policy(view, options.kind, budget.raw);
  ref::Allocation out;
  out.severity = budget.exact.severity;
  out.budget = budget.exact.budget;
  out.seized.reserve(a.seized.size());
  out.haircut.reserve(a.seized.size());
  for (std::size_t i = 0; i < a.seized.size(); ++i) {
    out.seized.push_back(fx::to_exact_money(a.seized[i]));
    out.haircut.push_back(w[i] > 0 ? Rational(a.seized[i].raw(), w[i].raw()) : Rational(0));
  }
  return out;
}

}  // namespace adl::cli
