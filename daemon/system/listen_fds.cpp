#include "daemon/system/listen_fds.hpp"

#include <sys/socket.h>
#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <cstring>

namespace plancal::daemon {
namespace {

bool is_tcp_listener(int fd) { return sd_is_socket_inet(fd, AF_UNSPEC, SOCK_STREAM, 1, 0) > 0; }
bool is_unix_listener(int fd) { return sd_is_socket_unix(fd, SOCK_STREAM, 1, nullptr, 0) > 0; }

}  // namespace

InheritedSockets take_listen_fds() {
  InheritedSockets sockets;
  char** names = nullptr;
  const int count = sd_listen_fds_with_names(1, &names);
  if (count < 0) {
    sockets.errors.push_back(std::string("LISTEN_FDS: ") + std::strerror(-count));
    return sockets;
  }
  for (int i = 0; i < count; ++i) {
    const int fd = SD_LISTEN_FDS_START + i;
    std::string name = names != nullptr && names[i] != nullptr ? names[i] : "unknown";
    const std::string what = "socket '" + name + "' (fd " + std::to_string(fd) + ")";
    // sd_listen_fds_with_names() says "unknown" when LISTEN_FDNAMES is not set.
    if (name == "unknown" && count == 1) name = is_unix_listener(fd) ? "admin" : "http";
    std::optional<int>* slot = nullptr;
    if (name == "http") {
      slot = &sockets.http;
      if (!is_tcp_listener(fd)) sockets.errors.push_back(what + ": not a listening TCP socket");
    } else if (name == "admin") {
      slot = &sockets.admin;
      if (!is_unix_listener(fd)) {
        sockets.errors.push_back(what + ": not a listening Unix stream socket");
      }
    } else {
      sockets.errors.push_back(what + ": unknown FileDescriptorName (expected http or admin)");
    }
    if (slot != nullptr && *slot) sockets.errors.push_back(what + ": a second one of that name");
    if (slot != nullptr && !*slot) *slot = fd;
  }
  if (names != nullptr) {
    for (int i = 0; i < count; ++i) std::free(names[i]);
    std::free(names);
  }
  return sockets;
}

}  // namespace plancal::daemon
