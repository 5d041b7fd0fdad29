// The plancalctl commands. Each takes the arguments after its name and returns the
// process exit status: 0 on success, 1 when the input is bad (errors printed to err),
// 2 on a usage error (thrown as UsageError and reported by main).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace plancal::ctl {

struct Io {
  std::ostream& out;
  std::ostream& err;
};

using Argv = std::vector<std::string>;

// plancalctl parse [--year N] [--json] TEXT...
int parse_command(const Argv& args, Io io);
// plancalctl check DATAFILE...
int check_command(const Argv& args, Io io);
// plancalctl draft FILE [--year N] [--id PLAN_ID] [-o OUT] [--holidays DIR]
int draft_command(const Argv& args, Io io);
// plancalctl diff OLD.toml NEW.toml
int diff_command(const Argv& args, Io io);
// plancalctl import DATAFILE --db FILE [--now INSTANT]
int import_command(const Argv& args, Io io);
// plancalctl activities --db FILE [--plan ID] [--category C] [--unit U] [--json]
int activities_command(const Argv& args, Io io);
// plancalctl feed --db FILE (--list | --feed ID [--tasks]) [--from DATE] [--to DATE]
//                 [--base-url URL]
int feed_command(const Argv& args, Io io);
// plancalctl reminders --from DATE --to DATE (--data DIR | --db FILE [--holidays DIR])
//                      [--unit ID] [--now INSTANT] [--json]
int reminders_command(const Argv& args, Io io);

// Commands that ask the running daemon over its admin socket (daemon_commands.cpp,
// docs/admin-protocol.md): plancalctl NAME [ARGS] [--socket PATH] [--json]. Exit 0 on
// success, 1 on an error answer (printed to err), 2 on a usage error, 3 when the daemon
// cannot be reached.
int daemon_command(const std::string& name, const Argv& args, Io io);
std::vector<std::string> daemon_command_names();
// "status [--socket PATH] [--json]": the usage line of a daemon command.
std::string daemon_command_usage(const std::string& name);

}  // namespace plancal::ctl
