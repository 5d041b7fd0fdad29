#include "calendar/reminders/reminder_message.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "calendar/model/time_format.hpp"
#include "calendar/model/uid.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

const HolidayCalendar& holidays() { return plancal::testing::bundled_holidays(); }

struct Fixture {
  Plan plan;
  StoredActivity deadline;
  StoredActivity quarter;
  ReminderMessageOptions options;

  Fixture() {
    plan.id = "t";
    plan.title = "测试行动方案";
    plan.document_number = "金发改规〔2023〕1号";
    plan.units = {
        {"rsj", "区人社局", "", {}, {"57921234"}, {"rsj@example.gov.cn", "b@x.cn"}, "zfb"},
        {"zfb", "区政府办", "", {}, {}, {"zfb@example.gov.cn"}, ""}};
    Item item;
    item.id = "p5";
    item.kind = ItemKind::kPolicy;
    item.number = "5";
    item.title = "稳岗扩岗";
    item.text = "支持企业稳岗扩岗 <b>&</b>";
    item.units = {"rsj"};
    item.phones = {"57920000"};
    plan.items.push_back(item);
    deadline = stored("p5.1", "完成<script>&\"申报\"</script>", Category::kDeadline,
                      ReadingKind::kDeadline, make_date(2023, 6, 30), make_date(2023, 6, 30),
                      Precision::kDay, false);
    quarter = stored("p5.2", "稳岗政策宣讲", Category::kEvent, ReadingKind::kDate,
                     make_date(2023, 4, 1), make_date(2023, 6, 30), Precision::kQuarter, true);
    options.message_id = "0123456789abcdef0123456789abcdef.before_deadline@plancal";
    options.from_address = "plancal@example.gov.cn";
    options.from_name = "金山区行动方案日历";
    options.base_url = "https://cal.example/";
    options.now = *parse_iso_instant("2023-06-01T09:00:00+08:00", 0);
  }

  StoredActivity stored(const std::string& key, const std::string& title, Category category,
                        ReadingKind kind, Date start, Date end, Precision precision,
                        bool is_public) {
    StoredActivity s;
    s.plan_id = "t";
    s.uid = activity_uid("t", key);
    s.activity.key = key;
    s.activity.title = title;
    s.activity.category = category;
    s.activity.schedule.kind = kind;
    s.activity.schedule.start = start;
    s.activity.schedule.end = end;
    s.activity.schedule.precision = precision;
    s.activity.item_id = "p5";
    s.activity.is_public = is_public;
    return s;
  }

  ReminderKey key(const StoredActivity& a, ReminderKind kind, const std::string& unit = "rsj") {
    return {a.uid, a.activity.schedule.end, unit, kind, 20, ""};
  }

  ComposedMessage compose(const ReminderKey& k, const StoredActivity& a) {
    return compose_reminder_message(k, plan, plan.items[0], a, *plan.find_unit(k.unit_id),
                                    holidays(), options);
  }
};

std::string base64_decode(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;  // CRLF, padding
    bits = (bits << 6) | unsigned(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += char((bits >> count) & 0xFF);
    }
  }
  return out;
}

// The unfolded value of header `name` of the message's top-level header block.
std::string header(const std::string& message, const std::string& name) {
  const std::string head = message.substr(0, message.find("\r\n\r\n") + 2);
  const size_t at = ("\r\n" + head).find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  std::string value;
  for (size_t i = at + name.size() + 2; i < head.size(); ++i) {
    if (head.compare(i, 2, "\r\n") == 0) {
      if (i + 2 < head.size() && head[i + 2] == ' ') {
        ++i;  // folded: CRLF dropped, the space kept
        continue;
      }
      break;
    }
    value += head[i];
  }
  return value;
}

// True when no UTF-8 character of `text` is cut off at its end.
bool whole_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    i += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  }
  return i == text.size();
}

