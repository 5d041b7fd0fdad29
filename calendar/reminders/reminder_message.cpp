#include "calendar/reminders/reminder_message.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "calendar/ics/feed_catalog.hpp"
#include "calendar/ics/ics_writer.hpp"
#include "calendar/model/category.hpp"
#include "calendar/model/precision_label.hpp"
#include "calendar/reminders/mime_text.hpp"

namespace plancal::calendar {
namespace {

// Boundaries: every part is base64, which never contains "=_", so they cannot collide.
constexpr std::string_view kMixedBoundary = "=_plancal_mixed";
constexpr std::string_view kAlternativeBoundary = "=_plancal_alternative";
constexpr size_t kExcerptChars = 120;
constexpr size_t kMaxKeyLength = 900;  // X-Plancal-Reminder-Key stays within 998 characters

// One line of the message body: a label and its value; an empty label continues the
// previous field. `link` makes the value a hyperlink in the HTML part.
struct Field {
  std::string label;
  std::string value;
  bool link = false;
};

struct Body {
  std::string greeting;
  std::string late_notice;  // empty unless late
  std::vector<Field> fields;
  std::string footer;
};

std::string_view kind_label(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kBeforeStart:
      return "开始前提醒";
    case ReminderKind::kBeforeDeadline:
      return "截止前提醒";
    case ReminderKind::kOverdue:
      return "逾期通知";
    case ReminderKind::kReport:
      return "情况通报";
  }
  return "提醒";
}

std::string_view table_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::kMeasure:
      return "正文措施";
    case ItemKind::kPolicy:
      return "政策类任务分工表";
    case ItemKind::kProject:
      return "项目、活动类任务分工表";
  }
  return "";
}

// The first `limit` characters (not bytes) of UTF-8 `text`, with "……" when cut.
std::string excerpt(std::string_view text, size_t limit) {
  size_t pos = 0;
  for (size_t chars = 0; pos < text.size() && chars < limit; ++chars) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos < text.size() ? std::string(text.substr(0, pos)) + "……" : std::string(text);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

// "还有 5 个工作日", "今天截止", "已逾期 2 个工作日": how the reminded date stands today.
std::string time_left(const ReminderKey& key, const HolidayCalendar& holidays, Date today) {
  if (key.kind == ReminderKind::kOverdue) {
    const int late = holidays.working_days_between(key.occurrence, today);
    return late > 0 ? "已逾期 " + std::to_string(late) + " 个工作日" : "今天截止";
  }
  const bool start = key.kind == ReminderKind::kBeforeStart;
  const int left = holidays.working_days_between(today, key.occurrence);
  if (left > 0) return (start ? "距开始还有 " : "距截止还有 ") + std::to_string(left) + " 个工作日";
  if (left == 0) return start ? "今天开始" : "今天截止";
  return (start ? "已开始 " : "已逾期 ") + std::to_string(-left) + " 个工作日";
}

// The activity as a one-event calendar, as the unit's work feed (deadlines, targets) or
// its unit feed shows it; the attachment goes to the unit alone, so a non-public activity
// is rendered as in its public feed. nullopt when it is not the unit's.
std::optional<std::string> render_attachment(const Plan& plan, const std::vector<FeedSpec>& feeds,
                                             const StoredActivity& stored, const std::string& unit,
                                             const IcsOptions& ics) {
  const FeedSpec* work = find_feed(feeds, FeedScope::kUnitWork, unit);
  if (work != nullptr && feed_includes(*work, plan, stored))
    return render_feed(*work, plan, {stored}, ics);
  StoredActivity shown = stored;
  shown.activity.is_public = true;
  const FeedSpec* public_feed = find_feed(feeds, FeedScope::kUnit, unit);
  if (public_feed != nullptr && feed_includes(*public_feed, plan, shown))
    return render_feed(*public_feed, plan, {shown}, ics);
  return std::nullopt;
}

Body make_body(const ReminderKey& key, const Plan& plan, const Item& item, const Activity& a,
               const Unit& recipient, const std::string& feed_url, const std::string& left,
               const ReminderMessageOptions& options) {
  const bool late = options.late;
  Body body;
  body.greeting = recipient.name + "：";
  if (late)
    body.late_notice =
        "本提醒迟发：提醒到期时本系统未在运行，恢复后补发。(This reminder is late: the daemon "
        "was down when it fell due.)";
  auto add = [&body](std::string label, std::string value, bool link = false) {
    body.fields.push_back({std::move(label), std::move(value), link});
  };
  add("提醒类型", std::string(kind_label(key.kind)));
  if (key.kind == ReminderKind::kOverdue && !key.escalated_unit.empty())
    add("逾期单位", plan.unit_name(key.escalated_unit) + "（未在截止日期前确认完成）");
  add("事项", a.title + "（" + std::string(display_name(a.category)) + "）");
  add("时间", when_in_words(a.schedule));
  if (!a.source_phrase.empty()) add("", "原文：“" + a.source_phrase + "”");
  add("期限", left);
  if (!a.location.empty()) add("地点", a.location);
  std::string plan_line = "《" + plan.title + "》";
  if (!plan.document_number.empty()) plan_line += "（" + plan.document_number + "）";
  add("所属方案", plan_line);
  std::string item_line(table_name(item.kind));
  if (!item.section.empty()) item_line += " " + item.section;
  if (!item.number.empty()) item_line += " 第" + item.number + "项";
  if (!item.title.empty()) item_line += "：" + item.title;
  add("条目", item_line);
  if (!item.text.empty()) add("", "原文摘录：" + excerpt(item.text, kExcerptChars));
  const std::vector<std::string>& units = a.units_or(item);
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit* unit = plan.find_unit(units[i]);
    std::string line = plan.unit_name(units[i]) + (i == 0 ? "（牵头）" : "");
    if (unit != nullptr && !unit->phones.empty()) line += " 电话：" + join(unit->phones, "、");
    add(i == 0 ? "责任单位" : "", line);
  }
  if (!item.phones.empty()) add("联系电话", join(item.phones, "、"));
  if (!options.action_url.empty()) add("办理", options.action_url, true);
  add("单位日历", feed_url, true);
  body.footer = "附件 activity.ics 可导入日历。本邮件由 plancal 根据《" + plan.title +
                "》自动发送，请勿直接回复" +
                (options.action_url.empty()
                     ? std::string("。")
                     : std::string("；签收、报送进展、办结或申请延期请打开上方“办理”链接。")) +
                "提醒编号：" + key.to_string();
  return body;
}

