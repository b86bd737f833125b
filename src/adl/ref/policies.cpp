#include "adl/ref/policies.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace adl::ref {
namespace {

std::string at(std::size_t i) { return "account #" + std::to_string(i + 1); }

void require_same_size(std::size_t n, std::size_t m, const char* what) {
  if (n != m) {
    throw InvalidInput(std::string(what) + " has " + std::to_string(m) + " entries for " + std::to_string(n) +
                       " accounts");
  }
}

void require_endowments(const std::vector<Rational>& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] < 0) throw InvalidInput(at(i) + ": endowment must be >= 0, got " + to_fraction(w[i]));
  }
}

void require_caps(const std::vector<Rational>& beta) {
  for (std::size_t i = 0; i < beta.size(); ++i) {
    if (beta[i] < 0 || beta[i] > 1) {
      throw InvalidInput(at(i) + ": cap must lie in [0, 1], got " + to_fraction(beta[i]));
    }
  }
}

void require_budget(const Rational& budget) {
  if (budget < 0) throw InvalidInput("budget must be >= 0, got " + to_fraction(budget));
}

Rational sum(const std::vector<Rational>& v) {
  Rational total = 0;
  for (const Rational& x : v) total += x;
  return total;
}

/// An allocation of zeros of size n.
Allocation zeros(std::size_t n) {
  Allocation a;
  a.seized.assign(n, Rational(0));
  a.haircut.assign(n, Rational(0));
  return a;
}

/// Fills x_i = h_i·w_i from the haircuts.
void seize_from_haircuts(Allocation& a, const std::vector<Rational>& w) {
  for (std::size_t i = 0; i < w.size(); ++i) a.seized[i] = a.haircut[i] * w[i];
}

/// Indices i with pred(i), stably sorted by `before` (ties keep ascending index).
template <class Pred, class Before>
std::vector<std::size_t> ordered(std::size_t n, Pred pred, Before before) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < n; ++i) {
    if (pred(i)) idx.push_back(i);
  }
  std::stable_sort(idx.begin(), idx.end(), before);
  return idx;
}

}  // namespace

Rational risk_weight(const RiskModel& model, const Rational& lambda) {
  if (lambda < 0) throw InvalidInput("effective leverage must be >= 0, got " + to_fraction(lambda));
  switch (model.kind) {
    case RiskModel::Kind::Linear: return lambda * lambda;  // w̃ = λ·g(λ) with g(λ) = λ.
    case RiskModel::Kind::Power: {
      const Rational& c = model.parameter;
      if (boost::multiprecision::denominator(c) != 1 || c < 2 || c > 64) {
        throw InvalidInput("power risk model needs an integer exponent c in [2, 64], got " + to_fraction(c));
      }
      const auto exponent = static_cast<int>(boost::multiprecision::numerator(c));
      Rational g = 1;
      for (int k = 0; k < exponent; ++k) g *= lambda;
      return lambda * g;
    }
    case RiskModel::Kind::Cvar: {
      const Rational& tau = model.parameter;
      if (tau < 0) throw InvalidInput("CVaR risk model needs τ >= 0, got " + to_fraction(tau));
      return lambda * positive_part(lambda - tau);
    }
  }
  throw InvalidInput("unknown risk model");
}

Allocation queue(const std::vector<Rational>& w, const std::vector<Score>& scores, const Rational& budget) {
  const std::size_t n = w.size();
  require_same_size(n, scores.size(), "the score vector");
  require_endowments(w);
  require_budget(budget);
  const Rational& B = budget;
  // Step 1: B > U would break budget balance.
  const Rational U = sum(w);
  if (B > U) {
    throw Infeasible("queue: budget " + format_exact(B) + " exceeds the capacity U = " + format_exact(U));
  }
  // Step 2: eligible accounts by decreasing score; +∞ first; ties by ascending index.
  const auto higher = [&](std::size_t i, std::size_t j) {
    if (scores[i].infinite != scores[j].infinite) return scores[i].infinite;
    if (scores[i].infinite) return false;
    return scores[i].value > scores[j].value;
  };
  const std::vector<std::size_t> sigma = ordered(
      n, [&](std::size_t i) { return w[i] > 0; }, higher);
  // Steps 3–4: A_0 = B, A_k = (B − Σ_{j≤k} w_σ(j))₊, haircut by the three cases.
  Allocation a = zeros(n);
  Rational prefix = 0;
  Rational previous = B;  // A_{k−1}
  for (const std::size_t i : sigma) {
    prefix += w[i];
    const Rational current = positive_part(B - prefix);  // A_k
    if (previous - current == w[i] && current > 0) {
      a.haircut[i] = 1;
    } else if (current == 0 && previous > 0) {
      a.haircut[i] = previous / w[i];
    } else {
      a.haircut[i] = 0;
    }
    previous = current;
  }
  seize_from_haircuts(a, w);
  return a;
}

