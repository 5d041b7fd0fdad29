#include "calendar/postgres/pg_migrations.hpp"

#include <pqxx/transaction>

#include <array>
#include <string>
#include <string_view>

#include "calendar/postgres/pg_locks.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

// Migration N is kMigrations[N - 1]. The same tables as the SQLite store's first five
// migrations (calendar/sqlite/sqlite_migrations.cpp), in PostgreSQL's types.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
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
  last_modified   BIGINT NOT NULL  -- never decreases
);

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
);

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
  has_policy          BOOLEAN NOT NULL,
  policy_status       TEXT,
  policy_is_new       BOOLEAN,
  policy_channel      TEXT,
  policy_instant      BOOLEAN,  -- NULL: the table says neither
  policy_instant_note TEXT,
  PRIMARY KEY (plan_id, id)
);

CREATE TABLE item_units (
  plan_id  TEXT NOT NULL,
  item_id  TEXT NOT NULL,
  position INTEGER NOT NULL,  -- 0 is the lead unit
  unit_id  TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_id, position),
  FOREIGN KEY (plan_id, item_id) REFERENCES items (plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, unit_id) REFERENCES units (plan_id, id) ON DELETE CASCADE
);
CREATE INDEX item_units_by_unit ON item_units (plan_id, unit_id);

CREATE TABLE activities (
  uid           TEXT PRIMARY KEY,
  plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  item_position BIGINT NOT NULL,
  position      BIGINT NOT NULL,
  item_id       TEXT NOT NULL,
  key           TEXT NOT NULL,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL,
  reading       TEXT NOT NULL,
  location      TEXT NOT NULL,
  source_phrase TEXT NOT NULL,
  pinned        BOOLEAN NOT NULL,
  public        BOOLEAN NOT NULL,
  units         TEXT NOT NULL,
  fingerprint   BIGINT NOT NULL,  -- activity_fingerprint(), its 64 bits as a signed number
  sequence      INTEGER NOT NULL,
  created       BIGINT NOT NULL,
  last_modified BIGINT NOT NULL
);
CREATE INDEX activities_by_plan ON activities (plan_id, item_position, position);

CREATE TABLE outbox (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,  -- ReminderKey::to_string()
  activity_uid    TEXT NOT NULL,
  occurrence      TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  kind            TEXT NOT NULL,
  lead_days       INTEGER NOT NULL,
  escalated_unit  TEXT NOT NULL,
  channel         TEXT NOT NULL,
  plan_id         TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  about_unit      TEXT NOT NULL,
  message_id      TEXT NOT NULL,  -- fixed at insertion
  send_at         BIGINT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped')),
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT,
  snoozed_until   BIGINT,
  last_error      TEXT NOT NULL,
  late            BOOLEAN NOT NULL,
  created         BIGINT NOT NULL,
  updated         BIGINT NOT NULL,
  sent_at         BIGINT,
  claimed_by      TEXT NOT NULL DEFAULT '',  -- sending: the instance that claimed the row
  lease_until     BIGINT,                    -- sending: the claim is void after this
  due_at          BIGINT NOT NULL GENERATED ALWAYS AS (GREATEST(send_at,
                    COALESCE(next_attempt_at, send_at), COALESCE(snoozed_until, send_at))) STORED
);
CREATE INDEX outbox_by_state_due ON outbox (state, due_at);

CREATE TABLE outbox_status (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  last_planned_at BIGINT,
  last_error_key  TEXT,
  last_error      TEXT,
  last_error_at   BIGINT
);
INSERT INTO outbox_status (id) VALUES (1);

CREATE TABLE acknowledgements (
  plan_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  note    TEXT NOT NULL,
  by_uid  BIGINT NOT NULL,
  at      BIGINT NOT NULL,
  PRIMARY KEY (plan_id, item_id, unit_id)
);

CREATE TABLE feed_tokens (
  unit_id TEXT PRIMARY KEY,
  token   TEXT NOT NULL UNIQUE,
  created BIGINT NOT NULL
);

CREATE TABLE audit_log (
  id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        BIGINT NOT NULL,
  by_uid    BIGINT NOT NULL,
  command   TEXT NOT NULL,
  arguments TEXT NOT NULL CHECK (arguments::json IS NOT NULL),  -- kept as written
  result    TEXT NOT NULL
);

CREATE TABLE unit_actions (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('receipt', 'progress', 'done', 'extend')),
  note    TEXT NOT NULL,
  until   TEXT CHECK ((kind = 'extend') = (until IS NOT NULL)),
  at      BIGINT NOT NULL,
  client  TEXT NOT NULL
);
CREATE INDEX unit_actions_by_item ON unit_actions (plan_id, item_id, unit_id);

CREATE TABLE extension_decisions (
  action_id  BIGINT PRIMARY KEY REFERENCES unit_actions (id),
  approved   BOOLEAN NOT NULL,
  note       TEXT NOT NULL,
  decided_by BIGINT NOT NULL,
  decided_at BIGINT NOT NULL
);

CREATE TABLE instances (
  id      TEXT PRIMARY KEY,
  host    TEXT NOT NULL,
  pid     BIGINT NOT NULL,
  started BIGINT NOT NULL,
  seen    BIGINT NOT NULL
);
)sql",
};

int read_version(pqxx::transaction_base& tx) {
  tx.exec0("CREATE TABLE IF NOT EXISTS plancal_schema (version INTEGER NOT NULL)");
  const pqxx::result rows = tx.exec("SELECT max(version) FROM plancal_schema");
  return rows[0][0].is_null() ? 0 : rows[0][0].as<int>();
}

}  // namespace

int latest_pg_schema_version() { return static_cast<int>(kMigrations.size()); }

int pg_schema_version(pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  const pqxx::result exists = tx.exec("SELECT to_regclass('plancal_schema') IS NOT NULL");
  if (!exists[0][0].as<bool>()) return 0;
  const pqxx::result rows = tx.exec("SELECT max(version) FROM plancal_schema");
  return rows[0][0].is_null() ? 0 : rows[0][0].as<int>();
}

void migrate_pg_schema(pqxx::connection& connection) {
  for (;;) {
    pqxx::work tx(connection);
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
    const int version = read_version(tx);
    if (version > latest_pg_schema_version()) {
      throw StoreError("database schema version " + std::to_string(version) +
                       " is newer than this plancal supports (" +
                       std::to_string(latest_pg_schema_version()) + "); upgrade plancal");
    }
    if (version >= latest_pg_schema_version()) return;
    tx.exec0(std::string(kMigrations[version]));
    tx.exec_params0("INSERT INTO plancal_schema (version) VALUES ($1)", version + 1);
    tx.commit();
  }
}

}  // namespace plancal::calendar
