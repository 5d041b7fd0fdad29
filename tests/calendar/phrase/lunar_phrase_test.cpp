// Lunar dates and festivals in schedule phrases (calendar/phrase/lunar_phrase.hpp).
#include <doctest/doctest.h>

#include <string>

#include "calendar/phrase/phrase_extractor.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

Extraction extract(const std::string& text, int year, const HolidayCalendar* holidays = nullptr) {
  return extract_phrases(text, ParseContext{year, holidays});
}

// "kind/precision start..end[ ambiguous][ approximate]" of the only phrase in `text`.
std::string read(const std::string& text, int year = 2024,
                 const HolidayCalendar* holidays = nullptr) {
  const Extraction e = extract(text, year, holidays);
  if (e.phrases.size() != 1)
    return std::to_string(e.phrases.size()) + " phrases, " + std::to_string(e.unread.size()) +
           " unread";
  const Reading& r = e.phrases[0].reading;
  return std::string(to_string(r.kind)) + "/" + std::string(to_string(r.precision)) + " " +
         to_iso(r.start) + ".." + to_iso(r.end) + (r.ambiguous ? " ambiguous" : "") +
         (r.approximate ? " approximate" : "");
}

}  // namespace

TEST_CASE("silent misreading: a lunar date is not the Gregorian date with its numbers") {
  CHECK(read("农历三月十二") == "date/day 2024-04-20..2024-04-20");
  CHECK(read("正月初六至初十") == "span/day 2024-02-15..2024-02-19");
  CHECK(read("农历三月十二至十八日") == "span/day 2024-04-20..2024-04-26");
  CHECK(read("腊月二十三-二十八") == "span/day 2024-02-02..2024-02-07");
  CHECK(read("腊月廿三至正月十六") == "span/day 2024-02-02..2024-02-25");
  CHECK(read("闰二月初一", 2023) == "date/day 2023-03-22..2023-03-22");
  CHECK(read("农历八月") == "date/month 2024-09-03..2024-10-02");
}

TEST_CASE("a lunar date that does not exist is reported, not guessed") {
  const Extraction e = extract("正月三十", 2024);  // 正月 of 2024 has 29 days
  CHECK(e.phrases.empty());
  REQUIRE(e.unread.size() == 1);
  CHECK(e.unread[0].error.find("no such lunar date") != std::string::npos);
}

TEST_CASE("festivals by name in the document year") {
  CHECK(read("春节") == "date/day 2024-02-10..2024-02-10");
  CHECK(read("除夕") == "date/day 2024-02-09..2024-02-09");
  CHECK(read("元宵节") == "date/day 2024-02-24..2024-02-24");
  CHECK(read("清明节", 2023) == "date/day 2023-04-05..2023-04-05");
  CHECK(read("端午节") == "date/day 2024-06-10..2024-06-10");
  CHECK(read("七夕") == "date/day 2024-08-10..2024-08-10");
  CHECK(read("中秋节") == "date/day 2024-09-17..2024-09-17");
  CHECK(read("重阳节") == "date/day 2024-10-11..2024-10-11");
  CHECK(read("腊八") == "date/day 2024-01-18..2024-01-18");
  CHECK(read("小年") == "date/day 2024-02-02..2024-02-02 ambiguous");
  CHECK(read("元旦") == "date/day 2024-01-01..2024-01-01");
  CHECK(read("国庆节") == "date/day 2024-10-01..2024-10-01");
  CHECK(read("“五一”") == "date/day 2024-05-01..2024-05-01");
  CHECK(read("六一儿童节") == "date/day 2024-06-01..2024-06-01");
}

TEST_CASE("<festival>期间: the statutory holiday when a holiday file has it") {
  const HolidayCalendar& holidays = plancal::testing::bundled_holidays();
  CHECK(read("春节期间", 2024, &holidays) == "span/day 2024-02-10..2024-02-17");
  CHECK(read("“十一”期间", 2025, &holidays) == "span/day 2025-10-01..2025-10-08");
  CHECK(read("春节期间", 2024) == "date/day 2024-02-10..2024-02-10 approximate");
  CHECK(read("春节期间", 2022, &holidays) == "date/day 2022-02-01..2022-02-01 approximate");
}

TEST_CASE("a Gregorian date with its lunar equivalent in brackets is one reading") {
  CHECK(read("2月9日（腊月三十）") == "date/day 2024-02-09..2024-02-09");
  CHECK(read("除夕（2月9日）") == "date/day 2024-02-09..2024-02-09");
  CHECK(read("2月9日（腊月二十九）") == "date/day 2024-02-09..2024-02-09 ambiguous");
  CHECK(read("2月4日（星期日）") == "date/day 2024-02-04..2024-02-04");
}

TEST_CASE("quiet: numbers and names that contain festival words") {
  for (const char* text : {"双十一购物节", "十一个项目", "六一班的学生", "五一路", "第十一届"}) {
    CAPTURE(text);
    const Extraction e = extract(text, 2024);
    CHECK(e.phrases.empty());
    CHECK(e.unread.empty());
  }
}

TEST_CASE("每月最后一个工作日 with the holiday files: 调休 and holidays count") {
  const HolidayCalendar& holidays = plancal::testing::bundled_holidays();
  const Extraction e = extract("每月最后一个工作日", 2026, &holidays);
  REQUIRE(e.phrases.size() == 1);
  const Reading& days = e.phrases[0].reading;
  REQUIRE(days.items.size() == 12);
  CHECK(to_iso(days.items[1].start) == "2026-02-28");  // a make-up Saturday (调休上班)
  CHECK(to_iso(days.items[8].start) == "2026-09-30");
  CHECK_FALSE(days.approximate);
}
