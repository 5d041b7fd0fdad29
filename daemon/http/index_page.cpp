#include "daemon/http/index_page.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <vector>

#include "calendar/model/precision_label.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "daemon/http/page_style.hpp"

namespace plancal::daemon {

using calendar::html_escape;

namespace {

const calendar::Unit* unit_named(const calendar::Plan& plan, const std::string& id) {
  return id.empty() ? nullptr : plan.find_unit(id);
}

// "/?unit=rsj&category=event": the page with these filters; empty values are left out.
std::string filter_link(const std::string& unit, const std::string& category) {
  std::string link = "/";
  if (!unit.empty()) link += "?unit=" + percent_encode(unit);
  if (!category.empty())
    link += (unit.empty() ? "?" : "&") + ("category=" + percent_encode(category));
  return link;
}

// Where a date falls on the plan year's track, in percent of the year.
double year_position(calendar::Date d, int year, bool end_of_day) {
  const calendar::Date first = calendar::make_date(year, 1, 1);
  const int days = calendar::days_between(first, calendar::make_date(year + 1, 1, 1));
  const int day = std::clamp(calendar::days_between(first, d) + (end_of_day ? 1 : 0), 0, days);
  return 100.0 * day / days;
}

std::string percent(double value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f%%", value);
  return buf;
}

// One activity on the agenda: a row linking to its item, its dates as written and read, and
// a bar on the year's track as wide as its honest precision (a quarter is a quarter long; a
// day is a marker), coloured by category, dashed when hedged or ambiguous.
void append_row(std::string& html, const calendar::Plan& plan, const calendar::StoredActivity& s,
                const std::string& base_url, calendar::Date today) {
  const calendar::Activity& a = s.activity;
  const calendar::Reading& r = a.schedule;
  const std::string label = calendar::summary_label(r, plan.year);
  const double left = year_position(r.start, plan.year, false);
  const double right = year_position(r.end, plan.year, true);
  const bool marker = r.start == r.end;
  std::string bar_class = "bar cat-" + std::string(calendar::to_string(a.category));
  if (marker) bar_class += " marker";
  if (r.approximate || r.ambiguous) bar_class += " hedged";
  if (r.open_end) bar_class += " open";
  html += "<li class=\"row\" data-category=\"" + std::string(calendar::to_string(a.category)) +
          "\"><a href=\"" + html_escape(calendar::item_url(base_url, plan.id, a.item_id)) + "\">";
  html += "<span class=\"when\">" + html_escape(label.empty() ? calendar::to_iso(r.start) : label) +
          "</span> <span class=\"title\">" + html_escape(a.title) + "</span>";
  if (!a.location.empty()) html += " <span class=\"where\">" + html_escape(a.location) + "</span>";
  html += "<span class=\"track\"><span class=\"" + bar_class + "\" style=\"left:" + percent(left) +
          ";width:" + percent(std::max(right - left, 0.6)) + "\" title=\"" +
          html_escape(calendar::when_in_words(r)) + "\"></span>";
  if (static_cast<int>(today.year()) == plan.year)
    html +=
        "<span class=\"today\" style=\"left:" + percent(year_position(today, plan.year, false)) +
        "\"></span>";
  html += "</span><small class=\"source\">原文：“" + html_escape(a.source_phrase) + "” · " +
          html_escape(std::string(calendar::display_name(a.category))) + "</small></a></li>\n";
}

void append_month_scale(std::string& html, const calendar::Plan& plan, calendar::Date today) {
  html += "<div class=\"scale\" aria-hidden=\"true\">";
  for (int m = 1; m <= 12; ++m) html += "<span>" + std::to_string(m) + "月</span>";
  if (static_cast<int>(today.year()) == plan.year)
    html +=
        "<span class=\"today\" style=\"left:" + percent(year_position(today, plan.year, false)) +
        "\" title=\"今天 " + calendar::to_iso(today) + "\"></span>";
  html += "</div>\n";
}

struct Filters {
  std::string unit;
  std::string category;
};

void append_filters(std::string& html, const calendar::Plan& plan, const Filters& filters) {
  html += "<nav class=\"filters\"><p>按类别：";
  html += std::string("<a href=\"") + html_escape(filter_link(filters.unit, "")) + "\"" +
          (filters.category.empty() ? " class=\"on\"" : "") + ">全部</a>";
  for (const calendar::Category c :
       {calendar::Category::kJobFair, calendar::Category::kEvent, calendar::Category::kForum,
        calendar::Category::kMilestone, calendar::Category::kPolicyWindow,
        calendar::Category::kDeadline}) {
    const std::string id(calendar::to_string(c));
    html += " <a class=\"cat-" + id + (filters.category == id ? " on" : "") + "\" href=\"" +
            html_escape(filter_link(filters.unit, id)) + "\">" +
            html_escape(std::string(calendar::display_name(c))) + "</a>";
  }
  html += "</p><details" + std::string(filters.unit.empty() ? "" : " open") +
          "><summary>按责任单位</summary><p>";
  html += std::string("<a href=\"") + html_escape(filter_link("", filters.category)) + "\"" +
          (filters.unit.empty() ? " class=\"on\"" : "") + ">全部单位</a>";
  for (const calendar::Unit& unit : plan.units)
    html += " <a" + std::string(filters.unit == unit.id ? " class=\"on\"" : "") + " href=\"" +
            html_escape(filter_link(unit.id, filters.category)) + "\">" + html_escape(unit.name) +
            "</a>";
  html += "</p></details></nav>\n";
}

void append_agenda(std::string& html, const PlanData& data, const std::string& base_url,
                   calendar::Date today, const Filters& filters) {
  const calendar::Plan& plan = data.plan;
  std::vector<const calendar::StoredActivity*> coming, running, past;
  for (const auto& stored : data.activities) {
    const calendar::Activity& a = stored.activity;
    if (!a.is_public) continue;
    if (!filters.unit.empty() && !plan.is_responsible(a, filters.unit)) continue;
    if (!filters.category.empty() && calendar::to_string(a.category) != filters.category) continue;
    const auto& r = a.schedule;
    (r.end < today ? past : r.start > today ? coming : running).push_back(&stored);
  }
  const auto by_start = [](const calendar::StoredActivity* x, const calendar::StoredActivity* y) {
    return std::tie(x->activity.schedule.start, x->activity.schedule.end, x->uid) <
           std::tie(y->activity.schedule.start, y->activity.schedule.end, y->uid);
  };
  std::sort(coming.begin(), coming.end(), by_start);
  // Under way: those ending soonest first, so that year-long windows do not crowd out
  // next week's job fair.
  std::sort(running.begin(), running.end(), [](auto* x, auto* y) {
    return std::tie(x->activity.schedule.end, x->uid) < std::tie(y->activity.schedule.end, y->uid);
  });
  std::sort(past.begin(), past.end(), by_start);

  html += "<section class=\"agenda\"><h2>活动日程（" + std::to_string(plan.year) + "年）</h2>\n";
  if (const calendar::Unit* unit = unit_named(plan, filters.unit))
    html += "<p class=\"filtered\">只看 " + html_escape(unit->name) + " 负责的活动</p>\n";
  append_month_scale(html, plan, today);
  const auto list = [&](const char* heading,
                        const std::vector<const calendar::StoredActivity*>& rows, const char* id) {
    html += std::string("<h3 id=\"") + id + "\">" + heading + "（" + std::to_string(rows.size()) +
            "）</h3>\n<ol class=\"rows\">\n";
    for (const auto* stored : rows) append_row(html, plan, *stored, base_url, today);
    html += "</ol>\n";
  };
  list("即将开始", coming, "coming");
  list("进行中", running, "running");
  html += "<details class=\"past\"><summary>已结束（" + std::to_string(past.size()) +
          "）</summary>\n<ol class=\"rows\">\n";
  for (const auto* stored : past) append_row(html, plan, *stored, base_url, today);
  html += "</ol></details>\n</section>\n";
}

// The plan's public feeds grouped: whole plan, by unit, by category, by section; the empty
// ones of each group folded away.
void append_subscriptions(std::string& html, const FeedSet& feeds, const std::string& plan_id,
                          const std::string& base_url) {
  struct Group {
    calendar::FeedScope scope;
    const char* heading;
  };
  html += "<section class=\"subscribe\"><h2>订阅日历</h2>\n";
  for (const Group group : {Group{calendar::FeedScope::kPlan, "整个方案"},
                            Group{calendar::FeedScope::kUnit, "按责任单位"},
                            Group{calendar::FeedScope::kCategory, "按类别"},
                            Group{calendar::FeedScope::kSection, "按方案章节"}}) {
    std::string full, empty;
    size_t empties = 0;
    for (const auto& feed : feeds.feeds()) {
      if (feed.spec.is_private || feed.spec.plan_id != plan_id || feed.spec.scope != group.scope)
        continue;
      const std::string url = calendar::feed_url(base_url, feed.spec);
      std::string entry =
          "<li><span class=\"feed\">" + html_escape(feed.spec.title) + "</span> <small>" +
          std::to_string(feed.events) + " 项</small> <a href=\"" + html_escape(webcal_url(url)) +
          "\">订阅</a> · <a href=\"" + html_escape(url) + "\">下载 .ics</a> · <a href=\"" +
          html_escape(google_subscribe_url(url)) + "\">Google 日历</a></li>\n";
      if (feed.events == 0) {
        empty += entry;
        ++empties;
      } else {
        full += entry;
      }
    }
    html +=
        std::string("<h3>") + group.heading + "</h3>\n<ul class=\"feeds\">\n" + full + "</ul>\n";
    if (empties > 0)
      html += "<details><summary>暂无活动的 " + std::to_string(empties) +
              " 个日历</summary><ul>\n" + empty + "</ul></details>\n";
  }
  html += "</section>\n";
}

}  // namespace

std::string webcal_url(std::string_view http_url) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (http_url.starts_with(scheme)) {
      return "webcal://" + std::string(http_url.substr(scheme.size()));
    }
  }
  return std::string(http_url);
}

