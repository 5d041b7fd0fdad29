// Where the chat form of a reminder goes: the recipient unit's chat robot (Unit::webhooks),
// posted over HTTPS with libcurl in the robot's documented format (calendar/robots). One
// blocking send() per message; results as for mail (mail_transport.hpp): delivered → ok;
// the robot's rate limit → slow_down (retried later, never given up on while useful); busy,
// a 5xx, no connection or a timeout → transient; any other error code (an invalid key, a
// signature refused) → permanent, with the robot's own message. Messages to one robot are
// paced ([robots] per_minute, robot_pacer.hpp): send() waits for the robot's slot.
// Signatures use the real time, not an injected clock (the robots check it). Webhook URLs
// hold the robots' keys: they are never logged, messages name the robot by unit and id.
// Not thread-safe: one sender at a time; abort() may come from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "calendar/model/webhook.hpp"
#include "calendar/reminders/chat_text.hpp"
#include "daemon/reminders/mail_transport.hpp"
#include "daemon/reminders/robot_pacer.hpp"
#include "daemon/system/daemon_options.hpp"

namespace plancal::daemon {

// A chat message ready for its robot.
struct ChatDelivery {
  calendar::Webhook webhook;
  calendar::ChatText text;
};

class RobotTransport {
 public:
  virtual ~RobotTransport() = default;
  // Posts `delivery` to its robot; blocks for its slot and the reply; never throws.
  virtual DeliveryResult send(const ChatDelivery& delivery) = 0;
  // As MailTransport::abort(): a send waiting or in progress returns at once (transient).
  virtual void abort() {}
};

class CurlRobotTransport final : public RobotTransport {
 public:
  // Throws SetupError when libcurl cannot be initialised.
  explicit CurlRobotTransport(RobotOptions options);
  ~CurlRobotTransport() override;
  CurlRobotTransport(const CurlRobotTransport&) = delete;
  CurlRobotTransport& operator=(const CurlRobotTransport&) = delete;

  DeliveryResult send(const ChatDelivery& delivery) override;
  void abort() override;

 private:
  struct Handle;
  RobotOptions options_;
  std::unique_ptr<Handle> handle_;
  RobotPacer pacer_;
  std::atomic<bool> aborted_{false};
  std::mutex mutex_;  // for the wait for a slot, which abort() ends
  std::condition_variable wake_;
};

}  // namespace plancal::daemon