std::string plain_text(const Body& body) {
  std::string out = body.greeting + "\r\n\r\n";
  if (!body.late_notice.empty()) out += "【" + body.late_notice + "】\r\n\r\n";
  for (const Field& f : body.fields)
    out += (f.label.empty() ? "    " : f.label + "：") + f.value + "\r\n";
  return out + "\r\n" + body.footer + "\r\n";
}

std::string html_text(const Body& body) {
  std::string out =
      "<!DOCTYPE html>\r\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body>\r\n"
      "<p>" +
      html_escape(body.greeting) + "</p>\r\n";
  if (!body.late_notice.empty())
    out += "<p style=\"color:#a00;font-weight:bold\">" + html_escape(body.late_notice) + "</p>\r\n";
  out += "<table>\r\n";
  for (const Field& f : body.fields) {
    const std::string value = html_escape(f.value);
    out += "<tr><th align=\"left\">" + html_escape(f.label) + "</th><td>" +
           (f.link ? "<a href=\"" + value + "\">" + value + "</a>" : value) + "</td></tr>\r\n";
  }
  return out + "</table>\r\n<p>" + html_escape(body.footer) + "</p>\r\n</body></html>\r\n";
}

std::string markdown_text(const Body& body, const std::string& title) {
  std::string out =
      "### " + markdown_escape(title) + "\n\n" + markdown_escape(body.greeting) + "\n\n";
  if (!body.late_notice.empty()) out += "> " + markdown_escape(body.late_notice) + "\n\n";
  for (const Field& f : body.fields)
    out += (f.label.empty() ? "　　" : markdown_escape(f.label) + "：") +
           (f.link ? markdown_link(f.value) : markdown_escape(f.value)) + "  \n";
  return out + "\n" + markdown_escape(body.footer) + "\n";
}

std::string subject(const ReminderKey& key, const Plan& plan, const Activity& a,
                    const std::string& left) {
  std::string text = "【" + std::string(kind_label(key.kind)) + "】";
  if (!key.escalated_unit.empty()) text += plan.unit_name(key.escalated_unit) + "：";
  return text + a.title + "（" + left + "）";
}

}  // namespace

std::string header_problem(const ReminderKey& key, const Unit& recipient,
                           const ReminderMessageOptions& options) {
  const std::string key_text = key.to_string();
  if (recipient.id != key.unit_id)
    return "recipient " + recipient.id + " is not the unit of " + key_text;
  if (recipient.emails.empty()) return "unit " + recipient.id + " has no e-mail address";
  for (const std::string& address : recipient.emails)
    if (!is_plain_mail_address(address))
      return "unit " + recipient.id + ": unusable e-mail address '" + address + "'";
  if (!is_plain_mail_address(options.from_address))
    return "unusable from address '" + options.from_address + "'";
  if (!is_plain_mail_address(options.message_id))
    return "unusable message id '" + options.message_id + "'";
  if (key_text.size() > kMaxKeyLength ||
      !std::all_of(key_text.begin(), key_text.end(), [](char c) { return c > 0x20 && c < 0x7F; }))
    return "reminder key is not header-safe: " + key_text;
  return "";
}

