#include "daemon/reminders/spool_transport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

using plancal::daemon::DeliveryResult;
using plancal::daemon::MailMessage;
using plancal::daemon::SpoolTransport;
namespace fs = std::filesystem;

namespace {

MailMessage message(const std::string& id, const std::string& body) {
  return {id,
          "plancal@example.gov.cn",
          {"rsj@example.gov.cn"},
          "Message-ID: <" + id + ">\r\n\r\n" + body + "\r\n"};
}

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the spool writes one file per message with the exact bytes, no temp files left") {
  plancal::testing::TempDir tmp;
  const fs::path dir = tmp.file("spool/new");  // created on the first send
  SpoolTransport spool(dir);
  const MailMessage a = message("aa.before_start@plancal", "一");
  const MailMessage b = message("bb.overdue@plancal", "二");
  CHECK(spool.send(a).ok);
  CHECK(spool.send(b).ok);
  CHECK(names(dir) ==
        std::vector<std::string>{"aa.before_start=40plancal.eml", "bb.overdue=40plancal.eml"});
  CHECK(read(dir / "aa.before_start=40plancal.eml") == a.bytes);
  CHECK(read(dir / "bb.overdue=40plancal.eml") == b.bytes);
}

TEST_CASE("sending the same message id again replaces its file") {
  plancal::testing::TempDir tmp;
  SpoolTransport spool(tmp.file("spool"));
  CHECK(spool.send(message("x@plancal", "first")).ok);
  CHECK(spool.send(message("x@plancal", "second")).ok);
  CHECK(names(tmp.file("spool")) == std::vector<std::string>{"x=40plancal.eml"});
  CHECK(read(fs::path(tmp.file("spool")) / "x=40plancal.eml").find("second") != std::string::npos);
}

TEST_CASE("file names are injective and cannot leave the directory") {
  CHECK(SpoolTransport::file_name("a@b") != SpoolTransport::file_name("a_b"));
  CHECK(SpoolTransport::file_name("a=40b") != SpoolTransport::file_name("a@b"));
  CHECK(SpoolTransport::file_name("../../etc/passwd") == "=2E.=2F..=2Fetc=2Fpasswd.eml");
  CHECK(SpoolTransport::file_name(".hidden") == "=2Ehidden.eml");
}

TEST_CASE("an unusable message id fails permanently, an unwritable directory transiently") {
  plancal::testing::TempDir tmp;
  SpoolTransport spool(tmp.file("spool"));
  const DeliveryResult empty = spool.send(message("", "x"));
  CHECK_FALSE(empty.ok);
  CHECK(empty.permanent);
  const DeliveryResult long_id = spool.send(message(std::string(300, 'a'), "x"));
  CHECK(long_id.permanent);

  std::ofstream(tmp.file("file")) << "not a directory";
  SpoolTransport blocked(fs::path(tmp.file("file")) / "spool");
  const DeliveryResult result = blocked.send(message("y@plancal", "x"));
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.permanent);
  CHECK(result.error.find("spool") != std::string::npos);
}

TEST_CASE("a failed write leaves no temporary file behind") {
  plancal::testing::TempDir tmp;
  const fs::path dir = tmp.file("spool");
  SpoolTransport spool(dir);
  CHECK(spool.send(message("first@plancal", "x")).ok);
  // A directory in the way of the target: the rename fails after the temp file was written.
  fs::create_directory(dir / SpoolTransport::file_name("z@plancal"));
  fs::path blocker = dir / SpoolTransport::file_name("z@plancal") / "keep";
  std::ofstream(blocker) << "x";
  const DeliveryResult result = spool.send(message("z@plancal", "x"));
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.permanent);
  CHECK(result.error.find("cannot rename") != std::string::npos);
  CHECK(names(dir) == std::vector<std::string>{"first=40plancal.eml", "z=40plancal.eml"});
}
