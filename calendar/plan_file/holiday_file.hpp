// Holiday files (data/holidays/*.toml, one per year; format: docs/data-format.md): read
// and validated in full, each problem reported with file:line:column, into the
// working-day calendar of calendar/model/holiday_calendar.hpp.
#pragma once

#include <filesystem>
#include <optional>

#include "calendar/model/diagnostic.hpp"
#include "calendar/model/holiday_calendar.hpp"

namespace plancal::calendar {

struct HolidayLoad {
  HolidayCalendar calendar;  // the years of the files that loaded without error
  Diagnostics errors;        // file:line:column of each problem; empty when all loaded
};

struct HolidayFileLoad {
  std::optional<HolidayYear> year;  // set only when errors is empty
  int year_line = 0;                // where `year = …` is written
  Diagnostics errors;
};

// Reads one holiday file. Problems reported (with file:line:column): invalid TOML, a
// missing or unknown key, a value of the wrong type, a holiday range that ends before it
// starts or does not touch the file's year, a workday that is not a Saturday or Sunday,
// is outside the file's year or lies in a holiday range.
HolidayFileLoad load_holiday_file(const std::filesystem::path& path);

// Loads every *.toml of a holiday folder (a data directory's holidays/, or [reminders]
// holidays in the daemon's config), in file name order. A file with errors is left out
// entirely; a second file for a year already loaded is an error. A missing folder is an
// error; an empty one gives a calendar covering no year.
HolidayLoad load_holiday_folder(const std::filesystem::path& holidays_dir);

}  // namespace plancal::calendar