// A tiny RFC 2047 decoder: "=?UTF-8?B?…?=" words separated by folding whitespace. Each
// word must hold whole UTF-8 characters.
std::string decode_words(const std::string& value, std::vector<std::string>* words = nullptr) {
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const size_t end = value.find("?=", pos + 10);
    REQUIRE(end != std::string::npos);
    const std::string word = value.substr(pos, end + 2 - pos);
    if (words != nullptr) words->push_back(word);
    const std::string text = base64_decode(value.substr(pos + 10, end - pos - 10));
    CHECK(whole_utf8(text));
    out += text;
    pos = end + 2;
  }
  return out;
}

// The decoded body of the first part whose Content-Type starts with `type`.
std::string part(const std::string& message, const std::string& type) {
  const size_t at = message.find("Content-Type: " + type);
  REQUIRE(at != std::string::npos);
  const size_t body = message.find("\r\n\r\n", at) + 4;
  return base64_decode(message.substr(body, message.find("\r\n--", body) - body));
}

}  // namespace

TEST_CASE("a reminder message has the headers, fixed id and a decodable Chinese subject") {
  Fixture f;
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  const std::string& m = composed.message->bytes;
  CHECK(composed.message->message_id == f.options.message_id);
  CHECK(composed.message->envelope_from == "plancal@example.gov.cn");
  CHECK(composed.message->recipients == std::vector<std::string>{"rsj@example.gov.cn", "b@x.cn"});
  CHECK(header(m, "Message-ID") == "<" + f.options.message_id + ">");
  CHECK(header(m, "To") == "rsj@example.gov.cn, b@x.cn");
  CHECK(header(m, "Date") == "Thu, 01 Jun 2023 09:00:00 +0800");
  CHECK(header(m, "MIME-Version") == "1.0");
  CHECK(header(m, "X-Plancal-Reminder-Key") ==
        f.key(f.deadline, ReminderKind::kBeforeDeadline).to_string());
  CHECK(header(m, "Content-Type").starts_with("multipart/mixed; boundary="));
  CHECK(decode_words(header(m, "From")) == "金山区行动方案日历");
  CHECK(header(m, "From").ends_with("?= <plancal@example.gov.cn>"));
  // June 2023: 21 weekdays after the 1st, less the Dragon Boat holiday (22nd, 23rd), plus
  // Sunday the 25th, a working day.
  CHECK(decode_words(header(m, "Subject")) ==
        "【截止前提醒】完成<script>&\"申报\"</script>（距截止还有 20 个工作日）");
}

TEST_CASE("a reminder message has CRLF line ends only and no long lines") {
  Fixture f;
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  const std::string& m = composed.message->bytes;
  REQUIRE(m.ends_with("\r\n"));
  size_t start = 0;
  while (start < m.size()) {
    const size_t lf = m.find('\n', start);
    REQUIRE(lf != std::string::npos);
    REQUIRE(lf > start);
    CHECK(m[lf - 1] == '\r');
    CHECK(m.substr(start, lf - 1 - start).find('\r') == std::string::npos);
    const std::string line = m.substr(start, lf - 1 - start);
    INFO(line);
    CHECK(line.size() <= (line.starts_with("X-Plancal-Reminder-Key: ") ? 998u : 78u));
    start = lf + 1;
  }
}

TEST_CASE("the long subject is split into encoded-words of at most 75 characters") {
  Fixture f;
  f.deadline.activity.title = std::string(30 * 3, 'x');
  for (int i = 0; i < 30; ++i) f.deadline.activity.title += "岗";
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  std::vector<std::string> words;
  CHECK(decode_words(header(composed.message->bytes, "Subject"), &words)
            .find(f.deadline.activity.title) != std::string::npos);
  CHECK(words.size() > 2);
  for (const std::string& w : words) CHECK(w.size() <= 75);
}

