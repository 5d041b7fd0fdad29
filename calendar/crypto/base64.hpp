// Standard base64 (RFC 4648 §4, with padding, on one line) by OpenSSL's libcrypto: the
// chat robots' signatures are base64 text. (MIME bodies wrap their base64 at 76 columns:
// mime_text.hpp.)
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

std::string to_base64(std::string_view bytes);

}  // namespace plancal::calendar
