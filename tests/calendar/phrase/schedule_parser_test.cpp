#include "calendar/phrase/schedule_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace plancal::calendar;

namespace {

Reading read(std::string_view phrase, int year = 2023) {
  const PhraseResult result = parse_schedule_phrase(phrase, ParseContext{year});
  INFO("phrase: ", std::string(phrase), " error: ", result.error);
  REQUIRE(result.reading.has_value());
  CHECK(result.error.empty());
  CHECK(result.reading->phrase == phrase);
  return *result.reading;
}

std::string error_of(std::string_view phrase, int year = 2023) {
  const PhraseResult result = parse_schedule_phrase(phrase, ParseContext{year});
  CHECK_FALSE(result.reading.has_value());
  return result.error;
}

// Kind, precision and inclusive bounds in one comparable line.
std::string shape(const Reading& r) {
  return std::string(to_string(r.kind)) + "/" + std::string(to_string(r.precision)) + " " +
         to_iso(r.start) + ".." + to_iso(r.end);
}

}  // namespace

TEST_CASE("single dates at their own precision") {
  CHECK(shape(read("8月8日")) == "date/day 2023-08-08..2023-08-08");
  CHECK(shape(read("1月 1日")) == "date/day 2023-01-01..2023-01-01");
  CHECK(shape(read("5月")) == "date/month 2023-05-01..2023-05-31");
  CHECK(shape(read("三月")) == "date/month 2023-03-01..2023-03-31");
  CHECK(shape(read("2024年3月15日")) == "date/day 2024-03-15..2024-03-15");
  CHECK(shape(read("二〇二三年十月")) == "date/month 2023-10-01..2023-10-31");
  CHECK(shape(read("2023年")) == "date/year 2023-01-01..2023-12-31");
  CHECK(shape(read("全年")) == "date/year 2023-01-01..2023-12-31");
  CHECK(shape(read("年底")) == "date/month 2023-12-01..2023-12-31");
}

TEST_CASE("xun, quarters, halves and seasons") {
  CHECK(shape(read("9月下旬")) == "date/xun 2023-09-21..2023-09-30");
  CHECK(shape(read("11月中旬")) == "date/xun 2023-11-11..2023-11-20");
  CHECK(shape(read("2月上旬")) == "date/xun 2023-02-01..2023-02-10");
  CHECK(shape(read("十二月下旬")) == "date/xun 2023-12-21..2023-12-31");
  CHECK(shape(read("2月下旬", 2024)) == "date/xun 2024-02-21..2024-02-29");
  CHECK(shape(read("第二季度")) == "date/quarter 2023-04-01..2023-06-30");
  CHECK(shape(read("二季度")) == "date/quarter 2023-04-01..2023-06-30");
  CHECK(shape(read("一季度")) == "date/quarter 2023-01-01..2023-03-31");
  CHECK(shape(read("2023年第一季度", 0)) == "date/quarter 2023-01-01..2023-03-31");
  CHECK(shape(read("第四季度")) == "date/quarter 2023-10-01..2023-12-31");
  CHECK(shape(read("上半年")) == "date/half 2023-01-01..2023-06-30");
  CHECK(shape(read("下半年")) == "date/half 2023-07-01..2023-12-31");
  CHECK(shape(read("春季")) == "date/season 2023-03-01..2023-05-31");
  CHECK(shape(read("2023年夏季")) == "date/season 2023-06-01..2023-08-31");
  CHECK(shape(read("秋季")) == "date/season 2023-09-01..2023-11-30");
  CHECK(shape(read("冬季")) == "date/season 2023-12-01..2024-02-29");
  CHECK(shape(read("冬季", 2024)) == "date/season 2024-12-01..2025-02-28");
}

TEST_CASE("a phrase's own year wins over the context") {
  CHECK(shape(read("2022年5月", 2023)) == "date/month 2022-05-01..2022-05-31");
  CHECK(shape(read("5月", 2030)) == "date/month 2030-05-01..2030-05-31");
  CHECK(error_of("5月", 0).find("no year") != std::string::npos);
  CHECK(error_of("每周三", 0).find("no year") != std::string::npos);
}