TEST_CASE("both parts say what, when at its precision, which item, who and how long") {
  Fixture f;
  ReminderKey k = f.key(f.quarter, ReminderKind::kBeforeStart);
  k.occurrence = make_date(2023, 6, 5);
  const ComposedMessage composed = f.compose(k, f.quarter);
  REQUIRE(composed.message);
  for (const std::string& text :
       {part(composed.message->bytes, "text/plain"), part(composed.message->bytes, "text/html")}) {
    CHECK(text.find("稳岗政策宣讲") != std::string::npos);
    CHECK(text.find("开始前提醒") != std::string::npos);
    CHECK(text.find("2023年第二季度内") != std::string::npos);
    CHECK(text.find("具体日期未定") != std::string::npos);  // no invented day
    CHECK(text.find("金发改规〔2023〕1号") != std::string::npos);
    CHECK(text.find("政策类任务分工表 第5项") != std::string::npos);
    CHECK(text.find("区人社局（牵头） 电话：57921234") != std::string::npos);
    CHECK(text.find("57920000") != std::string::npos);
    CHECK(text.find("距开始还有 2 个工作日") != std::string::npos);
    CHECK(text.find("https://cal.example/feeds/t-unit-rsj.ics") != std::string::npos);
    CHECK(text.find("迟发") == std::string::npos);
  }
}

