/// @file
/// The severity controllers of the exact engine (spec/online.md,
/// SIM-CONTROLLERS, SIM-MDIC): one small type per controller, in rationals,
/// held in a std::variant. Internal to adl_sim; the fast engine has its own,
/// written separately (fast_controllers.hpp).
#pragma once

#include "adl/sim/policy.hpp"

#include <cstddef>
#include <variant>
#include <vector>

namespace adl::sim::detail::exact {

/// What a controller may know in hindsight about the whole loss sequence
/// (only `ogd` without a step, `ogd-tuned` and `omd` use it).
/// @spec SIM-CONTROLLERS
struct Hindsight {
  Rational sum_r2;         ///< Σ R_t².
  Rational path;           ///< P = Σ |θ⋆(t+1) − θ⋆_t|.
  Rational max_r;          ///< max R_t.
  std::size_t rounds = 0;  ///< T.
};

/// The hindsight quantities of a sequence (R_t, θ⋆_t).
/// @spec SIM-CONTROLLERS
Hindsight hindsight_of(const std::vector<Rational>& residual, const std::vector<Rational>& theta_star);

/// What a controller sees before round t (SIM-ROUND step 3).
/// @spec SIM-ROUND
struct Before {
  std::size_t t;             ///< Round index, 1-based.
  const Rational& residual;  ///< R_t.
  const Rational& wealth;    ///< U_t (for `match`).
};

/// What a controller observes after round t (SIM-ROUND step 5).
/// @spec SIM-ROUND
struct After {
  std::size_t t;               ///< Round index, 1-based.
  const Rational& residual;    ///< R_t.
  const Rational& theta_star;  ///< θ⋆_t.
  const Rational& capacity;    ///< C_t (MDIC's constraint).
  const Rational& played;      ///< θ_t.
};

/// `static`: θ_t = θ (SEV-STATIC).
/// @spec SIM-CONTROLLERS
struct Static {
  Rational theta;  ///< θ ∈ [0, 1].
};

/// `match`: (1 − ω)·min(1, U_t/R_t) + ω·θ̄ (0 when R_t = 0).
/// @spec SIM-CONTROLLERS
struct Match {
  Rational omega;      ///< ω ∈ [0, 1].
  Rational theta_bar;  ///< θ̄ ∈ [0, 1].
};

/// `backoff`: θ₀·α^(k_t), k_t the breach rounds (R_s ＞ 0) among the last W rounds (SEV-BACKOFF).
/// @spec SIM-CONTROLLERS
struct Backoff {
  Rational theta0;                       ///< θ₀.
  Rational alpha;                        ///< α ∈ (0, 1).
  std::size_t window = 1;                ///< W ≥ 1.
  std::vector<std::size_t> breaches{0};  ///< breaches[s] = breach rounds among 1..s.
  std::vector<Rational> powers{};        ///< α^k, filled on demand.
};

/// `ogd` and `ogd-tuned`: projected OGD with a fixed step,
/// θ(t+1) = clip[0,1](θ_t − η·g_t) (SIM-CONTROLLERS; the tuned step of THM-OGD-SEVERITY).
/// @spec SIM-CONTROLLERS
struct Ogd {
  Rational theta;  ///< θ_t, starting at θ₁.
  Rational eta;    ///< η.
};

/// `ogd-tuned`: Ogd with the oracle step η⋆ = √((1 + 2P)/Σ R_t²).
/// @spec SIM-CONTROLLERS
struct OgdTuned : Ogd {};

/// `omd`: THM-OMD's schedule η_t = D_max/(G·√t), G = max R_t.
/// @spec SIM-CONTROLLERS
struct Omd {
  Rational theta;  ///< θ_t, starting at θ₁.
  Rational dmax2;  ///< D_max².
  Rational g_max;  ///< G (hindsight).
  Rational eta;    ///< η_t of the last update.
};

/// `mdic`: the primal-dual controller of SIM-MDIC with its ranking weights v on the simplex.
/// State floored to 10⁻¹⁸ after each update (SIM-ENGINES).
/// @spec SIM-MDIC
struct Mdic {
  Rational theta;                   ///< θ_t.
  Rational eta0;                    ///< η₀.
  Rational gamma0;                  ///< γ₀.
  Rational eta_v;                   ///< η_v of the weight update.
  Rational nu{};                    ///< ν_t ≥ 0.
  Rational max_r_seen{};            ///< max_{s≤t} R_s.
  Rational eta{};                   ///< η_t of the last update.
  std::vector<Rational> weights{};  ///< v_t, matched to the winners by index.

  /// v resized to n winners (a new account enters with the mean weight, then all are renormalised).
  const std::vector<Rational>& ranking_weights(std::size_t n);
  /// v_i ∝ v_i·exp(−η_v·h_i), renormalised.
  void observe_haircuts(const std::vector<Rational>& haircut);
};

/// One controller's state.
/// @spec SIM-CONTROLLERS
using State = std::variant<Static, Match, Backoff, Ogd, OgdTuned, Omd, Mdic>;

/// A controller of the exact engine: chooses θ_t before each round, observes the outcome after it.
/// @spec SIM-CONTROLLERS
class SeverityController {
 public:
  /// The controller of `policy` with its parameters; `hindsight` feeds the steps that need it.
  SeverityController(const PolicySpec& policy, const Hindsight& hindsight);
  /// θ_t from the history and the current R_t (and U_t for `match`).
  Rational choose(const Before& round);
  /// The update after the round.
  void observe(const After& round);
  /// The step η used after the last round (0 for the non-learning controllers).
  [[nodiscard]] Rational step() const;
  /// MDIC's state, or nullptr for the other controllers.
  Mdic* mdic() { return std::get_if<Mdic>(&state_); }

 private:
  State state_;
};

}  // namespace adl::sim::detail::exact
