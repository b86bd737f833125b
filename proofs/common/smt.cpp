#include "smt.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace adl::proofs {
namespace {

void write_smt2(const Options& options, const std::string& file, z3::solver& solver) {
  if (!options.smt2_dir) return;
  std::filesystem::create_directories(*options.smt2_dir);
  std::ofstream out(*options.smt2_dir / file);
  out << solver.to_smt2();
  if (!out) throw std::runtime_error("cannot write " + (*options.smt2_dir / file).string());
}

z3::solver make_solver(z3::context& ctx, const Options& options) {
  z3::solver solver(ctx);
  z3::params params(ctx);
  params.set("timeout", options.timeout_ms);
  solver.set(params);
  return solver;
}

bool timed_out(const std::string& reason) {
  return reason.find("timeout") != std::string::npos || reason.find("canceled") != std::string::npos;
}

}  // namespace

z3::expr real_val(z3::context& ctx, const ref::Rational& value) {
  const std::string text = ref::to_fraction(value);  // "-7/16" or "3": always a valid n/d
  return ctx.real_val(text.c_str());
}

std::optional<ref::Rational> value_of(const z3::model& model, const z3::expr& e) {
  const z3::expr v = model.eval(e, true);
  std::string text;
  if (!v.is_numeral(text)) return std::nullopt;  // algebraic numbers are not numerals here
  if (text.find('?') != std::string::npos || text.find('.') != std::string::npos) return std::nullopt;
  return ref::parse_rational(text);
}

ref::Rational rational_of(const z3::model& model, const z3::expr& e, const std::string& what) {
  const auto value = value_of(model, e);
  if (!value) throw std::runtime_error(what + " is not a rational in the model: " + model.eval(e, true).to_string());
  return *value;
}

std::vector<ref::Rational> rationals_of(const z3::model& model, const std::vector<z3::expr>& exprs,
                                        const std::string& what) {
  std::vector<ref::Rational> out;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    out.push_back(rational_of(model, exprs[i], what + "_" + std::to_string(i + 1)));
  }
  return out;
}

std::vector<z3::expr> numerals(z3::context& ctx, const std::vector<ref::Rational>& values) {
  std::vector<z3::expr> out;
  for (const ref::Rational& v : values) out.push_back(real_val(ctx, v));
  return out;
}

std::vector<z3::expr> pin(z3::context& ctx, const std::vector<z3::expr>& vars,
                          const std::vector<ref::Rational>& values) {
  std::vector<z3::expr> out;
  for (std::size_t i = 0; i < vars.size() && i < values.size(); ++i) out.push_back(vars[i] == real_val(ctx, values[i]));
  return out;
}

std::vector<z3::expr> reals(z3::context& ctx, const std::string& prefix, unsigned n) {
  std::vector<z3::expr> out;
  out.reserve(n);
  for (unsigned i = 1; i <= n; ++i) out.push_back(ctx.real_const((prefix + "_" + std::to_string(i)).c_str()));
  return out;
}

z3::expr sum(z3::context& ctx, const std::vector<z3::expr>& terms) {
  z3::expr total = ctx.real_val(0);
  for (const z3::expr& t : terms) total = total + t;
  return total;
}

z3::expr max2(const z3::expr& a, const z3::expr& b) { return z3::ite(a >= b, a, b); }
z3::expr min2(const z3::expr& a, const z3::expr& b) { return z3::ite(a <= b, a, b); }
z3::expr positive_part(const z3::expr& x) { return max2(x, x.ctx().real_val(0)); }

z3::expr max_of(const std::vector<z3::expr>& terms) {
  if (terms.empty()) throw std::invalid_argument("max_of: empty list");
  z3::expr m = terms.front();
  for (std::size_t i = 1; i < terms.size(); ++i) m = max2(m, terms[i]);
  return m;
}

z3::expr weakly_submajorized(z3::context& ctx, const std::vector<z3::expr>& x, const std::vector<z3::expr>& y) {
  const std::size_t n = x.size();
  if (y.size() != n || n > 8) throw std::invalid_argument("weakly_submajorized: sizes differ or n > 8");
  // Top-k sums by subsets: T_k(y) = max over |S| = k of Σ_S y. x ≺_w y iff for every k and every
  // k-subset S, Σ_S x ≤ T_k(y).
  z3::expr all = ctx.bool_val(true);
  for (std::size_t k = 1; k <= n; ++k) {
    std::vector<z3::expr> y_sums;
    std::vector<z3::expr> x_sums;
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (static_cast<std::size_t>(__builtin_popcount(mask)) != k) continue;
      z3::expr sx = ctx.real_val(0);
      z3::expr sy = ctx.real_val(0);
      for (std::size_t i = 0; i < n; ++i) {
        if (mask & (1u << i)) {
          sx = sx + x[i];
          sy = sy + y[i];
        }
      }
      x_sums.push_back(sx);
      y_sums.push_back(sy);
    }
    const z3::expr top_y = max_of(y_sums);
    for (const z3::expr& sx : x_sums) all = all && (sx <= top_y);
  }
  return all;
}

