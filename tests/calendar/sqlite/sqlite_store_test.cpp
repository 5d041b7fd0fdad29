#include "calendar/sqlite/sqlite_store.hpp"
#include "calendar/backends/open_store.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "calendar/model/uid.hpp"
#include "calendar/sqlite/sqlite_migrations.hpp"
#include "tests/support/sample_plan.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal::calendar;
using plancal::testing::sample_plan;
using plancal::testing::TempDir;
namespace fs = std::filesystem;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 19'000 * 24}}; }

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("sqlite store: a fresh database gets the latest schema, WAL and foreign keys") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"), "local");
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

// A version 0 database is an empty file: taken as new only when told to (plancald --init).
TEST_CASE("sqlite store: migrates a version 0 database when an empty file is accepted") {
  TempDir dir;
  {
    SQLite::Database db(dir.file("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate_schema_to(db, 0);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 0);
  }
  CHECK_THROWS_AS((SqliteStore{dir.file("old.db"), "local"}), StoreError);
  SqliteStore store(dir.file("old.db"), "local", true);
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
    SqliteStore store(dir.file("new.db"), "local");
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
  CHECK_THROWS_WITH_AS(SqliteStore(dir.file("garbage.db"), "local"),
                       doctest::Contains("not a database"), StoreError);
}

TEST_CASE("sqlite store: re-importing the same plan writes nothing") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  SqliteStore store(path, "local");
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

TEST_CASE("sqlite store: a failing import leaves the previous content intact") {
  TempDir dir;
  SqliteStore store(dir.file("plancal.db"), "local");
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

TEST_CASE("sqlite store: a new database is the owner's only; an emptied one is refused") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  { SqliteStore store(path, "local"); }
  CHECK((fs::status(path).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  const std::string emptied = dir.file("emptied.db");
  std::ofstream(emptied).close();  // a database file that lost its content
  CHECK_THROWS_WITH_AS((SqliteStore{emptied, "local"}), doctest::Contains("exists but is empty"),
                       StoreError);
  CHECK_NOTHROW((SqliteStore{emptied, "local", true}));
}
