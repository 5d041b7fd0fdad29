// Imports a synthetic plan of 100,000 activities (1,000 items x 100) into a fresh SQLite
// store, then imports it again unchanged. Prints the figures and exits 0.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "calendar/backends/open_store.hpp"

using namespace plancal::calendar;

namespace {

constexpr int kItems = 1000;
constexpr int kActivitiesPerItem = 100;

const char* const kTitles[] = {"春风行动专场招聘会", "金山购物节暨夜间消费季",
                               "长三角投资推介会",   "重大项目集中开工",
                               "稳岗返还申报窗口",   "完成年度新增就业目标"};

Reading reading_for(int n) {
  Reading r;
  const unsigned month = 1 + n % 12;
  r.start = make_date(2023, month, 1 + n % 28);
  r.end = r.start;
  r.phrase = std::to_string(month) + "月" + std::to_string(1 + n % 28) + "日";
  switch (n % 5) {
    case 0:
      break;
    case 1:
      r.kind = ReadingKind::kSpan;
      r.precision = Precision::kMonth;
      r.end = last_day_of_month(2023, month);
      r.phrase = std::to_string(month) + "月";
      break;
    case 2:
      r.kind = ReadingKind::kRecurring;
      r.end = make_date(2023, 12, 31);
      r.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20231231";
      r.phrase += "起，每周六、周日";
      break;
    case 3:
      r.kind = ReadingKind::kList;
      r.precision = Precision::kMonth;
      r.items = {reading_for(0), reading_for(5)};
      r.start = r.items.front().start;
      r.end = r.items.back().end;
      r.phrase = "1月、6月";
      break;
    default:
      r.kind = ReadingKind::kDeadline;
      r.approximate = true;
      r.ambiguous = true;
      r.alternatives = {reading_for(0)};
      r.phrase += "前后";
  }
  return r;
}

Plan synthetic_plan() {
  Plan plan;
  plan.id = "bench-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.year = 2023;
  plan.units = {{"rsj", "区人社局", "金山区人力资源和社会保障局", {}, {"57921234"}, {}, ""}};
  plan.items.reserve(kItems);
  for (int i = 0; i < kItems; ++i) {
    Item& item = plan.items.emplace_back();
    item.id = "a" + std::to_string(i + 1);
    item.kind = ItemKind::kProject;
    item.title = "第" + std::to_string(i + 1) + "项 重点活动";
    item.text = "按照全区统一部署，有序开展各类促消费、稳就业活动。";
    item.units = {"rsj"};
    item.activities.reserve(kActivitiesPerItem);
    for (int k = 0; k < kActivitiesPerItem; ++k) {
      const int n = i * kActivitiesPerItem + k;
      Activity& a = item.activities.emplace_back();
      a.key = item.id + "." + std::to_string(k + 1);
      a.item_id = item.id;
      a.title = std::string(kTitles[n % 6]) + "（第" + std::to_string(k + 1) + "场）";
      a.category = static_cast<Category>(n % 6);
      a.schedule = reading_for(n);
      a.source_phrase = a.schedule.phrase;
      a.location = n % 3 == 0 ? "金山区市民中心" : "";
      if (n % 7 == 0) a.units = {"rsj"};
    }
  }
  return plan;
}

template <typename F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("plancal-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const TimePoint now{std::chrono::seconds{1'700'000'000}};

  Plan plan;
  const double build = seconds([&] { plan = synthetic_plan(); });
  ImportStats first, second;
  {
    auto store = open_store({(dir / "bench.db").string()});
    const double import = seconds([&] { first = store->plans().import_plan(plan, now); });
    const double reimport = seconds([&] { second = store->plans().import_plan(plan, now); });
    std::printf("activities: %zu\n", plan.activity_count());
    std::printf("build_plan_seconds: %.3f\n", build);
    std::printf("import_100k_seconds: %.3f\n", import);
    std::printf("reimport_unchanged_seconds: %.3f\n", reimport);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak_rss_mb: %.1f\n", usage.ru_maxrss / 1024.0);
  fs::remove_all(dir);
  if (first.added != kItems * kActivitiesPerItem || second.unchanged != first.added) {
    std::fprintf(stderr, "unexpected import stats\n");
    return 1;
  }
  return 0;
}
