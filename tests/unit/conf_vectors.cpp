// Conformance test vectors (spec/harness.md): the oracle on hand-derived
// cases, the generator's determinism and families, agreement of adl::fx with
// every generated expected outcome, and the file format's reader.
#include <gtest/gtest.h>

#include "adl/conf/vectors.hpp"
#include "adl/fx/policies.hpp"
#include "adl/io/read.hpp"

#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

using adl::conf::Expected;
using adl::conf::Status;
using adl::conf::Vector;
using adl::ref::PolicyKind;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Vector make(PolicyKind policy, std::vector<std::int64_t> w, std::int64_t budget) {
  Vector v;
  v.id = "hand";
  v.policy = policy;
  v.family = "boundary";
  v.case_name = "hand";
  v.w = std::move(w);
  v.budget = budget;
  return v;
}

// What adl::fx (an independent implementation) returns on a vector.
Expected fx_outcome(const Vector& v) {
  try {
    // Through the fx registry: the vector's raw columns, typed by their units.
    adl::fx::Book book;
    book.endowment.assign(v.w.begin(), v.w.end());
    book.score.assign(v.score.begin(), v.score.end());
    book.cap.assign(v.cap.begin(), v.cap.end());
    book.leverage.assign(v.leverage.begin(), v.leverage.end());
    book.risk_weight.assign(v.risk_weight.begin(), v.risk_weight.end());
    book.equity.assign(v.equity.begin(), v.equity.end());
    book.rho.assign(v.rho.begin(), v.rho.end());
    const adl::fx::Allocation a = adl::fx::run_policy(adl::fx::view(book), v.policy, v.budget);
    return Expected{Status::Ok, adl::fx::raw_counts(a.seized)};
  } catch (const adl::fx::Infeasible&) {
    return Expected{Status::Infeasible, {}};
  }
}

