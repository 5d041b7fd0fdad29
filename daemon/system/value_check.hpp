// The outcome of checking one flag or configuration value (daemon_options.hpp,
// config_file.hpp): passed, or the problem in words, naming the value as written. A named
// type with named factories, so that "no error" is never an empty optional<string>.
#pragma once

#include <string>
#include <utility>

namespace plancal::daemon {

class [[nodiscard]] ValueCheck {
 public:
  static ValueCheck passed() { return ValueCheck(""); }
  // `why` is not empty.
  static ValueCheck problem(std::string why) { return ValueCheck(std::move(why)); }

  bool ok() const { return why_.empty(); }
  const std::string& why() const { return why_; }

 private:
  explicit ValueCheck(std::string why) : why_(std::move(why)) {}
  std::string why_;
};

}  // namespace plancal::daemon
