// Command-line arguments of one plancalctl command: positionals and --options, checked
// against the options the command declares so a typo is an error, not silently ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace plancal::ctl {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::set<std::string> with_value;  // "--db FILE"
  std::set<std::string> flags;       // "--json"
};

class Args {
 public:
  // Throws UsageError naming the offending argument.
  Args(const std::vector<std::string>& argv, const OptionSpec& spec);

  const std::vector<std::string>& positionals() const { return positionals_; }
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;
  // The value, or a UsageError saying the option is required.
  std::string required(const std::string& name) const;
  // An integer option; UsageError if present but not an integer.
  std::optional<int> integer(const std::string& name) const;

 private:
  std::vector<std::string> positionals_;
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
};

}  // namespace plancal::ctl
