// What every libcurl transport of the daemon (SMTP, chat robots) shares: the one-time
// global initialisation, the progress callback that lets abort() cut a transfer off, and
// the owner of a curl_slist.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <string>

namespace plancal::daemon {

// curl_global_init once per process; "" on success, else libcurl's message. Thread-safe.
std::string curl_global_setup();

// A CURLOPT_XFERINFOFUNCTION whose data is a std::atomic<bool>: aborts the transfer once
// it is true. libcurl calls it about once a second and at every chunk.
int curl_abort_requested(void* aborted, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

// Frees a curl_slist (recipients, headers) however the send leaves.
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace plancal::daemon
