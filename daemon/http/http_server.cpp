// The only translation unit with Beast (heavy to compile): keep it that way.
#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/http/http_server.hpp"

#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "daemon/http/http_date.hpp"

namespace plancal::daemon {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
constexpr std::string_view kServerLine = "Server: plancald\r\n";

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

// One place for I/O errors: aborted operations are our own cancellations; timeouts and
// closed connections are routine client behaviour; anything else is worth a warning.
void fail(const error_code& ec, std::string_view what, std::string_view peer) {
  if (ec == asio::error::operation_aborted) return;
  const bool routine = ec == beast::error::timeout || ec == asio::error::eof ||
                       ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
                       ec == http::error::partial_message;
  spdlog::log(routine ? spdlog::level::debug : spdlog::level::warn, "http {} {}: {}", peer, what,
              ec.message());
}

class Session;

// SO_SNDBUF of a client connection (the kernel doubles it for its bookkeeping).
constexpr int kSendBufferBytes = 1 << 20;

// Connections refused since the last summary line, by reason.
struct Refusals {
  size_t at_capacity = 0;
  size_t per_address = 0;
  std::string busiest;  // the address last refused for its own share
  std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();
};

struct ServerState {
  RequestHandler handler;
  // Runs HttpResponse::later: one thread, so windows render one at a time and the loop's
  // thread stays free. Shared with the sessions, which may outlive the listener.
  std::shared_ptr<asio::thread_pool> worker = std::make_shared<asio::thread_pool>(1);
  ServerLimits limits;
  HttpDateCache dates;
  size_t active = 0;
  bool stopping = false;
  std::set<Session*> sessions;
  std::map<std::string, size_t> per_address;  // open connections by client address
  Refusals refused;
};

std::string address_of(const tcp::socket& socket) {
  error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

// The answer to a connection over a limit: a fixed 503 written once, then close. Its own
// short deadline, so that a client that does not read cannot hold it.
class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  explicit Refusal(tcp::socket&& socket) : stream_(std::move(socket)) {}
  void run() {
    static constexpr std::string_view kAnswer =
        "HTTP/1.1 503 Service Unavailable\r\nServer: plancald\r\nRetry-After: 5\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\n"
        "Connection: close\r\n\r\ntoo many connections";
    stream_.expires_after(std::chrono::seconds(2));
    asio::async_write(stream_, asio::buffer(kAnswer.data(), kAnswer.size()),
                      [self = shared_from_this()](error_code, size_t) {
                        error_code ignored;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                      });
  }

 private:
  beast::tcp_stream stream_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::string address, std::shared_ptr<ServerState> state)
      : stream_(std::move(socket)),
        read_timer_(stream_.get_executor()),
        state_(std::move(state)),
        address_(std::move(address)) {
    error_code ec;
    // Responses go out whole in one write: nothing to gain from Nagle's delay.
    stream_.socket().set_option(tcp::no_delay(true), ec);
    // Room for a whole feed in that one write: the kernel's autotuned buffer starts at
    // 16 KB and grows over many round trips, so a 100 KB feed took several writes and
    // waits. The kernel allocates only what is queued (bench/README.md, http_feed_bench).
    stream_.socket().set_option(asio::socket_base::send_buffer_size(kSendBufferBytes), ec);
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? "(unknown peer)"
               : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    ++state_->active;
    ++state_->per_address[address_];
    state_->sessions.insert(this);
  }
  ~Session() {
    --state_->active;
    if (auto it = state_->per_address.find(address_);
        it != state_->per_address.end() && --it->second == 0)
      state_->per_address.erase(it);
    state_->sessions.erase(this);
  }

  void run() { do_read(); }

  // Closes the connection unless a response is being written (that one finishes first).
  void stop_if_idle() {
    if (!writing_) {
      read_timer_.cancel();
      stream_.cancel();
    }
  }

