// parse_schedule_phrase: normalizes the phrase and reads it whole with the grammar in
// schedule_grammar.cpp (periods: schedule_period.cpp, 每…: recurrence_phrase.cpp).
//
// Decisions beyond the plan's reading rules (docs/schedule-phrases):
// - "X月底"/"X月末" alone is the last xun (21st to month end, precision xun); "年底"/
//   "年末" alone is December (month). With 前 both are due on the last day (day).
// - "截至/截止/延至 P" is due at P's end, at P's precision (day when P is a day or
//   ends in 底); "P内" likewise ("年内" → 12-31, year).
// - "自 P" without 至 or 起 reads as "P起" (open start).
// - A period coarser than a day followed by (，)每… bounds the recurrence: "5月，每周三"
//   is every Wednesday in May. A span or "…起" followed by (，)每… likewise.
// - "每周" without a weekday is an error (there is no week precision); "每周一次" is a
//   frequency, also an error. "每天/每日" is FREQ=DAILY. "每月15日" is BYMONTHDAY=15,
//   "每月末" BYMONTHDAY=-1, "每月最后一个周五" BYDAY=-1FR. "每年", "每人" are not phrases.
// - Recurrence precision is that of one occurrence: weekday/day rules day, 每月 month,
//   每季度 quarter; the bounds do not change it.
// - "每周一至周五" expands the range: BYDAY=MO,TU,WE,TH,FR.
// - A span whose end is before its start ("12月至2月") is an error, not a year wrap.
// - Year numbers need four digits ("2023年", "二〇二三年"); "一年", "三年" are durations.
//   Quarters are only the Chinese forms ("第二季度", "二季度"), not "Q2".
// - Hedge words are read only before (预计, 力争, 拟定于, 拟于, 拟, 适时) or after (前后,
//   左右) the phrase; a phrase's own year wins over the context year.
// - A list keeps its items in text order; its bounds are the earliest start and the
//   latest end ("6月、4月" spans 04-01..06-30).
// - Lists hold at most 64 dates; longer ones are an error (bounds work on hostile input).
#include "calendar/phrase/schedule_parser.hpp"

#include "calendar/phrase/phrase_cursor.hpp"
#include "calendar/phrase/schedule_grammar.hpp"
#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {

PhraseResult parse_schedule_phrase(std::string_view phrase, const ParseContext& context) {
  const NormalizedText normalized = normalize(decode_utf8(phrase));
  const std::u32string& text = normalized.text;
  if (text.empty()) return {std::nullopt, "empty phrase"};
  ScanResult scan = scan_schedule(text, 0, context.year, context.holidays);
  switch (scan.status) {
    case ScanResult::Status::kNoMatch:
      return {std::nullopt, "not a schedule phrase: '" + snippet(text, 0, text.size()) + "'"};
    case ScanResult::Status::kError:
      return {std::nullopt, scan.error};
    case ScanResult::Status::kOk:
      break;
  }
  if (scan.length < text.size()) {
    return {std::nullopt, "unexpected text after '" + snippet(text, 0, scan.length) + "': '" +
                              snippet(text, scan.length, text.size()) + "'"};
  }
  scan.reading.phrase = std::string(phrase);
  for (Reading& alt : scan.reading.alternatives) alt.phrase = scan.reading.phrase;
  return {std::move(scan.reading), ""};
}

}  // namespace plancal::calendar
