#include "calendar/phrase/schedule_grammar.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "calendar/phrase/chinese_numeral.hpp"
#include "calendar/phrase/lunar_phrase.hpp"
#include "calendar/phrase/phrase_cursor.hpp"
#include "calendar/phrase/recurrence_phrase.hpp"
#include "calendar/phrase/schedule_period.hpp"
#include "calendar/phrase/text_normalize.hpp"
#include "calendar/phrase/time_of_day.hpp"

namespace plancal::calendar {
namespace {

// Longest first where one is a prefix of another.
constexpr std::array<std::u32string_view, 6> kHedgePrefixes{U"预计", U"力争", U"拟定于",
                                                            U"拟于", U"拟",   U"适时"};
constexpr std::array<std::u32string_view, 2> kHedgeSuffixes{U"前后", U"左右"};
constexpr std::array<std::u32string_view, 7> kDueByPrefixes{
    U"截至", U"截止到", U"截止至", U"截止", U"可延至", U"延长至", U"延至"};
// Longest first where one begins another.
constexpr std::array<std::u32string_view, 8> kSpanSeparators{
    U"持续至", U"持续到", U"一直到", U"一直至", U"至", U"到", U"-", U"~"};
constexpr size_t kMaxListItems = 64;
// The first characters of every word above and in schedule_period.cpp and
// recurrence_phrase.cpp that can begin a phrase; numbers are checked separately.
constexpr std::u32string_view kStartChars = U"预力拟适截可延自从每第上下全年春夏秋冬今明次去本月逢";

template <size_t N>
bool eat_any(Cursor& c, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&c](std::u32string_view w) { return c.eat(w); });
}

// A span separator; a run of dashes ("---", what PDF extraction makes of "——") is one.
bool eat_span_separator(Cursor& c) {
  if (!eat_any(c, kSpanSeparators)) return false;
  while (c.eat(U"-")) {
  }
  return true;
}

template <size_t N>
bool looking_at_any(const Cursor& c, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&c](std::u32string_view w) { return c.looking_at(w); });
}

Reading date_reading(const Period& p) {
  Reading r;
  r.kind = p.is_span ? ReadingKind::kSpan : ReadingKind::kDate;
  r.precision = p.precision;
  r.start = p.start;
  r.end = p.end;
  r.rule = p.rule;
  if (p.alternative) {
    r.ambiguous = true;
    Reading alt = r;
    alt.start = alt.end = *p.alternative;
    alt.rule.clear();
    r.alternatives.push_back(std::move(alt));
  }
  return r;
}

bool is_weekday_char(char32_t d) {
  return d == U'一' || d == U'二' || d == U'三' || d == U'四' || d == U'五' || d == U'六' ||
         d == U'日' || d == U'天';
}

// The day a period stands for at one end of a span: "9月底" is its last day.
Date span_start(const Period& p) { return p.ends_at_di ? p.end : p.start; }
bool is_point(const Period& p) { return p.precision == Precision::kDay || p.ends_at_di; }

Reading deadline(Date due, Precision precision) {
  Reading r;
  r.kind = ReadingKind::kDeadline;
  r.precision = precision;
  r.start = r.end = due;
  return r;
}

// "…前": a day is due that day; "…底前" the period's last day. Any other period is
// ambiguous: before it begins (primary) or by its end (alternative).
Reading deadline_before(const Period& p) {
  if (p.precision == Precision::kDay) return deadline(p.start, Precision::kDay);
  if (p.ends_at_di) return deadline(p.end, Precision::kDay);
  Reading r = deadline(add_days(p.start, -1), p.precision);
  r.ambiguous = true;
  r.alternatives.push_back(deadline(p.end, p.precision));
  return r;
}

// "截至…", "延至…", "…内": by the end of the period.
Reading deadline_by_end(const Period& p) {
  return deadline(p.end, p.ends_at_di ? Precision::kDay : p.precision);
}

