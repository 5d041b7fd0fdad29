#include "daemon/reminders/reminder_resources.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include <spdlog/spdlog.h>

#include "calendar/reminders/mime_text.hpp"
#include "daemon/reminders/smtp_transport.hpp"
#include "daemon/reminders/spool_transport.hpp"

namespace plancal::daemon {

using calendar::TimePoint;

calendar::HolidayCalendar load_holiday_files(const std::string& dir) {
  calendar::HolidayLoad load = calendar::load_holiday_folder(dir);
  if (!load.errors.empty()) {
    std::vector<std::string> problems;
    for (const auto& error : load.errors) problems.push_back(error.to_string());
    throw SetupError(std::move(problems));
  }
  return std::move(load.calendar);
}

std::unique_ptr<MailTransport> open_mail_transport(const MailOptions& mail,
                                                   std::string& description) {
  if (mail.transport == MailTransportKind::kSpool) {
    const std::string dir = mail.spool_dir.empty() ? "mail-spool" : mail.spool_dir;
    description = "spool:" + dir;
    return std::make_unique<SpoolTransport>(dir);
  }
  SmtpOptions smtp;
  smtp.url = mail.smtp_url;
  smtp.starttls = mail.starttls;
  smtp.username = mail.username;
  smtp.connect_timeout = mail.connect_timeout;
  smtp.response_timeout = mail.response_timeout;
  smtp.timeout = mail.send_timeout;
  if (!mail.username.empty()) {
    std::ifstream in(mail.password_file);
    if (!in || !std::getline(in, smtp.password)) {
      throw SetupError("password file " + mail.password_file + ": " +
                       (in ? "empty" : std::strerror(errno)));
    }
  }
  auto transport = std::make_unique<SmtpTransport>(smtp);
  description = mail.smtp_url;
  return transport;
}

MailMessage compose_test_message(const calendar::Plan& plan, const calendar::Unit& unit,
                                 const SchedulerOptions& options, TimePoint now,
                                 int offset_minutes) {
  std::random_device random;
  const std::string id = fmt::format("test.{:08x}{:08x}@plancal", random(), random());
  const std::string from =
      options.from_name.empty()
          ? options.from_address
          : calendar::encode_header_text(options.from_name, 6) + " <" + options.from_address + ">";
  std::string to;
  for (const auto& address : unit.emails) to += (to.empty() ? "" : ", ") + address;
  const std::string text = "这是 plancal 的测试邮件：" + plan.title + "的提醒将发送到本地址（" +
                           unit.name + "）。\r\nThis is a plancal test message.\r\n";
  std::string bytes =
      "From: " + from + "\r\nTo: " + to +
      "\r\nSubject: " + calendar::encode_header_text("plancal 测试邮件 / test message", 9) +
      "\r\nDate: " + calendar::rfc5322_date(now, offset_minutes) + "\r\nMessage-ID: <" + id +
      ">\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      calendar::base64_body(text);
  return {id, options.from_address, unit.emails, std::move(bytes)};
}

}  // namespace plancal::daemon
