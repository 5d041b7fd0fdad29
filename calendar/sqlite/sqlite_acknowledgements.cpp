#include "calendar/sqlite/sqlite_acknowledgements.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"

namespace plancal::calendar {
namespace {

std::string describe(std::string_view plan_id, std::string_view item_id, std::string_view unit_id) {
  return std::string(plan_id) + "/" + std::string(item_id) + " by " + std::string(unit_id);
}

void bind_item_unit(SQLite::Statement& statement, std::string_view plan_id,
                    std::string_view item_id, std::string_view unit_id) {
  statement.bind(1, std::string(plan_id));
  statement.bind(2, std::string(item_id));
  statement.bind(3, std::string(unit_id));
}

}  // namespace

bool SqliteAcknowledgements::ack(std::string_view plan_id, std::string_view item_id,
                                 std::string_view unit_id, std::string_view note,
                                 std::int64_t by_uid, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement existing(db_,
                               "SELECT 1 FROM acknowledgements "
                               "WHERE plan_id = ? AND item_id = ? AND unit_id = ?");
    bind_item_unit(existing, plan_id, item_id, unit_id);
    const bool is_new = !existing.executeStep();
    SQLite::Statement upsert(db_,
                             "INSERT INTO acknowledgements (plan_id, item_id, unit_id, note, "
                             "by_uid, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                             "note = excluded.note, by_uid = excluded.by_uid, at = excluded.at");
    bind_item_unit(upsert, plan_id, item_id, unit_id);
    upsert.bind(4, std::string(note));
    upsert.bind(5, by_uid);
    upsert.bind(6, time_column_value(now));
    upsert.exec();
    transaction.commit();
    return is_new;
  } catch (...) {
    rethrow_store_error(path_, "acknowledging " + describe(plan_id, item_id, unit_id));
  }
}

bool SqliteAcknowledgements::unack(std::string_view plan_id, std::string_view item_id,
                                   std::string_view unit_id) {
  try {
    SQLite::Statement remove(db_,
                             "DELETE FROM acknowledgements "
                             "WHERE plan_id = ? AND item_id = ? AND unit_id = ?");
    bind_item_unit(remove, plan_id, item_id, unit_id);
    return remove.exec() == 1;
  } catch (...) {
    rethrow_store_error(
        path_, "withdrawing the acknowledgement of " + describe(plan_id, item_id, unit_id));
  }
}

std::vector<Acknowledgement> SqliteAcknowledgements::list(std::string_view plan_id) {
  try {
    SQLite::Statement query(db_,
                            "SELECT item_id, unit_id, note, by_uid, at FROM acknowledgements "
                            "WHERE plan_id = ? ORDER BY item_id, unit_id");
    query.bind(1, std::string(plan_id));
    std::vector<Acknowledgement> acks;
    while (query.executeStep()) {
      acks.push_back({std::string(plan_id), query.getColumn(0).getString(),
                      query.getColumn(1).getString(), query.getColumn(2).getString(),
                      query.getColumn(3).getInt64(), time_column(query.getColumn(4))});
    }
    return acks;
  } catch (...) {
    rethrow_store_error(path_, "listing the acknowledgements of " + std::string(plan_id));
  }
}

std::set<std::pair<std::string, std::string>> SqliteAcknowledgements::acknowledged(
    std::string_view plan_id) {
  return acknowledged_pairs(list(plan_id));
}

}  // namespace plancal::calendar
