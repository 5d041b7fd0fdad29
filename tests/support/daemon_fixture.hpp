// A small hand-built plan and its stored activities for the daemon's unit tests: one unit
// (rsj), a public job fair, a public festival with HTML-special characters in its title,
// and a private deadline (so the unit's work feed has something in it).
#pragma once

#include <memory>
#include <string>

#include "calendar/model/uid.hpp"
#include "daemon/data/data_snapshot.hpp"

namespace plancal::daemon::testing {

inline calendar::TimePoint instant(int year, unsigned month, unsigned day) {
  return calendar::TimePoint{std::chrono::sys_days{calendar::make_date(year, month, day)}};
}

inline calendar::Activity make_activity(std::string key, std::string title,
                                        calendar::Category category, calendar::Date start,
                                        calendar::Date end, bool is_public) {
  calendar::Activity a;
  a.key = std::move(key);
  a.title = std::move(title);
  a.category = category;
  a.schedule.kind = calendar::ReadingKind::kSpan;
  a.schedule.start = start;
  a.schedule.end = end;
  a.schedule.phrase = a.source_phrase = "5月";
  a.item_id = "a1";
  a.is_public = is_public;
  return a;
}

inline calendar::Plan test_plan() {
  calendar::Plan plan;
  plan.id = "test-2023";
  plan.title = "测试<行动>方案 & \"计划\"";
  plan.issuer = "测试发改委";
  plan.document_number = "测〔2023〕1号";
  plan.year = 2023;
  plan.published = calendar::make_date(2023, 1, 1);
  plan.effective_from = calendar::make_date(2023, 1, 1);
  plan.effective_until = calendar::make_date(2023, 12, 31);
  plan.units = {{"rsj", "区人社局", "", {}, {}, {}, ""}};
  calendar::Item item;
  item.id = "a1";
  item.kind = calendar::ItemKind::kProject;
  item.section = "一、测试行动";
  item.number = "1";
  item.text = "5月举办招聘会";
  item.units = {"rsj"};
  item.activities = {
      make_activity("a1.1", "春风招聘会", calendar::Category::kJobFair,
                    calendar::make_date(2023, 5, 6), calendar::make_date(2023, 5, 7), true),
      make_activity("a1.2", "<script>alert(1)</script>购物节", calendar::Category::kEvent,
                    calendar::make_date(2023, 5, 1), calendar::make_date(2023, 5, 31), true),
      make_activity("a1.3", "完成招聘目标", calendar::Category::kDeadline,
                    calendar::make_date(2023, 6, 30), calendar::make_date(2023, 6, 30), false),
  };
  plan.items = {item};
  return plan;
}

// The plan's activities as stored at `when`, sequence 0.
inline std::vector<calendar::StoredActivity> stored(const calendar::Plan& plan,
                                                    calendar::TimePoint when) {
  std::vector<calendar::StoredActivity> out;
  for (const auto& item : plan.items) {
    for (const auto& activity : item.activities) {
      out.push_back(
          {plan.id, calendar::activity_uid(plan.id, activity.key), 0, when, when, activity});
    }
  }
  return out;
}

inline std::shared_ptr<const DataSnapshot> make_snapshot(
    const calendar::Plan& plan, std::vector<calendar::StoredActivity> activities,
    std::int64_t data_version, calendar::TimePoint last_modified) {
  auto snapshot = std::make_shared<DataSnapshot>();
  snapshot->plans.push_back({plan, std::move(activities), calendar::build_feed_catalog(plan), {}});
  snapshot->data_version = data_version;
  snapshot->last_modified = last_modified;
  return snapshot;
}

}  // namespace plancal::daemon::testing
