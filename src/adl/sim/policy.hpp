/// @file
/// The policies of `adl simulate` (spec/online.md, SIM-CONTROLLERS): a severity
/// controller with its parameters × a haircut rule, their canonical names and
/// the policy text `CONTROLLER[:key=value,…][/RULE]`.
#pragma once

#include "adl/sim/round_input.hpp"

#include <map>
#include <string>
#include <string_view>

namespace adl::sim {

/// The severity controllers of `adl simulate`.
/// @spec SIM-CONTROLLERS
enum class Controller {
  Static,    ///< θ_t = θ (SEV-STATIC). Parameter `theta` (default 1).
  Match,     ///< (1 − ω)·min(1, U_t/R_t) + ω·θ̄. Parameters `omega` (0), `theta_bar` (1).
  Backoff,   ///< θ₀·α^(k_t). Parameters `theta0` (1), `alpha` (1/2), `window` (1, an integer).
  Ogd,       ///< Fixed-step projected OGD. Parameters `theta1` (1/2), `eta` (optional; absent:
             ///< the hindsight step 1/(R̄·√T) that SIM-BOUNDS' fixed-step bounds are stated for).
  OgdTuned,  ///< OGD with the oracle step √((1 + 2P)/Σ R_t²). Parameter `theta1` (1/2).
  Omd,       ///< η_t = D_max/(G·√t), G = max R_t. Parameters `theta1` (1/2), `dmax2` = D_max² (1/2).
  Mdic,      ///< SIM-MDIC. Parameters `eta0` (1/1000), `gamma0` (1), `eta_v` (1), `theta1` (1/2).
};

/// The haircut rules of a round (SIM-ROUND step 4); caps are money caps β·w.
/// @spec SIM-ROUND
enum class Rule {
  Queue,          ///< POL-QUEUE on the money caps m_i = β_i·w_i, by score (ties by index).
  ProRata,        ///< POL-PRO-RATA on the money caps: x_i = B·m_i/Σ m.
  CappedProRata,  ///< POL-CAPPED-PRO-RATA: h_i = min(η, β_i).
  Rap,            ///< POL-RAP with the winners' risk weights: h_i = min(β_i, τ·w̃_i).
};

/// A policy of a run: a controller, its parameters (defaults filled in by
/// parse_policy) and a haircut rule. `mdic` always uses Rule::Rap with its own weights.
/// @spec SIM-CONTROLLERS
/// @spec SIM-ROUND
struct PolicySpec {
  Controller controller = Controller::Static;  ///< Severity controller.
  std::map<std::string, Rational> params;      ///< Named parameters (see Controller).
  Rule rule = Rule::ProRata;                   ///< Haircut rule.
};

/// Canonical name of a controller (`static`, `match`, `backoff`, `ogd`, `ogd-tuned`, `omd`, `mdic`).
/// @spec SIM-CONTROLLERS
std::string controller_name(Controller controller);

/// Canonical name of a rule (`queue`, `pro-rata`, `capped-pro-rata`, `rap`).
/// @spec SIM-ROUND
std::string rule_name(Rule rule);

/// Parses `CONTROLLER[:key=value,...][/RULE]`, e.g. `ogd:eta=0.001,theta1=0.5/pro-rata`
/// or `static:theta=1/2/queue` (values are FMT-NUMBER, fractions allowed; the rule is
/// the text after the last `/` when it names a rule). Unknown controllers, rules or
/// keys, duplicate keys, values out of range (θ's outside [0, 1], α outside (0, 1),
/// window not a positive integer, steps ≤ 0) and `mdic` with a rule other than `rap`
/// throw adl::ref::InvalidInput naming the offending part. Missing parameters get
/// their defaults; the default rule is `pro-rata` (`rap` for mdic).
/// @spec SIM-CONTROLLERS
/// @spec SIM-MDIC
PolicySpec parse_policy(std::string_view text);

/// The canonical text of a policy: every parameter (sorted, exact decimals when
/// they terminate, else fractions) and the rule, e.g.
/// `ogd:eta=0.001,theta1=0.5/pro-rata`. parse_policy(policy_name(p)) == p.
/// @spec SIM-CONTROLLERS
std::string policy_name(const PolicySpec& policy);

/// Whether a controller's step needs the whole loss sequence in hindsight
/// (`ogd` without `eta`, `ogd-tuned`, `omd`): the engines then make a first pass.
/// @spec SIM-CONTROLLERS
bool needs_hindsight(const PolicySpec& policy);

}  // namespace adl::sim
