// Unit tests of the per-wave part of the October-10 replay (spec/empirical.md):
// EMP-PERWAVE-TABLES (loaders, exact headers, types, ranges, identity and
// cross-file checks), EMP-FINDINGS, EMP-HEADLINES, EMP-OVERSHOOT,
// EMP-LOSS-TABLE and EMP-BOUND.
//
// Expected values come from (a) the issue's list and the spec's "Expected on
// the published data" (real data, skipped when ../shared/data/oct10 is
// absent) and (b) hand derivations on the made-up fixtures of
// tests/data/emp/perwave-small (derivations written next to each assertion).
#include <gtest/gtest.h>

#include "paths.hpp"
#include "rationals.hpp"

#include "adl/emp/perwave.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/read.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using adl::emp::Finding;
using adl::emp::Findings;
using adl::emp::PerWaveReplay;
using adl::emp::Severity;
using adl::io::InputError;
using adl::ref::Rational;
using adl::test::q;

// ---------------------------------------------------------------------------
// Helpers.

fs::path real_dir() { return fs::path(adl::test::shared_dir()) / "data" / "oct10" / "per-wave"; }
fs::path small_dir() { return fs::path(adl::test::test_data_dir()) / "emp" / "perwave-small"; }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A private copy of the small fixture folder, removed at the end of the test.
class FixtureCopy {
 public:
  FixtureCopy() {
    std::string pattern = (fs::temp_directory_path() / "adl_emp_perwave_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    for (const auto& entry : fs::directory_iterator(small_dir())) {
      fs::copy_file(entry.path(), dir_ / entry.path().filename());
    }
  }
  ~FixtureCopy() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  FixtureCopy(const FixtureCopy&) = delete;
  FixtureCopy& operator=(const FixtureCopy&) = delete;

  [[nodiscard]] const fs::path& dir() const { return dir_; }
  [[nodiscard]] std::string source(const std::string& name) const { return (dir_ / name).string(); }

  // Replaces the cell of CSV `name` at 1-based `line` under `column` (the
  // fixtures have no quoted fields).
  void set_cell(const std::string& name, std::size_t line, const std::string& column, const std::string& value) const {
    std::vector<std::string> lines;
    std::istringstream in(slurp(dir_ / name));
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    const auto split = [](const std::string& l) {
      std::vector<std::string> cells;
      std::string cell;
      std::istringstream s(l);
      while (std::getline(s, cell, ',')) cells.push_back(cell);
      return cells;
    };
    const auto header = split(lines.at(0));
    const auto at = std::find(header.begin(), header.end(), column);
    if (at == header.end()) throw std::runtime_error("no column " + column);
    auto cells = split(lines.at(line - 1));
    cells.at(static_cast<std::size_t>(at - header.begin())) = value;
    std::string joined;
    for (std::size_t i = 0; i < cells.size(); ++i) joined += (i == 0 ? "" : ",") + cells[i];
    lines.at(line - 1) = joined;
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    spit(dir_ / name, text);
  }

  // Replaces the first occurrence of `from` by `to` in file `name`.
  void replace(const std::string& name, const std::string& from, const std::string& to) const {
    std::string text = slurp(dir_ / name);
    const auto pos = text.find(from);
    if (pos == std::string::npos) throw std::runtime_error("no '" + from + "' in " + name);
    text.replace(pos, from.size(), to);
    spit(dir_ / name, text);
  }

  void remove(const std::string& name) const { fs::remove(dir_ / name); }

  // Appends one line to file `name`.
  void append(const std::string& name, const std::string& line) const {
    spit(dir_ / name, slurp(dir_ / name) + line + "\n");
  }

 private:
  fs::path dir_;
};

std::string describe(const Findings& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += std::string(adl::emp::severity_name(f.severity)) + " " + f.check + " " + f.file + ":" +
           std::to_string(f.line) + " [" + f.field + "] " + f.message + "\n";
  }
  return out;
}

std::size_t warnings(const Findings& findings) {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [](const Finding& f) { return f.severity == Severity::kWarning; }));
}

// Asserts a warning `check` at file/line/field exists.
void expect_warning(const PerWaveReplay& r, const std::string& check, const std::string& file, std::size_t line,
                    const std::string& field) {
  const bool found = std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
    return f.severity == Severity::kWarning && f.check == check && f.file == file && f.line == line && f.field == field;
  });
  EXPECT_TRUE(found) << "expected warning " << check << " at " << file << ":" << line << " [" << field
                     << "]; findings:\n"
                     << describe(r.findings);
}

// The InputError `read` throws (a failure when it throws none).
std::optional<InputError> error_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted";
  return std::nullopt;
}

void expect_error(const std::function<void()>& read, const std::string& file, std::size_t line, std::size_t column,
                  const std::string& field, const std::string& part) {
  const auto e = error_of(read);
  if (!e) return;
  EXPECT_EQ(e->file(), file) << e->what();
  EXPECT_EQ(e->line(), line) << e->what();
  EXPECT_EQ(e->column(), column) << e->what();
  EXPECT_EQ(e->field(), field) << e->what();
  EXPECT_NE(e->message().find(part), std::string::npos) << "message lacks '" << part << "': " << e->what();
}

// Rounded half away from zero to the cent (the printing rule of spec/empirical.md).
Rational cents(const Rational& x) { return adl::ref::round_half_away(x, 2); }

const adl::emp::PolicyLoss& policy(const PerWaveReplay& r, const std::string& name) {
  for (const auto& p : r.policies) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no policy " + name);
}

// ---------------------------------------------------------------------------
// EMP-BOUND: the exact floor of a square root, on hand-checkable values.

TEST(FloorSqrt, HandCheckedValues) {
  // @spec EMP-BOUND
  using adl::ref::floor_sqrt;
  EXPECT_EQ(floor_sqrt(q("1"), 2), q("1"));              // √1 = 1.00
  EXPECT_EQ(floor_sqrt(q("2"), 2), q("1.41"));           // 1.41² = 1.9881 ≤ 2 < 1.42² = 2.0164
  EXPECT_EQ(floor_sqrt(q("2"), 10), q("1.4142135623"));  // √2 = 1.41421356237…
  EXPECT_EQ(floor_sqrt(q("1/4"), 2), q("0.5"));          // exact square of a fraction
  EXPECT_EQ(floor_sqrt(q("0.0001"), 2), q("0.01"));
  EXPECT_EQ(floor_sqrt(q("0.00009999"), 2), q("0"));  // just below 0.01²
  EXPECT_EQ(floor_sqrt(q("0"), 2), q("0"));
  EXPECT_EQ(floor_sqrt(q("100000000000000000001"), 0), q("10000000000"));  // ⌊√(10²⁰+1)⌋ = 10¹⁰
  EXPECT_EQ(floor_sqrt(q("99999999999999999999"), 0), q("9999999999"));    // just below 10²⁰
  // 36660: 19146² = 366,569,316 ≤ 366,600,000 < 19147² = 366,607,609.
  EXPECT_EQ(floor_sqrt(q("36660"), 2), q("191.46"));
  EXPECT_THROW(static_cast<void>(floor_sqrt(q("-1"), 2)), std::invalid_argument);
}

