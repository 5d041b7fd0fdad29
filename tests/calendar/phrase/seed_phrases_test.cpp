// Every schedule phrase of the seed plan's two task tables (金山区提信心扩需求稳增长促发展
// 行动方案任务表), extracted from the cells exactly as the PDF gives them.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "calendar/phrase/phrase_extractor.hpp"

using namespace plancal::calendar;

namespace {

#include "seed_cells.inc"

constexpr int kPlanYear = 2023;

struct Expected {
  std::string_view phrase;  // Reading::phrase: the phrase without whitespace
  std::string_view shape;   // kind/precision start..end
  std::string_view rrule = "";
  std::string_view flags = "";  // a: approximate, m: ambiguous, o: open end
};

std::string shape(const Reading& r) {
  return std::string(to_string(r.kind)) + "/" + std::string(to_string(r.precision)) + " " +
         to_iso(r.start) + ".." + to_iso(r.end);
}

std::string flags(const Reading& r) {
  return std::string(r.approximate ? "a" : "") + (r.ambiguous ? "m" : "") + (r.open_end ? "o" : "");
}

void check_cell(std::string_view cell, const std::vector<Expected>& expected) {
  const Extraction e = extract_phrases(cell, ParseContext{kPlanYear});
  INFO("cell: ", std::string(cell));
  CHECK(e.unread.empty());
  REQUIRE(e.phrases.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Reading& r = e.phrases[i].reading;
    CHECK(r.phrase == expected[i].phrase);
    CHECK(shape(r) == expected[i].shape);
    CHECK(r.rrule == expected[i].rrule);
    CHECK(flags(r) == expected[i].flags);
    CHECK_FALSE(e.phrases[i].governed_text.empty());
  }
}

const std::vector<std::vector<Expected>> kPolicyExpected = {
    /* 1 */ {{"自2023年1月1日至2023年12月31日", "span/day 2023-01-01..2023-12-31"}},
    /* 2 */ {{"2023年1月1日至2023年12月31日期间内", "span/day 2023-01-01..2023-12-31"}},
    /* 3 */ {{"自2023年1月1日至2024年12月31日", "span/day 2023-01-01..2024-12-31"}},
    /* 4 */ {{"2023年", "date/year 2023-01-01..2023-12-31"}},
    /* 5 */ {{"可延至2023年6月30日", "deadline/day 2023-06-30..2023-06-30"}},
    /* 6 */ {},
    /* 7 */ {{"2023年", "date/year 2023-01-01..2023-12-31"}},
    /* 8 */ {},
    /* 9 */ {{"2023年12月31日前", "deadline/day 2023-12-31..2023-12-31"}},
    /* 10 */ {},
    /* 11 */ {},
    /* 12 */ {},
    /* 13 */ {},
    /* 14 */ {},
    /* 15 */ {{"2023年6月30日前", "deadline/day 2023-06-30..2023-06-30"}},
    /* 16 */ {},
    /* 17 */ {},
    /* 18 */ {{"上年", "date/year 2022-01-01..2022-12-31"}},
    /* 19 */ {{"上一年度", "date/year 2022-01-01..2022-12-31"}},
    /* 20 */ {},
    /* 21 */ {},
    /* 22 */ {},
    /* 23 */ {},
};

const std::vector<std::vector<Expected>> kProjectExpected = {
    /* 1 */
    {{"1月至3月", "span/month 2023-01-01..2023-03-31"},
     {"2月1日至2日", "span/day 2023-02-01..2023-02-02"},
     {"2月4日至3月5日，每周六、周日", "recurring/day 2023-02-04..2023-03-05",
      "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305"},
     {"每周三", "recurring/day 2023-01-01..2023-12-31", "FREQ=WEEKLY;BYDAY=WE;UNTIL=20231231"}},
    /* 2 */
    {{"3月起，每月", "recurring/month 2023-03-01..2023-12-31", "FREQ=MONTHLY;UNTIL=20231231", "o"}},
    /* 3 */
    {{"1月1日", "date/day 2023-01-01..2023-01-01"},
     {"新年", "date/day 2023-01-01..2023-01-01"},
     {"1月至2月", "span/month 2023-01-01..2023-02-28"},
     {"5月", "date/month 2023-05-01..2023-05-31"},
     {"5月前后", "date/month 2023-05-01..2023-05-31", "", "a"},
     {"第二季度", "date/quarter 2023-04-01..2023-06-30"},
     {"9月", "date/month 2023-09-01..2023-09-30"},
     {"9月下旬", "date/xun 2023-09-21..2023-09-30"}},
    /* 4 */ {},
    /* 5 */
    {{"3月、6月、9月", "list/month 2023-03-01..2023-09-30"},
     {"第二季度", "date/quarter 2023-04-01..2023-06-30"},
     {"第三季度", "date/quarter 2023-07-01..2023-09-30"},
     {"3月", "date/month 2023-03-01..2023-03-31"}},
    /* 6 */ {},
    /* 7 */ {},
    /* 8 */
    {{"5月", "date/month 2023-05-01..2023-05-31"},
     {"8月8日", "date/day 2023-08-08..2023-08-08"},
     {"10—11月", "span/month 2023-10-01..2023-11-30"}},
    /* 9 */
    {{"1月起", "open_start/month 2023-01-01..2023-12-31", "", "o"},
     {"全年", "date/year 2023-01-01..2023-12-31"}},
    /* 10 */
    {{"6月", "date/month 2023-06-01..2023-06-30"},
     {"2023年下半年度", "date/half 2023-07-01..2023-12-31"},
     {"预计6月", "date/month 2023-06-01..2023-06-30", "", "a"},
     {"10月", "date/month 2023-10-01..2023-10-31"},
     {"6月", "date/month 2023-06-01..2023-06-30"}},
    /* 11 */ {},
    /* 12 */
    {{"8月", "date/month 2023-08-01..2023-08-31"},
     {"9月、11月", "list/month 2023-09-01..2023-11-30"}},
    /* 13 */ {},
    /* 14 */
    {{"6月", "date/month 2023-06-01..2023-06-30"},
     {"10月", "date/month 2023-10-01..2023-10-31"},
     {"11月", "date/month 2023-11-01..2023-11-30"},
     {"下半年", "date/half 2023-07-01..2023-12-31"},
     {"拟定于一季度", "date/quarter 2023-01-01..2023-03-31", "", "a"}},
    /* 15 */ {{"2023-2025年", "span/year 2023-01-01..2025-12-31"}},
    /* 16 */
    {{"2023年1月", "date/month 2023-01-01..2023-01-31"},
     {"2023年5月", "date/month 2023-05-01..2023-05-31"},
     {"力争2023年三季度前", "deadline/quarter 2023-06-30..2023-06-30", "", "am"}},
    /* 17 */ {},
    /* 18 */ {},
    /* 19 */ {},
    /* 20 */ {},
    /* 21 */ {},
    /* 22 */
    {{"5月", "date/month 2023-05-01..2023-05-31"}, {"6月", "date/month 2023-06-01..2023-06-30"}},
    /* 23 */ {},
    /* 24 */
    {{"2023年第一季度", "date/quarter 2023-01-01..2023-03-31"},
     {"第二季度", "date/quarter 2023-04-01..2023-06-30"},
     {"第三季度", "date/quarter 2023-07-01..2023-09-30"},
     {"第四季度", "date/quarter 2023-10-01..2023-12-31"}},
    /* 25 */
    {{"3月", "date/month 2023-03-01..2023-03-31"},
     {"4月", "date/month 2023-04-01..2023-04-30"},
     {"9月", "date/month 2023-09-01..2023-09-30"}},
    /* 26 */ {},
};

std::string without_whitespace(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '\n') out.push_back(c);
  return out;
}

}  // namespace

