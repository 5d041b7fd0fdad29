#include "daemon/reminders/smtp_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/reminders/curl_setup.hpp"
#include "daemon/system/setup_error.hpp"

namespace plancal::daemon {
namespace {

// The bytes of the message being uploaded and how far libcurl has read them.
struct Upload {
  std::string_view data;
  size_t pos = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->pos);
  std::memcpy(buffer, upload->data.data() + upload->pos, n);
  upload->pos += n;
  return n;
}

// "smtp://user:secret@host:25" → "smtp://host:25".
std::string without_user_info(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const size_t host_start = scheme_end + 3;
  const size_t at = url.find('@', host_start);
  const size_t path = url.find('/', host_start);
  if (at == std::string::npos || (path != std::string::npos && at > path)) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

}  // namespace

struct SmtpTransport::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

SmtpTransport::SmtpTransport(SmtpOptions options)
    : options_(std::move(options)),
      log_url_(without_user_info(options_.url)),
      handle_(std::make_unique<Handle>()) {
  if (const std::string error = curl_global_setup(); !error.empty())
    throw SetupError("libcurl initialisation failed: " + error);
  if (options_.url.rfind("smtp://", 0) != 0 && options_.url.rfind("smtps://", 0) != 0)
    throw SetupError("SMTP URL must start with smtp:// or smtps://: " + log_url_);
  if ((handle_->curl = curl_easy_init()) == nullptr) throw SetupError("curl_easy_init failed");
  CURL* c = handle_->curl;
  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode r) {
    if (rc == CURLE_OK) rc = r;
  };
  set(curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str()));
  set(curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps"));
  const long use_ssl = options_.starttls == StartTls::kRequired ? long(CURLUSESSL_ALL)
                       : options_.starttls == StartTls::kOff    ? long(CURLUSESSL_NONE)
                                                                : long(CURLUSESSL_TRY);
  set(curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl));
  if (!options_.username.empty()) {
    set(curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str()));
    set(curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str()));
  }
  set(curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                       long(options_.connect_timeout.count() * 1000)));
  set(curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                       long(options_.response_timeout.count())));
  set(curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(options_.timeout.count() * 1000)));
  // Called about once a second during a transfer, and at every chunk: stop() aborts here.
  set(curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L));
  set(curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, curl_abort_requested));
  set(curl_easy_setopt(c, CURLOPT_XFERINFODATA, &aborted_));
  set(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(c, CURLOPT_UPLOAD, 1L));
  set(curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload));
  set(curl_easy_setopt(c, CURLOPT_ERRORBUFFER, handle_->error));
  if (rc != CURLE_OK)
    throw SetupError(log_url_ + ": libcurl option rejected: " + curl_easy_strerror(rc));
}

SmtpTransport::~SmtpTransport() = default;

void SmtpTransport::abort() { aborted_.store(true); }

DeliveryResult SmtpTransport::send(const MailMessage& message) {
  if (aborted_.load()) return DeliveryResult::transient("aborted: the daemon is stopping");
  if (message.recipients.empty())
    return DeliveryResult::permanent_failure("message " + message.message_id + " has no recipient");
  CURL* c = handle_->curl;
  std::unique_ptr<curl_slist, CurlSlistDeleter> rcpt;
  for (const std::string& to : message.recipients) {
    curl_slist* grown = curl_slist_append(rcpt.get(), ("<" + to + ">").c_str());
    if (grown == nullptr) return DeliveryResult::transient("out of memory for the recipient list");
    rcpt.release();
    rcpt.reset(grown);
  }
  const std::string from = "<" + message.envelope_from + ">";
  Upload upload{message.bytes, 0};
  CURLcode rc = curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  if (rc == CURLE_OK) rc = curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  if (rc == CURLE_OK) rc = curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  if (rc == CURLE_OK)
    rc = curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.bytes.size()));
  handle_->error[0] = '\0';
  if (rc == CURLE_OK) rc = curl_easy_perform(c);

  long code = 0;
  long connects = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
  connections_opened_ += connects;
  // The list dies with this call: libcurl must not keep a pointer to it.
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_READDATA, nullptr);

  if (rc == CURLE_OK) {
    spdlog::debug("smtp {}: message {} accepted ({} new connection(s))", log_url_,
                  message.message_id, connects);
    return DeliveryResult::success();
  }
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    return DeliveryResult::transient("aborted: the daemon is stopping (message " +
                                     message.message_id + " cut off, sent again after restart)");
  std::string error = curl_easy_strerror(rc);
  if (handle_->error[0] != '\0') error += std::string(": ") + handle_->error;
  error += " (SMTP reply " + std::to_string(code) + ", " + log_url_ + ")";
  const bool permanent = code >= 500 && code < 600;
  return permanent ? DeliveryResult::permanent_failure(std::move(error))
                   : DeliveryResult::transient(std::move(error));
}

}  // namespace plancal::daemon