Allocation pro_rata(const std::vector<Rational>& w, const Rational& budget) {
  const std::size_t n = w.size();
  require_endowments(w);
  require_budget(budget);
  Allocation a = zeros(n);
  if (budget == 0) return a;
  const Rational U = sum(w);
  if (U == 0 || budget > U) {
    throw Infeasible("pro-rata: budget " + format_exact(budget) + " exceeds the capacity U = " + format_exact(U));
  }
  const Rational h = budget / U;
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] > 0) a.haircut[i] = h;
  }
  seize_from_haircuts(a, w);
  return a;
}

Allocation capped_pro_rata(const std::vector<Rational>& w, const std::vector<Rational>& beta, const Rational& budget) {
  const std::size_t n = w.size();
  require_same_size(n, beta.size(), "the cap vector");
  require_endowments(w);
  require_caps(beta);
  require_budget(budget);
  const Rational& B = budget;
  Allocation a = zeros(n);
  if (B == 0) return a;
  Rational C = 0;
  for (std::size_t i = 0; i < n; ++i) C += w[i] * beta[i];
  if (B > C) {
    throw Infeasible("capped pro-rata: budget " + format_exact(B) +
                     " exceeds the capped capacity C(β) = " + format_exact(C));
  }
  // ALG-CAPPED-WATERFILL, corrected: the level is set inside the loop and never overwritten.
  const std::vector<std::size_t> P = ordered(
      n, [&](std::size_t i) { return w[i] > 0; }, [&](std::size_t i, std::size_t j) { return beta[i] < beta[j]; });
  Rational V = 0;
  Rational R = 0;
  for (const std::size_t i : P) R += w[i];
  Rational previous = 0;
  std::optional<Rational> eta;
  for (const std::size_t k : P) {
    const Rational step = (beta[k] - previous) * R;
    if (V + step >= B) {
      eta = previous + (B - V) / R;  // R > 0: k itself is still in R.
      break;
    }
    V += step;
    R -= w[k];
    previous = beta[k];
  }
  // After the last step V = C(β) ≥ B, and B > 0 leaves P non-empty, so the
  // loop always sets the level (also when B = C(β): V + step reaches B).
  if (!eta) throw std::logic_error("capped pro-rata: no level although 0 < B <= C(beta)");
  for (const std::size_t i : P) a.haircut[i] = std::min(*eta, beta[i]);
  seize_from_haircuts(a, w);
  return a;
}

Allocation rap(const std::vector<Rational>& w, const std::vector<Rational>& beta, const std::vector<Rational>& tw,
               const Rational& budget) {
  const std::size_t n = w.size();
  require_same_size(n, beta.size(), "the cap vector");
  require_same_size(n, tw.size(), "the risk-weight vector");
  require_endowments(w);
  require_caps(beta);
  require_budget(budget);
  for (std::size_t i = 0; i < n; ++i) {
    if (tw[i] < 0) throw InvalidInput(at(i) + ": risk weight must be >= 0, got " + to_fraction(tw[i]));
  }
  const Rational& B = budget;
  Allocation a = zeros(n);
  const auto in_Z = [&](std::size_t i) { return w[i] > 0 && tw[i] > 0; };
  Rational C = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (in_Z(i)) C += w[i] * beta[i];
  }
  if (B > C) {
    throw Infeasible("risk-aware pro-rata: budget " + format_exact(B) +
                     " exceeds the capacity of accounts with positive risk weight, " + format_exact(C));
  }
  if (B == 0) return a;
  // ALG-RAP-WATERFILL, corrected: r_i = β_i/w̃_i ascending, ties by index.
  std::vector<Rational> r(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (in_Z(i)) r[i] = beta[i] / tw[i];
  }
  const std::vector<std::size_t> Z = ordered(n, in_Z, [&](std::size_t i, std::size_t j) { return r[i] < r[j]; });
  Rational V = 0;
  Rational W_rem = 0;
  for (const std::size_t i : Z) W_rem += w[i] * tw[i];
  Rational previous = 0;
  std::optional<Rational> tau;
  for (const std::size_t k : Z) {
    const Rational step = (r[k] - previous) * W_rem;
    if (V + step >= B) {
      tau = previous + (B - V) / W_rem;
      break;
    }
    V += step;
    W_rem -= w[k] * tw[k];
    previous = r[k];
  }
  // As in capped pro-rata: after the last step V = Σ_Z w·β ≥ B ＞ 0, so the loop sets τ.
  if (!tau) throw std::logic_error("risk-aware pro-rata: no level although 0 < B <= capacity");
  for (const std::size_t i : Z) a.haircut[i] = std::min(beta[i], *tau * tw[i]);
  seize_from_haircuts(a, w);
  return a;
}

