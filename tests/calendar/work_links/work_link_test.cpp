#include "calendar/work_links/work_link.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "calendar/work_links/link_key_file.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal::calendar;

namespace {

const LinkKey kKey{1, std::string(32, 'k')};
const LinkTarget kWork{"jinshan-2023", "p3", "rsj"};

}  // namespace

TEST_CASE("link_url: a work link verifies; any changed part does not") {
  const std::string url = link_url("https://cal.example", kKey, kWork);
  REQUIRE(url.starts_with("https://cal.example/work/jinshan-2023/p3/rsj/"));
  const auto path = parse_link_path(url.substr(std::string("https://cal.example").size()));
  REQUIRE(path);
  CHECK(path->target == kWork);
  CHECK(path->token.size() == 32);
  CHECK(link_valid(kKey, *path));

  LinkPath other_unit = *path;
  other_unit.target.unit_id = "jyj";
  CHECK_FALSE(link_valid(kKey, other_unit));
  LinkPath other_item = *path;
  other_item.target.item_id = "p4";
  CHECK_FALSE(link_valid(kKey, other_item));
  LinkPath tampered = *path;
  tampered.token[0] = tampered.token[0] == '0' ? '1' : '0';
  CHECK_FALSE(link_valid(kKey, tampered));
  CHECK_FALSE(link_valid({2, kKey.secret}, *path));  // a rotated key's version
  CHECK_FALSE(link_valid({1, std::string(32, 'x')}, *path));
}

TEST_CASE("link_url: a board link is not a work link of the same plan") {
  const LinkTarget board{"jinshan-2023", "", ""};
  const std::string url = link_url("", kKey, board);
  REQUIRE(url.starts_with("/board/jinshan-2023/"));
  const auto path = parse_link_path(url);
  REQUIRE(path);
  CHECK(path->target == board);
  CHECK(link_valid(kKey, *path));
  CHECK(link_token(kKey, board) != link_token(kKey, kWork));
}

TEST_CASE("parse_link_path: only the two shapes, no empty segment") {
  CHECK_FALSE(parse_link_path("/work/a/b/c").has_value());
  CHECK_FALSE(parse_link_path("/work/a/b/c/d/e").has_value());
  CHECK_FALSE(parse_link_path("/work/a//c/d").has_value());
  CHECK_FALSE(parse_link_path("/board/a").has_value());
  CHECK_FALSE(parse_link_path("/board/a/t/").has_value());
  CHECK_FALSE(parse_link_path("/feeds/a.ics").has_value());
  CHECK(parse_link_path("/board/a/t").has_value());
}

TEST_CASE("link key file: created 0600 at first use, kept, rotated to a new version") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("link-secret");
  const LinkKey first = load_or_create_link_key(path);
  CHECK(first.version == 1);
  CHECK(first.secret.size() == 32);
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(load_or_create_link_key(path).secret == first.secret);

  const LinkKey second = rotate_link_key(path);
  CHECK(second.version == 2);
  CHECK(second.secret != first.secret);
  CHECK(load_or_create_link_key(path).secret == second.secret);
  CHECK(load_or_create_link_key(path).version == 2);
}

TEST_CASE("link key file: a damaged or world-readable file is an error naming it, not replaced") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("link-secret");
  std::ofstream(path) << "not a key\n";
  ::chmod(path.c_str(), 0600);
  CHECK_THROWS_WITH_AS(load_or_create_link_key(path), doctest::Contains(path.c_str()),
                       LinkKeyError);
  load_or_create_link_key(dir.file("other"));
  ::chmod(dir.file("other").c_str(), 0644);
  CHECK_THROWS_WITH_AS(load_or_create_link_key(dir.file("other")),
                       doctest::Contains("readable by others"), LinkKeyError);
}
