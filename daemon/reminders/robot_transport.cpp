#include "daemon/reminders/robot_transport.hpp"

#include <curl/curl.h>

#include <chrono>
#include <utility>

#include "calendar/robots/robot_reply.hpp"
#include "calendar/robots/robot_request.hpp"
#include "daemon/reminders/curl_setup.hpp"
#include "daemon/system/setup_error.hpp"

namespace plancal::daemon {
namespace {

constexpr std::size_t kMaxReplyBytes = 64 * 1024;  // robots answer a few dozen bytes

size_t keep_reply(char* data, size_t size, size_t count, void* user) {
  auto* reply = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (reply->size() + n > kMaxReplyBytes) return 0;  // ends the transfer: CURLE_WRITE_ERROR
  reply->append(data, n);
  return n;
}

std::int64_t unix_millis_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct CurlRobotTransport::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

CurlRobotTransport::CurlRobotTransport(RobotOptions options)
    : options_(options), handle_(std::make_unique<Handle>()), pacer_(options.per_minute) {
  if (const std::string error = curl_global_setup(); !error.empty())
    throw SetupError("libcurl initialisation failed: " + error);
  if ((handle_->curl = curl_easy_init()) == nullptr) throw SetupError("curl_easy_init failed");
}

CurlRobotTransport::~CurlRobotTransport() = default;

void CurlRobotTransport::abort() {
  {
    std::lock_guard lock(mutex_);
    aborted_.store(true);
  }
  wake_.notify_all();
}

DeliveryResult CurlRobotTransport::send(const ChatDelivery& delivery) {
  const calendar::Webhook& webhook = delivery.webhook;
  {
    std::unique_lock lock(mutex_);
    const auto slot = pacer_.book(webhook.url, RobotPacer::Clock::now());
    wake_.wait_until(lock, slot, [this] { return aborted_.load(); });
  }
  if (aborted_.load()) return DeliveryResult::transient("aborted: the daemon is stopping");

  const calendar::RobotRequest request = calendar::robot_request(
      webhook, delivery.text.title, delivery.text.markdown, unix_millis_now());
  CURL* c = handle_->curl;
  curl_easy_reset(c);
  std::unique_ptr<curl_slist, CurlSlistDeleter> headers(
      curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8"));
  std::string reply;
  handle_->error[0] = '\0';
  CURLcode rc = curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  auto set = [&rc](CURLcode next) {
    if (rc == CURLE_OK) rc = next;
  };
  set(curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get()));
  set(curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str()));
  set(curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size())));
  set(curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long(options_.timeout.count() * 1000)));
  set(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L));
  set(curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, curl_abort_requested));
  set(curl_easy_setopt(c, CURLOPT_XFERINFODATA, &aborted_));
  set(curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_reply));
  set(curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply));
  set(curl_easy_setopt(c, CURLOPT_ERRORBUFFER, handle_->error));
  const std::string robot = std::string(calendar::to_string(webhook.kind)) + " robot " + webhook.id;
  if (rc != CURLE_OK)
    return DeliveryResult::permanent_failure(
        robot + ": libcurl option rejected: " + curl_easy_strerror(rc));
  rc = curl_easy_perform(c);
  if (aborted_.load()) return DeliveryResult::transient("aborted: the daemon is stopping");
  if (rc != CURLE_OK) {
    const std::string detail = handle_->error[0] != '\0' ? handle_->error : curl_easy_strerror(rc);
    return DeliveryResult::transient(robot + ": " + detail);
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  const calendar::RobotReply answer = calendar::read_robot_reply(webhook.kind, status, reply);
  switch (answer.outcome) {
    case calendar::RobotOutcome::kDelivered:
      return DeliveryResult::success();
    case calendar::RobotOutcome::kRateLimited:
      return DeliveryResult::slow_down(robot + ": rate-limited: " + answer.message);
    case calendar::RobotOutcome::kRetryable:
      return DeliveryResult::transient(robot + ": " + answer.message);
    case calendar::RobotOutcome::kRefused:
      break;
  }
  return DeliveryResult::permanent_failure(robot + ": " + answer.message);
}

}  // namespace plancal::daemon
