#include "calendar/store/feed_tokens.hpp"

#include <stdexcept>

#include "calendar/crypto/hex.hpp"
#include "calendar/crypto/random_bytes.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {

std::string FeedTokenStore::draw_token() {
  try {
    return to_hex(random_bytes(kTokenBytes));
  } catch (const std::runtime_error& e) {
    throw StoreError(e.what());
  }
}

}  // namespace plancal::calendar
