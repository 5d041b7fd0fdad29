// The working-day calendar an offline command reads phrases with: the holiday files of
// --holidays DIR, by default the bundled data's holidays/ (PLANCAL_DEFAULT_DATA_DIR).
#pragma once

#include <optional>

#include "calendar/plan_file/holiday_file.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"

namespace plancal::ctl {

// The folder's calendar; nullopt after printing its file:line errors to io.err.
std::optional<calendar::HolidayCalendar> holidays_option(const Args& args, Io io);

}  // namespace plancal::ctl
