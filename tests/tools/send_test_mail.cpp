// send_test_mail: composes `--count` reminder messages for a sample unit (区人社局, two
// addresses) of a hand-built plan, and sends them all through one SmtpTransport (so over
// one connection), or writes them to a spool directory. For the SMTP integration test and
// the delivery benchmark. Prints, per message, "message <i> <message id>" then
// "result <i> ok|transient|permanent [error]", and at the end "connections <n>" and
// "elapsed_ms <sending time>". Exit status: 0 when all were delivered, 1 otherwise, 2 on
// bad arguments.
//
//   send_test_mail --url smtp://127.0.0.1:2525 --count 20 [--timeout-s 60]
//   send_test_mail --spool DIR --count 20
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/time_format.hpp"
#include "calendar/model/uid.hpp"
#include "calendar/reminders/reminder_message.hpp"
#include "calendar/store/outbox.hpp"
#include "daemon/reminders/smtp_transport.hpp"
#include "daemon/reminders/spool_transport.hpp"

using namespace plancal;

namespace {

calendar::Plan sample_plan(int count) {
  calendar::Plan plan;
  plan.id = "jinshan-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.document_number = "金发改规〔2023〕1号";
  plan.units = {{"rsj",
                 "区人社局",
                 "金山区人力资源和社会保障局",
                 {},
                 {"57921234"},
                 {"rsj@example.gov.cn", "rsj-office@example.gov.cn"},
                 ""}};
  calendar::Item item;
  item.id = "a1";
  item.kind = calendar::ItemKind::kProject;
  item.number = "1";
  item.title = "春风行动招聘会";
  item.text = "2月4日至3月5日，每周六、周日举办线下招聘会 <现场> & 直播带岗";
  item.units = {"rsj"};
  for (int i = 1; i <= count; ++i) {
    calendar::Activity a;
    a.key = "a1." + std::to_string(i);
    a.title = "就业招聘会 第" + std::to_string(i) + "场";
    a.category = calendar::Category::kJobFair;
    a.schedule.kind = calendar::ReadingKind::kDate;
    a.schedule.start = a.schedule.end = calendar::make_date(2023, 6, 7);
    a.item_id = "a1";
    item.activities.push_back(a);
  }
  plan.items.push_back(item);
  return plan;
}

void print_result(int i, const daemon::DeliveryResult& r) {
  std::printf("result %d %s %s\n", i,
              r.ok          ? "ok"
              : r.permanent ? "permanent"
                            : "transient",
              r.error.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  std::string spool;
  int count = 1;
  long timeout_s = 60;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--url") {
      url = argv[i + 1];
    } else if (flag == "--spool") {
      spool = argv[i + 1];
    } else if (flag == "--count") {
      count = std::atoi(argv[i + 1]);
    } else if (flag == "--timeout-s") {
      timeout_s = std::atol(argv[i + 1]);
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if ((url.empty() == spool.empty()) || count < 1 || argc % 2 == 0) {
    std::fprintf(stderr, "usage: send_test_mail (--url URL | --spool DIR) [--count N]\n");
    return 2;
  }

  const calendar::Plan plan = sample_plan(count);
  const calendar::Item& item = plan.items[0];
  const calendar::HolidayCalendar holidays;  // 2023-06-05..07 are plain weekdays
  calendar::ReminderMessageOptions options;
  options.from_address = "plancal@example.gov.cn";
  options.from_name = "金山区行动方案日历";
  options.base_url = "https://plancal.example.gov.cn";
  options.now = *calendar::parse_iso_instant("2023-06-05T09:00:00+08:00", 0);
  std::vector<daemon::MailMessage> messages;
  for (int i = 0; i < count; ++i) {
    calendar::StoredActivity stored;
    stored.plan_id = plan.id;
    stored.uid = calendar::activity_uid(plan.id, item.activities[i].key);
    stored.activity = item.activities[i];
    const calendar::ReminderKey key{stored.uid, calendar::make_date(2023, 6, 7),
                                    "rsj",      calendar::ReminderKind::kBeforeStart,
                                    2,          ""};
    options.message_id = calendar::reminder_message_id(key);
    const calendar::ComposedMessage composed = calendar::compose_reminder_message(
        key, plan, item, stored, plan.units[0], holidays, options);
    if (!composed.message) {
      std::fprintf(stderr, "cannot compose message %d: %s\n", i + 1, composed.error.c_str());
      return 1;
    }
    messages.push_back(*composed.message);
    std::printf("message %d %s\n", i + 1, composed.message->message_id.c_str());
  }

  std::unique_ptr<daemon::MailTransport> transport;
  daemon::SmtpTransport* smtp = nullptr;
  if (spool.empty()) {
    daemon::SmtpOptions smtp_options;
    smtp_options.url = url;
    smtp_options.timeout = std::chrono::seconds(timeout_s);
    auto owned = std::make_unique<daemon::SmtpTransport>(smtp_options);
    smtp = owned.get();
    transport = std::move(owned);
  } else {
    transport = std::make_unique<daemon::SpoolTransport>(spool);
  }
  bool all_ok = true;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    const daemon::DeliveryResult result = transport->send(messages[i]);
    all_ok = all_ok && result.ok;
    print_result(i + 1, result);
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  std::printf("connections %ld\n", smtp != nullptr ? smtp->connections_opened() : 0L);
  std::printf("elapsed_ms %.3f\n", std::chrono::duration<double, std::milli>(elapsed).count());
  return all_ok ? 0 : 1;
}