 private:
  // Reads the next request. The first request's header, and any request once its first
  // byte came, must be complete within header_timeout (else 408); a kept-alive connection
  // with nothing sent is closed quietly after idle_timeout. The deadline is a timer of our
  // own, not the stream's: the stream's closes the socket, and a 408 must still go out.
  void do_read() {
    parser_.emplace();
    parser_->header_limit(state_->limits.max_header_bytes);
    parser_->body_limit(state_->limits.max_form_bytes);  // checked against Content-Length
    timed_out_ = false;
    stream_.expires_never();
    const bool idle = served_ > 0 && buffer_.size() == 0;
    read_timer_.expires_after(idle ? state_->limits.idle_timeout : state_->limits.header_timeout);
    read_timer_.async_wait([weak = weak_from_this(), idle](error_code ec) {
      auto self = weak.lock();
      if (ec || !self) return;
      if (idle && self->buffer_.size() > 0) {  // the next request has started: its own deadline
        self->read_timer_.expires_after(self->state_->limits.header_timeout);
        self->read_timer_.async_wait([weak](error_code again) {
          if (auto s = weak.lock(); s && !again) s->time_out();
        });
        return;
      }
      self->time_out();
    });
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  // A POST may carry a form of up to max_form_bytes; any other request no body at all.
  void on_header(error_code ec, size_t bytes) {
    if (ec || timed_out_ || parser_->is_done()) return on_read(ec, bytes);
    if (parser_->get().method() != http::verb::post) {
      read_timer_.cancel();
      return send_status(413, "request body not accepted");
    }
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void time_out() {
    timed_out_ = true;
    stream_.socket().cancel();
  }

  void on_read(error_code ec, size_t) {
    read_timer_.cancel();
    if (timed_out_) {
      // Nothing at all on a kept-alive connection: a quiet close; a request begun (or a new
      // connection that sent nothing): 408.
      if (served_ > 0 && buffer_.size() == 0 && !parser_->got_some()) return do_close();
      return send_status(408, "request timeout");
    }
    if (ec == http::error::end_of_stream) return do_close();
    if (ec == http::error::body_limit || ec == http::error::unexpected_body) {
      return send_status(413, "request body not accepted");
    }
    if (ec == http::error::header_limit) return send_status(431, "request header too large");
    if (ec && ec != http::error::partial_message &&
        ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return send_status(400, "bad request");
    }
    if (ec) return fail(ec, "read", peer_);

    const auto& message = parser_->get();
    request_.method = view(message.method_string());
    request_.target = view(message.target());
    request_.headers.clear();
    for (const auto& field : message) {
      request_.headers.emplace_back(view(field.name_string()), view(field.value()));
    }
    request_.body = message.body();
    request_.client = address_;
    const bool keep_alive = message.keep_alive();
    try {
      HttpResponse response = state_->handler(request_);
      if (response.later) return send_later(std::move(response.later), keep_alive);
      send(std::move(response), keep_alive);
    } catch (const std::exception& e) {
      spdlog::error("http {} {} {}: {}", peer_, request_.method, request_.target, e.what());
      send_status(500, "internal error");
    }
  }

  // Runs `work` on the server's worker, then sends what it returns from the loop. The
  // session counts as writing meanwhile, so a stop lets the answer go out first.
  void send_later(std::function<HttpResponse()> work, bool keep_alive) {
    writing_ = true;
    std::string what = std::string(request_.method) + " " + std::string(request_.target);
    auto loop = stream_.get_executor();
    asio::post(*state_->worker, [self = shared_from_this(), work = std::move(work), keep_alive,
                                 what = std::move(what), loop]() mutable {
      HttpResponse response;
      std::string error;
      try {
        response = work();
      } catch (const std::exception& e) {
        error = e.what();
      }
      asio::post(loop, [self = std::move(self), response = std::move(response), keep_alive,
                        what = std::move(what), error = std::move(error)]() mutable {
        if (!error.empty()) {
          spdlog::error("http {} {}: {}", self->peer_, what, error);
          return self->send_status(500, "internal error");
        }
        self->send(std::move(response), keep_alive);
      });
    });
  }

  // A response the router never sees (the request could not be read); closes afterwards.
  void send_status(int status, std::string_view text) {
    std::string body = std::string(text) + "\n";
    std::string head = "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n";
    send({status, std::make_shared<const std::string>(std::move(head)),
          std::make_shared<const std::string>(std::move(body)), std::nullopt},
         false);
  }

  // Writes the status line, the headers and the body (shared, not copied) in one go.
  void send(HttpResponse response, bool keep_alive) {
    keep_alive_ = keep_alive && !state_->stopping;
    std::array<char, 8> status;
    const auto status_end = std::to_chars(status.begin(), status.end(), response.status).ptr;
    head_.assign("HTTP/1.1 ").append(status.data(), status_end).append(" ");
    head_.append(view(http::obsolete_reason(http::int_to_status(response.status))));
    head_.append("\r\n").append(kServerLine);
    if (response.head) head_.append(*response.head);
    if (response.date) {
      head_.append("Date: ").append(state_->dates.format(*response.date)).append("\r\n");
    }
    if (!keep_alive_) head_.append("Connection: close\r\n");
    head_.append("\r\n");
    body_ = std::move(response.body);
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(head_), body_ ? asio::buffer(*body_) : asio::const_buffer()};
    writing_ = true;
    stream_.expires_after(state_->limits.write_timeout);
    asio::async_write(stream_, buffers,
                      beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(error_code ec, size_t) {
    writing_ = false;
    ++served_;
    body_.reset();
    if (ec) return fail(ec, "write", peer_);
    if (!keep_alive_ || state_->stopping) return do_close();
    do_read();
  }

  void do_close() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec && ec != asio::error::not_connected) fail(ec, "shutdown", peer_);
  }

  beast::tcp_stream stream_;
  asio::steady_timer read_timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;  // views into parser_, kept for its headers' capacity
  std::string head_;     // of the response being written
  SharedText body_;      // likewise
  std::shared_ptr<ServerState> state_;
  std::string address_;  // the client's address, for the per-address count
  std::string peer_;
  size_t served_ = 0;  // responses written on this connection
  bool keep_alive_ = false;
  bool writing_ = false;
  bool timed_out_ = false;
};

}  // namespace

class HttpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, RequestHandler handler, ServerLimits limits)
      : io_(io),
        acceptor_(io),
        retry_timer_(io),
        summary_timer_(io),
        state_(std::make_shared<ServerState>()) {
    state_->handler = std::move(handler);
    state_->limits = limits;
  }

  void listen(const ListenAddress& address) {
    error_code ec;
    const auto ip = asio::ip::make_address(address.host, ec);
    const tcp::endpoint endpoint{ip, address.port};
    if (!ec) acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::runtime_error("cannot listen on " + address.host + ":" +
                               std::to_string(address.port) + ": " + ec.message());
    }
  }

  void adopt(ListenFd listen_fd) {
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (::getsockname(listen_fd.fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) {
      throw std::runtime_error("listening fd " + std::to_string(listen_fd.fd) +
                               ": getsockname: " + std::strerror(errno));
    }
    error_code ec;
    acceptor_.assign(local.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), listen_fd.fd, ec);
    if (ec) {
      throw std::runtime_error("listening fd " + std::to_string(listen_fd.fd) + ": " +
                               ec.message());
    }
  }

  void do_accept() {
    // One thread runs everything (ServerState is shared unguarded): no strands.
    acceptor_.async_accept(io_,
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  std::uint16_t port() const {
    error_code ec;
    const auto endpoint = acceptor_.local_endpoint(ec);
    return ec ? 0 : endpoint.port();
  }

  void stop() {
    state_->stopping = true;
    retry_timer_.cancel();
    summary_timer_.cancel();
    error_code ec;
    acceptor_.close(ec);
    if (ec) fail(ec, "close listener", "-");
    // Copy: stop_if_idle() does not destroy sessions, but be safe against erasure.
    const std::set<Session*> sessions = state_->sessions;
    for (Session* session : sessions) session->stop_if_idle();
  }

 private:
  void on_accept(error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // E.g. out of file descriptors: back off instead of spinning.
      fail(ec, "accept", "-");
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    std::string address = address_of(socket);
    const auto mine = state_->per_address.find(address);
    const bool full = state_->active >= state_->limits.max_connections;
    const bool greedy =
        mine != state_->per_address.end() && mine->second >= state_->limits.max_per_address;
    if (full || greedy) {
      Refusals& refused = state_->refused;
      if (full) {
        ++refused.at_capacity;
      } else {
        ++refused.per_address;
        refused.busiest = address;
      }
      std::make_shared<Refusal>(std::move(socket))->run();
      if (!summary_pending_) {
        summary_pending_ = true;
        summary_timer_.expires_at(refused.since + kRefusalLogInterval);
        summary_timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
          if (!wait_ec) self->log_refusals();
        });
      }
    } else {
      std::make_shared<Session>(std::move(socket), std::move(address), state_)->run();
    }
    do_accept();
  }

  // One line for all the connections refused since the last one.
  void log_refusals() {
    summary_pending_ = false;
    Refusals& refused = state_->refused;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - refused.since);
    spdlog::warn(
        "http: refused {} connection(s) in the last {} s with 503: {} with all {} slots in use, "
        "{} over the limit of {} per client address{}",
        refused.at_capacity + refused.per_address, seconds.count(), refused.at_capacity,
        state_->limits.max_connections, refused.per_address, state_->limits.max_per_address,
        refused.busiest.empty() ? "" : " (last: " + refused.busiest + ")");
    refused = Refusals{};
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  asio::steady_timer summary_timer_;
  bool summary_pending_ = false;
  std::shared_ptr<ServerState> state_;
};

HttpServer::HttpServer(asio::io_context& io, const ListenAddress& address, RequestHandler handler,
                       ServerLimits limits)
    : listener_(std::make_shared<Listener>(io, std::move(handler), limits)) {
  listener_->listen(address);
  listener_->do_accept();
}

HttpServer::HttpServer(asio::io_context& io, ListenFd listen_fd, RequestHandler handler,
                       ServerLimits limits)
    : listener_(std::make_shared<Listener>(io, std::move(handler), limits)) {
  listener_->adopt(listen_fd);
  listener_->do_accept();
}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::port() const { return listener_->port(); }

void HttpServer::stop() { listener_->stop(); }

}  // namespace plancal::daemon
