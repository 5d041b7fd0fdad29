// The secrets that guard each unit's private work feed (/feeds/<id>.ics?token=...).
// FeedTokens is the interface the router asks; StoreFeedTokens reads the tokens the store
// keeps (calendar/store/feed_tokens.hpp: 32 random bytes per unit, persisted, rotated by
// `plancalctl feed-token rotate`), so a rotation takes effect at the next request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar/store/feed_tokens.hpp"

namespace plancal::daemon {

class FeedTokens {
 public:
  virtual ~FeedTokens() = default;
  // The unit's current token; nullopt when the unit has none (its feed is then unreachable).
  virtual std::optional<std::string> token_for(std::string_view unit_id) const = 0;
};

class StoreFeedTokens final : public FeedTokens {
 public:
  explicit StoreFeedTokens(calendar::FeedTokenStore& store) : store_(store) {}
  std::optional<std::string> token_for(std::string_view unit_id) const override;

 private:
  calendar::FeedTokenStore& store_;
};

}  // namespace plancal::daemon
