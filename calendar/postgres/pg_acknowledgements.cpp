#include "calendar/postgres/pg_acknowledgements.hpp"

#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"

namespace plancal::calendar {
namespace {

std::string describe(std::string_view plan_id, std::string_view item_id, std::string_view unit_id) {
  return std::string(plan_id) + "/" + std::string(item_id) + " by " + std::string(unit_id);
}

}  // namespace

bool PgAcknowledgements::ack(std::string_view plan_id, std::string_view item_id,
                             std::string_view unit_id, std::string_view note, std::int64_t by_uid,
                             TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    // xmax = 0 only for a row this statement inserted (not one it updated).
    const pqxx::result r = tx.exec_params(
        "INSERT INTO acknowledgements (plan_id, item_id, unit_id, note, by_uid, at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (plan_id, item_id, unit_id) DO UPDATE SET "
        "note = excluded.note, by_uid = excluded.by_uid, at = excluded.at "
        "RETURNING (xmax = 0)",
        std::string(plan_id), std::string(item_id), std::string(unit_id), std::string(note), by_uid,
        time_to_seconds(now));
    tx.commit();
    return r[0][0].as<bool>();
  } catch (...) {
    db_.rethrow("acknowledging " + describe(plan_id, item_id, unit_id));
  }
}

bool PgAcknowledgements::unack(std::string_view plan_id, std::string_view item_id,
                               std::string_view unit_id) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        "DELETE FROM acknowledgements WHERE plan_id = $1 AND item_id = $2 AND unit_id = $3",
        std::string(plan_id), std::string(item_id), std::string(unit_id));
    tx.commit();
    return r.affected_rows() == 1;
  } catch (...) {
    db_.rethrow("withdrawing the acknowledgement of " + describe(plan_id, item_id, unit_id));
  }
}

std::vector<Acknowledgement> PgAcknowledgements::list(std::string_view plan_id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<Acknowledgement> acks;
    for (const auto& row : tx.exec_params(
             "SELECT item_id, unit_id, note, by_uid, at FROM acknowledgements WHERE plan_id = $1 "
             "ORDER BY item_id COLLATE \"C\", unit_id COLLATE \"C\"",
             std::string(plan_id)))
      acks.push_back({std::string(plan_id), row[0].as<std::string>(), row[1].as<std::string>(),
                      row[2].as<std::string>(), row[3].as<std::int64_t>(), time_field(row[4])});
    return acks;
  } catch (...) {
    db_.rethrow("listing the acknowledgements of " + std::string(plan_id));
  }
}

std::set<std::pair<std::string, std::string>> PgAcknowledgements::acknowledged(
    std::string_view plan_id) {
  return acknowledged_pairs(list(plan_id));
}

}  // namespace plancal::calendar
