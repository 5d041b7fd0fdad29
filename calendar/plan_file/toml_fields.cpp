#include "calendar/plan_file/toml_fields.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

namespace plancal::calendar {
namespace {

// Unknown keys up to this length get a "did you mean" suggestion.
constexpr size_t kMaxSuggestedKeyBytes = 32;

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// A scalar as written (strings without quotes); empty for arrays and tables.
std::string rendering(const toml::node& node) {
  if (const auto* text = node.as_string()) return text->get();
  return node.visit([](const auto& n) {
    std::ostringstream out;
    if constexpr (toml::is_value<decltype(n)>) out << n;
    return out.str();
  });
}

// Levenshtein distance; both strings are short.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

SourcePosition position_of(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

TableReader::TableReader(const toml::table& table, std::string context, DiagnosticSink& sink)
    : table_(table), context_(std::move(context)), sink_(sink) {}

const toml::node* TableReader::find(std::string_view key, Presence presence) {
  known_.emplace_back(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr && presence == Presence::kRequired)
    sink_.add(where(), "", "missing required key '" + std::string(key) + "' in " + context_);
  return node;
}

void TableReader::wrong_type(std::string_view key, const toml::node& node,
                             std::string_view expected) {
  sink_.add(position_of(node.source()), rendering(node),
            "'" + std::string(key) + "' in " + context_ + " must be " + std::string(expected) +
                ", not " + std::string(type_name(node.type())));
}

std::optional<std::string> TableReader::string(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_string();
  if (value == nullptr) {
    wrong_type(key, *node, "a string");
    return std::nullopt;
  }
  const std::string& text = value->get();
  if (text.size() > kMaxStringBytes) {
    sink_.add(position_of(node->source()), text,
              "'" + std::string(key) + "' is too long (" + std::to_string(text.size()) +
                  " bytes, at most " + std::to_string(kMaxStringBytes) + ")");
    return std::nullopt;
  }
  return text;
}

std::optional<LocatedString> TableReader::id(std::string_view key, Presence presence) {
  std::optional<std::string> text = string(key, presence);
  if (!text) return std::nullopt;
  const SourcePosition at = where(key);
  if (!is_valid_id(*text)) {
    sink_.add(at, *text,
              "'" + std::string(key) + "' must be 1 to " + std::to_string(kMaxIdBytes) +
                  " characters of a-z, 0-9 and '-'");
    return std::nullopt;
  }
  return LocatedString{std::move(*text), at};
}

std::optional<int64_t> TableReader::integer(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  if (const auto* value = node->as_integer()) return value->get();
  wrong_type(key, *node, "an integer");
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  wrong_type(key, *node, "true or false");
  return std::nullopt;
}

std::optional<Date> TableReader::date(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  const auto* value = node->as_date();
  if (value == nullptr) {
    wrong_type(key, *node, "a date written as 2023-02-13 (no quotes)");
    return std::nullopt;
  }
  const toml::date& d = value->get();
  return make_date(d.year, d.month, d.day);  // toml++ has already checked the day exists
}

std::optional<std::vector<LocatedString>> TableReader::ids(std::string_view key,
                                                           Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    wrong_type(key, *node, "an array of ids");
    return std::nullopt;
  }
  std::vector<LocatedString> out;
  bool ok = true;
  for (const toml::node& element : *array) {
    const SourcePosition at = position_of(element.source());
    const auto* value = element.as_string();
    if (value == nullptr) {
      wrong_type(key, element, "an array of ids");
      ok = false;
    } else if (!is_valid_id(value->get())) {
      sink_.add(at, value->get(),
                "'" + std::string(key) + "' in " + context_ + " must list ids of a-z, 0-9, '-'");
      ok = false;
    } else {
      out.push_back({value->get(), at});
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key,
                                                             Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    wrong_type(key, *node, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const toml::node& element : *array) {
    const auto* value = element.as_string();
    if (value == nullptr) {
      wrong_type(key, element, "an array of strings");
      ok = false;
    } else if (value->get().size() > kMaxStringBytes) {
      sink_.add(position_of(element.source()), value->get(),
                "an element of '" + std::string(key) + "' is too long (at most " +
                    std::to_string(kMaxStringBytes) + " bytes)");
      ok = false;
    } else {
      out.push_back(value->get());
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

const toml::table* TableReader::table(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return nullptr;
  if (const auto* value = node->as_table()) return value;
  wrong_type(key, *node, "a table");
  return nullptr;
}

const toml::array* TableReader::tables(std::string_view key, Presence presence) {
  const toml::node* node = find(key, presence);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  if (array == nullptr || !(array->empty() || array->is_array_of_tables())) {
    wrong_type(key, *node, "an array of tables");
    return nullptr;
  }
  return array;
}

SourcePosition TableReader::where(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node != nullptr ? position_of(node->source()) : where();
}

void TableReader::report_unknown_keys() {
  for (const auto& [key, value] : table_) {
    const std::string_view name = key.str();
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    std::string message = "unknown key in " + context_;
    if (name.size() <= kMaxSuggestedKeyBytes) {
      for (const std::string& candidate : known_)
        if (edit_distance(name, candidate) <= 2) {
          message += " (did you mean '" + candidate + "'?)";
          break;
        }
    }
    sink_.add(position_of(key.source()), name, std::move(message));
  }
}

}  // namespace plancal::calendar