TEST_CASE("the HTML part escapes everything taken from the plan") {
  Fixture f;
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  const std::string html = part(composed.message->bytes, "text/html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("完成&lt;script&gt;&amp;&quot;申报&quot;&lt;/script&gt;") != std::string::npos);
  CHECK(part(composed.message->bytes, "text/plain").find("完成<script>") != std::string::npos);
}

TEST_CASE("a late reminder says so in both parts") {
  Fixture f;
  f.options.late = true;
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  for (const char* type : {"text/plain", "text/html"}) {
    const std::string text = part(composed.message->bytes, type);
    CHECK(text.find("本提醒迟发") != std::string::npos);
    CHECK(text.find("the daemon was down when it fell due") != std::string::npos);
  }
}

TEST_CASE("the activity is attached as a one-event PUBLISH calendar") {
  Fixture f;
  const ComposedMessage composed =
      f.compose(f.key(f.deadline, ReminderKind::kBeforeDeadline), f.deadline);
  REQUIRE(composed.message);
  const std::string& m = composed.message->bytes;
  CHECK(m.find("Content-Type: text/calendar; method=PUBLISH; charset=utf-8;\r\n "
               "name=\"activity.ics\"") != std::string::npos);
  CHECK(m.find("Content-Disposition: attachment; filename=\"activity.ics\"") != std::string::npos);
  const std::string ics = part(m, "text/calendar");
  CHECK(ics.starts_with("BEGIN:VCALENDAR\r\n"));
  CHECK(ics.find("METHOD:PUBLISH") != std::string::npos);
  CHECK(ics.find("UID:" + f.deadline.uid) != std::string::npos);
  size_t events = 0;
  for (size_t at = 0; (at = ics.find("BEGIN:VEVENT", at)) != std::string::npos; ++at) ++events;
  CHECK(events == 1);
}

TEST_CASE("an overdue notice to the escalation unit names the late unit") {
  Fixture f;
  ReminderKey k = f.key(f.deadline, ReminderKind::kOverdue, "zfb");
  k.escalated_unit = "rsj";
  f.options.now = *parse_iso_instant("2023-07-04T09:00:00+08:00", 0);
  const ComposedMessage composed = f.compose(k, f.deadline);
  REQUIRE(composed.message);
  CHECK(composed.message->recipients == std::vector<std::string>{"zfb@example.gov.cn"});
  CHECK(decode_words(header(composed.message->bytes, "Subject")) ==
        "【逾期通知】区人社局：完成<script>&\"申报\"</script>（已逾期 2 个工作日）");
  const std::string text = part(composed.message->bytes, "text/plain");
  CHECK(text.find("逾期单位：区人社局") != std::string::npos);
  CHECK(text.find("/feeds/t-unit-rsj.ics") != std::string::npos);
}

TEST_CASE("a message that cannot be composed says why") {
  Fixture f;
  const ReminderKey k = f.key(f.deadline, ReminderKind::kBeforeDeadline);
  f.plan.units[0].emails.clear();
  CHECK(f.compose(k, f.deadline).error == "unit rsj has no e-mail address");
  f.plan.units[0].emails = {"rsj@example.gov.cn\r\nBcc: evil@example.com"};
  CHECK(f.compose(k, f.deadline).error.find("unusable e-mail address") != std::string::npos);
  f.plan.units[0].emails = {"rsj@example.gov.cn"};
  f.options.message_id = "no id";
  CHECK(!f.compose(k, f.deadline).message);
  f.options.message_id = "x@plancal";
  ReminderKey spaced = k;
  spaced.unit_id = "r sj";
  f.plan.units[0].id = "r sj";
  CHECK(f.compose(spaced, f.deadline).error.find("not header-safe") != std::string::npos);
  f.plan.units[0].id = "rsj";
  CHECK(compose_reminder_message(k, f.plan, f.plan.items[0], f.deadline, f.plan.units[1],
                                 holidays(), f.options)
            .error.find("is not the unit of") != std::string::npos);
}

TEST_CASE("mail text helpers") {
  CHECK(encode_header_text("plain ascii", 9) == "plain ascii");
  CHECK(encode_header_text("中", 9) == "=?UTF-8?B?5Lit?=");
  CHECK(base64_body("") == "");
  CHECK(base64_body("ab") == "YWI=\r\n");
  CHECK(base64_body(std::string(57, 'a')).size() == 76 + 2);
  CHECK(base64_body(std::string(58, 'a')).find("\r\n") == 76);
  CHECK(is_plain_mail_address("a.b@c.cn"));
  CHECK(!is_plain_mail_address("a b@c.cn"));
  CHECK(!is_plain_mail_address("a@b@c"));
  CHECK(!is_plain_mail_address("<a@c>"));
  CHECK(html_escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(rfc5322_date(*parse_iso_instant("2023-12-31T23:59:59Z", 0), -90) ==
        "Sun, 31 Dec 2023 22:29:59 -0130");
}

TEST_CASE("the chat form says the same in markdown, with the 办理 link and no e-mail needed") {
  Fixture f;
  f.options.action_url = "https://cal.example/work/t/p5/rsj/0123abcd";
  Unit recipient = *f.plan.find_unit("rsj");
  recipient.emails.clear();  // a unit reached by its robot alone
  const ReminderKey k = f.key(f.deadline, ReminderKind::kBeforeDeadline);
  const ComposedChat chat = compose_reminder_chat(k, f.plan, f.plan.items[0], f.deadline, recipient,
                                                  holidays(), f.options);
  REQUIRE(chat.text);
  const std::string& md = chat.text->markdown;
  CHECK(chat.text->title.find("【截止前提醒】") == 0);
  CHECK(md.rfind("### 【截止前提醒】", 0) == 0);
  CHECK(md.find("办理：[https://cal.example/work/t/p5/rsj/0123abcd]"
                "(https://cal.example/work/t/p5/rsj/0123abcd)  \n") != std::string::npos);
  CHECK(md.find("2023年6月30日") != std::string::npos);
  CHECK(md.find("区人社局（牵头）") != std::string::npos);
  CHECK(md.find("提醒编号：" + markdown_escape(k.to_string())) != std::string::npos);
  CHECK(md.find("请勿直接回复") == std::string::npos);  // a chat has no reply address anyway
  // Markup characters of the plan's text do not become markup.
  CHECK(md.find("完成<script>&\"申报\"</script>") != std::string::npos);
  StoredActivity starred = f.deadline;
  starred.activity.title = "*重点*_任务_";
  const ComposedChat escaped =
      compose_reminder_chat(k, f.plan, f.plan.items[0], starred, recipient, holidays(), f.options);
  REQUIRE(escaped.text);
  CHECK(escaped.text->markdown.find("\\*重点\\*\\_任务\\_") != std::string::npos);

  // Someone else's activity, or another recipient than the key's, is refused.
  const ReminderKey other = f.key(f.deadline, ReminderKind::kBeforeDeadline, "zfb");
  CHECK_FALSE(compose_reminder_chat(other, f.plan, f.plan.items[0], f.deadline,
                                    *f.plan.find_unit("zfb"), holidays(), f.options)
                  .text);
  CHECK_FALSE(compose_reminder_chat(other, f.plan, f.plan.items[0], f.deadline, recipient,
                                    holidays(), f.options)
                  .text);
}
