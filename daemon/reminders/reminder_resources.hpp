// What ReminderService sets up from its configuration: the working-day calendar from the
// holiday files, the mail transport, and the message of a send-test. Failures throw
// SetupError naming the file:line or the setting; the caller logs them. Pure apart from
// the files read; thread-safe.
#pragma once

#include <memory>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/plan_file/holiday_file.hpp"
#include "daemon/reminders/mail_transport.hpp"
#include "daemon/reminders/scheduler_options.hpp"
#include "daemon/system/daemon_options.hpp"
#include "daemon/system/setup_error.hpp"

namespace plancal::daemon {

// The working days of every *.toml of `dir` (the holidays directory itself, in file name
// order). Throws SetupError with every problem (file:line:column) when any file has one.
calendar::HolidayCalendar load_holiday_files(const std::string& dir);

// The transport `mail` asks for: a SpoolTransport (spool_dir, default ./mail-spool) or an
// SmtpTransport (password from the first line of password_file when username is set).
// Sets `description` ("spool:DIR", the SMTP URL). Throws SetupError (an unreadable
// password file, an unusable SMTP URL).
std::unique_ptr<MailTransport> open_mail_transport(const MailOptions& mail,
                                                   std::string& description);

// A short plain-text test message (Chinese and English, UTF-8, base64) from
// options.from_address to every address of `unit`, Message-ID "test.<random hex>@plancal".
// The caller checks that the unit has addresses.
MailMessage compose_test_message(const calendar::Plan& plan, const calendar::Unit& unit,
                                 const SchedulerOptions& options, calendar::TimePoint now,
                                 int offset_minutes);

}  // namespace plancal::daemon
