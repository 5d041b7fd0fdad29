// Unpredictable bytes for secrets, from OpenSSL's CSPRNG (seeded by the kernel).
#pragma once

#include <cstddef>
#include <string>

namespace plancal::calendar {

// `count` random bytes. Throws std::runtime_error when the generator fails.
std::string random_bytes(std::size_t count);

}  // namespace plancal::calendar
