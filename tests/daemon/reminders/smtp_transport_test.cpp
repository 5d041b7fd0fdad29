#include "daemon/reminders/smtp_transport.hpp"

#include <doctest/doctest.h>

#include "daemon/reminders/reminder_resources.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal::daemon;

TEST_CASE("smtp transport: a URL it cannot send to is a SetupError, not a transport") {
  SmtpOptions options;
  options.url = "http://relay.example";
  CHECK_THROWS_WITH_AS(SmtpTransport{options}, doctest::Contains("smtp:// or smtps://"),
                       SetupError);
}

TEST_CASE("smtp transport: the default timeouts are the documented ones") {
  const SmtpOptions options;
  CHECK(options.connect_timeout == std::chrono::seconds(10));
  CHECK(options.timeout == std::chrono::seconds(60));
}

TEST_CASE("mail transport: a missing password file names the file") {
  plancal::testing::TempDir dir;
  MailOptions mail;
  mail.transport = MailTransportKind::kSmtp;
  mail.smtp_url = "smtp://127.0.0.1:25";
  mail.username = "bot";
  mail.password_file = dir.file("absent");
  std::string description;
  CHECK_THROWS_WITH_AS(open_mail_transport(mail, description),
                       doctest::Contains(dir.file("absent").c_str()), SetupError);
}

TEST_CASE("holiday files: errors are a SetupError with one problem per line") {
  plancal::testing::TempDir dir;
  CHECK_THROWS_AS(load_holiday_files(dir.file("no-such-folder")), SetupError);
  CHECK(load_holiday_files(std::string(PLANCAL_DEFAULT_DATA_DIR) + "/holidays").covers(2023));
}