Allocation levered_pro_rata(const std::vector<Rational>& w, const std::vector<Rational>& beta,
                            const std::vector<Rational>& leverage, const Rational& budget) {
  require_same_size(w.size(), leverage.size(), "the leverage vector");
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] > 0 && leverage[i] <= 0) {
      throw InvalidInput(at(i) + ": levered pro-rata needs leverage > 0, got " + to_fraction(leverage[i]));
    }
  }
  // AMB-P-04: losses ∝ ℓ_i·w_i, capped — ALG-RAP-WATERFILL with risk weights ℓ_i.
  return rap(w, beta, leverage, budget);
}

Allocation min_max_burden(const std::vector<Rational>& w, const std::vector<Rational>& equity,
                          const std::vector<Rational>& beta, const Rational& budget) {
  const std::size_t n = w.size();
  require_same_size(n, equity.size(), "the equity vector");
  require_endowments(w);
  // x_i = min(M·e_i, β_i·w_i) ⇔ h_i = min(β_i, M·e_i/w_i): water-filling with weights e_i/w_i.
  std::vector<Rational> weight(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] == 0) continue;
    if (equity[i] <= 0) {
      throw InvalidInput(at(i) + ": an account with endowment > 0 must have equity > 0");
    }
    weight[i] = equity[i] / w[i];
  }
  return rap(w, beta, weight, budget);
}

Allocation greedy_one_step(const std::vector<Rational>& w, const std::vector<Rational>& equity,
                           const std::vector<Rational>& beta, const std::vector<Rational>& rho,
                           const Rational& budget) {
  const std::size_t n = w.size();
  require_same_size(n, equity.size(), "the equity vector");
  require_same_size(n, beta.size(), "the cap vector");
  require_same_size(n, rho.size(), "the ρ vector");
  require_endowments(w);
  require_caps(beta);
  require_budget(budget);
  std::vector<Rational> key(n);
  Rational C = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (rho[i] < 0) throw InvalidInput(at(i) + ": ρ must be >= 0, got " + to_fraction(rho[i]));
    if (w[i] > 0) {
      key[i] = equity[i] * rho[i] / w[i];  // marginal reduction of δ_T per seized dollar
      C += w[i] * beta[i];
    }
  }
  if (budget > C) {
    throw Infeasible("greedy one-step: budget " + format_exact(budget) +
                     " exceeds the capped capacity C(β) = " + format_exact(C));
  }
  const std::vector<std::size_t> order = ordered(
      n, [&](std::size_t i) { return w[i] > 0; }, [&](std::size_t i, std::size_t j) { return key[i] > key[j]; });
  Allocation a = zeros(n);
  Rational remaining = budget;
  for (const std::size_t i : order) {
    const Rational x = std::min(w[i] * beta[i], remaining);
    a.seized[i] = x;
    a.haircut[i] = x / w[i];
    remaining -= x;
  }
  return a;
}

std::string score_rule_name(ScoreRule rule) {
  switch (rule) {
    case ScoreRule::Explicit: return "explicit";
    case ScoreRule::Hyperliquid: return "hyperliquid";
    case ScoreRule::Binance: return "binance";
    case ScoreRule::LargestFirst: return "largest-first";
  }
  return "?";
}

std::string risk_model_name(const RiskModel& model) {
  switch (model.kind) {
    case RiskModel::Kind::Linear: return "linear";
    case RiskModel::Kind::Power: return "power:" + to_fraction(model.parameter);
    case RiskModel::Kind::Cvar: return "cvar:" + to_fraction(model.parameter);
  }
  return "?";
}

std::vector<Score> queue_scores(const Book& book, ScoreRule rule) {
  std::vector<Score> scores(book.accounts.size());
  for (std::size_t i = 0; i < book.accounts.size(); ++i) {
    const Account& a = book.accounts[i];
    if (endowment(a) == 0) continue;  // ineligible: never ranked (AMB-P-01)
    const std::string who = "account '" + a.id + "'";
    switch (rule) {
      case ScoreRule::Explicit:
        if (!a.score) throw InvalidInput(who + " has no score (the explicit queue needs a score column)");
        scores[i].value = *a.score;
        break;
      case ScoreRule::Hyperliquid:
        if (!a.leverage) throw InvalidInput(who + " has no leverage (the Hyperliquid score is s = ℓ)");
        scores[i].value = *a.leverage;
        break;
      case ScoreRule::Binance:
        if (a.bankruptcy_score_infinite) {
          scores[i].infinite = true;
        } else if (a.bankruptcy_score) {
          scores[i].value = *a.bankruptcy_score;
        } else {
          throw InvalidInput(who +
                             " has no Binance score ℓ·p̂/p^bk (needs a position-space book "
                             "with one position per account and defined leverage)");
        }
        break;
      case ScoreRule::LargestFirst: scores[i].value = endowment(a); break;
    }
  }
  return scores;
}

}  // namespace adl::ref
