// The deterministic generator of conformance vectors (spec/harness.md,
// CONF-VECTOR-GEN): boundary, adversarial and random cases drawn from a seed,
// each with the reference's expected outcome.
#include "adl/conf/vectors.hpp"

#include <limits>
#include <random>
#include <stdexcept>

namespace adl::conf {
namespace {

using fx::i128;
using Money = std::int64_t;  // raw micro-USD: vectors are the wire format (CONF-VECTOR-FORMAT)
using fx::u128;
using ref::PolicyKind;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kBillion = 1'000'000'000;

bool is_capped(PolicyKind p) { return ref::policy_respects_caps(p); }

// ---- Deterministic draws (CONF-VECTOR-GEN, after FX-GENERATOR).

std::uint64_t splitmix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t raw() { return engine_(); }
  /// An integer in [0, m), m ≥ 1: ⌊r·m/2⁶⁴⌋.
  std::uint64_t below(std::uint64_t m) { return static_cast<std::uint64_t>((static_cast<u128>(engine_()) * m) >> 64); }
  /// An int64 in [0, m), m ≥ 1.
  std::int64_t below_i(std::int64_t m) { return static_cast<std::int64_t>(below(static_cast<std::uint64_t>(m))); }
  /// Chance p/q.
  bool chance(std::uint64_t p, std::uint64_t q) { return below(q) < p; }
  /// 1 + below(10^d), d = below(decades + 1): values over `decades` + 1 decades.
  std::int64_t magnitude(int decades = 12) {
    const auto d = static_cast<int>(below(static_cast<std::uint64_t>(decades) + 1));
    std::int64_t p = 1;
    for (int k = 0; k < d; ++k) p *= 10;
    return 1 + below_i(p);
  }

