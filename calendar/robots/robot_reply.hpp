// What a chat robot's HTTP reply means for the outbox. The APIs answer HTTP 200 with a JSON
// body whose code says what happened — WeCom and DingTalk {"errcode":…,"errmsg":…},
// Feishu {"code":…,"msg":…} (older replies {"StatusCode":…,"StatusMessage":…}) — and code 0
// is success. The codes read here, from the robots' documentation:
//   - rate-limited, retry later: WeCom 45009 (api freq out of limit); DingTalk 130101 (send
//     too fast) and 410100 (over 20 a minute: limited for 10 minutes); Feishu 9499 and 11232
//     (frequency limited); and HTTP 429;
//   - busy, retry: -1 (system busy) from any of them, HTTP 5xx, and no reply at all;
//   - refused for good, with the robot's message: every other code, e.g. WeCom 93000
//     (invalid webhook URL), DingTalk 300001 (invalid token) and 310000 (signature, keyword
//     or IP not accepted), Feishu 19021 (signature) and 19001 (invalid token); and any
//     other HTTP status, or a body that is not such JSON.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "calendar/model/webhook.hpp"

namespace plancal::calendar {

enum class RobotOutcome { kDelivered, kRateLimited, kRetryable, kRefused };

struct RobotReply {
  RobotOutcome outcome = RobotOutcome::kRefused;
  std::string message;  // "dingtalk errcode 310000: sign not match"; "" when delivered
  bool operator==(const RobotReply&) const = default;
};

// `http_status` as received; `body` the reply's body.
RobotReply read_robot_reply(RobotKind kind, long http_status, std::string_view body);

}  // namespace plancal::calendar
