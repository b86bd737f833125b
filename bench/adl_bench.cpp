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
//   same book (converted once, outside the timing). Before timing, the result
//   is rounded by FX-ROUNDING and compared with the fx result: a mismatch
//   fails the benchmark, so the fx/ref ratio compares equal answers.
//
// Heap bytes are counted by replacing the global operator new and delete of
// this executable (a 16-byte size header per block). GMP allocates the limbs
// of adl::ref's rationals with malloc, so those are not counted: the memory
// counter is reported for fx only.
#include "adl/fx/contracts.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/generate.hpp"
#include "adl/fx/number.hpp"
#include "adl/fx/policies.hpp"
#include "adl/ref/benchmark_allocators.hpp"
#include "adl/ref/policies.hpp"
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
  while (live > peak && !heap_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
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
    slot = std::make_unique<ExactInput>(
        ExactInput{fx::to_exact(generated.book), fx::to_exact_money(generated.budget)});
  }
  return *slot;
}

std::size_t accounts_of(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

/// Bytes of the input columns a policy reads.
template <class... Columns>
std::size_t column_bytes(const Columns&... columns) {
  return (std::size_t{0} + ... + (columns.size() * sizeof(columns[0])));
}

// Keeps a result alive to the optimiser.
void keep(const fx::Allocation& result) { benchmark::DoNotOptimize(result.seized.data()); }
void keep(const std::vector<fx::Contracts>& result) { benchmark::DoNotOptimize(result.data()); }
void keep(const ref::Allocation& result) { benchmark::DoNotOptimize(result.seized.data()); }
void keep(const std::vector<ref::Rational>& result) { benchmark::DoNotOptimize(result.data()); }

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
      static_cast<double>(accounts) * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

/// Times one fx policy call; one untimed call first measures its memory.
template <class Call>
void time_fx(benchmark::State& state, std::size_t input_bytes, const Call& call) {
  const std::size_t accounts = accounts_of(state);
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
  state.counters["bytes_per_account"] = static_cast<double>(heap + input_bytes) / n;
}

/// Times one ref allocator call. Once per (policy, n), untimed: the exact result
/// rounded by FX-ROUNDING must equal fx's, or the benchmark fails.
/// @spec FX-ROUNDING
template <class RefCall, class Matches>
void time_ref(benchmark::State& state, const char* policy, const RefCall& call, const Matches& matches) {
  static std::set<std::pair<std::string, std::size_t>> checked;
  const std::size_t accounts = accounts_of(state);
  try {
    if (checked.insert({policy, accounts}).second && !matches(call())) {
      state.SkipWithError("fx differs from round(ref) on the benchmark book");
      return;
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  for (auto _ : state) {
    const auto result = call();
    keep(result);
  }
  set_rate_counters(state, accounts);
}

/// Whether fx seized amounts equal FX-ROUNDING of a ref allocation.
/// @spec FX-ROUNDING
bool rounds_to(const ref::Allocation& exact, const fx::Allocation& fast) {
  return fx::round_to_fx(exact.seized, fast.budget) == fast.seized;
}

// ---- fx: every policy at n = 10³ … 10⁷.

// @spec FX-POL-QUEUE
// @spec FX-PREFIX-SELECT
fx::Allocation fx_queue_on(const fx::GeneratedBook& g) {
  return fx::queue(g.book.endowment, g.book.score, g.budget);
}
// @spec FX-POL-PRO-RATA
fx::Allocation fx_pro_rata_on(const fx::GeneratedBook& g) { return fx::pro_rata(g.book.endowment, g.budget); }
// @spec FX-POL-LEV-PRO-RATA
fx::Allocation fx_levered_pro_rata_on(const fx::GeneratedBook& g) {
  return fx::levered_pro_rata(g.book.endowment, g.book.cap, g.book.leverage, g.budget);
}
// @spec FX-POL-CAPPED-PRO-RATA
// @spec FX-WATERFILL-SELECT
fx::Allocation fx_capped_pro_rata_on(const fx::GeneratedBook& g) {
  return fx::capped_pro_rata(g.book.endowment, g.book.cap, g.budget);
}
// @spec FX-POL-RAP
fx::Allocation fx_rap_on(const fx::GeneratedBook& g) {
  return fx::rap(g.book.endowment, g.book.cap, g.book.risk_weight, g.budget);
}
// @spec FX-POL-MINMAX-CONT
fx::Allocation fx_min_max_burden_on(const fx::GeneratedBook& g) {
  return fx::min_max_burden(g.book.endowment, g.book.equity, g.book.cap, g.budget);
}
// @spec FX-POL-GREEDY-ONESTEP
fx::Allocation fx_greedy_one_step_on(const fx::GeneratedBook& g) {
  return fx::greedy_one_step(g.book.endowment, g.book.equity, g.book.cap, g.book.rho, g.budget);
}
// @spec FX-POL-CONTRACT-PRO-RATA
std::vector<fx::Contracts> fx_contract_pro_rata_on(const fx::GeneratedBook& g) {
  return fx::contract_pro_rata_integer(g.book.quantity, g.book.quantity_decimals, g.book.loss_per_contract,
                                       g.budget, fx::ContractRounding::Ceil);
}

// @spec FX-POL-QUEUE
// @spec POL-QUEUE
void fx_queue(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.score), [&] { return fx_queue_on(g); });
}

// @spec FX-POL-PRO-RATA
// @spec POL-PRO-RATA
void fx_pro_rata(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment), [&] { return fx_pro_rata_on(g); });
}

