// Asio's local stream sockets for the admin channel; the only admin file with Asio.
#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/admin/admin_server.hpp"

#include <sys/socket.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "daemon/admin/admin_access.hpp"
#include "daemon/protocol/admin_protocol.hpp"

namespace plancal::daemon {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using stream = asio::local::stream_protocol;

constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
// Room for the longest accepted line, its "\r\n", and nothing more.
constexpr std::size_t kReadBufferBytes = kMaxAdminRequestBytes + 2;

void fail(const error_code& ec, std::string_view what, const AdminPeer& peer) {
  if (ec == asio::error::operation_aborted) return;
  const bool routine = ec == asio::error::eof || ec == asio::error::connection_reset ||
                       ec == asio::error::broken_pipe;
  spdlog::log(routine ? spdlog::level::debug : spdlog::level::warn, "admin: uid {} pid {}: {}: {}",
              peer.uid, peer.pid, what, ec.message());
}

class Session;

struct ServerState {
  AdminLineHandler handler;
  PeerAccess access;
  std::chrono::seconds idle_timeout{};
  std::size_t max_connections = 0;
  bool stopping = false;
  std::set<Session*> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(stream::socket&& socket, std::shared_ptr<ServerState> state)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), state_(std::move(state)) {
    state_->sessions.insert(this);
  }
  ~Session() { state_->sessions.erase(this); }

  void start() {
    const PeerCheck check = check_peer(socket_.native_handle(), state_->access);
    peer_ = check.peer;
    if (!check.allowed) {
      spdlog::warn("admin: refused connection from uid {} gid {} pid {}: {}", peer_.uid, peer_.gid,
                   peer_.pid, check.reason);
      return respond_and_close(admin_error::kForbidden, "permission denied: " + check.reason);
    }
    spdlog::debug("admin: connection from uid {} pid {}", peer_.uid, peer_.pid);
    do_read();
  }

  // Closes the connection unless a response is being written or awaited (that one
  // finishes first).
  void stop_if_idle() {
    if (!writing_ && !awaiting_reply_) cancel();
  }

