#include "runner.hpp"

#include <algorithm>
#include <stdexcept>

namespace adl::proofs::runner {
namespace {

// Validity as prove_valid; when the claim is refuted, the query is repeated with
// `preferred` (values pinned to a readable counterexample, e.g. the reference's) and
// that model is reported when it is also a counterexample.
Validity prove_valid_preferring(z3::context& ctx, const std::vector<z3::expr>& assumptions,
                                const z3::expr& conclusion, const std::vector<z3::expr>& preferred,
                                const Options& options, const std::string& name) {
  Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferred);  // a witness like it too
  if (v.verdict != Verdict::Refuted || preferred.empty()) return v;
  std::vector<z3::expr> constraints = assumptions;
  constraints.push_back(!conclusion);
  for (const z3::expr& p : preferred) constraints.push_back(p);
  if (auto model = find_model(ctx, constraints, options, name + ".preferred")) {
    v.counterexample = *model;
  }
  return v;
}

}  // namespace

unsigned bound(unsigned requested, unsigned fallback, unsigned cap) {
  if (requested == 0) return fallback;
  return cap > 0 ? std::min(requested, cap) : requested;
}

Validity run_validity(ClaimResult& result, z3::context& ctx, const std::vector<z3::expr>& assumptions,
                      const z3::expr& conclusion, const std::vector<z3::expr>& preferences,
                      const Options& options, const std::string& name, const Columns& columns,
                      const Scalars& scalars) {
  Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferences);
  result.verdict = v.verdict;
  result.detail = v.detail;
  if (v.witness) {
    result.witness = instance_of(*v.witness, columns, scalars,
                                 v.witness_preferred ? "assumptions hold (non-degenerate witness)" : "assumptions hold");
  }
  if (v.counterexample) result.counterexample = instance_of(*v.counterexample, columns, scalars, "conclusion fails");
  if (v.verdict == Verdict::Proved && !preferences.empty() && !v.witness_preferred) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = name + ": no model of the assumptions meets the non-degeneracy preferences";
  }
  return v;
}

ClaimResult replay_failed(ClaimResult result, const std::string& detail) {
  result.verdict = Verdict::ReplayFailed;
  result.detail = detail;
  return result;
}

std::vector<Size> sizes(unsigned first, unsigned last) {
  std::vector<Size> out;
  for (unsigned n = first; n <= last; ++n) out.push_back({n, 0, "n = " + std::to_string(n), ".n" + std::to_string(n)});
  return out;
}

ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected,
                        const std::vector<Size>& sizes, const std::string& bound,
                        const std::function<SizedQuery(z3::context&, const Size&)>& query) {
  const bool refutes = expected == Verdict::Refuted;
  ClaimResult result;
  for (const Size& size : sizes) {
    z3::context ctx;
    const SizedQuery q = query(ctx, size);
    const std::string name = id + size.tag;
    Validity v = q.pinned.empty()
                     ? prove_valid(ctx, q.assumptions, q.conclusion, options, name, q.preferences)
                     : prove_valid_preferring(ctx, q.assumptions, q.conclusion, q.pinned, options, name);
    if (v.verdict == Verdict::Refuted && q.readable) {
      std::vector<z3::expr> all = q.assumptions;
      all.push_back(!q.conclusion);
      for (const z3::expr& c : q.readable()) all.push_back(c);
      if (auto model = find_model(ctx, all, options, name + ".replay")) v.counterexample = *model;
    }
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (refutes) result.bound = size.label;
    if (v.witness && q.show_witness) {
      const std::string note = q.witness.note.empty() ? "assumptions hold" : q.witness.note;
      result.witness = instance_of(*v.witness, q.witness.columns, q.witness.scalars, note);
    }
    if (refutes && v.verdict == Verdict::Proved) continue;
    if (refutes && v.verdict != Verdict::Refuted) return result;
    const Table shown = q.counterexample ? *q.counterexample : Table{q.witness.columns, q.witness.scalars};
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, shown.columns, shown.scalars, shown.note);
    if (v.verdict != Verdict::Proved && !refutes) {
      result.bound = size.label;
      return result;
    }
    if (q.replay && !q.replay(refutes ? *v.counterexample : *v.witness, result)) {
      result.verdict = Verdict::ReplayFailed;
      return result;
    }
    if (refutes) return result;
  }
  result.bound = bound;
  return result;
}

ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const std::function<SizedQuery(z3::context&, const Size&)>& query) {
  const unsigned max_n = options.max_n == 0 ? default_n : options.max_n;
  const std::string bound = (expected == Verdict::Refuted ? "n = " : "n ≤ ") + std::to_string(max_n);
  return check_sizes(options, id, expected, sizes(1, max_n), bound, query);
}

ClaimResult PartsResult::fail(Verdict verdict, std::string bound, std::string detail) {
  result.verdict = verdict;
  result.bound = std::move(bound);
  result.detail = std::move(detail);
  return result;
}

ClaimResult PartsResult::proved(std::string bound) {
  result.verdict = Verdict::Proved;
  result.replay = replay;
  result.detail.clear();
  result.bound = std::move(bound);
  return result;
}

ClaimResult guarded(const std::function<ClaimResult()>& body) {
  try {
    return body();
  } catch (const z3::exception&) {
    throw;
  } catch (const std::exception& e) {
    ClaimResult result;
    result.verdict = Verdict::ReplayFailed;
    result.detail = std::string("replay failed: ") + e.what();
    return result;
  }
}

}  // namespace adl::proofs::runner