std::string google_subscribe_url(std::string_view http_url) {
  return "https://calendar.google.com/calendar/r?cid=" + percent_encode(webcal_url(http_url));
}

std::string render_index_page(const FeedSet& feeds, const std::string& base_url,
                              calendar::Date today, const std::string& unit,
                              const std::string& category) {
  std::string html = page_head("行动方案日程");
  html += "<header><h1>行动方案日程</h1><p>今天 <time>" + calendar::to_iso(today) +
          "</time></p></header>\n<main>\n";
  const Filters filters{unit, category};
  for (const auto& data : feeds.snapshot().plans) {
    const calendar::Plan& plan = data.plan;
    html += "<article class=\"plan\" id=\"plan-" + html_escape(plan.id) +
            "\"><h2 class=\"plan-title\">" + html_escape(plan.title) + "</h2>\n<p class=\"meta\">" +
            html_escape(plan.document_number) + " · " + html_escape(plan.issuer) + " · 有效期 " +
            calendar::to_iso(plan.effective_from) + " 至 " +
            calendar::to_iso(plan.effective_until) + "</p>\n";
    append_filters(html, plan, filters);
    append_agenda(html, data, base_url, today, filters);
    append_subscriptions(html, feeds, plan.id, base_url);
    html += "</article>\n";
  }
  html += "</main>\n<footer><small>数据版本 " + std::to_string(feeds.snapshot().data_version) +
          " · <a href=\"/feeds.json\">feeds.json</a></small></footer>\n</body>\n</html>\n";
  return html;
}

}  // namespace plancal::daemon
