#include "daemon/http/feed_token_lookup.hpp"

namespace plancal::daemon {

std::optional<std::string> StoreFeedTokens::token_for(std::string_view unit_id) const {
  return store_.find(unit_id);
}

}  // namespace plancal::daemon
