// Activity rows of the PostgreSQL store: reading them back in plan order, reading just their
// versions (what import compares against), and the import's ActivityWriter, inside the
// caller's transaction.
#pragma once

#include <pqxx/transaction_base>

#include <functional>
#include <string>
#include <string_view>

#include "calendar/model/stored_activity.hpp"
#include "calendar/store/plan_import.hpp"

namespace plancal::calendar {

ActivityVersions read_pg_activity_versions(pqxx::transaction_base& tx, std::string_view plan_id);

// Calls `visit` for every stored activity of the plan, in plan order.
void read_pg_activities(pqxx::transaction_base& tx, std::string_view plan_id,
                        const std::function<void(ActivityPosition, StoredActivity&&)>& visit);

// Writes the activity rows of one import of `plan_id` at `now`.
class PgActivityWriter final : public ActivityWriter {
 public:
  PgActivityWriter(pqxx::transaction_base& tx, std::string plan_id, TimePoint now)
      : tx_(tx), plan_id_(std::move(plan_id)), now_(now) {}

  void insert(const std::string& uid, const Activity& activity, ActivityPosition position,
              std::uint64_t fingerprint) override;
  void update(const std::string& uid, const Activity& activity, ActivityPosition position,
              std::uint64_t fingerprint, int sequence) override;
  void move(const std::string& uid, ActivityPosition position) override;
  void remove(const std::string& uid) override;

 private:
  pqxx::transaction_base& tx_;
  std::string plan_id_;
  TimePoint now_;
};

}  // namespace plancal::calendar
