// SHA-256 (FIPS 180-4) of a byte string, computed by OpenSSL's libcrypto: for identifiers
// that must not collide, such as the outbox's fixed Message-IDs. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace plancal::calendar {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::string_view data);

// Lower-case hex of the first `bytes` bytes (at most 32) of sha256(data).
std::string sha256_hex(std::string_view data, std::size_t bytes = 32);

}  // namespace plancal::calendar
