#include "calendar/phrase/text_normalize.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("UTF-8 decodes to code points and back") {
  const std::string text = "2月4日 a\u00e9\U0001F600";
  const std::u32string decoded = decode_utf8(text);
  CHECK(decoded == U"2月4日 a\u00e9\U0001F600");
  CHECK(encode_utf8(decoded) == text);
}

TEST_CASE("invalid UTF-8 bytes become one U+FFFD each") {
  CHECK(decode_utf8("a\xff"
                    "b") == U"a\uFFFDb");
  CHECK(decode_utf8("\xe6\x9c") == U"\uFFFD\uFFFD");            // truncated 月
  CHECK(decode_utf8("\xc0\xaf") == U"\uFFFD\uFFFD");            // overlong '/'
  CHECK(decode_utf8("\xed\xa0\x80") == U"\uFFFD\uFFFD\uFFFD");  // a surrogate
  CHECK(decode_utf8("\xf4\x90\x80\x80").size() == 4);           // past U+10FFFF
}

TEST_CASE("normalization maps full-width forms and dashes, drops whitespace") {
  CHECK(normalize_code_point(U'２') == U'2');
  CHECK(normalize_code_point(U'－') == U'-');
  CHECK(normalize_code_point(U'～') == U'~');
  CHECK(normalize_code_point(U'：') == U':');
  CHECK(normalize_code_point(U'（') == U'(');
  CHECK(normalize_code_point(U'）') == U')');
  CHECK(normalize_code_point(U'—') == U'-');
  CHECK(normalize_code_point(U'月') == U'月');
  CHECK(is_space(U'\u3000'));
  CHECK_FALSE(is_space(U'月'));

  const NormalizedText n = normalize(U" ２ 月\n\n４\u3000日");
  CHECK(n.text == U"2月4日");
  REQUIRE(n.source_index.size() == 4);
  CHECK(n.source_index[0] == 1);
  CHECK(n.source_index[1] == 3);
  CHECK(n.source_index[2] == 6);
  CHECK(n.source_index[3] == 8);
}
