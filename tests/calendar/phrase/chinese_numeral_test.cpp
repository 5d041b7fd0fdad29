#include "calendar/phrase/chinese_numeral.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("Chinese counting numbers") {
  CHECK(parse_chinese_number(U"一") == 1);
  CHECK(parse_chinese_number(U"两") == 2);
  CHECK(parse_chinese_number(U"九") == 9);
  CHECK(parse_chinese_number(U"十") == 10);
  CHECK(parse_chinese_number(U"十一") == 11);
  CHECK(parse_chinese_number(U"十二") == 12);
  CHECK(parse_chinese_number(U"二十") == 20);
  CHECK(parse_chinese_number(U"二十一") == 21);
  CHECK(parse_chinese_number(U"三十一") == 31);
}

TEST_CASE("malformed Chinese numbers are rejected") {
  CHECK_FALSE(parse_chinese_number(U""));
  CHECK_FALSE(parse_chinese_number(U"五五"));  // 五五购物节
  CHECK_FALSE(parse_chinese_number(U"〇"));
  CHECK_FALSE(parse_chinese_number(U"一十"));
  CHECK_FALSE(parse_chinese_number(U"十十"));
  CHECK_FALSE(parse_chinese_number(U"二十十"));
  CHECK_FALSE(parse_chinese_number(U"月"));
  CHECK_FALSE(parse_chinese_number(U"二〇二三"));
}

TEST_CASE("digit-by-digit years") {
  CHECK(parse_chinese_year(U"二〇二三") == 2023);
  CHECK(parse_chinese_year(U"二零二四") == 2024);
  CHECK_FALSE(parse_chinese_year(U"二〇二"));
  CHECK_FALSE(parse_chinese_year(U"二十二三"));
  CHECK_FALSE(parse_chinese_year(U"〇〇二三"));
  CHECK(is_chinese_numeral_char(U'〇'));
  CHECK(is_chinese_numeral_char(U'十'));
  CHECK_FALSE(is_chinese_numeral_char(U'年'));
  CHECK(chinese_digit_value(U'零') == 0);
  CHECK_FALSE(chinese_digit_value(U'十'));
}
