// China's working days from the bundled data/holidays/ files, loaded once per test binary
// (the binary must define PLANCAL_SOURCE_DIR). A holiday file with errors fails the test.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>

#include "calendar/plan_file/holiday_file.hpp"

namespace plancal::testing {

inline const calendar::HolidayCalendar& bundled_holidays() {
  static const calendar::HolidayLoad load = calendar::load_holiday_folder(
      std::filesystem::path(PLANCAL_SOURCE_DIR) / "data" / "holidays");
  REQUIRE(load.errors.empty());
  return load.calendar;
}

}  // namespace plancal::testing
