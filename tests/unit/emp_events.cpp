// Unit tests of the event-table part of `adl replay` (spec/empirical.md):
// EMP-EVENT-TABLE, EMP-WAVES, EMP-CLUSTERS, EMP-QUEUE-DIAG, EMP-PROD-CONFORMANCE,
// EMP-FINDINGS. Real-data tests read ../shared/data/oct10/events and skip when it
// is absent; the synthetic fixtures are in tests/data/emp_events/ (made-up rows).
#include <gtest/gtest.h>

#include "paths.hpp"

#include "adl/emp/event_replay.hpp"
#include "adl/emp/events.hpp"
#include "adl/emp/prod_conformance.hpp"
#include "adl/emp/queue_diag.hpp"
#include "adl/io/read.hpp"

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using adl::emp::EventOptions;
using adl::emp::EventTable;
using adl::emp::Finding;
using adl::emp::Findings;
using adl::emp::QueueOptions;
using adl::emp::Severity;
using adl::emp::TieBreak;
using adl::io::InputError;
using adl::ref::Rational;

Rational q(const char* text) { return adl::ref::parse_rational(text); }
double d(const Rational& x) { return x.convert_to<double>(); }

std::string fixture(const std::string& name) { return adl::test::test_data_dir() + "/emp_events/" + name; }

std::filesystem::path events_dir() {
  return std::filesystem::path(adl::test::shared_dir()) / "data" / "oct10" / "events";
}

// Skips the calling test when the October-10 data is not there.
#define REQUIRE_OCT10_DATA()                                                                     \
  do {                                                                                           \
    if (!std::filesystem::exists(events_dir() / adl::emp::kEventTableFile)) {                    \
      GTEST_SKIP() << "October-10 data absent (" << events_dir().string()                        \
                   << "); set ADL_SHARED_DIR to the folder holding data/oct10 to run this test"; \
    }                                                                                            \
  } while (false)

std::vector<Finding> with_check(const Findings& findings, const std::string& check) {
  std::vector<Finding> out;
  for (const auto& f : findings) {
    if (f.check == check) out.push_back(f);
  }
  return out;
}

std::size_t warnings(const Findings& findings) {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.severity == Severity::kWarning ? 1 : 0;
  return n;
}

const adl::emp::EventReplay& real_replay(TieBreak tie_break) {
  static std::map<TieBreak, adl::emp::EventReplay> cache;
  auto it = cache.find(tie_break);
  if (it == cache.end()) {
    EventOptions options;
    options.queue.tie_break = tie_break;
    it = cache.emplace(tie_break, adl::emp::load_events(events_dir(), options)).first;
  }
  return it->second;
}

// ===========================================================================
// Real data.

// EMP-WAVES: the recomputed wave boundaries and row counts equal the 16 rows of
// the data's own excerpt_expected_waves.csv, in order; deficits are flagged as
// not recomputable.
TEST(emp_events, RealWavesMatchExpectedFile) {
  REQUIRE_OCT10_DATA();
  const auto& replay = real_replay(TieBreak::kPipeline);
  ASSERT_TRUE(replay.expected_waves);
  const auto& expected = *replay.expected_waves;
  ASSERT_EQ(expected.size(), 16u);
  EXPECT_EQ(expected.front().wave, 21);
  EXPECT_EQ(expected.back().wave, 36);
  ASSERT_EQ(replay.waves.size(), expected.size());
  std::size_t rows = 0;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    SCOPED_TRACE("wave " + std::to_string(expected[k].wave));
    EXPECT_EQ(replay.waves[k].t_start_ms, expected[k].t_start_ms);
    EXPECT_EQ(replay.waves[k].t_end_ms, expected[k].t_end_ms);
    EXPECT_EQ(replay.waves[k].rows.size(), expected[k].n_rows);
    if (expected[k].unique_losers) {
      EXPECT_EQ(replay.waves[k].unique_liquidated_users, *expected[k].unique_losers);
    }
    rows += expected[k].n_rows;
  }
  EXPECT_EQ(rows, replay.table.rows.size());  // the waves cover every row once
  ASSERT_TRUE(replay.wave_comparison);
  EXPECT_EQ(replay.wave_comparison->matching, 16u);
  EXPECT_TRUE(replay.wave_comparison->findings.empty());
  EXPECT_FALSE(replay.wave_comparison->deficits_recomputable);
  EXPECT_NE(replay.wave_comparison->deficit_note.find("liquidated_total_equity"), std::string::npos);
}

