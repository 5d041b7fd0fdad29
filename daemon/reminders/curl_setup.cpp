#include "daemon/reminders/curl_setup.hpp"

#include <mutex>

namespace plancal::daemon {

std::string curl_global_setup() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result == CURLE_OK ? "" : curl_easy_strerror(result);
}

int curl_abort_requested(void* aborted, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(aborted)->load() ? 1 : 0;
}

}  // namespace plancal::daemon
