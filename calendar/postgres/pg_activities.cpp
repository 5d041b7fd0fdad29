#include "calendar/postgres/pg_activities.hpp"

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

// The 64 bits of a fingerprint in a signed BIGINT, and back.
std::int64_t fingerprint_column(std::uint64_t fingerprint) {
  return static_cast<std::int64_t>(fingerprint);
}

}  // namespace

ActivityVersions read_pg_activity_versions(pqxx::transaction_base& tx, std::string_view plan_id) {
  ActivityVersions versions;
  for (const auto& row :
       tx.exec_params("SELECT uid, fingerprint, sequence, item_position, position FROM activities "
                      "WHERE plan_id = $1",
                      std::string(plan_id))) {
    ActivityVersion version;
    version.fingerprint = static_cast<std::uint64_t>(row[1].as<std::int64_t>());
    version.sequence = row[2].as<int>();
    version.position = {row[3].as<std::int64_t>(), row[4].as<std::int64_t>()};
    versions.emplace(row[0].as<std::string>(), version);
  }
  return versions;
}

void read_pg_activities(pqxx::transaction_base& tx, std::string_view plan_id,
                        const std::function<void(ActivityPosition, StoredActivity&&)>& visit) {
  const std::string id(plan_id);
  for (const auto& row : tx.exec_params(
           "SELECT uid, item_position, position, key, item_id, title, category, reading, "
           "location, source_phrase, pinned, public, units, sequence, created, last_modified "
           "FROM activities WHERE plan_id = $1 ORDER BY item_position, position",
           id)) {
    StoredActivity stored;
    stored.plan_id = id;
    stored.uid = row[0].as<std::string>();
    const ActivityPosition position{row[1].as<std::int64_t>(), row[2].as<std::int64_t>()};
    Activity& activity = stored.activity;
    activity.key = row[3].as<std::string>();
    activity.item_id = row[4].as<std::string>();
    activity.title = row[5].as<std::string>();
    const auto category = parse_category(row[6].as<std::string>());
    if (!category) throw StoreError("activity " + stored.uid + ": unknown category");
    activity.category = *category;
    activity.schedule = reading_from_text(row[7].as<std::string>());
    activity.location = row[8].as<std::string>();
    activity.source_phrase = row[9].as<std::string>();
    activity.pinned = row[10].as<bool>();
    activity.is_public = row[11].as<bool>();
    activity.units = list_from_text(row[12].as<std::string>());
    stored.sequence = row[13].as<int>();
    stored.created = time_field(row[14]);
    stored.last_modified = time_field(row[15]);
    visit(position, std::move(stored));
  }
}

void PgActivityWriter::insert(const std::string& uid, const Activity& activity,
                              ActivityPosition position, std::uint64_t fingerprint) {
  tx_.exec_params(
      "INSERT INTO activities (uid, plan_id, item_position, position, key, item_id, title, "
      "category, reading, location, source_phrase, pinned, public, units, fingerprint, "
      "sequence, created, last_modified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      "$11, $12, $13, $14, $15, 0, $16, $16)",
      uid, plan_id_, position.item, position.index, activity.key, activity.item_id, activity.title,
      std::string(to_string(activity.category)), reading_to_text(activity.schedule),
      activity.location, activity.source_phrase, activity.pinned, activity.is_public,
      list_to_text(activity.units), fingerprint_column(fingerprint), time_to_seconds(now_));
}

void PgActivityWriter::update(const std::string& uid, const Activity& activity,
                              ActivityPosition position, std::uint64_t fingerprint, int sequence) {
  tx_.exec_params(
      "UPDATE activities SET item_position = $1, position = $2, item_id = $3, title = $4, "
      "category = $5, reading = $6, location = $7, source_phrase = $8, pinned = $9, "
      "public = $10, units = $11, fingerprint = $12, sequence = $13, last_modified = $14 "
      "WHERE uid = $15",
      position.item, position.index, activity.item_id, activity.title,
      std::string(to_string(activity.category)), reading_to_text(activity.schedule),
      activity.location, activity.source_phrase, activity.pinned, activity.is_public,
      list_to_text(activity.units), fingerprint_column(fingerprint), sequence,
      time_to_seconds(now_), uid);
}

void PgActivityWriter::move(const std::string& uid, ActivityPosition position) {
  tx_.exec_params("UPDATE activities SET item_position = $1, position = $2 WHERE uid = $3",
                  position.item, position.index, uid);
}

void PgActivityWriter::remove(const std::string& uid) {
  tx_.exec_params("DELETE FROM activities WHERE uid = $1", uid);
}

}  // namespace plancal::calendar
