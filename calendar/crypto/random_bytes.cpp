#include "calendar/crypto/random_bytes.hpp"

#include <stdexcept>

#include <openssl/rand.h>

namespace plancal::calendar {

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
    throw std::runtime_error("libcrypto: no random bytes");
  return out;
}

}  // namespace plancal::calendar
