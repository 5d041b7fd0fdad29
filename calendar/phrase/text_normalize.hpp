// Text normalization for schedule phrases: UTF-8 decoding (invalid bytes become U+FFFD),
// full-width to half-width digits and punctuation, all dashes to '-', and whitespace
// dropped, with a map from every normalized code point back to its code-point offset in
// the original text. PDF extraction breaks dates apart ("2 月 4\n\n日"); the parser only
// ever sees the normalized form ("2月4日"). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plancal::calendar {

// Decodes UTF-8; each byte of an invalid or truncated sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

bool is_space(char32_t c);
// Maps one code point to its normalized form: U+FF01..U+FF5E to ASCII ("２"→'2',
// "（"→'(', "～"→'~', "，"→','), every dash (—, –, －, −) to '-', "〜" to '~'.
char32_t normalize_code_point(char32_t c);

struct NormalizedText {
  std::u32string text;               // normalized, no whitespace
  std::vector<size_t> source_index;  // source_index[i]: offset of text[i] in the original
};

// Normalizes decoded text; offsets in source_index count code points of `original`.
NormalizedText normalize(std::u32string_view original);

}  // namespace plancal::calendar
