// `adl generate`: a deterministic synthetic wealth-space book (FMT-WEALTH-CSV).
//
// The recipe (also in docs/cli.md) uses std::mt19937_64 — whose output sequence
// the C++ standard fixes — and only integer arithmetic plus IEEE-754 square
// roots (correctly rounded everywhere), never std:: distributions, so a seed
// gives the same file on every platform and library version. Every account
// consumes exactly six 64-bit draws r0..r5:
//   r0  loser iff r0 < ⌊F·2^64⌋ (F = --loser-share; F = 1 makes everyone a loser)
//   r1  magnitude M = 100·u^(−3/4) USD with u = (⌊r1/2^11⌋ + 1)/2^53 ∈ (0, 1]:
//       Pareto with tail index 4/3 and minimum 100 (finite mean, infinite variance),
//       rounded to the cent. A winner has PnL +M; a loser PnL −M.
//   r2  cash: ⌊(r2/2^32)·2M/2^32⌋ cents for a winner (cash ∈ [0, 2M)), ⌊(r2/2^32)·(3/2)M/2^32⌋
//       for a loser (about a third of the losers stay solvent: e = cash − M ≥ 0)
//   r3  leverage 1.00 + ⌊(r3/2^32)·4900/2^32⌋ cents ∈ [1.00, 49.99]
//   r4  (--caps, winners only) with probability 1/2 a max_haircut in {0.50, 0.51, …, 1.00}
//   r5  (--caps, winners only) with probability 1/2 a min_equity e̲ = cash + ⌊w·k/100⌋ cents,
//       k ∈ {0, …, 50}; so every effective cap β ≥ 1/2 and C(β) ≥ U/2
// Score (explicit queue score): leverage·PnL/(cash + |PnL|), truncated to the cent — the
// PnL-leverage ranking ℓ·w/e for winners, negative for losers.
// Deficit bound: a first pass totals U = Σ winner PnL and D = Σ loser shortfalls; if D > U,
// every shortfall s = M − cash > 0 is scaled to ⌊s·U/D⌋ cents (PnL = −(cash + s')), so the
// written book always has D ≤ U: every severity θ ∈ [0, 1] is feasible for the uncapped
// policies and θ ≤ 1/2 for the capped ones. All values have at most two decimal places.
#include "commands.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <unistd.h>

namespace adl::cli {
namespace {

__extension__ using i128 = __int128;

constexpr std::int64_t kMaxAccounts = 10'000'000;

struct Drawn {
  bool loser = false;
  std::int64_t magnitude = 0;                // M in cents
  std::int64_t cash = 0;                     // cents
  std::int64_t leverage = 0;                 // cents
  std::optional<std::int64_t> max_haircut;   // hundredths
  std::optional<std::int64_t> min_equity_k;  // k in [0, 50]
};

/// The loser threshold ⌊F·2^64⌋, or nullopt for F = 1 (every account loses).
std::optional<std::uint64_t> loser_threshold(const ref::Rational& share) {
  if (share == 1) return std::nullopt;
  using boost::multiprecision::mpz_int;
  const mpz_int two64 = mpz_int(1) << 64;
  const mpz_int t = boost::multiprecision::numerator(share) * two64 / boost::multiprecision::denominator(share);
  return static_cast<std::uint64_t>(t);
}

Drawn draw(std::mt19937_64& rng, const std::optional<std::uint64_t>& threshold, bool caps) {
  Drawn d;
  const std::uint64_t r0 = rng();
  const std::uint64_t r1 = rng();
  const std::uint64_t r2 = rng();
  const std::uint64_t r3 = rng();
  const std::uint64_t r4 = rng();
  const std::uint64_t r5 = rng();
  d.loser = !threshold || r0 < *threshold;
  // u ∈ (0, 1] with 53 random bits; u^(−3/4) = 1/(√u·√√u). Products and square roots are
  // correctly rounded in IEEE-754, so the result is the same on every conforming platform.
  const double u = static_cast<double>((r1 >> 11) + 1) * 0x1p-53;
  const double root = std::sqrt(u);
  const double scale = 1.0 / (root * std::sqrt(root));
  d.magnitude = static_cast<std::int64_t>(std::llround(10000.0 * scale));  // 100 USD in cents × scale
  const auto fraction_of = [](std::uint64_t r, i128 whole) {
    return static_cast<std::int64_t>((static_cast<i128>(r >> 32) * whole) >> 32);
  };
  d.cash = d.loser ? fraction_of(r2, static_cast<i128>(d.magnitude) * 3 / 2)
                   : fraction_of(r2, static_cast<i128>(d.magnitude) * 2);
  d.leverage = 100 + fraction_of(r3, 4900);
  if (caps && !d.loser) {
    if ((r4 >> 63) != 0) d.max_haircut = 50 + static_cast<std::int64_t>((((r4 >> 32) & 0x7FFFFFFFU) * 51U) >> 31);
    if ((r5 >> 63) != 0) d.min_equity_k = static_cast<std::int64_t>((((r5 >> 32) & 0x7FFFFFFFU) * 51U) >> 31);
  }
  return d;
}

void append_cents(std::string& out, i128 cents) {
  if (cents < 0) {
    out.push_back('-');
    cents = -cents;
  }
  const auto whole = static_cast<unsigned long long>(cents / 100);
  const auto rest = static_cast<unsigned>(cents % 100);
  out += std::to_string(whole);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + rest / 10));
  out.push_back(static_cast<char>('0' + rest % 10));
}