// @spec CONF-VECTOR-FORMAT
// @spec POL-QUEUE
TEST(ConfOracle, QueueTieByAscendingIndex) {
  // POL-QUEUE: equal scores are served in ascending index: 5, then 2 of the second, then 0.
  Vector v = make(PolicyKind::Queue, {5, 5, 5}, 7);
  v.score = {1'000'000'000, 1'000'000'000, 1'000'000'000};
  const Expected e = adl::conf::reference_outcome(v);
  EXPECT_EQ(e.status, Status::Ok);
  EXPECT_EQ(e.seized, (std::vector<std::int64_t>{5, 2, 0}));
}

// @spec CONF-VECTOR-FORMAT
// @spec FX-ROUNDING
TEST(ConfOracle, ProRataLargestRemainderTies) {
  // x⋆ = 2/3 each: floors 0, L = 2 units to the two lowest indices (FX-ROUNDING step 3).
  const Expected e = adl::conf::reference_outcome(make(PolicyKind::ProRata, {1, 1, 1}, 2));
  EXPECT_EQ(e.seized, (std::vector<std::int64_t>{1, 1, 0}));
  // x⋆ = 7·(1, 2, 4)/7 = (1, 2, 4): integral, kept as is.
  EXPECT_EQ(adl::conf::reference_outcome(make(PolicyKind::ProRata, {1, 2, 4}, 7)).seized,
            (std::vector<std::int64_t>{1, 2, 4}));
  // x⋆ = 10·(3, 3, 4)/10 with B = 5: (1.5, 1.5, 2): one unit left, tie of remainders 1/2 → account 0.
  EXPECT_EQ(adl::conf::reference_outcome(make(PolicyKind::ProRata, {3, 3, 4}, 5)).seized,
            (std::vector<std::int64_t>{2, 1, 2}));
}

// @spec CONF-VECTOR-FORMAT
// @spec POL-CAPPED-PRO-RATA
TEST(ConfOracle, InfeasibleAndEmpty) {
  EXPECT_EQ(adl::conf::reference_outcome(make(PolicyKind::ProRata, {1, 2}, 4)).status, Status::Infeasible);
  EXPECT_EQ(adl::conf::reference_outcome(make(PolicyKind::ProRata, {0, 0}, 1)).status, Status::Infeasible);
  const Expected zero = adl::conf::reference_outcome(make(PolicyKind::ProRata, {0, 0}, 0));
  EXPECT_EQ(zero.status, Status::Ok);
  EXPECT_EQ(zero.seized, (std::vector<std::int64_t>{0, 0}));
  Vector empty = make(PolicyKind::Queue, {}, 0);
  const Expected e = adl::conf::reference_outcome(empty);
  EXPECT_EQ(e.status, Status::Ok);
  EXPECT_TRUE(e.seized.empty());
  // Capped: C = 1 + 2 = 3 (caps, not w), so B = 4 ≤ U = 20 is still infeasible.
  Vector capped = make(PolicyKind::CappedProRata, {10, 10}, 4);
  capped.cap = {1, 2};
  EXPECT_EQ(adl::conf::reference_outcome(capped).status, Status::Infeasible);
  EXPECT_EQ(adl::conf::capacity(capped), 3);
}

// @spec CONF-VECTOR-FORMAT
TEST(ConfOracle, DomainErrorsNameTheKey) {
  Vector v = make(PolicyKind::CappedProRata, {10, 10}, 4);
  v.cap = {1, 11};
  try {
    adl::conf::check_domain(v);
    FAIL() << "a cap above w was accepted";
  } catch (const adl::ref::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'cap' of account 1"), std::string::npos) << e.what();
  }
  Vector over = make(PolicyKind::ProRata, {kMax, 1}, 0);
  EXPECT_THROW(adl::conf::check_domain(over), adl::ref::InvalidInput);
  Vector extra = make(PolicyKind::ProRata, {1}, 0);
  extra.score = {1};
  EXPECT_THROW(adl::conf::check_domain(extra), adl::ref::InvalidInput);
}

// @spec CONF-VECTOR-GEN
TEST(ConfGenerator, DeterministicAndPrefixStable) {
  for (const PolicyKind p : adl::conf::vector_policies()) {
    const auto a = adl::conf::generate_vectors(p, 40, 7);
    const auto b = adl::conf::generate_vectors(p, 40, 7);
    const auto prefix = adl::conf::generate_vectors(p, 13, 7);
    const auto other = adl::conf::generate_vectors(p, 40, 8);
    ASSERT_EQ(a.size(), 40U);
    std::size_t differ = 0;
    for (std::size_t j = 0; j < a.size(); ++j) {
      EXPECT_EQ(adl::conf::vector_line(a[j]), adl::conf::vector_line(b[j]));
      if (j < prefix.size()) {
        EXPECT_EQ(adl::conf::vector_line(a[j]), adl::conf::vector_line(prefix[j]));
      }
      differ += adl::conf::vector_line(a[j]) != adl::conf::vector_line(other[j]) ? 1U : 0U;
    }
    // Only the empty book (j = 0, 36) is the same for every seed.
    EXPECT_GE(differ, 36U) << adl::ref::policy_name(p);
  }
}

// @spec CONF-VECTOR-GEN
TEST(ConfGenerator, FamiliesAndCasesAsSpecified) {
  for (const PolicyKind p : adl::conf::vector_policies()) {
    const auto vs = adl::conf::generate_vectors(p, 72, 3);
    for (std::size_t j = 0; j < vs.size(); ++j) {
      const Vector& v = vs[j];
      const std::string name = adl::ref::policy_name(p);
      EXPECT_EQ(v.id, name + "-" + std::to_string(j));
      const std::string expected_family = j % 4 == 0 ? "boundary" : (j % 4 == 1 ? "adversarial" : "random");
      EXPECT_EQ(v.family, expected_family) << v.id;
      const std::int64_t k = adl::conf::capacity(v);
      const std::string& c = v.case_name;
      if (c == "empty-book") {
        EXPECT_EQ(v.size(), 0U);
        EXPECT_EQ(v.budget, 0);
        EXPECT_EQ(v.expected.status, Status::Ok);
      } else if (c == "zero-open-interest-infeasible" || c == "budget-capacity-plus-one" ||
                 c == "budget-far-above-capacity") {
        EXPECT_GT(v.budget, k) << v.id;
        EXPECT_EQ(v.expected.status, Status::Infeasible) << v.id;
      } else if (c == "budget-equals-capacity") {
        EXPECT_EQ(v.budget, k) << v.id;
        EXPECT_GE(k, 1) << v.id;
        ASSERT_EQ(v.expected.status, Status::Ok) << v.id;
        // B = K: every account is seized up to its cap (its w for queue and pro-rata).
        for (std::size_t i = 0; i < v.size(); ++i) {
          const bool counts = v.w[i] > 0 && (p != PolicyKind::Rap || v.risk_weight[i] > 0);
          const std::int64_t full = !counts ? 0 : (v.cap.empty() ? v.w[i] : v.cap[i]);
          EXPECT_EQ(v.expected.seized[i], full) << v.id << " account " << i;
        }
      } else if (c == "half-units") {
        // Every x⋆ = 1/2 (or, for the queue and greedy, whole units in index order): the first n/2 get 1.
        ASSERT_EQ(v.expected.status, Status::Ok) << v.id;
        const std::size_t m = v.size() / 2;
        for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v.expected.seized[i], i < m ? 1 : 0) << v.id;
      } else if (c == "near-overflow") {
        const std::int64_t u = std::accumulate(v.w.begin(), v.w.end(), std::int64_t{0});
        EXPECT_GE(u, kMax - (std::int64_t{1} << 20)) << v.id;
      } else if (c == "tie") {
        for (const adl::conf::Column col : adl::conf::policy_columns(p)) {
          const auto& column = v.column(col);
          for (const std::int64_t x : column) EXPECT_EQ(x, column.front()) << v.id;
        }
      }
      if (v.expected.status == Status::Ok) {
        EXPECT_EQ(std::accumulate(v.expected.seized.begin(), v.expected.seized.end(), std::int64_t{0}), v.budget)
            << v.id;
      }
    }
  }
}

