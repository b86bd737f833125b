// Conformance test vectors: the oracle, the generator and the file format
// (spec/harness.md, CONF-VECTOR-FORMAT and CONF-VECTOR-GEN).
#include "adl/conf/vectors.hpp"

#include "adl/fx/convert.hpp"
#include "adl/io/read.hpp"
#include "adl/ref/error.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>

namespace adl::conf {
namespace {

using fx::i128;
using fx::Money;
using fx::u128;
using ref::PolicyKind;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kBillion = 1'000'000'000;

bool is_capped(PolicyKind p) { return p != PolicyKind::Queue && p != PolicyKind::ProRata; }

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
    a.score = fx::infinite_score;
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
    case 0:
      b.case_name = "empty-book";
      break;
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
        a.score = d.chance(1, 4) ? fx::infinite_score : static_cast<std::int64_t>(d.raw());
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
      static constexpr std::int64_t scores[] = {kMin, -1, 0, 1, kMax - 1, fx::infinite_score};
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
      if (base.score == fx::infinite_score) base.score = 2 * kBillion;
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

// ---- Checks.

[[noreturn]] void invalid(std::string_view key, std::size_t account, const std::string& message) {
  throw ref::InvalidInput("'" + std::string(key) + "' of account " + std::to_string(account) + ": " + message);
}

// ---- JSON.

nlohmann::ordered_json expected_json(const Expected& e) {
  nlohmann::ordered_json j;
  j["status"] = e.status == Status::Ok ? "ok" : "infeasible";
  if (e.status == Status::Ok) j["seized"] = e.seized;
  return j;
}

// ---- Reading (CONF-VECTOR-FORMAT, "Reading").

class LineReader {
 public:
  LineReader(std::string name, std::size_t line, const std::string& text) : name_(std::move(name)), line_(line), text_(text) {}

  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw io::InputError(name_, line_, column_of(key), key, message);
  }

  /// 1-based column of `"key"` in the line, or 1.
  std::size_t column_of(const std::string& key) const {
    if (key.empty()) return 1;
    const std::size_t at = text_.find("\"" + key + "\"");
    return at == std::string::npos ? 1 : at + 1;
  }

  const nlohmann::json& member(const nlohmann::json& object, const std::string& key) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(key, "missing key '" + key + "'");
    return *it;
  }

  std::string string_member(const nlohmann::json& object, const std::string& key) const {
    const nlohmann::json& v = member(object, key);
    if (!v.is_string()) fail(key, "'" + key + "' must be a string, got " + std::string(v.type_name()));
    return v.get<std::string>();
  }

  std::int64_t int_value(const nlohmann::json& v, const std::string& key, const std::string& where) const {
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(kMax)) fail(key, where + " is " + v.dump() + ", outside the int64 range");
      return static_cast<std::int64_t>(u);
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_float()) {
      fail(key, where + " is " + v.dump() + ", not a JSON integer (floats are not accepted; values beyond int64 neither)");
    }
    fail(key, where + " must be a JSON integer, got " + std::string(v.type_name()) + " " + v.dump());
  }

  std::vector<std::int64_t> int_array(const nlohmann::json& v, const std::string& key) const {
    if (!v.is_array()) fail(key, "'" + key + "' must be an array of integers, got " + std::string(v.type_name()));
    std::vector<std::int64_t> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      out.push_back(int_value(v[i], key, "'" + key + "'[" + std::to_string(i) + "]"));
    }
    return out;
  }

 private:
  std::string name_;
  std::size_t line_;
  const std::string& text_;
};

PolicyKind policy_from_canonical(const LineReader& r, const std::string& key, const std::string& name) {
  for (const PolicyKind p : vector_policies()) {
    if (ref::policy_name(p) == name) return p;
  }
  r.fail(key, "unknown policy '" + name + "' (vectors exist for queue, pro-rata, capped-pro-rata, levered-pro-rata, "
              "rap, min-max, greedy-one-step)");
}

std::string describe_expected(const Expected& e) {
  if (e.status == Status::Infeasible) return "infeasible";
  std::string s = "ok [";
  for (std::size_t i = 0; i < e.seized.size() && i < 6; ++i) s += (i ? "," : "") + std::to_string(e.seized[i]);
  if (e.seized.size() > 6) s += ",…";
  return s + "]";
}

}  // namespace

// ---- Public functions.

std::string_view column_key(Column column) {
  switch (column) {
    case Column::W: return "w";
    case Column::Score: return "score";
    case Column::Cap: return "cap";
    case Column::Leverage: return "leverage";
    case Column::RiskWeight: return "risk_weight";
    case Column::Equity: return "equity";
    case Column::Rho: return "rho";
  }
  return "?";
}