 private:
  std::mt19937_64 engine_;  // its output sequence is fixed by the C++ standard
};

/// Every field of one account; a vector keeps the columns its policy reads.
struct Account {
  std::int64_t w = 0;
  std::int64_t score = 0;
  std::int64_t cap = 0;
  std::int64_t leverage = 0;
  std::int64_t risk_weight = 0;
  std::int64_t equity = 0;
  std::int64_t rho = 0;
};

std::int64_t cap_of(std::int64_t w, std::uint64_t kind, std::int64_t beta) {
  if (w == 0 || kind == 0) return 0;
  if (kind == 1) return w;
  return static_cast<std::int64_t>(static_cast<i128>(w) * beta / kBillion);
}

/// A random account (CONF-VECTOR-GEN, "Random accounts").
Account random_account(Draws& d) {
  Account a;
  a.w = d.chance(1, 6) ? 0 : d.magnitude();
  const std::uint64_t score_kind = d.below(10);
  if (score_kind == 0) {
    a.score = fx::infinite_score.raw();
  } else if (score_kind == 1) {
    a.score = d.below_i(2'000'000'000'001) - 1'000'000'000'000;
  } else {
    a.score = d.below_i(4) * kBillion;
  }
  const std::uint64_t cap_kind = d.below(8);
  const std::int64_t beta = d.below_i(kBillion + 1);
  a.cap = cap_of(a.w, cap_kind, beta);
  if (d.below(4) < 3) {
    a.leverage = (1 + d.below_i(50)) * kBillion;
  } else {
    a.leverage = 1 + d.below_i(100'000'000'000);
  }
  if (d.chance(1, 4) && a.w == 0) a.leverage = 0;
  a.risk_weight = d.chance(1, 8) ? 0 : 1 + d.below_i(2'500'000'000'000);
  const std::int64_t m = d.magnitude();
  if (a.w > 0) {
    a.equity = a.w + m;
  } else {
    a.equity = d.chance(1, 2) ? -m : m - 1;
  }
  a.rho = d.chance(1, 8) ? 0 : 1 + d.below_i(2'500'000'000'000);
  return a;
}

/// Makes an account count towards every policy's capacity: w ≥ 1, c ≥ 1, ℓ, w̃ ＞ 0.
void make_live(Account& a, Draws& d) {
  if (a.w == 0) {
    a.w = d.magnitude();
    a.equity = a.w + d.magnitude();
  }
  if (a.cap == 0) a.cap = a.w;
  if (a.leverage == 0) a.leverage = kBillion;
  if (a.risk_weight == 0) a.risk_weight = kBillion;
}

void set_zero_endowment(Account& a) {
  a.w = 0;
  a.cap = 0;
}

std::vector<Account> random_accounts(Draws& d, std::size_t n) {
  std::vector<Account> accounts;
  accounts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) accounts.push_back(random_account(d));
  return accounts;
}

Vector assemble(PolicyKind policy, const std::vector<Account>& accounts) {
  Vector v;
  v.policy = policy;
  for (const Column c : policy_columns(policy)) {
    auto& column = v.column(c);
    column.reserve(accounts.size());
    for (const Account& a : accounts) {
      switch (c) {
        case Column::W: column.push_back(a.w); break;
        case Column::Score: column.push_back(a.score); break;
        case Column::Cap: column.push_back(a.cap); break;
        case Column::Leverage: column.push_back(a.leverage); break;
        case Column::RiskWeight: column.push_back(a.risk_weight); break;
        case Column::Equity: column.push_back(a.equity); break;
        case Column::Rho: column.push_back(a.rho); break;
      }
    }
  }
  return v;
}

/// Uniform in [0, k], k ≥ 0.
Money up_to(Draws& d, Money k) { return static_cast<Money>(d.below(static_cast<std::uint64_t>(k) + 1)); }

/// Uniform in [lo, hi], lo ≤ hi (hi − lo ＜ 2⁶³).
Money between(Draws& d, Money lo, Money hi) { return lo + up_to(d, hi - lo); }

Money capacity_of(PolicyKind policy, const std::vector<Account>& accounts) {
  i128 k = 0;
  for (const Account& a : accounts) {
    if (a.w <= 0) continue;
    if (!is_capped(policy)) {
      k += a.w;
    } else if (policy != PolicyKind::Rap || a.risk_weight > 0) {
      k += a.cap;
    }
  }
  return fx::narrow_to_int64(k, "the capacity of a generated vector");
}

std::size_t small_n(Draws& d) { return d.chance(4, 5) ? 1 + d.below(12) : 13 + d.below(48); }

// ---- The cases of CONF-VECTOR-GEN.

constexpr std::size_t kBoundaryCases = 9;
constexpr std::size_t kAdversarialCases = 8;

struct Built {
  std::vector<Account> accounts;
  Money budget = 0;
  std::string family;
  std::string case_name;
};

Built boundary_case(PolicyKind policy, Draws& d, std::size_t k) {
  Built b;
  b.family = "boundary";
  switch (k) {
    case 0: b.case_name = "empty-book"; break;
    case 1:
    case 2: {
      b.case_name = k == 1 ? "zero-open-interest" : "zero-open-interest-infeasible";
      b.accounts = random_accounts(d, 1 + d.below(4));
      for (Account& a : b.accounts) set_zero_endowment(a);
      b.budget = k == 1 ? 0 : 1 + d.below_i(1'000'000);
      break;
    }
    case 3:
    case 4: {
      b.case_name = k == 3 ? "budget-equals-capacity" : "budget-capacity-plus-one";
      b.accounts = random_accounts(d, 1 + d.below(8));
      make_live(b.accounts.front(), d);
      const Money cap = capacity_of(policy, b.accounts);
      b.budget = k == 3 ? cap : cap + 1;
      break;
    }
    case 5:
      b.case_name = "zero-budget";
      b.accounts = random_accounts(d, 1 + d.below(12));
      b.budget = 0;
      break;
    case 6: {
      b.case_name = "single-account";
      b.accounts = random_accounts(d, 1);
      make_live(b.accounts.front(), d);
      b.budget = up_to(d, capacity_of(policy, b.accounts));
      break;
    }
    case 7: {
      b.case_name = "one-micro-usd";
      b.accounts = random_accounts(d, 2 + d.below(9));
      for (Account& a : b.accounts) make_live(a, d);
      b.budget = 1;
      break;
    }
    default: {
      b.case_name = "budget-far-above-capacity";
      b.accounts = random_accounts(d, 1 + d.below(12));
      b.budget = capacity_of(policy, b.accounts) + 1 + d.below_i(1'000'000'000'000);
      break;
    }
  }
  return b;
}

Built adversarial_case(PolicyKind policy, Draws& d, std::size_t k) {
  Built b;
  b.family = "adversarial";
  switch (k) {
    case 0: {
      b.case_name = "tie";
      Account a = random_account(d);
      make_live(a, d);
      b.accounts.assign(2 + d.below(5), a);
      const Money cap = capacity_of(policy, b.accounts);
      b.budget = cap >= 2 ? between(d, 1, cap - 1) : cap;
      break;
    }
    case 1: {
      b.case_name = "half-units";
      Account a = random_account(d);
      make_live(a, d);
      a.w = 1;
      a.cap = 1;
      a.equity = 1 + d.magnitude();
      const std::size_t m = 1 + d.below(4);
      b.accounts.assign(2 * m, a);
      b.budget = static_cast<Money>(m);
      break;
    }
    case 2: {
      b.case_name = "near-overflow";
      const std::size_t n = 2 + d.below(4);
      const Money total = kMax - d.below_i(Money{1} << 20);
      std::vector<std::int64_t> parts(n);
      i128 part_sum = 0;
      for (auto& r : parts) {
        r = 1 + d.below_i(Money{1} << 32);
        part_sum += r;
      }
      i128 assigned = 0;
      for (std::size_t i = 0; i < n; ++i) {
        Account a;
        a.w = static_cast<std::int64_t>(static_cast<i128>(total) * parts[i] / part_sum);
        assigned += a.w;
        b.accounts.push_back(a);
      }
      b.accounts.front().w += static_cast<std::int64_t>(static_cast<i128>(total) - assigned);
      for (Account& a : b.accounts) {
        a.cap = a.w - d.below_i(a.w / 8 + 1);
        a.score = d.chance(1, 4) ? fx::infinite_score.raw() : static_cast<std::int64_t>(d.raw());
        a.leverage = 1 + d.below_i(kMax);
        a.risk_weight = 1 + d.below_i(kMax);
        a.equity = a.w + d.below_i(Money{1} << 20);
        a.rho = 1 + d.below_i(kMax);
      }
      const Money cap = capacity_of(policy, b.accounts);
      b.budget = d.chance(1, 4) ? cap : cap - up_to(d, cap / 2);
      break;
    }
    case 3: {
      b.case_name = "extreme-fractions";
      b.accounts = random_accounts(d, 2 + d.below(5));
      make_live(b.accounts.front(), d);
      static constexpr std::int64_t scores[] = {kMin, -1, 0, 1, kMax - 1, fx::infinite_score.raw()};
      static constexpr std::int64_t positive[] = {1, kMax};
      static constexpr std::int64_t weights[] = {0, 1, kMax};
      for (std::size_t i = 0; i < b.accounts.size(); ++i) {
        Account& a = b.accounts[i];
        a.score = scores[d.below(6)];
        a.leverage = positive[d.below(2)];
        a.risk_weight = weights[d.below(3)];
        a.rho = weights[d.below(3)];
        const std::uint64_t e = d.below(3);
        if (a.w > 0) {
          a.equity = e == 0 ? a.w : (e == 1 ? a.w + d.magnitude() : kMax);
        } else {
          a.equity = e == 0 ? -(Money{1} << 60) : (e == 1 ? -1 : 0);
        }
        if (i == 0 && a.risk_weight == 0) a.risk_weight = 1;
      }
      b.budget = up_to(d, capacity_of(policy, b.accounts));
      break;
    }
    case 4: {
      b.case_name = "dust";
      b.accounts = random_accounts(d, 20 + d.below(41));
      for (Account& a : b.accounts) {
        make_live(a, d);
        a.w = 1 + d.below_i(3);
        a.cap = d.chance(1, 2) ? a.w : a.w / 2;
        a.equity = a.w + d.magnitude();
      }
      Account& whale = b.accounts[d.below(b.accounts.size())];
      whale.w = 1'000'000'000'000 + d.below_i(1'000'000'000'000'000);
      whale.cap = whale.w;
      whale.equity = whale.w + d.magnitude();
      const Money cap = capacity_of(policy, b.accounts);
      b.budget = cap >= 1 ? between(d, 1, cap) : 0;
      break;
    }
    case 5: {
      b.case_name = "zero-and-full-caps";
      b.accounts = random_accounts(d, 3 + d.below(6));
      for (std::size_t i = 0; i < b.accounts.size(); ++i) {
        Account& a = b.accounts[i];
        if (i % 3 == 2) {
          set_zero_endowment(a);
        } else {
          make_live(a, d);
          a.cap = i % 2 == 0 ? 0 : a.w;
        }
      }
      b.budget = up_to(d, capacity_of(policy, b.accounts));
      break;
    }
    case 6: {
      b.case_name = "near-tie";
      Account base = random_account(d);
      make_live(base, d);
      if (base.score == fx::infinite_score.raw()) base.score = 2 * kBillion;
      const auto& columns = policy_columns(policy);
      const std::size_t n = 2 + d.below(5);
      b.accounts.push_back(base);
      for (std::size_t i = 1; i < n; ++i) {
        Account a = base;
        const Column c = columns[d.below(columns.size())];
        const std::int64_t delta = d.chance(1, 2) ? 1 : -1;
        switch (c) {
          case Column::W: a.w += delta; break;
          case Column::Score: a.score += delta; break;
          case Column::Cap: a.cap += delta; break;
          case Column::Leverage: a.leverage += delta; break;
          case Column::RiskWeight: a.risk_weight += delta; break;
          case Column::Equity: a.equity += delta; break;
          case Column::Rho: a.rho += delta; break;
        }
        // Back into the domain: c ∈ [0, w], ℓ ≥ 1, w̃, ρ ≥ 0, e ≥ w.
        if (a.cap > a.w) a.cap = a.w;
        if (a.cap < 0) a.cap = 0;
        if (a.leverage < 1) a.leverage = 1;
        if (a.risk_weight < 0) a.risk_weight = 0;
        if (a.rho < 0) a.rho = 0;
        if (a.equity < a.w) a.equity = a.w;
        b.accounts.push_back(a);
      }
      const Money cap = capacity_of(policy, b.accounts);
      b.budget = cap >= 1 ? between(d, 1, cap) : 0;
      break;
    }
    default: {
      b.case_name = "large-book";
      b.accounts = random_accounts(d, 200 + d.below(301));
      b.budget = up_to(d, capacity_of(policy, b.accounts));
      break;
    }
  }
  return b;
}

Built random_case(PolicyKind policy, Draws& d) {
  Built b;
  b.family = "random";
  b.case_name = "random";
  b.accounts = random_accounts(d, small_n(d));
  const Money cap = capacity_of(policy, b.accounts);
  b.budget = d.chance(1, 8) ? cap + 1 + up_to(d, cap) : up_to(d, cap);
  return b;
}

}  // namespace

Vector generate_vector(PolicyKind policy, std::uint64_t seed, std::size_t index) {
  const std::string name = ref::policy_name(policy);
  const std::uint64_t stream = splitmix(splitmix(seed ^ fnv1a(name)) + static_cast<std::uint64_t>(index));
  Draws d(stream);
  Built b;
  switch (index % 4) {
    case 0: b = boundary_case(policy, d, (index / 4) % kBoundaryCases); break;
    case 1: b = adversarial_case(policy, d, (index / 4) % kAdversarialCases); break;
    default: b = random_case(policy, d); break;
  }
  Vector v = assemble(policy, b.accounts);
  v.id = name + "-" + std::to_string(index);
  v.family = std::move(b.family);
  v.case_name = std::move(b.case_name);
  v.budget = b.budget;
  try {
    v.expected = reference_outcome(v);
  } catch (const std::exception& e) {
    throw std::logic_error("vector generator (" + std::string(kGeneratorVersion) + ") built an invalid vector " + v.id +
                           ": " + e.what());
  }
  return v;
}

std::vector<Vector> generate_vectors(PolicyKind policy, std::size_t count, std::uint64_t seed) {
  std::vector<Vector> out;
  out.reserve(count);
  for (std::size_t j = 0; j < count; ++j) out.push_back(generate_vector(policy, seed, j));
  return out;
}

}  // namespace adl::conf
