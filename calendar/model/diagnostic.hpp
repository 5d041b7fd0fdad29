// A problem found in input (a plan file, a schedule phrase, a command argument), named
// precisely enough for an operator to fix it: "data/plans/x.toml:120:9: 2月30日: no such day".
// Input problems are values in plancal's calendar layer; failures of the environment
// (a database that cannot be written) are exceptions.
#pragma once

#include <string>
#include <vector>

namespace plancal::calendar {

struct Diagnostic {
  std::string file;   // empty when the input did not come from a file
  int line = 0;       // 1-based; 0 when unknown
  int column = 0;     // 1-based; 0 when unknown
  std::string value;  // the offending phrase or value, as written
  std::string message;

  // "file:line:column: 'value': message", leaving out the parts that are unknown.
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace plancal::calendar
