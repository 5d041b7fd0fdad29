#include "plancalctl/store_args.hpp"

#include "calendar/backends/open_store.hpp"

namespace plancal::ctl {

std::unique_ptr<calendar::Store> open_store_of(const Args& args) {
  calendar::StoreOptions options;
  options.database = args.required(kDbOption);
  options.password_file = args.value(kDbPasswordFileOption).value_or("");
  options.instance_id = "plancalctl";  // never claims reminders
  return calendar::open_store(options);
}

}  // namespace plancal::ctl
