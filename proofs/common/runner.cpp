#include "runner.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

namespace adl::proofs::runner {
namespace {

// Validity as prove_valid; when the claim is refuted, the query is repeated with
// `preferred` (values pinned to a readable counterexample, e.g. the reference's) and
// that model is reported when it is also a counterexample.
Validity prove_valid_preferring(z3::context& ctx, const std::vector<z3::expr>& assumptions, const z3::expr& conclusion,
                                const std::vector<z3::expr>& preferred, const Options& options,
                                const std::string& name) {
  Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferred);  // a witness like it too
  if (v.verdict != Verdict::Refuted || preferred.empty()) return v;
  std::vector<z3::expr> constraints = assumptions;
  constraints.push_back(!conclusion);
  for (const z3::expr& p : preferred) constraints.push_back(p);
  if (auto model = find_model(ctx, constraints, options, name + ".preferred")) v.counterexample = *model;
  return v;
}

Instance table_of(const z3::model& model, const Table& table, std::string note) {
  if (table.every_constant) return instance_of_model(model, std::move(note));
  return instance_of(model, table.columns, table.scalars, std::move(note));
}

std::string witness_note(const SizedQuery& q, const Validity& v) {
  std::string note = q.witness.note.empty() ? "assumptions hold" : q.witness.note;
  if (q.non_degenerate && v.witness_preferred) note += " (non-degenerate witness)";
  return note;
}

Validity decide(z3::context& ctx, const SizedQuery& q, const Options& options, const std::string& name) {
  if (q.prove) return q.prove(name);
  if (!q.conclusion) throw std::logic_error(name + ": a query needs a conclusion or its own prove");
  Validity v = q.pinned.empty() ? prove_valid(ctx, q.assumptions, *q.conclusion, options, name, q.preferences)
                                : prove_valid_preferring(ctx, q.assumptions, *q.conclusion, q.pinned, options, name);
  if (v.verdict == Verdict::Refuted && q.readable) {
    std::vector<z3::expr> all = q.assumptions;
    all.push_back(!*q.conclusion);
    for (const z3::expr& c : q.readable()) all.push_back(c);
    if (auto model = find_model(ctx, all, options, name + ".replay")) v.counterexample = *model;
  }
  return v;
}

// Runs one sized part on `result`. True when it succeeded: every size proved and
// replayed, or (refuting) a counterexample found and replayed. A refuting part whose
// sizes are all proved returns false with verdict PROVED and leaves the bound to the
// caller; every other failure reports the size's label as the bound. `sentence` keeps
// the last replay sentence.
bool run_part(const Options& options, const std::string& id, const Part& part, ClaimResult& result,
              std::string& sentence) {
  const bool refutes = part.expected == Verdict::Refuted;
  for (const Size& size : part.sizes) {
    std::optional<z3::context> fresh;
    z3::context& ctx = part.context != nullptr ? *part.context : fresh.emplace();
    const SizedQuery q = part.query(ctx, size);
    const std::string name = id + part.tag + size.tag;
    const std::string label = size.label + part.qualifier;
    const Validity v = decide(ctx, q, options, name);
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (refutes) result.bound = label;
    if (v.witness && q.show_witness) result.witness = table_of(*v.witness, q.witness, witness_note(q, v));
    if (refutes && v.verdict == Verdict::Proved) continue;
    if (refutes && v.verdict != Verdict::Refuted) return false;
    const Table shown = q.counterexample ? *q.counterexample
                                         : Table{q.witness.columns, q.witness.scalars, {}, q.witness.every_constant};
    if (v.counterexample) result.counterexample = table_of(*v.counterexample, shown, shown.note);
    if (v.verdict != Verdict::Proved && !refutes) {
      result.bound = label;
      return false;
    }
    if (!refutes && q.non_degenerate && !q.preferences.empty() && !v.witness_preferred) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = name + ": no model of the assumptions meets the non-degeneracy preferences";
      result.bound = label;
      return false;
    }
    if (q.replay) {
      const Replay replay = q.replay(refutes ? *v.counterexample : *v.witness);
      if (replay.counterexample) result.counterexample = replay.counterexample;
      if (!replay.reproduced) {
        result.verdict = Verdict::ReplayFailed;
        result.detail = replay.text;
        result.bound = label;
        return false;
      }
      if (!replay.text.empty()) sentence = replay.text;
    }
    if (refutes) return true;
  }
  return !refutes;
}

}  // namespace

unsigned bound(unsigned requested, unsigned fallback, unsigned cap) {
  if (requested == 0) return fallback;
  return cap > 0 ? std::min(requested, cap) : requested;
}

std::vector<Size> sizes(unsigned first, unsigned last, const std::string& symbol, unsigned step) {
  std::vector<Size> out;
  for (unsigned n = first; n <= last; n += step) {
    out.push_back({n, 0, symbol + " = " + std::to_string(n), "." + symbol + std::to_string(n)});
  }
  return out;
}

