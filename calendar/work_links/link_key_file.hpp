// The secret the personal and board links are signed with, kept in one file of the state
// directory ("link-secret", mode 0600, one line "v<version> <64 hex digits>"): drawn from
// libcrypto's CSPRNG at the first start, replaced by rotate_link_key (version + 1, so
// every link made before stops working). Writes go to a temporary file first and are
// renamed into place, so a crash leaves the old key or the new, never half of one.
// Errors throw LinkKeyError naming the file. Not thread-safe for one path.
#pragma once

#include <stdexcept>
#include <string>

#include "calendar/work_links/work_link.hpp"

namespace plancal::calendar {

class LinkKeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The key in `path`, created (version 1) when there is no such file. A file that exists
// but is not a key, or that others than its owner may read, is an error, not replaced.
LinkKey load_or_create_link_key(const std::string& path);

// Writes a fresh secret with the next version to `path` and returns it.
LinkKey rotate_link_key(const std::string& path);

}  // namespace plancal::calendar