TEST(FloorSqrt, BoundOfTinyTables) {
  // @spec EMP-BOUND — 𝔅 for ΣD² = 1, P̂ = 0 is 1.00; for ΣD² = 2 (two waves of
  // D = 1, equal θ) it is √2 → 1.41; with P̂ = 1/2 and ΣD² = 2, √4 = 2.00.
  adl::emp::PerWaveTables t;
  adl::emp::TwoPassRow row;
  row.deficit_usd = 1;
  row.theta_needed_capped = q("0.25");
  t.two_pass.rows.push_back(row);
  std::vector<adl::emp::PolicyLoss> none;
  EXPECT_EQ(adl::emp::compute_bound(t, none).bound_usd, q("1"));
  row.t_start_ms = 1;
  t.two_pass.rows.push_back(row);
  EXPECT_EQ(adl::emp::compute_bound(t, none).bound_usd, q("1.41"));
  t.two_pass.rows.back().theta_needed_capped = q("0.75");
  const auto b = adl::emp::compute_bound(t, none);
  EXPECT_EQ(b.path_length, q("0.5"));
  EXPECT_EQ(b.radicand, q("4"));
  EXPECT_EQ(b.bound_usd, q("2"));
}

TEST(RoundHalfAway, Cents) {
  // @spec EMP-HEADLINES — printed money is rounded half away from zero to the cent.
  using adl::ref::round_half_away;
  EXPECT_EQ(round_half_away(q("0.125"), 2), q("0.13"));
  EXPECT_EQ(round_half_away(q("-0.125"), 2), q("-0.13"));
  EXPECT_EQ(round_half_away(q("0.124999"), 2), q("0.12"));
  EXPECT_EQ(round_half_away(q("-0.124999"), 2), q("-0.12"));
  EXPECT_EQ(round_half_away(q("1/3"), 2), q("0.33"));
  EXPECT_EQ(round_half_away(q("2/3"), 2), q("0.67"));
  EXPECT_EQ(round_half_away(q("7"), 2), q("7"));
}

// ---------------------------------------------------------------------------
// EMP-PERWAVE-TABLES: the pipeline's timestamp text.

TEST(Timestamp, PipelineText) {
  // @spec EMP-PERWAVE-TABLES
  using adl::io::parse_timestamp_ms;
  EXPECT_EQ(parse_timestamp_ms("1970-01-01 00:00:00+00:00"), 0);
  EXPECT_EQ(parse_timestamp_ms("1970-01-01 01:00:00+01:00"), 0);
  EXPECT_EQ(parse_timestamp_ms("1970-01-02 00:00:00.001+00:00"), 86400001);
  // 2024-02-29: 19,782 days after 1970-01-01 (54 years, 13 leap days: 54·365 + 13 + 31 + 28).
  EXPECT_EQ(parse_timestamp_ms("2024-02-29 00:00:00+00:00"), 19782LL * 86400000LL);
  // The data's own pairing: policy_per_wave's t_start of wave 1 and two_pass's t_start_ms.
  EXPECT_EQ(parse_timestamp_ms("2025-10-10 21:16:04.831000+00:00"), 1760130964831);
  for (const char* bad : {"2025-10-10T21:16:04+00:00", "2025-10-10 21:16:04", "2023-02-29 00:00:00+00:00",
                          "2025-13-01 00:00:00+00:00", "2025-10-10 24:00:00+00:00", "2025-10-10 21:16:04.8315+00:00",
                          "2025-10-10 21:16:04.+00:00", "2025-10-10 21:16:04+00:00 ", "1969-12-31 23:59:59+00:00"}) {
    EXPECT_THROW(static_cast<void>(parse_timestamp_ms(bad)), std::invalid_argument) << bad;
  }
}

// ---------------------------------------------------------------------------
// Malformed input: InputError with file, line, column and field (EMP-FINDINGS).

TEST(Malformed, HeaderFixture) {
  // @spec EMP-PERWAVE-TABLES — `deficit` where `deficit_usd` belongs (column 47 of line 1).
  const std::string path = adl::test::test_data_dir() + "/emp/malformed_loser_waves_header.csv";
  expect_error([&] { adl::emp::parse_loser_waves(slurp(path), path); }, path, 1, 47, "deficit_usd",
               "expected column 'deficit_usd' here, found 'deficit'");
}

TEST(Malformed, NegativeCountFixture) {
  // @spec EMP-FINDINGS — a negative count is an input error, not a finding.
  const std::string path = adl::test::test_data_dir() + "/emp/malformed_loser_waves_negative_count.csv";
  expect_error([&] { adl::emp::parse_loser_waves(slurp(path), path); }, path, 3, 13, "n_rows", "negative value -5");
}

TEST(Malformed, NotANumberFixture) {
  // @spec EMP-FINDINGS — `1O.5` (letter O) in budget_prod_usd, line 3.
  const std::string path = adl::test::test_data_dir() + "/emp/malformed_two_pass_not_number.csv";
  expect_error([&] { adl::emp::parse_two_pass(slurp(path), path); }, path, 3, 29, "budget_prod_usd",
               "not a number: '1O.5'");
}

TEST(Malformed, HeaderOrderMissingAndExtraColumns) {
  // @spec EMP-PERWAVE-TABLES — the header is the exact column list, in order.
  using adl::emp::parse_loser_waves;
  const std::string row = "\n1,1000,1000,5,1,100,100\n";
  // Swapped t_start_ms and t_end_ms: the first difference is column 6.
  expect_error(
      [&] { parse_loser_waves("wave,t_end_ms,t_start_ms,n_rows,unique_losers,deficit_usd,max_loss_usd" + row, "lw"); },
      "lw", 1, 6, "t_start_ms", "found 't_end_ms'");
  // max_loss_usd missing: reported at the end of the header line.
  expect_error(
      [&] {
        parse_loser_waves("wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd\n1,1000,1000,5,1,100\n", "lw");
      },
      "lw", 1, 58, "max_loss_usd", "missing column 'max_loss_usd'");
  // An extra column.
  expect_error(
      [&] {
        parse_loser_waves(
            "wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd,x\n1,1000,1000,5,1,100,100,1\n",
            "lw");
      },
      "lw", 1, 72, "x", "unexpected column 'x'");
  expect_error([&] { parse_loser_waves("", "lw"); }, "lw", 1, 1, "", "empty file");
  // A core file with a header and no rows.
  expect_error(
      [&] { parse_loser_waves("wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd\n", "lw"); },
      "lw", 1, 1, "", "no data rows");
}