class Grammar {
 public:
  Grammar(std::u32string_view text, size_t pos, int year, const HolidayCalendar* holidays)
      : year_(year), holidays_(holidays) {
    c_.text = text;
    c_.pos = pos;
  }

  ScanResult scan() {
    const size_t start = c_.pos;
    bool hedged = eat_any(c_, kHedgePrefixes);
    std::optional<Reading> reading = read_body();
    ScanResult out;
    if (!reading) {
      if (c_.failed()) {
        out.status = ScanResult::Status::kError;
        out.error = c_.error;
        out.length = c_.pos > start ? c_.pos - start : 1;
      }
      return out;
    }
    read_bracketed_span(*reading);
    hedged = eat_any(c_, kHedgeSuffixes) || hedged;
    out.status = ScanResult::Status::kOk;
    out.length = c_.pos - start;
    out.reading = std::move(*reading);
    out.reading.phrase = encode_utf8(c_.text.substr(start, out.length));
    out.reading.approximate = hedged || out.reading.approximate;
    for (Reading& alt : out.reading.alternatives) {
      alt.phrase = out.reading.phrase;
      alt.approximate = out.reading.approximate;
    }
    out.stated_year = stated_year_;
    const bool date = out.reading.kind == ReadingKind::kDate;
    out.bare_year = date && bare_year_;
    out.season = date && out.reading.precision == Precision::kSeason;
    out.bare_recurrence = bare_recurrence_;
    return out;
  }

 private:
  // "每月最后一个工作日": working days are no RRULE, so the reading is the list of those
  // days of the year, from the holiday files (Monday to Friday, approximate, for a year
  // without one).
  std::optional<Reading> read_last_working_days() {
    if (!c_.looking_at(U"每月最后一个工作日") || year_ == 0) return std::nullopt;
    c_.pos += std::u32string_view(U"每月最后一个工作日").size();
    const HolidayCalendar weekdays;
    const HolidayCalendar& calendar = holidays_ != nullptr ? *holidays_ : weekdays;
    Reading r;
    r.kind = ReadingKind::kList;
    r.precision = Precision::kDay;
    for (unsigned month = 1; month <= 12; ++month) {
      Reading day;
      day.start = day.end = calendar.previous_working_day(last_day_of_month(year_, month));
      r.items.push_back(day);
    }
    r.start = r.items.front().start;
    r.end = r.items.back().end;
    r.approximate = !calendar.covers(year_);
    r.rule =
        calendar.covers(year_)
            ? "每月最后一个工作日（" + std::to_string(year_) + "年节假日安排）"
            : "每月最后一个工作日（没有" + std::to_string(year_) + "年的节假日安排，按周一至周五）";
    bare_recurrence_ = true;
    return r;
  }

  std::optional<Reading> read_body() {
    if (auto last = read_last_working_days()) return last;
    if (c_.looking_at(U"每") || c_.looking_at(U"月月") || c_.looking_at(U"逢周") ||
        c_.looking_at(U"逢星期")) {
      const size_t start = c_.pos;
      const auto rule = read_recurrence(c_);
      if (!rule) return std::nullopt;
      if (year_ == 0) {
        c_.fail("no year: '" + snippet(c_.text, start, c_.pos) +
                "' states none and the context gives none");
        return std::nullopt;
      }
      bare_recurrence_ = true;
      return recurring(*rule, year_period(year_, false), false);
    }
    if (eat_any(c_, kDueByPrefixes)) {
      const auto p = period(Carry{year_, 0});
      if (!p) return std::nullopt;
      return deadline_by_end(*p);
    }
    const bool from = c_.eat(U"自") || c_.eat(U"从");
    if (auto s = read_bare_number_span()) return with_recurrence(std::move(*s));
    if (c_.failed()) return std::nullopt;
    const auto p = period(Carry{year_, 0});
    if (!p) return std::nullopt;
    return read_after_period(*p, from);
  }

