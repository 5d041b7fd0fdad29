#include "calendar/plan_file/toml_reading.hpp"

#include <algorithm>

#include "calendar/plan_file/toml_fields.hpp"

namespace plancal::calendar {
namespace {

// An RRULE value as plancal writes it: "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305".
bool looks_like_rrule(std::string_view rule) {
  const bool plain = std::all_of(rule.begin(), rule.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ';' || c == '=' || c == ',' ||
           c == '-' || c == '+';
  });
  return plain && rule.starts_with("FREQ=");
}

// Reads one reading; a list's items are read with `nested` set (they cannot be lists).
std::optional<Reading> read(const toml::table& table, std::string context, bool nested,
                            DiagnosticSink& sink) {
  const size_t errors_before = sink.count();
  TableReader reader(table, std::move(context), sink);
  Reading reading;
  bool ok = true;
  const auto fail = [&](std::string_view key, std::string_view value, std::string message) {
    sink.add(reader.where(key), value, std::move(message));
    ok = false;
  };

  if (auto kind = reader.string("kind", Presence::kRequired)) {
    if (!parse_reading_kind(*kind, reading.kind))
      fail("kind", *kind,
           "unknown reading kind; expected date, span, recurring, deadline, list or open_start");
    else if (nested && reading.kind == ReadingKind::kList)
      fail("kind", *kind, "the items of a list reading cannot be lists");
  } else {
    ok = false;
  }
  if (auto precision = reader.string("precision", Presence::kRequired)) {
    if (!parse_precision(*precision, reading.precision))
      fail("precision", *precision,
           "unknown precision; expected day, xun, month, season, quarter, half or year");
  } else {
    ok = false;
  }
  const std::optional<Date> start = reader.date("start", Presence::kRequired);
  const std::optional<Date> end = reader.date("end", Presence::kRequired);
  if (start && end) {
    reading.start = *start;
    reading.end = *end;
    if (*start > *end)
      fail("end", to_iso(*end), "reading ends before it starts (" + to_iso(*start) + ")");
    else if (ok && reading.kind == ReadingKind::kDeadline && *start != *end)
      fail("end", to_iso(*end), "a deadline reading has start = end = the due date");
  } else {
    ok = false;
  }

  const std::optional<std::string> rrule = reader.string("rrule", Presence::kOptional);
  const bool recurring = reading.kind == ReadingKind::kRecurring;
  if (rrule && !recurring)
    fail("rrule", *rrule, "only a recurring reading has an rrule");
  else if (rrule && !looks_like_rrule(*rrule))
    fail("rrule", *rrule, "expected an RRULE value such as FREQ=WEEKLY;BYDAY=SA,SU");
  else if (!rrule && recurring && ok)
    fail("kind", "recurring", "a recurring reading needs an rrule");
  if (rrule) reading.rrule = *rrule;

  reading.approximate = reader.boolean("approximate", Presence::kOptional).value_or(false);
  reading.ambiguous = reader.boolean("ambiguous", Presence::kOptional).value_or(false);
  reading.open_end = reader.boolean("open_end", Presence::kOptional)
                         .value_or(reading.kind == ReadingKind::kOpenStart);

  const toml::array* items = reader.tables("items", Presence::kOptional);
  const bool list = reading.kind == ReadingKind::kList && !nested;  // no lists of lists
  if (items != nullptr && !list) {
    fail("items", "", "only a list reading has items");
  } else if (list && (items == nullptr || items->empty())) {
    if (ok) fail("items", "list", "a list reading needs at least one item");
  } else if (items != nullptr) {
    for (size_t i = 0; i < items->size(); ++i) {
      const toml::table& item_table = *(*items)[i].as_table();
      std::optional<Reading> item =
          read(item_table, reader.context() + " items[" + std::to_string(i) + "]", true, sink);
      if (!item) {
        ok = false;
      } else if (start && end && (item->start < *start || item->end > *end)) {
        sink.add(position_of(item_table.source()), to_iso(item->start),
                 "list item lies outside the list's start and end");
        ok = false;
      } else {
        reading.items.push_back(std::move(*item));
      }
    }
  }
  reader.report_unknown_keys();
  if (!ok || sink.count() != errors_before) return std::nullopt;
  return reading;
}

}  // namespace

std::optional<Reading> reading_from_toml(const toml::table& table, std::string_view phrase,
                                         std::string context, DiagnosticSink& sink) {
  std::optional<Reading> reading = read(table, std::move(context), false, sink);
  if (reading) reading->phrase = std::string(phrase);
  return reading;
}

}  // namespace plancal::calendar
