#include "calendar/sqlite/sqlite_unit_actions.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

constexpr const char* kActionColumns =
    "a.id, a.plan_id, a.item_id, a.unit_id, a.kind, a.note, a.until, a.at, a.client";

UnitAction action_row(SQLite::Statement& row) {
  UnitAction a;
  a.id = row.getColumn(0).getInt64();
  a.plan_id = row.getColumn(1).getString();
  a.item_id = row.getColumn(2).getString();
  a.unit_id = row.getColumn(3).getString();
  const auto kind = parse_unit_action_kind(row.getColumn(4).getString());
  if (!kind) throw StoreError("unknown unit action kind " + row.getColumn(4).getString());
  a.kind = *kind;
  a.note = row.getColumn(5).getString();
  if (!row.getColumn(6).isNull()) a.until = date_column(row.getColumn(6));
  a.at = time_column(row.getColumn(7));
  a.client = row.getColumn(8).getString();
  return a;
}

std::string describe(const UnitAction& a) {
  return std::string(to_string(a.kind)) + " of " + a.plan_id + "/" + a.item_id + " by " + a.unit_id;
}

// True when `action` repeats what the unit already said about the item.
bool repeats(SQLite::Database& db, const UnitAction& action) {
  if (action.kind == UnitActionKind::kReceipt) {
    SQLite::Statement signed_for(db,
                                 "SELECT 1 FROM unit_actions WHERE plan_id = ? AND item_id = ? "
                                 "AND unit_id = ? AND kind = 'receipt'");
    signed_for.bind(1, action.plan_id);
    signed_for.bind(2, action.item_id);
    signed_for.bind(3, action.unit_id);
    return signed_for.executeStep();
  }
  SQLite::Statement latest(db, std::string("SELECT ") + kActionColumns +
                                   " FROM unit_actions a WHERE plan_id = ? AND item_id = ? "
                                   "AND unit_id = ? ORDER BY id DESC LIMIT 1");
  latest.bind(1, action.plan_id);
  latest.bind(2, action.item_id);
  latest.bind(3, action.unit_id);
  if (!latest.executeStep()) return false;
  const UnitAction last = action_row(latest);
  return last.kind == action.kind && last.note == action.note && last.until == action.until;
}

}  // namespace

std::optional<std::int64_t> SqliteUnitActions::record(const UnitAction& action, TimePoint now) {
  if ((action.kind == UnitActionKind::kExtend) != action.until.has_value())
    throw StoreError(describe(action) + ": a date goes with an extension request, and only there");
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (repeats(db_, action)) return std::nullopt;
    SQLite::Statement insert(db_,
                             "INSERT INTO unit_actions (plan_id, item_id, unit_id, kind, note, "
                             "until, at, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, action.plan_id);
    insert.bind(2, action.item_id);
    insert.bind(3, action.unit_id);
    insert.bind(4, std::string(to_string(action.kind)));
    insert.bind(5, action.note);
    if (action.until)
      bind_date(insert, 6, *action.until, "until");
    else
      insert.bind(6);
    insert.bind(7, time_column_value(now));
    insert.bind(8, action.client);
    insert.exec();
    const std::int64_t id = db_.getLastInsertRowid();
    transaction.commit();
    return id;
  } catch (...) {
    rethrow_store_error(path_, "recording the " + describe(action));
  }
}

std::vector<UnitAction> SqliteUnitActions::list(std::string_view plan_id,
                                                std::string_view item_id) {
  try {
    SQLite::Statement query(db_, std::string("SELECT ") + kActionColumns +
                                     " FROM unit_actions a WHERE plan_id = ?1 AND "
                                     "(?2 = '' OR item_id = ?2) ORDER BY id");
    query.bind(1, std::string(plan_id));
    query.bind(2, std::string(item_id));
    std::vector<UnitAction> out;
    while (query.executeStep()) out.push_back(action_row(query));
    return out;
  } catch (...) {
    rethrow_store_error(path_, "listing the unit actions of " + std::string(plan_id));
  }
}

std::vector<ExtensionRequest> SqliteUnitActions::query_extensions(const std::string& where,
                                                                  const std::string& value) {
  SQLite::Statement query(db_, std::string("SELECT ") + kActionColumns +
                                   ", d.approved, d.note, d.decided_by, d.decided_at "
                                   "FROM unit_actions a LEFT JOIN extension_decisions d "
                                   "ON d.action_id = a.id WHERE a.kind = 'extend' AND " +
                                   where + " ORDER BY a.id");
  query.bind(1, value);
  std::vector<ExtensionRequest> out;
  while (query.executeStep()) {
    ExtensionRequest e;
    e.request = action_row(query);
    if (!query.getColumn(9).isNull()) {
      e.state =
          query.getColumn(9).getInt() != 0 ? ExtensionState::kApproved : ExtensionState::kRejected;
      e.decision_note = query.getColumn(10).getString();
      e.decided_by = query.getColumn(11).getInt64();
      e.decided_at = time_column(query.getColumn(12));
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<ExtensionRequest> SqliteUnitActions::extensions(std::string_view plan_id) {
  try {
    return query_extensions("(?1 = '' OR a.plan_id = ?1)", std::string(plan_id));
  } catch (...) {
    rethrow_store_error(path_, "listing the extension requests");
  }
}

std::optional<ExtensionRequest> SqliteUnitActions::extension(std::int64_t id) {
  try {
    auto found = query_extensions("a.id = ?1", std::to_string(id));
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  } catch (...) {
    rethrow_store_error(path_, "reading extension request " + std::to_string(id));
  }
}

bool SqliteUnitActions::decide_extension(std::int64_t id, bool approve, std::string_view note,
                                         std::int64_t by_uid, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement pending(db_,
                              "SELECT 1 FROM unit_actions a WHERE a.id = ? AND a.kind = 'extend' "
                              "AND NOT EXISTS (SELECT 1 FROM extension_decisions d "
                              "WHERE d.action_id = a.id)");
    pending.bind(1, id);
    if (!pending.executeStep()) return false;
    SQLite::Statement insert(db_,
                             "INSERT INTO extension_decisions (action_id, approved, note, "
                             "decided_by, decided_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, approve ? 1 : 0);
    insert.bind(3, std::string(note));
    insert.bind(4, by_uid);
    insert.bind(5, time_column_value(now));
    insert.exec();
    transaction.commit();
    return true;
  } catch (...) {
    rethrow_store_error(path_, "deciding extension request " + std::to_string(id));
  }
}

ApprovedExtensions SqliteUnitActions::approved_extensions(std::string_view plan_id) {
  return approved_dates(extensions(plan_id));
}

}  // namespace plancal::calendar
