// The daemons sharing one store (docs/scale-out.md): each joins under its instance id at
// start, beats every few seconds while it runs, and leaves when it stops, so `plancalctl
// status` can show who is alive. join() refuses an id that a running daemon holds (two
// daemons under one id would take each other's claims as their own). Backend failures
// throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"

namespace plancal::calendar {

struct InstanceInfo {
  std::string id;    // StoreOptions::instance_id
  std::string host;  // the machine it runs on
  std::int64_t pid = 0;
  TimePoint started{};
  TimePoint seen{};  // its last heartbeat
  bool operator==(const InstanceInfo&) const = default;
};

class InstanceRegistry {
 public:
  virtual ~InstanceRegistry() = default;

  // Registers `self` (started = seen = now) for as long as this store is open. Throws
  // StoreError when a running daemon holds the same id.
  virtual void join(const InstanceInfo& self, TimePoint now) = 0;
  // This instance is alive at `now` (a backend serving one daemon may record nothing).
  virtual void heartbeat(TimePoint now) = 0;
  // Instances whose last heartbeat is at or after `since`, by id, this one included (a
  // backend serving one daemon: the instance that joined).
  virtual std::vector<InstanceInfo> live(TimePoint since) = 0;
  // This instance stops: its row is removed.
  virtual void leave() = 0;
};

}  // namespace plancal::calendar
