// Written forms of dates that plans of other places use, and the silent misreadings they
// used to produce: each case is a reading that was wrong without an error.
#include <doctest/doctest.h>

#include <string>

#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/phrase/schedule_parser.hpp"

using namespace plancal::calendar;

namespace {

// "kind/precision start..end" of the only phrase found in `text`, or what went wrong.
std::string read(const std::string& text, int year = 2024) {
  const Extraction e = extract_phrases(text, ParseContext{year});
  if (e.phrases.size() != 1)
    return std::to_string(e.phrases.size()) + " phrases, " + std::to_string(e.unread.size()) +
           " unread";
  const Reading& r = e.phrases[0].reading;
  return std::string(to_string(r.kind)) + "/" + std::string(to_string(r.precision)) + " " +
         to_iso(r.start) + ".." + to_iso(r.end);
}

}  // namespace

TEST_CASE("silent misreading: a day range inside one month is not the whole month") {
  CHECK(read("3月2—6日") == "span/day 2024-03-02..2024-03-06");
  CHECK(read("3月2-6日") == "span/day 2024-03-02..2024-03-06");
  CHECK(read("3月2至6日") == "span/day 2024-03-02..2024-03-06");
  CHECK(read("3月2日-6日") == "span/day 2024-03-02..2024-03-06");
  CHECK(read("3月2日~6日") == "span/day 2024-03-02..2024-03-06");
  CHECK(read("2024年4月20日---4月26日") == "span/day 2024-04-20..2024-04-26");
}

TEST_CASE("silent misreading: a list of days is days, never the month") {
  const Extraction e = extract_phrases("5月8、9、15日", ParseContext{2024});
  REQUIRE(e.phrases.size() == 1);
  const Reading& r = e.phrases[0].reading;
  CHECK(r.kind == ReadingKind::kList);
  CHECK(r.precision == Precision::kDay);
  REQUIRE(r.items.size() == 3);
  CHECK(to_iso(r.items[0].start) == "2024-05-08");
  CHECK(to_iso(r.items[1].start) == "2024-05-09");
  CHECK(to_iso(r.items[2].start) == "2024-05-15");
  CHECK(read("3月6、7日") == "list/day 2024-03-06..2024-03-07");
}

TEST_CASE("silent misreading: a range ending at 月底 ends on the month's last day") {
  CHECK(read("9月底-11月底") == "span/day 2024-09-30..2024-11-30");
  CHECK(read("3月至6月底") == "span/month 2024-03-01..2024-06-30");
}

TEST_CASE("numeric dates") {
  CHECK(read("2024-03-05") == "date/day 2024-03-05..2024-03-05");
  CHECK(read("2024/3/5") == "date/day 2024-03-05..2024-03-05");
  CHECK(read("2024.3.5") == "date/day 2024-03-05..2024-03-05");
  CHECK(read("2024-03-05至2024-03-08") == "span/day 2024-03-05..2024-03-08");
  CHECK(read("2023-2025年") == "span/year 2023-01-01..2025-12-31");  // still a span of years
  const Extraction bad = extract_phrases("2024-02-30", ParseContext{2024});
  CHECK(bad.phrases.empty());
  CHECK(bad.unread.size() == 1);
}

TEST_CASE("years named relative to the document year") {
  CHECK(read("今年6月", 2024) == "date/month 2024-06-01..2024-06-30");
  CHECK(read("明年3月底前", 2024) == "deadline/day 2025-03-31..2025-03-31");
  CHECK(read("次年1月", 2024) == "date/month 2025-01-01..2025-01-31");
  CHECK(read("去年", 2024) == "date/year 2023-01-01..2023-12-31");
  CHECK(read("上一年度", 2024) == "date/year 2023-01-01..2023-12-31");
  CHECK(read("2023年下半年度", 2023) == "date/half 2023-07-01..2023-12-31");
}

