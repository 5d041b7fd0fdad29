#include "calendar/model/reading_describe.hpp"

#include <array>
#include <string_view>

namespace plancal::calendar {
namespace {

constexpr std::array<std::string_view, 8> kHedgeWords{"前后", "左右",   "预计", "适时",
                                                      "力争", "拟定于", "拟于", "拟"};

std::string range(const Reading& r) {
  if (r.start == r.end) return to_iso(r.start);
  return to_iso(r.start) + " … " + to_iso(r.end);
}

std::string precision_note(const Reading& r) {
  return ", " + std::string(to_string(r.precision)) + " precision";
}

// The meaning without the phrase or flags.
std::string meaning(const Reading& r) {
  switch (r.kind) {
    case ReadingKind::kDate:
      return std::string(to_string(r.precision)) + ": " + range(r);
    case ReadingKind::kSpan:
      return "span: " + range(r) + precision_note(r);
    case ReadingKind::kRecurring:
      return "recurring " + range(r) + " (" + r.rrule + ")" + precision_note(r);
    case ReadingKind::kDeadline:
      return "deadline: by " + to_iso(r.end) + precision_note(r);
    case ReadingKind::kOpenStart:
      return "from " + to_iso(r.start) + precision_note(r);
    case ReadingKind::kList: {
      std::string out = "list:";
      for (size_t i = 0; i < r.items.size(); ++i) out += (i ? "; " : " ") + range(r.items[i]);
      return out + precision_note(r);
    }
  }
  return "";
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out.push_back(c);
  return out;
}

}  // namespace

std::string describe(const Reading& r) {
  const std::string phrase = without_spaces(r.phrase);
  std::string out = phrase.empty() ? meaning(r) : phrase + " — " + meaning(r);
  if (r.timed()) {
    const auto clock = [](int minute) {
      const std::string m = std::to_string(minute % 60);
      return std::to_string(minute / 60) + ":" + (m.size() < 2 ? "0" + m : m);
    };
    out += "; at " + clock(r.start_minute) + (r.end_minute >= 0 ? "–" + clock(r.end_minute) : "") +
           " local time";
  }
  if (!r.rule.empty()) out += "; rule: " + r.rule;
  if (r.open_end) out += "; open end (no end stated, until " + to_iso(r.end) + ")";
  if (r.approximate) {
    out += "; approximate";
    for (std::string_view hedge : kHedgeWords) {
      if (phrase.find(hedge) != std::string::npos) {
        out += " (" + std::string(hedge) + ")";
        break;
      }
    }
  }
  if (r.ambiguous) {
    out += "; ambiguous";
    for (size_t i = 0; i < r.alternatives.size(); ++i) {
      out += (i ? ", also " : ": also ") + meaning(r.alternatives[i]);
    }
  }
  return out;
}

}  // namespace plancal::calendar
