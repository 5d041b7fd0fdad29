// Comparing secrets (tokens, signatures) in time that does not depend on where they differ
// (OpenSSL's CRYPTO_memcmp), so a client cannot guess one byte at a time. The length is
// not secret: strings of different lengths compare unequal at once.
#pragma once

#include <string_view>

namespace plancal::calendar {

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace plancal::calendar
