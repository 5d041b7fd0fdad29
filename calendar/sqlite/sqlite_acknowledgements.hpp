// The SQLite backend of AcknowledgementStore: the `acknowledgements` table of migration 2.
// Shares the store's connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/acknowledgements.hpp"

namespace plancal::calendar {

class SqliteAcknowledgements final : public AcknowledgementStore {
 public:
  // `db` must outlive this object; `path` names the database in errors.
  SqliteAcknowledgements(SQLite::Database& db, std::string path)
      : db_(db), path_(std::move(path)) {}

  bool ack(std::string_view plan_id, std::string_view item_id, std::string_view unit_id,
           std::string_view note, std::int64_t by_uid, TimePoint now) override;
  bool unack(std::string_view plan_id, std::string_view item_id, std::string_view unit_id) override;
  std::vector<Acknowledgement> list(std::string_view plan_id) override;
  std::set<std::pair<std::string, std::string>> acknowledged(std::string_view plan_id) override;

 private:
  SQLite::Database& db_;
  std::string path_;
};

}  // namespace plancal::calendar
