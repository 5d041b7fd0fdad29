// The PostgreSQL backend of AcknowledgementStore: the `acknowledgements` table. Shares the
// store's connection; not thread-safe.
#pragma once

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/acknowledgements.hpp"

namespace plancal::calendar {

class PgAcknowledgements final : public AcknowledgementStore {
 public:
  explicit PgAcknowledgements(PgDatabase& db) : db_(db) {}

  bool ack(std::string_view plan_id, std::string_view item_id, std::string_view unit_id,
           std::string_view note, std::int64_t by_uid, TimePoint now) override;
  bool unack(std::string_view plan_id, std::string_view item_id, std::string_view unit_id) override;
  std::vector<Acknowledgement> list(std::string_view plan_id) override;
  std::set<std::pair<std::string, std::string>> acknowledged(std::string_view plan_id) override;

 private:
  PgDatabase& db_;
};

}  // namespace plancal::calendar