TEST_CASE("policy table: every phrase of rows 1-23") {
  static_assert(std::size(kPolicyCells) == 23);
  REQUIRE(kPolicyExpected.size() == 23);
  for (size_t row = 0; row < kPolicyExpected.size(); ++row) {
    CAPTURE(row + 1);
    check_cell(kPolicyCells[row], kPolicyExpected[row]);
  }
}

TEST_CASE("project table: every phrase of rows 1-26") {
  static_assert(std::size(kProjectCells) == 26);
  REQUIRE(kProjectExpected.size() == 26);
  for (size_t row = 0; row < kProjectExpected.size(); ++row) {
    CAPTURE(row + 1);
    check_cell(kProjectCells[row], kProjectExpected[row]);
  }
}

TEST_CASE("cells read the same with the PDF's spaces and line breaks removed") {
  for (size_t row : {0u, 2u, 15u, 23u}) {
    CAPTURE(row + 1);
    check_cell(without_whitespace(kProjectCells[row]), kProjectExpected[row]);
  }
  check_cell(without_whitespace(kPolicyCells[1]), kPolicyExpected[1]);
}

TEST_CASE("the ambiguous deadline of project row 16 offers the quarter's end") {
  const Extraction e = extract_phrases(kProjectCells[15], ParseContext{kPlanYear});
  REQUIRE(e.phrases.size() == 3);
  const FoundPhrase& q3 = e.phrases[2];
  CHECK(q3.phrase == "力争 2023\n\n年三季度前");
  CHECK(q3.governed_text == "按照有关程序向市级部门申报认定");
  REQUIRE(q3.reading.alternatives.size() == 1);
  CHECK(to_iso(q3.reading.alternatives[0].end) == "2023-09-30");
}

TEST_CASE("project row 1: offsets and governed text in the original cell") {
  const Extraction e = extract_phrases(kProjectCells[0], ParseContext{kPlanYear});
  REQUIRE(e.phrases.size() == 4);
  CHECK(e.phrases[0].begin == 0);
  CHECK(e.phrases[0].phrase == "1月至 3月");
  CHECK(e.phrases[0].governed_text ==
        "结合“沪岗行动”、春季促进就业等专项行动，持续组织开展多场线上线下招聘活动");
  CHECK(e.phrases[2].phrase == "2月 4日至 3月 5日，每周六、周日");
  CHECK(e.phrases[3].governed_text == "通过“金山就业”微信公众号推送周周专场招聘等活动");
}
