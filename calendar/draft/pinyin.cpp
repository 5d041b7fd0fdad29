#include "calendar/draft/pinyin.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace plancal::calendar {

namespace {

// ICU transliterators are not thread-safe for concurrent use; one instance behind a lock
// is plenty for the drafter's few hundred names.
std::string transliterate(std::string_view utf8) {
  static std::mutex lock;
  static std::unique_ptr<icu::Transliterator> han_to_ascii = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  {
    const std::lock_guard<std::mutex> guard(lock);
    if (han_to_ascii) han_to_ascii->transliterate(text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string pinyin_syllables(std::string_view utf8) {
  const std::string latin = transliterate(utf8);
  std::string out;
  bool space = false;
  for (const char c : latin) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (space && !out.empty()) out += ' ';
      out += c;
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

std::string pinyin_initials(std::string_view utf8) {
  const std::string syllables = pinyin_syllables(utf8);
  std::string out;
  bool at_start = true;
  for (const char c : syllables) {
    if (c == ' ') {
      at_start = true;
    } else if (c >= '0' && c <= '9') {
      out += c;
      at_start = false;
    } else if (at_start) {
      out += c;
      at_start = false;
    }
  }
  return out;
}

std::string pinyin_joined(std::string_view utf8) {
  std::string out;
  for (const char c : pinyin_syllables(utf8))
    if (c != ' ') out += c;
  return out;
}

}  // namespace plancal::calendar
