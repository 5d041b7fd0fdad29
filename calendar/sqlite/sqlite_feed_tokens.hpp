// The SQLite backend of FeedTokenStore: the `feed_tokens` table of migration 2. Shares the
// store's connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/feed_tokens.hpp"

namespace plancal::calendar {

class SqliteFeedTokens final : public FeedTokenStore {
 public:
  // `db` must outlive this object; `path` names the database in errors.
  SqliteFeedTokens(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)) {}

  std::string token(std::string_view unit_id, TimePoint now) override;
  std::optional<std::string> find(std::string_view unit_id) override;
  std::string rotate(std::string_view unit_id, TimePoint now) override;
  std::vector<FeedToken> list() override;

 private:
  // Stores a fresh token for the unit, replacing any; returns it.
  std::string store_new_token(std::string_view unit_id, TimePoint now);

  SQLite::Database& db_;
  std::string path_;
};

}  // namespace plancal::calendar