// @spec FX-POL-LEV-PRO-RATA
// @spec POL-LEV-PRO-RATA
void fx_levered_pro_rata(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.cap, g.book.leverage),
          [&] { return fx_levered_pro_rata_on(g); });
}

// @spec FX-POL-CAPPED-PRO-RATA
// @spec POL-CAPPED-PRO-RATA
void fx_capped_pro_rata(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.cap), [&] { return fx_capped_pro_rata_on(g); });
}

// @spec FX-POL-RAP
// @spec POL-RAP
void fx_rap(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.cap, g.book.risk_weight), [&] { return fx_rap_on(g); });
}

// @spec FX-POL-MINMAX-CONT
// @spec POL-MINMAX-CONT
void fx_min_max_burden(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.equity, g.book.cap),
          [&] { return fx_min_max_burden_on(g); });
}

// @spec FX-POL-GREEDY-ONESTEP
// @spec POL-GREEDY-ONESTEP
void fx_greedy_one_step(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.endowment, g.book.equity, g.book.cap, g.book.rho),
          [&] { return fx_greedy_one_step_on(g); });
}

// @spec FX-POL-CONTRACT-PRO-RATA
// @spec POL-CONTRACT-PRO-RATA
void fx_contract_pro_rata(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state));
  time_fx(state, column_bytes(g.book.quantity), [&] { return fx_contract_pro_rata_on(g); });
}

// ---- The targets read "with 10⁶ winners": the same policies on books where every
// account is a winner (the default books have about n/2).

// @spec FX-POL-QUEUE
// @spec POL-QUEUE
void fx_queue_all_winners(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state), Mix::AllWinners);
  time_fx(state, column_bytes(g.book.endowment, g.book.score), [&] { return fx_queue_on(g); });
}

// @spec FX-POL-PRO-RATA
// @spec POL-PRO-RATA
void fx_pro_rata_all_winners(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state), Mix::AllWinners);
  time_fx(state, column_bytes(g.book.endowment), [&] { return fx_pro_rata_on(g); });
}

// @spec FX-POL-CAPPED-PRO-RATA
// @spec POL-CAPPED-PRO-RATA
void fx_capped_pro_rata_all_winners(benchmark::State& state) {
  const auto& g = generated_book(accounts_of(state), Mix::AllWinners);
  time_fx(state, column_bytes(g.book.endowment, g.book.cap), [&] { return fx_capped_pro_rata_on(g); });
}

// ---- ref on the same books (to_exact outside the timing), n = 10³ … 10⁵.

// @spec POL-QUEUE
// @spec FX-POL-QUEUE
void ref_queue(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "queue", [&] { return ref::queue(e.book.endowment, e.book.score, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_queue_on(generated_book(n))); });
}

// @spec POL-PRO-RATA
// @spec FX-POL-PRO-RATA
void ref_pro_rata(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "pro_rata", [&] { return ref::pro_rata(e.book.endowment, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_pro_rata_on(generated_book(n))); });
}

