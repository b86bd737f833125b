// The multi-round engine (spec/online.md): policy parsing, controllers, the
// exact and the fast engine, regrets and bounds.
#include "adl/sim/engine.hpp"

#include "adl/emp/perwave.hpp"
#include "adl/fx/book.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/policies.hpp"
#include "adl/ref/policies.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace adl::sim {

namespace {

using Integer = boost::multiprecision::mpz_int;

Integer pow10(unsigned digits) {
  Integer p = 1;
  for (unsigned k = 0; k < digits; ++k) p *= 10;
  return p;
}

// ⌊10^d·x⌋/10^d for x ≥ 0.
Rational floor_grid(const Rational& x, unsigned digits) {
  const Integer scale = pow10(digits);
  const Rational y = x * Rational(scale);
  Integer whole = boost::multiprecision::numerator(y) / boost::multiprecision::denominator(y);
  if (Rational(whole) > y) whole -= 1;  // negative values truncate towards zero
  return Rational(whole, scale);
}

// ⌊10¹²·√x⌋/10¹² (SIM-ENGINES), with more digits when that floor is 0 for x > 0.
Rational sqrt_down(const Rational& x) {
  unsigned digits = 12;
  Rational root = ref::floor_sqrt(x, digits);
  while (root == 0 && x > 0 && digits < 120) {
    digits += 12;
    root = ref::floor_sqrt(x, digits);
  }
  return root;
}

// e^(−x) for x ≥ 0, floored to 10⁻¹⁸: halve until x ≤ 1/2, Taylor series on a
// 10⁻³⁰ grid, square back. Deterministic and exact given the grid (SIM-MDIC).
Rational exp_neg(const Rational& x) {
  Rational y = x;
  unsigned halvings = 0;
  while (y > Rational(1, 2)) {
    y /= 2;
    ++halvings;
  }
  Rational sum = 1;
  Rational term = 1;
  for (int k = 1; k <= 30; ++k) {
    term = floor_grid(term * y / k, 30);
    if (term == 0) break;
    sum += (k % 2 == 1) ? Rational(-term) : term;
  }
  for (unsigned k = 0; k < halvings; ++k) sum = floor_grid(sum * sum, 30);
  return floor_grid(sum, 18);
}

// Arithmetic that differs between the engines.
template <class Num>
struct Ops;

template <>
struct Ops<Rational> {
  static Rational sqrt(const Rational& x) { return sqrt_down(x); }
  static Rational from(const Rational& x) { return x; }
  static Rational grid(const Rational& x) { return floor_grid(x, 18); }
  static Rational exp_neg(const Rational& x) { return sim::exp_neg(x); }
  static Rational abs(const Rational& x) { return x < 0 ? Rational(-x) : x; }
};

template <>
struct Ops<double> {
  static double sqrt(double x) { return std::sqrt(x); }
  static double from(const Rational& x) { return x.convert_to<double>(); }
  static double grid(double x) { return x; }
  static double exp_neg(double x) { return std::exp(-x); }
  static double abs(double x) { return std::fabs(x); }
};

template <class Num>
Num num_of(std::size_t n) {
  if constexpr (std::is_same_v<Num, double>) {
    return static_cast<double>(n);
  } else {
    return Num(static_cast<unsigned long long>(n));
  }
}

template <class Num>
Num clip01(const Num& x) {
  if (x < 0) return Num(0);
  if (x > 1) return Num(1);
  return x;
}

template <class Num>
Num max_of(const Num& a, const Num& b) { return a < b ? b : a; }
template <class Num>
Num min_of(const Num& a, const Num& b) { return b < a ? b : a; }

// ---------------------------------------------------------------- parsing

struct ParamSpec {
  const char* key;
  const char* fallback;  // nullptr: optional without default
};

const std::vector<ParamSpec>& param_specs(Controller c) {
  static const std::vector<ParamSpec> s_static{{"theta", "1"}};
  static const std::vector<ParamSpec> s_match{{"omega", "0"}, {"theta_bar", "1"}};
  static const std::vector<ParamSpec> s_backoff{{"alpha", "1/2"}, {"theta0", "1"}, {"window", "1"}};
  static const std::vector<ParamSpec> s_ogd{{"eta", nullptr}, {"theta1", "1/2"}};
  static const std::vector<ParamSpec> s_tuned{{"theta1", "1/2"}};
  static const std::vector<ParamSpec> s_omd{{"dmax2", "1/2"}, {"theta1", "1/2"}};
  static const std::vector<ParamSpec> s_mdic{{"eta0", "1/1000"}, {"eta_v", "1"}, {"gamma0", "1"}, {"theta1", "1/2"}};
  switch (c) {
    case Controller::Static: return s_static;
    case Controller::Match: return s_match;
    case Controller::Backoff: return s_backoff;
    case Controller::Ogd: return s_ogd;
    case Controller::OgdTuned: return s_tuned;
    case Controller::Omd: return s_omd;
    case Controller::Mdic: return s_mdic;
  }
  return s_static;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::optional<Rule> rule_from(const std::string& name) {
  if (name == "queue") return Rule::Queue;
  if (name == "pro-rata" || name == "pr" || name == "prorata") return Rule::ProRata;
  if (name == "capped-pro-rata" || name == "cpr" || name == "capped") return Rule::CappedProRata;
  if (name == "rap" || name == "risk-aware") return Rule::Rap;
  return std::nullopt;
}

Controller controller_from(const std::string& name, std::string_view text) {
  if (name == "static") return Controller::Static;
  if (name == "match") return Controller::Match;
  if (name == "backoff") return Controller::Backoff;
  if (name == "ogd") return Controller::Ogd;
  if (name == "ogd-tuned") return Controller::OgdTuned;
  if (name == "omd") return Controller::Omd;
  if (name == "mdic") return Controller::Mdic;
  throw std::invalid_argument("policy '" + std::string(text) + "': unknown controller '" + name +
                              "' (expected static, match, backoff, ogd, ogd-tuned, omd or mdic)");
}

void check_params(const PolicySpec& p, std::string_view text) {
  const auto fail = [&](const std::string& key, const std::string& why) {
    throw std::invalid_argument("policy '" + std::string(text) + "': parameter " + key + " = " +
                                ref::format_exact(p.params.at(key)) + " " + why);
  };
  for (const auto& [key, value] : p.params) {
    if (key == "theta" || key == "theta_bar" || key == "theta0" || key == "theta1" || key == "omega") {
      if (value < 0 || value > 1) fail(key, "must lie in [0, 1]");
    } else if (key == "alpha") {
      if (value <= 0 || value >= 1) fail(key, "must lie in (0, 1)");
    } else if (key == "window") {
      if (value < 1 || boost::multiprecision::denominator(value) != 1) fail(key, "must be a positive integer");
      if (value > Rational(1'000'000'000)) fail(key, "is too large (at most 10^9)");
    } else if (key == "eta" || key == "dmax2") {
      if (value <= 0) fail(key, "must be > 0");
    } else if (key == "eta0" || key == "gamma0" || key == "eta_v") {
      if (value < 0) fail(key, "must be >= 0");
    }
  }
}

std::string param_text(const Rational& v) {
  const std::string dec = ref::to_decimal(v, 30);
  if (dec.find("\u2026") == std::string::npos) return dec;
  return ref::to_fraction(v);
}

}  // namespace

std::string controller_name(Controller controller) {
  switch (controller) {
    case Controller::Static: return "static";
    case Controller::Match: return "match";
    case Controller::Backoff: return "backoff";
    case Controller::Ogd: return "ogd";
    case Controller::OgdTuned: return "ogd-tuned";
    case Controller::Omd: return "omd";
    case Controller::Mdic: return "mdic";
  }
  return "?";
}

std::string rule_name(Rule rule) {
  switch (rule) {
    case Rule::Queue: return "queue";
    case Rule::ProRata: return "pro-rata";
    case Rule::CappedProRata: return "capped-pro-rata";
    case Rule::Rap: return "rap";
  }
  return "?";
}

PolicySpec parse_policy(std::string_view text) {
  std::string body = trim(text);
  if (body.empty()) throw std::invalid_argument("empty policy (expected CONTROLLER[:key=value,...][/RULE])");
  PolicySpec p;
  std::optional<Rule> rule;
  if (const auto slash = body.rfind('/'); slash != std::string::npos) {
    if (auto r = rule_from(trim(std::string_view(body).substr(slash + 1)))) {
      rule = r;
      body = trim(std::string_view(body).substr(0, slash));
    }
  }
  const auto colon = body.find(':');
  p.controller = controller_from(trim(std::string_view(body).substr(0, colon)), text);
  const auto& specs = param_specs(p.controller);
  if (colon != std::string::npos) {
    std::string_view rest = std::string_view(body).substr(colon + 1);
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string item = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      const auto eq = item.find('=');
      if (eq == std::string::npos) {
        // A '/' inside the last value with no rule after it is part of a fraction;
        // anything else without '=' is an error.
        throw std::invalid_argument("policy '" + std::string(text) + "': expected key=value, got '" + item + "'");
      }
      const std::string key = trim(std::string_view(item).substr(0, eq));
      const std::string value = trim(std::string_view(item).substr(eq + 1));
      const bool known = std::any_of(specs.begin(), specs.end(), [&](const ParamSpec& s) { return key == s.key; });
      if (!known) {
        std::string list;
        for (const auto& s : specs) list += (list.empty() ? "" : ", ") + std::string(s.key);
        throw std::invalid_argument("policy '" + std::string(text) + "': unknown parameter '" + key + "' for " +
                                    controller_name(p.controller) + " (expected " + list + ")");
      }
      if (p.params.count(key) != 0) {
        throw std::invalid_argument("policy '" + std::string(text) + "': parameter '" + key + "' given twice");
      }
      try {
        p.params[key] = ref::parse_rational(value);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("policy '" + std::string(text) + "': parameter '" + key + "': " + e.what());
      }
    }
  }
  for (const auto& s : specs) {
    if (s.fallback != nullptr && p.params.count(s.key) == 0) p.params[s.key] = ref::parse_rational(s.fallback);
  }
  check_params(p, text);
  if (p.controller == Controller::Mdic) {
    if (rule && *rule != Rule::Rap) {
      throw std::invalid_argument("policy '" + std::string(text) + "': mdic uses its own RAP rule (SIM-MDIC); got /" +
                                  rule_name(*rule));
    }
    p.rule = Rule::Rap;
  } else {
    p.rule = rule.value_or(Rule::ProRata);
  }
  return p;
}

std::string policy_name(const PolicySpec& policy) {
  std::string out = controller_name(policy.controller);
  bool first = true;
  for (const auto& [key, value] : policy.params) {
    out += first ? ":" : ",";
    first = false;
    out += key + "=" + param_text(value);
  }
  return out + "/" + rule_name(policy.rule);
}

Rational ceil_sqrt12(const Rational& x) {
  Rational root = ref::floor_sqrt(x, 12);
  if (root * root < x) root += Rational(1, 1'000'000'000'000LL);
  return root;
}

// ---------------------------------------------------------------- controllers

namespace {

template <class Num>
struct Hindsight {
  Num sum_r2{};
  Num path{};
  Num max_r{};
  std::size_t rounds = 0;
};

template <class Num>
Hindsight<Num> hindsight_of(const std::vector<Num>& residual, const std::vector<Num>& theta_star) {
  Hindsight<Num> h;
  h.rounds = residual.size();
  for (std::size_t t = 0; t < residual.size(); ++t) {
    h.sum_r2 += residual[t] * residual[t];
    h.max_r = max_of(h.max_r, residual[t]);
    if (t > 0) h.path += Ops<Num>::abs(theta_star[t] - theta_star[t - 1]);
  }
  return h;
}

bool needs_hindsight(const PolicySpec& p) {
  return (p.controller == Controller::Ogd && p.params.count("eta") == 0) || p.controller == Controller::OgdTuned ||
         p.controller == Controller::Omd;
}

// The state of one controller (SIM-CONTROLLERS, SIM-MDIC): choose θ_t before
// the round, observe the outcome after it.
template <class Num>
class ControllerState {
 public:
  ControllerState(const PolicySpec& p, const Hindsight<Num>& h) : spec_(p), hs_(h) {
    const auto get = [&](const char* key) { return Ops<Num>::from(p.params.at(key)); };
    switch (p.controller) {
      case Controller::Static: theta_ = get("theta"); break;
      case Controller::Match:
        omega_ = get("omega");
        theta_bar_ = get("theta_bar");
        break;
      case Controller::Backoff: {
        theta0_ = get("theta0");
        alpha_ = get("alpha");
        window_ = static_cast<std::size_t>(boost::multiprecision::numerator(p.params.at("window")).convert_to<unsigned long long>());
        break;
      }
      case Controller::Ogd:
        theta_ = get("theta1");
        if (p.params.count("eta") != 0) {
          eta_ = get("eta");
        } else if (hs_.max_r > 0) {
          eta_ = Num(1) / (hs_.max_r * Ops<Num>::sqrt(num_of<Num>(hs_.rounds)));
        } else {
          eta_ = Num(1);
        }
        break;
      case Controller::OgdTuned:
        theta_ = get("theta1");
        eta_ = hs_.sum_r2 > 0 ? Ops<Num>::sqrt((Num(1) + 2 * hs_.path) / hs_.sum_r2) : Num(1);
        break;
      case Controller::Omd:
        theta_ = get("theta1");
        dmax2_ = get("dmax2");
        break;
      case Controller::Mdic:
        theta_ = get("theta1");
        eta0_ = get("eta0");
        gamma0_ = get("gamma0");
        break;
    }
  }

  // θ_t from the history and the current R_t (and U_t for match).
  Num choose(std::size_t t, const Num& residual, const Num& wealth) {
    switch (spec_.controller) {
      case Controller::Static: return theta_;
      case Controller::Match: {
        if (residual == 0) return Num(0);
        const Num match = min_of(Num(1), wealth / residual);
        return (Num(1) - omega_) * match + omega_ * theta_bar_;
      }
      case Controller::Backoff: {
        // k_t = breaches among rounds max(1, t − W)..t − 1, from prefix counts.
        const std::size_t from = t > window_ ? t - window_ : 1;
        const std::size_t k = breaches_[t - 1] - breaches_[from - 1];
        while (powers_.size() <= k) powers_.push_back(powers_.empty() ? Num(1) : powers_.back() * alpha_);
        return theta0_ * powers_[k];
      }
      default: return theta_;
    }
  }

  // After the round: R_t, θ⋆_t, C_t and the played θ_t.
  void observe(std::size_t t, const Num& residual, const Num& theta_star, const Num& capacity, const Num& played) {
    breaches_.push_back(breaches_.back() + (residual > 0 ? 1U : 0U));
    if (spec_.controller == Controller::Static || spec_.controller == Controller::Match ||
        spec_.controller == Controller::Backoff) {
      return;
    }
    Num g{};
    if (played > theta_star) g = residual;
    if (played < theta_star) g = -residual;
    const Num tn = num_of<Num>(t);
    switch (spec_.controller) {
      case Controller::Ogd:
      case Controller::OgdTuned: theta_ = clip01<Num>(played - eta_ * g); break;
      case Controller::Omd: {
        const Num g_max = hs_.max_r;
        eta_ = g_max > 0 ? Ops<Num>::sqrt(dmax2_ / (g_max * g_max * tn)) : Num(0);
        theta_ = clip01<Num>(played - eta_ * g);
        break;
      }
      case Controller::Mdic: {
        const Num root = Ops<Num>::sqrt(Num(1) / tn);
        eta_ = eta0_ * root;
        const Num gamma = gamma0_ * root;
        max_r_seen_ = max_of(max_r_seen_, residual);
        const Num r_bar = max_of(Num(1), max_r_seen_);
        const Num constraint = played * residual - capacity;
        theta_ = Ops<Num>::grid(clip01<Num>(played - eta_ * (g + nu_ * residual)));
        nu_ = Ops<Num>::grid(max_of(Num(0), nu_ + gamma * constraint / r_bar));
        break;
      }
      default: break;
    }
  }

  Num step() const { return eta_; }

 private:
  PolicySpec spec_;
  Hindsight<Num> hs_;
  Num theta_{}, omega_{}, theta_bar_{}, theta0_{}, alpha_{}, eta_{}, dmax2_{}, eta0_{}, gamma0_{}, nu_{}, max_r_seen_{};
  std::size_t window_ = 1;
  std::vector<std::size_t> breaches_{0};  // breaches_[s] = breaches in rounds 1..s
  std::vector<Num> powers_;
};

// MDIC's ranking weights v on the simplex, matched by index (SIM-MDIC).
template <class Num>
class SimplexWeights {
 public:
  // Resizes to n: new positions enter with the mean weight, then renormalise.
  void resize(std::size_t n) {
    if (n == v_.size()) return;
    if (v_.empty()) {
      v_.assign(n, n == 0 ? Num(0) : Ops<Num>::grid(Num(1) / num_of<Num>(n)));
      return;
    }
    Num sum{};
    for (const auto& x : v_) sum += x;
    const Num mean = sum / num_of<Num>(v_.size());
    v_.resize(n, mean);
    normalise();
  }
  // v_i ∝ v_i·exp(−η_v·h_i).
  void update(const std::vector<Num>& haircut, const Num& eta_v) {
    for (std::size_t i = 0; i < v_.size(); ++i) {
      if (haircut[i] > 0) v_[i] = v_[i] * Ops<Num>::exp_neg(eta_v * haircut[i]);
    }
    normalise();
  }
  const std::vector<Num>& values() const { return v_; }

 private:
  void normalise() {
    Num sum{};
    for (const auto& x : v_) sum += x;
    if (sum <= 0) return;
    for (auto& x : v_) {
      x = Ops<Num>::grid(x / sum);
      if (x <= 0) x = Num(1) / Num(1'000'000'000'000'000'000LL);  // keep every weight positive
    }
  }
  std::vector<Num> v_;
};

}  // namespace

std::vector<Rational> play_controller(const PolicySpec& policy, const std::vector<Rational>& residual,
                                      const std::vector<Rational>& theta_star) {
  if (residual.size() != theta_star.size()) throw std::invalid_argument("play_controller: sizes differ");
  ControllerState<Rational> c(policy, hindsight_of(residual, theta_star));
  std::vector<Rational> out;
  for (std::size_t t = 1; t <= residual.size(); ++t) {
    const Rational theta = c.choose(t, residual[t - 1], residual[t - 1]);
    out.push_back(theta);
    c.observe(t, residual[t - 1], theta_star[t - 1], residual[t - 1], theta);
  }
  return out;
}

// ---------------------------------------------------------------- regrets and bounds

namespace {

template <class Num>
RegretT<Num> regret_impl(const std::vector<LossRoundT<Num>>& rounds) {
  RegretT<Num> r;
  std::vector<std::size_t> order(rounds.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  Num total_weight{};
  for (std::size_t t = 0; t < rounds.size(); ++t) {
    const auto& x = rounds[t];
    r.loss += x.residual * Ops<Num>::abs(x.theta - x.theta_star);
    r.sum_r2 += x.residual * x.residual;
    r.max_r = max_of(r.max_r, x.residual);
    total_weight += x.residual;
    if (t > 0) r.path_length += Ops<Num>::abs(x.theta_star - rounds[t - 1].theta_star);
  }
  // The minimum of Σ R_t·|θ − θ⋆_t| is at the smallest weighted median of θ⋆.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rounds[a].theta_star != rounds[b].theta_star) return rounds[a].theta_star < rounds[b].theta_star;
    return a < b;
  });
  Num best{};
  Num cumulative{};
  for (const auto i : order) {
    cumulative += rounds[i].residual;
    if (rounds[i].residual > 0 && 2 * cumulative >= total_weight) {
      best = rounds[i].theta_star;
      break;
    }
  }
  r.best_static_theta = best;
  for (const auto& x : rounds) r.best_static_loss += x.residual * Ops<Num>::abs(best - x.theta_star);
  r.dynamic_regret = r.loss;
  r.static_regret = r.loss - r.best_static_loss;
  return r;
}

template <class Num>
Num sqrt_up(const Num& x);
template <>
Rational sqrt_up<Rational>(const Rational& x) { return ceil_sqrt12(x); }
template <>
double sqrt_up<double>(const double& x) { return std::sqrt(x); }

template <class Num>
std::vector<BoundT<Num>> bounds_impl(const PolicySpec& p, const RegretT<Num>& r, std::size_t rounds) {
  const Num sqrt_t = sqrt_up<Num>(num_of<Num>(rounds));
  const bool ogd_auto = p.controller == Controller::Ogd && p.params.count("eta") == 0;
  std::vector<BoundT<Num>> out(5);
  out[0] = {"tuned dynamic", "THM-OGD-SEVERITY", true, p.controller == Controller::OgdTuned, true,
            sqrt_up<Num>((Num(1) + 2 * r.path_length) * r.sum_r2), r.dynamic_regret, true};
  out[1] = {"fixed-step dynamic", "THM-OGD-DYNAMIC-RATE", true, ogd_auto, true,
            (Num(1) + r.path_length) * r.max_r * sqrt_t, r.dynamic_regret, true};
  out[2] = {"fixed-step static", "THM-OGD-DYNAMIC-RATE", true, ogd_auto, false, r.max_r * sqrt_t, r.static_regret,
            true};
  Num dmax2 = Num(1) / 2;
  Num theta1{};
  if (p.controller == Controller::Omd) {
    dmax2 = Ops<Num>::from(p.params.at("dmax2"));
    theta1 = Ops<Num>::from(p.params.at("theta1"));
  }
  const bool omd = p.controller == Controller::Omd;
  out[3] = {"OMD static (repaired)", "THM-OMD-REPAIRED", true, omd && dmax2 >= Num(1) / 2, false,
            2 * sqrt_up<Num>(dmax2) * r.max_r * sqrt_t, r.static_regret, true};
  out[4] = {"OMD static (literal)", "THM-OMD-LITERAL", false, omd && dmax2 == Num(1) / 8 && theta1 == Num(1) / 2,
            false, 2 * sqrt_up<Num>(Num(1) / 8) * r.max_r * sqrt_t, r.static_regret, true};
  for (auto& b : out) b.holds = !(b.value < b.realized);
  return out;
}

}  // namespace

Regret regret(const std::vector<LossRound>& rounds) { return regret_impl(rounds); }
FastRegret regret(const std::vector<LossRoundT<double>>& rounds) { return regret_impl(rounds); }

std::vector<Bound> bounds(const PolicySpec& policy, const Regret& r, std::size_t rounds) {
  return bounds_impl(policy, r, rounds);
}
std::vector<FastBound> bounds(const PolicySpec& policy, const FastRegret& r, std::size_t rounds) {
  return bounds_impl(policy, r, rounds);
}

std::vector<Rational> policy_class_regret(const std::vector<RunResult>& runs) {
  std::vector<Rational> out;
  if (runs.empty()) return out;
  Rational best = runs.front().totals.objective;
  for (const auto& r : runs) best = min_of(best, r.totals.objective);
  for (const auto& r : runs) out.push_back(r.totals.objective - best);
  return out;
}

std::vector<double> policy_class_regret(const std::vector<FastRunResult>& runs) {
  std::vector<double> out;
  if (runs.empty()) return out;
  double best = runs.front().totals.objective;
  for (const auto& r : runs) best = std::min(best, r.totals.objective);
  for (const auto& r : runs) out.push_back(r.totals.objective - best);
  return out;
}

// ---------------------------------------------------------------- exact engine

namespace {

std::string where(std::size_t t, std::size_t i) {
  return "round " + std::to_string(t) + ", winner " + std::to_string(i + 1);
}

void validate(const Scenario& s) {
  if (s.initial_fund < 0) throw std::invalid_argument("scenario '" + s.name + "': initial fund is negative");
  for (std::size_t t = 1; t <= s.rounds.size(); ++t) {
    const auto& r = s.rounds[t - 1];
    const std::string round = "scenario '" + s.name + "', round " + std::to_string(t);
    if (r.bad_debt < 0) throw std::invalid_argument(round + ": bad_debt is negative");
    if (r.fee_inflow < 0) throw std::invalid_argument(round + ": fee_inflow is negative");
    if (r.theta_star && (*r.theta_star < 0 || *r.theta_star > 1)) {
      throw std::invalid_argument(round + ": theta_star outside [0, 1]");
    }
    for (std::size_t i = 0; i < r.winners.size(); ++i) {
      const auto& w = r.winners[i];
      const std::string at = "scenario '" + s.name + "', " + where(t, i) + " (id " + std::to_string(w.id) + ")";
      if (w.endowment < 0) throw std::invalid_argument(at + ": endowment is negative");
      if (w.equity < w.endowment) throw std::invalid_argument(at + ": equity is below the endowment");
      if (w.cap < 0 || w.cap > 1) throw std::invalid_argument(at + ": cap outside [0, 1]");
      if (w.risk < 0) throw std::invalid_argument(at + ": risk weight is negative");
    }
  }
}

// Per-round scalars (SIM-ROUND steps 1–2).
struct Scalars {
  std::vector<Rational> fund, residual, capacity, wealth, theta_star, needed;
  Rational final_fund;
};

Scalars scalars_of(const Scenario& s) {
  Scalars out;
  Rational fund = s.initial_fund;
  for (const auto& r : s.rounds) {
    Rational capacity = 0;
    Rational wealth = 0;
    for (const auto& w : r.winners) {
      capacity += w.cap * w.endowment;
      wealth += w.endowment;
    }
    const Rational residual = ref::positive_part(r.bad_debt - fund);
    Rational theta_star = 0;
    if (r.theta_star) {
      theta_star = *r.theta_star;
    } else if (residual > 0) {
      theta_star = min_of(residual, capacity) / residual;
    }
    out.fund.push_back(fund);
    out.residual.push_back(residual);
    out.capacity.push_back(capacity);
    out.wealth.push_back(wealth);
    out.theta_star.push_back(theta_star);
    out.needed.push_back(theta_star * residual);
    fund = fund + r.fee_inflow - min_of(fund, r.bad_debt);
  }
  out.final_fund = fund;
  return out;
}

}  // namespace

RunResult run_exact(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options) {
  validate(scenario);
  if (options.lambda < 0) throw std::invalid_argument("lambda must be >= 0");
  const Scalars sc = scalars_of(scenario);
  ControllerState<Rational> controller(policy, hindsight_of(sc.residual, sc.theta_star));
  SimplexWeights<Rational> weights;
  const Rational eta_v = policy.controller == Controller::Mdic ? policy.params.at("eta_v") : Rational(0);

  RunResult result;
  result.scenario = scenario.name;
  result.policy = policy_name(policy);
  result.spec = policy;
  std::vector<LossRound> losses;
  std::vector<Rational> endowment, caps, money_caps, risk, haircut;
  std::vector<ref::Score> scores;

  for (std::size_t t = 1; t <= scenario.rounds.size(); ++t) {
    const auto& in = scenario.rounds[t - 1];
    const std::size_t n = in.winners.size();
    RoundRecord rec;
    rec.t = t;
    rec.bad_debt = in.bad_debt;
    rec.fund = sc.fund[t - 1];
    rec.residual = sc.residual[t - 1];
    rec.capacity = sc.capacity[t - 1];
    rec.wealth = sc.wealth[t - 1];
    rec.theta_star = sc.theta_star[t - 1];
    rec.needed = sc.needed[t - 1];
    rec.theta = controller.choose(t, rec.residual, rec.wealth);

    endowment.clear();
    caps.clear();
    money_caps.clear();
    risk.clear();
    scores.clear();
    for (const auto& w : in.winners) {
      endowment.push_back(w.endowment);
      caps.push_back(w.cap);
      money_caps.push_back(w.cap * w.endowment);
      risk.push_back(w.risk);
      scores.push_back(ref::Score{w.score, false});
    }
    if (policy.controller == Controller::Mdic) {
      weights.resize(n);
      risk = weights.values();
    }
    // The rule's own capacity: RAP cannot haircut accounts of weight 0.
    Rational rule_capacity = rec.capacity;
    if (policy.rule == Rule::Rap) {
      rule_capacity = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (risk[i] > 0) rule_capacity += money_caps[i];
      }
    }
    rec.budget = min_of(min_of(rec.theta * rec.residual, rec.capacity), rule_capacity);
    ref::Allocation a;
    switch (policy.rule) {
      case Rule::Queue: a = ref::queue(money_caps, scores, rec.budget); break;
      case Rule::ProRata: a = ref::pro_rata(money_caps, rec.budget); break;
      case Rule::CappedProRata: a = ref::capped_pro_rata(endowment, caps, rec.budget); break;
      case Rule::Rap: a = ref::rap(endowment, caps, risk, rec.budget); break;
    }
    rec.uncovered = rec.residual - rec.budget;
    rec.severity_loss = rec.residual * Ops<Rational>::abs(rec.theta - rec.theta_star);
    rec.tracking = Ops<Rational>::abs(rec.budget - rec.needed);
    Rational top_survivor = 0;
    haircut.assign(n, Rational(0));
    for (std::size_t i = 0; i < n; ++i) {
      const auto& w = in.winners[i];
      const Rational& x = a.seized[i];
      if (w.equity > 0) rec.fairness = max_of(rec.fairness, x / w.equity);
      top_survivor = max_of(top_survivor, ref::positive_part(w.endowment - x));
      if (x > 0) {
        ++rec.touched;
        haircut[i] = x / w.endowment;
        rec.churn += 1.0 - std::exp(-options.churn_beta * haircut[i].convert_to<double>());
      }
    }
    rec.objective = rec.tracking + options.lambda * rec.needed * rec.fairness;
    if (rec.budget > 0) rec.ptsr = top_survivor / rec.budget;
    if (options.keep_allocations) rec.seized = a.seized;

    controller.observe(t, rec.residual, rec.theta_star, rec.capacity, rec.theta);
    rec.step = controller.step();
    if (policy.controller == Controller::Mdic) weights.update(haircut, eta_v);

    auto& tot = result.totals;
    tot.severity_loss += rec.severity_loss;
    tot.tracking += rec.tracking;
    tot.fairness += rec.fairness;
    tot.objective += rec.objective;
    tot.uncovered += rec.uncovered;
    tot.budget += rec.budget;
    tot.churn += rec.churn;
    tot.touched += rec.touched;
    losses.push_back({rec.residual, rec.theta_star, rec.theta});
    if (options.keep_rounds) result.rounds.push_back(std::move(rec));
  }
  result.totals.final_fund = sc.final_fund;
  result.regret = regret(losses);
  result.bounds = bounds(policy, result.regret, scenario.rounds.size());
  return result;
}

