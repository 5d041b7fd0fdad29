// Lower-case hexadecimal text of bytes and back, for secrets and digests kept as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

std::string to_hex(std::string_view bytes);

// The bytes of an even-length hex string (either case); nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace plancal::calendar
