#include "calendar/ics/ics_writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "calendar/ics/ics_text.hpp"
#include "calendar/model/uid.hpp"

using namespace plancal::calendar;

namespace {

Reading reading(ReadingKind kind, Precision precision, Date start, Date end, std::string phrase) {
  Reading r;
  r.kind = kind;
  r.precision = precision;
  r.start = start;
  r.end = end;
  r.phrase = std::move(phrase);
  return r;
}

Plan test_plan() {
  Plan plan;
  plan.id = "jinshan-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.document_number = "金发改规〔2023〕1号";
  plan.year = 2023;
  plan.units = {{"rsj", "区人社局", "", {}, {"67961951", "67961792"}, {}, ""},
                {"fgw", "区发改委", "", {}, {}, {}, ""}};
  Item item;
  item.id = "m5";
  item.section = "三、援企稳岗扩岗行动";
  item.number = "5";
  item.text = "支持行业企业稳岗扩岗。";
  item.units = {"rsj"};
  plan.items = {item};
  return plan;
}

StoredActivity stored(const std::string& key, const std::string& title, Reading r,
                      Category category = Category::kEvent) {
  StoredActivity s;
  s.plan_id = "jinshan-2023";
  s.uid = activity_uid(s.plan_id, key);
  s.sequence = 2;
  s.created = TimePoint{std::chrono::seconds{1676250000}};        // 2023-02-13T01:00:00Z
  s.last_modified = TimePoint{std::chrono::seconds{1677600000}};  // 2023-02-28T16:00:00Z
  s.activity.key = key;
  s.activity.title = title;
  s.activity.category = category;
  s.activity.schedule = std::move(r);
  s.activity.source_phrase = s.activity.schedule.phrase;
  s.activity.item_id = "m5";
  s.activity.is_public = true;
  return s;
}

FeedSpec feed_by_id(const Plan& plan, const std::string& id) {
  for (const auto& f : build_feed_catalog(plan))
    if (f.id == id) return f;
  FAIL("no feed " << id);
  return {};
}

// The VEVENT with the UID, unfolded, one content line per element.
std::vector<std::string> event_lines(const std::string& ics, const std::string& uid) {
  const std::string text = unfold(ics);
  const size_t at = text.find("UID:" + uid + "\r\n");
  REQUIRE(at != std::string::npos);
  const size_t end = text.find("END:VEVENT", at);
  std::vector<std::string> lines;
  for (size_t pos = at; pos < end;) {
    const size_t crlf = text.find("\r\n", pos);
    lines.push_back(text.substr(pos, crlf - pos));
    pos = crlf + 2;
  }
  return lines;
}

bool has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string render_all(const std::vector<StoredActivity>& activities, IcsOptions options = {}) {
  const Plan plan = test_plan();
  return render_feed(feed_by_id(plan, "jinshan-2023"), plan, activities, options);
}

}  // namespace

