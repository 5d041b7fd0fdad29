#include "calendar/sqlite/sqlite_store.hpp"
#include "calendar/backends/open_store.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "calendar/model/uid.hpp"
#include "calendar/sqlite/sqlite_migrations.hpp"

using namespace plancal::calendar;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("plancal-store-test-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 19'000 * 24}}; }

Reading day(int month, unsigned d, std::string phrase) {
  Reading r;
  r.start = r.end = make_date(2023, month, d);
  r.phrase = std::move(phrase);
  return r;
}

Item item(std::string id, ItemKind kind, std::string title, std::vector<std::string> units) {
  Item i;
  i.id = std::move(id);
  i.kind = kind;
  i.title = std::move(title);
  i.units = std::move(units);
  return i;
}

Activity activity(const Item& item, int n, std::string title, Category category, Reading schedule) {
  Activity a;
  a.key = item.id + "." + std::to_string(n);
  a.item_id = item.id;
  a.title = std::move(title);
  a.category = category;
  a.source_phrase = schedule.phrase;
  a.schedule = std::move(schedule);
  return a;
}

Plan sample_plan() {
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

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("sqlite store: a fresh database gets the latest schema, WAL and foreign keys") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  CHECK(store.schema_version() == latest_schema_version());
  CHECK(store.plans().data_version() == 0);
  CHECK(store.plans().list_plans().empty());
  const auto settings = store.connection_settings();
  CHECK(settings.journal_mode == "wal");
  CHECK(settings.foreign_keys);
  CHECK(settings.busy_timeout_ms == SqliteStore::kBusyTimeoutMs);
  CHECK(settings.synchronous == 1);  // NORMAL
}

TEST_CASE("sqlite store: open_store needs a path and reopening keeps the data") {
  TempDir dir;
  CHECK_THROWS_AS(open_store({}), StoreError);
  const Plan plan = sample_plan();
  open_store({dir.file("plancal.db")})->plans().import_plan(plan, at(0));
  auto store = open_store({dir.file("plancal.db")});
  CHECK(store->plans().data_version() == 1);
  REQUIRE(store->plans().load_plan(plan.id).has_value());
  CHECK(*store->plans().load_plan(plan.id) == plan);
  CHECK_FALSE(store->plans().load_plan("unknown").has_value());
}

TEST_CASE("sqlite store: migrates a version 0 database") {
  TempDir dir;
  {
    SQLite::Database db(dir.file("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate_schema_to(db, 0);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 0);
  }
  SqliteStore store(dir.file("old.db"));
  CHECK(store.schema_version() == latest_schema_version());
  CHECK(store.plans().import_plan(sample_plan(), at(0)).added == 3);
  SQLite::Database db(dir.file("old.db"));
  for (const char* table : {"meta", "plans", "units", "items", "item_units", "activities"})
    CHECK_MESSAGE(db.tableExists(table), table);
}

TEST_CASE("sqlite store: a newer schema is refused, naming both versions") {
  TempDir dir;
  {
    SQLite::Database db(dir.file("new.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    SqliteStore store(dir.file("new.db"));
    FAIL("a newer database was opened");
  } catch (const StoreError& e) {
    const std::string message = e.what();
    CHECK(message.find(dir.file("new.db")) != std::string::npos);
    CHECK(message.find("99") != std::string::npos);
    CHECK(message.find("(" + std::to_string(latest_schema_version()) + ")") != std::string::npos);
  }
}

TEST_CASE("sqlite store: a corrupt file is a StoreError") {
  TempDir dir;
  std::ofstream(dir.file("garbage.db"), std::ios::binary) << std::string(8192, '\x5a');
  CHECK_THROWS_WITH_AS(SqliteStore(dir.file("garbage.db")), doctest::Contains("not a database"),
                       StoreError);
}

TEST_CASE("sqlite store: import adds, round-trips and summarises a plan") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  const Plan plan = sample_plan();
  CHECK(store.plans().import_plan(plan, at(1)) == ImportStats{3, 0, 0, 0});
  CHECK(*store.plans().load_plan(plan.id) == plan);
  const auto summaries = store.plans().list_plans();
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].title == plan.title);
  CHECK(summaries[0].document_number == plan.document_number);
  CHECK(summaries[0].items == 3);
  CHECK(summaries[0].activities == 3);
  CHECK(summaries[0].last_modified == at(1));
  const auto stored = store.plans().activities(plan.id);
  REQUIRE(stored.size() == 3);
  CHECK(stored[0].uid == activity_uid(plan.id, "m5.1"));
  CHECK(stored[0].plan_id == plan.id);
  CHECK(stored[0].sequence == 0);
  CHECK(stored[0].created == at(1));
  CHECK(stored[0].last_modified == at(1));
  CHECK(stored[2].activity == plan.items[1].activities[0]);
}

TEST_CASE("sqlite store: re-importing the same plan writes nothing") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  SqliteStore store(path);
  const Plan plan = sample_plan();
  store.plans().import_plan(plan, at(1));
  const auto before = store.plans().activities(plan.id);
  const std::string db_bytes = file_bytes(path);
  const std::string wal_bytes = file_bytes(path + "-wal");

  CHECK(store.plans().import_plan(plan, at(2)) == ImportStats{0, 0, 0, 3});
  CHECK(store.plans().data_version() == 1);
  CHECK(store.plans().activities(plan.id) == before);
  CHECK(store.plans().list_plans()[0].last_modified == at(1));
  CHECK(file_bytes(path) == db_bytes);
  CHECK(file_bytes(path + "-wal") == wal_bytes);
}

TEST_CASE("sqlite store: editing one activity bumps only its sequence") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  Plan plan = sample_plan();
  store.plans().import_plan(plan, at(1));
  plan.items[0].activities[1].title = "直播带岗（第二场）";
  CHECK(store.plans().import_plan(plan, at(5)) == ImportStats{0, 1, 0, 2});
  CHECK(store.plans().data_version() == 2);
  const auto stored = store.plans().activities(plan.id);
  REQUIRE(stored.size() == 3);
  CHECK(stored[1].activity.title == "直播带岗（第二场）");
  CHECK(stored[1].sequence == 1);
  CHECK(stored[1].created == at(1));
  CHECK(stored[1].last_modified == at(5));
  for (int i : {0, 2}) {
    CHECK(stored[i].sequence == 0);
    CHECK(stored[i].last_modified == at(1));
  }
  CHECK(store.plans().list_plans()[0].last_modified == at(5));
  CHECK(*store.plans().load_plan(plan.id) == plan);
}