const std::vector<Column>& policy_columns(PolicyKind policy) {
  static const std::vector<Column> queue{Column::W, Column::Score};
  static const std::vector<Column> pro_rata{Column::W};
  static const std::vector<Column> capped{Column::W, Column::Cap};
  static const std::vector<Column> levered{Column::W, Column::Cap, Column::Leverage};
  static const std::vector<Column> rap{Column::W, Column::Cap, Column::RiskWeight};
  static const std::vector<Column> min_max{Column::W, Column::Cap, Column::Equity};
  static const std::vector<Column> greedy{Column::W, Column::Cap, Column::Equity, Column::Rho};
  switch (policy) {
    case PolicyKind::Queue: return queue;
    case PolicyKind::ProRata: return pro_rata;
    case PolicyKind::CappedProRata: return capped;
    case PolicyKind::LeveredProRata: return levered;
    case PolicyKind::Rap: return rap;
    case PolicyKind::MinMax: return min_max;
    case PolicyKind::GreedyOneStep: return greedy;
  }
  return pro_rata;
}

const std::vector<PolicyKind>& vector_policies() {
  static const std::vector<PolicyKind> all{PolicyKind::Queue,          PolicyKind::ProRata, PolicyKind::CappedProRata,
                                           PolicyKind::LeveredProRata, PolicyKind::Rap,     PolicyKind::MinMax,
                                           PolicyKind::GreedyOneStep};
  return all;
}

std::vector<std::int64_t>& Vector::column(Column c) {
  switch (c) {
    case Column::W: return w;
    case Column::Score: return score;
    case Column::Cap: return cap;
    case Column::Leverage: return leverage;
    case Column::RiskWeight: return risk_weight;
    case Column::Equity: return equity;
    case Column::Rho: return rho;
  }
  return w;
}

const std::vector<std::int64_t>& Vector::column(Column c) const { return const_cast<Vector&>(*this).column(c); }

fx::Money capacity(const Vector& v) {
  i128 k = 0;
  const bool capped = is_capped(v.policy);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.w[i] <= 0) continue;
    if (!capped) {
      k += v.w[i];
    } else if (v.policy != PolicyKind::Rap || (i < v.risk_weight.size() && v.risk_weight[i] > 0)) {
      k += i < v.cap.size() ? v.cap[i] : 0;
    }
  }
  return fx::narrow_to_int64(k, "the capacity of the vector");
}

void check_domain(const Vector& v) {
  const std::size_t n = v.size();
  const auto& needed = policy_columns(v.policy);
  for (const Column c : {Column::W, Column::Score, Column::Cap, Column::Leverage, Column::RiskWeight, Column::Equity,
                         Column::Rho}) {
    const bool wanted = std::find(needed.begin(), needed.end(), c) != needed.end();
    const auto& column = v.column(c);
    if (wanted && column.size() != n) {
      throw ref::InvalidInput("'" + std::string(column_key(c)) + "' has " + std::to_string(column.size()) +
                              " entries, 'w' has " + std::to_string(n));
    }
    if (!wanted && !column.empty()) {
      throw ref::InvalidInput("'" + std::string(column_key(c)) + "' is not read by policy " +
                              ref::policy_name(v.policy));
    }
  }
  if (v.budget < 0) throw ref::InvalidInput("'budget' is negative");
  i128 total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (v.w[i] < 0) invalid("w", i, "the endowment must be >= 0");
    total += v.w[i];
    if (total > kMax) invalid("w", i, "the capacity U = sum of w exceeds INT64_MAX (FX-OVERFLOW)");
    if (!v.cap.empty() && (v.cap[i] < 0 || v.cap[i] > v.w[i])) invalid("cap", i, "the money cap must lie in [0, w]");
    if (!v.leverage.empty() && (v.leverage[i] < 0 || (v.w[i] > 0 && v.leverage[i] == 0))) {
      invalid("leverage", i, "the leverage must be >= 0, and > 0 where w > 0");
    }
    if (!v.risk_weight.empty() && v.risk_weight[i] < 0) invalid("risk_weight", i, "the risk weight must be >= 0");
    if (!v.rho.empty() && v.rho[i] < 0) invalid("rho", i, "rho must be >= 0");
    if (v.policy == PolicyKind::MinMax && v.w[i] > 0 && v.equity[i] <= 0) {
      invalid("equity", i, "min-max needs equity > 0 where w > 0");
    }
  }
}

