#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>

#include "calendar/source_text/source_text.hpp"

namespace plancal::calendar {

SourceText pdf_text(std::string_view bytes) {
  SourceText result;
  result.format = SourceFormat::kPdf;
  // poppler takes a non-const buffer but does not write to it.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    result.error = "not a PDF that poppler can read (damaged or not a PDF)";
    return result;
  }
  if (document->is_locked()) {
    result.error = "the PDF is encrypted with a password";
    return result;
  }
  bool any_text = false;
  for (int n = 0; n < document->pages(); ++n) {
    std::unique_ptr<poppler::page> page(document->create_page(n));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text().to_utf8();
    std::string text(utf8.begin(), utf8.end());
    for (const char c : text)
      if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') any_text = true;
    result.text += text;
    result.text += "\n\f";
  }
  if (!any_text) {
    result.error = "the PDF has no text layer (a scanned image?): run OCR on it first";
    result.text.clear();
  }
  result.encoding = "UTF-8";
  return result;
}

}  // namespace plancal::calendar
