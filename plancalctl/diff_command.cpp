// plancalctl diff: what an edit or a new draft changes, in plan terms.
#include "calendar/model/plan_diff.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

int diff_command(const Argv& argv, Io io) {
  Args args(argv, {});
  if (args.positionals().size() != 2) throw UsageError("diff needs OLD.toml and NEW.toml");
  std::optional<Plan> plans[2];
  for (size_t k = 0; k < 2; ++k) {
    LoadResult result = load_plan_file(args.positionals()[k]);
    for (const auto& d : result.errors) io.err << d.to_string() << "\n";
    if (!result.plan) return 1;
    plans[k] = std::move(result.plan);
  }
  const PlanDiff diff = diff_plans(*plans[0], *plans[1]);
  for (const std::string& line : describe(diff)) io.out << line << "\n";
  io.out << diff.summary() << "\n";
  return 0;
}

}  // namespace plancal::ctl
