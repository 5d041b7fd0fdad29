// The admin server over a real Unix socket, with its event loop on a background thread and
// a plain POSIX client: framing, limits, idle timeout, the socket file's life.
#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/admin/admin_server.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"

using namespace plancal::daemon;
using nlohmann::json;

namespace {

// Echoes the request line back as the result.
void echo(std::string_view line, const AdminPeer& peer, AdminReply reply) {
  reply(json{{"ok", true}, {"result", {{"line", line}, {"uid", peer.uid}}}}.dump() + "\n");
}

class Running {
 public:
  explicit Running(const std::string& path, std::chrono::seconds idle = std::chrono::seconds(60))
      : server_(io_, AdminServerOptions{path, std::nullopt, "", {}, {}, idle}, echo),
        thread_([this] { io_.run(); }) {}
  ~Running() {
    boost::asio::post(io_, [this] { server_.stop(); });
    thread_.join();
  }

 private:
  boost::asio::io_context io_;
  AdminServer server_;
  std::thread thread_;
};

class Client {
 public:
  explicit Client(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_STREAM, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path.c_str());
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    }
  }
  ~Client() { ::close(fd_); }
  void send(const std::string& data) {
    REQUIRE(::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == ssize_t(data.size()));
  }
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }
  // The next line as JSON; null at the end of the stream.
  json line() {
    for (;;) {
      if (auto newline = buffer_.find('\n'); newline != std::string::npos) {
        json value = json::parse(buffer_.substr(0, newline));
        buffer_.erase(0, newline + 1);
        return value;
      }
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return nullptr;
      buffer_.append(chunk, size_t(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

}  // namespace

TEST_CASE("admin server: one response line per request line, pipelined, in order") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("admin.sock");
  Running running(path);
  Client client(path);
  client.send("first\nsecond\r\n");
  const json first = client.line();
  CHECK(first["result"]["line"] == "first");
  CHECK(first["result"]["uid"] == ::geteuid());
  CHECK(client.line()["result"]["line"] == "second\r");  // the protocol strips the CR
  client.send("last without newline");
  client.shutdown_write();
  CHECK(client.line()["result"]["line"] == "last without newline");
  CHECK(client.line().is_null());
}

TEST_CASE("admin server: an oversized line is refused and the connection closed") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("admin.sock");
  Running running(path);
  Client client(path);
  client.send(std::string(70 * 1024, 'x'));
  CHECK(client.line()["error"]["code"] == "too_large");
  CHECK(client.line().is_null());
  Client again(path);
  again.send("ok\n");
  CHECK(again.line()["ok"] == true);
}

TEST_CASE("admin server: an idle connection times out with an error line") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("admin.sock");
  Running running(path, std::chrono::seconds(1));
  Client client(path);
  client.send("{\"partial\":");
  CHECK(client.line()["error"]["code"] == "timeout");
  CHECK(client.line().is_null());
}

TEST_CASE("admin server: the socket file is 0660, exclusive, and removed on stop") {
  plancal::testing::TempDir dir;
  const std::string path = dir.file("admin.sock");
  {
    Running running(path);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0660);
    boost::asio::io_context other;
    AdminServerOptions same;
    same.socket_path = path;
    CHECK_THROWS_WITH_AS(AdminServer(other, same, echo),
                         doctest::Contains("another process answers"), std::runtime_error);
  }
  CHECK(::access(path.c_str(), F_OK) != 0);
}
