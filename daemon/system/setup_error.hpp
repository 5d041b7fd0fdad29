// The error style of daemon/ (docs/architecture.md, "Errors"): setting up a part of the
// daemon from its configuration and files either succeeds or throws SetupError, whose
// problems name the file:line:column or the setting, one line each. The code that decides
// what a failure means logs it, once: main() as critical lines before exiting 1, a reload
// as error lines while the old data keeps serving. Failures during service (a message not
// delivered, a bad admin request) are values instead (DeliveryResult, CommandOutcome).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace plancal::daemon {

class SetupError : public std::runtime_error {
 public:
  explicit SetupError(std::string problem)
      : std::runtime_error(problem), problems_{std::move(problem)} {}
  // `problems` is not empty; what() is the first.
  explicit SetupError(std::vector<std::string> problems)
      : std::runtime_error(problems.front()), problems_(std::move(problems)) {}

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

}  // namespace plancal::daemon
