// Checked access to the tables of a parsed TOML document (toml++): plan files, holiday
// files and plancald's configuration file read their tables through it.
// A TableReader hands out typed values and reports every problem — a missing required
// key, a value of the wrong type, an id that is not [a-z0-9-]+, a string over the size
// limit, a key the format does not know — to a DiagnosticSink with the file, line and
// column of the offending key or value. Not thread-safe; one reader per table.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/date.hpp"
#include "calendar/model/diagnostic_sink.hpp"

namespace plancal::calendar {

// Longest string value accepted (item texts are 1-2 KiB); bounds the phrase searches.
inline constexpr size_t kMaxStringBytes = 16 * 1024;
// Longest id accepted.
inline constexpr size_t kMaxIdBytes = 64;

SourcePosition position_of(const toml::source_region& region);

// True for a non-empty ASCII [a-z0-9-]+ of at most kMaxIdBytes.
bool is_valid_id(std::string_view id);

enum class Presence { kRequired, kOptional };

// A string with where it is written: the elements of id lists are checked later.
struct LocatedString {
  std::string text;
  SourcePosition where;
};

class TableReader {
 public:
  // `context` names the table in messages: "[plan]", "[[items]] 'a1'".
  TableReader(const toml::table& table, std::string context, DiagnosticSink& sink);

  // Each getter returns nullopt when the key is absent (reported when required) or its
  // value is invalid (reported).
  std::optional<std::string> string(std::string_view key, Presence presence);
  std::optional<LocatedString> id(std::string_view key, Presence presence);
  std::optional<int64_t> integer(std::string_view key, Presence presence);
  std::optional<bool> boolean(std::string_view key, Presence presence);
  std::optional<Date> date(std::string_view key, Presence presence);
  std::optional<std::vector<std::string>> strings(std::string_view key, Presence presence);
  std::optional<std::vector<LocatedString>> ids(std::string_view key, Presence presence);
  const toml::table* table(std::string_view key, Presence presence);
  // An array of tables: `[[key]]`.
  const toml::array* tables(std::string_view key, Presence presence);
  // The raw value of `key`, marked known, for a caller that checks its own value types;
  // nullptr when absent (reported when required).
  const toml::node* value(std::string_view key, Presence presence) { return find(key, presence); }

  // Where the value of `key` is written, or the table itself when the key is absent.
  SourcePosition where(std::string_view key) const;
  // Where the table itself is written.
  SourcePosition where() const { return position_of(table_.source()); }
  const std::string& context() const { return context_; }
  DiagnosticSink& sink() { return sink_; }

  // Reports every key of the table that no getter asked for. Call once, last.
  void report_unknown_keys();

 private:
  // Marks `key` known and returns its value; reports a missing required key.
  const toml::node* find(std::string_view key, Presence presence);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string context_;
  DiagnosticSink& sink_;
  std::vector<std::string> known_;
};

}  // namespace plancal::calendar
