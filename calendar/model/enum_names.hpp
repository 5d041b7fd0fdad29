// Names of plancal's enums as data files, JSON and the store write them. One table per enum
// serves both directions (name_of and value_of), so printing and parsing cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace plancal::calendar {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`, or "?" for a value missing from the table.
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const EnumNames<Enum, N>& table, Enum value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "?";
}

// Sets `out` to the value named `text`; false (out untouched) for an unknown name.
template <typename Enum, std::size_t N>
constexpr bool value_of(const EnumNames<Enum, N>& table, std::string_view text, Enum& out) {
  for (const auto& [e, name] : table)
    if (name == text) {
      out = e;
      return true;
    }
  return false;
}

}  // namespace plancal::calendar
