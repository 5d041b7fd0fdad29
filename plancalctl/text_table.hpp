// Plain-text tables for terminals, with columns aligned by display width so that Chinese
// names (two columns per character) line up with ASCII.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace plancal::ctl {

// Terminal columns the UTF-8 text occupies (East Asian wide characters count 2).
size_t display_width(std::string_view utf8);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace plancal::ctl