TEST_CASE("spans take the coarser precision and carry year and month") {
  CHECK(shape(read("1月至3月")) == "span/month 2023-01-01..2023-03-31");
  CHECK(shape(read("1月至 3月")) == "span/month 2023-01-01..2023-03-31");
  CHECK(shape(read("10—11月")) == "span/month 2023-10-01..2023-11-30");
  CHECK(shape(read("7-8月")) == "span/month 2023-07-01..2023-08-31");
  CHECK(shape(read("2023年7～8月", 0)) == "span/month 2023-07-01..2023-08-31");
  CHECK(shape(read("2月 1日至 2日")) == "span/day 2023-02-01..2023-02-02");
  CHECK(shape(read("２月４日至３月５日")) == "span/day 2023-02-04..2023-03-05");
  CHECK(shape(read("5月1日到6月")) == "span/month 2023-05-01..2023-06-30");
  CHECK(shape(read("自2023年1月1日至2024年12月31日")) == "span/day 2023-01-01..2024-12-31");
  CHECK(shape(read("2023年1月1日至2023年12月31日期间内")) == "span/day 2023-01-01..2023-12-31");
  CHECK(shape(read("2023-2025 年")) == "span/year 2023-01-01..2025-12-31");
  CHECK(error_of("12月至2月").find("ends before it starts") != std::string::npos);
}

TEST_CASE("deadlines") {
  CHECK(shape(read("2023年6月30日前")) == "deadline/day 2023-06-30..2023-06-30");
  CHECK(shape(read("4月底前")) == "deadline/day 2023-04-30..2023-04-30");
  CHECK(shape(read("年底前")) == "deadline/day 2023-12-31..2023-12-31");
  CHECK(shape(read("截至2023年12月31日")) == "deadline/day 2023-12-31..2023-12-31");
  CHECK(shape(read("截止6月")) == "deadline/month 2023-06-30..2023-06-30");
  CHECK(shape(read("可延至2023年6月30日")) == "deadline/day 2023-06-30..2023-06-30");
  CHECK(shape(read("延至9月15日")) == "deadline/day 2023-09-15..2023-09-15");
  CHECK(shape(read("年内")) == "deadline/year 2023-12-31..2023-12-31");
  CHECK(shape(read("10月15日以前")) == "deadline/day 2023-10-15..2023-10-15");
  CHECK_FALSE(read("年底前").ambiguous);
}

TEST_CASE("a period followed by 前 is ambiguous: before it starts or by its end") {
  const Reading june = read("6月前");
  CHECK(shape(june) == "deadline/month 2023-05-31..2023-05-31");
  CHECK(june.ambiguous);
  CHECK_FALSE(june.approximate);
  REQUIRE(june.alternatives.size() == 1);
  CHECK(shape(june.alternatives[0]) == "deadline/month 2023-06-30..2023-06-30");

  const Reading q3 = read("力争2023年三季度前");
  CHECK(shape(q3) == "deadline/quarter 2023-06-30..2023-06-30");
  CHECK(q3.ambiguous);
  CHECK(q3.approximate);
  REQUIRE(q3.alternatives.size() == 1);
  CHECK(shape(q3.alternatives[0]) == "deadline/quarter 2023-09-30..2023-09-30");
  CHECK(q3.alternatives[0].phrase == "力争2023年三季度前");
}

TEST_CASE("open starts end with the year, open") {
  const Reading jan = read("1月起");
  CHECK(shape(jan) == "open_start/month 2023-01-01..2023-12-31");
  CHECK(jan.open_end);
  CHECK(shape(read("3月起")) == "open_start/month 2023-03-01..2023-12-31");
  CHECK(shape(read("自2023年2月13日起")) == "open_start/day 2023-02-13..2023-12-31");
}