std::function<Grid(const Options&)> first_n(unsigned default_n) {
  return [default_n](const Options& options) {
    const unsigned max_n = bound(options.max_n, default_n);
    return Grid{sizes(1, max_n), "n ≤ " + std::to_string(max_n)};
  };
}

Replay reproduced(std::string sentence, std::optional<Instance> counterexample) {
  return {true, std::move(sentence), std::move(counterexample)};
}

Replay mismatch(std::string detail, std::optional<Instance> counterexample) {
  return {false, std::move(detail), std::move(counterexample)};
}

SizedQuery non_degenerate_query(std::vector<z3::expr> assumptions, z3::expr conclusion,
                                std::vector<z3::expr> preferences, Columns columns, Scalars scalars) {
  SizedQuery q{.assumptions = std::move(assumptions),
               .conclusion = std::move(conclusion),
               .preferences = std::move(preferences),
               .non_degenerate = true};
  q.counterexample = Table{columns, scalars, "conclusion fails"};
  q.witness = {std::move(columns), std::move(scalars)};
  return q;
}

ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected, const std::vector<Size>& sizes,
                        const std::string& bound, const Query& query) {
  ClaimResult result;
  std::string sentence;
  const bool ok = run_part(options, id, {sizes, query, expected}, result, sentence);
  result.replay = sentence;
  if (expected == Verdict::Refuted ? !ok && result.verdict == Verdict::Proved : ok) result.bound = bound;
  return result;
}

ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const Query& query) {
  const unsigned max_n = runner::bound(options.max_n, default_n);
  const std::string bound = (expected == Verdict::Refuted ? "n = " : "n ≤ ") + std::to_string(max_n);
  return check_sizes(options, id, expected, sizes(1, max_n), bound, query);
}

ClaimResult check_parts(const Options& options, const std::string& id, const std::vector<Part>& parts, Verdict verdict,
                        const std::string& bound) {
  ClaimResult result;
  std::string joined;
  for (const Part& part : parts) {
    std::string sentence;
    bool ok = true;
    if (part.check) {
      const Replay replay = part.check();
      if (replay.counterexample) result.counterexample = replay.counterexample;
      ok = replay.reproduced;
      if (ok) {
        sentence = replay.text;
      } else {
        result.verdict = Verdict::ReplayFailed;
        result.detail = replay.text;
      }
    } else {
      ok = run_part(options, id, part, result, sentence);
    }
    if (!sentence.empty()) joined += (joined.empty() ? "" : "; ") + sentence;
    result.replay = joined;
    if (!ok) {
      if (part.expected == Verdict::Refuted && result.verdict == Verdict::Proved) result.bound = bound;
      return result;
    }
  }
  result.verdict = verdict;
  result.bound = bound;
  result.detail.clear();
  return result;
}

ClaimResult refuted_twice(const Options& options, const std::string& id, z3::context& ctx, const std::string& bound,
                          const Query& free, const Query& spec) {
  return check_parts(
      options, id,
      {{.sizes = {{0, 0, bound, ""}}, .query = free, .expected = Verdict::Refuted, .context = &ctx},
       {.sizes = {{0, 0, bound, ".spec"}}, .query = spec, .expected = Verdict::Refuted, .context = &ctx}},
      Verdict::Refuted, bound);
}

Claim each_n(std::string id, std::string statement, Verdict expected, unsigned default_n, Query query) {
  std::string name = id;
  return {std::move(id), std::move(statement), expected,
          [name = std::move(name), expected, default_n, query = std::move(query)](const Options& options) {
            return check_each_n(options, name, expected, default_n, query);
          }};
}

Claim sized(std::string id, std::string statement, Verdict expected, std::function<Grid(const Options&)> grid,
            Query query) {
  std::string name = id;
  return {std::move(id), std::move(statement), expected,
          [name = std::move(name), expected, grid = std::move(grid), query = std::move(query)](const Options& options) {
            const Grid g = grid(options);
            return check_sizes(options, name, expected, g.sizes, g.bound, query);
          }};
}

Claim single(std::string id, std::string statement, Verdict expected, std::string bound, Query query) {
  return sized(
      std::move(id), std::move(statement), expected,
      [bound = std::move(bound)](const Options&) {
        return Grid{{{0, 0, bound, ""}}, bound};
      },
      std::move(query));
}

ClaimResult run_claim(const Claim& claim, const Options& options) {
  ClaimResult result;
  try {
    result = claim.check(options);
  } catch (const z3::exception& e) {
    result.verdict = Verdict::Unknown;
    result.detail = std::string("z3 error: ") + e.msg();
  } catch (const std::exception& e) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = std::string("error while checking or replaying: ") + e.what();
  }
  return result;
}

}  // namespace adl::proofs::runner
