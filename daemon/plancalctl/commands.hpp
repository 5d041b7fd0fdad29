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
// plancalctl import DATAFILE --db FILE [--now INSTANT]
int import_command(const Argv& args, Io io);
// plancalctl activities --db FILE [--plan ID] [--category C] [--unit U] [--json]
int activities_command(const Argv& args, Io io);

}  // namespace plancal::ctl
