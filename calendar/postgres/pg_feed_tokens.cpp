#include "calendar/postgres/pg_feed_tokens.hpp"

#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
std::string PgFeedTokens::token(std::string_view unit_id, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params(
        "INSERT INTO feed_tokens (unit_id, token, created) VALUES ($1, $2, $3) "
        "ON CONFLICT (unit_id) DO NOTHING",
        std::string(unit_id), FeedTokenStore::draw_token(), time_to_seconds(now));
    const pqxx::result r =
        tx.exec_params("SELECT token FROM feed_tokens WHERE unit_id = $1", std::string(unit_id));
    tx.commit();
    return r[0][0].as<std::string>();
  } catch (...) {
    db_.rethrow("creating the feed token of " + std::string(unit_id));
  }
}

std::optional<std::string> PgFeedTokens::find(std::string_view unit_id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    const pqxx::result r =
        tx.exec_params("SELECT token FROM feed_tokens WHERE unit_id = $1", std::string(unit_id));
    if (r.empty()) return std::nullopt;
    return r[0][0].as<std::string>();
  } catch (...) {
    db_.rethrow("reading the feed token of " + std::string(unit_id));
  }
}

std::string PgFeedTokens::rotate(std::string_view unit_id, TimePoint now) {
  try {
    std::string token = FeedTokenStore::draw_token();
    pqxx::work tx(db_.connection());
    tx.exec_params(
        "INSERT INTO feed_tokens (unit_id, token, created) VALUES ($1, $2, $3) "
        "ON CONFLICT (unit_id) DO UPDATE SET token = excluded.token, created = excluded.created",
        std::string(unit_id), token, time_to_seconds(now));
    tx.commit();
    return token;
  } catch (...) {
    db_.rethrow("rotating the feed token of " + std::string(unit_id));
  }
}

std::vector<FeedToken> PgFeedTokens::list() {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<FeedToken> tokens;
    for (const auto& row :
         tx.exec("SELECT unit_id, token, created FROM feed_tokens ORDER BY unit_id COLLATE \"C\""))
      tokens.push_back({row[0].as<std::string>(), row[1].as<std::string>(), time_field(row[2])});
    return tokens;
  } catch (...) {
    db_.rethrow("listing feed tokens");
  }
}

}  // namespace plancal::calendar
