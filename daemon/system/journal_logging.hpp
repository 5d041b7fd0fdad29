// plancald's logging: one spdlog logger on stderr. Under systemd, when stderr is the
// journal (JOURNAL_STREAM names stderr's device and inode, see systemd.exec(5)), each
// line starts with its syslog priority "<N>" (sd-daemon(3), SyslogLevelPrefix=) and
// carries no timestamp or pid, which the journal records itself. Otherwise lines use a
// console pattern with time, pid and level.
#pragma once

#include <memory>
#include <string>

#include <spdlog/common.h>

namespace plancal::daemon {

// Whether stderr is connected to the systemd journal.
bool stderr_is_journal();

// The syslog priority of a spdlog level: critical 2, error 3, warn 4, info 6, debug and
// trace 7.
int syslog_priority(spdlog::level::level_enum level);

// Makes the default logger, named `name`, at `level` ("info"), formatted for the journal
// or the console.
void install_logger(const std::string& name, const std::string& level, bool journal);

}  // namespace plancal::daemon
