// libFuzzer entry: arbitrary bytes (invalid UTF-8 included) through both the phrase
// parser and the extractor. They must never crash, and what they report must hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/phrase/schedule_parser.hpp"

using namespace plancal::calendar;

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void check_reading(const Reading& r) {
  require(r.start.ok() && r.end.ok());
  require(!(r.end < r.start));
  require((r.kind == ReadingKind::kRecurring) == !r.rrule.empty());
  require(r.ambiguous == !r.alternatives.empty());
}

// Statutory holidays for "<festival>期间", as a holiday file would give them.
const HolidayCalendar& holidays() {
  static const HolidayCalendar calendar = [] {
    HolidayCalendar c;
    HolidayYear year;
    year.year = 2024;
    year.holidays = {{"春节", make_date(2024, 2, 10), make_date(2024, 2, 17)},
                     {"国庆节", make_date(2024, 10, 1), make_date(2024, 10, 7)}};
    for (const auto& h : year.holidays)
      for (Date d = h.from; d <= h.to; d = add_days(d, 1)) year.days_off.push_back(d);
    c.add_year(year);
    return c;
  }();
  return calendar;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // 0: no year; 2024: lunar dates, festivals and holidays; 1901 and 2100: the ends of
  // the lunar calendar's range.
  for (int year : {0, 2024, 1901, 2100}) {
    const ParseContext context{year, &holidays()};
    const PhraseResult result = parse_schedule_phrase(text, context);
    require(result.reading.has_value() == result.error.empty());
    if (result.reading) check_reading(*result.reading);

    const Extraction extraction = extract_phrases(text, context);
    size_t previous_end = 0;
    for (const FoundPhrase& found : extraction.phrases) {
      require(found.begin < found.end && found.begin >= previous_end);
      previous_end = found.end;
      check_reading(found.reading);
    }
    for (const UnreadPhrase& unread : extraction.unread) {
      require(unread.begin < unread.end && !unread.error.empty());
    }
  }
  return 0;
}
