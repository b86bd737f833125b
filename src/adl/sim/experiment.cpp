// The Monte Carlo experiments of `adl simulate --experiment` (spec/online.md, SIM-MONTE-CARLO).
#include "adl/sim/experiment.hpp"

#include "adl/sim/engine.hpp"
#include "adl/sim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace adl::sim {
namespace {

std::string exact(const Rational& x) { return ref::to_fraction(x); }

// b_n = F₊⁻¹(1 − 1/n) = x_m·n^(1/α) with x_m = 1 USD (MET-EV-SCALE).
double b_n(std::size_t n, double alpha) { return std::pow(static_cast<double>(n), 1.0 / alpha); }

double first_ptsr(const FastRunResult& run) {
  return run.rounds.empty() || !run.rounds.front().ptsr ? NAN : *run.rounds.front().ptsr;
}

// A running mean over the seeds (NaN when nothing was added).
class Mean {
 public:
  void add(double x) {
    sum_ += x;
    ++count_;
  }
  [[nodiscard]] double value() const { return count_ ? sum_ / static_cast<double>(count_) : NAN; }

 private:
  double sum_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

std::string experiment_name(ExperimentKind kind) {
  return kind == ExperimentKind::PtsrScaling ? "ptsr-scaling" : "poa";
}

std::string experiment_command(const ExperimentParameters& p) {
  std::ostringstream command;
  command << "adl simulate --experiment " << experiment_name(p.kind) << " --sizes " << p.sizes_text << " --seeds "
          << p.seeds << " --seed " << p.first_seed << " --alpha " << exact(p.alpha) << " --theta " << exact(p.theta);
  return command.str();
}

std::size_t experiment_jobs(const ExperimentParameters& p) { return p.sizes.size() * p.seeds; }

ExperimentCell experiment_cell(const ExperimentParameters& p, std::size_t job) {
  const double alpha = p.alpha.convert_to<double>();
  const std::size_t n = p.sizes[job / p.seeds];
  ParetoOptions po;
  po.rounds = 1;
  po.winners = n;
  po.losers = std::max<std::size_t>(1, n / 10);
  po.alpha_win = alpha;
  po.alpha_loss = alpha;
  po.seed = p.first_seed + job % p.seeds;
  const double dynamic_theta = std::min(1.0, b_n(n, alpha) / static_cast<double>(n));
  const std::vector<PolicySpec> policies = {
      parse_policy("static:theta=" + exact(p.theta) + "/pro-rata"),
      parse_policy("static:theta=" + exact(p.theta) + "/queue"),
      parse_policy("static:theta=" + exact(Rational(dynamic_theta)) + "/pro-rata")};
  const std::vector<FastRunResult> runs = run_fast(pareto_fast_scenario(po), policies, RunOptions{});
  return {first_ptsr(runs[0]), first_ptsr(runs[1]), first_ptsr(runs[0]), first_ptsr(runs[2])};
}

ExperimentSummary summarise_experiment(const ExperimentParameters& p, const std::vector<ExperimentCell>& cells) {
  ExperimentSummary s;
  s.parameters = p;
  s.command = experiment_command(p);
  const double alpha = p.alpha.convert_to<double>();
  const double theta = p.theta.convert_to<double>();
  for (std::size_t si = 0; si < p.sizes.size(); ++si) {
    Mean pro_rata, queue, poa;  // over the seeds whose values are finite (B > 0)
    for (std::size_t k = 0; k < p.seeds; ++k) {
      const ExperimentCell& c = cells[si * p.seeds + k];
      if (std::isfinite(c.ptsr_pro_rata)) pro_rata.add(c.ptsr_pro_rata);
      if (std::isfinite(c.ptsr_queue)) queue.add(c.ptsr_queue);
      if (std::isfinite(c.welfare_dynamic) && std::isfinite(c.welfare_static) && c.welfare_static > 0) {
        poa.add(c.welfare_dynamic / c.welfare_static);
      }
    }
    ExperimentRow row;
    row.n = p.sizes[si];
    const double size = static_cast<double>(row.n);
    row.mean_ptsr_pro_rata = pro_rata.value();
    row.mean_ptsr_queue = queue.value();
    row.mean_poa = poa.value();
    row.reference = b_n(row.n, alpha) / (theta * size);
    row.kappa = theta * size / b_n(row.n, alpha);
    row.pro_rata_ratio = row.mean_ptsr_pro_rata / row.reference;
    row.queue_ratio = row.mean_ptsr_queue / row.reference;
    row.poa_ratio = row.mean_poa / row.kappa;
    s.rows.push_back(row);
  }
  return s;
}

}  // namespace adl::sim