TEST(Malformed, CellsOfLoserWaves) {
  // @spec EMP-PERWAVE-TABLES — types and ranges, each error at its cell.
  using adl::emp::parse_loser_waves;
  const std::string header = "wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd\n";
  expect_error([&] { parse_loser_waves(header + "1,1000.5,1000,5,1,100,100\n", "lw"); }, "lw", 2, 3, "t_start_ms",
               "not an integer time in milliseconds");
  expect_error([&] { parse_loser_waves(header + "1,1000,1000,5,1,0,0\n", "lw"); }, "lw", 2, 17, "deficit_usd",
               "must be > 0");
  expect_error([&] { parse_loser_waves(header + "1,1000,1000,5,1,nan,1\n", "lw"); }, "lw", 2, 17, "deficit_usd",
               "not a number");
  expect_error([&] { parse_loser_waves(header + "1,1000,1000,5,1,10,-1\n", "lw"); }, "lw", 2, 20, "max_loss_usd",
               "must be ≥ 0");
  expect_error([&] { parse_loser_waves(header + "-1,1000,1000,5,1,10,1\n", "lw"); }, "lw", 2, 1, "wave",
               "negative value -1");
  expect_error([&] { parse_loser_waves(header + "1,1000,1000,5,1,10\n", "lw"); }, "lw", 2, 19, "max_loss_usd",
               "row has 6 fields");
  // 9223372036854775808 = 2⁶³ does not fit.
  expect_error([&] { parse_loser_waves(header + "9223372036854775808,1000,1000,5,1,10,1\n", "lw"); }, "lw", 2, 1,
               "wave", "too large");
}

TEST(Malformed, RangesAndTimestamps) {
  // @spec EMP-PERWAVE-TABLES — a capped θ outside [0, 1] and a timestamp that is not one.
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 2, "theta_prod_capped", "1.2");
  expect_error([&] { adl::emp::load_per_wave(copy.dir()); }, copy.source("two_pass_by_wave.csv"), 2, 80,
               "theta_prod_capped", "outside [0, 1]");
  FixtureCopy copy2;
  copy2.replace("policy_per_wave_metrics.csv", "2025-10-09 08:53:30.000000+00:00", "2025-10-09 08:53:30.0005+00:00");
  expect_error([&] { adl::emp::load_per_wave(copy2.dir()); }, copy2.source("policy_per_wave_metrics.csv"), 3, 3,
               "t_start", "not a whole millisecond");
  FixtureCopy copy3;
  copy3.set_cell("two_pass_by_wave.csv", 2, "eval_horizon_ms", "250");
  copy3.set_cell("two_pass_by_wave.csv", 3, "eval_horizon_ms", "250");
  copy3.set_cell("two_pass_by_wave.csv", 4, "eval_horizon_ms", "250");
  expect_error([&] { adl::emp::load_per_wave(copy3.dir()); }, copy3.source("two_pass_by_wave.csv"), 2, 1,
               "eval_horizon_ms", "no row has eval_horizon_ms = 0");
}

TEST(Malformed, JsonFiles) {
  // @spec EMP-PERWAVE-TABLES — JSON keys adlref uses must be present, with the right type.
  FixtureCopy copy;
  copy.replace("overshoot_robustness.json", "\"O_min_band\": 15.0", "\"O_min_band\": \"15.0\"");
  expect_error([&] { adl::emp::load_per_wave(copy.dir()); }, copy.source("overshoot_robustness.json"), 4, 17,
               "O_min_band", "expected a number, found a string");
  FixtureCopy copy2;
  copy2.replace("headlines.json", "\"trim_alpha\": 0.03", "\"trim\": 0.03");
  expect_error([&] { adl::emp::load_per_wave(copy2.dir()); }, copy2.source("headlines.json"), 18, 13,
               "inputs.trim_alpha", "missing key 'trim_alpha'");
  FixtureCopy copy3;
  copy3.replace("loser_waves_summary.json", "\"num_waves_with_positive_deficit\": 3",
                "\"num_waves_with_positive_deficit\": -3");
  expect_error([&] { adl::emp::load_per_wave(copy3.dir()); }, copy3.source("loser_waves_summary.json"), 7, 38,
               "num_waves_with_positive_deficit", "negative value -3");
}

TEST(Malformed, MissingCoreFile) {
  // @spec EMP-PERWAVE-TABLES — the three core files are required.
  for (const char* name : {"loser_waves.csv", "two_pass_by_wave.csv", "policy_per_wave_metrics.csv"}) {
    FixtureCopy copy;
    copy.remove(name);
    expect_error([&] { adl::emp::load_per_wave(copy.dir()); }, copy.source(name), 0, 0, "", "missing");
  }
}

// ---------------------------------------------------------------------------
// The small fixture: every number derived by hand.
//
// Waves (D, Δ, B^needed, H(0), H(500)): 1: (100, 100, 20, 30, 35); 3: (50, 40,
// 10, 5, 4); 4: (40, 40, 50, 60, 80). Capped θ^needed 0.2, 0.2, 1; capped
// θ^prod(0) 0.3, 0.1, 1 (θ^prod = 1.5 and θ^needed = 1.25 in wave 4).

