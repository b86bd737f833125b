#include "adl/ref/state.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace adl::ref {
namespace {

std::string who(const Account& account) { return "account '" + account.id + "'"; }

}  // namespace

void validate_book(const Book& book) {
  std::set<std::string> seen;
  for (const Account& a : book.accounts) {
    if (a.id.empty()) throw InvalidInput("an account has an empty id");
    if (!seen.insert(a.id).second) throw InvalidInput(who(a) + " appears twice");
    if (a.cash < 0) throw InvalidInput(who(a) + ": cash must be >= 0, got " + to_fraction(a.cash));
    if (a.leverage && *a.leverage <= 0) {
      throw InvalidInput(who(a) + ": leverage must be > 0, got " + to_fraction(*a.leverage));
    }
    if (a.max_haircut && (*a.max_haircut < 0 || *a.max_haircut > 1)) {
      throw InvalidInput(who(a) + ": max_haircut must lie in [0, 1], got " + to_fraction(*a.max_haircut));
    }
    if (a.notional && *a.notional < 0) {
      throw InvalidInput(who(a) + ": notional must be >= 0, got " + to_fraction(*a.notional));
    }
  }
}

Rational equity(const Account& account) { return account.cash + account.pnl; }

Rational endowment(const Account& account) { return positive_part(account.pnl); }

Rational effective_cap(const Account& account) {
  const Rational w = endowment(account);
  if (w == 0) return 0;
  // DEF-CAPS: β = clip_[0,1](min{h̄, 1 − (e̲ − c)/w}); a missing h̄ is 1, a missing e̲ is −∞.
  Rational beta = account.max_haircut ? *account.max_haircut : Rational(1);
  if (account.min_equity) {
    const Rational equity_term = 1 - (*account.min_equity - account.cash) / w;
    beta = std::min(beta, equity_term);
  }
  return std::clamp(beta, Rational(0), Rational(1));
}

BookState summarize(const Book& book) {
  validate_book(book);
  BookState s;
  const std::size_t n = book.accounts.size();
  s.equity.reserve(n);
  s.endowment.reserve(n);
  s.cap.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Account& a = book.accounts[i];
    const Rational e = equity(a);
    const Rational w = endowment(a);
    const Rational beta = effective_cap(a);
    s.deficit += negative_part(e);
    s.max_shortfall = std::max(s.max_shortfall, negative_part(e));
    s.capacity += w;
    s.max_endowment = std::max(s.max_endowment, w);
    s.capped_capacity += w * beta;
    s.winner_equity += positive_part(e);
    s.solvency += e;
    if (e > 0) s.winners.push_back(i);
    if (e < 0) s.losers.push_back(i);
    s.equity.push_back(e);
    s.endowment.push_back(w);
    s.cap.push_back(beta);
  }
  return s;
}

bool delta_insolvent(const BookState& state, const Rational& delta) { return state.solvency <= delta; }

bool feasible(const BookState& state, const Rational& severity) {
  return severity >= 0 && severity <= 1 && severity * state.deficit <= state.capacity;
}

std::optional<Rational> effective_leverage(const Account& account) {
  if (account.notional) {
    const Rational e = equity(account);
    if (e == 0) return std::nullopt;
    return *account.notional / (e > 0 ? e : Rational(-e));
  }
  return account.leverage;
}

LeverageMasses leverage_masses(const Book& book) {
  validate_book(book);
  LeverageMasses m;
  for (const Account& a : book.accounts) {
    const Rational e = equity(a);
    if (e == 0) continue;
    const auto lambda = effective_leverage(a);
    if (!lambda) {
      throw InvalidInput(who(a) +
                         ": leverage masses need a leverage or a notional for every "
                         "winner and loser");
    }
    (e > 0 ? m.winners : m.losers) += *lambda;
  }
  return m;
}

Budget resolve_budget(const BookState& state, const BudgetRequest& request) {
  if (request.severity && request.budget) {
    throw InvalidInput("give a severity or a budget, not both");
  }
  const Rational& D = state.deficit;
  const Rational& U = state.capacity;
  if (request.severity) {
    const Rational& theta = *request.severity;
    if (theta < 0 || theta > 1) {
      throw InvalidInput("severity must lie in [0, 1], got " + to_fraction(theta));
    }
    if (D == 0) return {Rational(0), Rational(0), false};  // POL-VALID: D = 0 ⇒ B = 0, θ reported 0.
    const Rational B = theta * D;
    if (B <= U) return {theta, B, false};
    if (!request.clip_to_capacity) {
      throw Infeasible("severity " + to_fraction(theta) + " asks for a budget θ·D = " + format_exact(B) +
                       " above the capacity U = " + format_exact(U) +
                       " (ask for clipping — adl: --clip-budget — to use B = min(θ·D, U))");
    }
    return {U / D, U, true};
  }
  if (request.budget) {
    const Rational& B = *request.budget;
    if (B < 0) throw InvalidInput("budget must be >= 0, got " + to_fraction(B));
    if (D == 0) {
      if (B > 0) {
        throw InvalidInput("the deficit D is 0, so the only valid budget is 0 (got " + to_fraction(B) + ")");
      }
      return {Rational(0), Rational(0), false};
    }
    if (B > D) {
      throw InvalidInput("budget " + format_exact(B) + " exceeds the deficit D = " + format_exact(D) +
                         " (severity would exceed 1)");
    }
    if (B <= U) return {B / D, B, false};
    if (!request.clip_to_capacity) {
      throw Infeasible("budget " + format_exact(B) + " is above the capacity U = " + format_exact(U) +
                       " (ask for clipping — adl: --clip-budget — to use B = min(B, U))");
    }
    return {U / D, U, true};
  }
  // Neither given: the full-coverage budget B* = min(D, U).
  if (D == 0) return {Rational(0), Rational(0), false};
  const Rational B = std::min(D, U);
  return {B / D, B, U < D};
}

}  // namespace adl::ref