/// Writes the book through `sink` (called with chunks of text).
template <class Sink>
void write_book(const GenerateOptions& options, std::uint64_t seed, const ref::Rational& share, Sink&& sink) {
  const auto threshold = loser_threshold(share);
  const auto n = static_cast<std::size_t>(options.accounts);
  // Pass 1: totals U and D in cents.
  i128 capacity = 0;
  i128 deficit = 0;
  {
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < n; ++i) {
      const Drawn d = draw(rng, threshold, options.caps);
      if (!d.loser) {
        capacity += d.magnitude;
      } else if (d.magnitude > d.cash) {
        deficit += d.magnitude - d.cash;
      }
    }
  }
  const bool scale = deficit > capacity;
  // Pass 2: the same draws, written out.
  std::string buffer;
  buffer.reserve(1 << 20);
  buffer += "# adl generate --accounts " + std::to_string(options.accounts) + " --seed " + std::to_string(seed) +
            " --loser-share " + ref::to_fraction(share) + (options.caps ? " --caps" : "") + " (adlref " + kVersion +
            "; deterministic, see docs/cli.md)\n";
  buffer += options.caps ? "account,cash,pnl,score,leverage,max_haircut,min_equity\n"
                         : "account,cash,pnl,score,leverage\n";
  std::mt19937_64 rng(seed);
  for (std::size_t i = 0; i < n; ++i) {
    const Drawn d = draw(rng, threshold, options.caps);
    i128 pnl = d.loser ? -static_cast<i128>(d.magnitude) : static_cast<i128>(d.magnitude);
    if (d.loser && scale && d.magnitude > d.cash) {
      const i128 shortfall = static_cast<i128>(d.magnitude - d.cash) * capacity / deficit;
      pnl = -(d.cash + shortfall);
    }
    const i128 magnitude = pnl < 0 ? -pnl : pnl;
    const i128 score = magnitude == 0 ? 0 : static_cast<i128>(d.leverage) * pnl / (d.cash + magnitude);
    buffer += std::to_string(i + 1);
    buffer.push_back(',');
    append_cents(buffer, d.cash);
    buffer.push_back(',');
    append_cents(buffer, pnl);
    buffer.push_back(',');
    append_cents(buffer, score);
    buffer.push_back(',');
    append_cents(buffer, d.leverage);
    if (options.caps) {
      buffer.push_back(',');
      if (d.max_haircut) append_cents(buffer, *d.max_haircut);
      buffer.push_back(',');
      if (d.min_equity_k) append_cents(buffer, d.cash + static_cast<i128>(d.magnitude) * *d.min_equity_k / 100);
    }
    buffer.push_back('\n');
    if (buffer.size() >= (1U << 20)) {
      sink(buffer);
      buffer.clear();
    }
  }
  sink(buffer);
}

}  // namespace

int generate_command(const GenerateOptions& options, std::ostream& stdout_stream) {
  if (options.accounts < 1 || options.accounts > kMaxAccounts) {
    throw UsageError("--accounts must lie in [1, 10000000], got " + std::to_string(options.accounts));
  }
  const std::uint64_t seed = parse_seed(options.seed);
  const ref::Rational share = parse_number("--loser-share", options.loser_share);
  if (share < 0 || share > 1) {
    throw UsageError("--loser-share must lie in [0, 1], got " + ref::to_fraction(share));
  }
  if (!options.out) {
    write_book(options, seed, share, [&](const std::string& chunk) { stdout_stream << chunk; });
    stdout_stream.flush();
    if (!stdout_stream) throw std::runtime_error("writing to standard output failed");
    return kExitOk;
  }
  write_file_atomically(*options.out, "--out", [&](std::ostream& file) {
    write_book(options, seed, share, [&](const std::string& chunk) {
      file << chunk;
      if (!file) throw UsageError("writing '" + *options.out + "' failed");
    });
  });
  return kExitOk;
}

CommandSpec generate_spec() {
  auto options = std::make_shared<GenerateOptions>();
  GenerateOptions& o = *options;
  // A generated book is streamed: it may be larger than memory allows to build as one string.
  CommandSpec spec{"generate", "Write a deterministic synthetic wealth-space book (CSV)",
                   [options](std::string&) { return generate_command(*options, std::cout); }};
  auto& add = spec.options;
  add.push_back(OptionSpec{"--accounts", "Number of accounts N, 1 ≤ N ≤ 10000000", &o.accounts}.needed());
  add.push_back(seed_option(o.seed, "Seed S of std::mt19937_64 (integer in [0, 2^64))"));
  add.push_back(
      OptionSpec{"--loser-share", "Probability F ∈ [0, 1] that an account loses", &o.loser_share}.with_default());
  add.push_back({"--caps", "Add max_haircut and min_equity columns (every β ≥ 1/2)", &o.caps});
  add.push_back(atomic_out_option(o.out));
  return spec;
}

}  // namespace adl::cli