TEST(SmallFixture, Totals) {
  // @spec EMP-HEADLINES
  // @spec EMP-OVERSHOOT
  const auto r = adl::emp::load_per_wave(small_dir());
  EXPECT_TRUE(r.findings.empty()) << describe(r.findings);
  const auto& t = r.totals;
  EXPECT_EQ(t.num_waves, 3U);
  EXPECT_EQ(t.deficit_usd, q("190"));   // 100 + 50 + 40
  EXPECT_EQ(t.needed_usd, q("80"));     // 20 + 10 + 50
  EXPECT_EQ(t.prod_usd, q("95"));       // 30 + 5 + 60
  EXPECT_EQ(t.overshoot_usd, q("15"));  // O_t = 10, −5, 10
  EXPECT_EQ(t.overshoot_positive_usd, q("20"));
  EXPECT_EQ(t.overshoot_abs_usd, q("25"));
  EXPECT_EQ(t.waves_undershoot, 1U);
  ASSERT_EQ(t.horizons.size(), 2U);
  EXPECT_EQ(t.horizons[1].horizon_ms, 500);
  EXPECT_EQ(t.horizons[1].prod_usd, q("119"));      // 35 + 4 + 80
  EXPECT_EQ(t.horizons[1].overshoot_usd, q("39"));  // 119 − 80
  EXPECT_EQ(t.band_min_usd, q("15"));
  EXPECT_EQ(t.band_min_horizon_ms, 0);
  EXPECT_EQ(t.band_max_usd, q("39"));
  EXPECT_EQ(t.band_max_horizon_ms, 500);
  EXPECT_TRUE(r.tables.missing.empty());
  ASSERT_TRUE(r.tables.headlines.has_value());
  EXPECT_EQ(r.tables.headlines->content.overcollateralization.trimmed_mean, q("2.5"));
  EXPECT_EQ(r.tables.policy_per_wave.rows[1].t_end_ms, 1760000010500);
}

TEST(SmallFixture, LossTable) {
  // @spec EMP-LOSS-TABLE
  // T(π) = Σ|B^π − B^needed|, F(π) = Σ B^needed·|maxpct(π) − maxpct(ILP)|, ILP max_pct 0.1, 0.2, 0.3.
  const auto r = adl::emp::load_per_wave(small_dir());
  ASSERT_EQ(r.policies.size(), adl::emp::kPolicyCount);
  // prod: budgets 30, 5, 60; max_pct 0.5, 0.25, 1.
  EXPECT_EQ(policy(r, "prod").tracking_usd, q("25"));    // 10 + 5 + 10
  EXPECT_EQ(policy(r, "prod").fairness_usd, q("43.5"));  // 20·0.4 + 10·0.05 + 50·0.7
  EXPECT_EQ(policy(r, "prod").l1_usd, q("68.5"));
  EXPECT_EQ(policy(r, "pr").l1_usd, q("0"));
  EXPECT_EQ(policy(r, "pnl_pr").l1_usd, q("0"));
  EXPECT_EQ(policy(r, "eq_pr").fairness_usd, q("1"));  // 20·0.05
  // vector: budgets 18, 9, 45; max_pct 0.2, 0.1, 0.4.
  EXPECT_EQ(policy(r, "vector").tracking_usd, q("8"));  // 2 + 1 + 5
  EXPECT_EQ(policy(r, "vector").fairness_usd, q("8"));  // 20·0.1 + 10·0.1 + 50·0.1
  // contract_pr: budgets 19, 8, 50; max_pct 0.1, 0.3, 0.3.
  EXPECT_EQ(policy(r, "contract_pr").tracking_usd, q("3"));
  EXPECT_EQ(policy(r, "contract_pr").fairness_usd, q("1"));
  // min–max: budgets 21, 10, 49; its own fairness loss is 0.
  EXPECT_EQ(policy(r, "fixed_point_ilp_integer").tracking_usd, q("2"));
  EXPECT_EQ(policy(r, "fixed_point_ilp_integer").fairness_usd, q("0"));
}

TEST(SmallFixture, Bound) {
  // @spec EMP-BOUND
  const auto r = adl::emp::load_per_wave(small_dir());
  const auto& b = r.bound;
  EXPECT_EQ(b.path_length, q("0.8"));  // |0.2 − 0.2| + |1 − 0.2|
  EXPECT_EQ(b.path_length_policy, q("0.8"));
  EXPECT_EQ(b.sum_deficit_squared_usd2, q("14100"));  // 100² + 50² + 40²
  EXPECT_EQ(b.radicand, q("36660"));                  // 2.6 · 14100
  EXPECT_EQ(b.bound_usd, q("191.46"));                // 19146² ≤ 366,600,000 < 19147²
  EXPECT_LE(b.bound_fine_usd * b.bound_fine_usd, b.radicand);
  EXPECT_GT((b.bound_fine_usd + q("1e-12")) * (b.bound_fine_usd + q("1e-12")), b.radicand);
  // D·|θ^prod − θ^needed|: capped 100·0.1 + 50·0.1 + 40·0 = 15; uncapped adds 40·0.25 = 25 = T(prod).
  EXPECT_EQ(b.prod_loss_capped_usd, q("15"));
  EXPECT_EQ(b.prod_loss_uncapped_usd, q("25"));
  // The ratio bracket contains L¹/𝔅: low² < L¹²/radicand ≤ high².
  for (const auto& p : r.policies) {
    const Rational exact_sq = p.l1_usd * p.l1_usd / b.radicand;
    if (p.l1_usd == 0) {
      EXPECT_EQ(p.ratio_to_bound, 0);
      continue;
    }
    EXPECT_LT(p.ratio_to_bound_low * p.ratio_to_bound_low, exact_sq) << p.name;
    EXPECT_GE(p.ratio_to_bound_high * p.ratio_to_bound_high, exact_sq) << p.name;
    EXPECT_EQ(p.ratio_to_bound, p.ratio_to_bound_high) << p.name;
  }
  // prod: 68.5/√36660 = 68.5/191.468… = 0.357762…
  EXPECT_EQ(adl::ref::round_half_away(policy(r, "prod").ratio_to_bound, 5), q("0.35776"));
}

TEST(SmallFixture, WaveSeries) {
  // @spec EMP-HEADLINES — series for plots, in time order.
  const auto r = adl::emp::load_per_wave(small_dir());
  ASSERT_EQ(r.waves.size(), 3U);
  EXPECT_EQ(r.waves[0].wave, 1);
  EXPECT_EQ(r.waves[1].wave, 3);
  EXPECT_EQ(r.waves[2].wave, 4);
  EXPECT_EQ(r.waves[1].overshoot_usd, q("-5"));
  EXPECT_EQ(r.waves[0].cumulative_overshoot_usd, q("10"));
  EXPECT_EQ(r.waves[1].cumulative_overshoot_usd, q("5"));
  EXPECT_EQ(r.waves[2].cumulative_overshoot_usd, q("15"));
  ASSERT_TRUE(r.waves[2].policy_budget_usd.has_value());
  EXPECT_EQ((*r.waves[2].policy_budget_usd)[4], q("45"));  // vector, wave 4
}

