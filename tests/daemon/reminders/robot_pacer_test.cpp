#include "daemon/reminders/robot_pacer.hpp"

#include <doctest/doctest.h>

using plancal::daemon::RobotPacer;
using namespace std::chrono_literals;

TEST_CASE("robot pacer: one robot's messages are 60 s / per_minute apart, others are not held") {
  RobotPacer pacer(20);  // 3 s apart
  const RobotPacer::Clock::time_point t0{};
  CHECK(pacer.book("a", t0) == t0);
  CHECK(pacer.book("a", t0) == t0 + 3s);  // queued behind the first, not refused
  CHECK(pacer.book("a", t0 + 1s) == t0 + 6s);
  CHECK(pacer.book("b", t0 + 1s) == t0 + 1s);    // another robot has its own pace
  CHECK(pacer.book("a", t0 + 60s) == t0 + 60s);  // an idle robot sends at once
  // 21 messages due together take 60 s: never more than 20 in any minute.
  RobotPacer burst(20);
  RobotPacer::Clock::time_point last{};
  for (int i = 0; i < 21; ++i) last = burst.book("r", t0);
  CHECK(last == t0 + 60s);
}
