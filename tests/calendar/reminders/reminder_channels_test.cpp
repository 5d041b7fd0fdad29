#include "calendar/reminders/reminder_channels.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

namespace {

PlannedReminder to(const std::string& unit) {
  PlannedReminder r;
  r.key = {"t.p1.1", make_date(2023, 6, 30), unit, ReminderKind::kBeforeDeadline, 5, ""};
  r.plan_id = "t";
  r.item_id = "p1";
  r.about_unit = unit;
  return r;
}

}  // namespace

TEST_CASE("channels: one row per chat robot, and the e-mail when the unit has an address") {
  Plan plan;
  Unit both;
  both.id = "both";
  both.emails = {"both@example.org"};
  both.webhooks = {{"group", RobotKind::kWecom, "https://w/", ""},
                   {"ding", RobotKind::kDingtalk, "https://d/", "SEC"}};
  Unit chat_only;
  chat_only.id = "chat";
  chat_only.webhooks = {{"bot", RobotKind::kFeishu, "https://f/", ""}};
  Unit mail_only;
  mail_only.id = "mail";
  mail_only.emails = {"mail@example.org"};
  Unit neither;
  neither.id = "none";
  plan.units = {both, chat_only, mail_only, neither};

  const auto out = on_every_channel(plan, {to("both"), to("chat"), to("mail"), to("none")});
  std::vector<std::string> keys;
  for (const auto& r : out) keys.push_back(r.key.unit_id + "@" + r.key.channel);
  CHECK(keys ==
        std::vector<std::string>{"both@group", "both@ding", "both@", "chat@bot", "mail@", "none@"});
  CHECK(out[0].key.to_string() == "t.p1.1/2023-06-30/both/before_deadline/5/@group");
  CHECK(out[0].send_at == out[2].send_at);
  CHECK(out[0].about_unit == "both");
}
