#include "daemon/admin/admin_access.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "tests/support/temp_dir.hpp"

using namespace plancal::daemon;

TEST_CASE("admin access: root and the daemon's own uid are always allowed") {
  const PeerAccess access = resolve_access({}, {});
  CHECK(access.uids.count(0) == 1);
  CHECK(access.uids.count(::geteuid()) == 1);
  int fds[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  const PeerCheck check = check_peer(fds[0], access);
  CHECK(check.allowed);
  CHECK(check.peer.uid == ::geteuid());
  CHECK(check.peer.pid == ::getpid());
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_CASE("admin access: users and groups by name or number; unknown names are errors") {
  const PeerAccess access = resolve_access({"root", "4242"}, {"0", "4343"});
  CHECK(access.uids.count(4242) == 1);
  CHECK(access.gids.count(4343) == 1);
  CHECK_THROWS_AS(resolve_access({"no-such-user-plancal"}, {}), std::runtime_error);
  CHECK_THROWS_AS(resolve_access({}, {"no-such-group-plancal"}), std::runtime_error);
}

TEST_CASE("admin access: a stale socket is removed, a file that is not a socket is not") {
  plancal::testing::TempDir dir;
  remove_stale_socket(dir.file("absent.sock"));  // nothing there: nothing to do

  const std::string path = dir.file("stale.sock");
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  ::close(fd);  // bound, never listened: connect() is refused, as after a crash
  remove_stale_socket(path);
  CHECK(::access(path.c_str(), F_OK) != 0);

  const std::string file = dir.file("plain");
  std::ofstream(file) << "x";
  CHECK_THROWS_WITH_AS(remove_stale_socket(file), doctest::Contains("not a socket"),
                       std::runtime_error);
}

TEST_CASE("admin access: a socket somebody listens on is left alone") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("live.sock");
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strcpy(address.sun_path, path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(fd, 1) == 0);
  CHECK_THROWS_WITH_AS(remove_stale_socket(path), doctest::Contains("another process answers"),
                       std::runtime_error);
  CHECK(::access(path.c_str(), F_OK) == 0);
  ::close(fd);
}
