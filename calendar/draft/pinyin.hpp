// Han characters to readable ASCII through ICU's Han-Latin transliterator (the one place the
// drafter calls ICU): "人社局" → "ren she ju" → initials "rsj". Used for unit and plan ids.
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

// The syllables in lower-case ASCII, separated by single spaces; ASCII letters and digits
// of the input are kept, everything else is dropped.
std::string pinyin_syllables(std::string_view utf8);
// The first letter of each syllable ("rsj"); digits kept.
std::string pinyin_initials(std::string_view utf8);
// The syllables run together ("jinshan").
std::string pinyin_joined(std::string_view utf8);

}  // namespace plancal::calendar
