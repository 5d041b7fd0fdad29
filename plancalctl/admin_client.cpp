#include "plancalctl/admin_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "daemon/protocol/admin_protocol.hpp"

namespace plancal::ctl {

AdminClient::AdminClient(const std::string& socket_path, std::chrono::seconds timeout)
    : path_(socket_path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path_.size() >= sizeof address.sun_path) {
    throw AdminClientError("admin socket path too long: " + path_);
  }
  std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw AdminClientError(std::string("socket: ") + std::strerror(errno));
  timeval tv{static_cast<time_t>(timeout.count()), 0};
  if (::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
      ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0 ||
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    throw AdminClientError("cannot connect to " + path_ + ": " + std::strerror(error) +
                           " (is plancald running? use --socket PATH)");
  }
}

AdminClient::~AdminClient() { ::close(fd_); }

nlohmann::json AdminClient::call(std::string_view command, const nlohmann::json& args) {
  const int id = next_id_++;
  const std::string request = daemon::format_request(id, command, args);
  int send_error = 0;
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      send_error = errno;
      break;
    }
    sent += static_cast<size_t>(n);
  }
  // A daemon that refuses the connection (too many clients, forbidden) says why and closes,
  // maybe before the request is sent: its line is the answer, not "Broken pipe".
  std::string line;
  try {
    line = read_line();
  } catch (const AdminClientError&) {
    if (send_error != 0)
      throw AdminClientError("sending to " + path_ + ": " + std::strerror(send_error));
    throw;
  }
  nlohmann::json response = nlohmann::json::parse(line, nullptr, false);
  if (response.is_discarded() || !response.is_object() || !response.contains("ok") ||
      !response["ok"].is_boolean()) {
    throw AdminClientError("the daemon answered something that is not a response: " +
                           line.substr(0, 200));
  }
  // A connection-level error (forbidden, too_large) comes without our id.
  if (response.value("id", nlohmann::json()) != nlohmann::json(id) && response["ok"].get<bool>()) {
    throw AdminClientError("the daemon answered another request (id mismatch)");
  }
  return response;
}

std::string AdminClient::read_line() {
  for (;;) {
    if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      throw AdminClientError("no answer from " + path_ + " in time");
    }
    if (n < 0) throw AdminClientError("reading from " + path_ + ": " + std::strerror(errno));
    if (n == 0) throw AdminClientError("the daemon closed the connection on " + path_);
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace plancal::ctl
