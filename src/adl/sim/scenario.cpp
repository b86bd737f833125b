// Scenario generators (spec/online.md §4). Compiled with -ffp-contract=off
// (src/CMakeLists.txt): every double operation below is one IEEE-754 basic
// operation, so the Pareto variates are bit-identical on conforming platforms.
#include "adl/sim/scenario.hpp"

#include "adl/fx/generate.hpp"

#include "adl/emp/perwave.hpp"
#include "adl/ref/error.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace adl::sim {
namespace {

__extension__ typedef unsigned __int128 u128;

constexpr double kLn2 = 0.693147180559945309417232121458176568;
constexpr double kTwoPowMinus53 = 1.0 / 9007199254740992.0;
constexpr std::int64_t kMicro = 1'000'000;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// ⌊scale·u^(−1/α)⌋ truncated at `max` (scale ≤ max ≤ 2⁵⁰).
std::int64_t pareto_value(std::int64_t scale, double alpha, double u, std::int64_t max) {
  const double x = static_cast<double>(scale) * pareto_multiplier(u, alpha);
  if (!(x < static_cast<double>(max))) return max;
  return static_cast<std::int64_t>(x);  // x ＜ 2⁵⁰: truncation toward zero = floor
}

Rational micro(std::int64_t amount) { return Rational(amount) / kMicro; }

void fail(const std::string& message) { throw ref::InvalidInput("scenario: " + message); }

std::string pareto_parameters(const ParetoOptions& o) {
  return "T=" + std::to_string(o.rounds) + " n=" + std::to_string(o.winners) + " losers=" + std::to_string(o.losers) +
         " alpha_win=" + std::to_string(o.alpha_win) + " alpha_loss=" + std::to_string(o.alpha_loss) +
         " x_m=" + ref::to_decimal(micro(o.win_scale)) + " y_m=" + ref::to_decimal(micro(o.loss_scale)) +
         " rho=" + ref::to_fraction(o.fee_rate) + " seed=" + std::to_string(o.seed);
}

void validate(const ParetoOptions& o) {
  if (o.rounds < 1) fail("pareto: rounds T must be >= 1");
  if (o.winners < 1) fail("pareto: winners n must be >= 1");
  if (o.losers < 1) fail("pareto: losers must be >= 1");
  if (!(o.alpha_win > 0.0) || !std::isfinite(o.alpha_win)) fail("pareto: alpha_win must be > 0 and finite");
  if (!(o.alpha_loss > 0.0) || !std::isfinite(o.alpha_loss)) fail("pareto: alpha_loss must be > 0 and finite");
  if (o.max_value < 1 || o.max_value > (std::int64_t{1} << 50)) fail("pareto: max_value must lie in [1, 2^50]");
  if (o.win_scale < 1 || o.win_scale > o.max_value) fail("pareto: win_scale must lie in [1, max_value]");
  if (o.loss_scale < 1 || o.loss_scale > o.max_value) fail("pareto: loss_scale must lie in [1, max_value]");
  if (o.max_leverage < 1 || o.max_leverage > 10'000) fail("pareto: max_leverage must lie in [1, 10000]");
  if (o.fee_rate < 0) fail("pareto: fee_rate must be >= 0");
  if (o.initial_fund < 0) fail("pareto: initial_fund must be >= 0");
}

}  // namespace

ScenarioDraws::ScenarioDraws(std::uint64_t seed) : engine_(seed) {}

std::uint64_t ScenarioDraws::raw() { return engine_(); }

double ScenarioDraws::unit() { return static_cast<double>((engine_() >> 11) + 1) * kTwoPowMinus53; }

std::uint64_t ScenarioDraws::below(std::uint64_t count) {
  return static_cast<std::uint64_t>((static_cast<u128>(engine_()) * count) >> 64);
}

double pareto_multiplier(double u, double alpha) {
  if (!(u > 0.0 && u <= 1.0) || !(alpha > 0.0)) {
    throw ref::InvalidInput("scenario: pareto_multiplier needs u in (0, 1] and alpha > 0");
  }
  const double t = -fx::deterministic_log(u) / alpha;  // ≥ 0
  constexpr double ln_2_60 = 60.0 * kLn2;
  if (!(t < ln_2_60)) return std::ldexp(1.0, 60);
  return fx::deterministic_exp(t);
}

std::uint64_t round_seed(std::uint64_t seed, std::size_t t) {
  return splitmix64(seed ^ splitmix64(static_cast<std::uint64_t>(t)));
}

namespace {

// The integer draws of one round, shared by the exact and the fast form so both see the same values.
// `winner(i, w, cash, cap_k, leverage)` per winner, then the total shortfall in micro-USD as a Rational.
template <class WinnerSink>
Rational generate_round(const ParetoOptions& o, std::size_t t, WinnerSink&& winner) {
  validate(o);
  if (t < 1 || t > o.rounds) fail("pareto: round index out of range");
  ScenarioDraws draw(round_seed(o.seed, t));
  for (std::size_t i = 0; i < o.winners; ++i) {
    const double u_w = draw.unit();
    const std::uint64_t cash_draw = draw.raw();
    const std::uint64_t cap_k = draw.below(6) + 5;
    const std::uint64_t lev = draw.below(static_cast<std::uint64_t>(o.max_leverage)) + 1;
    const std::int64_t w = pareto_value(o.win_scale, o.alpha_win, u_w, o.max_value);
    const auto cash = static_cast<std::int64_t>((static_cast<u128>(cash_draw) * static_cast<std::uint64_t>(w)) >> 64);
    winner(i, w, cash, static_cast<std::int64_t>(cap_k), static_cast<std::int64_t>(lev));
  }
  std::int64_t total_s = 0;
  Rational deficit = 0;
  for (std::size_t j = 0; j < o.losers; ++j) {
    const std::int64_t s = pareto_value(o.loss_scale, o.alpha_loss, draw.unit(), o.max_value);
    if (total_s > (std::int64_t{1} << 62)) {
      deficit += micro(total_s);
      total_s = 0;
    }
    total_s += s;  // s ≤ 2⁵⁰: no overflow after the flush above
  }
  deficit += micro(total_s);
  return deficit;
}

// Σ w accumulated in 64 bits with flushes into a rational.
class MicroSum {
 public:
  void add(std::int64_t v) {
    if (part_ > (std::int64_t{1} << 62)) flush();
    part_ += v;
  }
  Rational value() {
    flush();
    return total_;
  }

