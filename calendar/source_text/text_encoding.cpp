#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>

#include "calendar/source_text/source_text.hpp"

namespace plancal::calendar {

namespace {

bool is_utf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    size_t extra = 0;
    if (c < 0x80)
      extra = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
      extra = 1;
    else if ((c & 0xF0) == 0xE0)
      extra = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
      extra = 3;
    else
      return false;
    if (i + extra >= bytes.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

// NUL bytes or many control characters: not text.
bool looks_binary(std::string_view bytes) {
  size_t controls = 0;
  const size_t sample = std::min<size_t>(bytes.size(), 64 * 1024);
  for (size_t i = 0; i < sample; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  return controls * 20 > sample;
}

std::string convert(std::string_view bytes, const char* charset, UErrorCode& status) {
  UConverter* from = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return {};
  UConverter* to = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status)) {
    ucnv_close(from);
    return {};
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  out.resize(static_cast<size_t>(target - out.data()));
  ucnv_close(from);
  ucnv_close(to);
  return out;
}

}  // namespace

SourceText decode_text(std::string_view bytes) {
  SourceText result;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
  if (!utf16 && looks_binary(bytes)) {
    result.error = "binary data, not text (NUL or control bytes)";
    return result;
  }
  if (!utf16 && is_utf8(bytes)) {
    result.text = std::string(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  std::string charset = match != nullptr && U_SUCCESS(status) ? ucsdet_getName(match, &status) : "";
  ucsdet_close(detector);
  // ICU names GBK and GB2312 text "GB18030", its superset; anything else from a Chinese
  // government site is almost always GBK mislabelled, so GB18030 is the fallback.
  if (charset.empty() || charset.starts_with("ISO-8859") || charset.starts_with("windows-125"))
    charset = "GB18030";
  status = U_ZERO_ERROR;
  result.text = convert(bytes, charset.c_str(), status);
  if (U_FAILURE(status)) {
    result.error = "text in no encoding plancal can read (tried " + charset + ")";
    result.text.clear();
    return result;
  }
  result.encoding = charset;
  return result;
}

}  // namespace plancal::calendar