Expected reference_outcome(const Vector& v) {
  check_domain(v);
  const auto w = fx::to_exact_money(std::span<const Money>(v.w));
  const ref::Rational budget = fx::to_exact_money(v.budget);
  try {
    ref::Allocation a;
    switch (v.policy) {
      case PolicyKind::Queue:
        a = ref::queue(w, fx::to_exact_scores(v.score), budget);
        break;
      case PolicyKind::ProRata:
        a = ref::pro_rata(w, budget);
        break;
      case PolicyKind::CappedProRata:
        a = ref::capped_pro_rata(w, fx::to_exact_caps(v.w, v.cap), budget);
        break;
      case PolicyKind::LeveredProRata:
        a = ref::levered_pro_rata(w, fx::to_exact_caps(v.w, v.cap), fx::to_exact_fractions(v.leverage), budget);
        break;
      case PolicyKind::Rap:
        a = ref::rap(w, fx::to_exact_caps(v.w, v.cap), fx::to_exact_fractions(v.risk_weight), budget);
        break;
      case PolicyKind::MinMax:
        a = ref::min_max_burden(w, fx::to_exact_money(std::span<const Money>(v.equity)),
                                fx::to_exact_caps(v.w, v.cap), budget);
        break;
      case PolicyKind::GreedyOneStep:
        a = ref::greedy_one_step(w, fx::to_exact_money(std::span<const Money>(v.equity)),
                                 fx::to_exact_caps(v.w, v.cap), fx::to_exact_fractions(v.rho), budget);
        break;
    }
    return Expected{Status::Ok, fx::round_to_fx(a.seized, v.budget)};
  } catch (const ref::Infeasible&) {
    return Expected{Status::Infeasible, {}};
  }
}

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

std::string header_line(const VectorSetHeader& header) {
  nlohmann::ordered_json j;
  j["format"] = header.format;
  j["generator"] = header.generator;
  j["seed"] = header.seed;
  j["policy"] = header.policy;
  j["count"] = header.count;
  return j.dump();
}

nlohmann::ordered_json vector_json(const Vector& v) {
  nlohmann::ordered_json j;
  j["id"] = v.id;
  j["policy"] = ref::policy_name(v.policy);
  j["family"] = v.family;
  j["case"] = v.case_name;
  j["budget"] = v.budget;
  for (const Column c : policy_columns(v.policy)) j[std::string(column_key(c))] = v.column(c);
  j["expected"] = expected_json(v.expected);
  return j;
}

std::string vector_line(const Vector& v) { return vector_json(v).dump(); }

std::string request_line(const Vector& v) {
  nlohmann::ordered_json j;
  j["id"] = v.id;
  j["policy"] = ref::policy_name(v.policy);
  j["budget"] = v.budget;
  for (const Column c : policy_columns(v.policy)) j[std::string(column_key(c))] = v.column(c);
  return j.dump();
}

