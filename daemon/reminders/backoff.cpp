#include "daemon/reminders/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <utility>

namespace plancal::daemon {

namespace {

Backoff::UniformSource random_source() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

}  // namespace

Backoff::Backoff(BackoffPolicy policy) : Backoff(policy, random_source()) {}

Backoff::Backoff(BackoffPolicy policy, UniformSource source)
    : policy_(policy), source_(std::move(source)) {}

std::chrono::seconds Backoff::delay(int attempts) {
  const double cap = static_cast<double>(policy_.cap.count());
  const double exponent = static_cast<double>(std::max(attempts, 1) - 1);
  // pow() overflows to infinity for large exponents; min() then picks the cap.
  const double wait =
      std::min(static_cast<double>(policy_.base.count()) * std::pow(policy_.factor, exponent), cap);
  const double spread = policy_.jitter * (2.0 * source_() - 1.0);
  const double seconds = std::round(wait * (1.0 + spread));
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(seconds)));
}

}  // namespace plancal::daemon