TEST(SmallFixture, MissingOptionalFile) {
  // @spec EMP-FINDINGS — a missing optional file is an info finding; its section is absent.
  FixtureCopy copy;
  copy.remove("headlines.json");
  copy.remove("wave_coin_gap.csv");
  const auto r = adl::emp::load_per_wave(copy.dir());
  EXPECT_FALSE(r.tables.headlines.has_value());
  EXPECT_FALSE(r.tables.wave_coin_gap.has_value());
  EXPECT_TRUE(r.tables.overshoot_robustness.has_value());
  EXPECT_EQ(r.tables.missing, (std::vector<std::string>{"wave_coin_gap.csv", "headlines.json"}));
  ASSERT_EQ(r.findings.size(), 2U) << describe(r.findings);
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.severity, Severity::kInfo);
    EXPECT_EQ(f.check, "file.missing");
    EXPECT_EQ(f.line, 0U);
  }
  EXPECT_EQ(r.findings[0].file, copy.source("wave_coin_gap.csv"));
  EXPECT_EQ(r.totals.overshoot_usd, q("15"));  // numbers do not depend on optional files
}

// ---------------------------------------------------------------------------
// EMP-PERWAVE-TABLES identities: each check fires at the right file, line and
// field, and a row is never dropped or changed.

TEST(Identity, TwoPassOvershoot) {
  // @spec EMP-PERWAVE-TABLES — overshoot = H − B^needed (wave 3, horizon 0, line 3).
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 3, "overshoot_prod_minus_needed_usd", "-4");
  const auto r = adl::emp::load_per_wave(copy.dir());
  expect_warning(r, "two_pass.overshoot_identity", copy.source("two_pass_by_wave.csv"), 3,
                 "overshoot_prod_minus_needed_usd");
  EXPECT_EQ(warnings(r.findings), 1U) << describe(r.findings);
  EXPECT_EQ(r.tables.two_pass.rows[1].overshoot_prod_minus_needed_usd, q("-4"));  // kept as read
  EXPECT_EQ(r.totals.overshoot_usd, q("15"));                                     // O is recomputed as H − B^needed
}

TEST(Identity, MoneyTolerance) {
  // @spec EMP-FINDINGS — 10⁻⁶ USD: a difference of exactly 10⁻⁶ passes, 10⁻⁶ + 10⁻¹⁰ does not.
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 2, "overshoot_prod_minus_needed_usd", "10.000001");
  EXPECT_EQ(warnings(adl::emp::load_per_wave(copy.dir()).findings), 0U);
  copy.set_cell("two_pass_by_wave.csv", 2, "overshoot_prod_minus_needed_usd", "10.0000010001");
  const auto r = adl::emp::load_per_wave(copy.dir());
  EXPECT_EQ(warnings(r.findings), 1U) << describe(r.findings);
  expect_warning(r, "two_pass.overshoot_identity", copy.source("two_pass_by_wave.csv"), 2,
                 "overshoot_prod_minus_needed_usd");
}

TEST(Identity, TwoPassThetas) {
  // @spec EMP-PERWAVE-TABLES — θ = H/D, θ^needed = B/D, capped θ = clip(θ).
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 5, "theta_prod", "0.3500001");    // 35/100 = 0.35
  copy.set_cell("two_pass_by_wave.csv", 6, "theta_needed", "0.21");       // 10/50 = 0.2
  copy.set_cell("two_pass_by_wave.csv", 7, "theta_prod_capped", "0.99");  // clip(2) = 1
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source("two_pass_by_wave.csv");
  expect_warning(r, "two_pass.theta_prod", f, 5, "theta_prod");
  expect_warning(r, "two_pass.theta_prod_capped", f, 5, "theta_prod_capped");  // 0.35 ≠ clip(0.3500001)
  expect_warning(r, "two_pass.theta_needed", f, 6, "theta_needed");
  expect_warning(r, "two_pass.theta_needed_capped", f, 6, "theta_needed_capped");
  expect_warning(r, "two_pass.theta_prod_capped", f, 7, "theta_prod_capped");
}

TEST(Identity, TwoPassSameWavesAtEveryHorizon) {
  // @spec EMP-PERWAVE-TABLES — the same waves with the same D, Δ, B^needed at every horizon.
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 6, "deficit_usd", "51");
  copy.set_cell("two_pass_by_wave.csv", 6, "theta_needed", "0.196078431372549");  // keep θ = B/D
  copy.set_cell("two_pass_by_wave.csv", 6, "theta_needed_capped", "0.196078431372549");
  copy.set_cell("two_pass_by_wave.csv", 6, "theta_prod", "0.0784313725490196");
  copy.set_cell("two_pass_by_wave.csv", 6, "theta_prod_capped", "0.0784313725490196");
  copy.set_cell("two_pass_by_wave.csv", 7, "t_eval_end_ms", "1760000020501");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source("two_pass_by_wave.csv");
  expect_warning(r, "two_pass.same_waves", f, 6, "deficit_usd");
  expect_warning(r, "two_pass.eval_end", f, 7, "t_eval_end_ms");
  // The horizon files' ΣD at 500 ms no longer match the rows.
  expect_warning(r, "horizon.totals", copy.source("horizon_sweep.csv"), 3, "total_deficit_usd");
  expect_warning(r, "horizon.totals", copy.source("two_pass_summary_by_horizon.csv"), 3, "total_deficit_usd");
}

TEST(Identity, TwoPassWaveMissingAtAHorizon) {
  // @spec EMP-PERWAVE-TABLES — wave 3 moved from horizon 500 to 1000.
  FixtureCopy copy;
  copy.set_cell("two_pass_by_wave.csv", 6, "eval_horizon_ms", "1000");
  copy.set_cell("two_pass_by_wave.csv", 6, "t_eval_end_ms", "1760000011500");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source("two_pass_by_wave.csv");
  expect_warning(r, "two_pass.same_waves", f, 3, "wave");  // wave 3 (line 3) has no 500 ms row
  expect_warning(r, "two_pass.same_waves", f, 2, "wave");  // nor do waves 1 and 4 at 1000 ms
  expect_warning(r, "horizon.totals", copy.source("horizon_sweep.csv"), 0, "eval_horizon_ms");
  expect_warning(r, "horizon.totals", copy.source("horizon_sweep.csv"), 3, "num_waves");
}

TEST(Identity, LoserWavesAgainstTwoPass) {
  // @spec EMP-PERWAVE-TABLES — same waves, start, end, D and Δ as two_pass at horizon 0.
  FixtureCopy copy;
  copy.set_cell("loser_waves.csv", 3, "t_end_ms", "1760000010400");
  copy.set_cell("loser_waves.csv", 4, "max_loss_usd", "39");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source("loser_waves.csv");
  expect_warning(r, "loser_waves.same_waves", f, 3, "t_end_ms");
  expect_warning(r, "loser_waves.same_waves", f, 4, "max_loss_usd");
  EXPECT_EQ(warnings(r.findings), 2U) << describe(r.findings);  // max Δ is still 100: no JSON finding
}