// EMP-CLUSTERS: MET has 11 per-coin clusters (data README); no MET row is
// flagged negative (the file has none), so every MET deficit is 0; the single
// AI16Z row (line 87) is a loser with total_equity −13751.911704.
TEST(emp_events, RealClusters) {
  REQUIRE_OCT10_DATA();
  const auto& replay = real_replay(TieBreak::kPipeline);
  std::size_t met = 0;
  std::size_t rows = 0;
  for (const auto& c : replay.clusters) {
    rows += c.rows.size();
    if (c.coin == "MET") {
      ++met;
      EXPECT_EQ(c.cluster_id, met);
      EXPECT_EQ(c.deficit, 0);
    }
    if (c.coin == "AI16Z") {
      EXPECT_EQ(c.deficit, q("13751.911704"));
      EXPECT_EQ(c.deficit_rows, 1u);
    }
  }
  EXPECT_EQ(met, 11u);
  EXPECT_EQ(rows, 250u);
  ASSERT_EQ(replay.queue.clusters.size(), 11u);  // MET is the only complete market by default
}

// EMP-QUEUE-DIAG: the two MET clusters of example_queue_clusters.csv match to
// 1e-6 USD under both tie-breaks; the values are those of the file.
TEST(emp_events, RealExampleClustersMatchUnderBothTieBreaks) {
  REQUIRE_OCT10_DATA();
  for (const TieBreak tb : {TieBreak::kPipeline, TieBreak::kFile}) {
    SCOPED_TRACE(adl::emp::tie_break_name(tb));
    const auto& replay = real_replay(tb);
    ASSERT_TRUE(replay.example_comparison);
    const auto& cmp = *replay.example_comparison;
    EXPECT_EQ(cmp.compared, 2u);
    EXPECT_TRUE(cmp.within_tolerance);
    EXPECT_LE(cmp.max_abs_diff, q("1e-6"));
    EXPECT_TRUE(cmp.findings.empty());
    const auto& met = replay.queue.clusters;
    ASSERT_GE(met.size(), 3u);
    EXPECT_NEAR(d(met[1].total_capacity), 25.47, 1e-6);
    EXPECT_NEAR(d(met[1].budget), 2.1225, 1e-6);
    EXPECT_NEAR(d(met[2].total_capacity), 3762.518290486208, 1e-6);
    EXPECT_NEAR(d(met[2].budget), 3551.920948864711, 1e-6);
    for (const auto& c : met) {
      EXPECT_FALSE(c.tie_order_matters) << "MET cluster " << c.cluster_id;
      EXPECT_EQ(c.nonpositive_capacity_rows, 0u) << "MET cluster " << c.cluster_id;
    }
  }
  // Same budgets either way.
  const auto& a = real_replay(TieBreak::kPipeline).queue;
  const auto& b = real_replay(TieBreak::kFile).queue;
  EXPECT_EQ(a.totals.budget, b.totals.budget);
}

// EMP-QUEUE-DIAG: the mean final participation over MET's 82 (user, coin)
// pairs, against an independent Python computation (fractions for the fill,
// double exp for the factors): 0.705462750997929.
TEST(emp_events, RealMeanParticipation) {
  REQUIRE_OCT10_DATA();
  const auto& totals = real_replay(TieBreak::kPipeline).queue.totals;
  EXPECT_EQ(totals.participants, 82u);
  EXPECT_NEAR(d(totals.mean_participation), 0.705462750997929, 1e-12);
  EXPECT_EQ(totals.deficit, 0);
  EXPECT_EQ(totals.overshoot, totals.budget);  // no MET deficit, all budget is overshoot
}

// EMP-EVENT-TABLE: what the identities find on the real excerpt, and why.
// * notional, flag, leverage and pnl% hold on every row (as the data README says);
// * event.equity holds within 10⁻⁹·max(1, |equity|): on 14 rows the absolute
//   difference is 1.4e-9…1e-8 on values of 1e7–1e8 (double rounding, relative
//   ≤ 1e-15), which an absolute 1e-9 would wrongly flag;
// * event.account_columns fires for 26 users: the README says the account-level
//   columns are equal on every row of a user, but total_unrealized_pnl and
//   total_equity vary between the rows of those users (account_value_realtime
//   does not: the first differing column is always total_unrealized_pnl).
TEST(emp_events, RealIdentityFindings) {
  REQUIRE_OCT10_DATA();
  const EventTable& table = real_replay(TieBreak::kPipeline).table;
  EXPECT_TRUE(with_check(table.findings, "event.notional").empty());
  EXPECT_TRUE(with_check(table.findings, "event.negative_flag").empty());
  EXPECT_TRUE(with_check(table.findings, "event.leverage").empty());
  EXPECT_TRUE(with_check(table.findings, "event.pnl_percent").empty());

  EXPECT_TRUE(with_check(table.findings, "event.equity").empty());
  // The rows that an absolute 1e-9 would have flagged are still there, within
  // the relative tolerance: the check is not vacuous on this data.
  std::size_t above_absolute = 0;
  for (const auto& row : table.rows) {
    const Rational diff = row.total_equity - (row.account_value_realtime + row.total_unrealized_pnl);
    const Rational adiff = diff < 0 ? Rational(-diff) : diff;
    if (adiff > q("1e-9")) ++above_absolute;
  }
  EXPECT_EQ(above_absolute, 14u);

  const auto account = with_check(table.findings, "event.account_columns");
  EXPECT_EQ(account.size(), 26u);
  EXPECT_EQ(table.summary.users_with_unequal_account_columns, 26u);
  for (const auto& f : account) EXPECT_EQ(f.field, "total_unrealized_pnl") << f.message;

  EXPECT_EQ(table.findings.size(), 26u);
  EXPECT_EQ(table.summary.findings_warning, 26u);
  EXPECT_EQ(table.summary.findings_info, 0u);
}

