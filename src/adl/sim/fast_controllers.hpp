/// @file
/// The severity controllers of the fast engine (spec/online.md, SIM-ENGINES:
/// "controllers in IEEE double"): one small type per controller, held in a
/// std::variant. Internal to adl_sim; written apart from the exact controllers
/// (exact_controllers.hpp), which the agreement property compares them with.
#pragma once

#include "adl/sim/policy.hpp"

#include <cstddef>
#include <variant>
#include <vector>

namespace adl::sim::detail::fast {

/// The hindsight quantities of a loss sequence, in USD.
/// @spec SIM-CONTROLLERS
struct Hindsight {
  double sum_r2 = 0;       ///< Σ R_t².
  double path = 0;         ///< P = Σ |θ⋆(t+1) − θ⋆_t|.
  double max_r = 0;        ///< max R_t.
  std::size_t rounds = 0;  ///< T.
};

/// Accumulates the hindsight quantities round by round (the fast engine's first pass).
/// @spec SIM-CONTROLLERS
class HindsightPass {
 public:
  /// Adds round t's R_t and θ⋆_t.
  void add(double residual, double theta_star);
  /// The quantities so far.
  [[nodiscard]] const Hindsight& result() const { return hindsight_; }

 private:
  Hindsight hindsight_;
  double last_theta_star_ = 0;
};

/// What a fast controller observes after round t (SIM-ROUND step 5), USD.
/// @spec SIM-ROUND
struct Outcome {
  std::size_t t = 0;      ///< Round index, 1-based.
  double residual = 0;    ///< R_t.
  double theta_star = 0;  ///< θ⋆_t.
  double capacity = 0;    ///< C_t.
  double played = 0;      ///< θ_t.
};

/// `static` (SEV-STATIC).
/// @spec SIM-CONTROLLERS
struct Static {
  double theta = 1;  ///< θ.
  /// θ_t.
  [[nodiscard]] double choose(std::size_t, double, double) const { return theta; }
  /// No update.
  void observe(const Outcome&) {}
};

/// `match`: deficit matching (AMB-P-11).
/// @spec SIM-CONTROLLERS
struct Match {
  double omega = 0;      ///< ω.
  double theta_bar = 1;  ///< θ̄.
  /// (1 − ω)·min(1, U_t/R_t) + ω·θ̄, 0 when R_t = 0.
  [[nodiscard]] double choose(std::size_t t, double residual, double wealth) const;
  /// No update.
  void observe(const Outcome&) {}
};

/// `backoff` (SEV-BACKOFF, main-text version).
/// @spec SIM-CONTROLLERS
struct Backoff {
  double theta0 = 1;                     ///< θ₀.
  double alpha = 0.5;                    ///< α.
  std::size_t window = 1;                ///< W.
  std::vector<std::size_t> breaches{0};  ///< Prefix counts of the rounds with R_s ＞ 0.
  std::vector<double> powers;            ///< α^k by repeated products.
  /// θ₀·α^(k_t) with k_t the breaches among the last W rounds.
  double choose(std::size_t t, double residual, double wealth);
  /// Counts a breach.
  void observe(const Outcome& outcome);
};

/// `ogd` with a fixed step (given or the hindsight step); `ogd-tuned` uses the same update.
/// @spec SIM-CONTROLLERS
struct Ogd {
  double theta = 0.5;  ///< θ_t.
  double eta = 1;      ///< η.
  /// θ_t.
  [[nodiscard]] double choose(std::size_t, double, double) const { return theta; }
  /// θ(t+1) = clip[0,1](θ_t − η·g_t).
  void observe(const Outcome& outcome);
};

/// `ogd-tuned`: Ogd with the oracle step of THM-OGD-SEVERITY.
/// @spec SIM-CONTROLLERS
struct OgdTuned : Ogd {};

/// `omd` with THM-OMD's step schedule.
/// @spec SIM-CONTROLLERS
struct Omd {
  double theta = 0.5;  ///< θ_t.
  double dmax2 = 0.5;  ///< D_max².
  double g_max = 0;    ///< G.
  double eta = 0;      ///< η_t of the last update.
  /// θ_t.
  [[nodiscard]] double choose(std::size_t, double, double) const { return theta; }
  /// η_t = √(D_max²/(G²·t)), then the projected step.
  void observe(const Outcome& outcome);
};

/// `mdic` (SIM-MDIC) with its simplex weights, in double.
/// @spec SIM-MDIC
struct Mdic {
  double theta = 0.5;           ///< θ_t.
  double eta0 = 0.001;          ///< η₀.
  double gamma0 = 1;            ///< γ₀.
  double eta_v = 1;             ///< η_v.
  double nu = 0;                ///< ν_t.
  double max_r_seen = 0;        ///< max_{s≤t} R_s.
  double eta = 0;               ///< η_t of the last update.
  std::vector<double> weights;  ///< v_t by winner index.
  /// θ_t.
  [[nodiscard]] double choose(std::size_t, double, double) const { return theta; }
  /// The primal and dual steps of SIM-MDIC.
  void observe(const Outcome& outcome);
  /// v resized to n winners (new ones at the mean weight, renormalised).
  const std::vector<double>& ranking_weights(std::size_t n);
  /// v_i ∝ v_i·exp(−η_v·h_i), renormalised.
  void observe_haircuts(const std::vector<double>& haircut);
};

/// A controller of the fast engine.
/// @spec SIM-CONTROLLERS
class SeverityController {
 public:
  /// The controller of `policy` (parameters converted to double) with the hindsight quantities.
  SeverityController(const PolicySpec& policy, const Hindsight& hindsight);
  /// θ_t before round t.
  double choose(std::size_t t, double residual, double wealth);
  /// The update after round t.
  void observe(const Outcome& outcome);
  /// The step η after the last update (0 for the non-learning controllers).
  [[nodiscard]] double step() const;
  /// MDIC's state, or nullptr.
  Mdic* mdic() { return std::get_if<Mdic>(&state_); }

 private:
  std::variant<Static, Match, Backoff, Ogd, OgdTuned, Omd, Mdic> state_;
};

}  // namespace adl::sim::detail::fast
