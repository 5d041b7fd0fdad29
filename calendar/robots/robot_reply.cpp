#include "calendar/robots/robot_reply.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace plancal::calendar {
namespace {

constexpr std::size_t kMaxQuoted = 200;  // bytes of an unexpected body kept in the message

bool rate_limit_code(RobotKind kind, long code) {
  constexpr std::array<long, 1> kWecom = {45009};
  constexpr std::array<long, 2> kDingtalk = {130101, 410100};
  constexpr std::array<long, 2> kFeishu = {9499, 11232};
  auto in = [code](const auto& codes) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  switch (kind) {
    case RobotKind::kWecom:
      return in(kWecom);
    case RobotKind::kDingtalk:
      return in(kDingtalk);
    case RobotKind::kFeishu:
      return in(kFeishu);
  }
  return false;
}

// The first `kMaxQuoted` bytes of `body`, cut at a character boundary.
std::string quote(std::string_view body) {
  std::size_t end = std::min(body.size(), kMaxQuoted);
  while (end > 0 && end < body.size() && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
    --end;
  return std::string(body.substr(0, end));
}

}  // namespace

RobotReply read_robot_reply(RobotKind kind, long http_status, std::string_view body) {
  const std::string who(to_string(kind));
  if (http_status == 429) return {RobotOutcome::kRateLimited, who + ": HTTP 429"};
  if (http_status >= 500)
    return {RobotOutcome::kRetryable, who + ": HTTP " + std::to_string(http_status)};
  const nlohmann::json reply = nlohmann::json::parse(body, nullptr, false);
  const char* code_key = nullptr;
  const char* message_key = nullptr;
  if (reply.is_object()) {
    for (const auto& [code, message] : {std::pair{"errcode", "errmsg"}, std::pair{"code", "msg"},
                                        std::pair{"StatusCode", "StatusMessage"}})
      if (reply.contains(code) && reply[code].is_number_integer()) {
        code_key = code;
        message_key = message;
        break;
      }
  }
  if (code_key == nullptr) {
    const std::string what = http_status == 200 ? "" : "HTTP " + std::to_string(http_status) + ", ";
    return {RobotOutcome::kRefused, who + ": " + what + "unexpected reply: " + quote(body)};
  }
  const long code = reply.at(code_key).get<long>();
  std::string message = who + " " + code_key + " " + std::to_string(code);
  if (reply.contains(message_key) && reply.at(message_key).is_string())
    message += ": " + reply.at(message_key).get<std::string>();
  if (code == 0 && http_status / 100 == 2) return {RobotOutcome::kDelivered, ""};
  if (rate_limit_code(kind, code)) return {RobotOutcome::kRateLimited, message};
  if (code == -1) return {RobotOutcome::kRetryable, message};
  return {RobotOutcome::kRefused, message};
}

}  // namespace plancal::calendar
