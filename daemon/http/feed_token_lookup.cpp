#include "daemon/http/feed_token_lookup.hpp"

namespace plancal::daemon {

std::optional<std::string> StoreFeedTokens::token_for(std::string_view unit_id) const {
  return store_.find(unit_id);
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  // Keep the compiler from turning the loop into an early exit.
  volatile unsigned char result = diff;
  return result == 0;
}

}  // namespace plancal::daemon