  std::optional<Reading> read_after_period(const Period& p, bool from) {
    if (!p.festival.empty() && (c_.eat(U"期间") || c_.eat(U"假期"))) {
      return with_recurrence(festival_period(p));
    }
    const size_t after = c_.pos;
    if (eat_span_separator(c_)) {
      if (const auto q = period(carry_of(p))) {
        auto s = span(p, *q);
        if (!s) return std::nullopt;
        if (!c_.eat(U"期间内")) c_.eat(U"期间");
        return with_recurrence(std::move(*s));
      }
      if (c_.failed()) return std::nullopt;
      c_.pos = after;
    }
    if (c_.eat(U"起") || from) {
      Reading r;
      r.kind = ReadingKind::kOpenStart;
      r.precision = p.precision;
      r.start = p.start;
      r.end = make_date(p.year, 12, 31);
      r.open_end = true;
      return with_recurrence(std::move(r));
    }
    if (c_.looking_at(U"、")) {
      if (auto list = read_list(p, after)) return list;
      if (c_.failed()) return std::nullopt;
    }
    if (looking_at_any(c_, kHedgeSuffixes)) return date_reading(p);
    if (c_.eat(U"以前") || c_.eat(U"之前") || c_.eat(U"前")) {
      if (looking_at_duration()) {  // "中秋节前一周", "开幕前3天": relative to the date
        c_.fail("'" + snippet(c_.text, after, c_.pos + 3) +
                "…' counts back from the date: a relative date is not read");
        return std::nullopt;
      }
      return deadline_before(p);
    }
    if (c_.eat(U"内")) return deadline_by_end(p);
    if (p.precision != Precision::kDay) return with_recurrence(date_reading(p));
    Reading r = date_reading(p);
    if (const auto time = read_time_of_day(c_)) {
      r.start_minute = time->start_minute;
      r.end_minute = time->end_minute;
    }
    return r;
  }

  // "10—11月", "7-8月", "2023-2025年": the first end is a bare number that takes its
  // unit from the second.
  std::optional<Reading> read_bare_number_span() {
    const size_t start = c_.pos;
    int year = year_;
    int stated = 0;
    if (const auto n = read_number(c_); n && n->year_form && c_.eat(U"年")) {
      year = stated = n->value;
    } else {
      c_.pos = start;
    }
    const auto n = read_number(c_);
    if (!n || !eat_span_separator(c_)) {
      c_.pos = start;
      return std::nullopt;
    }
    const auto q = read_period(c_, Carry{year, 0});
    if (!q) {
      if (!c_.failed()) c_.pos = start;
      return std::nullopt;
    }
    Period a;
    if (q->bare_year && n->year_form && stated == 0) {
      a = year_period(n->value, true);
    } else if (q->precision == Precision::kMonth && q->stated_year == 0 && n->small_form &&
               n->value >= 1 && n->value <= 12) {
      a = month_period(q->year, unsigned(n->value));
    } else {
      c_.pos = start;
      return std::nullopt;
    }
    stated_year_ = q->stated_year ? q->stated_year : (stated ? stated : a.stated_year);
    return span(a, *q);
  }

  // "3月、6月、9月", "3月1日、5日": `first` was read from item_begin_ to `first_end`.
  std::optional<Reading> read_list(const Period& first, size_t first_end) {
    Reading r;
    r.kind = ReadingKind::kList;
    r.items.push_back(date_reading(first));
    r.items.back().phrase = encode_utf8(c_.text.substr(item_begin_, first_end - item_begin_));
    Period last = first;
    while (c_.looking_at(U"、")) {
      const size_t save = c_.pos;
      c_.eat(U"、");
      const auto q = period(carry_of(last));
      if (!q) {
        if (c_.failed()) return std::nullopt;
        c_.pos = save;
        break;
      }
      if (r.items.size() == kMaxListItems) {
        c_.fail("a list of more than " + std::to_string(kMaxListItems) + " dates");
        return std::nullopt;
      }
      r.items.push_back(date_reading(*q));
      r.items.back().phrase = encode_utf8(c_.text.substr(save + 1, c_.pos - save - 1));
      last = *q;
    }
    if (r.items.size() == 1) return std::nullopt;
    r.start = r.items.front().start;
    r.end = r.items.front().end;
    r.precision = r.items.front().precision;
    for (const Reading& item : r.items) {
      r.start = std::min(r.start, item.start);
      r.end = std::max(r.end, item.end);
      r.precision = std::max(r.precision, item.precision);
    }
    return r;
  }