namespace {

// What both forms of a reminder are made of: the subject, the body and the attachment.
struct ReminderContent {
  std::string subject;
  Body body;
  std::string attachment;
  std::string error;  // why there is no content; the rest is unset then
};

ReminderContent reminder_content(const ReminderKey& key, const Plan& plan, const Item& item,
                                 const StoredActivity& activity, const Unit& recipient,
                                 const HolidayCalendar& holidays,
                                 const ReminderMessageOptions& options) {
  ReminderContent out;
  if (recipient.id != key.unit_id) {
    out.error = "recipient " + recipient.id + " is not the unit of " + key.to_string();
    return out;
  }
  const std::string about_unit = key.escalated_unit.empty() ? key.unit_id : key.escalated_unit;
  std::string base_url = options.base_url;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  IcsOptions ics;
  ics.base_url = base_url;
  const std::vector<FeedSpec> feeds = build_feed_catalog(plan);
  const std::optional<std::string> attachment =
      render_attachment(plan, feeds, activity, about_unit, ics);
  const FeedSpec* public_feed = find_feed(feeds, FeedScope::kUnit, about_unit);
  if (!attachment || public_feed == nullptr) {
    out.error = "activity " + activity.uid + " is not the work of unit " + about_unit;
    return out;
  }
  const Date today = plan.local_date(options.now);
  const std::string left = time_left(key, holidays, today);
  out.body = make_body(key, plan, item, activity.activity, recipient,
                       feed_url(base_url, *public_feed), left, options);
  out.subject = subject(key, plan, activity.activity, left);
  out.attachment = *attachment;
  return out;
}

}  // namespace

ComposedChat compose_reminder_chat(const ReminderKey& key, const Plan& plan, const Item& item,
                                   const StoredActivity& activity, const Unit& recipient,
                                   const HolidayCalendar& holidays,
                                   const ReminderMessageOptions& options) {
  ReminderContent content =
      reminder_content(key, plan, item, activity, recipient, holidays, options);
  if (!content.error.empty()) return {std::nullopt, std::move(content.error)};
  content.body.footer =
      "本消息由 plancal 根据《" + plan.title + "》自动发送" +
      (options.action_url.empty()
           ? std::string("。")
           : std::string("；签收、报送进展、办结或申请延期请打开上方“办理”链接。")) +
      "提醒编号：" + key.to_string();
  return {ChatText{content.subject, markdown_text(content.body, content.subject)}, ""};
}

ComposedMessage compose_reminder_message(const ReminderKey& key, const Plan& plan, const Item& item,
                                         const StoredActivity& activity, const Unit& recipient,
                                         const HolidayCalendar& holidays,
                                         const ReminderMessageOptions& options) {
  const std::string key_text = key.to_string();
  if (std::string problem = header_problem(key, recipient, options); !problem.empty())
    return {std::nullopt, std::move(problem)};
  ReminderContent content =
      reminder_content(key, plan, item, activity, recipient, holidays, options);
  if (!content.error.empty()) return {std::nullopt, std::move(content.error)};
  const Body& body = content.body;

  std::string from = options.from_address;
  if (!options.from_name.empty()) {
    const std::string name = encode_header_text(options.from_name, 6);
    const size_t last_line =
        name.find('\n') == std::string::npos ? 6 + name.size() : name.size() - name.rfind('\n') - 1;
    const std::string address = "<" + options.from_address + ">";
    from = name + (last_line + 1 + address.size() > 78 ? "\r\n " : " ") + address;
  }
  std::string m;
  m += "From: " + from + "\r\n";
  m += "To: " + join(recipient.emails, ",\r\n ") + "\r\n";
  m += "Subject: " + encode_header_text(content.subject, 9) + "\r\n";
  m += "Date: " + rfc5322_date(options.now, plan.utc_offset_minutes()) + "\r\n";
  m += "Message-ID: <" + options.message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "X-Plancal-Reminder-Key: " + key_text + "\r\n";
  m += "Content-Type: multipart/mixed; boundary=\"" + std::string(kMixedBoundary) + "\"\r\n\r\n";
  m += "--" + std::string(kMixedBoundary) + "\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + std::string(kAlternativeBoundary) +
       "\"\r\n\r\n";
  m += mime_part(kAlternativeBoundary, "text/plain; charset=utf-8", "", plain_text(body));
  m += mime_part(kAlternativeBoundary, "text/html; charset=utf-8", "", html_text(body));
  m += "--" + std::string(kAlternativeBoundary) + "--\r\n";
  m += mime_part(
      kMixedBoundary, "text/calendar; method=PUBLISH; charset=utf-8;\r\n name=\"activity.ics\"",
      "Content-Disposition: attachment; filename=\"activity.ics\"\r\n", content.attachment);
  m += "--" + std::string(kMixedBoundary) + "--\r\n";
  return {MailMessage{options.message_id, options.from_address, recipient.emails, std::move(m)},
          ""};
}

}  // namespace plancal::calendar
