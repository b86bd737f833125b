// adl_bench: Google Benchmark timings of the fixed-point engine adl::fx and the
// exact reference adl::ref on the same generated books (bench/README.md).
//
// * fx_<policy>/<n>, n = 10³ … 10⁷: one fx policy call on a book of n accounts
//   from fx::generate_book (seed 1, default options), generated once per size
//   outside the timed loop and cached. Counters: items_per_second (accounts per
//   second of CPU time), ns_per_account, and the memory of one call,
//   bytes_per_account = (peak heap bytes allocated during the call, output
//   included, + the bytes of the input columns the policy reads) / n, with
//   heap_bytes_per_account the first part alone.
// * fx_<policy>_all_winners/<n>, n = 10³ and 10⁶, for queue, pro-rata and
//   capped pro-rata: the same on books where every account is a winner, since
//   the targets of issue 4 are stated for 10⁶ winners (a default book of n
//   accounts has about n/2).
// * ref_<policy>/<n>, n = 10³ … 10⁵: the adl::ref allocator on to_exact of the
//   same book (converted once, outside the timing). Before timing, the checker
//   (src/adl/check) compares fx with the FX-ROUNDING of ref on that book: a
//   mismatch fails the benchmark, so the fx/ref ratio compares equal answers.
//
// Both engines are called through their registries (fx::run_policy,
// ref::run_policy), so every policy is benchmarked by the same code.
//
// Heap bytes are counted by replacing the global operator new and delete of
// this executable (a 16-byte size header per block). GMP allocates the limbs
// of adl::ref's rationals with malloc, so those are not counted: the memory
// counter is reported for fx only.
#include "adl/check/checker.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/generate.hpp"
#include "adl/fx/number.hpp"
#include "adl/fx/policies.hpp"
#include "adl/ref/policies.hpp"
#include "adl/policy_kind.hpp"
#include "adl/sim/engine.hpp"
#include "adl/sim/scenario.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

// ---- Heap accounting: every operator new of the process goes through here.

