#include "daemon/admin/admin_access.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace plancal::daemon {
namespace {

// The id if `text` is a decimal number.
std::optional<unsigned> decimal_id(const std::string& text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

uid_t resolve_user(const std::string& user) {
  if (auto id = decimal_id(user)) return static_cast<uid_t>(*id);
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  const int rc = ::getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (rc != 0) throw std::runtime_error("admin: user " + user + ": " + std::strerror(rc));
  if (found == nullptr) throw std::runtime_error("admin: no user named '" + user + "'");
  return found->pw_uid;
}

// Peer's supplementary groups (SO_PEERGROUPS, Linux 4.13); empty where unsupported.
std::vector<gid_t> peer_groups(int fd) {
#ifdef SO_PEERGROUPS
  std::vector<gid_t> groups(64);
  for (int tries = 0; tries < 2; ++tries) {
    socklen_t length = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &length) == 0) {
      groups.resize(length / sizeof(gid_t));
      return groups;
    }
    if (errno != ERANGE) break;
    groups.resize(length / sizeof(gid_t) + 1);
  }
#else
  (void)fd;
#endif
  return {};
}

}  // namespace

gid_t resolve_group(const std::string& group) {
  if (auto id = decimal_id(group)) return static_cast<gid_t>(*id);
  std::vector<char> buffer(65536);
  struct group entry {};
  struct group* found = nullptr;
  const int rc = ::getgrnam_r(group.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (rc != 0) throw std::runtime_error("admin: group " + group + ": " + std::strerror(rc));
  if (found == nullptr) throw std::runtime_error("admin: no group named '" + group + "'");
  return found->gr_gid;
}

PeerAccess resolve_access(const std::vector<std::string>& users,
                          const std::vector<std::string>& groups) {
  PeerAccess access;
  access.uids = {0, ::geteuid()};
  for (const auto& user : users) access.uids.insert(resolve_user(user));
  for (const auto& group : groups) access.gids.insert(resolve_group(group));
  return access;
}

PeerCheck check_peer(int fd, const PeerAccess& access) {
  PeerCheck check;
  ucred credentials{};
  socklen_t length = sizeof credentials;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) {
    check.reason = std::string("cannot read the peer's credentials: ") + std::strerror(errno);
    return check;
  }
  check.peer = {credentials.uid, credentials.gid, credentials.pid};
  if (access.uids.count(credentials.uid) != 0 || access.gids.count(credentials.gid) != 0) {
    check.allowed = true;
    return check;
  }
  const auto groups = peer_groups(fd);
  check.allowed = std::any_of(groups.begin(), groups.end(),
                              [&](gid_t gid) { return access.gids.count(gid) != 0; });
  if (!check.allowed) {
    check.reason = "uid " + std::to_string(credentials.uid) +
                   " is not an allowed user and none of its groups is allowed";
  }
  return check;
}

void remove_stale_socket(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw std::runtime_error("admin socket " + path + ": " + std::strerror(errno));
  }
  if (!S_ISSOCK(st.st_mode)) {
    throw std::runtime_error("admin socket " + path + ": exists and is not a socket");
  }
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) {
    throw std::runtime_error("admin socket " + path + ": path too long");
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("admin: socket: ") + std::strerror(errno));
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  const int error = errno;
  ::close(fd);
  if (rc == 0) {
    throw std::runtime_error("admin socket " + path +
                             ": another process answers on it (is plancald already running?)");
  }
  if (error == ENOENT) return;  // removed meanwhile
  if (error != ECONNREFUSED) {
    throw std::runtime_error("admin socket " + path + ": cannot check it: " + std::strerror(error));
  }
  spdlog::info("admin: removing stale socket {} (nobody answers on it)", path);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    throw std::runtime_error("admin socket " + path +
                             ": cannot remove the stale socket: " + std::strerror(errno));
  }
}

}  // namespace plancal::daemon
