// Plain-text tables for terminals, with columns aligned by display width so that Chinese
// names (two columns per character) line up with ASCII. Cells are printed with their
// control characters escaped: data that came from a client (an audited argument, an error
// echoing it) cannot move the cursor or recolour the terminal.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace plancal::ctl {

// Terminal columns the UTF-8 text occupies (East Asian wide characters count 2).
size_t display_width(std::string_view utf8);

// The text with every ASCII control character (and DEL) written as \xNN.
std::string printable(std::string_view text);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) {
    for (std::string& cell : row) cell = printable(cell);
    rows_.push_back(std::move(row));
  }
  size_t size() const { return rows_.size(); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace plancal::ctl
