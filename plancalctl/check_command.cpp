// plancalctl check: validate plan files without touching any database.
#include "calendar/plan_file/plan_loader.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

int check_command(const Argv& argv, Io io) {
  Args args(argv, {});
  if (args.positionals().empty()) throw UsageError("check needs at least one DATAFILE");
  int status = 0;
  for (const auto& file : args.positionals()) {
    LoadResult result = load_plan_file(file);
    if (!result.plan) {
      for (const auto& d : result.errors) io.err << d.to_string() << "\n";
      io.err << file << ": " << result.errors.size() << " error(s)\n";
      status = 1;
      continue;
    }
    const Plan& plan = *result.plan;
    io.out << file << ": ok: plan " << plan.id << " (" << plan.document_number << "), "
           << plan.units.size() << " units, " << plan.items.size() << " items, "
           << plan.activity_count() << " dated activities\n";
  }
  return status;
}

}  // namespace plancal::ctl