TEST_CASE("calendar properties, CRLF and line length") {
  const std::string ics =
      render_all({stored("m5.1", "金山区缤纷百果节",
                         reading(ReadingKind::kDate, Precision::kQuarter, make_date(2023, 4, 1),
                                 make_date(2023, 6, 30), "第二季度"))});
  CHECK(
      ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//plancal//plancal 0.1//ZH\r\n"
                      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"));
  const std::string text = unfold(ics);
  for (const char* line :
       {"NAME:金山区提信心扩需求稳增长促发展行动方案",
        "X-WR-CALNAME:金山区提信心扩需求稳增长促发展行动方案", "X-WR-TIMEZONE:Asia/Shanghai",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H", "TZID:Asia/Shanghai",
        "DTSTART:19700101T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST"})
    CHECK_MESSAGE(text.find(std::string("\r\n") + line + "\r\n") != std::string::npos, line);
  CHECK(text.find("RDATE:") == std::string::npos);
  CHECK(ics.ends_with("END:VCALENDAR\r\n"));
  for (size_t pos = 0; pos < ics.size();) {
    const size_t crlf = ics.find("\r\n", pos);
    REQUIRE(crlf != std::string::npos);
    CHECK(crlf - pos <= kIcsMaxLineOctets);
    CHECK(ics.substr(pos, crlf - pos).find('\n') == std::string::npos);
    pos = crlf + 2;
  }
}

TEST_CASE("a quarter is a monthly one-day marker, labelled as not on that day") {
  const auto lines = event_lines(
      render_all({stored("m5.1", "金山区缤纷百果节",
                         reading(ReadingKind::kDate, Precision::kQuarter, make_date(2023, 4, 1),
                                 make_date(2023, 6, 30), "第二季度"))}),
      "jinshan-2023.m5.1@plancal");
  CHECK(has(lines, "DTSTART;VALUE=DATE:20230401"));
  CHECK(has(lines, "DTEND;VALUE=DATE:20230402"));
  CHECK(has(lines, "RRULE:FREQ=MONTHLY;UNTIL=20230630"));
  CHECK(has(lines, "SUMMARY:〔2023年第二季度内〕金山区缤纷百果节"));
  CHECK(has(lines, "X-PLANCAL-PRECISION:quarter"));
  CHECK(has(lines, "X-PLANCAL-PHRASE:第二季度"));
  CHECK(has(lines, "CATEGORIES:节庆文体活动"));
  CHECK(has(lines, "TRANSP:TRANSPARENT"));
  CHECK(has(lines, "SEQUENCE:2"));
  CHECK(has(lines, "DTSTAMP:20230228T160000Z"));  // last_modified, not the time of rendering
  CHECK(has(lines, "LAST-MODIFIED:20230228T160000Z"));
  CHECK(has(lines, "CREATED:20230213T010000Z"));
  const auto description = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.starts_with("DESCRIPTION:");
  });
  REQUIRE(description != lines.end());
  const std::string text = unescape_text(description->substr(12));
  CHECK(text.starts_with("时间：2023年第二季度内，具体日期未定（2023-04-01 至 2023-06-30）\n"));
  CHECK(text.find("区人社局（67961951、67961792）") != std::string::npos);
  CHECK(text.find("金发改规〔2023〕1号）三、援企稳岗扩岗行动 第5条") != std::string::npos);
  CHECK(text.find("支持行业企业稳岗扩岗。") != std::string::npos);
}

TEST_CASE("xun, month, day and deadline readings") {
  auto approx_may = reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 5, 1),
                            make_date(2023, 5, 31), "5月前后");
  approx_may.approximate = true;
  auto due = reading(ReadingKind::kDeadline, Precision::kDay, make_date(2023, 6, 30),
                     make_date(2023, 6, 30), "6月底前");
  due.ambiguous = true;
  due.alternatives = {reading(ReadingKind::kDeadline, Precision::kDay, make_date(2023, 6, 1),
                              make_date(2023, 6, 1), "6月底前")};
  const std::vector<StoredActivity> all{
      stored("m5.1", "金山区庆祝中国农民丰收节活动",
             reading(ReadingKind::kDate, Precision::kXun, make_date(2023, 9, 21),
                     make_date(2023, 9, 30), "9月下旬")),
      stored("m5.2", "购物节", approx_may),
      stored("m5.3", "招聘会",
             reading(ReadingKind::kSpan, Precision::kDay, make_date(2023, 2, 1),
                     make_date(2023, 2, 2), "2月1日至2日"),
             Category::kJobFair),
      stored("m5.4", "完成培训", due, Category::kDeadline)};
  const Plan plan = test_plan();
  const std::string ics = render_feed(feed_by_id(plan, "jinshan-2023-work-rsj"), plan, all, {});
  CHECK(ics.find("UID:jinshan-2023.m5.1@plancal") == std::string::npos);
  const auto deadline = event_lines(ics, "jinshan-2023.m5.4@plancal");
  CHECK(has(deadline, "SUMMARY:〔截止〕完成培训"));
  CHECK(has(deadline, "DTSTART;VALUE=DATE:20230630"));
  CHECK(has(deadline, "DTEND;VALUE=DATE:20230701"));
  CHECK(unfold(ics).find("另一种理解：截止2023年6月1日") != std::string::npos);

  const std::string pub = render_all(all);
  CHECK(pub.find("m5.4@plancal") != std::string::npos);  // a public plan's deadline is public
  auto hidden = all;
  hidden.back().activity.is_public = false;  // `public = false` in the data file
  CHECK(render_all(hidden).find("m5.4@plancal") == std::string::npos);
  const auto xun = event_lines(pub, "jinshan-2023.m5.1@plancal");
  CHECK(has(xun, "DTSTART;VALUE=DATE:20230921"));
  CHECK(has(xun, "DTEND;VALUE=DATE:20231001"));
  CHECK(has(xun, "SUMMARY:〔9月下旬〕金山区庆祝中国农民丰收节活动"));
  const auto may = event_lines(pub, "jinshan-2023.m5.2@plancal");
  CHECK(has(may, "DTEND;VALUE=DATE:20230601"));
  CHECK(has(may, "SUMMARY:〔5月前后〕购物节"));
  CHECK(has(may, "X-PLANCAL-APPROXIMATE:TRUE"));
  const auto days = event_lines(pub, "jinshan-2023.m5.3@plancal");
  CHECK(has(days, "SUMMARY:招聘会"));
  CHECK(has(days, "DTEND;VALUE=DATE:20230203"));
  CHECK_FALSE(has(days, "X-PLANCAL-APPROXIMATE:TRUE"));
}

