#include "calendar/model/reading.hpp"

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<ReadingKind, 6> kKindNames{{
    {ReadingKind::kDate, "date"},
    {ReadingKind::kSpan, "span"},
    {ReadingKind::kRecurring, "recurring"},
    {ReadingKind::kDeadline, "deadline"},
    {ReadingKind::kList, "list"},
    {ReadingKind::kOpenStart, "open_start"},
}};

constexpr EnumNames<Precision, 7> kPrecisionNames{{
    {Precision::kDay, "day"},
    {Precision::kXun, "xun"},
    {Precision::kMonth, "month"},
    {Precision::kSeason, "season"},
    {Precision::kQuarter, "quarter"},
    {Precision::kHalf, "half"},
    {Precision::kYear, "year"},
}};

}  // namespace

std::string_view to_string(ReadingKind kind) { return name_of(kKindNames, kind); }
std::string_view to_string(Precision precision) { return name_of(kPrecisionNames, precision); }
bool parse_reading_kind(std::string_view text, ReadingKind& out) {
  return value_of(kKindNames, text, out);
}
bool parse_precision(std::string_view text, Precision& out) {
  return value_of(kPrecisionNames, text, out);
}

bool same_dates(const Reading& a, const Reading& b) {
  if (a.kind != b.kind || a.precision != b.precision || a.start != b.start || a.end != b.end ||
      a.rrule != b.rrule || a.items.size() != b.items.size())
    return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_dates(a.items[i], b.items[i])) return false;
  return true;
}

}  // namespace plancal::calendar
