#include "calendar/work_links/link_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "calendar/crypto/hex.hpp"
#include "calendar/crypto/random_bytes.hpp"

namespace plancal::calendar {
namespace {

constexpr size_t kSecretBytes = 32;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw LinkKeyError(path + ": " + what);
}

std::optional<LinkKey> parse_key(const std::string& text) {
  // "v<version> <hex>\n"
  if (text.size() < 2 || text[0] != 'v') return std::nullopt;
  const size_t space = text.find(' ');
  if (space == std::string::npos) return std::nullopt;
  LinkKey key;
  const auto [end, ec] = std::from_chars(text.data() + 1, text.data() + space, key.version);
  if (ec != std::errc() || end != text.data() + space || key.version < 1) return std::nullopt;
  std::string hex = text.substr(space + 1);
  if (!hex.empty() && hex.back() == '\n') hex.pop_back();
  auto secret = from_hex(hex);
  if (!secret || secret->size() != kSecretBytes) return std::nullopt;
  key.secret = std::move(*secret);
  return key;
}

void write_key(const std::string& path, const LinkKey& key) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(temporary, std::strerror(errno));
  const std::string text = "v" + std::to_string(key.version) + " " + to_hex(key.secret) + "\n";
  const bool written = ::fchmod(fd, 0600) == 0 &&
                       ::write(fd, text.data(), text.size()) == ssize_t(text.size()) &&
                       ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) fail(temporary, std::strerror(saved));
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail(path, std::strerror(errno));
}

LinkKey fresh_key(int version) {
  try {
    return {version, random_bytes(kSecretBytes)};
  } catch (const std::runtime_error& e) {
    throw LinkKeyError(e.what());
  }
}

// The key in `path`, nullopt when there is no file.
std::optional<LinkKey> read_key(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(path, std::strerror(errno));
  }
  if ((info.st_mode & 077) != 0)
    fail(path, "readable by others than its owner (chmod 600 it, or rotate the key)");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) fail(path, "cannot be read");
  auto key = parse_key(text.str());
  if (!key) fail(path, "not a plancal link secret (expected one line \"v<N> <64 hex digits>\")");
  return key;
}

}  // namespace

LinkKey load_or_create_link_key(const std::string& path) {
  if (auto key = read_key(path)) return std::move(*key);
  LinkKey key = fresh_key(1);
  write_key(path, key);
  return key;
}

LinkKey rotate_link_key(const std::string& path) {
  const auto old = read_key(path);
  LinkKey key = fresh_key(old ? old->version + 1 : 1);
  write_key(path, key);
  return key;
}

}  // namespace plancal::calendar
