#include "daemon/http/board_page.hpp"

#include "calendar/model/date.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "daemon/http/page_style.hpp"

namespace plancal::daemon {

using calendar::html_escape;

namespace {

std::string filter_link(std::string_view self, const BoardFilter& filter, std::string_view label,
                        bool on) {
  std::string query;
  if (!filter.section.empty()) query += "section=" + percent_encode(filter.section);
  if (!filter.unit.empty())
    query += (query.empty() ? "" : "&") + ("unit=" + percent_encode(filter.unit));
  return "<a" + std::string(on ? " class=\"on\"" : "") + " href=\"" +
         html_escape(std::string(self) + (query.empty() ? "" : "?" + query)) + "\">" +
         html_escape(label) + "</a>";
}

std::string light(calendar::Light l) {
  const std::string name(calendar::to_string(l));
  return "<span class=\"light light-" + name + "\" title=\"" + name + "\"></span>";
}

}  // namespace

std::string render_board_page(const BoardView& view, const BoardFilter& filter,
                              std::string_view self) {
  const calendar::Plan& plan = view.plan->plan;
  std::string html = page_head("督办 · " + plan.title);
  html += "<header><p class=\"meta\">" + html_escape(plan.document_number) + " · " +
          calendar::to_iso(view.today) + "</p>\n<h1>督办：" + html_escape(plan.title) +
          "</h1>\n</header>\n<main>\n";

  html +=
      "<h2>情况通报</h2>\n<table class=\"board\" id=\"tallies\">\n<tr><th>单位</th><th>红灯"
      "</th><th>黄灯</th><th>已办结</th><th>未签收</th><th>事项</th></tr>\n";
  for (const UnitTally& t : view.tallies) {
    html += "<tr data-unit=\"" + html_escape(t.unit->id) + "\"><td>" + html_escape(t.unit->name) +
            "</td><td class=\"red\">" + std::to_string(t.red) + "</td><td class=\"yellow\">" +
            std::to_string(t.yellow) + "</td><td class=\"green\">" + std::to_string(t.green) +
            "</td><td class=\"not-received\">" + std::to_string(t.not_received) + "</td><td>" +
            std::to_string(t.items) + "</td></tr>\n";
  }
  html += "</table>\n";

  html += "<p class=\"filters\">篇章：" +
          filter_link(self, {"", filter.unit}, "全部", filter.section.empty());
  for (const std::string& section : view.sections)
    html += filter_link(self, {section, filter.unit}, section, filter.section == section);
  html += "</p>\n<p class=\"filters\">单位：" +
          filter_link(self, {filter.section, ""}, "全部", filter.unit.empty());
  for (const UnitTally& t : view.tallies)
    html +=
        filter_link(self, {filter.section, t.unit->id}, t.unit->name, filter.unit == t.unit->id);
  html += "</p>\n";

  html += "<h2>事项（" + std::to_string(view.rows.size()) +
          "）</h2>\n<table class=\"board\" id=\"rows\">\n<tr><th></th><th>事项</th><th>单位</th>"
          "<th>状态</th><th>期限</th><th>最新进展</th></tr>\n";
  for (const BoardRow& row : view.rows) {
    const calendar::Item& item = *row.item;
    const std::string title = item.summary();
    html += "<tr data-item=\"" + html_escape(item.id) + "\" data-unit=\"" +
            html_escape(row.unit->id) + "\" data-state=\"" +
            std::string(calendar::to_string(row.status.state)) + "\" data-light=\"" +
            std::string(calendar::to_string(row.status.light)) + "\"><td>" +
            light(row.status.light) + "</td><td>" + html_escape(item.number) + ". " +
            html_escape(title) + "</td><td>" + html_escape(row.unit->name) + "</td><td>" +
            std::string(calendar::state_label(row.status.state)) + "</td><td>" +
            (row.status.due ? calendar::to_iso(*row.status.due) : "—") + "</td><td>" +
            (row.status.latest_progress ? html_escape(row.status.latest_progress->note) : "") +
            "</td></tr>\n";
  }
  html += "</table>\n<h2>最新进展</h2>\n<ul id=\"progress\">\n";
  for (const calendar::UnitAction& a : view.latest_progress) {
    html += "<li>" + page_time(a.at, plan.utc_offset_minutes()) + " " +
            html_escape(plan.unit_name(a.unit_id)) + " · " + html_escape(a.item_id) + "：" +
            html_escape(a.note) + "</li>\n";
  }
  html += "</ul>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace plancal::daemon
