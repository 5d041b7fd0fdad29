#include "calendar/lunar/lunar_calendar.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cmath>
#include <map>
#include <memory>
#include <tuple>

namespace plancal::calendar {
namespace {

// ICU's Chinese calendar counts years from 2637 BCE: its extended year is the Gregorian
// year in which the lunar year begins plus 2637.
constexpr int kExtendedYearOffset = 2637;
constexpr double kMillisPerDay = 86'400'000.0;
constexpr int kFirstYear = 1901;
constexpr int kLastYear = 2099;
constexpr size_t kMaxMemo = 4096;

// This thread's Chinese calendar (creating one loads ICU's locale data, far slower than
// using it), whose dates start at midnight UTC, so UDate / day = the civil day. Null if
// ICU cannot make one.
icu::Calendar* chinese_calendar() {
  thread_local const std::unique_ptr<icu::Calendar> calendar = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> made(icu::Calendar::createInstance(
        icu::TimeZone::getGMT()->clone(), icu::Locale("zh_CN@calendar=chinese"), status));
    if (U_FAILURE(status)) return std::unique_ptr<icu::Calendar>();
    made->setLenient(false);
    return made;
  }();
  return calendar.get();
}

Date date_of(UDate millis) {
  return Date{std::chrono::sys_days{
      std::chrono::days{static_cast<int>(std::floor(millis / kMillisPerDay))}}};
}

UDate millis_of(Date d) {
  return static_cast<UDate>(std::chrono::sys_days{d}.time_since_epoch().count()) * kMillisPerDay;
}

std::optional<Date> compute_gregorian_from_lunar(const LunarDate& lunar) {
  if (lunar.year < kFirstYear || lunar.year > kLastYear || lunar.month < 1 || lunar.month > 12 ||
      lunar.day < 1 || lunar.day > 30)
    return std::nullopt;
  icu::Calendar* calendar = chinese_calendar();
  if (calendar == nullptr) return std::nullopt;
  calendar->clear();
  calendar->set(UCAL_EXTENDED_YEAR, lunar.year + kExtendedYearOffset);
  calendar->set(UCAL_MONTH, static_cast<int32_t>(lunar.month - 1));
  calendar->set(UCAL_IS_LEAP_MONTH, lunar.leap ? 1 : 0);
  calendar->set(UCAL_DATE, static_cast<int32_t>(lunar.day));
  UErrorCode status = U_ZERO_ERROR;
  const UDate millis = calendar->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  // Non-lenient ICU still normalises some impossible dates; read the date back to be sure.
  const Date result = date_of(millis);
  const auto back = lunar_from_gregorian(result);
  if (!back || *back != lunar) return std::nullopt;
  return result;
}

}  // namespace

// ICU computes each conversion from new moons and solar terms (tens of µs); a plan asks
// for the same few dates again and again, so each thread remembers what it computed.
std::optional<Date> gregorian_from_lunar(const LunarDate& lunar) {
  thread_local std::map<std::tuple<int, unsigned, bool, unsigned>, std::optional<Date>> memo;
  const auto key = std::make_tuple(lunar.year, lunar.month, lunar.leap, lunar.day);
  if (const auto it = memo.find(key); it != memo.end()) return it->second;
  if (memo.size() > kMaxMemo) memo.clear();
  return memo[key] = compute_gregorian_from_lunar(lunar);
}

std::optional<LunarDate> lunar_from_gregorian(Date date) {
  if (!date.ok() || int(date.year()) < kFirstYear || int(date.year()) > kLastYear + 1)
    return std::nullopt;
  icu::Calendar* calendar = chinese_calendar();
  if (calendar == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(millis_of(date), status);
  LunarDate out;
  out.year = calendar->get(UCAL_EXTENDED_YEAR, status) - kExtendedYearOffset;
  out.month = static_cast<unsigned>(calendar->get(UCAL_MONTH, status) + 1);
  out.leap = calendar->get(UCAL_IS_LEAP_MONTH, status) != 0;
  out.day = static_cast<unsigned>(calendar->get(UCAL_DATE, status));
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::optional<Date> lunar_date_in_year(int year, unsigned month, unsigned day, bool leap) {
  for (int lunar_year : {year, year - 1}) {
    const auto d = gregorian_from_lunar({lunar_year, month, leap, day});
    if (d && int(d->year()) == year) return d;
  }
  return std::nullopt;
}

Date qingming(int year) {
  // The sun's apparent longitude (Meeus, "Astronomical Algorithms", ch. 25, low accuracy:
  // about 0.01°, a quarter of an hour) found by bisection between 1 and 10 April.
  auto longitude = [](double jd) {
    const double t = (jd - 2451545.0) / 36525.0;
    const double deg = 3.14159265358979323846 / 180.0;
    const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    const double m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * deg;
    const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * std::sin(m) +
                     (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000289 * std::sin(3 * m);
    const double omega = (125.04 - 1934.136 * t) * deg;
    const double apparent = l0 + c - 0.00569 - 0.00478 * std::sin(omega);
    return std::fmod(std::fmod(apparent, 360.0) + 360.0, 360.0);
  };
  // Julian day of 0h UTC on 1 April `year`.
  const Date april1 = make_date(year, 4, 1);
  const double jd_april1 =
      2440587.5 + static_cast<double>(std::chrono::sys_days{april1}.time_since_epoch().count());
  double lo = jd_april1, hi = jd_april1 + 9;  // longitude 10.5°..19.5°: one crossing of 15°
  for (int i = 0; i < 50; ++i) {
    const double mid = (lo + hi) / 2;
    (longitude(mid) < 15.0 ? lo : hi) = mid;
  }
  // The civil day in China Standard Time (UTC+8) of that instant.
  const double china = hi + 8.0 / 24.0 - 2440587.5;
  return Date{std::chrono::sys_days{std::chrono::days{static_cast<int>(std::floor(china))}}};
}

}  // namespace plancal::calendar
