#include "calendar/sqlite/sqlite_migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <string_view>

#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

// Migration N is kMigrations[N - 1]. Dates are ISO text (NULL when unset), times are Unix
// seconds, string lists are JSON arrays, a reading is reading_to_json() text.
constexpr std::array<std::string_view, 5> kMigrations = {
    // 1: plans, units, items, activities, meta.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('data_version', 0);

CREATE TABLE plans (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  document_number TEXT NOT NULL,
  published       TEXT,
  effective_from  TEXT,
  effective_until TEXT,
  timezone        TEXT NOT NULL,
  year            INTEGER NOT NULL,
  escalation_unit TEXT NOT NULL,
  last_modified   INTEGER NOT NULL  -- never decreases
) STRICT;

CREATE TABLE units (
  plan_id         TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  position        INTEGER NOT NULL,
  name            TEXT NOT NULL,
  full_name       TEXT NOT NULL,
  aliases         TEXT NOT NULL,
  phones          TEXT NOT NULL,
  emails          TEXT NOT NULL,
  escalation_unit TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
) STRICT;

CREATE TABLE items (
  plan_id             TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id                  TEXT NOT NULL,
  position            INTEGER NOT NULL,
  kind                TEXT NOT NULL,
  section             TEXT NOT NULL,
  number              TEXT NOT NULL,
  title               TEXT NOT NULL,
  text                TEXT NOT NULL,
  schedule_text       TEXT NOT NULL,
  phones              TEXT NOT NULL,
  has_policy          INTEGER NOT NULL,
  policy_status       TEXT,
  policy_is_new       INTEGER,
  policy_channel      TEXT,
  policy_instant      INTEGER,  -- NULL: the table says neither
  policy_instant_note TEXT,
  PRIMARY KEY (plan_id, id)
) STRICT;

CREATE TABLE item_units (
  plan_id  TEXT NOT NULL,
  item_id  TEXT NOT NULL,
  position INTEGER NOT NULL,  -- 0 is the lead unit
  unit_id  TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_id, position),
  FOREIGN KEY (plan_id, item_id) REFERENCES items (plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, unit_id) REFERENCES units (plan_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX item_units_by_unit ON item_units (plan_id, unit_id);

CREATE TABLE activities (
  uid           TEXT PRIMARY KEY,
  plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  item_position INTEGER NOT NULL,  -- the containing item's position in the plan
  position      INTEGER NOT NULL,  -- the activity's position within that item
  item_id       TEXT NOT NULL,
  key           TEXT NOT NULL,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL,
  reading       TEXT NOT NULL,
  location      TEXT NOT NULL,
  source_phrase TEXT NOT NULL,
  pinned        INTEGER NOT NULL,
  public        INTEGER NOT NULL,
  units         TEXT NOT NULL,
  fingerprint   INTEGER NOT NULL,  -- activity_fingerprint() of the content above
  sequence      INTEGER NOT NULL,
  created       INTEGER NOT NULL,
  last_modified INTEGER NOT NULL
) STRICT;
CREATE INDEX activities_by_plan ON activities (plan_id, item_position, position);
)sql",
    // 2: reminder outbox, acknowledgements, feed tokens, audit log (sqlite_outbox.cpp, ...).
    R"sql(
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,  -- ReminderKey::to_string()
  activity_uid    TEXT NOT NULL,
  occurrence      TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  lead_days       INTEGER NOT NULL,
  escalated_unit  TEXT NOT NULL,
  plan_id         TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  about_unit      TEXT NOT NULL,
  message_id      TEXT NOT NULL,  -- fixed at insertion
  send_at         INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped')),
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER,
  snoozed_until   INTEGER,
  last_error      TEXT NOT NULL,
  late            INTEGER NOT NULL,
  created         INTEGER NOT NULL,
  updated         INTEGER NOT NULL,
  sent_at         INTEGER,
  due_at          INTEGER NOT NULL GENERATED ALWAYS AS (max(send_at,
                    coalesce(next_attempt_at, send_at), coalesce(snoozed_until, send_at)))
) STRICT;
-- next_due(), claim_due(), recover_in_flight() and counts() read only this index.
CREATE INDEX outbox_by_state_due ON outbox (state, due_at);

