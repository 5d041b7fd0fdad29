// The PostgreSQL backend of UnitActionStore: the `unit_actions` and `extension_decisions`
// tables. A unit's actions on an item are recorded one at a time (an advisory lock on the
// item and unit), so a form sent twice to two instances still counts once. Shares the
// store's connection; not thread-safe.
#pragma once

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::calendar {

class PgUnitActions final : public UnitActionStore {
 public:
  explicit PgUnitActions(PgDatabase& db) : db_(db) {}

  std::optional<std::int64_t> record(const UnitAction& action, TimePoint now) override;
  std::vector<UnitAction> list(std::string_view plan_id, std::string_view item_id) override;
  std::vector<ExtensionRequest> extensions(std::string_view plan_id) override;
  std::optional<ExtensionRequest> extension(std::int64_t id) override;
  bool decide_extension(std::int64_t id, bool approve, std::string_view note, std::int64_t by_uid,
                        TimePoint now) override;
  ApprovedExtensions approved_extensions(std::string_view plan_id) override;

 private:
  PgDatabase& db_;
};

}  // namespace plancal::calendar
