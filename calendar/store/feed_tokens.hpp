// The secrets in the URLs of the units' private work feeds (/feeds/<id>.ics?token=...):
// one per unit id, 32 random bytes from the kernel (getrandom) as 64 lower-case hex
// digits, created on first use and kept until rotated, so subscriptions survive restarts.
// Backend failures and a failing random source throw StoreError. Not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"

namespace plancal::calendar {

struct FeedToken {
  std::string unit_id;
  std::string token;
  TimePoint created{};  // when this token was drawn (first use or last rotation)
  bool operator==(const FeedToken&) const = default;
};

class FeedTokenStore {
 public:
  static constexpr std::size_t kTokenBytes = 32;

  // A fresh token: kTokenBytes from libcrypto's CSPRNG as hex, for every backend. Throws
  // StoreError when the random source fails.
  static std::string draw_token();

  virtual ~FeedTokenStore() = default;

  // The unit's token, drawn and stored now if it has none yet.
  virtual std::string token(std::string_view unit_id, TimePoint now) = 0;
  // The unit's token without creating one.
  virtual std::optional<std::string> find(std::string_view unit_id) = 0;
  // Replaces the unit's token with a fresh one (old feed URLs stop working); returns it.
  virtual std::string rotate(std::string_view unit_id, TimePoint now) = 0;
  // Every unit's token, by unit id.
  virtual std::vector<FeedToken> list() = 0;
};

}  // namespace plancal::calendar