TEST(Identity, LoserWavesUnknownWave) {
  // @spec EMP-PERWAVE-TABLES — a loser wave without a two_pass row, and the reverse.
  FixtureCopy copy;
  copy.set_cell("loser_waves.csv", 4, "wave", "5");
  const auto r = adl::emp::load_per_wave(copy.dir());
  expect_warning(r, "loser_waves.same_waves", copy.source("loser_waves.csv"), 4, "wave");
  expect_warning(r, "loser_waves.same_waves", copy.source("two_pass_by_wave.csv"), 4, "wave");
}

TEST(Identity, DuplicatesIntervalsAndGaps) {
  // @spec EMP-PERWAVE-TABLES — duplicates are findings (rows kept), a wave ends after it
  // starts, per-coin rows carry their wave's times, every file has the same gap_ms.
  FixtureCopy copy;
  copy.append("loser_waves.csv", "1,1760000000000,1760000000000,5,1,100.0,100.0");  // line 5
  copy.set_cell("loser_waves.csv", 3, "t_end_ms", "1760000009999");
  copy.set_cell("loser_waves.csv", 4, "max_loss_usd", "41");
  copy.append("wave_coin_gap.csv", "1,1760000000000,1760000000000,AAA,0,1,0");  // line 6
  copy.set_cell("wave_coin_gap.csv", 4, "t_start_ms", "1760000010001");
  copy.set_cell("horizon_sweep.csv", 2, "gap_ms", "4000");
  copy.append("two_pass_summary_by_horizon.csv", "0,3,190,80,95,15,0.466666666667,0.466666666667");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string lw = copy.source("loser_waves.csv");
  expect_warning(r, "loser_waves.duplicate_wave", lw, 5, "wave");
  expect_warning(r, "loser_waves.interval", lw, 3, "t_end_ms");
  expect_warning(r, "loser_waves.same_waves", lw, 3, "t_end_ms");
  expect_warning(r, "loser_waves.max_loss", lw, 4, "max_loss_usd");  // Δ = 41 > D = 40
  expect_warning(r, "wave_coin_gap.duplicate", copy.source("wave_coin_gap.csv"), 6, "coin");
  expect_warning(r, "wave_coin_gap.times", copy.source("wave_coin_gap.csv"), 4, "t_start_ms");
  expect_warning(r, "json.gap_ms", copy.source("horizon_sweep.csv"), 2, "gap_ms");
  expect_warning(r, "horizon.duplicate", copy.source("two_pass_summary_by_horizon.csv"), 4, "eval_horizon_ms");
  // The duplicate row is kept: ΣD counts it (190 + 100), and the JSON's ΣD and count disagree.
  EXPECT_EQ(r.tables.loser_waves.rows.size(), 4U);
  EXPECT_EQ(r.totals.deficit_usd, q("290"));
  expect_warning(r, "json.loser_waves_summary", copy.source("loser_waves_summary.json"), 9, "total_deficit_usd");
  expect_warning(r, "json.loser_waves_summary", copy.source("loser_waves_summary.json"), 7,
                 "num_waves_with_positive_deficit");
}