// EMP-EVENT-TABLE: the summary, against counts taken with cut/sort/uniq on the
// file and the time span of excerpt_expected_waves.csv (first start, last end).
TEST(emp_events, RealSummary) {
  REQUIRE_OCT10_DATA();
  const auto& s = real_replay(TieBreak::kPipeline).table.summary;
  EXPECT_EQ(s.rows, 250u);
  EXPECT_EQ(s.users, 160u);
  EXPECT_EQ(s.liquidated_users, 106u);
  EXPECT_EQ(s.coins, 17u);
  EXPECT_EQ(s.negative_equity_rows, 10u);
  ASSERT_TRUE(s.first_time_ms && s.last_time_ms);
  EXPECT_EQ(*s.first_time_ms, 1760131330414);
  EXPECT_EQ(*s.last_time_ms, 1760131617421);
}

// EMP-PROD-CONFORMANCE on the real rows: checked + not observable = rows for
// every check; (iv) fails on exactly the two rows with negative closed_pnl
// (lines 12 and 44 of the file, −0.0104 and −7.78752, worst first); (i) and
// (ii) hold everywhere; (iii) is observable on 4 rows only and holds there;
// (v) fails on 164 rows (counted independently), as AMB-E-02 leads one to expect.
TEST(emp_events, RealConformance) {
  REQUIRE_OCT10_DATA();
  const auto& c = real_replay(TieBreak::kPipeline).conformance;
  ASSERT_EQ(c.rows, 250u);
  for (const auto& check : c.checks) {
    EXPECT_EQ(check.checked + check.not_observable, c.rows) << check.id;
    EXPECT_LE(check.failing, check.checked) << check.id;
    EXPECT_LE(check.worst.size(), 5u) << check.id;
  }
  EXPECT_EQ(c.checks[0].failing, 0u);
  EXPECT_EQ(c.checks[1].failing, 0u);
  EXPECT_EQ(c.checks[2].checked, 4u);
  EXPECT_EQ(c.checks[2].failing, 0u);
  EXPECT_EQ(c.checks[3].failing, 2u);
  ASSERT_EQ(c.checks[3].worst.size(), 2u);
  EXPECT_EQ(c.checks[3].worst[0].line, 44u);
  EXPECT_EQ(c.checks[3].worst[0].violation, q("7.78752"));
  EXPECT_EQ(c.checks[3].worst[1].line, 12u);
  EXPECT_EQ(c.checks[4].failing, 164u);
  EXPECT_EQ(c.checks[4].not_observable, 0u);
}

// ===========================================================================
// Synthetic fixtures.

// EMP-EVENT-TABLE, EMP-FINDINGS: each identity fires at its line and field
// (tests/data/emp_events/identities.csv, one broken identity per line); values
// exactly at the tolerance (1e-9·max(1, |expected|) for money, 1e-9·|expected|
// for ratios) do not fire, just above do.
TEST(emp_events, IdentityFindingsAtLineAndField) {
  const EventTable t = adl::emp::load_event_table(fixture("identities.csv"));
  ASSERT_EQ(t.rows.size(), 12u);
  struct Want {
    std::size_t line;
    const char* check;
    const char* field;
  };
  const std::vector<Want> want{
      {3, "event.notional", "adl_notional"},                 // 2.5 != 1*2
      {4, "event.equity", "total_equity"},                   // 16 != 10 + 5
      {5, "event.negative_flag", "is_negative_equity"},      // True with equity 15
      {6, "event.leverage", "leverage_realtime"},            // 0.9 != 4*2/10
      {7, "event.pnl_percent", "pnl_percent"},               // 51 != 100*4/(4*2)
      {9, "event.account_columns", "total_unrealized_pnl"},  // user a: uPnL 5 on line 2, 6 here
      {11, "event.notional", "adl_notional"},                // |2.0000000021 − 2| = 2.1e-9 > 1e-9·max(1, 2)
      {13, "event.leverage", "leverage_realtime"},           // 8.1e-10 > 1e-9 * 0.8
  };
  ASSERT_EQ(t.findings.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(t.findings[i].message);
    EXPECT_EQ(t.findings[i].line, want[i].line);
    EXPECT_EQ(t.findings[i].check, want[i].check);
    EXPECT_EQ(t.findings[i].field, want[i].field);
    EXPECT_EQ(t.findings[i].severity, Severity::kWarning);
    EXPECT_EQ(t.findings[i].file, fixture("identities.csv"));
  }
  // Line 8 (cash −20 ≤ 0, leverage 0), 10 (diff exactly 2e-9 = 1e-9·2) and 12 (relative diff
  // exactly 1e-9) are not findings: covered by the exact list above.
  EXPECT_EQ(t.summary.users, 11u);  // user a twice
  EXPECT_EQ(t.summary.liquidated_users, 1u);
  EXPECT_EQ(t.summary.users_with_unequal_account_columns, 1u);
  EXPECT_EQ(t.summary.findings_by_check.at("event.notional"), 2u);
  EXPECT_EQ(t.rows[1].line, 3u);  // rows keep their lines
}

