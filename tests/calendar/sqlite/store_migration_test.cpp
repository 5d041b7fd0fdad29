// Upgrading a database written by an older plancal keeps its data.
#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include "calendar/backends/open_store.hpp"
#include "calendar/sqlite/sqlite_migrations.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal::calendar;
using plancal::testing::TempDir;

TEST_CASE("store migration: a version 1 database is upgraded to the latest (3) with its data") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate_schema_to(db, 1);
    db.exec(
        "INSERT INTO plans (id, title, issuer, document_number, timezone, year, "
        "escalation_unit, last_modified) VALUES ('jinshan-2023', '行动方案', '区发改委', "
        "'金发改规〔2023〕1号', 'Asia/Shanghai', 2023, 'fgw', 1700000000)");
    db.exec("UPDATE meta SET value = 7 WHERE key = 'data_version'");
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
  }
  auto store = open_store({path});
  CHECK(store->schema_version() == 3);
  CHECK(latest_schema_version() == 3);
  CHECK(store->plans().data_version() == 7);
  const auto plans = store->plans().list_plans();
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].document_number == "金发改规〔2023〕1号");

  CHECK(store->outbox().counts() == OutboxCounts{});
  CHECK_FALSE(store->outbox().last_planned_at());
  CHECK(store->acknowledgements().list("jinshan-2023").empty());
  CHECK(store->feed_tokens().list().empty());
  CHECK(store->audit_log().recent(1).empty());
  CHECK(store->unit_actions().list("jinshan-2023").empty());
}
