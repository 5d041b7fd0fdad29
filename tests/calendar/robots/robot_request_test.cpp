// The robots' request formats and signatures. The expected signatures were computed
// independently with Python's hmac, hashlib and base64 modules from the documented recipes.
#include "calendar/robots/robot_request.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace plancal::calendar;
using nlohmann::json;

TEST_CASE("robot request: DingTalk signs timestamp + \"\\n\" + secret with the secret") {
  CHECK(dingtalk_signature("SECtest-secret", 1700000000000) ==
        "LC7hxZ4wslL+P7j7gu1hoQ+wzByekL+yWgiUMekZs0g=");
  const Webhook robot{"group", RobotKind::kDingtalk,
                      "https://oapi.dingtalk.com/robot/send?access_token=abc", "SECtest-secret"};
  const RobotRequest request = robot_request(robot, "标题", "正文", 1700000000000);
  CHECK(request.url ==
        "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
        "&sign=LC7hxZ4wslL%2BP7j7gu1hoQ%2BwzByekL%2ByWgiUMekZs0g%3D");
  const json body = json::parse(request.body);
  CHECK(body["msgtype"] == "markdown");
  CHECK(body["markdown"]["title"] == "标题");
  CHECK(body["markdown"]["text"] == "正文");

  Webhook unsigned_robot = robot;
  unsigned_robot.secret.clear();
  CHECK(robot_request(unsigned_robot, "t", "m", 1).url == unsigned_robot.url);
}

TEST_CASE("robot request: Feishu signs with key timestamp + \"\\n\" + secret, in the body") {
  CHECK(feishu_signature("feishu-secret", 1700000000) ==
        "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=");
  const Webhook robot{"bot", RobotKind::kFeishu, "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                      "feishu-secret"};
  const RobotRequest request = robot_request(robot, "标题", "**正文**", 1700000000999);
  CHECK(request.url == robot.url);
  const json body = json::parse(request.body);
  CHECK(body["timestamp"] == "1700000000");
  CHECK(body["sign"] == "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=");
  CHECK(body["msg_type"] == "interactive");
  CHECK(body["card"]["header"]["title"]["content"] == "标题");
  CHECK(body["card"]["elements"][0]["tag"] == "markdown");
  CHECK(body["card"]["elements"][0]["content"] == "**正文**");
}

TEST_CASE("robot request: WeCom posts markdown content to the URL as given") {
  const Webhook robot{"g", RobotKind::kWecom,
                      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1", ""};
  const RobotRequest request = robot_request(robot, "标题", "### 标题\n办理：[u](u)", 5);
  CHECK(request.url == robot.url);
  const json body = json::parse(request.body);
  CHECK(body ==
        json{{"msgtype", "markdown"}, {"markdown", {{"content", "### 标题\n办理：[u](u)"}}}});
}

TEST_CASE("robot request: markdown over the robot's limit is cut at a line end, with a note") {
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "第" + std::to_string(i) + "行：红灯事项\n";
  REQUIRE(long_text.size() > markdown_limit(RobotKind::kWecom));
  const std::string cut = fit_markdown(long_text, markdown_limit(RobotKind::kWecom));
  CHECK(cut.size() <= markdown_limit(RobotKind::kWecom));
  CHECK(cut.rfind("第0行：红灯事项\n", 0) == 0);
  CHECK(cut.find("其余从略") != std::string::npos);
  CHECK(long_text.find(cut.substr(0, cut.find("……"))) == 0);  // whole lines, in order
  CHECK(fit_markdown("短\n", 4096) == "短\n");
  const Webhook robot{"g", RobotKind::kWecom, "https://x/", ""};
  const json body = json::parse(robot_request(robot, "t", long_text, 1).body);
  CHECK(body["markdown"]["content"].get<std::string>().size() <= 4096);
}
