#include "daemon/http/work_page.hpp"

#include "calendar/model/date.hpp"
#include "calendar/model/precision_label.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "daemon/http/page_style.hpp"

namespace plancal::daemon {

using calendar::html_escape;

namespace {

std::string_view action_label(calendar::UnitActionKind kind) {
  switch (kind) {
    case calendar::UnitActionKind::kReceipt:
      return "签收";
    case calendar::UnitActionKind::kProgress:
      return "进展";
    case calendar::UnitActionKind::kDone:
      return "办结";
    case calendar::UnitActionKind::kExtend:
      return "申请延期";
  }
  return "";
}

std::string_view decision_label(calendar::ExtensionState state) {
  switch (state) {
    case calendar::ExtensionState::kPending:
      return "待审批";
    case calendar::ExtensionState::kApproved:
      return "已批准";
    case calendar::ExtensionState::kRejected:
      return "未批准";
  }
  return "";
}

}  // namespace

std::string render_work_page(const WorkView& view, std::string_view form_action,
                             std::string_view notice) {
  const calendar::Plan& plan = view.plan->plan;
  const calendar::Item& item = *view.item;
  const int offset = plan.utc_offset_minutes();
  const std::string heading = item.summary();
  std::string html = page_head(view.unit->name + " · " + heading);
  html += "<header><p class=\"meta\">" + html_escape(plan.title) + " · " +
          html_escape(plan.document_number) + "</p>\n<h1>" + html_escape(item.number) + ". " +
          html_escape(heading) + "</h1>\n<p>责任单位：<strong id=\"unit\">" +
          html_escape(view.unit->name) +
          "</strong> · 状态：<span class=\"state\" id=\"state\" "
          "data-state=\"" +
          std::string(calendar::to_string(view.status.state)) + "\">" +
          std::string(calendar::state_label(view.status.state)) +
          "</span> <span class=\"light light-" +
          std::string(calendar::to_string(view.status.light)) + "\" id=\"light\" title=\"" +
          std::string(calendar::to_string(view.status.light)) + "\"></span></p>\n";
  if (view.status.due) {
    html += "<p>办理期限：<span id=\"due\">" + calendar::to_iso(*view.status.due) + "</span>";
    if (view.status.plan_due && view.status.due != view.status.plan_due)
      html += "（方案原定 " + calendar::to_iso(*view.status.plan_due) + "，已批准延期）";
    html += "</p>\n";
  }
  html += "</header>\n<main class=\"item\">\n";
  if (!notice.empty())
    html += "<p class=\"notice\" id=\"notice\">" + html_escape(notice) + "</p>\n";
  html += "<h2>原文</h2>\n<p class=\"text\">" + html_escape(item.text) + "</p>\n";

  html += "<h2>本单位的日程</h2>\n<dl class=\"reading\">\n";
  for (const calendar::Activity* a : view.activities) {
    html += "<dt>" + html_escape(a->title) + "</dt>\n<dd>" +
            html_escape(calendar::when_in_words(a->schedule)) + "</dd>\n";
    if (!a->source_phrase.empty())
      html += "<dd><small>原文：“" + html_escape(a->source_phrase) + "”</small></dd>\n";
  }
  html += "</dl>\n";

  html += "<h2>已报送</h2>\n<ul id=\"actions\">\n";
  for (const calendar::UnitAction& a : view.facts.actions) {
    html += "<li data-action=\"" + std::string(calendar::to_string(a.kind)) + "\">" +
            html_escape(page_time(a.at, offset)) + " <strong>" + std::string(action_label(a.kind)) +
            "</strong>";
    if (a.until) html += " 至 " + calendar::to_iso(*a.until);
    if (!a.note.empty()) html += "：" + html_escape(a.note);
    html += "</li>\n";
  }
  if (view.facts.actions.empty()) html += "<li>尚无</li>\n";
  html += "</ul>\n";
  if (!view.extensions.empty()) {
    html += "<h3>延期申请</h3>\n<ul id=\"extensions\">\n";
    for (const calendar::ExtensionRequest& e : view.extensions) {
      html += "<li data-state=\"" + std::string(calendar::to_string(e.state)) + "\">申请至 " +
              calendar::to_iso(*e.request.until) + "：" + std::string(decision_label(e.state));
      if (!e.decision_note.empty()) html += "（" + html_escape(e.decision_note) + "）";
      html += "</li>\n";
    }
    html += "</ul>\n";
  }

  html += "<h2>办理</h2>\n<form class=\"desk\" method=\"post\" action=\"" +
          html_escape(form_action) +
          "\">\n<p><label>说明（进展、办结说明或延期理由）<br><textarea name=\"note\" "
          "maxlength=\"600\"></textarea></label></p>\n<p><label>申请延期至 <input type=\"date\" "
          "name=\"until\"></label></p>\n<p><button name=\"action\" value=\"receipt\">签收</button>"
          "<button name=\"action\" value=\"progress\">进展</button>"
          "<button name=\"action\" value=\"done\">办结</button>"
          "<button name=\"action\" value=\"extend\">申请延期</button></p>\n</form>\n"
          "<p class=\"meta\">此链接为本单位专用，请勿转发。办结后本事项不再向本单位发送提醒。</p>\n"
          "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace plancal::daemon
