// Activity rows of the SQLite store: reading them back in plan order, reading just their
// versions (what import compares against), and writing them with statements prepared
// once and reused for every row. Writers run inside the caller's transaction.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "calendar/store/store.hpp"

namespace plancal::calendar {

// Where an activity sits in its plan: the index of its item, and its index in that item.
struct ActivityPosition {
  std::int64_t item = 0;
  std::int64_t index = 0;
  bool operator==(const ActivityPosition&) const = default;
};

struct ActivityVersion {
  std::uint64_t fingerprint = 0;  // activity_fingerprint() of the stored content
  int sequence = 0;
  ActivityPosition position;
};

// uid -> version of every stored activity of the plan.
std::unordered_map<std::string, ActivityVersion> read_activity_versions(SQLite::Database& db,
                                                                        std::string_view plan_id);

// Calls `visit` for every stored activity of the plan, in plan order.
void read_activities(SQLite::Database& db, std::string_view plan_id,
                     const std::function<void(ActivityPosition, StoredActivity&&)>& visit);

class ActivityWriter {
 public:
  explicit ActivityWriter(SQLite::Database& db);

  // A new activity: sequence 0, created = last_modified = now.
  void insert(const std::string& plan_id, const std::string& uid, const Activity& activity,
              ActivityPosition position, std::uint64_t fingerprint, TimePoint now);
  // New content for a stored activity: sequence as given, last_modified = now.
  void update(const std::string& uid, const Activity& activity, ActivityPosition position,
              std::uint64_t fingerprint, int sequence, TimePoint now);
  // Same content at another place in the plan; versioning untouched.
  void move(const std::string& uid, ActivityPosition position);
  void remove(const std::string& uid);

 private:
  SQLite::Statement insert_;
  SQLite::Statement update_;
  SQLite::Statement move_;
  SQLite::Statement remove_;
};

}  // namespace plancal::calendar
