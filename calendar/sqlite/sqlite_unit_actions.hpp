// The SQLite backend of UnitActionStore: the `unit_actions` and `extension_decisions`
// tables of migration 3. Shares the store's connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/unit_actions.hpp"

namespace plancal::calendar {

class SqliteUnitActions final : public UnitActionStore {
 public:
  // `db` must outlive this object; `path` names the database in errors.
  SqliteUnitActions(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)) {}

  std::optional<std::int64_t> record(const UnitAction& action, TimePoint now) override;
  std::vector<UnitAction> list(std::string_view plan_id, std::string_view item_id) override;
  std::vector<ExtensionRequest> extensions(std::string_view plan_id) override;
  std::optional<ExtensionRequest> extension(std::int64_t id) override;
  bool decide_extension(std::int64_t id, bool approve, std::string_view note, std::int64_t by_uid,
                        TimePoint now) override;
  ApprovedExtensions approved_extensions(std::string_view plan_id) override;

 private:
  std::vector<ExtensionRequest> query_extensions(const std::string& where,
                                                 const std::string& value);

  SQLite::Database& db_;
  std::string path_;
};

}  // namespace plancal::calendar
