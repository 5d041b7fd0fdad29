// SHA-256 (FIPS 180-4) of a byte string, for identifiers that must not collide: the
// outbox's fixed Message-IDs. Pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace plancal::calendar {

std::array<std::uint8_t, 32> sha256(std::string_view data);

// Lower-case hex of the first `bytes` bytes (at most 32) of sha256(data).
std::string sha256_hex(std::string_view data, std::size_t bytes = 32);

}  // namespace plancal::calendar
