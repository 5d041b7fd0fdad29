#include "calendar/model/diagnostic_sink.hpp"

#include <algorithm>
#include <utility>

namespace plancal::calendar {
namespace {

// Values longer than this are shortened in diagnostics.
constexpr size_t kMaxShownBytes = 120;

std::string shorten(std::string_view value) {
  if (value.size() <= kMaxShownBytes) return std::string(value);
  size_t cut = kMaxShownBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

}  // namespace

void DiagnosticSink::add(SourcePosition where, std::string_view value, std::string message) {
  if (diagnostics_.size() >= kMaxDiagnostics) {
    ++dropped_;
    return;
  }
  diagnostics_.push_back({file_, where.line, where.column, shorten(value), std::move(message)});
}

Diagnostics DiagnosticSink::take() {
  Diagnostics out = std::move(diagnostics_);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  if (dropped_ > 0)
    out.push_back({file_, 0, 0, "", std::to_string(dropped_) + " more errors not shown"});
  diagnostics_.clear();
  dropped_ = 0;
  return out;
}

}  // namespace plancal::calendar
