// One connection to a PostgreSQL database, as the PostgreSQL store uses it: opened from a
// postgresql:// URI, with the password from a file (never from the URI, which shows on
// command lines and in logs) or from libpq's own PGPASSFILE; the URI without secrets for
// messages; and the one translation of libpqxx's exceptions into StoreError. Not
// thread-safe: one owner at a time.
#pragma once

#include <pqxx/connection>

#include <memory>
#include <string>
#include <string_view>

namespace plancal::calendar {

class PgDatabase {
 public:
  // Connects. `password_file` (may be empty) holds the password on its first line. Throws
  // StoreError: a URI with a password in it, an unreadable password file, no connection.
  PgDatabase(const std::string& uri, const std::string& password_file);

  pqxx::connection& connection() { return *connection_; }
  // The URI as given (it holds no password), for messages and status.
  const std::string& location() const { return uri_; }

  // Called from a catch block: rethrows the exception in flight as a StoreError naming
  // this database and `operation`.
  [[noreturn]] void rethrow(std::string_view operation) const;

 private:
  std::string uri_;
  std::unique_ptr<pqxx::connection> connection_;
};

// True when `text` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_uri(std::string_view text);

// A rule of the connection URI that plancal checks before connecting: "" when it holds no
// password, else why not.
std::string uri_password_problem(std::string_view uri);

}  // namespace plancal::calendar