TEST_CASE("sqlite store: removing an activity never moves last_modified backwards") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  Plan plan = sample_plan();
  store.plans().import_plan(plan, at(10));
  plan.items[0].activities.pop_back();
  CHECK(store.plans().import_plan(plan, at(3)) == ImportStats{0, 0, 1, 2});
  CHECK(store.plans().data_version() == 2);
  CHECK(store.plans().list_plans()[0].last_modified == at(10));
  CHECK(store.plans().list_plans()[0].activities == 2);
  CHECK(*store.plans().load_plan(plan.id) == plan);
}

TEST_CASE("sqlite store: a metadata-only change bumps data_version, not activities") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  Plan plan = sample_plan();
  store.plans().import_plan(plan, at(1));
  plan.units[1].phones = {"57920000"};
  plan.items[2].policy->channel = "窗口办理";
  CHECK(store.plans().import_plan(plan, at(2)) == ImportStats{0, 0, 0, 3});
  CHECK(store.plans().data_version() == 2);
  CHECK(store.plans().list_plans()[0].last_modified == at(2));
  CHECK(*store.plans().load_plan(plan.id) == plan);
}

TEST_CASE("sqlite store: a failing import leaves the previous content intact") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"));
  const Plan original = sample_plan();
  store.plans().import_plan(original, at(1));
  Plan broken = original;
  broken.title = "changed, then rolled back";
  broken.items[1].activities[0].title = "changed, then rolled back";

  SUBCASE("duplicate activity key") {
    broken.items[2].activities.push_back(original.items[0].activities[0]);
    CHECK_THROWS_WITH_AS(store.plans().import_plan(broken, at(2)),
                         doctest::Contains("duplicate activity key m5.1"), StoreError);
  }
  SUBCASE("an item names an unknown unit") {
    broken.items[0].units.push_back("nobody");
    CHECK_THROWS_WITH_AS(store.plans().import_plan(broken, at(2)), doctest::Contains("FOREIGN KEY"),
                         StoreError);
  }
  SUBCASE("a reading with an impossible date") {
    broken.items[2].activities.push_back(original.items[1].activities[0]);
    broken.items[2].activities[0].key = "a1.1";
    broken.items[2].activities[0].schedule.alternatives.push_back(Reading{});
    CHECK_THROWS_WITH_AS(store.plans().import_plan(broken, at(2)),
                         doctest::Contains("invalid date"), StoreError);
  }
  CHECK(store.plans().data_version() == 1);
  CHECK(*store.plans().load_plan(original.id) == original);
  CHECK(store.plans().list_plans()[0].last_modified == at(1));
  CHECK(store.plans().import_plan(original, at(3)) == ImportStats{0, 0, 0, 3});
}
