#include "calendar/crypto/base64.hpp"

#include <doctest/doctest.h>

using plancal::calendar::to_base64;

TEST_CASE("base64: the RFC 4648 test vectors, on one line") {
  CHECK(to_base64("") == "");
  CHECK(to_base64("f") == "Zg==");
  CHECK(to_base64("fo") == "Zm8=");
  CHECK(to_base64("foo") == "Zm9v");
  CHECK(to_base64("foobar") == "Zm9vYmFy");
  const std::string long_input(100, '\xff');
  const std::string encoded = to_base64(long_input);
  CHECK(encoded.size() == 136);
  CHECK(encoded.find('\n') == std::string::npos);
}
