#include "calendar/model/webhook.hpp"

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<RobotKind, 3> kRobotKindNames{{
    {RobotKind::kWecom, "wecom"},
    {RobotKind::kDingtalk, "dingtalk"},
    {RobotKind::kFeishu, "feishu"},
}};

}  // namespace

std::string_view to_string(RobotKind kind) { return name_of(kRobotKindNames, kind); }

bool parse_robot_kind(std::string_view text, RobotKind& out) {
  return value_of(kRobotKindNames, text, out);
}

}  // namespace plancal::calendar