VectorFile read_vectors(std::istream& in, const std::string& name) {
  VectorFile file;
  std::string text;
  std::size_t line_number = 0;
  bool have_header = false;
  std::set<std::string> ids;
  std::size_t header_line_number = 1;
  while (std::getline(in, text)) {
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    LineReader r(name, line_number, text);
    if (text.find_first_not_of(" \t") == std::string::npos) r.fail("", "empty line (one JSON object per line)");
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      throw io::InputError(name, line_number, e.byte == 0 ? 1 : e.byte, "", std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) r.fail("", "expected a JSON object, got " + std::string(j.type_name()));
    if (!have_header) {
      have_header = true;
      header_line_number = line_number;
      for (const auto& [key, value] : j.items()) {
        if (key != "format" && key != "generator" && key != "seed" && key != "policy" && key != "count") {
          r.fail(key, "unknown key '" + key + "' in the header (format, generator, seed, policy, count)");
        }
      }
      file.header.format = r.string_member(j, "format");
      if (file.header.format != kVectorFormat) {
        r.fail("format", "unsupported format '" + file.header.format + "' (this adl reads " + kVectorFormat + ")");
      }
      file.header.generator = r.string_member(j, "generator");
      file.header.seed = r.string_member(j, "seed");
      if (file.header.seed.empty() || file.header.seed.find_first_not_of("0123456789") != std::string::npos) {
        r.fail("seed", "the seed must be a string of decimal digits");
      }
      file.header.policy = r.string_member(j, "policy");
      if (file.header.policy != "all") policy_from_canonical(r, "policy", file.header.policy);
      const std::int64_t count = r.int_value(r.member(j, "count"), "count", "'count'");
      if (count < 0) r.fail("count", "'count' must be >= 0");
      file.header.count = static_cast<std::size_t>(count);
      continue;
    }
    Vector v;
    static const std::set<std::string> fixed{"id", "policy", "family", "case", "budget", "expected"};
    v.id = r.string_member(j, "id");
    if (v.id.empty()) r.fail("id", "'id' must not be empty");
    if (!ids.insert(v.id).second) r.fail("id", "repeated id '" + v.id + "'");
    v.policy = policy_from_canonical(r, "policy", r.string_member(j, "policy"));
    if (file.header.policy != "all" && ref::policy_name(v.policy) != file.header.policy) {
      r.fail("policy", "policy '" + ref::policy_name(v.policy) + "' differs from the header's '" + file.header.policy +
                           "'");
    }
    const auto& columns = policy_columns(v.policy);
    for (const auto& [key, value] : j.items()) {
      if (fixed.count(key) != 0) continue;
      bool known = false;
      for (const Column c : columns) known = known || column_key(c) == key;
      if (!known) {
        r.fail(key, "unknown key '" + key + "' (policy " + ref::policy_name(v.policy) + " reads only the columns of " +
                        "spec/harness.md, CONF-VECTOR-FORMAT)");
      }
    }
    v.family = r.string_member(j, "family");
    if (v.family != "boundary" && v.family != "adversarial" && v.family != "random" && v.family != "shrunk") {
      r.fail("family", "unknown family '" + v.family + "' (boundary, adversarial, random, shrunk)");
    }
    v.case_name = r.string_member(j, "case");
    v.budget = r.int_value(r.member(j, "budget"), "budget", "'budget'");
    if (v.budget < 0) r.fail("budget", "'budget' must be >= 0");
    for (const Column c : columns) {
      const std::string key(column_key(c));
      v.column(c) = r.int_array(r.member(j, key), key);
      if (v.column(c).size() != v.w.size() && c != Column::W) {
        r.fail(key, "'" + key + "' has " + std::to_string(v.column(c).size()) + " entries, 'w' has " +
                        std::to_string(v.w.size()));
      }
    }
    const nlohmann::json& expected = r.member(j, "expected");
    if (!expected.is_object()) r.fail("expected", "'expected' must be an object {status, seized}");
    for (const auto& [key, value] : expected.items()) {
      if (key != "status" && key != "seized") r.fail(key, "unknown key '" + key + "' in 'expected'");
    }
    const std::string status = r.string_member(expected, "status");
    if (status == "ok") {
      v.expected.status = Status::Ok;
      v.expected.seized = r.int_array(r.member(expected, "seized"), "seized");
      if (v.expected.seized.size() != v.w.size()) {
        r.fail("seized", "'seized' has " + std::to_string(v.expected.seized.size()) + " entries, the book has " +
                             std::to_string(v.w.size()) + " accounts");
      }
    } else if (status == "infeasible") {
      v.expected.status = Status::Infeasible;
      if (expected.contains("seized")) r.fail("seized", "'seized' is given with status infeasible");
    } else {
      r.fail("status", "unknown status '" + status + "' (ok, infeasible)");
    }
    Expected oracle;
    try {
      oracle = reference_outcome(v);
    } catch (const ref::InvalidInput& e) {
      const std::string message = e.what();
      std::string key;
      if (message.size() > 1 && message.front() == '\'') key = message.substr(1, message.find('\'', 1) - 1);
      r.fail(key, std::string("outside the domain of the vectors: ") + message);
    } catch (const fx::Overflow& e) {
      r.fail("w", std::string("outside the fixed-point range: ") + e.what());
    }
    if (!(oracle == v.expected)) {
      std::string where;
      if (oracle.status == v.expected.status) {
        for (std::size_t i = 0; i < oracle.seized.size(); ++i) {
          if (oracle.seized[i] != v.expected.seized[i]) {
            where = " (account " + std::to_string(i) + ": the file says " + std::to_string(v.expected.seized[i]) +
                    ", the reference gives " + std::to_string(oracle.seized[i]) + ")";
            break;
          }
        }
      }
      r.fail("expected", "the expected outcome " + describe_expected(v.expected) + " differs from the reference's " +
                             describe_expected(oracle) + where);
    }
    file.vectors.push_back(std::move(v));
  }
  if (!have_header) throw io::InputError(name, 1, 1, "", "empty file: expected a header line (spec/harness.md)");
  if (file.vectors.size() != file.header.count) {
    throw io::InputError(name, header_line_number, 1, "count",
                         "the header's count is " + std::to_string(file.header.count) + " but the file has " +
                             std::to_string(file.vectors.size()) + " vectors");
  }
  return file;
}

}  // namespace adl::conf