TEST(Identity, TimeOrderIsInfo) {
  // @spec EMP-BOUND — rows out of time order: an info; P̂ and the series use time order.
  FixtureCopy copy;
  const std::string name = "two_pass_by_wave.csv";
  const std::string text = slurp(copy.dir() / name);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::swap(lines[1], lines[3]);  // wave 4 first, wave 1 third
  std::string swapped;
  for (const auto& l : lines) swapped += l + "\n";
  spit(copy.dir() / name, swapped);
  const auto r = adl::emp::load_per_wave(copy.dir());
  ASSERT_EQ(r.findings.size(), 1U) << describe(r.findings);
  EXPECT_EQ(r.findings[0].check, "two_pass.time_order");
  EXPECT_EQ(r.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(r.findings[0].line, 3U);  // wave 3 starts before wave 4 (line 2)
  EXPECT_EQ(r.bound.path_length, q("0.8"));
  EXPECT_EQ(r.waves.front().wave, 1);
}

TEST(Identity, HorizonFiles) {
  // @spec EMP-PERWAVE-TABLES — per horizon, count and totals equal the sums; the two files agree.
  FixtureCopy copy;
  copy.set_cell("horizon_sweep.csv", 3, "total_H_prod_usd", "119.01");
  copy.set_cell("two_pass_summary_by_horizon.csv", 2, "mean_theta_prod_capped", "0.4667");
  const auto r = adl::emp::load_per_wave(copy.dir());
  expect_warning(r, "horizon.totals", copy.source("horizon_sweep.csv"), 3, "total_H_prod_usd");
  expect_warning(r, "horizon.files_agree", copy.source("horizon_sweep.csv"), 3, "total_H_prod_usd");
  expect_warning(r, "horizon.totals", copy.source("two_pass_summary_by_horizon.csv"), 2, "mean_theta_prod_capped");
  EXPECT_EQ(warnings(r.findings), 3U) << describe(r.findings);
}

TEST(Identity, PolicyPerWave) {
  // @spec EMP-PERWAVE-TABLES — overshoot_π = budget_π − budget_needed; budget_prod = H(0), D, Δ as two_pass.
  FixtureCopy copy;
  const std::string name = "policy_per_wave_metrics.csv";
  copy.set_cell(name, 2, "overshoot_vector", "-3");
  copy.set_cell(name, 4, "budget_prod", "61");
  copy.set_cell(name, 4, "overshoot_prod", "11");
  copy.set_cell(name, 3, "deficit_usd", "50.5");
  copy.set_cell(name, 3, "budget_target", "10.5");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source(name);
  expect_warning(r, "policy.overshoot_identity", f, 2, "overshoot_vector");
  expect_warning(r, "policy.same_waves", f, 4, "budget_prod");
  expect_warning(r, "policy.same_waves", f, 3, "deficit_usd");
  expect_warning(r, "policy.budget_target", f, 3, "budget_target");
  EXPECT_EQ(warnings(r.findings), 4U) << describe(r.findings);
  EXPECT_EQ(policy(r, "prod").tracking_usd, q("26"));  // the row is used as read: |61 − 50| = 11
}

TEST(Identity, PolicyTimesAndPathLength) {
  // @spec EMP-PERWAVE-TABLES
  // @spec EMP-BOUND — the policy file's θ^needed path must agree with two_pass's.
  FixtureCopy copy;
  const std::string name = "policy_per_wave_metrics.csv";
  copy.replace(name, "2025-10-09 08:53:40.000000+00:00,2025-10-09 08:53:40.000000+00:00",
               "2025-10-09 08:53:40.000000+00:00,2025-10-09 08:53:40.001000+00:00");
  copy.set_cell(name, 3, "theta_needed_capped", "0.05");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source(name);
  expect_warning(r, "policy.same_waves", f, 4, "t_end");
  expect_warning(r, "policy.same_waves", f, 3, "theta_needed_capped");
  expect_warning(r, "policy.path_length", f, 0, "theta_needed_capped");
  EXPECT_EQ(r.bound.path_length, q("0.8"));         // two_pass's θ: |0| + |0.8|
  EXPECT_EQ(r.bound.path_length_policy, q("1.1"));  // policy: |0.05 − 0.2| + |1 − 0.05|
}

TEST(Identity, EmptyPolicyMetricIsInfo) {
  // @spec EMP-FINDINGS — an empty PTSR/PMR cell is a documented quirk (info); an empty budget is an error.
  FixtureCopy copy;
  copy.set_cell("policy_per_wave_metrics.csv", 3, "ptsr_prod", "");
  copy.set_cell("policy_per_wave_metrics.csv", 3, "pmr_vector", "");
  const auto r = adl::emp::load_per_wave(copy.dir());
  ASSERT_EQ(r.findings.size(), 1U) << describe(r.findings);
  EXPECT_EQ(r.findings[0].check, "policy.undefined_metric");
  EXPECT_EQ(r.findings[0].severity, Severity::kInfo);
  EXPECT_NE(r.findings[0].message.find("2 empty"), std::string::npos) << r.findings[0].message;
  EXPECT_NE(r.findings[0].message.find("waves 3)"), std::string::npos) << r.findings[0].message;
  EXPECT_FALSE(r.tables.policy_per_wave.rows[1].policy[0].ptsr.has_value());
  EXPECT_EQ(r.tables.policy_per_wave.rows[1].policy[0].rd_nse, q("0.75"));
  FixtureCopy copy2;
  copy2.set_cell("policy_per_wave_metrics.csv", 3, "budget_vector", "");
  expect_error([&] { adl::emp::load_per_wave(copy2.dir()); }, copy2.source("policy_per_wave_metrics.csv"), 3, 83,
               "budget_vector", "empty value: expected a number");
}

TEST(Identity, WaveCoinGap) {
  // @spec EMP-PERWAVE-TABLES — gap per contract = gap/qty; every wave a known wave.
  FixtureCopy copy;
  copy.set_cell("wave_coin_gap.csv", 3, "gap_per_contract_usd", "0.6");
  copy.set_cell("wave_coin_gap.csv", 5, "wave", "5");
  const auto r = adl::emp::load_per_wave(copy.dir());
  const std::string f = copy.source("wave_coin_gap.csv");
  expect_warning(r, "wave_coin_gap.per_contract", f, 3, "gap_per_contract_usd");
  expect_warning(r, "wave_coin_gap.unknown_wave", f, 5, "wave");
  EXPECT_EQ(warnings(r.findings), 2U) << describe(r.findings);
  // Wave 4 lost its only coin: Σ gap = 0 ≠ 50 — an info finding (spot coins are left out upstream).
  const bool info = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& x) {
    return x.severity == Severity::kInfo && x.check == "wave_coin_gap.needed_sum";
  });
  EXPECT_TRUE(info) << describe(r.findings);
}

TEST(Identity, JsonScalars) {
  // @spec EMP-PERWAVE-TABLES — the JSON scalars equal the values recomputed from the CSV rows.
  FixtureCopy copy;
  copy.replace("overshoot_robustness.json", "\"O_max_band\": 39.0", "\"O_max_band\": 40.0");
  copy.replace("overshoot_robustness.json", "\"O_disc\": 27.0", "\"O_disc\": 27.5");
  copy.replace("loser_waves_summary.json", "\"total_deficit_usd\": 190.0", "\"total_deficit_usd\": 190.1");
  copy.replace("loser_waves_summary.json", "\"num_waves_with_positive_deficit\": 3",
               "\"num_waves_with_positive_deficit\": 4");
  copy.replace("headlines.json", "\"prod_overshoot_vs_needed_usd\": 15.0", "\"prod_overshoot_vs_needed_usd\": 15.5");
  copy.replace("headlines.json", "\"queue_total_overshoot_usd\": 100.25", "\"queue_total_overshoot_usd\": 100.26");
  const auto r = adl::emp::load_per_wave(copy.dir());
  expect_warning(r, "json.overshoot_robustness", copy.source("overshoot_robustness.json"), 3, "O_max_band");
  expect_warning(r, "json.overshoot_robustness", copy.source("overshoot_robustness.json"), 9, "discounted.500.O_disc");
  expect_warning(r, "json.loser_waves_summary", copy.source("loser_waves_summary.json"), 9, "total_deficit_usd");
  expect_warning(r, "json.loser_waves_summary", copy.source("loser_waves_summary.json"), 7,
                 "num_waves_with_positive_deficit");
  expect_warning(r, "json.headlines", copy.source("headlines.json"), 7, "headline.prod_overshoot_vs_needed_usd");
  expect_warning(r, "json.headlines", copy.source("headlines.json"), 8, "headline.queue_total_overshoot_usd");
  EXPECT_EQ(warnings(r.findings), 6U) << describe(r.findings);
}

// ---------------------------------------------------------------------------
// The published October-10 data: the numbers to the cent.

class RealData : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(real_dir() / "loser_waves.csv")) {
      GTEST_SKIP() << "October-10 data absent (" << real_dir().string()
                   << "): the real-data checks of EMP-HEADLINES, EMP-LOSS-TABLE and EMP-BOUND are skipped";
    }
    replay_ = adl::emp::load_per_wave(real_dir());
  }
  PerWaveReplay replay_;
};