// ---------------------------------------------------------------- fast engine

FastScenario to_fast(const Scenario& scenario) {
  validate(scenario);
  auto rounds = std::make_shared<std::vector<FastRound>>();
  rounds->reserve(scenario.rounds.size());
  for (std::size_t t = 1; t <= scenario.rounds.size(); ++t) {
    const auto& in = scenario.rounds[t - 1];
    FastRound r;
    const std::string round = "scenario '" + scenario.name + "', round " + std::to_string(t);
    r.bad_debt = fx::to_fx_money(in.bad_debt, round + ", bad_debt");
    r.fee_inflow = fx::to_fx_money(in.fee_inflow, round + ", fee_inflow");
    if (in.theta_star) r.theta_star = in.theta_star->convert_to<double>();
    for (std::size_t i = 0; i < in.winners.size(); ++i) {
      const auto& w = in.winners[i];
      const std::string at = "scenario '" + scenario.name + "', " + where(t, i);
      r.endowment.push_back(fx::to_fx_money(w.endowment, at + ", endowment"));
      r.equity.push_back(fx::to_fx_money(w.equity, at + ", equity"));
      r.cap.push_back(fx::to_fx_cap(w.cap, r.endowment.back(), at + ", cap"));
      r.risk.push_back(fx::to_fx_fraction(w.risk, at + ", risk"));
      r.score.push_back(fx::to_fx_fraction(w.score, at + ", score"));
    }
    rounds->push_back(std::move(r));
  }
  FastScenario out;
  out.name = scenario.name;
  out.parameters = scenario.parameters;
  out.initial_fund = fx::to_fx_money(scenario.initial_fund, "scenario '" + scenario.name + "', initial fund");
  out.rounds = scenario.rounds.size();
  out.fill = [rounds](std::size_t t, FastRound& r) { r = (*rounds)[t - 1]; };
  return out;
}

