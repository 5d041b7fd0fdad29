#include "calendar/phrase/phrase_extractor.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "calendar/phrase/text_normalize.hpp"

using namespace plancal::calendar;

namespace {

Extraction extract(std::string_view text, int year = 2023) {
  return extract_phrases(text, ParseContext{year});
}

// The code points [begin, end) of text, re-encoded.
std::string slice(std::string_view text, size_t begin, size_t end) {
  return encode_utf8(std::u32string_view(decode_utf8(text)).substr(begin, end - begin));
}

}  // namespace

TEST_CASE("offsets are code points into the original text, spaces and all") {
  const std::string text = "项目已于 2023 年 1\n\n月取得证书，计划 2023\n\n年 5 月取得许可证。";
  const Extraction e = extract(text);
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].phrase == "2023 年 1\n\n月");
  CHECK(slice(text, e.phrases[0].begin, e.phrases[0].end) == e.phrases[0].phrase);
  CHECK(e.phrases[0].begin == 5);
  CHECK(e.phrases[0].reading.phrase == "2023年1月");
  CHECK(e.phrases[0].governed_text == "取得证书");
  CHECK(e.phrases[1].phrase == "2023\n\n年 5 月");
  CHECK(slice(text, e.phrases[1].begin, e.phrases[1].end) == e.phrases[1].phrase);
  CHECK(e.phrases[1].governed_text == "取得许可证");
  CHECK(e.unread.empty());
}

TEST_CASE("a comma starting with a new date begins a new clause") {
  const Extraction e = extract("预计 6月开展作品征集，10 月举办展览。");
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].phrase == "预计 6月");
  CHECK(e.phrases[0].reading.approximate);
  CHECK(e.phrases[0].governed_text == "开展作品征集");
  CHECK(e.phrases[1].phrase == "10 月");
  CHECK(e.phrases[1].governed_text == "举办展览");
}

TEST_CASE("a year carries to later phrases of the same text") {
  const Extraction e = extract("2022 年第一季度，启动手续；第二季度，部分项目启动开工。", 2023);
  REQUIRE(e.phrases.size() == 2);
  CHECK(to_iso(e.phrases[1].reading.start) == "2022-04-01");
  const Extraction none = extract("第二季度，开工。", 0);
  CHECK(none.phrases.empty());
  REQUIRE(none.unread.size() == 1);
  CHECK(none.unread[0].error.find("no year") != std::string::npos);
}

TEST_CASE("a span followed by 每… is one recurring phrase") {
  const Extraction e =
      extract("2月 4日至 3月 5日，每周六、周日由各街镇组织招聘会，共计 12 场；每周三推送。");
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].phrase == "2月 4日至 3月 5日，每周六、周日");
  CHECK(e.phrases[0].reading.rrule == "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305");
  CHECK(e.phrases[0].governed_text == "由各街镇组织招聘会，共计12场");
  CHECK(e.phrases[1].phrase == "每周三");
}

TEST_CASE("a bare 每… after a phrase of the same sentence is not a new phrase") {
  const Extraction e = extract("3月起，每月组织开展 1 场招聘及通过公众号每月推送线上招聘。");
  REQUIRE(e.phrases.size() == 1);
  CHECK(e.phrases[0].phrase == "3月起，每月");
  CHECK(e.phrases[0].reading.open_end);
}

TEST_CASE("a phrase in parentheses governs the clause before it") {
  const Extraction e = extract("开展线路推介（3月、6月、9月）；组织开展申报（第二季度）。");
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].phrase == "3月、6月、9月");
  CHECK(e.phrases[0].reading.kind == ReadingKind::kList);
  CHECK(e.phrases[0].governed_text == "开展线路推介");
  CHECK(e.phrases[1].phrase == "第二季度");
  CHECK(e.phrases[1].governed_text == "组织开展申报");
  const Extraction plan = extract("已初步制定了三年行动计划（2023-2025 年），明确了年度目标。");
  REQUIRE(plan.phrases.size() == 1);
  CHECK(plan.phrases[0].reading.kind == ReadingKind::kSpan);
  CHECK(plan.phrases[0].governed_text == "已初步制定了三年行动计划");
}