-- A single row: the scheduler's last planning and the last delivery error.
CREATE TABLE outbox_status (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  last_planned_at INTEGER,
  last_error_key  TEXT,
  last_error      TEXT,
  last_error_at   INTEGER
) STRICT;
INSERT INTO outbox_status (id) VALUES (1);

-- Not tied to plans/items by foreign keys: re-importing a plan must not drop them.
CREATE TABLE acknowledgements (
  plan_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  note    TEXT NOT NULL,
  by_uid  INTEGER NOT NULL,
  at      INTEGER NOT NULL,
  PRIMARY KEY (plan_id, item_id, unit_id)
) STRICT;

CREATE TABLE feed_tokens (
  unit_id TEXT PRIMARY KEY,
  token   TEXT NOT NULL UNIQUE,
  created INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,  -- increasing: the order of the entries
  at        INTEGER NOT NULL,
  by_uid    INTEGER NOT NULL,
  command   TEXT NOT NULL,
  arguments TEXT NOT NULL CHECK (json_valid(arguments)),
  result    TEXT NOT NULL
) STRICT;
)sql",
    // 3: what the units report through their personal links (sqlite_unit_actions.cpp).
    R"sql(
CREATE TABLE unit_actions (
  id      INTEGER PRIMARY KEY,  -- increasing: the order of the actions
  plan_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('receipt', 'progress', 'done', 'extend')),
  note    TEXT NOT NULL,
  until   TEXT CHECK ((kind = 'extend') = (until IS NOT NULL)),
  at      INTEGER NOT NULL,
  client  TEXT NOT NULL
) STRICT;
CREATE INDEX unit_actions_by_item ON unit_actions (plan_id, item_id, unit_id);

-- The operators' decision on an extend action; none while it is pending.
CREATE TABLE extension_decisions (
  action_id  INTEGER PRIMARY KEY REFERENCES unit_actions (id),
  approved   INTEGER NOT NULL,
  note       TEXT NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_at INTEGER NOT NULL
) STRICT;
)sql",
    // 4: the channel of an outbox row: '' for e-mail, else the id of a chat robot of the
    // recipient (ReminderKey::channel, also the key's "/@<channel>" suffix).
    R"sql(
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT '';
)sql",
    // 5: claims with a lease (the instance that is sending a row, and until when its claim
    // holds), and the instances that share the database (docs/scale-out.md).
    R"sql(
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
CREATE TABLE instances (
  id      TEXT PRIMARY KEY,
  host    TEXT NOT NULL,
  pid     INTEGER NOT NULL,
  started INTEGER NOT NULL,
  seen    INTEGER NOT NULL
) STRICT;
)sql",
};

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate_schema(SQLite::Database& db) { migrate_schema_to(db, latest_schema_version()); }

void migrate_schema_to(SQLite::Database& db, int target) {
  // The version is read inside the write transaction, so two processes opening the same
  // new database do not both apply a migration.
  for (;;) {
    int version = 0;
    try {
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      version = user_version(db);
      if (version > latest_schema_version()) {
        throw StoreError("database schema version " + std::to_string(version) +
                         " is newer than this plancal supports (" +
                         std::to_string(latest_schema_version()) + "); upgrade plancal");
      }
      if (version >= target) return;
      db.exec(std::string(kMigrations[version]));
      db.exec("PRAGMA user_version = " + std::to_string(version + 1));
      transaction.commit();
    } catch (const SQLite::Exception& e) {
      throw StoreError("migrating schema from version " + std::to_string(version) + ": " +
                       e.what());
    }
  }
}

}  // namespace plancal::calendar
