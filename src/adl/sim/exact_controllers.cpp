// The severity controllers of the exact engine (spec/online.md,
// SIM-CONTROLLERS, SIM-MDIC), in rationals. Square roots are ⌊10¹²·√x⌋/10¹²
// and MDIC's state is floored to 10⁻¹⁸ (SIM-ENGINES); everything else is exact.
#include "adl/sim/exact_controllers.hpp"

#include "adl/ref/number.hpp"

#include <algorithm>
#include <type_traits>

namespace adl::sim::detail::exact {
namespace {

// ⌊10^d·x⌋/10^d.
Rational floor_grid(const Rational& x, unsigned digits) {
  const ref::Integer scale = ref::pow10(digits);
  return Rational(ref::floor_of(x * Rational(scale)), scale);
}

// MDIC's state grid (SIM-ENGINES): 10⁻¹⁸.
Rational grid18(const Rational& x) { return floor_grid(x, 18); }

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
  return grid18(sum);
}

Rational clip01(const Rational& x) { return std::clamp(x, Rational(0), Rational(1)); }

Rational absolute(const Rational& x) { return x < 0 ? Rational(-x) : x; }

Rational count(std::size_t n) { return Rational(static_cast<unsigned long long>(n)); }

// A subgradient of f_t(θ) = R_t·|θ − θ⋆_t| at the played θ_t (SIM-SEVERITY-LOSS); 0 at equality.
Rational subgradient(const After& round) {
  if (round.played > round.theta_star) return round.residual;
  if (round.played < round.theta_star) return -round.residual;
  return 0;
}

// The fixed step of `ogd`: the given η, else the hindsight step 1/(R̄·√T) of THM-OGD-DYNAMIC-RATE (b).
Rational ogd_step(const PolicySpec& p, const Hindsight& h) {
  if (p.params.count("eta") != 0) return p.params.at("eta");
  if (h.max_r > 0) return 1 / (h.max_r * sqrt_down(count(h.rounds)));
  return 1;
}

// The oracle step η⋆ = √((1 + 2P)/Σ R_t²) of THM-OGD-SEVERITY.
Rational tuned_step(const Hindsight& h) {
  if (h.sum_r2 > 0) return sqrt_down((1 + 2 * h.path) / h.sum_r2);
  return 1;
}

State make_state(const PolicySpec& p, const Hindsight& h) {
  const auto param = [&](const char* key) { return p.params.at(key); };
  switch (p.controller) {
    case sim::Controller::Static: return Static{param("theta")};
    case sim::Controller::Match: return Match{param("omega"), param("theta_bar")};
    case sim::Controller::Backoff:
      return Backoff{.theta0 = param("theta0"),
                     .alpha = param("alpha"),
                     .window = boost::multiprecision::numerator(param("window")).convert_to<std::size_t>()};
    case sim::Controller::Ogd: return Ogd{param("theta1"), ogd_step(p, h)};
    case sim::Controller::OgdTuned: return OgdTuned{{param("theta1"), tuned_step(h)}};
    case sim::Controller::Omd: return Omd{param("theta1"), param("dmax2"), h.max_r, 0};
    case sim::Controller::Mdic:
      return Mdic{.theta = param("theta1"), .eta0 = param("eta0"), .gamma0 = param("gamma0"), .eta_v = param("eta_v")};
  }
  return Static{1};
}

// ---- choose: θ_t before the round

Rational choose_in(Static& c, const Before&) { return c.theta; }

Rational choose_in(Match& c, const Before& round) {
  if (round.residual == 0) return 0;
  const Rational match = std::min(Rational(1), round.wealth / round.residual);
  return (1 - c.omega) * match + c.omega * c.theta_bar;
}

Rational choose_in(Backoff& c, const Before& round) {
  // k_t = breaches among rounds max(1, t − W)..t − 1, from the prefix counts.
  const std::size_t from = round.t > c.window ? round.t - c.window : 1;
  const std::size_t k = c.breaches[round.t - 1] - c.breaches[from - 1];
  while (c.powers.size() <= k) c.powers.push_back(c.powers.empty() ? Rational(1) : Rational(c.powers.back() * c.alpha));
  return c.theta0 * c.powers[k];
}

Rational choose_in(Ogd& c, const Before&) { return c.theta; }
Rational choose_in(Omd& c, const Before&) { return c.theta; }
Rational choose_in(Mdic& c, const Before&) { return c.theta; }

// ---- observe: the update after the round

void observe_in(Static&, const After&) {}
void observe_in(Match&, const After&) {}

void observe_in(Backoff& c, const After& round) {
  c.breaches.push_back(c.breaches.back() + (round.residual > 0 ? 1U : 0U));
}

void observe_in(Ogd& c, const After& round) { c.theta = clip01(round.played - c.eta * subgradient(round)); }

void observe_in(Omd& c, const After& round) {
  c.eta = c.g_max > 0 ? sqrt_down(c.dmax2 / (c.g_max * c.g_max * count(round.t))) : Rational(0);
  c.theta = clip01(round.played - c.eta * subgradient(round));
}

void observe_in(Mdic& c, const After& round) {
  // SIM-MDIC: η_t = η₀/√t, γ_t = γ₀/√t; primal step on g_t + ν_t·R_t, dual step on c_t(θ_t)/R̄.
  const Rational root = sqrt_down(1 / count(round.t));
  c.eta = c.eta0 * root;
  const Rational gamma = c.gamma0 * root;
  c.max_r_seen = std::max(c.max_r_seen, round.residual);
  const Rational r_bar = std::max(Rational(1), c.max_r_seen);
  const Rational constraint = round.played * round.residual - round.capacity;
  c.theta = grid18(clip01(round.played - c.eta * (subgradient(round) + c.nu * round.residual)));
  c.nu = grid18(std::max(Rational(0), c.nu + gamma * constraint / r_bar));
}

// ---- MDIC's ranking weights on the simplex

void normalise(std::vector<Rational>& v) {
  Rational sum = 0;
  for (const Rational& x : v) sum += x;
  if (sum <= 0) return;
  for (Rational& x : v) {
    x = grid18(x / sum);
    if (x <= 0) x = Rational(1, 1'000'000'000'000'000'000LL);  // keep every weight positive
  }
}

}  // namespace