TEST_CASE("quiet words are neither phrases nor errors") {
  for (const char* text : {"提升“五五购物节”等办节水平",
                           "我市 2023 届高校毕业生",
                           "失业三个月\n\n以上人员",
                           "签订一年以上劳动合同",
                           "第六届“金水湖”论坛、第四届华东无人机论坛",
                           "大理三月街民族节",
                           "开展职工四季联赛等群众性赛事活动",
                           "继续按月全额退还增值税",
                           "分期或逐月等方式",
                           "技术改造三年行动方案",
                           "改造三年行动计划",
                           "首次实现年度社会消费品零售总规模",
                           "单一年度累计最高",
                           "5 个工作日内办结",
                           "组织开展 2023 春季促进就业专项行动",
                           "结合“沪岗行动”、春季促进就业等专项行动",
                           "组织开展 2023 金山购物节活动",
                           "建成 1-2 家“凤凰驿站”",
                           "改造 0.92 万平方米",
                           "按 50%幅度减免",
                           "资助金额 1:1 配套",
                           "最高 100 万元",
                           "联系电话 021-12366",
                           "- - 24 - -",
                           "进博会和 2023 年上海企业开拓国际市场海外展会",
                           "每人 2000 元",
                           "G320 文旅沙龙"}) {
    const Extraction e = extract(text);
    INFO(text);
    CHECK(e.unread.empty());
    const bool only_june = std::string_view(text).starts_with("6月");
    CHECK(e.phrases.size() == (only_june ? 1u : 0u));
  }
}

TEST_CASE("a season standing alone as a time phrase is read") {
  const Extraction e = extract("春季，举办招聘会；2023年秋季举办展览。");
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].reading.precision == Precision::kSeason);
  CHECK(to_iso(e.phrases[1].reading.end) == "2023-11-30");
}

TEST_CASE("schedule-like text that cannot be read is reported, not guessed") {
  const Extraction e = extract("13月举办活动；2月30日开展活动；每周举办一次。");
  CHECK(e.phrases.empty());
  REQUIRE(e.unread.size() == 3);
  CHECK(e.unread[0].phrase == "13月");
  CHECK(e.unread[0].error == "no such month: 13");
  CHECK(e.unread[1].phrase == "2月30日");
  CHECK(e.unread[2].phrase == "每周");
}

TEST_CASE("a number is read only from the start of its run") {
  const Extraction e = extract("共计 12月");  // not "2月"
  REQUIRE(e.phrases.size() == 1);
  CHECK(e.phrases[0].phrase == "12月");
  CHECK(extract("第12345月").unread.empty());
}

TEST_CASE("10 MB of text is extracted in linear time") {
  // Ten times the text must take about ten times as long (a quadratic scan: 100 times);
  // a ratio, not a wall-clock bound, so sanitizer and debug builds pass alike.
  constexpr std::string_view kParagraph =
      "5月，举办上海湾区滨海嘉年华活动；建成 1-2 家驿站，改造 0.92 万平方米；3月、6月、9月、"
      "13月开展推介，12345 场。2月 4日至 3月 5日，每周六、周日组织招聘会。引导本土品牌参与老字号"
      "评定活动，引导相关街镇、企业等开展老字号主题活动，加快商业街、产业园及服务平台建设发展和"
      "品牌入驻。制定老字号品牌建设专项资金管理办法配套实施细则，构建完善“品牌基地+品牌活动+品"
      "牌维护”三位一体的宣传模式。";
  const auto timed = [&](size_t bytes, size_t& phrases) {
    std::string text;
    text.reserve(bytes + kParagraph.size());
    while (text.size() < bytes) text += kParagraph;
    const auto begin = std::chrono::steady_clock::now();
    const Extraction e = extract(text);
    phrases = e.phrases.size();
    CHECK(e.unread.size() == phrases / 2);  // the 13月 list of each paragraph
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  };
  size_t small_phrases = 0;
  size_t large_phrases = 0;
  const double small = timed(1u << 20, small_phrases);
  const double large = timed(10u << 20, large_phrases);
  CHECK(large_phrases > 9 * small_phrases);
  CHECK(large < 25 * small + 0.5);
}

TEST_CASE("empty and invalid input") {
  CHECK(extract("").phrases.empty());
  const Extraction e = extract(
      "\xff\xfe"
      "5月\xc0举办");
  REQUIRE(e.phrases.size() == 1);
  CHECK(e.phrases[0].begin == 2);
  CHECK(e.phrases[0].phrase == "5月");
}

TEST_CASE("a season before 专场 dates the session; before a campaign's name it is quiet") {
  const Extraction session = extract("开展 2023 年大中城市联合招聘高校毕业生秋季专场活动");
  REQUIRE(session.phrases.size() == 1);
  CHECK(session.phrases[0].reading.precision == Precision::kSeason);
  CHECK(to_iso(session.phrases[0].reading.start) == "2023-09-01");
  CHECK(extract("组织开展 2023 春季促进就业专项行动").phrases.empty());
}

TEST_CASE("a document's own dates after their labels are metadata, not activities") {
  const Extraction e = extract("发文日期：2023-01-03 各单位于2023年1月15日前报送方案。");
  REQUIRE(e.phrases.size() == 2);
  CHECK(e.phrases[0].metadata_label == "发文日期");
  CHECK(e.phrases[1].metadata_label.empty());
  CHECK(extract("[成文日期] 2021-10-25").phrases.at(0).metadata_label == "成文日期");
}