Validity prove_valid(z3::context& ctx, const std::vector<z3::expr>& assumptions, const z3::expr& conclusion,
                     const Options& options, const std::string& name, const std::vector<z3::expr>& preferences) {
  Validity result;
  {
    z3::solver vacuity = make_solver(ctx, options);
    for (const z3::expr& a : assumptions) vacuity.add(a);
    write_smt2(options, name + ".vacuity.smt2", vacuity);
    switch (vacuity.check()) {
      case z3::unsat:
        result.verdict = Verdict::Vacuous;
        result.detail = "the assumptions of " + name + " are unsatisfiable";
        return result;
      case z3::unknown:
        result.detail = vacuity.reason_unknown();
        result.verdict = timed_out(result.detail) ? Verdict::Timeout : Verdict::Unknown;
        return result;
      case z3::sat: result.witness = vacuity.get_model(); break;
    }
    if (!preferences.empty()) {
      for (const z3::expr& p : preferences) vacuity.add(p);
      write_smt2(options, name + ".witness.smt2", vacuity);
      if (vacuity.check() == z3::sat) {  // unsat or unknown: keep the plain witness
        result.witness = vacuity.get_model();
        result.witness_preferred = true;
      }
    }
  }
  z3::solver negation = make_solver(ctx, options);
  for (const z3::expr& a : assumptions) negation.add(a);
  negation.add(!conclusion);
  write_smt2(options, name + ".negation.smt2", negation);
  switch (negation.check()) {
    case z3::unsat: result.verdict = Verdict::Proved; break;
    case z3::sat:
      result.verdict = Verdict::Refuted;
      result.counterexample = negation.get_model();
      break;
    case z3::unknown:
      result.detail = negation.reason_unknown();
      result.verdict = timed_out(result.detail) ? Verdict::Timeout : Verdict::Unknown;
      break;
  }
  return result;
}

std::optional<z3::model> find_model(z3::context& ctx, const std::vector<z3::expr>& constraints, const Options& options,
                                    const std::string& name, std::string* unknown_reason) {
  z3::solver solver = make_solver(ctx, options);
  for (const z3::expr& c : constraints) solver.add(c);
  write_smt2(options, name + ".smt2", solver);
  const auto status = solver.check();
  if (status == z3::sat) return solver.get_model();
  if (status == z3::unknown && unknown_reason != nullptr) *unknown_reason = solver.reason_unknown();
  return std::nullopt;
}

Validity satisfiable(z3::context& ctx, const std::vector<z3::expr>& constraints, const Options& options,
                     const std::string& name, Verdict sat, Verdict unsat, const std::string& why) {
  Validity result;
  std::string reason;
  if (auto model = find_model(ctx, constraints, options, name, &reason)) {
    result.verdict = sat;
    (sat == Verdict::Refuted ? result.counterexample : result.witness) = *model;
  } else if (reason.empty()) {
    result.verdict = unsat;
    result.detail = why;
  } else {
    result.verdict = timed_out(reason) ? Verdict::Timeout : Verdict::Unknown;
    result.detail = reason;
  }
  return result;
}

Instance instance_of(const z3::model& model, const Columns& columns, const Scalars& scalars, std::string note) {
  Instance out;
  out.note = std::move(note);
  const auto show = [&](const z3::expr& e) {
    const auto v = value_of(model, e);
    return v ? ref::to_fraction(*v) : model.eval(e, true).to_string();
  };
  for (const auto& [label, e] : scalars) out.scalars.emplace_back(label, show(e));
  std::size_t rows = 0;
  for (const auto& [label, vec] : columns) {
    out.columns.push_back(label);
    rows = std::max(rows, vec.size());
  }
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<std::string> row;
    for (const auto& column : columns) row.push_back(i < column.second.size() ? show(column.second[i]) : "");
    out.rows.push_back(std::move(row));
  }
  return out;
}

Instance instance_of_model(const z3::model& model, std::string note) {
  Instance out;
  out.note = std::move(note);
  for (unsigned i = 0; i < model.num_consts(); ++i) {
    const z3::func_decl decl = model.get_const_decl(i);
    const z3::expr value = model.get_const_interp(decl);
    const auto exact = value_of(model, decl());
    out.scalars.emplace_back(decl.name().str(), exact ? ref::to_fraction(*exact) : value.to_string());
  }
  std::sort(out.scalars.begin(), out.scalars.end());
  return out;
}

}  // namespace adl::proofs
