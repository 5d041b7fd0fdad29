// Upgrading a database written by an older plancal keeps its data.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include "calendar/backends/open_store.hpp"
#include "calendar/sqlite/sqlite_migrations.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal::calendar;
using plancal::testing::TempDir;

TEST_CASE("store migration: a version 1 database is upgraded to the latest (5) with its data") {
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
  CHECK(store->schema_version() == 5);
  CHECK(latest_schema_version() == 5);
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

TEST_CASE("store migration: version 4 gives the outbox rows of version 3 the e-mail channel") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  ReminderKey key{
      "jinshan-2023.p9.1", make_date(2023, 12, 20), "swj", ReminderKind::kBeforeDeadline, 30, ""};
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate_schema_to(db, 3);
    SQLite::Statement insert(
        db,
        "INSERT INTO outbox (key, activity_uid, occurrence, unit_id, kind, lead_days, "
        "escalated_unit, plan_id, item_id, about_unit, message_id, send_at, state, attempts, "
        "last_error, late, created, updated) VALUES (?, ?, '2023-12-20', 'swj', "
        "'before_deadline', 30, '', 'jinshan-2023', 'p9', 'swj', 'm@plancal', 1700000000, "
        "'pending', 0, '', 0, 1700000000, 1700000000)");
    insert.bind(1, key.to_string());
    insert.bind(2, key.activity_uid);
    insert.exec();
  }
  auto store = open_store({path});
  CHECK(store->schema_version() == 5);
  const auto entry = store->outbox().find(key.to_string());
  REQUIRE(entry);
  CHECK(entry->key == key);
  CHECK(entry->key.channel.empty());

  // A chat channel is a row of its own beside the e-mail's.
  ReminderKey chat = key;
  chat.channel = "group";
  CHECK(chat.to_string() == key.to_string() + "/@group");
  PlannedReminder email{key, TimePoint{std::chrono::seconds(1700000000)}, "jinshan-2023", "p9",
                        "swj"};
  PlannedReminder robot = email;
  robot.key = chat;
  const auto result =
      store->outbox().replan({email, robot}, TimePoint{std::chrono::seconds(1600000000)});
  CHECK(result.inserted == 1);
  CHECK(result.unchanged == 1);
  const auto stored = store->outbox().find(chat.to_string());
  REQUIRE(stored);
  CHECK(stored->key.channel == "group");
  CHECK(stored->message_id != entry->message_id);
}

TEST_CASE("store migration: version 5 takes back rows a version 4 daemon left sending") {
  TempDir dir;
  const std::string path = dir.file("plancal.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate_schema_to(db, 4);
    db.exec(
        "INSERT INTO outbox (key, activity_uid, occurrence, unit_id, kind, lead_days, "
        "escalated_unit, plan_id, item_id, about_unit, message_id, send_at, state, attempts, "
        "last_error, late, created, updated) VALUES ('k', 'u', '2023-12-20', 'swj', "
        "'before_deadline', 30, '', 'jinshan-2023', 'p9', 'swj', 'm@plancal', 1700000000, "
        "'sending', 1, '', 0, 1700000000, 1700000000)");
  }
  auto store = open_store({path, false, "", "some-host"});
  const auto entry = store->outbox().find("k");
  REQUIRE(entry);
  CHECK(entry->claimed_by.empty());  // claimed before claims had owners
  CHECK_FALSE(entry->lease_until);   // and leases: it counts as lapsed
  CHECK(store->outbox().recover_in_flight(TimePoint{std::chrono::seconds(1700000001)}) == 1);
  CHECK(store->outbox().find("k")->state == OutboxState::kPending);
  CHECK(store->instances().live(TimePoint{}).empty());
}
