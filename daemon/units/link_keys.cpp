#include "daemon/units/link_keys.hpp"

#include <utility>

namespace plancal::daemon {

LinkKeys::LinkKeys(std::string path, std::string base_url)
    : path_(std::move(path)),
      base_url_(std::move(base_url)),
      key_(calendar::load_or_create_link_key(path_)) {}

std::string LinkKeys::url_for(const calendar::LinkTarget& target) const {
  return calendar::link_url(base_url_, key_, target);
}

bool LinkKeys::valid(const calendar::LinkPath& path) const {
  return calendar::link_valid(key_, path);
}

int LinkKeys::rotate() {
  key_ = calendar::rotate_link_key(path_);
  return key_.version;
}

}  // namespace plancal::daemon
