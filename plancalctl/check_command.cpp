// plancalctl check: validate data without touching any database — plan files, holiday files
// (any file in a holidays/ folder), or a whole data directory (its plans/ and holidays/).
#include <filesystem>

#include "calendar/plan_file/holiday_file.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

namespace {

void describe(const std::string& source, const Plan& plan, std::ostream& out) {
  out << source << ": ok: plan " << plan.id << " (" << plan.document_number << "), "
      << plan.units.size() << " units, " << plan.items.size() << " items, " << plan.activity_count()
      << " dated activities\n";
}

// Prints the errors; true when there are none.
bool report(const std::string& source, const Diagnostics& errors, std::ostream& err) {
  for (const auto& d : errors) err << d.to_string() << "\n";
  if (!errors.empty()) err << source << ": " << errors.size() << " error(s)\n";
  return errors.empty();
}

bool check_data_dir(const std::filesystem::path& dir, Io io) {
  const DataSetLoad load = load_plans_dir(dir);
  if (!report(dir.string(), load.errors, io.err)) return false;
  for (const Plan& plan : load.plans) describe(dir.string(), plan, io.out);
  for (const int year : load.holidays.years())
    io.out << dir.string() << ": ok: working days of " << year << "\n";
  for (const Plan& plan : load.plans)
    for (const int year : plan.years_without_holidays(load.holidays))
      io.err << dir.string() << ": warning: plan " << plan.id << " has activities in " << year
             << ", for which there is no holiday file: reminders would take Monday to Friday "
                "as working days\n";
  return true;
}

bool check_holiday_file(const std::filesystem::path& file, Io io) {
  const HolidayFileLoad load = load_holiday_file(file);
  if (!report(file.string(), load.errors, io.err)) return false;
  io.out << file.string() << ": ok: working days of " << load.year->year << ", "
         << load.year->days_off.size() << " days off, " << load.year->workdays.size()
         << " adjusted working days\n";
  return true;
}

}  // namespace

int check_command(const Argv& argv, Io io) {
  Args args(argv, {});
  if (args.positionals().empty()) throw UsageError("check needs at least one DATAFILE or DIR");
  int status = 0;
  for (const auto& argument : args.positionals()) {
    const std::filesystem::path path(argument);
    std::error_code ec;
    bool ok = true;
    if (std::filesystem::is_directory(path, ec)) {
      ok = check_data_dir(path, io);
    } else if (path.parent_path().filename() == "holidays") {
      ok = check_holiday_file(path, io);
    } else if (LoadResult result = load_plan_file(path); result.plan) {
      describe(argument, *result.plan, io.out);
    } else {
      ok = report(argument, result.errors, io.err);
    }
    if (!ok) status = 1;
  }
  return status;
}

}  // namespace plancal::ctl
