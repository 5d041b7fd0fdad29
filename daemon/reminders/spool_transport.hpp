// A mail transport that delivers into a directory: one file <message id>.eml per message,
// holding the message bytes exactly as they would go over SMTP (CRLF line ends). The
// daemon's default: nothing leaves the machine, and an operator or a later relay picks the
// files up. Each file appears atomically (written to a temporary dot-file in the same
// directory, fsync'd, renamed, directory fsync'd), so a reader never sees half a message
// and a crash leaves either the old file or the new one. The file name is a function of
// the message id, so sending a message again overwrites its file instead of adding one.
// Not thread-safe: one sender at a time (the spool directory may be shared with readers).
#pragma once

#include <filesystem>
#include <string_view>

#include "daemon/reminders/mail_transport.hpp"

namespace plancal::daemon {

class SpoolTransport final : public MailTransport {
 public:
  // The directory is created (with parents) at the first send when missing.
  explicit SpoolTransport(std::filesystem::path directory);

  // Writes the message to file_name(message.message_id) in the directory. Fails
  // permanently when the message id is empty or too long for a file name, transiently on
  // any file system error (errno text in the error).
  DeliveryResult send(const MailMessage& message) override;

  // "<id>.eml" with every byte outside [A-Za-z0-9._-] (and a leading ".") written as "=XX"
  // (hex), so distinct ids give distinct names: "3f…9a.overdue=40plancal.eml".
  static std::string file_name(std::string_view message_id);

  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  unsigned temp_counter_ = 0;
};

}  // namespace plancal::daemon