// @spec CONF-VECTOR-GEN
// @spec FX-ROUNDING
TEST(ConfGenerator, FixedPointEngineAgreesWithEveryExpectedOutcome) {
  // adl::fx is written independently of the reference (spec/fx.md); it must give
  // every generated expected outcome, which also shows the vectors lie in its domain.
  for (const PolicyKind p : adl::conf::vector_policies()) {
    for (const Vector& v : adl::conf::generate_vectors(p, 120, 11)) {
      Expected got;
      ASSERT_NO_THROW(got = fx_outcome(v)) << v.id << " " << adl::conf::vector_line(v).substr(0, 300);
      EXPECT_TRUE(got == v.expected) << v.id << " " << adl::conf::vector_line(v).substr(0, 300);
    }
  }
}

std::string file_of(const std::vector<Vector>& vs, const std::string& policy) {
  adl::conf::VectorSetHeader h;
  h.seed = "5";
  h.policy = policy;
  h.count = vs.size();
  std::string text = adl::conf::header_line(h) + "\n";
  for (const Vector& v : vs) text += adl::conf::vector_line(v) + "\n";
  return text;
}

// @spec CONF-VECTOR-FORMAT
TEST(ConfVectorFile, RoundTrip) {
  const auto vs = adl::conf::generate_vectors(PolicyKind::GreedyOneStep, 30, 5);
  std::istringstream in(file_of(vs, "greedy-one-step"));
  const auto file = adl::conf::read_vectors(in, "v.jsonl");
  EXPECT_EQ(file.header.format, "adlref.vectors/1");
  EXPECT_EQ(file.header.generator, "adlref-vectors/1");
  EXPECT_EQ(file.header.seed, "5");
  ASSERT_EQ(file.vectors.size(), vs.size());
  for (std::size_t j = 0; j < vs.size(); ++j) {
    EXPECT_EQ(adl::conf::vector_line(file.vectors[j]), adl::conf::vector_line(vs[j]));
  }
}

