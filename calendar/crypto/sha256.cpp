#include "calendar/crypto/sha256.hpp"

#include <algorithm>
#include <stdexcept>

#include <openssl/evp.h>

#include "calendar/crypto/hex.hpp"

namespace plancal::calendar {

Digest sha256(std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size())
    throw std::runtime_error("libcrypto: SHA-256 failed");
  return digest;
}

std::string sha256_hex(std::string_view data, std::size_t bytes) {
  const Digest digest = sha256(data);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()),
                                 std::min(bytes, digest.size())));
}

}  // namespace plancal::calendar
