#include "daemon/protocol/admin_protocol.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using nlohmann::json;
using namespace plancal::daemon;

TEST_CASE("admin protocol: a request with id, command and args") {
  const auto parsed = parse_request(R"({"id":7,"command":"ack","args":{"item":"a1"}})");
  REQUIRE(parsed.ok);
  CHECK(parsed.request.id == 7);
  CHECK(parsed.request.command == "ack");
  CHECK(parsed.request.args == json{{"item", "a1"}});
}

TEST_CASE("admin protocol: id and args are optional; a trailing CR is ignored") {
  const auto parsed = parse_request("{\"command\":\"status\"}\r");
  REQUIRE(parsed.ok);
  CHECK(parsed.request.id.is_null());
  CHECK(parsed.request.args == json::object());
}

TEST_CASE("admin protocol: malformed requests are error values") {
  struct Case {
    const char* line;
    const char* code;
  };
  const Case cases[] = {
      {"", admin_error::kBadJson},
      {"{\"command\":", admin_error::kBadJson},
      {"\"status\"", admin_error::kBadRequest},
      {"[]", admin_error::kBadRequest},
      {"{}", admin_error::kBadRequest},
      {"{\"command\":\"\"}", admin_error::kBadRequest},
      {"{\"command\":5}", admin_error::kBadRequest},
      {"{\"command\":\"status\",\"args\":[]}", admin_error::kBadRequest},
      {"{\"command\":\"status\",\"id\":{}}", admin_error::kBadRequest},
      {"{\"command\":\"status\",\"extra\":1}", admin_error::kBadRequest},
      {"{\"command\":\"\xff\"}", admin_error::kBadJson},  // not UTF-8
      // a key twice: "last wins" would let the audit log and the daemon disagree
      {"{\"command\":\"ack\",\"command\":\"unack\"}", admin_error::kBadRequest},
      {"{\"command\":\"ack\",\"args\":{\"item\":\"a1\",\"item\":\"a2\"}}",
       admin_error::kBadRequest},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const auto parsed = parse_request(c.line);
    CHECK_FALSE(parsed.ok);
    CHECK(parsed.error.code == c.code);
    CHECK_FALSE(parsed.error.message.empty());
  }
}

TEST_CASE("admin protocol: the same key in different objects is not a duplicate") {
  const auto parsed =
      parse_request(R"({"command":"ack","args":{"item":"a1","note":{"item":"x"}},"id":1})");
  CHECK(parsed.ok);
  const auto twice = parse_request(R"({"command":"ack","command":"ack"})");
  REQUIRE_FALSE(twice.ok);
  CHECK(twice.error.message.find("\"command\" given twice") != std::string::npos);
}

TEST_CASE("admin protocol: the id survives into the error when it could be read") {
  const auto parsed = parse_request(R"({"id":"x","command":"status","args":3})");
  REQUIRE_FALSE(parsed.ok);
  CHECK(parsed.id == "x");
}

TEST_CASE("admin protocol: size and depth limits") {
  const std::string big = "{\"command\":\"status\",\"args\":{\"note\":\"" +
                          std::string(kMaxAdminRequestBytes, 'x') + "\"}}";
  CHECK(parse_request(big).error.code == admin_error::kTooLarge);
  const std::string deep = "{\"command\":\"status\",\"args\":{\"a\":" + std::string(100, '[') +
                           std::string(100, ']') + "}}";
  CHECK(parse_request(deep).error.code == admin_error::kBadRequest);
  // Brackets inside strings do not count.
  CHECK(parse_request("{\"command\":\"x\",\"args\":{\"a\":\"" + std::string(100, '[') + "\"}}").ok);
}

TEST_CASE("admin protocol: responses are one JSON line each") {
  const std::string ok = format_result(3, json{{"n", 1}});
  CHECK(ok == "{\"id\":3,\"ok\":true,\"result\":{\"n\":1}}\n");
  const std::string error = format_error("r", {admin_error::kNotFound, "no item", nullptr});
  CHECK(json::parse(error) == json{{"id", "r"},
                                   {"ok", false},
                                   {"error", {{"code", "not_found"}, {"message", "no item"}}}});
  const std::string details =
      format_error(nullptr, {admin_error::kReloadFailed, "x", json::array({"f:1"})});
  CHECK(json::parse(details)["error"]["details"] == json::array({"f:1"}));
}

TEST_CASE("admin protocol: invalid UTF-8 in a response is replaced, not thrown") {
  const std::string line = format_result(nullptr, std::string("bad \xff byte"));
  CHECK(line.back() == '\n');
  CHECK(json::parse(line)["result"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("admin protocol: format_request builds what parse_request reads") {
  const std::string line = format_request(1, "show", json{{"item", "m5"}});
  CHECK(line.back() == '\n');
  const auto parsed = parse_request(std::string_view(line).substr(0, line.size() - 1));
  REQUIRE(parsed.ok);
  CHECK(parsed.request.command == "show");
}

TEST_CASE("admin protocol: the default socket follows RUNTIME_DIRECTORY") {
  ::setenv("RUNTIME_DIRECTORY", "/run/plancal:/run/other", 1);
  CHECK(default_admin_socket_path() == "/run/plancal/admin.sock");
  ::setenv("RUNTIME_DIRECTORY", "/tmp/rt", 1);
  CHECK(default_admin_socket_path() == "/tmp/rt/admin.sock");
  ::unsetenv("RUNTIME_DIRECTORY");
  CHECK(default_admin_socket_path() == "/run/plancal/admin.sock");
}
