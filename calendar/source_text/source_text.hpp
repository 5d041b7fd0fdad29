// The text of a published plan file, whatever form it came in: a PDF (its text layer,
// through poppler's C++ API), an HTML page (the body text through libxml2's HTML parser,
// site furniture (menus, headers, footers, link lists), scripts and styles dropped, table
// rows as tab-separated lines), or plain
// text in UTF-8 or GB18030/GBK (detected with ICU, converted to UTF-8).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace plancal::calendar {

enum class SourceFormat { kText, kPdf, kHtml };

struct SourceText {
  std::string text;  // UTF-8, one line per line of the source (table rows: cells by tabs)
  SourceFormat format = SourceFormat::kText;
  std::string encoding;  // of a text or HTML source: "UTF-8", "GB18030"
  std::string error;     // set when there is no text: says why
};

// Inputs larger than this are refused (a plan is at most a few MB of text).
inline constexpr size_t kMaxSourceBytes = 20u * 1024 * 1024;

SourceText read_source_file(const std::filesystem::path& file);
// The same from bytes in memory.
SourceText source_text_of(std::string_view bytes);

// The parts, for tests.
SourceText pdf_text(std::string_view bytes);
SourceText html_text(std::string_view bytes);
// Bytes of text to UTF-8: UTF-8 (with or without BOM) stays, else the charset ICU detects
// (GB18030 and its subsets GBK/GB2312, Big5, UTF-16). `error` is set for binary data.
SourceText decode_text(std::string_view bytes);

}  // namespace plancal::calendar