TEST_CASE("recurrences stay rules and start on their first occurrence") {
  auto weekends = reading(ReadingKind::kRecurring, Precision::kDay, make_date(2023, 2, 1),
                          make_date(2023, 3, 5), "2月1日至3月5日，每周六、周日");
  weekends.rrule = "FREQ=WEEKLY;BYDAY=SA,SU";
  auto monthly = reading(ReadingKind::kRecurring, Precision::kMonth, make_date(2023, 3, 1),
                         make_date(2023, 12, 31), "3月起，每月");
  monthly.rrule = "FREQ=MONTHLY;UNTIL=20231231";
  const std::string ics = render_all({stored("m5.1", "周末招聘会", weekends, Category::kJobFair),
                                      stored("m5.2", "直播带岗", monthly)});
  const auto fairs = event_lines(ics, "jinshan-2023.m5.1@plancal");
  CHECK(has(fairs, "DTSTART;VALUE=DATE:20230204"));  // 2 Feb 2023 is a Wednesday
  CHECK(has(fairs, "DTEND;VALUE=DATE:20230205"));
  CHECK(has(fairs, "RRULE:FREQ=WEEKLY;UNTIL=20230305;BYDAY=SA,SU"));
  const auto each_month = event_lines(ics, "jinshan-2023.m5.2@plancal");
  CHECK(has(each_month, "SUMMARY:〔每月一场〕直播带岗"));
  CHECK(has(each_month, "DTSTART;VALUE=DATE:20230301"));
  CHECK(has(each_month, "RRULE:FREQ=MONTHLY;UNTIL=20231231"));
}

TEST_CASE("lists keep one UID: RDATEs for days, monthly markers for months") {
  auto days = reading(ReadingKind::kList, Precision::kDay, make_date(2023, 5, 8),
                      make_date(2023, 6, 1), "5月8日、6月1日");
  days.items = {reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 5, 8),
                        make_date(2023, 5, 8), "5月8日"),
                reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 6, 1),
                        make_date(2023, 6, 1), "6月1日")};
  auto months = reading(ReadingKind::kList, Precision::kMonth, make_date(2023, 3, 1),
                        make_date(2023, 9, 30), "3月、9月");
  months.items = {reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 3, 1),
                          make_date(2023, 3, 31), "3月"),
                  reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 9, 1),
                          make_date(2023, 9, 30), "9月")};
  auto from_feb13 = reading(ReadingKind::kOpenStart, Precision::kDay, make_date(2023, 2, 13),
                            make_date(2023, 4, 30), "2月13日起");
  from_feb13.open_end = true;
  const std::string ics = render_all({stored("m5.1", "论坛", days), stored("m5.2", "赛事", months),
                                      stored("m5.3", "政策实施", from_feb13)});
  const auto d = event_lines(ics, "jinshan-2023.m5.1@plancal");
  CHECK(has(d, "DTSTART;VALUE=DATE:20230508"));
  CHECK(has(d, "RDATE;VALUE=DATE:20230601"));
  CHECK(has(d, "SUMMARY:论坛"));
  const auto m = event_lines(ics, "jinshan-2023.m5.2@plancal");
  CHECK(has(m, "DTSTART;VALUE=DATE:20230301"));
  CHECK(has(m, "DTEND;VALUE=DATE:20230302"));
  CHECK(has(m, "RDATE;VALUE=DATE:20230901"));
  CHECK(has(m, "SUMMARY:〔3月、9月〕赛事"));
  const auto o = event_lines(ics, "jinshan-2023.m5.3@plancal");
  CHECK(has(o, "DTSTART;VALUE=DATE:20230213"));
  CHECK(has(o, "RDATE;VALUE=DATE:20230301"));
  CHECK(has(o, "RDATE;VALUE=DATE:20230401"));
  CHECK(has(o, "SUMMARY:〔2月13日起〕政策实施"));
}

