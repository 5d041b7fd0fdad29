#include "daemon/reminders/spool_transport.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <spdlog/spdlog.h>

namespace plancal::daemon {
namespace {

constexpr size_t kMaxFileName = 255;  // NAME_MAX of common Linux file systems

std::string errno_text(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

// Writes all of `data` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Creates `path` exclusively and writes `data` durably into it; "" or the error.
std::string write_file_synced(const std::filesystem::path& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return errno_text("cannot create", path);
  std::string error;
  if (!write_all(fd, data))
    error = errno_text("cannot write", path);
  else if (::fsync(fd) != 0)
    error = errno_text("cannot fsync", path);
  if (::close(fd) != 0 && error.empty()) error = errno_text("cannot close", path);
  return error;
}

std::string sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_text("cannot open directory", dir);
  std::string error;
  if (::fsync(fd) != 0) error = errno_text("cannot fsync directory", dir);
  if (::close(fd) != 0 && error.empty()) error = errno_text("cannot close directory", dir);
  return error;
}

}  // namespace

SpoolTransport::SpoolTransport(std::filesystem::path directory)
    : directory_(std::move(directory)) {}

std::string SpoolTransport::file_name(std::string_view message_id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name;
  for (size_t i = 0; i < message_id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(message_id[i]);
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || (c == '.' && i > 0);
    if (safe) {
      name += static_cast<char>(c);
    } else {
      name += '=';
      name += kHex[c >> 4];
      name += kHex[c & 15];
    }
  }
  return name + ".eml";
}

DeliveryResult SpoolTransport::send(const MailMessage& message) {
  const std::string name = file_name(message.message_id);
  // Room for the temporary name: "." + name + "." + pid + "." + counter + ".tmp".
  if (message.message_id.empty() || name.size() + 32 > kMaxFileName)
    return DeliveryResult::permanent_failure("message id '" + message.message_id +
                                             "' cannot name a spool file");
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec)
    return DeliveryResult::transient("cannot create spool directory " + directory_.string() + ": " +
                                     ec.message());
  const std::filesystem::path target = directory_ / name;
  const std::filesystem::path temp = directory_ / ("." + name + "." + std::to_string(::getpid()) +
                                                   "." + std::to_string(++temp_counter_) + ".tmp");
  std::string error = write_file_synced(temp, message.bytes);
  if (error.empty() && ::rename(temp.c_str(), target.c_str()) != 0)
    error = errno_text("cannot rename to", target);
  if (!error.empty()) {
    if (std::filesystem::remove(temp, ec); ec)
      error += "; the temporary file " + temp.string() + " is left: " + ec.message();
    return DeliveryResult::transient(error);
  }
  error = sync_directory(directory_);
  if (!error.empty()) {
    return DeliveryResult::transient("written but not synced: " + error);
  }
  spdlog::debug("spool: message {} written to {}", message.message_id, target.string());
  return DeliveryResult::success();
}

}  // namespace plancal::daemon
