#include "plancalctl/holidays_option.hpp"

#include <string>

namespace plancal::ctl {

std::optional<calendar::HolidayCalendar> holidays_option(const Args& args, Io io) {
  calendar::HolidayLoad load = calendar::load_holiday_folder(
      args.value("--holidays").value_or(std::string(PLANCAL_DEFAULT_DATA_DIR) + "/holidays"));
  for (const auto& d : load.errors) io.err << d.to_string() << "\n";
  if (!load.errors.empty()) return std::nullopt;
  return std::move(load.calendar);
}

}  // namespace plancal::ctl
