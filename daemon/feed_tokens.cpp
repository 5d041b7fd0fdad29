#include "daemon/feed_tokens.hpp"

#include <random>

namespace plancal::daemon {

void RandomFeedTokens::ensure(std::string_view unit_id) {
  if (tokens_.find(unit_id) != tokens_.end()) return;
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device source("/dev/urandom");  // throws std::runtime_error on failure
  std::string token;
  token.reserve(kTokenBytes * 2);
  for (size_t i = 0; i < kTokenBytes; i += sizeof(unsigned)) {
    unsigned word = source();
    for (size_t b = 0; b < sizeof(unsigned); ++b, word >>= 8) {
      token += kHex[(word >> 4) & 0xF];
      token += kHex[word & 0xF];
    }
  }
  tokens_.emplace(unit_id, std::move(token));
}

std::optional<std::string> RandomFeedTokens::token_for(std::string_view unit_id) const {
  auto it = tokens_.find(unit_id);
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
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
