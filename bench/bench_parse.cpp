// Throughput of the schedule-phrase parser and the phrase extractor: parses a corpus of
// realistic phrases (the seed plan's task-table phrases and invented variants) for about
// two seconds, then extracts phrases from whole task-table cells for about two seconds.
#include <chrono>
#include <cstdio>
#include <string_view>

#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/phrase/schedule_parser.hpp"

using namespace plancal::calendar;

namespace {

constexpr std::string_view kPhrases[] = {
    "1月至 3月",
    "2月 1日至 2日",
    "2月 4日至 3月 5日，每周六、周日",
    "每周三",
    "3月起，每月",
    "1月 1日",
    "1月至 2 月",
    "5月",
    "5月前后",
    "第二季度",
    "9月",
    "9月下旬",
    "3月、6月、9月",
    "第三季度",
    "8月 8日",
    "10—11 月",
    "1月起",
    "全年",
    "预计 6月",
    "10 月",
    "9月、11 月",
    "下半年",
    "拟定于一季度",
    "2023-2025 年",
    "2023 年 1\n\n月",
    "力争 2023\n\n年三季度前",
    "2023 年第一季度",
    "第四季度",
    "自 2023 年 1 月 1 日至 2023 年 12 月 31 日",
    "2023 年 1 月 1 日至 2023 年 12 月 31\n\n日期间内",
    "可延至 2023 年 6 月 30 日",
    "2023 年 12 月 31 日前",
    "2023 年 6 月\n\n30 日前",
    "自2023年2月13日起",
    // Invented variants.
    "每月第一个周一",
    "二〇二三年十月",
    "11月中旬",
    "4月底前",
    "年底前",
    "7-8月",
    "每季度末",
    "2024年3月15日",
    "三月",
    "十二月下旬",
    "２月４日至３月５日",
    "截至2023年12月31日",
    "年内",
    "6月前",
    "每周一至周五",
    "3月1日、5日",
    "2023年春季",
    "上半年",
    "每月15日",
    "5月左右",
};

constexpr std::string_view kCells[] = {
    "1月至 3月，结合“沪岗行动”、春季促进就业等专项行动，持续组织开展多\n\n场线上线下招聘活动。\n\n"
    "2月 1日至 2日分别在云南普洱的镇沅县和景东县 2场东西部劳务协作现场\n\n招聘会；2月 4日至 "
    "3月 5日，每周六、周日由各街镇（高新区）社区事务\n\n受理服务中心及区级层面各组织一场线下招聘会"
    "活动，共计 12 场；每周三\n\n通过“金山就业”微信公众号推送周周专场招聘等活动。",
    "1月 1日，举办“日出上海 金山如画”迎接 2023 新年第一缕阳光活动。\n\n1月至 2 月，举办“古镇"
    "过大年”金山新春系列主题活动。\n\n5月，举办上海湾区滨海嘉年华活动。5月前后组织开展 2023 金山"
    "购物节活动。\n\n第二季度开展“金山区缤纷百果节”活动。\n\n9月，举办金山旅游节活动。\n\n9月下旬"
    "开展“金山区庆祝中国农民丰收节活动”。",
    "项目东起山倪路，西至新卫公路，全长约 7.9 公里。2023 年第一季度，启动办理部分项目前期土地手续；"
    "第二季度，\n\n部分项目启动开工；第三季度，加强行业指导；第四季度，部分重要景观节点基本完工。",
    "11.实施一次性吸纳就业补贴，对招录登记失业三个月\n\n以上人员或我市 2023 届高校毕业生，签订一年"
    "以上劳\n\n动合同并按规定缴纳社会保险费的用人单位，按每人\n\n2000 元给予一次性吸纳就业补贴。",
};

constexpr double kSeconds = 2.0;

template <typename Body>
double per_second(Body body) {
  const auto begin = std::chrono::steady_clock::now();
  long count = 0;
  double elapsed = 0;
  do {
    count += body();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  } while (elapsed < kSeconds);
  return double(count) / elapsed;
}

}  // namespace

// Lunar dates and festivals: each one asks ICU's Chinese calendar.
constexpr std::string_view kLunarPhrases[] = {
    "农历三月十二至十八日", "腊月廿三至正月十六", "春节", "元宵节", "中秋节", "正月初六",
    "2月9日（腊月三十）",   "端午节前后",         "小年", "清明节"};

int main() {
  const ParseContext context{2023};
  long failures = 0;
  const double phrases = per_second([&] {
    for (std::string_view phrase : kPhrases)
      if (!parse_schedule_phrase(phrase, context).reading) ++failures;
    return long(std::size(kPhrases));
  });
  size_t found = 0;
  const double cells = per_second([&] {
    for (std::string_view cell : kCells) found += extract_phrases(cell, context).phrases.size();
    return long(std::size(kCells));
  });
  const double lunar = per_second([&] {
    for (std::string_view phrase : kLunarPhrases)
      if (!parse_schedule_phrase(phrase, context).reading) ++failures;
    return long(std::size(kLunarPhrases));
  });
  std::printf("phrases/s: %.0f\n", phrases);
  std::printf("lunar and festival phrases/s: %.0f (ICU's Chinese calendar)\n", lunar);
  std::printf("cells/s: %.0f (extraction of whole task-table cells)\n", cells);
  if (failures != 0 || found == 0) {
    std::fprintf(stderr, "corpus did not parse: %ld failures\n", failures);
    return 1;
  }
  return 0;
}
