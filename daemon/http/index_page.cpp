#include "daemon/http/index_page.hpp"

#include "calendar/reminders/mime_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <tuple>
#include <vector>

namespace plancal::daemon {

using calendar::html_escape;

namespace {

struct Upcoming {
  const calendar::StoredActivity* stored;
  const calendar::Plan* plan;
};

std::string format_size(size_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%zu B", bytes);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  }
  return buf;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string date_range(const calendar::Reading& schedule) {
  std::string text = calendar::to_iso(schedule.start);
  if (schedule.end != schedule.start) text += " 至 " + calendar::to_iso(schedule.end);
  return text;
}

std::vector<Upcoming> upcoming(const DataSnapshot& snapshot, calendar::Date today) {
  std::vector<Upcoming> list;
  for (const auto& data : snapshot.plans) {
    for (const auto& stored : data.activities) {
      if (stored.activity.is_public && stored.activity.schedule.end >= today) {
        list.push_back({&stored, &data.plan});
      }
    }
  }
  const size_t shown = std::min(list.size(), kUpcomingOnIndex);
  // Activities still to start come first, soonest first; then those under way, the ones
  // ending soonest first (so year-long windows do not crowd out next week's job fair).
  auto rank = [today](const Upcoming& u) {
    const auto& schedule = u.stored->activity.schedule;
    const bool started = schedule.start < today;
    return std::tuple(started, started ? schedule.end : schedule.start, u.stored->uid);
  };
  std::partial_sort(list.begin(), list.begin() + shown, list.end(),
                    [&](const Upcoming& a, const Upcoming& b) { return rank(a) < rank(b); });
  list.resize(shown);
  return list;
}

void append_feeds(std::string& html, const FeedSet& feeds, const std::string& base_url) {
  html +=
      "<h2>订阅日历</h2>\n<table>\n<tr><th>日历</th><th>事件数</th><th>大小</th><th>订阅</th></"
      "tr>\n";
  for (const auto& feed : feeds.feeds()) {
    if (feed.spec.is_private) continue;
    const std::string url = calendar::feed_url(base_url, feed.spec);
    html += "<tr><td>" + html_escape(feed.spec.title) + "</td><td>" + std::to_string(feed.events) +
            "</td><td>" + format_size(feed.body.size()) + "</td><td><a href=\"" +
            html_escape(webcal_url(url)) + "\">webcal 订阅</a> · <a href=\"" + html_escape(url) +
            "\">下载 .ics</a> · <a href=\"" + html_escape(google_subscribe_url(url)) +
            "\">添加到 Google 日历</a></td></tr>\n";
  }
  html += "</table>\n";
}

void append_upcoming(std::string& html, const FeedSet& feeds, calendar::Date today) {
  html += "<h2>近期活动（" + calendar::to_iso(today) + " 起）</h2>\n";
  const auto list = upcoming(feeds.snapshot(), today);
  if (list.empty()) {
    html += "<p>暂无近期活动。</p>\n";
    return;
  }
  html += "<ul>\n";
  for (const auto& entry : list) {
    const auto& activity = entry.stored->activity;
    html += "<li><time>" + html_escape(date_range(activity.schedule)) + "</time> " +
            html_escape(activity.title);
    if (!activity.location.empty()) html += "（" + html_escape(activity.location) + "）";
    html += "<br><small>原文：“" + html_escape(activity.source_phrase) + "”";
    if (activity.schedule.approximate) html += "（大致时间）";
    html += " · " + html_escape(entry.plan->title) + "</small></li>\n";
  }
  html += "</ul>\n";
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
                              calendar::Date today) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>行动方案日历订阅</title>\n"
      "<style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}</style>\n"
      "</head>\n<body>\n<h1>行动方案日历订阅</h1>\n";
  for (const auto& data : feeds.snapshot().plans) {
    html += "<p>" + html_escape(data.plan.title) + "（" + html_escape(data.plan.document_number) +
            "，" + html_escape(data.plan.issuer) + "）</p>\n";
  }
  append_feeds(html, feeds, base_url);
  append_upcoming(html, feeds, today);
  html += "<p><small>数据版本 " + std::to_string(feeds.snapshot().data_version) +
          " · <a href=\"/feeds.json\">feeds.json</a></small></p>\n</body>\n</html>\n";
  return html;
}

}  // namespace plancal::daemon