// EMP-PROD-CONFORMANCE: each check fails on the row built to fail it
// (tests/data/emp_events/conformance.csv; base row: price 2, size 1, position 4,
// entry 1, closed_pnl 1 = 1*1*(2−1)).
TEST(emp_events, ConformanceChecksFailOnTheirRows) {
  const EventTable t = adl::emp::load_event_table(fixture("conformance.csv"));
  ASSERT_EQ(t.rows.size(), 11u);
  const auto c = adl::emp::prod_conformance(t);
  const auto lines = [](const adl::emp::ConformanceCheck& check) {
    std::vector<std::size_t> out;
    for (const auto& w : check.worst) out.push_back(w.line);
    return out;
  };
  // (i) line 3: position 0.
  EXPECT_EQ(c.checks[0].checked, 11u);
  EXPECT_EQ(c.checks[0].failing, 1u);
  EXPECT_EQ(lines(c.checks[0]), (std::vector<std::size_t>{3}));
  // (ii) line 3 (1 > 0, violation 1) and line 4 (1 > 0.5, violation 0.5).
  EXPECT_EQ(c.checks[1].failing, 2u);
  EXPECT_EQ(lines(c.checks[1]), (std::vector<std::size_t>{3, 4}));
  EXPECT_EQ(c.checks[1].worst[1].violation, q("0.5"));
  // (iii) line 5: d long 4, liquidated e is long 4 on AAA (line 6): fails; line 7:
  // user 1 long, liquidated 2 is short (line 8): holds; other rows: not observable.
  EXPECT_EQ(c.checks[2].checked, 2u);
  EXPECT_EQ(c.checks[2].not_observable, 9u);
  EXPECT_EQ(lines(c.checks[2]), (std::vector<std::size_t>{5}));
  // (iv) line 9: closed_pnl −0.5 (and (v) holds there: 1*1*(2−2.5) = −0.5).
  EXPECT_EQ(lines(c.checks[3]), (std::vector<std::size_t>{9}));
  EXPECT_EQ(c.checks[3].worst[0].violation, q("0.5"));
  // (v) line 10: off by 0.01; line 12: off by 1.0011e-6 > 1e-6 + 1e-9*1; line 11
  // (off by exactly 1e-6) holds; line 3 (position 0) is not observable.
  EXPECT_EQ(c.checks[4].checked, 10u);
  EXPECT_EQ(c.checks[4].not_observable, 1u);
  EXPECT_EQ(lines(c.checks[4]), (std::vector<std::size_t>{10, 12}));
  EXPECT_EQ(c.checks[4].worst[0].violation, q("0.01"));
  EXPECT_EQ(c.checks[4].worst[1].violation, q("0.0000010011"));
  // Worst-case list is capped.
  const auto capped = adl::emp::prod_conformance(t, 1);
  EXPECT_EQ(lines(capped.checks[1]), (std::vector<std::size_t>{3}));
  EXPECT_EQ(capped.checks[1].failing, 2u);
  // The only table finding: pnl_percent cannot be checked with position 0 (info).
  ASSERT_EQ(t.findings.size(), 1u);
  EXPECT_EQ(t.findings[0].line, 3u);
  EXPECT_EQ(t.findings[0].severity, Severity::kInfo);
}

