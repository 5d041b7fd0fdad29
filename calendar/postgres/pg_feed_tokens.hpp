// The PostgreSQL backend of FeedTokenStore: the `feed_tokens` table. Two instances drawing a
// unit's first token at once agree on one (the first insert wins). Shares the store's
// connection; not thread-safe.
#pragma once

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/feed_tokens.hpp"

namespace plancal::calendar {

class PgFeedTokens final : public FeedTokenStore {
 public:
  explicit PgFeedTokens(PgDatabase& db) : db_(db) {}

  std::string token(std::string_view unit_id, TimePoint now) override;
  std::optional<std::string> find(std::string_view unit_id) override;
  std::string rotate(std::string_view unit_id, TimePoint now) override;
  std::vector<FeedToken> list() override;

 private:
  PgDatabase& db_;
};

}  // namespace plancal::calendar
