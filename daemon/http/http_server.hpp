// plancald's HTTP/1.1 server, on Boost.Beast: an acceptor and one session per connection
// that only does I/O and hands each request to a RequestHandler (the HttpRouter). Beast
// and Asio stay inside http_server.cpp; this header only forward-declares io_context.
//
// Defences: request headers are limited (ServerLimits::max_header_bytes, else 431), a
// POST body to max_form_bytes and any other request with a body gets 413; a request's header must
// arrive within header_timeout (else 408 and close), a kept-alive connection waits idle_timeout for
// the next one (then closes quietly), a response must be written within write_timeout. One client
// address holds at most max_per_address connections and all together max_connections: a connection
// over either limit is answered "503 Service Unavailable" with Retry-After and closed, never
// dropped silently, and refusals are logged as one summary line per kRefusalLogInterval.
// Runs on the io_context's thread (but for the deferred work); not thread-safe otherwise.
//
// A response the router defers (HttpResponse::later: a feed window not rendered yet) is
// computed on the server's one worker thread and sent from the loop when ready; the loop
// serves other connections meanwhile.
//
// Speed: Beast parses the requests; responses are written without Beast's serializer, as
// one gather write of the status line and headers (the router's prepared lines plus Server,
// Date and Connection) and the body, shared with the feed cache rather than copied.
// TCP_NODELAY is set: a response goes out in one write, so Nagle could only delay it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "daemon/http/http_router.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

struct ListenAddress {
  std::string host;        // an IP literal: "127.0.0.1", "::1"
  std::uint16_t port = 0;  // 0: any free port (see HttpServer::port())
};

// An already bound and listening socket, e.g. from systemd socket activation.
struct ListenFd {
  int fd = -1;
};

struct ServerLimits {
  std::uint32_t max_header_bytes = 8 * 1024;
  std::uint64_t max_form_bytes = 8 * 1024;  // a POSTed form (unit pages); other bodies: 413
  std::chrono::milliseconds header_timeout{10'000};  // a request's header, from its wait's start
  std::chrono::milliseconds idle_timeout{5'000};     // between requests on a kept-alive connection
  std::chrono::seconds write_timeout{60};            // a whole response
  size_t max_connections = 512;
  size_t max_per_address = 32;  // a small share of max_connections for any one client address
};

// How often refused connections are summarised in the log (one line, with counts).
inline constexpr std::chrono::seconds kRefusalLogInterval{10};

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // Binds and listens, then accepts on `io`. Throws std::runtime_error naming the
  // address if it cannot listen.
  HttpServer(boost::asio::io_context& io, const ListenAddress& address, RequestHandler handler,
             ServerLimits limits = {});
  // Accepts on an inherited listening socket (takes ownership). Throws std::runtime_error.
  HttpServer(boost::asio::io_context& io, ListenFd listen_fd, RequestHandler handler,
             ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually listened on.
  std::uint16_t port() const;

  // Stops accepting and closes idle connections; responses being written finish, then
  // their connections close. io.run() returns once they have.
  void stop();

 private:
  class Listener;
  std::shared_ptr<Listener> listener_;
};

}  // namespace plancal::daemon