// EMP-QUEUE-DIAG, EMP-CLUSTERS, EMP-WAVES: the hand-computed 3-item, 2-cluster
// example (tests/data/emp_events/queue_hand.csv, coin AAA; β = 8).
//
// Cluster 1 (t 1000–3000; a BBB row at 6000 and AAA rows from 10000 on: AAA's gap
// 3000→10000 is 7000 > 5000, so two AAA clusters but a single global wave):
//   A: s=30, pos uPnL 50, account uPnL 100 → cap min(50,100)=50, max(50,30)=50
//   B: s=20, pos uPnL 10, account 50      → cap 10, raised to 20
//   C: s=10, pos uPnL 40, account 25      → cap 25
//   loser row total_equity −15            → deficit 15
//   f = 1: C = 95, Σs = 60, B = 60. Fill by score: A takes 50 (left 10), B takes 10,
//   C nothing. overshoot 45, residual 0. Updates: A x/cap = 1 → f_A = e⁻⁸;
//   B 10/20 → f_B = e⁻⁴; C untouched, f_C = 1.
// Cluster 2 (t 10000–11500):
//   A: s=10, pos uPnL 40, account 100 → cap 40; scaled s' = 10e⁻⁸, cap' = 40e⁻⁸
//   C: s=5, pos uPnL −3 → cap 0 (≤ 0 before the raise), raised to 5; f = 1
//   B: s=8, pos uPnL 8 → cap 8 (not raised); s' = cap' = 8e⁻⁴
//   loser row total_equity −100 → deficit 100
//   C = 5 + 8e⁻⁴ + 40e⁻⁸, Σs' = 5 + 8e⁻⁴ + 10e⁻⁸ < C → B = Σs'.
//   Fill: C (5) takes 5, B (0.146) takes 8e⁻⁴, A takes the remaining 10e⁻⁸.
//   overshoot 0, residual 100 − B. Updates: f_C = e⁻⁸; f_B = e⁻⁴·e⁻⁸ = e⁻¹²;
//   f_A = e⁻⁸·e^(−8·(10e⁻⁸)/(40e⁻⁸)) = e⁻¹⁰. Mean final f = (e⁻¹⁰ + e⁻¹² + e⁻⁸)/3.
TEST(emp_events, QueueHandExampleTwoClusters) {
  const EventTable t = adl::emp::load_event_table(fixture("queue_hand.csv"));
  EXPECT_TRUE(t.findings.empty()) << t.findings.front().message;
  EXPECT_EQ(adl::emp::global_waves(t).size(), 1u);
  const auto clusters = adl::emp::coin_clusters(t);
  ASSERT_EQ(clusters.size(), 3u);  // AAA 1, AAA 2, BBB 1 (coins in name order)
  EXPECT_EQ(clusters[2].coin, "BBB");
  EXPECT_EQ(clusters[2].deficit, 7);

  QueueOptions options;
  options.complete_markets = {"AAA"};
  const auto diag = adl::emp::queue_diagnostic(t, clusters, options);
  ASSERT_EQ(diag.clusters.size(), 2u);
  const auto& c1 = diag.clusters[0];
  EXPECT_EQ(c1.t_start_ms, 1000);
  EXPECT_EQ(c1.t_end_ms, 3000);
  EXPECT_EQ(c1.deficit, 15);
  EXPECT_EQ(c1.total_capacity, 95);
  EXPECT_EQ(c1.budget, 60);
  EXPECT_EQ(c1.overshoot, 45);
  EXPECT_EQ(c1.residual, 0);
  EXPECT_TRUE(c1.exact);
  ASSERT_EQ(c1.items.size(), 3u);
  EXPECT_EQ(c1.items[0].haircut, 50);
  EXPECT_EQ(c1.items[1].haircut, 10);
  EXPECT_EQ(c1.items[2].haircut, 0);
  EXPECT_EQ(c1.items[1].capacity, 20);
  EXPECT_TRUE(c1.items[1].raised_to_score);
  EXPECT_EQ(c1.items[2].capacity, 25);

  const double e4 = std::exp(-4.0);
  const double e8 = std::exp(-8.0);
  const auto& c2 = diag.clusters[1];
  EXPECT_FALSE(c2.exact);
  EXPECT_EQ(c2.deficit, 100);
  EXPECT_EQ(c2.nonpositive_capacity_rows, 1u);
  ASSERT_EQ(c2.items.size(), 3u);  // A, C, B in time order
  EXPECT_EQ(c2.items[1].line, 8u);
  EXPECT_TRUE(c2.items[1].nonpositive_before_raise);
  EXPECT_EQ(c2.items[1].capacity, 5);
  EXPECT_NEAR(d(c2.items[0].participation), e8, 1e-18);
  EXPECT_NEAR(d(c2.items[2].participation), e4, 1e-16);
  EXPECT_EQ(c2.items[1].participation, 1);
  EXPECT_NEAR(d(c2.total_capacity), 5 + 8 * e4 + 40 * e8, 1e-13);
  EXPECT_NEAR(d(c2.budget), 5 + 8 * e4 + 10 * e8, 1e-13);
  EXPECT_EQ(c2.items[1].haircut, 5);
  EXPECT_EQ(c2.items[2].haircut, c2.items[2].scaled_capacity);
  EXPECT_EQ(c2.items[0].haircut, c2.items[0].scaled_score);  // exactly what was left
  EXPECT_EQ(c2.overshoot, 0);
  EXPECT_NEAR(d(c2.residual), 100 - (5 + 8 * e4 + 10 * e8), 1e-13);
  EXPECT_EQ(c2.items[1].rank, 0u);
  EXPECT_EQ(c2.items[2].rank, 1u);
  EXPECT_EQ(c2.items[0].rank, 2u);

  EXPECT_EQ(diag.totals.clusters, 2u);
  EXPECT_EQ(diag.totals.deficit, 115);
  EXPECT_NEAR(d(diag.totals.overshoot), 45, 1e-13);
  EXPECT_EQ(diag.totals.participants, 3u);
  EXPECT_NEAR(d(diag.totals.mean_participation), (std::exp(-10.0) + std::exp(-12.0) + std::exp(-8.0)) / 3, 1e-17);
  // One info finding: the item whose capacity was ≤ 0 before the raise.
  ASSERT_EQ(diag.findings.size(), 1u);
  EXPECT_EQ(diag.findings[0].check, "queue.nonpositive_capacity");
  EXPECT_EQ(diag.findings[0].line, 8u);
}