TEST_CASE("five-year plan periods") {
  CHECK(read("“十四五”期间") == "span/year 2021-01-01..2025-12-31");
  CHECK(read("十三五时期") == "span/year 2016-01-01..2020-12-31");
  CHECK(read("“十五五”期间") == "span/year 2026-01-01..2030-12-31");
  CHECK(read("“十四五”规划") == "0 phrases, 0 unread");  // a name, not a period
}

TEST_CASE("recurrences as written") {
  const auto rule = [](const std::string& text) {
    const Extraction e = extract_phrases(text, ParseContext{2024});
    return e.phrases.size() == 1 ? e.phrases[0].reading.rrule : std::string("none");
  };
  CHECK(rule("每年3月") == "FREQ=MONTHLY;BYMONTH=3;UNTIL=20241231");
  CHECK(rule("每年12月15日前") == "FREQ=MONTHLY;BYMONTH=12;BYMONTHDAY=15;UNTIL=20241231");
  CHECK(rule("每半年") == "FREQ=MONTHLY;INTERVAL=6;UNTIL=20241231");
  CHECK(rule("每季度最后一个月的15日前") ==
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15;UNTIL=20241231");
  CHECK(rule("逢周三") == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20241231");
  CHECK(rule("月月有活动") == "FREQ=MONTHLY;UNTIL=20241231");
  CHECK(rule("每月第一个周一") == "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20241231");
  CHECK(rule("3月起，每周一至周五") == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20241231");
  // A working day of the month reads as the list of those days (working days are no RRULE).
  const Extraction last = extract_phrases("每月最后一个工作日", ParseContext{2026});
  REQUIRE(last.phrases.size() == 1);
  const Reading& days = last.phrases[0].reading;
  CHECK(days.kind == ReadingKind::kList);
  REQUIRE(days.items.size() == 12);
  CHECK(to_iso(days.items[1].start) == "2026-02-27");  // a Friday
  CHECK(to_iso(days.items[0].start) == "2026-01-30");  // 31 Jan 2026 is a Saturday
  CHECK(days.approximate);                             // no holiday files given here
  CHECK(rule("每年举办一次") == "none");               // how often, not when
}

TEST_CASE("times of day written with a day") {
  const auto times = [](const std::string& text) {
    const Extraction e = extract_phrases(text, ParseContext{2024});
    if (e.phrases.size() != 1) return std::string("phrases: ") + std::to_string(e.phrases.size());
    const Reading& r = e.phrases[0].reading;
    return to_iso(r.start) + " " + std::to_string(r.start_minute) + "-" +
           std::to_string(r.end_minute);
  };
  CHECK(times("2024年4月20日上午9:00") == "2024-04-20 540--1");
  CHECK(times("5月19日下午4点至晚8点") == "2024-05-19 960-1200");
  CHECK(times("9月22日上午9:00-12:00") == "2024-09-22 540-720");
  CHECK(times("3月5日14:30-17:00") == "2024-03-05 870-1020");
  CHECK(times("3月5日9点半") == "2024-03-05 570--1");
  CHECK(times("4月19日晚") == "2024-04-19 -1--1");  // a part of the day is no time
  CHECK(times("5月") == "2024-05-01 -1--1");        // only one-day dates carry a time
}

TEST_CASE("parts of months, years and quarters") {
  CHECK(read("3月上中旬") == "date/xun 2024-03-01..2024-03-20");
  CHECK(read("3月中下旬") == "date/xun 2024-03-11..2024-03-31");
  CHECK(read("5月初") == "date/xun 2024-05-01..2024-05-10");
  CHECK(read("年初") == "date/month 2024-01-01..2024-01-31");
  CHECK(read("年中") == "date/month 2024-06-01..2024-07-31");
  CHECK(read("一季度末前") == "deadline/day 2024-03-31..2024-03-31");
  CHECK(read("第二季度末") == "date/month 2024-06-01..2024-06-30");
}
