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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (int year : {0, 2023}) {
    const PhraseResult result = parse_schedule_phrase(text, ParseContext{year});
    require(result.reading.has_value() == result.error.empty());
    if (result.reading) check_reading(*result.reading);

    const Extraction extraction = extract_phrases(text, ParseContext{year});
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
