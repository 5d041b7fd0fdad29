#include "calendar/sqlite/sqlite_columns.hpp"

namespace plancal::calendar {

void bind_date(SQLite::Statement& statement, int index, Date date, const char* field) {
  if (auto text = date_to_text(date, field)) {
    statement.bind(index, *text);
  } else {
    statement.bind(index);
  }
}

Date date_column(const SQLite::Column& column) {
  if (column.isNull()) return Date{};
  return date_from_text(column.getString());
}

}  // namespace plancal::calendar
