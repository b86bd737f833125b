// The fast engine's severity controllers in IEEE double (spec/online.md,
// SIM-ENGINES). Square roots and e^(−x) come from libm; no grid.
#include "adl/sim/fast_controllers.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <type_traits>

namespace adl::sim::detail::fast {
namespace {

// g_t = R_t·sign(θ_t − θ⋆_t) (0 at equality), SIM-SEVERITY-LOSS.
double gradient(const Outcome& o) {
  return o.played > o.theta_star ? o.residual : o.played < o.theta_star ? -o.residual : 0.0;
}

double projected(double theta) { return std::clamp(theta, 0.0, 1.0); }

void renormalise(std::vector<double>& v) {
  const double total = std::accumulate(v.begin(), v.end(), 0.0);
  if (total <= 0) return;
  std::transform(v.begin(), v.end(), v.begin(), [total](double x) {
    const double share = x / total;
    return share <= 0 ? 1.0 / 1e18 : share;  // every weight stays positive
  });
}

std::variant<Static, Match, Backoff, Ogd, OgdTuned, Omd, Mdic> initial(const PolicySpec& p, const Hindsight& h) {
  const auto value = [&p](const char* key) { return p.params.at(key).convert_to<double>(); };
  switch (p.controller) {
    case Controller::Static: return Static{value("theta")};
    case Controller::Match: return Match{value("omega"), value("theta_bar")};
    case Controller::Backoff: {
      Backoff b;
      b.theta0 = value("theta0");
      b.alpha = value("alpha");
      b.window = boost::multiprecision::numerator(p.params.at("window")).convert_to<std::size_t>();
      return b;
    }
    case Controller::Ogd: {
      Ogd o{value("theta1"), 1.0};
      if (p.params.contains("eta")) {
        o.eta = value("eta");
      } else if (h.max_r > 0) {
        o.eta = 1.0 / (h.max_r * std::sqrt(static_cast<double>(h.rounds)));  // THM-OGD-DYNAMIC-RATE (b)
      }
      return o;
    }
    case Controller::OgdTuned: {
      OgdTuned o;
      o.theta = value("theta1");
      o.eta = h.sum_r2 > 0 ? std::sqrt((1.0 + 2 * h.path) / h.sum_r2) : 1.0;  // THM-OGD-SEVERITY
      return o;
    }
    case Controller::Omd: return Omd{value("theta1"), value("dmax2"), h.max_r, 0.0};
    case Controller::Mdic: {
      Mdic m;
      m.theta = value("theta1");
      m.eta0 = value("eta0");
      m.gamma0 = value("gamma0");
      m.eta_v = value("eta_v");
      return m;
    }
  }
  return Static{};
}

}  // namespace

void HindsightPass::add(double residual, double theta_star) {
  hindsight_.sum_r2 += residual * residual;
  hindsight_.max_r = std::max(hindsight_.max_r, residual);
  if (hindsight_.rounds > 0) hindsight_.path += std::fabs(theta_star - last_theta_star_);
  last_theta_star_ = theta_star;
  ++hindsight_.rounds;
}

double Match::choose(std::size_t, double residual, double wealth) const {
  if (residual == 0) return 0;
  return (1.0 - omega) * std::min(1.0, wealth / residual) + omega * theta_bar;
}

double Backoff::choose(std::size_t t, double, double) {
  const std::size_t first = t > window ? t - window : 1;
  const std::size_t k = breaches[t - 1] - breaches[first - 1];
  if (powers.empty()) powers.push_back(1.0);
  while (powers.size() <= k) powers.push_back(powers.back() * alpha);
  return theta0 * powers[k];
}

void Backoff::observe(const Outcome& o) { breaches.push_back(breaches.back() + (o.residual > 0 ? 1U : 0U)); }

void Ogd::observe(const Outcome& o) { theta = projected(o.played - eta * gradient(o)); }

void Omd::observe(const Outcome& o) {
  eta = g_max > 0 ? std::sqrt(dmax2 / (g_max * g_max * static_cast<double>(o.t))) : 0.0;
  theta = projected(o.played - eta * gradient(o));
}

void Mdic::observe(const Outcome& o) {
  const double scale = std::sqrt(1.0 / static_cast<double>(o.t));
  eta = eta0 * scale;
  const double gamma = gamma0 * scale;
  max_r_seen = std::max(max_r_seen, o.residual);
  const double excess = o.played * o.residual - o.capacity;  // c_t(θ_t) = θ_t·R_t − C_t
  theta = projected(o.played - eta * (gradient(o) + nu * o.residual));
  nu = std::max(0.0, nu + gamma * excess / std::max(1.0, max_r_seen));
}

const std::vector<double>& Mdic::ranking_weights(std::size_t n) {
  if (weights.size() == n) return weights;
  if (weights.empty()) {
    weights.assign(n, 1.0 / static_cast<double>(n));
  } else {
    const double mean = std::accumulate(weights.begin(), weights.end(), 0.0) / static_cast<double>(weights.size());
    weights.resize(n, mean);
    renormalise(weights);
  }
  return weights;
}

void Mdic::observe_haircuts(const std::vector<double>& haircut) {
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (haircut[i] > 0) weights[i] *= std::exp(-(eta_v * haircut[i]));
  }
  renormalise(weights);
}

SeverityController::SeverityController(const PolicySpec& policy, const Hindsight& hindsight)
    : state_(initial(policy, hindsight)) {}

double SeverityController::choose(std::size_t t, double residual, double wealth) {
  return std::visit([&](auto& c) { return c.choose(t, residual, wealth); }, state_);
}

void SeverityController::observe(const Outcome& outcome) {
  std::visit([&](auto& c) { c.observe(outcome); }, state_);
}

double SeverityController::step() const {
  return std::visit(
      [](const auto& c) {
        if constexpr (requires { c.eta; }) {
          return c.eta;
        } else {
          return 0.0;
        }
      },
      state_);
}

}  // namespace adl::sim::detail::fast
