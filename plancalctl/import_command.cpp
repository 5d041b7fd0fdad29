// plancalctl import: load a plan file and store it, in one transaction. A file with any
// error writes nothing.
#include "calendar/model/time_format.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/store_args.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

int import_command(const Argv& argv, Io io) {
  Args args(argv, {{kDbOption, kDbPasswordFileOption, "--now"}, {}});
  if (args.positionals().size() != 1) throw UsageError("import needs exactly one DATAFILE");
  args.required(kDbOption);
  TimePoint now = SystemClock().now();
  if (auto text = args.value("--now")) {
    auto parsed = parse_iso_instant(*text, kChinaOffsetMinutes);
    if (!parsed) throw UsageError("--now '" + *text + "' is not an ISO-8601 date or time");
    now = *parsed;
  }
  const std::string& file = args.positionals().front();
  LoadResult result = load_plan_file(file);
  if (!result.plan) {
    for (const auto& d : result.errors) io.err << d.to_string() << "\n";
    io.err << file << ": " << result.errors.size() << " error(s); nothing imported\n";
    return 1;
  }
  auto store = open_store_of(args);
  ImportStats stats = store->plans().import_plan(*result.plan, now);
  io.out << result.plan->id << ": " << result.plan->activity_count()
         << " activities: " << stats.added << " added, " << stats.changed << " changed, "
         << stats.removed << " removed, " << stats.unchanged << " unchanged (data version "
         << store->plans().data_version() << ")\n";
  return 0;
}

}  // namespace plancal::ctl
