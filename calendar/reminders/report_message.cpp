#include "calendar/reminders/report_message.hpp"

#include "calendar/reminders/mime_text.hpp"

namespace plancal::calendar {
namespace {

constexpr std::string_view kBoundary = "=_plancal_report";

struct Section {
  std::string heading;
  std::vector<std::string> lines;
};

std::vector<Section> sections(const WeeklyReport& report) {
  std::vector<Section> out;
  Section lights{"红灯、黄灯事项（按单位）", {}};
  for (const auto& unit : report.units) {
    lights.lines.push_back(unit.unit_name + "：红灯 " + std::to_string(unit.red.size()) +
                           "，黄灯 " + std::to_string(unit.yellow.size()));
    for (const auto& line : unit.red) lights.lines.push_back("  [红] " + line);
    for (const auto& line : unit.yellow) lights.lines.push_back("  [黄] " + line);
  }
  if (lights.lines.empty()) lights.lines.push_back("无");
  out.push_back(std::move(lights));
  out.push_back({"尚未签收", report.missing_receipts});
  if (out.back().lines.empty()) out.back().lines.push_back("无");
  out.push_back({"待审批的延期申请", report.pending_extensions});
  if (out.back().lines.empty()) out.back().lines.push_back("无");
  return out;
}

std::string plain_text(const WeeklyReport& report, const std::string& greeting) {
  std::string out = greeting + "\r\n\r\n《" + report.plan_title + "》" + report.document_number +
                    " 截至 " + to_iso(report.today) + " 的办理情况：\r\n";
  for (const Section& section : sections(report)) {
    out += "\r\n【" + section.heading + "】\r\n";
    for (const std::string& line : section.lines) out += line + "\r\n";
  }
  if (!report.board_url.empty()) out += "\r\n督办：" + report.board_url + "\r\n";
  return out + "\r\n本邮件由 plancal 每周自动发送，请勿直接回复。\r\n";
}

std::string html_text(const WeeklyReport& report, const std::string& greeting) {
  std::string out =
      "<!DOCTYPE html>\r\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body>\r\n"
      "<p>" +
      html_escape(greeting) + "</p>\r\n<p>《" + html_escape(report.plan_title) + "》" +
      html_escape(report.document_number) + " 截至 " + to_iso(report.today) +
      " 的办理情况：</p>\r\n";
  for (const Section& section : sections(report)) {
    out += "<h3>" + html_escape(section.heading) + "</h3>\r\n<ul>\r\n";
    for (const std::string& line : section.lines) out += "<li>" + html_escape(line) + "</li>\r\n";
    out += "</ul>\r\n";
  }
  if (!report.board_url.empty()) {
    const std::string url = html_escape(report.board_url);
    out += "<p>督办：<a href=\"" + url + "\">" + url + "</a></p>\r\n";
  }
  return out + "<p>本邮件由 plancal 每周自动发送，请勿直接回复。</p>\r\n</body></html>\r\n";
}

std::string report_subject(const WeeklyReport& report) {
  return "【情况通报】" + report.plan_title + "（" + to_iso(report.today) + "）";
}

}  // namespace

ComposedChat compose_report_chat(const ReminderKey& key, const WeeklyReport& report,
                                 const Unit& recipient) {
  if (recipient.id != key.unit_id)
    return {std::nullopt, "recipient " + recipient.id + " is not the unit of " + key.to_string()};
  const std::string title = report_subject(report);
  // The board link first: a robot that cuts a long report still shows where the rest is.
  std::string md =
      "### " + markdown_escape(title) + "\n\n" + markdown_escape(recipient.name) + "：\n\n";
  if (!report.board_url.empty()) md += "督办：" + markdown_link(report.board_url) + "\n\n";
  md += markdown_escape("《" + report.plan_title + "》" + report.document_number + " 截至 " +
                        to_iso(report.today) + " 的办理情况：") +
        "\n";
  for (const Section& section : sections(report)) {
    md += "\n**" + markdown_escape(section.heading) + "**\n\n";
    for (const std::string& line : section.lines) md += "- " + markdown_escape(line) + "\n";
  }
  return {ChatText{title, md + "\n本消息由 plancal 每周自动发送。\n"}, ""};
}

ComposedMessage compose_report_message(const ReminderKey& key, const WeeklyReport& report,
                                       const Unit& recipient, int utc_offset_minutes,
                                       const ReminderMessageOptions& options) {
  const std::string key_text = key.to_string();
  if (std::string problem = header_problem(key, recipient, options); !problem.empty())
    return {std::nullopt, std::move(problem)};

  const std::string greeting = recipient.name + "：";
  std::string to;
  for (const std::string& address : recipient.emails) to += (to.empty() ? "" : ",\r\n ") + address;
  const std::string subject = report_subject(report);
  std::string m;
  m += "From: " + options.from_address + "\r\n";
  m += "To: " + to + "\r\n";
  m += "Subject: " + encode_header_text(subject, 9) + "\r\n";
  m += "Date: " + rfc5322_date(options.now, utc_offset_minutes) + "\r\n";
  m += "Message-ID: <" + options.message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "X-Plancal-Reminder-Key: " + key_text + "\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + std::string(kBoundary) + "\"\r\n\r\n";
  m += mime_part(kBoundary, "text/plain; charset=utf-8", "", plain_text(report, greeting));
  m += mime_part(kBoundary, "text/html; charset=utf-8", "", html_text(report, greeting));
  m += "--" + std::string(kBoundary) + "--\r\n";
  return {MailMessage{options.message_id, options.from_address, recipient.emails, std::move(m)},
          ""};
}

}  // namespace plancal::calendar
