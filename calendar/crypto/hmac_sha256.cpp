#include "calendar/crypto/hmac_sha256.hpp"

#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace plancal::calendar {

Digest hmac_sha256(std::string_view key, std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  const auto* result = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                            digest.data(), &length);
  if (result == nullptr || length != digest.size())
    throw std::runtime_error("libcrypto: HMAC-SHA256 failed");
  return digest;
}

}  // namespace plancal::calendar