  // An optional "，每…" after bounds: the recurrence within them.
  Reading with_recurrence(Reading bounds) {
    const size_t save = c_.pos;
    c_.eat(U",");
    Cursor probe = c_;
    const auto rule = read_recurrence(probe);
    if (!rule) {
      c_.pos = save;
      return bounds;
    }
    c_.pos = probe.pos;
    Period p;
    p.start = bounds.start;
    p.end = bounds.end;
    return recurring(*rule, p, bounds.open_end);
  }

  static Reading recurring(const Recurrence& rule, const Period& bounds, bool open_end) {
    Reading r;
    r.kind = ReadingKind::kRecurring;
    r.precision = rule.precision;
    r.start = bounds.start;
    r.end = bounds.end;
    r.open_end = open_end;
    r.rrule = rule.rule + ";UNTIL=" + to_basic_iso(bounds.end);
    return r;
  }

  std::optional<Reading> span(const Period& a, const Period& b) {
    const Date start = span_start(a);
    if (b.end < start) {
      c_.fail("span ends before it starts: " + to_iso(b.end) + " < " + to_iso(start));
      return std::nullopt;
    }
    Reading r;
    r.kind = ReadingKind::kSpan;
    r.precision = is_point(a) && is_point(b) ? Precision::kDay : std::max(a.precision, b.precision);
    r.start = start;
    r.end = b.end;
    if (!a.rule.empty() || !b.rule.empty())
      r.rule = a.rule + (a.rule.empty() || b.rule.empty() ? "" : " 至 ") + b.rule;
    if (a.alternative || b.alternative) {
      r.ambiguous = true;
      Reading alt = r;
      alt.start = a.alternative.value_or(start);
      alt.end = b.alternative.value_or(b.end);
      alt.rule.clear();
      r.alternatives.push_back(std::move(alt));
    }
    return r;
  }

  // "春节期间": the statutory holiday of that year when the holiday files have it, else
  // the festival's day, approximate.
  Reading festival_period(const Period& p) {
    if (holidays_ != nullptr) {
      if (const auto days = holidays_->find_holiday(p.festival, p.start)) {
        Reading r;
        r.kind = ReadingKind::kSpan;
        r.precision = Precision::kDay;
        r.start = days->first;
        r.end = days->second;
        r.rule = p.rule + "；" + p.festival + "假期 " + to_iso(days->first) + " 至 " +
                 to_iso(days->second) + "（国务院办公厅节假日安排）";
        return r;
      }
    }
    Reading r = date_reading(p);
    r.approximate = true;
    r.rule = p.rule + "；没有" + std::to_string(p.year) + "年的节假日安排，按节日当天（约）";
    return r;
  }

  // "一周", "3天", "5个工作日", "两个月": a duration right after 前.
  bool looking_at_duration() const {
    Cursor probe = c_;
    if (probe.eat(U"一周") || probe.eat(U"两周")) return true;
    const auto n = read_number(probe);
    if (!n) return false;
    return probe.looking_at(U"天") || probe.looking_at(U"日") || probe.looking_at(U"周") ||
           probe.looking_at(U"个") || probe.looking_at(U"星期");
  }

  // read_period, remembering the years the phrase states, with an equivalent in brackets
  // ("2月9日（腊月三十）", "除夕（2月9日）", "2月4日（星期日）"): the same day is one
  // reading; another day makes it ambiguous, with the bracket's day as the alternative.
  std::optional<Period> period(Carry carry) {
    const size_t begin = c_.pos;
    auto p = read_period(c_, carry);
    if (!p) return p;
    read_bracketed_equivalent(*p);
    read_naming_festival(*p);
    if (p->stated_year) stated_year_ = p->stated_year;
    bare_year_ = p->bare_year;
    item_begin_ = begin;
    return p;
  }