 private:
  void flush() {
    total_ += micro(part_);
    part_ = 0;
  }
  std::int64_t part_ = 0;
  Rational total_ = 0;
};

}  // namespace

RoundInput pareto_round(const ParetoOptions& o, std::size_t t) {
  RoundInput round;
  round.winners.resize(o.winners);
  MicroSum endowment;
  round.bad_debt = generate_round(
      o, t, [&](std::size_t i, std::int64_t w, std::int64_t cash, std::int64_t cap_k, std::int64_t lev) {
        Winner& winner = round.winners[i];
        winner.id = static_cast<std::uint64_t>(i + 1);
        winner.endowment = micro(w);
        winner.equity = micro(w + cash);
        winner.cap = Rational(cap_k) / 10;
        winner.risk = Rational(lev);
        winner.score = winner.risk;
        endowment.add(w);
      });
  round.fee_inflow = o.fee_rate * endowment.value();
  return round;
}

void pareto_fast_round(const ParetoOptions& o, std::size_t t, FastRound& round) {
  round.endowment.resize(o.winners);
  round.equity.resize(o.winners);
  round.cap.resize(o.winners);
  round.risk.resize(o.winners);
  round.score.resize(o.winners);
  MicroSum endowment;
  const Rational deficit = generate_round(
      o, t, [&](std::size_t i, std::int64_t w, std::int64_t cash, std::int64_t cap_k, std::int64_t lev) {
        round.endowment[i] = w;
        round.equity[i] = w + cash;
        round.cap[i] = w * cap_k / 10;  // ⌊β·w⌋: w ≥ 0 and w·k ≤ 10·2⁵⁰
        round.risk[i] = lev * fx::fraction_scale;
        round.score[i] = lev * fx::fraction_scale;
        endowment.add(w);
      });
  // Both are whole micro-USD except φ = ρ·Σw, floored to the micro-USD (FX-ROUNDING).
  const Rational d = deficit * fx::money_scale;
  round.bad_debt = ref::floor_of(d).convert_to<std::int64_t>();
  const Rational fee = o.fee_rate * endowment.value() * fx::money_scale;
  const auto fee_floor = boost::multiprecision::mpz_int(numerator(fee) / denominator(fee));
  if (fee_floor > std::numeric_limits<std::int64_t>::max()) fail("pareto: fee inflow does not fit in micro-USD");
  round.fee_inflow = fee_floor.convert_to<std::int64_t>();
  round.theta_star.reset();
}

FastScenario pareto_fast_scenario(const ParetoOptions& o) {
  validate(o);
  const Rational fund = o.initial_fund * fx::money_scale;
  if (denominator(fund) != 1 || fund > std::numeric_limits<std::int64_t>::max()) {
    fail("pareto: initial_fund must be a whole number of micro-USD for the fast engine");
  }
  return FastScenario{"pareto", pareto_parameters(o), numerator(fund).convert_to<std::int64_t>(), o.rounds,
                      [o](std::size_t t, FastRound& round) { pareto_fast_round(o, t, round); }};
}

Scenario pareto_scenario(const ParetoOptions& o) {
  validate(o);
  Scenario s;
  s.name = "pareto";
  s.parameters = pareto_parameters(o);
  s.initial_fund = o.initial_fund;
  s.rounds.reserve(o.rounds);
  for (std::size_t t = 1; t <= o.rounds; ++t) s.rounds.push_back(pareto_round(o, t));
  return s;
}

Scenario alternating_scenario(const AlternatingOptions& o) {
  if (o.rounds < 2 || o.rounds % 2 != 0) fail("alternating: rounds T must be even and >= 2");
  if (!(o.lambda > 0)) fail("alternating: lambda must be > 0");
  if (!(o.m > 1)) fail("alternating: M must be > 1");
  if (o.winners < 1) fail("alternating: winners n must be >= 1");
  Scenario s;
  s.name = "alternating";
  s.parameters = "T=" + std::to_string(o.rounds) + " lambda=" + ref::to_fraction(o.lambda) +
                 " M=" + ref::to_fraction(o.m) + " n=" + std::to_string(o.winners);
  s.initial_fund = 0;
  const Rational low = Rational(1) / o.m;
  for (std::size_t t = 1; t <= o.rounds; ++t) {
    RoundInput r;
    for (std::size_t i = 0; i < o.winners; ++i) {
      Winner w;
      w.id = static_cast<std::uint64_t>(i + 1);
      w.endowment = o.lambda;
      w.equity = 2 * o.lambda;
      w.cap = 1;
      w.risk = 1;
      w.score = Rational(static_cast<long long>(o.winners - i));  // id 1 first
      r.winners.push_back(w);
    }
    r.bad_debt = o.lambda;
    r.fee_inflow = 0;
    r.theta_star = t % 2 == 1 ? low : Rational(1);
    s.rounds.push_back(std::move(r));
  }
  return s;
}

Scenario oct10_scenario(const Oct10Options& o) {
  if (o.winners < 1) fail("oct10: winners n must be >= 1");
  const emp::PerWaveReplay replay = emp::load_per_wave(o.per_wave_dir);
  Scenario s;
  s.name = "oct10";
  s.parameters = "waves=" + std::to_string(replay.waves.size()) + " n=" + std::to_string(o.winners) +
                 " seed=" + std::to_string(o.seed) + " data=" + o.per_wave_dir.string();
  s.initial_fund = 0;
  ParetoOptions shape;
  shape.rounds = replay.waves.size();
  shape.winners = o.winners;
  shape.losers = 1;
  shape.seed = o.seed;
  for (std::size_t t = 0; t < replay.waves.size(); ++t) {
    const emp::WavePoint& wave = replay.waves[t];
    RoundInput r = pareto_round(shape, t + 1);
    Rational raw_capacity = 0;
    for (Winner& w : r.winners) {
      w.cap = 1;
      raw_capacity += w.endowment;
    }
    // Scale every endowment and equity by D_t / Σ w, so C_t = Σ β·w = D_t exactly.
    const Rational factor = wave.deficit_usd / raw_capacity;
    for (Winner& w : r.winners) {
      w.endowment *= factor;
      w.equity *= factor;
    }
    r.bad_debt = wave.deficit_usd;
    r.fee_inflow = 0;
    r.theta_star = wave.theta_needed_capped;
    s.rounds.push_back(std::move(r));
  }
  return s;
}

}  // namespace adl::sim
