#include "calendar/plan_file/holiday_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace plancal::calendar;
namespace fs = std::filesystem;

namespace {

const fs::path kDataDir = fs::path(PLANCAL_SOURCE_DIR) / "data";

const HolidayCalendar& bundled() {
  static const HolidayLoad load = load_holiday_folder(kDataDir / "holidays");
  REQUIRE(load.errors.empty());
  return load.calendar;
}

bool working(int y, unsigned m, unsigned d) { return bundled().is_working_day(make_date(y, m, d)); }

std::string add(int y, unsigned m, unsigned d, int n) {
  return to_iso(bundled().add_working_days(make_date(y, m, d), n));
}

// A data directory with holidays/ files, removed at the end of the test.
class HolidayDir {
 public:
  HolidayDir() : root_(fs::temp_directory_path() / ("plancal-holiday-test-" + random_suffix())) {
    fs::create_directories(root_ / "holidays");
  }
  ~HolidayDir() { fs::remove_all(root_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / "holidays" / name) << text;
  }
  const fs::path& root() const { return root_; }

 private:
  static std::string random_suffix() { return std::to_string(std::random_device{}()); }
  fs::path root_;
};

bool has_error(const Diagnostics& errors, const std::string& where, const std::string& words) {
  for (const auto& e : errors) {
    const std::string text = e.to_string();
    if (text.find(where) != std::string::npos && text.find(words) != std::string::npos) return true;
  }
  return false;
}

std::string all(const Diagnostics& errors) {
  std::string text;
  for (const auto& e : errors) text += e.to_string() + "\n";
  return text;
}

}  // namespace

TEST_CASE("the bundled files cover 2023 to 2026") {
  for (int year = 2023; year <= 2026; ++year) CHECK(bundled().covers(year));
  CHECK_FALSE(bundled().covers(2022));
  CHECK_FALSE(bundled().covers(2027));
}

TEST_CASE("2026 working days: the Spring Festival week and the notice's make-up Saturdays") {
  CHECK(working(2026, 2, 14));        // Saturday, worked (调休)
  CHECK_FALSE(working(2026, 2, 16));  // Monday of the Spring Festival holiday
  CHECK_FALSE(working(2026, 2, 23));  // its last day, a Monday
  CHECK(working(2026, 2, 28));        // Saturday, worked
  CHECK(working(2026, 1, 4));         // Sunday after 元旦, worked
  CHECK_FALSE(working(2026, 10, 7));  // 国庆节
  CHECK(working(2026, 10, 10));       // Saturday, worked
  // 7 working days before a deadline on 27 February: 11 February, not the 18th (which a
  // Monday-to-Friday calendar gives, in the middle of the holiday).
  CHECK(to_iso(bundled().add_working_days(make_date(2026, 2, 27), -7)) == "2026-02-11");
}

TEST_CASE("named holidays: the statutory days of a festival, per year") {
  const auto spring = bundled().find_holiday("春节", make_date(2024, 2, 10));
  REQUIRE(spring);
  CHECK(to_iso(spring->first) == "2024-02-10");
  CHECK(to_iso(spring->second) == "2024-02-17");
  const auto national = bundled().find_holiday("国庆节", make_date(2025, 10, 1));
  REQUIRE(national);  // "国庆节、中秋节" in the 2025 file
  CHECK(to_iso(national->second) == "2025-10-08");
  CHECK_FALSE(bundled().find_holiday("春节", make_date(2027, 2, 6)));
}

TEST_CASE("2023 working days: Spring Festival and its adjusted weekend") {
  CHECK_FALSE(working(2023, 1, 2));  // 元旦, a Monday
  CHECK(working(2023, 1, 3));
  CHECK(working(2023, 1, 20));  // Friday before the holiday
  for (unsigned d = 21; d <= 27; ++d) CHECK_FALSE(working(2023, 1, d));
  CHECK(working(2023, 1, 28));  // Saturday, 调休上班
  CHECK(working(2023, 1, 29));  // Sunday, 调休上班
  CHECK(working(2023, 1, 30));
  CHECK_FALSE(working(2023, 2, 4));  // an ordinary Saturday
  CHECK_FALSE(working(2023, 2, 5));
}

TEST_CASE("2023 working days: Qingming, Labour Day, Dragon Boat") {
  CHECK(working(2023, 4, 4));
  CHECK_FALSE(working(2023, 4, 5));  // 清明节, a Wednesday
  CHECK(working(2023, 4, 23));       // Sunday, 调休上班
  for (unsigned d = 29; d <= 30; ++d) CHECK_FALSE(working(2023, 4, d));
  for (unsigned d = 1; d <= 3; ++d) CHECK_FALSE(working(2023, 5, d));
  CHECK(working(2023, 5, 4));
  CHECK(working(2023, 5, 6));  // Saturday, 调休上班
  CHECK_FALSE(working(2023, 5, 7));
  for (unsigned d = 22; d <= 24; ++d) CHECK_FALSE(working(2023, 6, d));
  CHECK(working(2023, 6, 25));  // Sunday, 调休上班
}

TEST_CASE("2023 working days: Mid-Autumn and National Day") {
  CHECK(working(2023, 9, 28));
  CHECK_FALSE(working(2023, 9, 29));
  CHECK_FALSE(working(2023, 9, 30));
  for (unsigned d = 1; d <= 6; ++d) CHECK_FALSE(working(2023, 10, d));
  CHECK(working(2023, 10, 7));  // Saturday, 调休上班
  CHECK(working(2023, 10, 8));  // Sunday, 调休上班
  CHECK(working(2023, 10, 9));
}

