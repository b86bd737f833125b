// Policy texts of `adl simulate` (spec/online.md, SIM-CONTROLLERS): parsing,
// parameter defaults and ranges, canonical names.
#include "adl/sim/policy.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

namespace adl::sim {

namespace {

struct ParamSpec {
  const char* key;
  const char* fallback;  // nullptr: optional without default
};

// One row per controller (SIM-CONTROLLERS): its canonical name and its parameters
// with their defaults, sorted by key as policy_name prints them.
struct ControllerRow {
  Controller controller;
  const char* name;
  std::vector<ParamSpec> params;
};

const std::vector<ControllerRow>& controller_rows() {
  static const std::vector<ControllerRow> rows{
      {Controller::Static, "static", {{"theta", "1"}}},
      {Controller::Match, "match", {{"omega", "0"}, {"theta_bar", "1"}}},
      {Controller::Backoff, "backoff", {{"alpha", "1/2"}, {"theta0", "1"}, {"window", "1"}}},
      {Controller::Ogd, "ogd", {{"eta", nullptr}, {"theta1", "1/2"}}},
      {Controller::OgdTuned, "ogd-tuned", {{"theta1", "1/2"}}},
      {Controller::Omd, "omd", {{"dmax2", "1/2"}, {"theta1", "1/2"}}},
      {Controller::Mdic, "mdic", {{"eta0", "1/1000"}, {"eta_v", "1"}, {"gamma0", "1"}, {"theta1", "1/2"}}}};
  return rows;
}

const ControllerRow* row_of(Controller c) {
  const auto& rows = controller_rows();
  const auto it = std::find_if(rows.begin(), rows.end(), [c](const ControllerRow& r) { return r.controller == c; });
  return it == rows.end() ? nullptr : &*it;
}

// The spellings of the haircut rules: each rule's canonical name first, then its aliases.
struct RuleSpelling {
  Rule rule;
  const char* name;
};
constexpr RuleSpelling kRuleSpellings[] = {{Rule::Queue, "queue"},
                                           {Rule::ProRata, "pro-rata"},
                                           {Rule::ProRata, "pr"},
                                           {Rule::ProRata, "prorata"},
                                           {Rule::CappedProRata, "capped-pro-rata"},
                                           {Rule::CappedProRata, "cpr"},
                                           {Rule::CappedProRata, "capped"},
                                           {Rule::Rap, "rap"},
                                           {Rule::Rap, "risk-aware"}};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::optional<Rule> rule_from(const std::string& name) {
  for (const RuleSpelling& spelling : kRuleSpellings) {
    if (name == spelling.name) return spelling.rule;
  }
  return std::nullopt;
}

const ControllerRow& controller_from(const std::string& name, std::string_view text) {
  std::string expected;
  const auto& rows = controller_rows();
  for (const ControllerRow& row : rows) {
    if (name == row.name) return row;
    expected += std::string(expected.empty() ? "" : &row == &rows.back() ? " or " : ", ") + row.name;
  }
  throw ref::InvalidInput("policy '" + std::string(text) + "': unknown controller '" + name + "' (expected " +
                          expected + ")");
}

void check_params(const PolicySpec& p, std::string_view text) {
  const auto fail = [&](const std::string& key, const std::string& why) {
    throw ref::InvalidInput("policy '" + std::string(text) + "': parameter " + key + " = " +
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

// The `key=value,…` list after the controller's name (`text` is the whole policy, for messages).
void parse_params(std::string_view rest, const ControllerRow& controller, std::string_view text, PolicySpec& p) {
  const std::string policy = "policy '" + std::string(text) + "': ";
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      // A '/' inside the last value with no rule after it is part of a fraction;
      // anything else without '=' is an error.
      throw ref::InvalidInput(policy + "expected key=value, got '" + item + "'");
    }
    const std::string key = trim(std::string_view(item).substr(0, eq));
    const std::string value = trim(std::string_view(item).substr(eq + 1));
    const auto& specs = controller.params;
    if (std::none_of(specs.begin(), specs.end(), [&](const ParamSpec& s) { return key == s.key; })) {
      std::string list;
      for (const ParamSpec& s : specs) list += (list.empty() ? "" : ", ") + std::string(s.key);
      throw ref::InvalidInput(policy + "unknown parameter '" + key + "' for " + controller.name + " (expected " + list +
                              ")");
    }
    if (p.params.count(key) != 0) throw ref::InvalidInput(policy + "parameter '" + key + "' given twice");
    try {
      p.params[key] = ref::parse_rational(value);
    } catch (const std::invalid_argument& e) {
      throw ref::InvalidInput(policy + "parameter '" + key + "': " + e.what());
    }
  }
}

}  // namespace

std::string controller_name(Controller controller) {
  const ControllerRow* row = row_of(controller);
  return row == nullptr ? "?" : row->name;
}

std::string rule_name(Rule rule) {
  for (const RuleSpelling& spelling : kRuleSpellings) {
    if (spelling.rule == rule) return spelling.name;
  }
  return "?";
}

PolicySpec parse_policy(std::string_view text) {
  std::string body = trim(text);
  if (body.empty()) throw ref::InvalidInput("empty policy (expected CONTROLLER[:key=value,...][/RULE])");
  PolicySpec p;
  std::optional<Rule> rule;
  if (const auto slash = body.rfind('/'); slash != std::string::npos) {
    if (auto r = rule_from(trim(std::string_view(body).substr(slash + 1)))) {
      rule = r;
      body = trim(std::string_view(body).substr(0, slash));
    }
  }
  const auto colon = body.find(':');
  const ControllerRow& controller = controller_from(trim(std::string_view(body).substr(0, colon)), text);
  p.controller = controller.controller;
  if (colon != std::string::npos) parse_params(std::string_view(body).substr(colon + 1), controller, text, p);
  for (const ParamSpec& s : controller.params) {
    if (s.fallback != nullptr && p.params.count(s.key) == 0) p.params[s.key] = ref::parse_rational(s.fallback);
  }
  check_params(p, text);
  if (p.controller == Controller::Mdic) {
    if (rule && *rule != Rule::Rap) {
      throw ref::InvalidInput("policy '" + std::string(text) + "': mdic uses its own RAP rule (SIM-MDIC); got /" +
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

bool needs_hindsight(const PolicySpec& p) {
  return (p.controller == Controller::Ogd && p.params.count("eta") == 0) || p.controller == Controller::OgdTuned ||
         p.controller == Controller::Omd;
}

}  // namespace adl::sim
