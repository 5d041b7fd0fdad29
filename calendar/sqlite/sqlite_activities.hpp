// Activity rows of the SQLite store: reading them back in plan order, reading just their
// versions (what import compares against), and the import's ActivityWriter, with
// statements prepared once and reused for every row, inside the caller's transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "calendar/store/plan_import.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {

// uid -> version of every stored activity of the plan.
ActivityVersions read_activity_versions(SQLite::Database& db, std::string_view plan_id);

// Calls `visit` for every stored activity of the plan, in plan order.
void read_activities(SQLite::Database& db, std::string_view plan_id,
                     const std::function<void(ActivityPosition, StoredActivity&&)>& visit);

// Writes the activity rows of one import of `plan_id` at `now`.
class SqliteActivityWriter final : public ActivityWriter {
 public:
  SqliteActivityWriter(SQLite::Database& db, std::string plan_id, TimePoint now);

  void insert(const std::string& uid, const Activity& activity, ActivityPosition position,
              std::uint64_t fingerprint) override;
  void update(const std::string& uid, const Activity& activity, ActivityPosition position,
              std::uint64_t fingerprint, int sequence) override;
  void move(const std::string& uid, ActivityPosition position) override;
  void remove(const std::string& uid) override;

 private:
  std::string plan_id_;
  TimePoint now_;
  SQLite::Statement insert_;
  SQLite::Statement update_;
  SQLite::Statement move_;
  SQLite::Statement remove_;
};

}  // namespace plancal::calendar
