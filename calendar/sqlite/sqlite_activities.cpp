#include "calendar/sqlite/sqlite_activities.hpp"

#include "calendar/sqlite/sqlite_columns.hpp"

namespace plancal::calendar {
namespace {

// The content columns, in this order, after the statement-specific leading ones.
constexpr int kContentColumns = 10;

// Binds item_id, title, category, reading, location, source_phrase, pinned, public, units,
// fingerprint from `first` on. `reading` and `units` must outlive the statement's step.
void bind_content(SQLite::Statement& statement, int first, const Activity& activity,
                  const std::string& reading, const std::string& units, std::uint64_t fingerprint) {
  statement.bindNoCopy(first, activity.item_id);
  statement.bindNoCopy(first + 1, activity.title);
  statement.bind(first + 2, std::string(to_string(activity.category)));
  statement.bindNoCopy(first + 3, reading);
  statement.bindNoCopy(first + 4, activity.location);
  statement.bindNoCopy(first + 5, activity.source_phrase);
  statement.bind(first + 6, activity.pinned ? 1 : 0);
  statement.bind(first + 7, activity.is_public ? 1 : 0);
  statement.bindNoCopy(first + 8, units);
  statement.bind(first + 9, static_cast<std::int64_t>(fingerprint));
}

void run(SQLite::Statement& statement) {
  statement.exec();
  statement.reset();
}

}  // namespace

ActivityVersions read_activity_versions(SQLite::Database& db, std::string_view plan_id) {
  SQLite::Statement query(db,
                          "SELECT uid, fingerprint, sequence, item_position, position "
                          "FROM activities WHERE plan_id = ?");
  query.bind(1, std::string(plan_id));
  ActivityVersions versions;
  while (query.executeStep()) {
    ActivityVersion version;
    version.fingerprint = static_cast<std::uint64_t>(query.getColumn(1).getInt64());
    version.sequence = query.getColumn(2).getInt();
    version.position = {query.getColumn(3).getInt64(), query.getColumn(4).getInt64()};
    versions.emplace(query.getColumn(0).getString(), version);
  }
  return versions;
}

void read_activities(SQLite::Database& db, std::string_view plan_id,
                     const std::function<void(ActivityPosition, StoredActivity&&)>& visit) {
  SQLite::Statement query(
      db,
      "SELECT uid, item_position, position, key, item_id, title, category, reading, location, "
      "source_phrase, pinned, public, units, sequence, created, last_modified "
      "FROM activities WHERE plan_id = ? ORDER BY item_position, position");
  const std::string id(plan_id);
  query.bind(1, id);
  while (query.executeStep()) {
    StoredActivity stored;
    stored.plan_id = id;
    stored.uid = query.getColumn(0).getString();
    const ActivityPosition position{query.getColumn(1).getInt64(), query.getColumn(2).getInt64()};
    Activity& activity = stored.activity;
    activity.key = query.getColumn(3).getString();
    activity.item_id = query.getColumn(4).getString();
    activity.title = query.getColumn(5).getString();
    const auto category = parse_category(query.getColumn(6).getString());
    if (!category) throw StoreError("activity " + stored.uid + ": unknown category");
    activity.category = *category;
    activity.schedule = reading_column(query.getColumn(7));
    activity.location = query.getColumn(8).getString();
    activity.source_phrase = query.getColumn(9).getString();
    activity.pinned = query.getColumn(10).getInt() != 0;
    activity.is_public = query.getColumn(11).getInt() != 0;
    activity.units = list_column(query.getColumn(12));
    stored.sequence = query.getColumn(13).getInt();
    stored.created = time_column(query.getColumn(14));
    stored.last_modified = time_column(query.getColumn(15));
    visit(position, std::move(stored));
  }
}

SqliteActivityWriter::SqliteActivityWriter(SQLite::Database& db, std::string plan_id, TimePoint now)
    : plan_id_(std::move(plan_id)),
      now_(now),
      insert_(db,
              "INSERT INTO activities (uid, plan_id, item_position, position, key, item_id, "
              "title, category, reading, location, source_phrase, pinned, public, units, "
              "fingerprint, sequence, created, last_modified) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
      update_(db,
              "UPDATE activities SET item_position = ?, position = ?, item_id = ?, title = ?, "
              "category = ?, reading = ?, location = ?, source_phrase = ?, pinned = ?, "
              "public = ?, units = ?, fingerprint = ?, sequence = ?, last_modified = ? "
              "WHERE uid = ?"),
      move_(db, "UPDATE activities SET item_position = ?, position = ? WHERE uid = ?"),
      remove_(db, "DELETE FROM activities WHERE uid = ?") {}

void SqliteActivityWriter::insert(const std::string& uid, const Activity& activity,
                                  ActivityPosition position, std::uint64_t fingerprint) {
  const std::string reading = reading_to_text(activity.schedule);
  const std::string units = list_to_text(activity.units);
  insert_.bindNoCopy(1, uid);
  insert_.bindNoCopy(2, plan_id_);
  insert_.bind(3, position.item);
  insert_.bind(4, position.index);
  insert_.bindNoCopy(5, activity.key);
  bind_content(insert_, 6, activity, reading, units, fingerprint);
  insert_.bind(6 + kContentColumns, time_column_value(now_));
  insert_.bind(7 + kContentColumns, time_column_value(now_));
  run(insert_);
}

void SqliteActivityWriter::update(const std::string& uid, const Activity& activity,
                                  ActivityPosition position, std::uint64_t fingerprint,
                                  int sequence) {
  const std::string reading = reading_to_text(activity.schedule);
  const std::string units = list_to_text(activity.units);
  update_.bind(1, position.item);
  update_.bind(2, position.index);
  bind_content(update_, 3, activity, reading, units, fingerprint);
  update_.bind(3 + kContentColumns, sequence);
  update_.bind(4 + kContentColumns, time_column_value(now_));
  update_.bindNoCopy(5 + kContentColumns, uid);
  run(update_);
}

void SqliteActivityWriter::move(const std::string& uid, ActivityPosition position) {
  move_.bind(1, position.item);
  move_.bind(2, position.index);
  move_.bindNoCopy(3, uid);
  run(move_);
}

void SqliteActivityWriter::remove(const std::string& uid) {
  remove_.bindNoCopy(1, uid);
  run(remove_);
}

}  // namespace plancal::calendar
