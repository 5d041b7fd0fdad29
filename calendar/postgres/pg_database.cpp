#include "calendar/postgres/pg_database.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

std::string context(const std::string& uri, std::string_view operation) {
  return "postgresql store " + uri + ": " + std::string(operation) + ": ";
}

std::string read_password(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw StoreError("cannot read the password file " + path);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw StoreError("the password file " + path + " is empty");
  return line;
}

// `text` percent-encoded for a URI query value.
std::string percent_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

bool is_postgres_uri(std::string_view text) {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

std::string uri_password_problem(std::string_view uri) {
  const size_t scheme = uri.find("://");
  const std::string_view rest = scheme == std::string_view::npos ? uri : uri.substr(scheme + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos && authority.substr(0, at).find(':') != std::string_view::npos)
    return "the URI holds a password (user:password@)";
  const size_t query = rest.find('?');
  if (query != std::string_view::npos) {
    const std::string_view params = rest.substr(query + 1);
    if (params.starts_with("password=") || params.find("&password=") != std::string_view::npos)
      return "the URI holds a password (password=)";
  }
  return "";
}

PgDatabase::PgDatabase(const std::string& uri, const std::string& password_file) : uri_(uri) {
  if (const std::string problem = uri_password_problem(uri); !problem.empty()) {
    throw StoreError(context(uri_, "opening") + problem +
                     ": put it in a password file ([data] db_password_file, --db-password-file) "
                     "or in PGPASSFILE");
  }
  std::string connect = uri;
  try {
    if (!password_file.empty()) {
      connect += (uri.find('?') == std::string::npos ? "?" : "&");
      connect += "password=" + percent_encoded(read_password(password_file));
    }
    connection_ = std::make_unique<pqxx::connection>(connect);
  } catch (...) {
    rethrow("opening");
  }
}

void PgDatabase::rethrow(std::string_view operation) const {
  const std::string where = context(uri_, operation);
  try {
    throw;
  } catch (const StoreError& e) {
    throw StoreError(where + e.what());
  } catch (const std::exception& e) {
    // libpqxx's errors (sql_error, broken_connection, conversion errors): its message is
    // PostgreSQL's, often several lines; the first is the one that matters.
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    throw StoreError(where + message);
  }
}

}  // namespace plancal::calendar
