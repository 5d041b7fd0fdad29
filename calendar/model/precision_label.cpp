#include "calendar/model/precision_label.hpp"

#include <array>
#include <map>

namespace plancal::calendar {
namespace {

constexpr std::array<const char*, 10> kNumerals{"〇", "一", "二", "三", "四",
                                                "五", "六", "七", "八", "九"};

int year_of(Date d) { return int(d.year()); }
unsigned month_of(Date d) { return unsigned(d.month()); }
unsigned day_of(Date d) { return unsigned(d.day()); }

std::string year_prefix(Date d, bool with_year) {
  return with_year ? std::to_string(year_of(d)) + "年" : "";
}

std::string season_name(unsigned month) {
  if (month >= 3 && month <= 5) return "春季";
  if (month >= 6 && month <= 8) return "夏季";
  if (month >= 9 && month <= 11) return "秋季";
  return "冬季";
}

std::string xun_name(unsigned day) {
  if (day <= 10) return "上旬";
  if (day <= 20) return "中旬";
  return "下旬";
}

bool is_coarse(Precision p) { return p >= Precision::kSeason; }

// "前后" when hedged, "内" for periods coarser than a month, else nothing.
std::string hedge_suffix(const Reading& r) {
  if (r.approximate) return "前后";
  return is_coarse(r.precision) ? "内" : "";
}

std::string iso_range(const Reading& r) {
  return "（" + to_iso(r.start) + " 至 " + to_iso(r.end) + "）";
}

std::string words_of_date_or_span(const Reading& r) {
  std::string words = period_span_name(r.precision, r.start, r.end, true) + hedge_suffix(r);
  if (r.precision == Precision::kDay) return words;
  return words + "，具体日期未定" + iso_range(r);
}

std::map<std::string, std::string> rrule_parts(std::string_view rrule) {
  std::map<std::string, std::string> parts;
  while (!rrule.empty()) {
    const size_t semi = rrule.find(';');
    const std::string_view part = rrule.substr(0, semi);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos)
      parts[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
    rrule.remove_prefix(semi == std::string_view::npos ? rrule.size() : semi + 1);
  }
  return parts;
}

std::string weekday_words(const std::string& byday) {
  static const std::map<std::string, std::string> kDays{{"MO", "一"}, {"TU", "二"}, {"WE", "三"},
                                                        {"TH", "四"}, {"FR", "五"}, {"SA", "六"},
                                                        {"SU", "日"}};
  std::string words;
  for (size_t pos = 0; pos < byday.size(); pos += 3) {
    auto day = kDays.find(byday.substr(pos, 2));
    if (day == kDays.end()) return "";
    words += (words.empty() ? "" : "、周") + day->second;
  }
  return words;
}

}  // namespace

std::string period_name(Precision precision, Date d, bool with_year) {
  const std::string y = year_prefix(d, with_year);
  const std::string m = std::to_string(month_of(d)) + "月";
  switch (precision) {
    case Precision::kDay:
      return y + m + std::to_string(day_of(d)) + "日";
    case Precision::kXun:
      return y + m + xun_name(day_of(d));
    case Precision::kMonth:
      return y + m;
    case Precision::kSeason:
      return y + season_name(month_of(d));
    case Precision::kQuarter:
      return y + "第" + kNumerals[(month_of(d) - 1) / 3 + 1] + "季度";
    case Precision::kHalf:
      return y + (month_of(d) <= 6 ? "上半年" : "下半年");
    case Precision::kYear:
      return with_year ? y : "全年";
  }
  return y;
}

std::string period_span_name(Precision precision, Date start, Date end, bool with_year) {
  const std::string first = period_name(precision, start, with_year);
  const std::string last = period_name(precision, end, with_year);
  if (first == last) return first;
  const bool same_year = start.year() == end.year();
  if (precision == Precision::kYear && same_year) return first;
  return first + "至" + period_name(precision, end, with_year && !same_year);
}

bool shown_as_markers(const Reading& r) {
  if (is_coarse(r.precision)) return true;
  return r.precision != Precision::kDay && days_between(r.start, r.end) >= kMaxSpanDays;
}

std::string summary_label(const Reading& r, int context_year) {
  const bool with_year = is_coarse(r.precision) || year_of(r.start) != context_year;
  switch (r.kind) {
    case ReadingKind::kDate:
    case ReadingKind::kSpan:
      if (r.precision == Precision::kDay && !r.approximate) return "";
      return period_span_name(r.precision, r.start, r.end, with_year) + hedge_suffix(r);
    case ReadingKind::kDeadline:
      if (!r.approximate) return "截止";
      return "力争" + period_name(Precision::kDay, r.end, year_of(r.end) != context_year) + "前";
    case ReadingKind::kRecurring: {
      if (r.precision == Precision::kDay) return "";
      const auto parts = rrule_parts(r.rrule);
      auto interval = parts.find("INTERVAL");
      const auto freq = parts.find("FREQ");
      if (freq != parts.end() && freq->second == "MONTHLY" && interval != parts.end() &&
          interval->second == "3")
        return "每季度一场";
      if (freq != parts.end() && freq->second == "YEARLY") return "每年一场";
      return "每月一场";
    }
    case ReadingKind::kList: {
      std::string label;
      for (const Reading& item : r.items) {
        const std::string part = item.precision == Precision::kDay
                                     ? period_span_name(item.precision, item.start, item.end,
                                                        year_of(item.start) != context_year)
                                     : summary_label(item, context_year);
        label += (label.empty() ? "" : "、") + part;
      }
      const bool all_days = r.precision == Precision::kDay && !r.approximate;
      return all_days ? "" : label;
    }
    case ReadingKind::kOpenStart:
      return period_name(r.precision, r.start, year_of(r.start) != context_year) + "起";
  }
  return "";
}

std::string when_in_words(const Reading& r) {
  switch (r.kind) {
    case ReadingKind::kDate:
    case ReadingKind::kSpan:
      return words_of_date_or_span(r);
    case ReadingKind::kDeadline:
      return (r.approximate ? "力争" : "截止") + period_name(Precision::kDay, r.end, true) +
             (r.approximate ? "前" : "");
    case ReadingKind::kRecurring: {
      std::string words =
          period_span_name(Precision::kDay, r.start, r.end, true) + "，" + rrule_in_words(r.rrule);
      if (r.precision != Precision::kDay) words += "，具体日期未定";
      return words;
    }
    case ReadingKind::kList: {
      std::string words;
      for (const Reading& item : r.items)
        words += (words.empty() ? "" : "；") + when_in_words(item);
      return words;
    }
    case ReadingKind::kOpenStart:
      return "自" + period_name(r.precision, r.start, true) + "起，未说明结束日期";
  }
  return "";
}

std::string rrule_in_words(std::string_view rrule) {
  const auto parts = rrule_parts(rrule);
  const auto freq = parts.find("FREQ");
  if (freq == parts.end()) return std::string(rrule);
  const auto interval_part = parts.find("INTERVAL");
  const std::string every = interval_part == parts.end() || interval_part->second == "1"
                                ? "每"
                                : "每" + interval_part->second;
  for (const auto& [key, value] : parts)
    if (key != "FREQ" && key != "INTERVAL" && key != "UNTIL" && key != "BYDAY")
      return std::string(rrule);
  const auto byday = parts.find("BYDAY");
  if (freq->second == "WEEKLY") {
    if (byday == parts.end()) return every + "周";
    const std::string days = weekday_words(byday->second);
    if (days.empty()) return std::string(rrule);
    return every + (every == "每" ? "周" : "周的周") + days;
  }
  if (byday != parts.end()) return std::string(rrule);
  if (freq->second == "DAILY") return every + "天";
  if (freq->second == "MONTHLY") return every + (every == "每" ? "月" : "个月");
  if (freq->second == "YEARLY") return every + "年";
  return std::string(rrule);
}

}  // namespace plancal::calendar