// EMP-QUEUE-DIAG step 6 with β = 0: no participation update, everything exact.
// Cluster 2 then has f = 1 everywhere: C = 40 + 5 + 8 = 53, B = Σs = 10 + 5 + 8 = 23.
TEST(emp_events, QueueBetaZeroKeepsParticipation) {
  const EventTable t = adl::emp::load_event_table(fixture("queue_hand.csv"));
  QueueOptions options;
  options.complete_markets = {"AAA"};
  options.beta = 0;
  const auto diag = adl::emp::queue_diagnostic(t, adl::emp::coin_clusters(t), options);
  ASSERT_EQ(diag.clusters.size(), 2u);
  EXPECT_TRUE(diag.clusters[1].exact);
  EXPECT_EQ(diag.clusters[1].total_capacity, 53);
  EXPECT_EQ(diag.clusters[1].budget, 23);
  EXPECT_EQ(diag.totals.mean_participation, 1);
  options.beta = -1;
  EXPECT_THROW((void)adl::emp::queue_diagnostic(t, adl::emp::coin_clusters(t), options), std::invalid_argument);
}

// EMP-QUEUE-DIAG step 4, AMB-E-12: two items of equal score 10 and capacity 30
// (queue_tie.csv, lines 2 and 3, same time); Σs = 20 < C = 60, so B = 20 goes to
// whichever comes first: `pipeline` puts the later row (line 3) first, `file` the
// earlier (line 2).
TEST(emp_events, TieBreakChangesWhichItemIsHaircut) {
  const EventTable t = adl::emp::load_event_table(fixture("queue_tie.csv"));
  QueueOptions options;
  options.complete_markets = {"AAA"};
  const auto clusters = adl::emp::coin_clusters(t);

  options.tie_break = TieBreak::kPipeline;
  const auto p = adl::emp::queue_diagnostic(t, clusters, options);
  ASSERT_EQ(p.clusters.size(), 1u);
  ASSERT_EQ(p.clusters[0].items.size(), 2u);
  EXPECT_EQ(p.clusters[0].items[0].haircut, 0);
  EXPECT_EQ(p.clusters[0].items[1].haircut, 20);
  EXPECT_EQ(p.clusters[0].items[1].line, 3u);

  options.tie_break = TieBreak::kFile;
  const auto f = adl::emp::queue_diagnostic(t, clusters, options);
  EXPECT_EQ(f.clusters[0].items[0].haircut, 20);
  EXPECT_EQ(f.clusters[0].items[1].haircut, 0);

  for (const auto* diag : {&p, &f}) {
    EXPECT_EQ(diag->clusters[0].budget, 20);  // the cluster budget does not move
    EXPECT_EQ(diag->clusters[0].tied_haircut_items, 1u);
    EXPECT_TRUE(diag->clusters[0].ties_among_haircut_items());
    EXPECT_TRUE(diag->clusters[0].tie_order_matters);
    ASSERT_EQ(with_check(diag->findings, "queue.tie_order").size(), 1u);
  }
  EXPECT_EQ(adl::emp::parse_tie_break("file"), TieBreak::kFile);
  EXPECT_EQ(adl::emp::parse_tie_break("pipeline"), TieBreak::kPipeline);
  EXPECT_FALSE(adl::emp::parse_tie_break("stable"));
}

// EMP-QUEUE-DIAG: the example comparison against hand values of queue_hand.csv's
// cluster 1 (deficit 15, C 95, B 60, overshoot 45, residual 0): equal rows pass;
// a row off by 0.5 in the budget is a warning naming that field; a coin that is
// not declared complete is an info finding.
TEST(emp_events, ExampleComparisonReportsDifferences) {
  const EventTable t = adl::emp::load_event_table(fixture("queue_hand.csv"));
  QueueOptions options;
  options.complete_markets = {"AAA"};
  const auto diag = adl::emp::queue_diagnostic(t, adl::emp::coin_clusters(t), options);
  const std::string header =
      "coin,cluster_id,t_start_ms,t_end_ms,deficit_usd,total_capacity_usd,budget_queue_usd,"
      "overshoot_queue_usd,residual_queue_usd\n";
  const auto good = adl::emp::parse_example_queue_clusters(header + "AAA,1,1000,3000,15,95,60.0000004,45,0\n", "ex");
  const auto ok = adl::emp::compare_example_clusters(good, diag, "ex");
  EXPECT_EQ(ok.compared, 1u);
  EXPECT_TRUE(ok.within_tolerance);
  EXPECT_EQ(ok.max_abs_diff, q("0.0000004"));
  EXPECT_EQ(ok.rows[0].worst_field, "budget_queue_usd");

  const auto bad = adl::emp::parse_example_queue_clusters(
      header + "AAA,1,1000,3000,15,95,60.5,45,0\nBBB,1,6000,6000,7,0,0,0,7\n", "ex");
  const auto cmp = adl::emp::compare_example_clusters(bad, diag, "ex");
  EXPECT_FALSE(cmp.within_tolerance);
  EXPECT_EQ(cmp.compared, 1u);
  EXPECT_EQ(cmp.max_abs_diff, q("0.5"));
  ASSERT_EQ(cmp.findings.size(), 2u);
  EXPECT_EQ(cmp.findings[0].check, "queue.example_mismatch");
  EXPECT_EQ(cmp.findings[0].line, 2u);
  EXPECT_EQ(cmp.findings[0].field, "budget_queue_usd");
  EXPECT_EQ(cmp.findings[1].check, "queue.example_not_compared");
  EXPECT_EQ(cmp.findings[1].line, 3u);
  EXPECT_EQ(cmp.findings[1].severity, Severity::kInfo);
}

