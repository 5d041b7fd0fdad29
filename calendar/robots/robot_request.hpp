// The HTTP request that posts one markdown message to a chat robot, as each API documents
// it (all are POST with a JSON body, Content-Type: application/json; charset=utf-8):
//   - WeCom group robot: the webhook URL as given (it holds the key);
//     {"msgtype":"markdown","markdown":{"content":…}}, content at most 4096 bytes.
//   - DingTalk custom robot: the URL plus "&timestamp=<ms>&sign=<sign>" when a secret is
//     set, sign = urlencode(base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)));
//     {"msgtype":"markdown","markdown":{"title":…,"text":…}}.
//   - Feishu custom bot: the URL as given; an interactive card with one markdown element;
//     with a secret, "timestamp" (seconds) and "sign" = base64(HMAC-SHA256(key =
//     timestamp + "\n" + secret, empty message)) in the body.
// Timestamps are the real time of sending (the robots reject one more than an hour off).
// Markdown longer than the robot takes is cut at a line end, with a note. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "calendar/model/webhook.hpp"

namespace plancal::calendar {

struct RobotRequest {
  std::string url;
  std::string body;  // JSON
  bool operator==(const RobotRequest&) const = default;
};

// `unix_millis`: the time of sending, milliseconds since the Unix epoch.
RobotRequest robot_request(const Webhook& webhook, std::string_view title,
                           std::string_view markdown, std::int64_t unix_millis);

// The signatures, exposed for the tests' robot server to agree with.
std::string dingtalk_signature(std::string_view secret, std::int64_t unix_millis);  // base64
std::string feishu_signature(std::string_view secret, std::int64_t unix_seconds);   // base64

// The most markdown bytes `kind` takes in one message.
std::size_t markdown_limit(RobotKind kind);

// `markdown` within `limit` bytes: whole lines up to the limit, then a line saying the rest
// is cut; unchanged when it fits.
std::string fit_markdown(std::string_view markdown, std::size_t limit);

}  // namespace plancal::calendar