namespace {

/// Live and peak bytes requested through operator new (the header not included).
std::atomic<std::size_t> heap_live{0};
std::atomic<std::size_t> heap_peak{0};

/// A header in front of each block keeps its size for the unsized delete; its
/// size keeps the block aligned as malloc aligns it.
constexpr std::size_t heap_header = alignof(std::max_align_t);

void* counted_allocate(std::size_t size) noexcept {
  void* block = std::malloc(size + heap_header);
  if (block == nullptr) return nullptr;
  *static_cast<std::size_t*>(block) = size;
  const std::size_t live = heap_live.fetch_add(size, std::memory_order_relaxed) + size;
  std::size_t peak = heap_peak.load(std::memory_order_relaxed);
  while (live > peak && !heap_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {}
  return static_cast<char*>(block) + heap_header;
}

void counted_release(void* pointer) noexcept {
  if (pointer == nullptr) return;
  void* block = static_cast<char*>(pointer) - heap_header;
  heap_live.fetch_sub(*static_cast<std::size_t*>(block), std::memory_order_relaxed);
  std::free(block);
}

void* counted_allocate_or_throw(std::size_t size) {
  void* pointer = counted_allocate(size);
  if (pointer == nullptr) throw std::bad_alloc();
  return pointer;
}

}  // namespace

void* operator new(std::size_t size) { return counted_allocate_or_throw(size); }
void* operator new[](std::size_t size) { return counted_allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void operator delete(void* pointer) noexcept { counted_release(pointer); }
void operator delete[](void* pointer) noexcept { counted_release(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { counted_release(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { counted_release(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { counted_release(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { counted_release(pointer); }

namespace {

namespace fx = adl::fx;
namespace ref = adl::ref;
namespace sim = adl::sim;

// ---- Inputs, built once per size outside every timed loop.

/// Which accounts a generated book holds.
enum class Mix {
  Default,     ///< The generator's defaults: half winners, 5 % zero PnL, the rest losers.
  AllWinners,  ///< Every account a winner (w > 0): n accounts are n winners.
};

/// The generated book of n accounts, every column stored (FX-GENERATOR, seed 1).
/// @spec FX-GENERATOR
const fx::GeneratedBook& generated_book(std::size_t accounts, Mix mix = Mix::Default) {
  static std::map<std::pair<std::size_t, Mix>, std::unique_ptr<fx::GeneratedBook>> cache;
  auto& slot = cache[{accounts, mix}];
  if (!slot) {
    fx::GeneratorOptions options;
    options.accounts = accounts;
    options.seed = 1;
    if (mix == Mix::AllWinners) {
      options.winner_share = 1.0;
      options.zero_share = 0.0;
    }
    slot = std::make_unique<fx::GeneratedBook>(fx::generate_book(options));
  }
  return *slot;
}

/// The exact image of the same book and budget, for adl::ref.
/// @spec FX-TO-EXACT
struct ExactInput {
  fx::ExactBook book;
  ref::Rational budget;  ///< B in USD.
};

const ExactInput& exact_input(std::size_t accounts) {
  static std::map<std::size_t, std::unique_ptr<ExactInput>> cache;
  auto& slot = cache[accounts];
  if (!slot) {
    const fx::GeneratedBook& generated = generated_book(accounts);
    slot = std::make_unique<ExactInput>(ExactInput{fx::to_exact(generated.book), fx::to_exact_money(generated.budget)});
  }
  return *slot;
}

std::size_t accounts_of(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

/// Bytes of the input columns a policy reads (ref::policy_info(kind).reads; w unless contracts).
std::size_t input_bytes(const fx::Book& book, ref::PolicyKind kind) {
  const ref::PolicyColumns& reads = ref::policy_info(kind).reads;
  const auto bytes = [](const auto& column) { return column.size() * sizeof(column[0]); };
  std::size_t total = reads.quantity ? bytes(book.quantity) : bytes(book.endowment);
  if (reads.equity) total += bytes(book.equity);
  if (reads.cap) total += bytes(book.cap);
  if (reads.score) total += bytes(book.score);
  if (reads.leverage) total += bytes(book.leverage);
  if (reads.risk_weight) total += bytes(book.risk_weight);
  if (reads.rho) total += bytes(book.rho);
  return total;
}

// Keeps a result alive to the optimiser.
void keep(const fx::Allocation& result) {
  benchmark::DoNotOptimize(result.seized.data());
  benchmark::DoNotOptimize(result.closed.data());
}
void keep(const ref::Allocation& result) {
  benchmark::DoNotOptimize(result.seized.data());
  benchmark::DoNotOptimize(result.closed.data());
}

/// Peak heap bytes allocated while one call runs, its result included (freed at the end).
template <class Call>
std::size_t peak_heap_bytes(const Call& call) {
  const std::size_t before = heap_live.load(std::memory_order_relaxed);
  heap_peak.store(before, std::memory_order_relaxed);
  {
    const auto result = call();
    keep(result);
  }
  return heap_peak.load(std::memory_order_relaxed) - before;
}

void set_rate_counters(benchmark::State& state, std::size_t accounts) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(accounts));
  // (n·10⁻⁹ per iteration, as a rate, inverted) = seconds·10⁹ / (n·iterations).
  state.counters["ns_per_account"] = benchmark::Counter(
      static_cast<double>(accounts) * 1e-9,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

/// One fx policy call on a generated book, through the fx registry.
/// @spec POL-ADL-POLICY
fx::Allocation run_fx(const fx::GeneratedBook& g, ref::PolicyKind kind) {
  return fx::run_policy(fx::view(g.book), kind, g.budget);
}

/// Times one fx policy call; one untimed call first measures its memory.
/// @spec FX-ROUNDING
void time_fx(benchmark::State& state, ref::PolicyKind kind, Mix mix) {
  const std::size_t accounts = accounts_of(state);
  const fx::GeneratedBook& g = generated_book(accounts, mix);
  const auto call = [&] { return run_fx(g, kind); };
  std::size_t heap = 0;
  try {
    heap = peak_heap_bytes(call);
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  for (auto _ : state) {
    const auto result = call();
    keep(result);
  }
  set_rate_counters(state, accounts);
  const auto n = static_cast<double>(accounts);
  state.counters["heap_bytes_per_account"] = static_cast<double>(heap) / n;
  state.counters["bytes_per_account"] = static_cast<double>(heap + input_bytes(g.book, kind)) / n;
}

/// Times one ref allocator call (ref registry) on the exact image of the book.
/// Once per (policy, n), untimed: the checker must find fx equal to the
/// FX-ROUNDING of ref on that book, or the benchmark fails.
/// @spec FX-ROUNDING
void time_ref(benchmark::State& state, ref::PolicyKind kind) {
  static std::set<std::pair<ref::PolicyKind, std::size_t>> checked;
  const std::size_t accounts = accounts_of(state);
  const ExactInput& e = exact_input(accounts);
  try {
    if (checked.insert({kind, accounts}).second) {
      const fx::GeneratedBook& g = generated_book(accounts);
      if (!adl::check::check_agreement(kind, adl::check::to_input(g.book, g.budget)).agree) {
        state.SkipWithError("fx differs from round(ref) on the benchmark book");
        return;
      }
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  for (auto _ : state) {
    const auto result = ref::run_policy(kind, e.book, e.budget);
    keep(result);
  }
  set_rate_counters(state, accounts);
}

/// The benchmarked policies and their benchmark names (fx_<name>, ref_<name>).
struct Benchmarked {
  ref::PolicyKind kind;
  const char* name;
  bool all_winners;  ///< Also timed on all-winner books (the targets "with 10⁶ winners").
};

constexpr Benchmarked kBenchmarked[] = {
    {ref::PolicyKind::Queue, "queue", true},
    {ref::PolicyKind::ProRata, "pro_rata", true},
    {ref::PolicyKind::LeveredProRata, "levered_pro_rata", false},
    {ref::PolicyKind::CappedProRata, "capped_pro_rata", true},
    {ref::PolicyKind::Rap, "rap", false},
    {ref::PolicyKind::MinMax, "min_max_burden", false},
    {ref::PolicyKind::GreedyOneStep, "greedy_one_step", false},
    {ref::PolicyKind::ContractProRata, "contract_pro_rata", false},
};

// ---- adl simulate's fast engine.

// @spec SIM-ENGINES
// @spec SIM-SCENARIO-PARETO
// BM_simulate_fast/<R>: run_fast on R rounds of the Pareto scenario (seed 1) with 10⁴ winners and
// 10³ losers per round, five policies at once (static/pro-rata, backoff/queue, ogd-tuned/pro-rata,
// omd/capped-pro-rata, mdic/rap), per-round records not kept — what `adl simulate --engine fast`
// does per seed. Rounds are generated inside the timed loop (the scenario streams them).
// Counter ns_per_account_round_policy = time / (10⁴ · R · 5 · iterations).
void BM_simulate_fast(benchmark::State& state) {
  const auto rounds = static_cast<std::size_t>(state.range(0));
  sim::ParetoOptions o;
  o.rounds = rounds;
  o.winners = 10'000;
  o.losers = 1'000;
  o.seed = 1;
  const sim::FastScenario scenario = sim::pareto_fast_scenario(o);
  const std::vector<sim::PolicySpec> policies = {
      sim::parse_policy("static:theta=1/2/pro-rata"), sim::parse_policy("backoff/queue"),
      sim::parse_policy("ogd-tuned/pro-rata"), sim::parse_policy("omd/capped-pro-rata"), sim::parse_policy("mdic")};
  sim::RunOptions options;
  options.keep_rounds = false;
  for (auto _ : state) {
    std::vector<sim::FastRunResult> runs = sim::run_fast(scenario, policies, options);
    benchmark::DoNotOptimize(runs.data());
  }
  const double work = 10'000.0 * static_cast<double>(rounds) * static_cast<double>(policies.size());
  state.counters["ns_per_account_round_policy"] = benchmark::Counter(
      work * static_cast<double>(state.iterations()) * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- Sizes.

void fx_sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(10)->Range(1'000, 10'000'000)->Unit(benchmark::kMillisecond);
}

void all_winner_sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(1'000)->Range(1'000, 1'000'000)->Unit(benchmark::kMillisecond);
}

void ref_sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);
}

/// Registers fx_<policy>, fx_<policy>_all_winners and ref_<policy> for every
/// policy, in the order of the report (fx, all winners, ref).
/// @spec POL-ADL-POLICY
const bool registered = [] {
  for (const Benchmarked& p : kBenchmarked) {
    benchmark::RegisterBenchmark((std::string("fx_") + p.name).c_str(), [kind = p.kind](benchmark::State& s) {
      time_fx(s, kind, Mix::Default);
    })->Apply(fx_sizes);
  }
  for (const Benchmarked& p : kBenchmarked) {
    if (!p.all_winners) continue;
    benchmark::RegisterBenchmark((std::string("fx_") + p.name + "_all_winners").c_str(), [kind = p.kind](
                                                                                             benchmark::State& s) {
      time_fx(s, kind, Mix::AllWinners);
    })->Apply(all_winner_sizes);
  }
  for (const Benchmarked& p : kBenchmarked) {
    benchmark::RegisterBenchmark((std::string("ref_") + p.name).c_str(), [kind = p.kind](benchmark::State& s) {
      time_ref(s, kind);
    })->Apply(ref_sizes);
  }
  return true;
}();

}  // namespace

// 10⁴ accounts × 10 rounds × 5 policies: small enough for a quick run; the full 10⁴ × 10⁴ × 5 figure
// is measured with `adl simulate` (bench/README.md, "adl simulate").
BENCHMARK(BM_simulate_fast)->Arg(10)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
