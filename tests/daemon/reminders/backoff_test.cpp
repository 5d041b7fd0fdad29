#include "daemon/reminders/backoff.hpp"

#include <doctest/doctest.h>

#include <chrono>

using plancal::daemon::Backoff;
using plancal::daemon::BackoffPolicy;
using std::chrono::seconds;

namespace {

Backoff fixed(double u, BackoffPolicy policy = {}) {
  return Backoff(policy, [u] { return u; });
}

}  // namespace

TEST_CASE("without jitter the wait doubles from the base up to the cap") {
  Backoff backoff = fixed(0.5);  // u = 0.5: no spread
  CHECK(backoff.delay(1) == seconds(30));
  CHECK(backoff.delay(2) == seconds(60));
  CHECK(backoff.delay(3) == seconds(120));
  CHECK(backoff.delay(7) == seconds(1920));
  CHECK(backoff.delay(8) == seconds(3600));
  CHECK(backoff.delay(1000) == seconds(3600));  // no overflow
  CHECK(backoff.delay(0) == seconds(30));       // counts as the first failure
}

TEST_CASE("jitter spreads the wait over plus or minus 20 percent") {
  CHECK(fixed(0.0).delay(1) == seconds(24));
  CHECK(fixed(0.999999).delay(1) == seconds(36));
  CHECK(fixed(0.0).delay(20) == seconds(2880));  // the cap is spread too
  CHECK(fixed(0.999999).delay(20) == seconds(4320));
}

TEST_CASE("the default random source stays within the bounds and varies") {
  Backoff backoff{BackoffPolicy{}};
  bool varied = false;
  const seconds first = backoff.delay(3);
  for (int i = 0; i < 200; ++i) {
    const seconds d = backoff.delay(3);
    CHECK(d >= seconds(96));
    CHECK(d <= seconds(144));
    varied = varied || d != first;
  }
  CHECK(varied);
}

TEST_CASE("a small base for tests still waits at least one second") {
  BackoffPolicy policy;
  policy.base = seconds(1);
  policy.jitter = 0.9;
  CHECK(fixed(0.0, policy).delay(1) == seconds(1));  // 0.1 s: raised to the 1 s minimum
}

TEST_CASE("attempts are exhausted at max_attempts") {
  Backoff backoff = fixed(0.5);
  CHECK_FALSE(backoff.exhausted(7));
  CHECK(backoff.exhausted(8));
  CHECK(backoff.exhausted(9));
}
