#include "calendar/reading.hpp"

#include <array>
#include <utility>

namespace plancal::calendar {
namespace {

constexpr std::array<std::pair<ReadingKind, std::string_view>, 6> kKindNames{{
    {ReadingKind::kDate, "date"},
    {ReadingKind::kSpan, "span"},
    {ReadingKind::kRecurring, "recurring"},
    {ReadingKind::kDeadline, "deadline"},
    {ReadingKind::kList, "list"},
    {ReadingKind::kOpenStart, "open_start"},
}};

constexpr std::array<std::pair<Precision, std::string_view>, 7> kPrecisionNames{{
    {Precision::kDay, "day"},
    {Precision::kXun, "xun"},
    {Precision::kMonth, "month"},
    {Precision::kSeason, "season"},
    {Precision::kQuarter, "quarter"},
    {Precision::kHalf, "half"},
    {Precision::kYear, "year"},
}};

template <typename Enum, size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

template <typename Enum, size_t N>
bool value_of(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text,
              Enum& out) {
  for (const auto& [value, name] : table)
    if (name == text) {
      out = value;
      return true;
    }
  return false;
}

}  // namespace

std::string_view to_string(ReadingKind kind) { return name_of(kKindNames, kind); }
std::string_view to_string(Precision precision) { return name_of(kPrecisionNames, precision); }
bool parse_reading_kind(std::string_view text, ReadingKind& out) {
  return value_of(kKindNames, text, out);
}
bool parse_precision(std::string_view text, Precision& out) {
  return value_of(kPrecisionNames, text, out);
}

}  // namespace plancal::calendar