TEST_CASE("2023 has 249 working days") {
  // 260 weekdays - 18 weekday holidays + 7 adjusted weekend days.
  CHECK(bundled().working_days_between(make_date(2022, 12, 31), make_date(2023, 12, 31)) == 249);
}

TEST_CASE("previous_working_day") {
  const auto prev = [](int y, unsigned m, unsigned d) {
    return to_iso(bundled().previous_working_day(make_date(y, m, d)));
  };
  CHECK(prev(2023, 10, 2) == "2023-09-28");
  CHECK(prev(2023, 1, 28) == "2023-01-28");  // already a working day
  CHECK(prev(2023, 4, 30) == "2023-04-28");
  CHECK(prev(2023, 1, 22) == "2023-01-20");
}

TEST_CASE("add_working_days across holidays, both ways") {
  // 01-20 (1), 01-21..27 off, 01-28 Sat (2), 01-29 Sun (3), 01-30 (4), 01-31 (5).
  CHECK(add(2023, 1, 19, 5) == "2023-01-31");
  CHECK(add(2023, 1, 31, -5) == "2023-01-19");
  CHECK(add(2023, 1, 20, 1) == "2023-01-28");
  CHECK(add(2023, 9, 28, 1) == "2023-10-07");
  CHECK(add(2023, 10, 7, -1) == "2023-09-28");
  CHECK(add(2023, 10, 9, -1) == "2023-10-08");
  CHECK(add(2023, 4, 28, 1) == "2023-05-04");
  CHECK(add(2023, 6, 30, -7) == "2023-06-20");
  CHECK(add(2023, 6, 30, -30) == "2023-05-18");
  CHECK(add(2023, 10, 2, 0) == "2023-10-02");  // n = 0 leaves the date alone
  CHECK(bundled().working_days_between(make_date(2023, 1, 19), make_date(2023, 1, 31)) == 5);
  CHECK(bundled().working_days_between(make_date(2023, 1, 31), make_date(2023, 1, 19)) == -5);
}

TEST_CASE("a year without a holiday file: Monday to Friday") {
  HolidayCalendar empty;
  CHECK_FALSE(empty.covers(2023));
  CHECK(empty.is_working_day(make_date(2023, 1, 23)));  // Spring Festival, unknown here
  CHECK_FALSE(empty.is_working_day(make_date(2023, 1, 28)));
  CHECK(bundled().is_working_day(make_date(2027, 1, 1)));  // no 2027 file: a Friday
  CHECK_FALSE(bundled().is_working_day(make_date(2027, 1, 9)));
  CHECK(to_iso(bundled().add_working_days(make_date(2026, 12, 31), 1)) == "2027-01-01");
}

TEST_CASE("a year is added once") {
  HolidayCalendar calendar;
  CHECK(calendar.add_year({2030, {make_date(2030, 1, 1)}, {}, {}}));
  CHECK_FALSE(calendar.add_year({2030, {}, {}, {}}));
  CHECK_FALSE(calendar.is_working_day(make_date(2030, 1, 1)));
}

TEST_CASE("bad holiday files are reported with file:line") {
  HolidayDir dir;
  dir.write("cn-2024.toml",
            "year = 2024\n"
            "[[holidays]]\n"
            "name = \"春节\"\n"
            "from = 2024-02-17\n"
            "to = 2024-02-10\n"
            "[[workdays]]\n"
            "date = 2024-02-05\n"
            "[[workdays]]\n"
            "dte = 2024-02-04\n");
  const HolidayLoad load = load_holiday_folder(dir.root() / "holidays");
  INFO(all(load.errors));
  CHECK(has_error(load.errors, "cn-2024.toml:5:", "ends before it starts"));
  CHECK(has_error(load.errors, "cn-2024.toml:7:", "Saturday or Sunday"));
  CHECK(has_error(load.errors, "cn-2024.toml:9:", "unknown key"));
  CHECK(has_error(load.errors, "cn-2024.toml:8:", "missing required key 'date'"));
  CHECK_FALSE(load.calendar.covers(2024));  // a bad file is left out entirely
}

TEST_CASE("more bad holiday files") {
  HolidayDir dir;
  dir.write("a.toml", "year = 2025\n[[holidays]]\nname = \"x\"\nfrom = 2025-13-01\n");
  dir.write("b.toml", "year = \"2025\"\n");
  dir.write("c.toml", "year = 2025\n[[workdays]]\ndate = 2026-01-03\n");
  dir.write("d.toml",
            "year = 2025\n\n[[holidays]]\nname = \"x\"\nfrom = 2025-10-01\nto = 2025-10-08\n"
            "[[workdays]]\ndate = 2025-10-04\n");
  dir.write("e.toml", "# the first file of 2027\nyear = 2027\n");
  dir.write("f.toml", "\nyear = 2027\n");
  dir.write("notes.txt", "not a holiday file");
  const HolidayLoad load = load_holiday_folder(dir.root() / "holidays");
  INFO(all(load.errors));
  CHECK(has_error(load.errors, "a.toml:4:", "invalid TOML"));
  CHECK(has_error(load.errors, "b.toml:1:", "integer"));
  CHECK(has_error(load.errors, "c.toml:3:", "outside the file's year"));
  CHECK(has_error(load.errors, "d.toml:8:", "lies in a holiday range"));
  CHECK(has_error(load.errors, "f.toml:2:", "already loaded"));
  CHECK(load.calendar.covers(2027));
  CHECK(load.errors.size() == 5);
}

TEST_CASE("a missing holidays directory is an error") {
  const HolidayLoad load =
      load_holiday_folder(fs::path(PLANCAL_SOURCE_DIR) / "no-such-dir" / "holidays");
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].message.find("cannot list") != std::string::npos);
}
