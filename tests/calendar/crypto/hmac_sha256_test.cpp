#include "calendar/crypto/hmac_sha256.hpp"

#include <doctest/doctest.h>

#include <string>

#include "calendar/crypto/constant_time.hpp"
#include "calendar/crypto/hex.hpp"
#include "calendar/crypto/random_bytes.hpp"

using namespace plancal::calendar;

namespace {

std::string hex_of(const Digest& digest) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace

TEST_CASE("hmac_sha256: RFC 4231 test cases 1, 2 and 6") {
  CHECK(hex_of(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hex_of(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // A key longer than the block is hashed first.
  CHECK(hex_of(hmac_sha256(std::string(131, '\xaa'),
                           "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("hex: round trip, either case in, nothing else") {
  CHECK(to_hex(std::string("\x00\x7f\xff", 3)) == "007fff");
  CHECK(from_hex("007FfF") == std::string("\x00\x7f\xff", 3));
  CHECK_FALSE(from_hex("abc").has_value());
  CHECK_FALSE(from_hex("zz").has_value());
  CHECK(from_hex("") == std::string());
}

TEST_CASE("constant_time_equal: equal only for the same bytes and length") {
  CHECK(constant_time_equal("secret", "secret"));
  CHECK_FALSE(constant_time_equal("secret", "secreT"));
  CHECK_FALSE(constant_time_equal("secret", "secret2"));
  CHECK(constant_time_equal("", ""));
}

TEST_CASE("random_bytes: the length asked, different each time") {
  const std::string a = random_bytes(32);
  const std::string b = random_bytes(32);
  CHECK(a.size() == 32);
  CHECK(a != b);
}