TEST_CASE("recurrences within their bounds") {
  const Reading weekend = read("2月4日至3月5日，每周六、周日");
  CHECK(shape(weekend) == "recurring/day 2023-02-04..2023-03-05");
  CHECK(weekend.rrule == "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305");
  CHECK_FALSE(weekend.open_end);

  const Reading wed = read("每周三");
  CHECK(shape(wed) == "recurring/day 2023-01-01..2023-12-31");
  CHECK(wed.rrule == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20231231");

  const Reading monthly = read("3月起，每月");
  CHECK(shape(monthly) == "recurring/month 2023-03-01..2023-12-31");
  CHECK(monthly.rrule == "FREQ=MONTHLY;UNTIL=20231231");
  CHECK(monthly.open_end);

  CHECK(read("每月第一个周一").rrule == "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20231231");
  CHECK(read("每月第一个周一").precision == Precision::kDay);
  CHECK(read("每月最后一个周五").rrule == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20231231");
  CHECK(read("每月15日").rrule == "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20231231");
  CHECK(read("每季度").rrule == "FREQ=MONTHLY;INTERVAL=3;UNTIL=20231231");
  CHECK(read("每季度").precision == Precision::kQuarter);
  const Reading quarter_end = read("每季度末");
  CHECK(quarter_end.rrule == "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1;UNTIL=20231231");
  CHECK(quarter_end.precision == Precision::kDay);
  CHECK(shape(read("每月")) == "recurring/month 2023-01-01..2023-12-31");
  CHECK(read("每周一至周五").rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20231231");
  CHECK(read("每星期日").rrule == "FREQ=WEEKLY;BYDAY=SU;UNTIL=20231231");
  const Reading may = read("5月，每周三");
  CHECK(shape(may) == "recurring/day 2023-05-01..2023-05-31");
  CHECK(may.rrule == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20230531");
  CHECK(error_of("每周").find("weekday") != std::string::npos);
  CHECK(error_of("每周一次").find("frequency") != std::string::npos);
}

TEST_CASE("lists") {
  const Reading months = read("3月、6月、9月");
  CHECK(shape(months) == "list/month 2023-03-01..2023-09-30");
  REQUIRE(months.items.size() == 3);
  CHECK(shape(months.items[1]) == "date/month 2023-06-01..2023-06-30");
  CHECK(months.items[1].phrase == "6月");
  CHECK(shape(read("9月、11月")) == "list/month 2023-09-01..2023-11-30");
  const Reading days = read("3月1日、5日");
  CHECK(shape(days) == "list/day 2023-03-01..2023-03-05");
  CHECK(shape(days.items[1]) == "date/day 2023-03-05..2023-03-05");
  CHECK(read("3月1日、6月").precision == Precision::kMonth);
  const Reading unordered = read("6月、4月");
  CHECK(shape(unordered) == "list/month 2023-04-01..2023-06-30");
  CHECK(unordered.items[0].phrase == "6月");
}

TEST_CASE("hedges mark the reading approximate and stay in the phrase") {
  CHECK(read("5月前后").approximate);
  CHECK(shape(read("5月前后")) == "date/month 2023-05-01..2023-05-31");
  CHECK(read("6月左右").approximate);
  CHECK(read("预计 6月").approximate);
  CHECK(shape(read("拟定于一季度")) == "date/quarter 2023-01-01..2023-03-31");
  CHECK(read("拟定于一季度").approximate);
  CHECK(read("适时3月").approximate);
  CHECK_FALSE(read("5月").approximate);
  CHECK_FALSE(parse_schedule_phrase("计划5月", ParseContext{2023}).reading);
}

TEST_CASE("errors name the problem") {
  CHECK(error_of("2月30日") == "no such day: 2023-02-30");
  CHECK(error_of("13月") == "no such month: 13");
  CHECK(error_of("第五季度") == "no such quarter: 5");
  CHECK(error_of("") == "empty phrase");
  CHECK(error_of(" \n\u3000") == "empty phrase");
  CHECK(error_of("hello world").find("not a schedule phrase") != std::string::npos);
  CHECK(error_of("五五购物节").find("not a schedule phrase") != std::string::npos);
  CHECK(error_of("5月举办").find("unexpected text") != std::string::npos);
  CHECK(error_of("三个月").find("not a schedule phrase") != std::string::npos);
  CHECK_FALSE(error_of("\xff\xfe 5月").empty());
}

TEST_CASE("a 10 MB phrase fails quickly") {
  std::string huge;
  huge.reserve(10 << 20);
  while (huge.size() < (10u << 20)) huge += "3月、";
  CHECK(error_of(huge).find("list of more than") != std::string::npos);
  std::string digits(10 << 20, '7');
  CHECK_FALSE(error_of(digits).empty());
}
