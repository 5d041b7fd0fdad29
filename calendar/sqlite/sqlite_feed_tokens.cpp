#include "calendar/sqlite/sqlite_feed_tokens.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

std::optional<std::string> lookup(SQLite::Database& db, std::string_view unit_id) {
  SQLite::Statement query(db, "SELECT token FROM feed_tokens WHERE unit_id = ?");
  query.bind(1, std::string(unit_id));
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

}  // namespace

std::string SqliteFeedTokens::token(std::string_view unit_id, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<std::string> existing = lookup(db_, unit_id);
    if (existing) return *existing;
    std::string token = store_new_token(unit_id, now);
    transaction.commit();
    return token;
  } catch (...) {
    rethrow_store_error(path_, "creating the feed token of " + std::string(unit_id));
  }
}

std::optional<std::string> SqliteFeedTokens::find(std::string_view unit_id) {
  try {
    return lookup(db_, unit_id);
  } catch (...) {
    rethrow_store_error(path_, "reading the feed token of " + std::string(unit_id));
  }
}

std::string SqliteFeedTokens::rotate(std::string_view unit_id, TimePoint now) {
  try {
    return store_new_token(unit_id, now);
  } catch (...) {
    rethrow_store_error(path_, "rotating the feed token of " + std::string(unit_id));
  }
}

std::vector<FeedToken> SqliteFeedTokens::list() {
  try {
    SQLite::Statement query(db_,
                            "SELECT unit_id, token, created FROM feed_tokens ORDER BY unit_id");
    std::vector<FeedToken> tokens;
    while (query.executeStep())
      tokens.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                        time_column(query.getColumn(2))});
    return tokens;
  } catch (...) {
    rethrow_store_error(path_, "listing feed tokens");
  }
}

std::string SqliteFeedTokens::store_new_token(std::string_view unit_id, TimePoint now) {
  std::string token = FeedTokenStore::draw_token();
  SQLite::Statement upsert(db_,
                           "INSERT INTO feed_tokens (unit_id, token, created) VALUES (?, ?, ?) "
                           "ON CONFLICT (unit_id) DO UPDATE SET token = excluded.token, "
                           "created = excluded.created");
  upsert.bind(1, std::string(unit_id));
  upsert.bind(2, token);
  upsert.bind(3, time_column_value(now));
  upsert.exec();
  return token;
}

}  // namespace plancal::calendar
