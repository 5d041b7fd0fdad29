// plancalctl draft: a plan's published text (PDF, HTML or text) to a plan file for review
// (docs/drafting.md).
#include <filesystem>
#include <fstream>

#include "calendar/draft/draft_toml.hpp"
#include "calendar/draft/plan_drafter.hpp"
#include "calendar/plan_file/toml_fields.hpp"
#include "calendar/source_text/source_text.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/holidays_option.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

int draft_command(const Argv& argv, Io io) {
  Args args(argv, {{"--year", "--id", "-o", "--holidays"}, {}});
  if (args.positionals().size() != 1) throw UsageError("draft needs exactly one FILE");
  const std::string file = args.positionals().front();
  DraftOptions options;
  options.year = args.integer("--year").value_or(0);
  if (options.year != 0 && (options.year < 1990 || options.year > 2100))
    throw UsageError("--year " + std::to_string(options.year) + " is not a plan year");
  options.plan_id = args.value("--id").value_or("");
  if (!options.plan_id.empty() && !is_valid_id(options.plan_id))
    throw UsageError("--id '" + options.plan_id +
                     "': use lower-case ASCII letters, digits and -, at most " +
                     std::to_string(kMaxIdBytes) + " characters");
  const std::optional<HolidayCalendar> holidays = holidays_option(args, io);
  if (!holidays) return 1;
  options.holidays = &*holidays;

  const SourceText source = read_source_file(file);
  if (!source.error.empty()) {
    io.err << file << ": " << source.error << "\n";
    return 1;
  }
  const PlanDraft draft = draft_plan(source.text, options);
  if (draft.plan.items.empty()) {
    io.err << file << ": no numbered measure and no task-table row found: not a plan's text?\n";
    return 1;
  }
  const std::string toml = write_draft_toml(draft, std::filesystem::path(file).filename().string());
  if (auto out = args.value("-o")) {
    std::ofstream stream(*out, std::ios::binary | std::ios::trunc);
    stream << toml;
    if (!stream.flush()) {
      io.err << *out << ": cannot write the draft\n";
      return 1;
    }
  } else {
    io.out << toml;
  }
  io.err << file << ": drafted plan " << draft.plan.id << ": " << draft.sections << " sections, "
         << draft.plan.items.size() << " items, " << draft.plan.units.size() << " units, "
         << draft.plan.activity_count() << " activities, " << draft.review_count()
         << " REVIEW marks\n";
  return 0;
}

}  // namespace plancal::ctl