// EMP-WAVES, EMP-FINDINGS: load_events on a made-up events folder whose expected
// wave list is wrong on purpose (mini/): rows give waves 1000 (2 rows, loser d),
// 7000 (1 row), 13000–14000 (2 rows); the file says wave 3 ends at 14500 with 3
// rows (line 4) and lists a fourth wave (line 5). The examples file is absent:
// an info finding. A declared complete market with no rows is a warning.
TEST(emp_events, LoadEventsReportsWaveMismatchesAndMissingFiles) {
  EventOptions options;
  options.queue.complete_markets = {"AAA", "ZZZ"};
  const auto r = adl::emp::load_events(fixture("mini"), options);
  ASSERT_EQ(r.waves.size(), 3u);
  ASSERT_TRUE(r.wave_comparison);
  const auto& w = *r.wave_comparison;
  EXPECT_EQ(w.waves.size(), 4u);
  EXPECT_EQ(w.matching, 2u);
  ASSERT_EQ(w.findings.size(), 3u);
  EXPECT_EQ(w.findings[0].check, "waves.end");
  EXPECT_EQ(w.findings[0].line, 4u);
  EXPECT_EQ(w.findings[0].field, "t_end_ms");
  EXPECT_EQ(w.findings[1].check, "waves.rows");
  EXPECT_EQ(w.findings[1].field, "n_rows");
  EXPECT_EQ(w.findings[2].check, "waves.missing");
  EXPECT_EQ(w.findings[2].line, 5u);
  EXPECT_FALSE(w.waves[3].computed);

  EXPECT_FALSE(r.example_clusters);
  EXPECT_FALSE(r.example_comparison);
  const auto missing = with_check(r.findings, "events.missing_file");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].file.find("example_queue_clusters.csv"), std::string::npos);
  EXPECT_EQ(missing[0].severity, Severity::kInfo);
  ASSERT_EQ(with_check(r.findings, "queue.complete_market_absent").size(), 1u);
  EXPECT_EQ(warnings(r.findings), 4u);  // three wave mismatches + ZZZ
  EXPECT_EQ(r.conformance.rows, 5u);

  // A folder without the event table is an InputError naming the file.
  try {
    (void)adl::emp::load_events(fixture("no_such_folder"), options);
    ADD_FAILURE() << "accepted a missing event table";
  } catch (const InputError& e) {
    EXPECT_NE(e.file().find("adl_detailed_tail_excerpt.csv"), std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// Malformed inputs (EMP-FINDINGS, FMT-ERRORS): InputError with line, column, field.

const char* const kHeader =
    "user,coin,time,adl_price,adl_size,adl_notional,closed_pnl,position_size,entry_price,"
    "account_value_realtime,total_unrealized_pnl,total_equity,is_negative_equity,leverage_realtime,"
    "position_unrealized_pnl,pnl_percent,liquidated_user";
const std::vector<std::string> kGoodRow{"0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                        "AAA",
                                        "1000",
                                        "2",
                                        "1",
                                        "2",
                                        "1",
                                        "4",
                                        "1",
                                        "10",
                                        "5",
                                        "15",
                                        "False",
                                        "0.8",
                                        "4",
                                        "50",
                                        "0xffffffffffffffffffffffffffffffffffffffff"};

// The good row with field `k` replaced; `column` receives that field's 1-based column.
std::string row_with(std::size_t k, const std::string& value, std::size_t& column) {
  std::string line;
  column = 0;
  for (std::size_t i = 0; i < kGoodRow.size(); ++i) {
    if (i > 0) line += ",";
    if (i == k) column = line.size() + 1;
    line += i == k ? value : kGoodRow[i];
  }
  return line;
}

void expect_input_error(const std::function<void()>& read, std::size_t line, std::size_t column,
                        const std::string& field, const std::string& part) {
  try {
    read();
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "t.csv") << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(e.message().find(part), std::string::npos) << e.what();
  }
}

TEST(emp_events, MalformedEventRowsAreInputErrors) {
  struct Case {
    std::size_t field;
    const char* value;
    const char* part;
  };
  const std::vector<Case> cases{
      {0, "0x123", "40 hexadecimal"},
      {1, "", "empty coin"},
      {2, "12.5", "integer time"},
      {2, "-5", "negative"},
      {3, "0", "> 0"},
      {4, "-1", "> 0"},
      {6, "abc", "not a number"},
      {7, "nan", "not a number"},
      {12, "yes", "True or False"},
      {12, "true", "True or False"},
      {14, "", "empty"},
      {16, "0xzz", "hexadecimal"},
  };
  for (const auto& c : cases) {
    std::size_t unused = 0;
    std::size_t column = 0;
    const std::string good = row_with(0, kGoodRow[0], unused);
    const std::string bad = row_with(c.field, c.value, column);
    const std::string text = std::string(kHeader) + "\n" + good + "\n" + bad + "\n";
    SCOPED_TRACE(text);
    expect_input_error([&] { (void)adl::emp::parse_event_table(text, "t.csv"); }, 3, column,
                       std::string(adl::emp::kEventColumns[c.field]), c.part);
  }
  // Too few fields: the first missing field, at the end of the line.
  std::size_t column = 0;
  std::string shortened = row_with(0, kGoodRow[0], column);
  shortened = shortened.substr(0, shortened.rfind(','));
  expect_input_error(
      [&] { (void)adl::emp::parse_event_table(std::string(kHeader) + "\n" + shortened + "\n", "t.csv"); }, 2,
      shortened.size() + 1, "liquidated_user", "expected 17 fields");
}

TEST(emp_events, MalformedEventHeaderIsInputError) {
  // Two columns swapped: the first misplaced one is named, at its column.
  std::string swapped(kHeader);
  swapped.replace(swapped.find("user,coin"), 9, "coin,user");
  expect_input_error([&] { (void)adl::emp::parse_event_table(swapped + "\n", "t.csv"); }, 1, 1, "coin",
                     "expected 'user'");
  // A missing column.
  std::string missing(kHeader);
  missing.erase(missing.find(",pnl_percent"), 12);
  expect_input_error([&] { (void)adl::emp::parse_event_table(missing + "\n", "t.csv"); }, 1, 1, "pnl_percent",
                     "missing required column");
  // An unknown column.
  const std::string unknown = std::string(kHeader) + ",extra";
  expect_input_error([&] { (void)adl::emp::parse_event_table(unknown + "\n", "t.csv"); }, 1, unknown.size() - 4,
                     "extra", "unknown column");
  // An empty file.
  expect_input_error([&] { (void)adl::emp::parse_event_table("", "t.csv"); }, 1, 1, "", "no header");
}

// 1-based column of field `k` of a one-line ASCII record.
std::size_t field_column(const std::string& record, std::size_t k) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < k; ++i) pos = record.find(',', pos) + 1;
  return pos + 1;
}