TEST_CASE("deterministic bytes, order independent of input, window and URL") {
  std::vector<StoredActivity> all;
  for (int i = 1; i <= 5; ++i)
    all.push_back(stored("m5." + std::to_string(i), "活动" + std::to_string(i),
                         reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 3, i),
                                 make_date(2023, 3, i), std::to_string(i) + "日")));
  auto reversed = all;
  std::reverse(reversed.begin(), reversed.end());
  CHECK(render_all(all) == render_all(reversed));
  CHECK(render_all(all) == render_all(all));

  IcsOptions window;
  window.window_from = make_date(2023, 3, 2);
  window.window_to = make_date(2023, 3, 4);
  window.base_url = "https://plancal.example";
  const std::string ics = render_all(all, window);
  CHECK(ics.find("m5.1@plancal") == std::string::npos);
  CHECK(ics.find("m5.5@plancal") == std::string::npos);
  CHECK(has(event_lines(ics, "jinshan-2023.m5.3@plancal"),
            "URL:https://plancal.example/items/jinshan-2023/m5"));
}

TEST_CASE("a unit's deadlines as tasks") {
  const Plan plan = test_plan();
  auto due = reading(ReadingKind::kDeadline, Precision::kDay, make_date(2023, 6, 30),
                     make_date(2023, 6, 30), "6月30日前");
  const std::vector<StoredActivity> all{
      stored("m5.1", "完成培训", due, Category::kDeadline),
      stored("m5.2", "招聘会",
             reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 2, 1),
                     make_date(2023, 2, 1), "2月1日"),
             Category::kJobFair)};
  const std::string ics =
      unfold(render_tasks(feed_by_id(plan, "jinshan-2023-work-rsj"), plan, all, {}));
  CHECK(ics.find("BEGIN:VTODO\r\nUID:jinshan-2023.m5.1@plancal") != std::string::npos);
  CHECK(ics.find("DUE;VALUE=DATE:20230630\r\n") != std::string::npos);
  CHECK(ics.find("BEGIN:VEVENT") == std::string::npos);
  CHECK(ics.find("m5.2@plancal") == std::string::npos);
}

TEST_CASE("a time written with the day is a timed event in the plan's zone") {
  Reading fair = reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 5, 19),
                         make_date(2023, 5, 19), "5月19日下午4点至晚8点");
  fair.start_minute = 16 * 60;
  fair.end_minute = 20 * 60;
  Reading opening = reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 4, 20),
                            make_date(2023, 4, 20), "4月20日上午9:00");
  opening.start_minute = 9 * 60;
  const std::string ics =
      render_all({stored("m5.1", "露营启动仪式", fair), stored("m5.2", "开幕式", opening)});
  CHECK(ics.find("DTSTART;TZID=Asia/Shanghai:20230519T160000\r\n") != std::string::npos);
  CHECK(ics.find("DTEND;TZID=Asia/Shanghai:20230519T200000\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART;TZID=Asia/Shanghai:20230420T090000\r\n") != std::string::npos);
  CHECK(ics.find("DTEND;TZID=Asia/Shanghai:20230420") == std::string::npos);  // an instant
  CHECK(ics.find("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai") != std::string::npos);
}

TEST_CASE("an item note (an approved extension) is added to DESCRIPTION; dates and SEQUENCE stay") {
  const auto due = reading(ReadingKind::kDeadline, Precision::kDay, make_date(2023, 6, 30),
                           make_date(2023, 6, 30), "6月底前");
  const std::vector<StoredActivity> all{stored("m5.1", "完成培训", due, Category::kDeadline)};
  const std::string plain = render_all(all);
  IcsOptions options;
  options.item_notes["m5"] = {"已批准延期：区人社局 至 2023-07-14（方案原定日期不变）",
                              TimePoint{std::chrono::seconds{1688000000}}};  // 2023-06-29T00:53:20Z
  const std::string noted = render_all(all, options);
  const std::string uid = activity_uid("jinshan-2023", "m5.1");
  const auto before = event_lines(plain, uid);
  const auto after = event_lines(noted, uid);
  CHECK(unfold(noted).find("已批准延期：区人社局 至 2023-07-14") != std::string::npos);
  CHECK(unfold(plain).find("已批准延期") == std::string::npos);
  CHECK(has(after, "SEQUENCE:2"));
  CHECK(has(after, "LAST-MODIFIED:20230629T005320Z"));
  CHECK(has(before, "LAST-MODIFIED:20230228T160000Z"));
  for (const char* kept : {"DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:"}) {
    auto line = [&](const std::vector<std::string>& lines) {
      for (const auto& l : lines)
        if (l.starts_with(kept)) return l;
      return std::string();
    };
    CHECK(line(after) == line(before));
  }
  // A note of another item changes nothing.
  IcsOptions other;
  other.item_notes["m9"] = options.item_notes["m5"];
  CHECK(render_all(all, other) == plain);
}