Hindsight hindsight_of(const std::vector<Rational>& residual, const std::vector<Rational>& theta_star) {
  Hindsight h;
  h.rounds = residual.size();
  for (std::size_t t = 0; t < residual.size(); ++t) {
    h.sum_r2 += residual[t] * residual[t];
    h.max_r = std::max(h.max_r, residual[t]);
    if (t > 0) h.path += absolute(theta_star[t] - theta_star[t - 1]);
  }
  return h;
}

const std::vector<Rational>& Mdic::ranking_weights(std::size_t n) {
  if (n == weights.size()) return weights;
  if (weights.empty()) {
    weights.assign(n, grid18(1 / count(n)));
    return weights;
  }
  Rational sum = 0;
  for (const Rational& x : weights) sum += x;
  weights.resize(n, sum / count(weights.size()));  // new accounts enter with the mean weight
  normalise(weights);
  return weights;
}

void Mdic::observe_haircuts(const std::vector<Rational>& haircut) {
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (haircut[i] > 0) weights[i] *= exp_neg(eta_v * haircut[i]);
  }
  normalise(weights);
}

SeverityController::SeverityController(const PolicySpec& policy, const Hindsight& hindsight)
    : state_(make_state(policy, hindsight)) {}

Rational SeverityController::choose(const Before& round) {
  return std::visit([&](auto& c) { return choose_in(c, round); }, state_);
}

void SeverityController::observe(const After& round) {
  std::visit([&](auto& c) { observe_in(c, round); }, state_);
}

Rational SeverityController::step() const {
  return std::visit(
      [](const auto& c) -> Rational {
        using Kind = std::decay_t<decltype(c)>;
        if constexpr (std::is_base_of_v<Ogd, Kind> || std::is_same_v<Kind, Omd> || std::is_same_v<Kind, Mdic>) {
          return c.eta;
        } else {
          return 0;
        }
      },
      state_);
}

}  // namespace adl::sim::detail::exact
