// The daemon's current link key (calendar/work_links/): loaded from, or created in, the
// link-secret file at start, replaced by rotate() (plancalctl link-secret rotate). The
// reminder scheduler makes the links in messages with it, the HTTP router checks them.
// Call on the event-loop thread.
#pragma once

#include <string>

#include "calendar/work_links/link_key_file.hpp"
#include "calendar/work_links/work_link.hpp"

namespace plancal::daemon {

class LinkKeys {
 public:
  // Loads or creates the key in `path`; throws calendar::LinkKeyError naming the file.
  // `base_url` (no trailing '/') starts every link.
  LinkKeys(std::string path, std::string base_url);

  // The link of a unit for an item, or of a plan's board (unit and item empty).
  std::string url_for(const calendar::LinkTarget& target) const;
  // Whether `path` carries the token the current key gives its target.
  bool valid(const calendar::LinkPath& path) const;
  int version() const { return key_.version; }
  const std::string& path() const { return path_; }

  // A fresh secret with the next version, written to the file first: every old link stops
  // working. Returns the new version; throws calendar::LinkKeyError (the old key stays).
  int rotate();

 private:
  std::string path_;
  std::string base_url_;
  calendar::LinkKey key_;
};

}  // namespace plancal::daemon