// Reads `text` and returns the InputError (line, field, message).
adl::io::InputError read_error(const std::string& text) {
  std::istringstream in(text);
  try {
    adl::conf::read_vectors(in, "bad.jsonl");
  } catch (const adl::io::InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return adl::io::InputError("", 0, 0, "", "");
}

const std::string kHeader =
    R"({"format":"adlref.vectors/1","generator":"adlref-vectors/1","seed":"1","policy":"pro-rata","count":1})";

// @spec CONF-VECTOR-FORMAT
TEST(ConfVectorFile, RejectionsNameLineAndKey) {
  const std::string good =
      R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,1,1],"expected":{"status":"ok","seized":[1,1,0]}})";
  {
    std::istringstream in(kHeader + "\n" + good + "\n");
    EXPECT_NO_THROW(adl::conf::read_vectors(in, "good.jsonl"));
  }
  struct Case {
    std::string line;
    std::string field;
    std::string says;
  };
  const std::vector<Case> cases = {
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2.5,"w":[1,1,1],"expected":{"status":"ok","seized":[1,1,0]}})",
       "budget", "not a JSON integer"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,"1",1],"expected":{"status":"ok","seized":[1,1,0]}})",
       "w", "'w'[1]"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","w":[1,1,1],"expected":{"status":"ok","seized":[1,1,0]}})",
       "budget", "missing key"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,1,1],"score":[1,1,1],"expected":{"status":"ok","seized":[1,1,0]}})",
       "score", "unknown key"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,-1,1],"expected":{"status":"ok","seized":[1,1,0]}})",
       "w", ">= 0"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,1,1],"expected":{"status":"ok","seized":[0,1,1]}})",
       "expected", "differs from the reference"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,1,1],"expected":{"status":"ok","seized":[1,1]}})",
       "seized", "2 entries"},
      {R"({"id":"a","policy":"pro-rata","family":"random","case":"random","budget":2,"w":[1,1,99999999999999999999],"expected":{"status":"ok","seized":[1,1,0]}})",
       "w", "JSON integer"},
      {R"({"id":"a","policy":"queue","family":"random","case":"random","budget":2,"w":[1,1,1],"score":[0,0,0],"expected":{"status":"ok","seized":[1,1,0]}})",
       "policy", "differs from the header"},
  };
  for (const Case& c : cases) {
    const auto e = read_error(kHeader + "\n" + c.line + "\n");
    EXPECT_EQ(e.file(), "bad.jsonl");
    EXPECT_EQ(e.line(), 2U) << c.line;
    EXPECT_EQ(e.field(), c.field) << c.line << "\n" << e.what();
    EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    EXPECT_GT(e.column(), 0U);
  }
  // Not JSON at all: the column of the parse error.
  const auto broken = read_error(kHeader + "\n{\"id\": \"a\",,}\n");
  EXPECT_EQ(broken.line(), 2U);
  EXPECT_NE(std::string(broken.what()).find("not valid JSON"), std::string::npos);
  // Header: unsupported format, wrong count.
  const auto version = read_error(
      R"({"format":"adlref.vectors/9","generator":"x","seed":"1","policy":"all","count":0})");
  EXPECT_EQ(version.line(), 1U);
  EXPECT_EQ(version.field(), "format");
  const auto count = read_error(
      kHeader + "\n" + good + "\n" +
      R"({"id":"b","policy":"pro-rata","family":"random","case":"random","budget":0,"w":[],"expected":{"status":"ok","seized":[]}})" +
      "\n");
  EXPECT_EQ(count.field(), "count");
  // Repeated ids and empty lines.
  const auto repeated = read_error(kHeader + "\n" + good + "\n" + good + "\n");
  EXPECT_EQ(repeated.line(), 3U);
  EXPECT_EQ(repeated.field(), "id");
  const auto blank = read_error(kHeader + "\n\n" + good + "\n");
  EXPECT_EQ(blank.line(), 2U);
}

}  // namespace
