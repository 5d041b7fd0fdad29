// A chat robot a responsible unit is reached through besides e-mail: a WeCom (企业微信)
// group robot, a DingTalk (钉钉) custom robot or a Feishu (飞书) custom bot, as the plan file
// declares it under the unit. Its id names the channel in the outbox (ReminderKey::channel),
// so it must stay stable: a new id is a new channel, planned afresh.
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

enum class RobotKind { kWecom, kDingtalk, kFeishu };

// "wecom", "dingtalk", "feishu".
std::string_view to_string(RobotKind kind);
bool parse_robot_kind(std::string_view text, RobotKind& out);

struct Webhook {
  std::string id;  // ASCII id, unique within its unit: "group"
  RobotKind kind = RobotKind::kWecom;
  std::string url;  // the robot's webhook address, with its key or access token
  std::string secret;  // the signing secret (DingTalk 加签 "SEC…", Feishu 签名校验); may be empty
  bool operator==(const Webhook&) const = default;
};

}  // namespace plancal::calendar
