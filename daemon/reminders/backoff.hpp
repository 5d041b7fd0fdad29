// Exponential backoff with jitter for reminder delivery retries: after the n-th failed
// attempt the next one waits base × factor^(n-1), at most `cap`, then spread by ±jitter
// (a fraction) so that many reminders failing together do not retry in lockstep. The
// jitter's random source is injectable so tests get exact delays. After `max_attempts`
// attempts the scheduler gives up (mark_failed). Not thread-safe (the default source keeps
// generator state); the scheduler uses it on the event-loop thread only.
#pragma once

#include <chrono>
#include <functional>

namespace plancal::daemon {

struct BackoffPolicy {
  std::chrono::seconds base{30};   // the wait after the first failed attempt
  double factor = 2.0;             // each further failure multiplies the wait
  std::chrono::seconds cap{3600};  // no wait (before jitter) is longer
  double jitter = 0.2;             // the wait is spread uniformly over ±jitter of itself
  int max_attempts = 8;            // attempts (claims) before giving up; at least 1
};

class Backoff {
 public:
  // Returns a value uniformly distributed in [0, 1).
  using UniformSource = std::function<double()>;

  // A backoff drawing its jitter from a Mersenne Twister seeded by std::random_device.
  explicit Backoff(BackoffPolicy policy);
  // A backoff drawing its jitter from `source` (tests: a constant).
  Backoff(BackoffPolicy policy, UniformSource source);

  // The wait before the next attempt after `attempts` attempts have failed (attempts >= 1;
  // smaller values count as 1): min(base × factor^(attempts-1), cap) × (1 + jitter × u),
  // u uniform in [-1, 1), rounded to whole seconds and at least 1 s.
  std::chrono::seconds delay(int attempts);

  // True when `attempts` attempts are all the policy allows.
  bool exhausted(int attempts) const { return attempts >= policy_.max_attempts; }

  const BackoffPolicy& policy() const { return policy_; }

 private:
  BackoffPolicy policy_;
  UniformSource source_;
};

}  // namespace plancal::daemon
