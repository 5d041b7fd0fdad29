#include "calendar/postgres/pg_unit_actions.hpp"

#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

constexpr const char* kActionColumns =
    "a.id, a.plan_id, a.item_id, a.unit_id, a.kind, a.note, a.until, a.at, a.client";

UnitAction action_row(const pqxx::row& row) {
  UnitAction a;
  a.id = row[0].as<std::int64_t>();
  a.plan_id = row[1].as<std::string>();
  a.item_id = row[2].as<std::string>();
  a.unit_id = row[3].as<std::string>();
  const auto kind = parse_unit_action_kind(row[4].as<std::string>());
  if (!kind) throw StoreError("unknown unit action kind " + row[4].as<std::string>());
  a.kind = *kind;
  a.note = row[5].as<std::string>();
  if (!row[6].is_null()) a.until = date_field(row[6]);
  a.at = time_field(row[7]);
  a.client = row[8].as<std::string>();
  return a;
}

std::string describe(const UnitAction& a) {
  return std::string(to_string(a.kind)) + " of " + a.plan_id + "/" + a.item_id + " by " + a.unit_id;
}

// True when `action` repeats what the unit already said about the item.
bool repeats(pqxx::transaction_base& tx, const UnitAction& action) {
  if (action.kind == UnitActionKind::kReceipt) {
    return !tx.exec_params(
                  "SELECT 1 FROM unit_actions WHERE plan_id = $1 AND item_id = $2 "
                  "AND unit_id = $3 AND kind = 'receipt'",
                  action.plan_id, action.item_id, action.unit_id)
                .empty();
  }
  const pqxx::result latest =
      tx.exec_params(std::string("SELECT ") + kActionColumns +
                         " FROM unit_actions a WHERE plan_id = $1 AND item_id = $2 "
                         "AND unit_id = $3 ORDER BY id DESC LIMIT 1",
                     action.plan_id, action.item_id, action.unit_id);
  if (latest.empty()) return false;
  const UnitAction last = action_row(latest[0]);
  return last.kind == action.kind && last.note == action.note && last.until == action.until;
}

std::vector<ExtensionRequest> query_extensions(pqxx::transaction_base& tx, const std::string& where,
                                               const std::string& value) {
  std::vector<ExtensionRequest> out;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kActionColumns +
                                            ", d.approved, d.note, d.decided_by, d.decided_at "
                                            "FROM unit_actions a LEFT JOIN extension_decisions d "
                                            "ON d.action_id = a.id WHERE a.kind = 'extend' AND " +
                                            where + " ORDER BY a.id",
                                        value)) {
    ExtensionRequest e;
    e.request = action_row(row);
    if (!row[9].is_null()) {
      e.state = row[9].as<bool>() ? ExtensionState::kApproved : ExtensionState::kRejected;
      e.decision_note = row[10].as<std::string>();
      e.decided_by = row[11].as<std::int64_t>();
      e.decided_at = time_field(row[12]);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> PgUnitActions::record(const UnitAction& action, TimePoint now) {
  if ((action.kind == UnitActionKind::kExtend) != action.until.has_value())
    throw StoreError(describe(action) + ": a date goes with an extension request, and only there");
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params(
        "SELECT pg_advisory_xact_lock(hashtext($1))",
        "plancal.unit_actions/" + action.plan_id + "/" + action.item_id + "/" + action.unit_id);
    if (repeats(tx, action)) return std::nullopt;
    const pqxx::result r = tx.exec_params(
        "INSERT INTO unit_actions (plan_id, item_id, unit_id, kind, note, until, at, client) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        action.plan_id, action.item_id, action.unit_id, std::string(to_string(action.kind)),
        action.note,
        action.until ? date_to_text(*action.until, "until") : std::optional<std::string>(),
        time_to_seconds(now), action.client);
    tx.commit();
    return r[0][0].as<std::int64_t>();
  } catch (...) {
    db_.rethrow("recording the " + describe(action));
  }
}

std::vector<UnitAction> PgUnitActions::list(std::string_view plan_id, std::string_view item_id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<UnitAction> out;
    for (const auto& row : tx.exec_params(std::string("SELECT ") + kActionColumns +
                                              " FROM unit_actions a WHERE plan_id = $1 AND "
                                              "($2 = '' OR item_id = $2) ORDER BY id",
                                          std::string(plan_id), std::string(item_id)))
      out.push_back(action_row(row));
    return out;
  } catch (...) {
    db_.rethrow("listing the unit actions of " + std::string(plan_id));
  }
}

std::vector<ExtensionRequest> PgUnitActions::extensions(std::string_view plan_id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    return query_extensions(tx, "($1 = '' OR a.plan_id = $1)", std::string(plan_id));
  } catch (...) {
    db_.rethrow("listing the extension requests");
  }
}

std::optional<ExtensionRequest> PgUnitActions::extension(std::int64_t id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    auto found = query_extensions(tx, "a.id = $1::bigint", std::to_string(id));
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  } catch (...) {
    db_.rethrow("reading extension request " + std::to_string(id));
  }
}

bool PgUnitActions::decide_extension(std::int64_t id, bool approve, std::string_view note,
                                     std::int64_t by_uid, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    // The insert is the decision; the key on action_id makes a second one a no-op.
    const pqxx::result r = tx.exec_params(
        "INSERT INTO extension_decisions (action_id, approved, note, decided_by, decided_at) "
        "SELECT a.id, $2, $3, $4, $5 FROM unit_actions a WHERE a.id = $1 AND a.kind = 'extend' "
        "ON CONFLICT (action_id) DO NOTHING",
        id, approve, std::string(note), by_uid, time_to_seconds(now));
    tx.commit();
    return r.affected_rows() == 1;
  } catch (...) {
    db_.rethrow("deciding extension request " + std::to_string(id));
  }
}

ApprovedExtensions PgUnitActions::approved_extensions(std::string_view plan_id) {
  return approved_dates(extensions(plan_id));
}

}  // namespace plancal::calendar
