// A small plan with every kind of item and reading the store must keep exactly: a measure
// with a weekly recurrence and a pinned month list, a private policy deadline, a project
// row with policy details. Shared by the store contract suite and the SQLite tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "calendar/model/plan.hpp"

namespace plancal::testing {

using namespace plancal::calendar;

inline Reading day(int month, unsigned d, std::string phrase) {
  Reading r;
  r.start = r.end = make_date(2023, month, d);
  r.phrase = std::move(phrase);
  return r;
}

inline Item item(std::string id, ItemKind kind, std::string title, std::vector<std::string> units) {
  Item i;
  i.id = std::move(id);
  i.kind = kind;
  i.title = std::move(title);
  i.units = std::move(units);
  return i;
}

inline Activity activity(const Item& item, int n, std::string title, Category category,
                         Reading schedule) {
  Activity a;
  a.key = item.id + "." + std::to_string(n);
  a.item_id = item.id;
  a.title = std::move(title);
  a.category = category;
  a.source_phrase = schedule.phrase;
  a.schedule = std::move(schedule);
  return a;
}

inline Plan sample_plan() {
  Plan plan;
  plan.id = "jinshan-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.issuer = "上海市金山区发展和改革委员会";
  plan.document_number = "金发改规〔2023〕1号";
  plan.published = make_date(2023, 2, 1);
  plan.effective_from = make_date(2023, 2, 1);
  plan.year = 2023;
  plan.escalation_unit = "fgw";
  plan.units = {{"fgw",
                 "区发展改革委",
                 "金山区发展和改革委员会",
                 {"区发改委"},
                 {"57921234"},
                 {"fgw@example.org"},
                 ""},
                {"rsj", "区人社局", "", {}, {}, {"rsj@example.org"}, "fgw"}};

  Item measure = item("m5", ItemKind::kMeasure, "支持行业企业稳岗扩岗", {"rsj", "fgw"});
  measure.section = "三、援企稳岗扩岗行动";
  measure.number = "5";
  measure.text = "2月4日至3月5日，每周六、周日举办招聘会；3月、6月直播带岗";
  Reading weekly = day(2, 4, "2月4日至3月5日，每周六、周日");
  weekly.kind = ReadingKind::kRecurring;
  weekly.end = make_date(2023, 3, 5);
  weekly.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305";
  measure.activities.push_back(activity(measure, 1, "春风行动招聘会", Category::kJobFair, weekly));
  measure.activities.back().location = "金山区就业促进中心";
  Reading list = day(3, 1, "3月、6月");
  list.kind = ReadingKind::kList;
  list.precision = Precision::kMonth;
  list.end = make_date(2023, 6, 30);
  list.items = {day(3, 1, "3月"), day(6, 1, "6月")};
  list.ambiguous = true;
  list.alternatives = {day(3, 31, "3月底")};
  measure.activities.push_back(activity(measure, 2, "直播带岗", Category::kJobFair, list));
  measure.activities.back().pinned = true;
  measure.activities.back().units = {"rsj"};

  Item policy = item("p11", ItemKind::kPolicy, "稳岗返还", {"rsj"});
  policy.phones = {"57921111", "57922222"};
  policy.policy.emplace();
  policy.policy->status = "延续性政策";
  policy.policy->channel = "一网通办";
  Reading due = day(12, 31, "年底前");
  due.kind = ReadingKind::kDeadline;
  due.approximate = true;
  policy.activities.push_back(activity(policy, 1, "完成稳岗返还", Category::kDeadline, due));
  policy.activities.back().is_public = false;

  Item project = item("a1", ItemKind::kProject, "金山购物节", {"fgw"});
  project.schedule_text = "全年";
  project.policy.emplace();
  project.policy->status = "新政策";
  project.policy->is_new = true;
  project.policy->instant = true;
  project.policy->instant_note = "是（需通过市级部门认定）";
  plan.items = {measure, policy, project};
  return plan;
}

}  // namespace plancal::testing