namespace {

constexpr double usd = 1e-6;  // USD per micro-USD

struct FastScalars {
  fx::Money fund = 0, residual = 0, capacity = 0, wealth = 0;
  double theta_star = 0;
  double needed = 0;  // USD
};

fx::Money sum_money(const std::vector<fx::Money>& v, const char* what) {
  return fx::checked_sum(std::span<const fx::Money>(v), what);
}

void check_round(std::size_t t, const FastRound& r) {
  const std::size_t n = r.endowment.size();
  if (r.equity.size() != n || r.cap.size() != n || r.risk.size() != n || r.score.size() != n) {
    throw std::invalid_argument("fast scenario, round " + std::to_string(t) + ": columns of different lengths");
  }
}

// Steps 1–2 of SIM-ROUND in fixed point; advances the fund.
FastScalars fast_scalars(const FastRound& r, fx::Money& fund) {
  FastScalars s;
  s.fund = fund;
  s.capacity = sum_money(r.cap, "round capacity C_t");
  s.wealth = sum_money(r.endowment, "round wealth U_t");
  s.residual = std::max<fx::Money>(0, fx::checked_sub(r.bad_debt, fund, "residual"));
  if (r.theta_star) {
    s.theta_star = *r.theta_star;
    s.needed = s.theta_star * static_cast<double>(s.residual) * usd;
  } else if (s.residual > 0) {
    const fx::Money needed = std::min(s.residual, s.capacity);
    s.theta_star = static_cast<double>(needed) / static_cast<double>(s.residual);
    s.needed = static_cast<double>(needed) * usd;
  }
  fund = fx::checked_sub(fx::checked_add(fund, r.fee_inflow, "insurance fund"), std::min(fund, r.bad_debt),
                         "insurance fund");
  return s;
}

struct FastPolicyRun {
  PolicySpec spec;
  ControllerState<double> controller;
  SimplexWeights<double> weights;
  double eta_v = 0;
  FastRunResult result;
  std::vector<LossRoundT<double>> losses;
  std::vector<fx::Fraction> mdic_weights;
  std::vector<double> haircut;
};

}  // namespace

