// The store: where imported plans and their activities live, and the daemon's durable
// state (reminder outbox, acknowledgements, feed tokens, audit log), in domain terms (no
// SQL in these interfaces). Opened by open_store(), which picks the backend from StoreOptions:
// SQLite now, PostgreSQL may follow. Not thread-safe: one owner at a time.
// Failures of the backend (cannot open, disk full, corrupt file) throw StoreError.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/acknowledgements.hpp"
#include "calendar/audit_log.hpp"
#include "calendar/clock.hpp"
#include "calendar/feed_tokens.hpp"
#include "calendar/outbox.hpp"
#include "calendar/plan.hpp"

namespace plancal::calendar {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An activity as stored, with the versioning calendar clients rely on.
struct StoredActivity {
  std::string plan_id;
  std::string uid;            // activity_uid(plan_id, activity.key)
  int sequence = 0;           // 0 on first import; +1 each time the activity changes
  TimePoint created{};        // first import
  TimePoint last_modified{};  // last import that changed it
  Activity activity;
  bool operator==(const StoredActivity&) const = default;
};

struct ImportStats {
  int added = 0;
  int changed = 0;
  int removed = 0;
  int unchanged = 0;
  bool operator==(const ImportStats&) const = default;
};

struct PlanSummary {
  std::string id;
  std::string title;
  std::string document_number;
  int items = 0;
  int activities = 0;
  TimePoint last_modified{};  // never moves backwards, also when activities are removed
};

class Store {
 public:
  virtual ~Store() = default;

  // Replaces the stored plan with `plan` in one transaction: activities are matched by
  // UID; new ones are added, changed ones get sequence+1 and last_modified = now, vanished
  // ones are removed; identical ones are untouched. Importing the same plan twice changes
  // nothing (all unchanged, data_version unchanged).
  virtual ImportStats import_plan(const Plan& plan, TimePoint now) = 0;

  virtual std::vector<PlanSummary> plans() = 0;
  // The plan as last imported (units, items, activities); nullopt if unknown.
  virtual std::optional<Plan> load_plan(std::string_view plan_id) = 0;
  virtual std::vector<StoredActivity> activities(std::string_view plan_id) = 0;

  // Increases with every import that changed anything; feeds are rendered per version.
  virtual std::int64_t data_version() = 0;
  virtual int schema_version() = 0;

  // The daemon's durable state, in the same database; each lives as long as the store.
  virtual Outbox& outbox() = 0;
  virtual AcknowledgementStore& acknowledgements() = 0;
  virtual FeedTokenStore& feed_tokens() = 0;
  virtual AuditLog& audit_log() = 0;
};

struct StoreOptions {
  std::string path;  // SQLite database file; created if missing
};

// Opens (creating and migrating as needed) the store. Throws StoreError.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace plancal::calendar