TEST_F(RealData, Headlines) {
  // @spec EMP-HEADLINES — the list and spec/empirical.md's expected values.
  const auto& t = replay_.totals;
  EXPECT_EQ(t.num_waves, 16U);
  EXPECT_EQ(cents(t.deficit_usd), q("100063386.69"));
  EXPECT_EQ(cents(t.needed_usd), q("15079669.61"));
  EXPECT_EQ(cents(t.prod_usd), q("60108335.33"));
  EXPECT_EQ(cents(t.overshoot_usd), q("45028665.72"));
  EXPECT_EQ(cents(t.band_min_usd), q("45028665.72"));
  EXPECT_EQ(t.band_min_horizon_ms, 0);
  EXPECT_EQ(cents(t.band_max_usd), q("51673606.61"));
  EXPECT_EQ(t.band_max_horizon_ms, 500);
  // AMB-E-07: production undershoots in 6 of 16 waves; Σ|O_t| = 53.78M (reference §8).
  EXPECT_EQ(t.waves_undershoot, 6U);
  EXPECT_EQ(adl::ref::round_half_away(t.overshoot_abs_usd / 1000000, 2), q("53.78"));
  // Horizon sweep of the reference (§7): 500 ms 66,753,276 / 51,673,607; 5000 ms 64,353,145 / 49,273,475.
  ASSERT_EQ(t.horizons.size(), 5U);
  EXPECT_EQ(adl::ref::round_half_away(t.horizons[1].prod_usd, 0), q("66753276"));
  EXPECT_EQ(adl::ref::round_half_away(t.horizons[4].prod_usd, 0), q("64353145"));
  EXPECT_EQ(adl::ref::round_half_away(t.horizons[4].overshoot_usd, 0), q("49273475"));
}

TEST_F(RealData, LossTable) {
  // @spec EMP-LOSS-TABLE — the paper's loss table, to the cent.
  EXPECT_EQ(cents(policy(replay_, "prod").tracking_usd), q("53782490.53"));
  EXPECT_EQ(cents(policy(replay_, "prod").fairness_usd), q("11077031.68"));
  EXPECT_EQ(cents(policy(replay_, "prod").l1_usd), q("64859522.21"));
  EXPECT_EQ(cents(policy(replay_, "pr").l1_usd), q("2732437.29"));
  EXPECT_EQ(cents(policy(replay_, "contract_pr").l1_usd), q("3404185.00"));
  EXPECT_EQ(cents(policy(replay_, "vector").l1_usd), q("4413367.61"));
  EXPECT_EQ(cents(policy(replay_, "fixed_point_ilp_integer").l1_usd), q("106205.81"));
  // AMB-E-09: contract pro-rata's cumulative undershoot is −3,020,121 (= −T, it never overshoots).
  EXPECT_EQ(adl::ref::round_half_away(policy(replay_, "contract_pr").tracking_usd, 0), q("3020121"));
}

TEST_F(RealData, Bound) {
  // @spec EMP-BOUND — P̂ = 7.0595…, 𝔅 ≈ 129.70 M, ratios 50.0 %, 2.62 %, 3.40 %.
  const auto& b = replay_.bound;
  EXPECT_GE(b.path_length, q("7.0595"));
  EXPECT_LT(b.path_length, q("7.0596"));
  EXPECT_EQ(b.bound_usd, q("129699802.43"));
  EXPECT_EQ(adl::ref::round_half_away(b.bound_usd / 1000000, 2), q("129.70"));
  const auto percent = [&](const char* name, unsigned digits) {
    const auto& p = policy(replay_, name);
    // Both ends of the bracket round to the same figure, so the figure is the true one.
    EXPECT_EQ(adl::ref::round_half_away(p.ratio_to_bound_low * 100, digits),
              adl::ref::round_half_away(p.ratio_to_bound_high * 100, digits))
        << name;
    return adl::ref::round_half_away(p.ratio_to_bound * 100, digits);
  };
  EXPECT_EQ(percent("prod", 1), q("50.0"));
  EXPECT_EQ(percent("contract_pr", 2), q("2.62"));
  EXPECT_EQ(percent("vector", 2), q("3.40"));
  // Production in the bound's own loss: 26,375,496.13 capped; uncapped it equals T(prod).
  EXPECT_EQ(cents(b.prod_loss_capped_usd), q("26375496.13"));
  EXPECT_EQ(cents(b.prod_loss_uncapped_usd), cents(policy(replay_, "prod").tracking_usd));
}

TEST_F(RealData, SeriesAndFindings) {
  // @spec EMP-FINDINGS — the published files pass every identity: no warning. The one
  // info is the documented quirk of policy_per_wave_metrics.csv: 52 PTSR/PMR cells are
  // empty (NaN upstream) in waves 7, 8, 9, 13, 17, 21, 25 and 28 (counted in the file:
  // 8 + 2 + 12 + 2 + 14 + 2 + 2 + 10).
  EXPECT_EQ(warnings(replay_.findings), 0U) << describe(replay_.findings);
  ASSERT_EQ(replay_.findings.size(), 1U) << describe(replay_.findings);
  EXPECT_EQ(replay_.findings[0].check, "policy.undefined_metric");
  EXPECT_EQ(replay_.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(replay_.findings[0].message.rfind("52 empty PTSR/RD-NSE/PMR cells (waves 7, 8, 9, 13, 17, 21, 25, 28)", 0),
            0U)
      << replay_.findings[0].message;
  // @spec EMP-HEADLINES — the series: waves 1…28 with gaps, in time order, ending at O(0).
  ASSERT_EQ(replay_.waves.size(), 16U);
  EXPECT_EQ(replay_.waves.front().wave, 1);
  EXPECT_EQ(replay_.waves.back().wave, 28);
  EXPECT_EQ(replay_.waves.back().cumulative_overshoot_usd, replay_.totals.overshoot_usd);
  for (std::size_t i = 1; i < replay_.waves.size(); ++i) {
    EXPECT_LT(replay_.waves[i - 1].t_start_ms, replay_.waves[i].t_start_ms);
    EXPECT_TRUE(replay_.waves[i].policy_budget_usd.has_value());
  }
  // Wave 13 drives O(0) (AMB-E-07): O_13 = 32,864,910 to the dollar (reference §7).
  const auto w13 = std::find_if(replay_.waves.begin(), replay_.waves.end(),
                                [](const adl::emp::WavePoint& w) { return w.wave == 13; });
  ASSERT_NE(w13, replay_.waves.end());
  EXPECT_EQ(adl::ref::round_half_away(w13->overshoot_usd, 0), q("32864910"));
  // The optional files were all read.
  EXPECT_TRUE(replay_.tables.missing.empty());
  ASSERT_TRUE(replay_.tables.headlines.has_value());
  EXPECT_EQ(adl::ref::round_half_away(replay_.tables.headlines->content.overcollateralization.trimmed_mean, 4),
            q("6.6619"));
}

}  // namespace