  // "2024年4月20日—4月26日（农历三月十二至十八日）": a span with its lunar equivalent in
  // brackets is one reading; other days make it ambiguous.
  void read_bracketed_span(Reading& r) {
    if (r.kind != ReadingKind::kSpan || !c_.looking_at(U"(")) return;
    ScanResult inner =
        Grammar(c_.text, c_.pos + 1, r.start.ok() ? int(r.start.year()) : year_, holidays_).scan();
    const size_t close = c_.pos + 1 + inner.length;
    if (inner.status != ScanResult::Status::kOk || inner.reading.kind != ReadingKind::kSpan ||
        close >= c_.text.size() || c_.text[close] != U')')
      return;
    c_.pos = close + 1;
    if (r.rule.empty()) r.rule = inner.reading.rule;
    if (inner.reading.start != r.start || inner.reading.end != r.end) {
      r.ambiguous = true;
      inner.reading.alternatives.clear();
      r.alternatives.push_back(std::move(inner.reading));
    }
  }

  // "二月初二龙抬头节": a date followed by the festival on that day is one phrase.
  void read_naming_festival(Period& p) {
    if (p.precision != Precision::kDay || !may_start_lunar_or_festival(c_.peek())) return;
    Cursor probe = c_;
    const auto festival = read_lunar_or_festival(probe, p.year);
    // A festival (not another lunar date) on the same day.
    if (festival && festival->start == p.start && festival->lunar_month == 0) c_.pos = probe.pos;
  }

  void read_bracketed_equivalent(Period& p) {
    if (p.precision != Precision::kDay || !c_.looking_at(U"(")) return;
    Cursor probe = c_;
    probe.eat(U"(");
    if (probe.eat(U"星期") || probe.eat(U"周")) {
      if (is_weekday_char(probe.peek())) {
        probe.pos += 1;
        if (probe.eat(U")")) c_.pos = probe.pos;
      }
      return;
    }
    const size_t inside = probe.pos;
    auto q = read_period(probe, Carry{p.year, 0, 0, false});
    if (!q && !probe.failed() && probe.eat(U"农历")) {  // "（农历除夕、周二）"
      q = read_period(probe, Carry{p.year, 0, 0, false});
    }
    if (!q) probe.pos = inside;
    // "…、周二": the weekday after the equivalent.
    if (q && probe.looking_at(U"、")) {
      Cursor weekday = probe;
      weekday.eat(U"、");
      if ((weekday.eat(U"周") || weekday.eat(U"星期")) && is_weekday_char(weekday.peek())) {
        weekday.pos += 1;
        probe.pos = weekday.pos;
      }
    }
    if (!q || q->precision != Precision::kDay || !probe.eat(U")")) return;
    c_.pos = probe.pos;
    if (q->start != p.start) {
      p.alternative = q->start;
      p.rule = "括号内的" + (q->rule.empty() ? to_iso(q->start) : q->rule) + "，与 " +
               to_iso(p.start) + " 不一致";
    } else if (p.rule.empty()) {
      p.rule = q->rule;
    }
  }

  Cursor c_;
  int year_;
  const HolidayCalendar* holidays_;
  int stated_year_ = 0;
  bool bare_year_ = false;
  bool bare_recurrence_ = false;
  size_t item_begin_ = 0;  // where the last period read began
};

}  // namespace

bool may_start_schedule(char32_t c) {
  return (c >= U'0' && c <= U'9') || is_chinese_numeral_char(c) ||
         kStartChars.find(c) != std::u32string_view::npos || may_start_lunar_or_festival(c) ||
         c == U'“';
}

ScanResult scan_schedule(std::u32string_view text, size_t pos, int year,
                         const HolidayCalendar* holidays) {
  return Grammar(text, pos, year, holidays).scan();
}

}  // namespace plancal::calendar
