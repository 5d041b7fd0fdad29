// Spaces the messages to each chat robot so that none gets more than `per_minute` a minute
// ([robots] per_minute): every message books the robot's next free slot, 60 s / per_minute
// after the one before. A message over the limit waits for its slot instead of being
// dropped or refused. Robots are told apart by their webhook URL (two units sharing one
// group robot share its pace). Not thread-safe: the robot transport's sender thread only.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace plancal::daemon {

class RobotPacer {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RobotPacer(int per_minute);

  // The earliest time a message to `robot` may go out, at or after `now`; the slot is
  // taken.
  Clock::time_point book(const std::string& robot, Clock::time_point now);

 private:
  Clock::duration spacing_;
  std::map<std::string, Clock::time_point> next_free_;
};

}  // namespace plancal::daemon
