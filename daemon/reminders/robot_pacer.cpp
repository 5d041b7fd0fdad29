#include "daemon/reminders/robot_pacer.hpp"

#include <algorithm>

namespace plancal::daemon {

RobotPacer::RobotPacer(int per_minute)
    : spacing_(std::chrono::duration_cast<Clock::duration>(std::chrono::minutes(1)) /
               std::max(per_minute, 1)) {}

RobotPacer::Clock::time_point RobotPacer::book(const std::string& robot, Clock::time_point now) {
  auto [slot, added] = next_free_.try_emplace(robot, now);
  const Clock::time_point at = std::max(now, slot->second);
  slot->second = at + spacing_;
  return at;
}

}  // namespace plancal::daemon