TEST(emp_events, MalformedSideFilesAreInputErrors) {
  const std::string waves = "wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd\n";
  struct Case {
    std::string record;
    std::size_t field;
    const char* name;
    const char* part;
  };
  const std::vector<Case> wave_cases{
      {"21,1000,2000,-1,,0,0", 3, "n_rows", "negative"},
      {"21,1000,2000,3,x,0,0", 4, "unique_losers", "count"},
      {"21,1000,2000,3,1,1e,0", 5, "deficit_usd", "not a number"},
      {"21,3000,2000,3,1,1,0", 2, "t_end_ms", "before"},
      {"21,1000,20x0,3,1,1,0", 2, "t_end_ms", "integer time"},
  };
  for (const auto& c : wave_cases) {
    SCOPED_TRACE(c.record);
    expect_input_error([&] { (void)adl::emp::parse_expected_waves(waves + c.record + "\n", "t.csv"); }, 2,
                       field_column(c.record, c.field), c.name, c.part);
  }
  const std::string ex =
      "coin,cluster_id,t_start_ms,t_end_ms,deficit_usd,total_capacity_usd,budget_queue_usd,"
      "overshoot_queue_usd,residual_queue_usd\n";
  const std::vector<Case> example_cases{
      {"MET,0,1,2,0,0,0,0,0", 1, "cluster_id", "count from 1"},
      {"MET,2,1,2,0,0,x,0,0", 6, "budget_queue_usd", "not a number"},
      {",2,1,2,0,0,0,0,0", 0, "coin", "empty coin"},
  };
  for (const auto& c : example_cases) {
    SCOPED_TRACE(c.record);
    expect_input_error([&] { (void)adl::emp::parse_example_queue_clusters(ex + c.record + "\n", "t.csv"); }, 2,
                       field_column(c.record, c.field), c.name, c.part);
  }
}

}  // namespace
