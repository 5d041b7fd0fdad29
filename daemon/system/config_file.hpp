// plancald's configuration file: one TOML file (docs/configuration.md lists every key)
// read into a DaemonOptions. Every problem — a TOML syntax error, an unknown section or
// key, a value of the wrong type or out of range — is reported as one line naming the
// file, line and column and the key, so an operator can fix them all in one pass. Pure
// apart from reading the file; not thread-safe (it writes into the caller's options).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "daemon/system/daemon_options.hpp"

namespace plancal::daemon {

// Reads the TOML file at `path` over `options` (keys not in the file keep their value).
// Returns the problems, one line each ("plancal.toml:3:1: 'lisen': unknown key in
// [http] (did you mean 'listen'?)"); empty on success. On problems `options` may be
// partly updated. A file that cannot be read is one problem.
std::vector<std::string> load_config_file(const std::string& path, DaemonOptions& options);

// The same for TOML text; `source` names it in the messages.
std::vector<std::string> apply_config_text(std::string_view text, const std::string& source,
                                           DaemonOptions& options);

// The effective configuration as a TOML document that apply_config_text() reads back
// into the same settings (--check-config prints it). Runtime-only values (--now,
// inherited sockets) appear as comments.
std::string format_config(const DaemonOptions& options);

}  // namespace plancal::daemon
