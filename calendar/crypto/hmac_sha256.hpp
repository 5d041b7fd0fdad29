// HMAC-SHA256 (RFC 2104) by OpenSSL's libcrypto: the signatures of the units' personal
// links and of the chat robots' requests. Thread-safe.
#pragma once

#include <string_view>

#include "calendar/crypto/sha256.hpp"

namespace plancal::calendar {

Digest hmac_sha256(std::string_view key, std::string_view data);

}  // namespace plancal::calendar