// @spec POL-LEV-PRO-RATA
// @spec FX-POL-LEV-PRO-RATA
void ref_levered_pro_rata(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "levered_pro_rata",
      [&] { return ref::levered_pro_rata(e.book.endowment, e.book.cap, e.book.leverage, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_levered_pro_rata_on(generated_book(n))); });
}

// @spec POL-CAPPED-PRO-RATA
// @spec FX-POL-CAPPED-PRO-RATA
void ref_capped_pro_rata(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "capped_pro_rata", [&] { return ref::capped_pro_rata(e.book.endowment, e.book.cap, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_capped_pro_rata_on(generated_book(n))); });
}

// @spec POL-RAP
// @spec FX-POL-RAP
void ref_rap(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "rap", [&] { return ref::rap(e.book.endowment, e.book.cap, e.book.risk_weight, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_rap_on(generated_book(n))); });
}

// @spec POL-MINMAX-CONT
// @spec FX-POL-MINMAX-CONT
void ref_min_max_burden(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "min_max_burden",
      [&] { return ref::min_max_burden(e.book.endowment, e.book.equity, e.book.cap, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_min_max_burden_on(generated_book(n))); });
}

// @spec POL-GREEDY-ONESTEP
// @spec FX-POL-GREEDY-ONESTEP
void ref_greedy_one_step(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "greedy_one_step",
      [&] { return ref::greedy_one_step(e.book.endowment, e.book.equity, e.book.cap, e.book.rho, e.budget); },
      [&](const ref::Allocation& exact) { return rounds_to(exact, fx_greedy_one_step_on(generated_book(n))); });
}

// @spec POL-CONTRACT-PRO-RATA
// @spec FX-POL-CONTRACT-PRO-RATA
void ref_contract_pro_rata(benchmark::State& state) {
  const std::size_t n = accounts_of(state);
  const auto& e = exact_input(n);
  time_ref(
      state, "contract_pro_rata",
      [&] {
        return ref::contract_pro_rata_integer(e.book.quantity, e.book.loss_per_contract, e.budget,
                                              ref::ContractRounding::Ceil);
      },
      [&](const std::vector<ref::Rational>& exact) {
        return fx::to_fx_contracts(exact) == fx_contract_pro_rata_on(generated_book(n));
      });
}

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
      work * static_cast<double>(state.iterations()) * 1e-9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
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

}  // namespace

BENCHMARK(fx_queue)->Apply(fx_sizes);
BENCHMARK(fx_pro_rata)->Apply(fx_sizes);
BENCHMARK(fx_levered_pro_rata)->Apply(fx_sizes);
BENCHMARK(fx_capped_pro_rata)->Apply(fx_sizes);
BENCHMARK(fx_rap)->Apply(fx_sizes);
BENCHMARK(fx_min_max_burden)->Apply(fx_sizes);
BENCHMARK(fx_greedy_one_step)->Apply(fx_sizes);
BENCHMARK(fx_contract_pro_rata)->Apply(fx_sizes);

BENCHMARK(fx_queue_all_winners)->Apply(all_winner_sizes);
BENCHMARK(fx_pro_rata_all_winners)->Apply(all_winner_sizes);
BENCHMARK(fx_capped_pro_rata_all_winners)->Apply(all_winner_sizes);

BENCHMARK(ref_queue)->Apply(ref_sizes);
BENCHMARK(ref_pro_rata)->Apply(ref_sizes);
BENCHMARK(ref_levered_pro_rata)->Apply(ref_sizes);
BENCHMARK(ref_capped_pro_rata)->Apply(ref_sizes);
BENCHMARK(ref_rap)->Apply(ref_sizes);
BENCHMARK(ref_min_max_burden)->Apply(ref_sizes);
BENCHMARK(ref_greedy_one_step)->Apply(ref_sizes);
BENCHMARK(ref_contract_pro_rata)->Apply(ref_sizes);

// 10⁴ accounts × 10 rounds × 5 policies: small enough for a quick run; the full 10⁴ × 10⁴ × 5 figure
// is measured with `adl simulate` (bench/README.md, "adl simulate").
BENCHMARK(BM_simulate_fast)->Arg(10)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
