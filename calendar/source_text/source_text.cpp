#include "calendar/source_text/source_text.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

namespace plancal::calendar {

namespace {

bool looks_like_html(std::string_view bytes) {
  std::string head;
  for (const char c : bytes.substr(0, 2048))
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.find("<!doctype html") != std::string::npos ||
         head.find("<html") != std::string::npos || head.find("<body") != std::string::npos ||
         head.find("<meta") != std::string::npos;
}

}  // namespace

SourceText source_text_of(std::string_view bytes) {
  if (bytes.size() > kMaxSourceBytes) {
    SourceText result;
    result.error =
        "larger than " + std::to_string(kMaxSourceBytes / (1024 * 1024)) + " MB: not a plan's text";
    return result;
  }
  if (bytes.empty()) {
    SourceText result;
    result.error = "the file is empty";
    return result;
  }
  if (bytes.starts_with("%PDF-")) return pdf_text(bytes);
  if (looks_like_html(bytes)) return html_text(bytes);
  return decode_text(bytes);
}

SourceText read_source_file(const std::filesystem::path& file) {
  SourceText result;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    result.error = ec.message();
    return result;
  }
  if (size > kMaxSourceBytes) {
    result.error =
        "larger than " + std::to_string(kMaxSourceBytes / (1024 * 1024)) + " MB: not a plan's text";
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    result.error = "cannot open the file";
    return result;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return source_text_of(bytes.str());
}

}  // namespace plancal::calendar
