#include "calendar/crypto/base64.hpp"

#include <stdexcept>

#include <openssl/evp.h>

namespace plancal::calendar {

std::string to_base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  const int length =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()));
  if (length < 0) throw std::runtime_error("libcrypto: base64 encoding failed");
  out.resize(size_t(length));
  return out;
}

}  // namespace plancal::calendar
