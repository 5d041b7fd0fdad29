#include "calendar/robots/robot_reply.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("robot reply: code 0 is delivered, for each robot's field names") {
  CHECK(read_robot_reply(RobotKind::kWecom, 200, R"({"errcode":0,"errmsg":"ok"})").outcome ==
        RobotOutcome::kDelivered);
  CHECK(read_robot_reply(RobotKind::kDingtalk, 200, R"({"errcode":0,"errmsg":"ok"})").outcome ==
        RobotOutcome::kDelivered);
  CHECK(read_robot_reply(RobotKind::kFeishu, 200, R"({"code":0,"msg":"success","data":{}})")
            .outcome == RobotOutcome::kDelivered);
  CHECK(read_robot_reply(RobotKind::kFeishu, 200, R"({"StatusCode":0,"StatusMessage":"success"})")
            .outcome == RobotOutcome::kDelivered);
}

TEST_CASE("robot reply: the documented rate limits mean later, not never") {
  CHECK(read_robot_reply(RobotKind::kWecom, 200,
                         R"({"errcode":45009,"errmsg":"api freq out of limit"})")
            .outcome == RobotOutcome::kRateLimited);
  CHECK(
      read_robot_reply(RobotKind::kDingtalk, 200, R"({"errcode":130101,"errmsg":"send too fast"})")
          .outcome == RobotOutcome::kRateLimited);
  CHECK(read_robot_reply(RobotKind::kDingtalk, 200, R"({"errcode":410100,"errmsg":"x"})").outcome ==
        RobotOutcome::kRateLimited);
  CHECK(read_robot_reply(RobotKind::kFeishu, 200, R"({"code":11232,"msg":"frequency limited"})")
            .outcome == RobotOutcome::kRateLimited);
  CHECK(read_robot_reply(RobotKind::kFeishu, 429, "").outcome == RobotOutcome::kRateLimited);
  // A code is one robot's: WeCom's rate limit is not DingTalk's.
  CHECK(read_robot_reply(RobotKind::kDingtalk, 200, R"({"errcode":45009,"errmsg":"x"})").outcome ==
        RobotOutcome::kRefused);
}

TEST_CASE(
    "robot reply: busy and server errors are retried; other codes are refused with the message") {
  CHECK(read_robot_reply(RobotKind::kWecom, 200, R"({"errcode":-1,"errmsg":"system busy"})")
            .outcome == RobotOutcome::kRetryable);
  CHECK(read_robot_reply(RobotKind::kWecom, 502, "<html>bad gateway</html>").outcome ==
        RobotOutcome::kRetryable);
  const RobotReply invalid = read_robot_reply(
      RobotKind::kWecom, 200, R"({"errcode":93000,"errmsg":"invalid webhook url"})");
  CHECK(invalid.outcome == RobotOutcome::kRefused);
  CHECK(invalid.message == "wecom errcode 93000: invalid webhook url");
  const RobotReply sign = read_robot_reply(RobotKind::kFeishu, 200,
                                           R"({"code":19021,"data":{},"msg":"sign match fail"})");
  CHECK(sign.outcome == RobotOutcome::kRefused);
  CHECK(sign.message == "feishu code 19021: sign match fail");
  const RobotReply odd = read_robot_reply(RobotKind::kDingtalk, 404, "not found");
  CHECK(odd.outcome == RobotOutcome::kRefused);
  CHECK(odd.message == "dingtalk: HTTP 404, unexpected reply: not found");
  // Code 0 on an HTTP error status is not a delivery.
  CHECK(read_robot_reply(RobotKind::kWecom, 400, R"({"errcode":0})").outcome ==
        RobotOutcome::kRefused);
}
