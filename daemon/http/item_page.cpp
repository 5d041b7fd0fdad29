#include "daemon/http/item_page.hpp"

#include "calendar/ics/feed_catalog.hpp"
#include "calendar/model/precision_label.hpp"
#include "calendar/model/reading_describe.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "daemon/http/page_style.hpp"

namespace plancal::daemon {

using calendar::html_escape;

namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "、") + v;
  return out;
}

void append_units(std::string& html, const calendar::Plan& plan,
                  const std::vector<std::string>& unit_ids, const std::string& base_url) {
  html += "<ul class=\"units\">\n";
  for (size_t i = 0; i < unit_ids.size(); ++i) {
    const calendar::Unit* unit = plan.find_unit(unit_ids[i]);
    html += "<li>" + html_escape(plan.unit_name(unit_ids[i]));
    if (i == 0) html += "（牵头）";
    if (unit != nullptr) {
      if (!unit->phones.empty()) html += " 电话 " + html_escape(joined(unit->phones));
      html += " · <a href=\"" +
              html_escape(calendar::feed_url(base_url, calendar::unit_feed(plan, *unit))) +
              "\">该单位的日历</a>";
    }
    html += "</li>\n";
  }
  html += "</ul>\n";
}

}  // namespace

std::optional<std::string> render_item_page(const DataSnapshot& snapshot,
                                            const std::string& base_url, std::string_view plan_id,
                                            std::string_view item_id) {
  const PlanData* data = snapshot.find_plan(plan_id);
  if (data == nullptr) return std::nullopt;
  const calendar::Plan& plan = data->plan;
  const calendar::Item* item = plan.find_item(item_id);
  if (item == nullptr) return std::nullopt;

  const std::string heading = item->summary();
  std::string html = page_head(heading + " · " + plan.title);
  html += "<header><p><a href=\"/\">← 活动日程</a></p><p class=\"meta\">" +
          html_escape(plan.title) + " · " + html_escape(plan.document_number) + "</p>\n";
  html += "<h1>" + html_escape(item->number) + ". " + html_escape(heading) + "</h1>\n";
  const std::string section = plan.section_of(*item);
  if (!section.empty()) html += "<p class=\"meta\">" + html_escape(section) + "</p>\n";
  html += "</header>\n<main class=\"item\">\n<h2>原文</h2>\n<p class=\"text\">" +
          html_escape(item->text) + "</p>\n";
  if (!item->schedule_text.empty())
    html += "<h3>具体安排</h3>\n<p class=\"text\">" + html_escape(item->schedule_text) + "</p>\n";
  html += "<h2>责任单位</h2>\n";
  append_units(html, plan, item->units, base_url);
  if (!item->phones.empty()) html += "<p>联系电话：" + html_escape(joined(item->phones)) + "</p>\n";
  if (item->policy)
    html += "<p>" + html_escape(item->policy->status) + " · 办理渠道：" +
            html_escape(item->policy->channel) + "</p>\n";

  html +=
      "<h2>日程（" + std::to_string(item->activities.size()) + "）</h2>\n<dl class=\"reading\">\n";
  for (const calendar::Activity& a : item->activities) {
    html += "<dt id=\"" + html_escape(a.key) + "\"><span class=\"cat-" +
            std::string(calendar::to_string(a.category)) + "\">&nbsp;</span> " +
            html_escape(a.title) + "</dt>\n<dd>原文：“" + html_escape(a.source_phrase) +
            "”</dd>\n" + "<dd>解读：" + html_escape(calendar::when_in_words(a.schedule)) +
            "</dd>\n<dd><small>" + html_escape(calendar::describe(a.schedule)) + " · " +
            html_escape(std::string(calendar::display_name(a.category))) + "</small></dd>\n";
    if (!a.location.empty()) html += "<dd>地点：" + html_escape(a.location) + "</dd>\n";
    const auto& units = plan.units_of(a);
    if (units != item->units) {
      std::vector<std::string> names;
      for (const auto& id : units) names.push_back(plan.unit_name(id));
      html += "<dd>责任单位：" + html_escape(joined(names)) + "</dd>\n";
    }
  }
  html += "</dl>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace plancal::daemon