std::vector<FastRunResult> run_fast(const FastScenario& scenario, const std::vector<PolicySpec>& policies,
                                    const RunOptions& options) {
  if (!scenario.fill && scenario.rounds > 0) throw std::invalid_argument("fast scenario without a round generator");
  if (options.lambda < 0) throw std::invalid_argument("lambda must be >= 0");
  const double lambda = options.lambda.convert_to<double>();
  FastRound round;
  Hindsight<double> hs;
  if (std::any_of(policies.begin(), policies.end(), needs_hindsight)) {
    std::vector<double> residual, theta_star;
    fx::Money fund = scenario.initial_fund;
    for (std::size_t t = 1; t <= scenario.rounds; ++t) {
      scenario.fill(t, round);
      check_round(t, round);
      const FastScalars s = fast_scalars(round, fund);
      residual.push_back(static_cast<double>(s.residual) * usd);
      theta_star.push_back(s.theta_star);
    }
    hs = hindsight_of(residual, theta_star);
  }
  std::vector<FastPolicyRun> runs;
  runs.reserve(policies.size());
  for (const auto& p : policies) {
    FastPolicyRun run{p, ControllerState<double>(p, hs), {}, 0, {}, {}, {}, {}};
    if (p.controller == Controller::Mdic) run.eta_v = p.params.at("eta_v").convert_to<double>();
    run.result.scenario = scenario.name;
    run.result.policy = policy_name(p);
    run.result.spec = p;
    runs.push_back(std::move(run));
  }
  fx::Money fund = scenario.initial_fund;
  for (std::size_t t = 1; t <= scenario.rounds; ++t) {
    scenario.fill(t, round);
    check_round(t, round);
    const std::size_t n = round.endowment.size();
    const FastScalars s = fast_scalars(round, fund);
    const double residual_usd = static_cast<double>(s.residual) * usd;
    for (auto& run : runs) {
      FastRoundRecord rec;
      rec.t = t;
      rec.bad_debt = static_cast<double>(round.bad_debt) * usd;
      rec.fund = static_cast<double>(s.fund) * usd;
      rec.residual = residual_usd;
      rec.capacity = static_cast<double>(s.capacity) * usd;
      rec.wealth = static_cast<double>(s.wealth) * usd;
      rec.theta_star = s.theta_star;
      rec.needed = s.needed;
      rec.theta = run.controller.choose(t, rec.residual, rec.wealth);

      std::span<const fx::Fraction> risk(round.risk);
      if (run.spec.controller == Controller::Mdic) {
        run.weights.resize(n);
        run.mdic_weights.resize(n);
        const double scale = static_cast<double>(n) * 1e9;
        for (std::size_t i = 0; i < n; ++i) {
          run.mdic_weights[i] = std::max<fx::Fraction>(1, std::llround(run.weights.values()[i] * scale));
        }
        risk = std::span<const fx::Fraction>(run.mdic_weights);
      }
      fx::Money rule_capacity = s.capacity;
      if (run.spec.rule == Rule::Rap) {
        fx::i128 c = 0;
        for (std::size_t i = 0; i < n; ++i) {
          if (risk[i] > 0 && round.endowment[i] > 0) c += round.cap[i];
        }
        rule_capacity = static_cast<fx::Money>(c);
      }
      const double wanted = std::nearbyint(rec.theta * static_cast<double>(s.residual));
      fx::Money budget = wanted >= 9.2e18 ? std::numeric_limits<fx::Money>::max() : static_cast<fx::Money>(wanted);
      budget = std::min({budget, s.capacity, rule_capacity});
      fx::Allocation a;
      switch (run.spec.rule) {
        case Rule::Queue: a = fx::queue(round.cap, round.score, budget); break;
        case Rule::ProRata: a = fx::pro_rata(round.cap, budget); break;
        case Rule::CappedProRata: a = fx::capped_pro_rata(round.endowment, round.cap, budget); break;
        case Rule::Rap: a = fx::rap(round.endowment, round.cap, risk, budget); break;
      }
      rec.budget = static_cast<double>(budget) * usd;
      rec.uncovered = static_cast<double>(s.residual - budget) * usd;
      rec.severity_loss = rec.residual * std::fabs(rec.theta - rec.theta_star);
      rec.tracking = std::fabs(rec.budget - rec.needed);
      fx::Money top = 0;
      double fairness = 0;
      const bool mdic = run.spec.controller == Controller::Mdic;
      if (mdic) run.haircut.assign(n, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        const fx::Money x = a.seized[i];
        top = std::max(top, round.endowment[i] - x);
        if (x > 0) {
          if (round.equity[i] > 0) {
            fairness = std::max(fairness, static_cast<double>(x) / static_cast<double>(round.equity[i]));
          }
          ++rec.touched;
          const double h = static_cast<double>(x) / static_cast<double>(round.endowment[i]);
          rec.churn += 1.0 - std::exp(-options.churn_beta * h);
          if (mdic) run.haircut[i] = h;
        }
      }
      rec.fairness = fairness;
      rec.objective = rec.tracking + lambda * rec.needed * rec.fairness;
      if (budget > 0) rec.ptsr = static_cast<double>(top) / static_cast<double>(budget);
      if (options.keep_allocations) {
        rec.seized.resize(n);
        for (std::size_t i = 0; i < n; ++i) rec.seized[i] = static_cast<double>(a.seized[i]) * usd;
      }
      run.controller.observe(t, rec.residual, rec.theta_star, rec.capacity, rec.theta);
      rec.step = run.controller.step();
      if (mdic) run.weights.update(run.haircut, run.eta_v);

      auto& tot = run.result.totals;
      tot.severity_loss += rec.severity_loss;
      tot.tracking += rec.tracking;
      tot.fairness += rec.fairness;
      tot.objective += rec.objective;
      tot.uncovered += rec.uncovered;
      tot.budget += rec.budget;
      tot.churn += rec.churn;
      tot.touched += rec.touched;
      run.losses.push_back({rec.residual, rec.theta_star, rec.theta});
      if (options.keep_rounds) run.result.rounds.push_back(rec);
    }
  }
  std::vector<FastRunResult> out;
  out.reserve(runs.size());
  for (auto& run : runs) {
    run.result.totals.final_fund = static_cast<double>(fund) * usd;
    run.result.regret = regret(run.losses);
    run.result.bounds = bounds(run.spec, run.result.regret, scenario.rounds);
    out.push_back(std::move(run.result));
  }
  return out;
}

FastRunResult run_fast(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options) {
  return std::move(run_fast(to_fast(scenario), std::vector<PolicySpec>{policy}, options).front());
}

}  // namespace adl::sim
