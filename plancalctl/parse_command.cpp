// plancalctl parse: how will plancal read these schedule phrases? An operator's check
// before loading a plan. "<festival>期间" uses the statutory holidays of the holiday folder
// (--holidays DIR, default the bundled one).
#include <nlohmann/json.hpp>

#include "calendar/json/reading_json.hpp"
#include "calendar/model/reading_describe.hpp"
#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/plan_file/holiday_file.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/holidays_option.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

namespace {

constexpr int kDefaultYear = 2023;

nlohmann::json found_to_json(const FoundPhrase& found) {
  nlohmann::json j = reading_to_json(found.reading);
  j["phrase"] = found.phrase;
  j["offset"] = {found.begin, found.end};
  j["governs"] = found.governed_text;
  if (!found.metadata_label.empty()) j["metadata"] = found.metadata_label;
  return j;
}

void print_human(const std::string& text, const Extraction& ex, std::ostream& out) {
  out << "「" << text << "」\n";
  if (ex.phrases.empty() && ex.unread.empty()) out << "  no schedule phrase found\n";
  for (const auto& f : ex.phrases) {
    out << "  " << f.phrase << "\n    → " << describe(f.reading) << "\n";
    if (!f.metadata_label.empty())
      out << "    document metadata (" << f.metadata_label << "), not an activity\n";
    else if (!f.governed_text.empty())
      out << "    governs: " << f.governed_text << "\n";
  }
  for (const auto& u : ex.unread)
    out << "  ? " << u.phrase << "\n    not understood: " << u.error << "\n";
}

}  // namespace

int parse_command(const Argv& argv, Io io) {
  Args args(argv, {{"--year", "--holidays"}, {"--json"}});
  if (args.positionals().empty()) throw UsageError("parse needs at least one TEXT");
  const std::optional<HolidayCalendar> holidays = holidays_option(args, io);
  if (!holidays) return 1;
  ParseContext context{args.integer("--year").value_or(kDefaultYear), &*holidays};
  if (context.year < 1900 || context.year > 2200)
    throw UsageError("--year " + std::to_string(context.year) + " is out of range 1900..2200");
  int status = 0;
  for (const auto& text : args.positionals()) {
    Extraction ex = extract_phrases(text, context);
    if (!ex.unread.empty()) status = 1;
    if (args.flag("--json")) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& f : ex.phrases) array.push_back(found_to_json(f));
      io.out << array.dump() << "\n";
      for (const auto& u : ex.unread) io.err << "parse: '" << u.phrase << "': " << u.error << "\n";
    } else {
      print_human(text, ex, io.out);
    }
  }
  return status;
}

}  // namespace plancal::ctl