 private:
  void arm_timer() {
    timer_.expires_after(state_->idle_timeout);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec) return;  // re-armed or cancelled
      self->timed_out_ = true;
      if (self->writing_) {
        error_code ignored;
        self->socket_.close(ignored);  // the peer does not read its responses: give up
      } else {
        self->cancel();
      }
    });
  }

  void cancel() {
    error_code ec;
    socket_.cancel(ec);
    if (ec) fail(ec, "cancel", peer_);
  }

  void do_read() {
    arm_timer();
    asio::async_read_until(
        socket_, asio::dynamic_buffer(buffer_, kReadBufferBytes), '\n',
        [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(error_code ec, std::size_t n) {
    if (ec == asio::error::not_found) {  // the buffer filled up without a newline
      return respond_and_close(
          admin_error::kTooLarge,
          "request line longer than " + std::to_string(kMaxAdminRequestBytes) + " bytes; closing");
    }
    if (ec == asio::error::operation_aborted && timed_out_ && !state_->stopping) {
      return respond_and_close(admin_error::kTimeout,
                               "no complete request for " +
                                   std::to_string(state_->idle_timeout.count()) + " s; closing");
    }
    bool last = false;
    if (ec == asio::error::eof && !buffer_.empty()) {
      n = buffer_.size() + 1;  // a final request without its newline: answer it, then close
      buffer_.push_back('\n');
      last = true;
    } else if (ec) {
      timer_.cancel();
      return fail(ec, "read", peer_);
    }
    const std::string_view line(buffer_.data(), n - 1);
    timer_.cancel();  // no idle timeout while the daemon works on the request
    awaiting_reply_ = true;
    auto replied = std::make_shared<bool>(false);
    AdminReply reply = [self = shared_from_this(), replied, last](std::string response) {
      if (*replied) return;
      *replied = true;
      self->awaiting_reply_ = false;
      self->write(std::move(response), last);
    };
    try {
      state_->handler(line, peer_, reply);
    } catch (const std::exception& e) {
      spdlog::error("admin: uid {} pid {}: {}", peer_.uid, peer_.pid, e.what());
      reply(format_error(nullptr, {admin_error::kInternal, e.what(), nullptr}));
    }
    buffer_.erase(0, n);
  }

  void respond_and_close(const char* code, const std::string& message) {
    write(format_error(nullptr, {code, message, nullptr}), true);
  }

  void write(std::string response, bool close_after) {
    response_ = std::move(response);
    close_after_ = close_after;
    writing_ = true;
    arm_timer();
    asio::async_write(
        socket_, asio::buffer(response_),
        [self = shared_from_this()](error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(error_code ec) {
    writing_ = false;
    if (ec) {
      timer_.cancel();
      return fail(ec, "write", peer_);
    }
    if (close_after_ || state_->stopping) {
      timer_.cancel();
      error_code ignored;
      socket_.shutdown(stream::socket::shutdown_both, ignored);
      socket_.close(ignored);
      return;
    }
    do_read();
  }

  stream::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<ServerState> state_;
  AdminPeer peer_;
  std::string buffer_;
  std::string response_;
  bool writing_ = false;
  bool awaiting_reply_ = false;
  bool close_after_ = false;
  bool timed_out_ = false;
};

}  // namespace

class AdminServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, std::shared_ptr<ServerState> state)
      : acceptor_(io), retry_timer_(io), state_(std::move(state)) {}
  // Also when the constructor of AdminServer fails half-way.
  ~Listener() { unlink_created(); }

  void create(const std::string& path, const std::string& group) {
    remove_stale_socket(path);
    error_code ec;
    acceptor_.open(stream(), ec);
    if (!ec) acceptor_.bind(stream::endpoint(path), ec);
    if (ec) throw std::runtime_error("admin socket " + path + ": cannot bind: " + ec.message());
    path_ = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) created_inode_ = st.st_ino;
    // Before listen(): nobody can connect while the mode and group are not yet right.
    if (::chmod(path.c_str(), 0660) != 0) {
      throw std::runtime_error("admin socket " + path + ": chmod: " + std::strerror(errno));
    }
    if (!group.empty()) {
      const gid_t gid = resolve_group(group);
      if (::chown(path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
        throw std::runtime_error("admin socket " + path + ": chown to group " + group + ": " +
                                 std::strerror(errno));
      }
    }
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("admin socket " + path + ": cannot listen: " + ec.message());
  }

  void adopt(int fd) {
    error_code ec;
    acceptor_.assign(stream(), fd, ec);
    if (ec) throw std::runtime_error("admin socket fd " + std::to_string(fd) + ": " + ec.message());
    const auto endpoint = acceptor_.local_endpoint(ec);
    path_ = ec ? "(fd " + std::to_string(fd) + ")" : endpoint.path();
  }

  void do_accept() {
    acceptor_.async_accept([self = shared_from_this()](error_code ec, stream::socket socket) {
      self->on_accept(ec, std::move(socket));
    });
  }

  const std::string& path() const { return path_; }

  void stop() {
    state_->stopping = true;
    retry_timer_.cancel();
    error_code ec;
    acceptor_.close(ec);
    if (ec) spdlog::warn("admin: closing {}: {}", path_, ec.message());
    const std::set<Session*> sessions = state_->sessions;
    for (Session* session : sessions) session->stop_if_idle();
    unlink_created();
  }

 private:
  // Removes the socket file we created (not one another process put there since).
  void unlink_created() {
    if (!created_inode_) return;
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && st.st_ino == *created_inode_ &&
        ::unlink(path_.c_str()) != 0) {
      spdlog::warn("admin: cannot remove {}: {}", path_, std::strerror(errno));
    }
    created_inode_.reset();
  }

  void on_accept(error_code ec, stream::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      spdlog::warn("admin: accept on {}: {}", path_, ec.message());
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    if (state_->sessions.size() >= state_->max_connections) {
      spdlog::warn("admin: {} connections open, refusing one", state_->sessions.size());
      // Said, not just closed: plancalctl reports "refused: too many clients". A fresh
      // socket's buffer takes the short line at once; a client that left is no matter.
      const std::string line = format_error(
          nullptr, {admin_error::kTooManyClients,
                    "refused: too many clients (" + std::to_string(state_->sessions.size()) +
                        " admin connections open); try again",
                    nullptr});
      socket.non_blocking(true, ec);
      if (::send(socket.native_handle(), line.data(), line.size(), MSG_NOSIGNAL) < 0)
        spdlog::debug("admin: cannot tell a refused client: {}", std::strerror(errno));
      socket.close(ec);
    } else {
      std::make_shared<Session>(std::move(socket), state_)->start();
    }
    do_accept();
  }

  stream::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  std::shared_ptr<ServerState> state_;
  std::string path_;
  std::optional<ino_t> created_inode_;
};

AdminServer::AdminServer(asio::io_context& io, const AdminServerOptions& options,
                         AdminLineHandler handler) {
  auto state = std::make_shared<ServerState>();
  state->handler = std::move(handler);
  state->access = resolve_access(options.allowed_users, options.allowed_groups);
  state->idle_timeout = options.idle_timeout;
  state->max_connections = options.max_connections;
  listener_ = std::make_shared<Listener>(io, std::move(state));
  if (options.listen_fd) {
    listener_->adopt(*options.listen_fd);
  } else {
    listener_->create(options.socket_path, options.group);
  }
  listener_->do_accept();
}

AdminServer::~AdminServer() { listener_->stop(); }

const std::string& AdminServer::path() const { return listener_->path(); }

void AdminServer::stop() { listener_->stop(); }

}  // namespace plancal::daemon
