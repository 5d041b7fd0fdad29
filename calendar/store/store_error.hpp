// The one error of the store layer: a backend failure (cannot open, disk full, corrupt
// file, lost connection) with a message that names the database and the operation. Every
// store interface documents that it throws it; nothing else crosses these interfaces.
#pragma once

#include <stdexcept>

namespace plancal::calendar {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace plancal::calendar
