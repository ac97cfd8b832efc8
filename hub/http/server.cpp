#include "hub/http/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace fep::hub::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// What a connection may still read (and drop) once it will be closed: a client still sending a body
// that was refused sees its answer before the connection ends (closing with unread bytes would reset
// it, answer and all). Bounded in bytes and time; it costs a small buffer, not memory per byte.
constexpr std::size_t kLingerBytes = 8 * 1024 * 1024;
constexpr std::chrono::seconds kLingerTime{5};

// Open connections, in all and per address: checked when a connection is accepted.
class ConnectionCounts {
 public:
  bool admit(const std::string& address, bool capped, const Limits& limits) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (total_ >= limits.connections) return false;
    int& mine = by_address_[address];
    if (capped && mine >= limits.connections_per_address) return false;
    ++mine;
    ++total_;
    return true;
  }
  void release(const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    --total_;
    const auto found = by_address_.find(address);
    if (found != by_address_.end() && --found->second <= 0) by_address_.erase(found);
  }

 private:
  std::mutex mutex_;
  int total_ = 0;
  std::unordered_map<std::string, int> by_address_;
};

struct Shared {
  Shared(Options given, Handler route)
      : options(std::move(given)), handler(std::move(route)), workers(std::max(1, options.limits.workers)) {}
  bool trusted(const std::string& address) const {
    return std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(), address) !=
           options.trusted_proxies.end();
  }
  Options options;
  Handler handler;
  asio::thread_pool workers;
  ConnectionCounts counts;
};

// The client a trusted proxy names: the last address of X-Forwarded-For (the one the proxy added).
std::string forwarded_client(const std::string& header) {
  const auto comma = header.rfind(',');
  std::string last = header.substr(comma == std::string::npos ? 0 : comma + 1);
  last.erase(std::remove(last.begin(), last.end(), ' '), last.end());
  const bool plausible = !last.empty() && last.size() <= 45 && std::all_of(last.begin(), last.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
  });
  return plausible ? last : std::string();
}

// A refusal the server makes itself, before any route: fixed text, nothing of the request in it.
Response refusal(int status, const char* code, const char* message) {
  Response res;
  res.status = status;
  res.set_header("Content-Type", "application/json; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.body = std::string("{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}";
  return res;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Shared> shared, std::string address)
      : stream_(std::move(socket)), shared_(std::move(shared)), address_(std::move(address)) {}
  ~Connection() { shared_->counts.release(address_); }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  const Limits& limits() const { return shared_->options.limits; }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits().max_header));
    parser_->body_limit(limits().max_body);
    stream_.expires_after(limits().header_deadline);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return refuse_read(ec);
    stream_.expires_after(limits().body_deadline);
    // A client that waits to be told to send its body (curl does for large ones).
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      continue_.emplace(bhttp::status::continue_, 11);
      return bhttp::async_write(stream_, *continue_,
                                [self = shared_from_this()](beast::error_code failed, std::size_t) {
                                  if (failed) return self->close();
                                  self->read_body();
                                });
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
  }

  // A request that could not be read: a timeout or a closed connection ends quietly; one the server
  // refuses is answered, then the connection is closed.
  void refuse_read(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return answer(refusal(413, "too_large", "the body is too large"), false, false);
    if (ec == bhttp::error::header_limit)
      return answer(refusal(431, "too_large", "the request's headers are too large"), false, false);
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec.category() == asio::error::get_system_category() || ec.category() == asio::error::get_misc_category())
      return close();
    answer(refusal(400, "malformed", "not a valid HTTP request"), false, false);
  }

  void on_request(beast::error_code ec) {
    if (ec) return refuse_read(ec);
    auto& message = parser_->get();
    Request req;
    req.method = std::string(message.method_string());
    if (!split_target(message.target(), req.path, req.query))
      return answer(refusal(400, "malformed", "the query is not percent-encoded correctly"), false, false);
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(message.body());
    req.remote_addr = address_;
    if (shared_->trusted(address_)) {
      const std::string client = forwarded_client(req.header("x-forwarded-for"));
      if (!client.empty()) req.remote_addr = client;
    }
    const bool head = req.method == "HEAD";
    if (head) req.method = "GET";
    const bool keep_alive = message.keep_alive() && ++served_ < limits().requests_per_connection;
    stream_.expires_never();  // the route's time is the workers'; the socket waits for nothing meanwhile
    asio::post(shared_->workers, [self = shared_from_this(), req = std::move(req), keep_alive, head]() mutable {
      Response res;
      self->shared_->handler(req, res);
      asio::post(self->stream_.get_executor(), [self, res = std::move(res), keep_alive, head]() mutable {
        self->answer(std::move(res), keep_alive, head);
      });
    });
  }

  void answer(Response res, bool keep_alive, bool head) {
    answer_ = std::move(res);
    out_.emplace(static_cast<bhttp::status>(answer_.status), 11);
    for (const auto& [name, value] : answer_.headers) out_->insert(name, value);
    const std::string& content = answer_.content();
    out_->body() = bhttp::span_body<const char>::value_type(content.data(), content.size());
    out_->keep_alive(keep_alive);
    // A client told how long an idle connection is kept closes it before the hub does: otherwise one
    // that sends a request as the deadline passes sees the connection close under it.
    if (keep_alive) out_->set(bhttp::field::keep_alive, keep_alive_hint_);
    out_->prepare_payload();
    if (head) out_->body() = {};
    stream_.expires_after(limits().write_deadline);
    bhttp::async_write(stream_, *out_, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      if (!keep_alive) return self->linger();
      self->read_header();
    });
  }

  // Stops sending, then reads (and drops) what the client still sends, for a while: see kLingerBytes.
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    drain();
  }
  void drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->lingered_ += n;
      if (ec || self->lingered_ >= kLingerBytes) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  std::shared_ptr<Shared> shared_;
  std::string address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  Response answer_;
  std::optional<bhttp::response<bhttp::span_body<const char>>> out_;
  int served_ = 0;
  const std::string keep_alive_hint_ = "timeout=" + std::to_string(shared_->options.limits.header_deadline.count() / 2);
  std::array<char, 16 * 1024> scratch_{};
  std::size_t lingered_ = 0;
};

class Listener final : public Server {
 public:
  Listener(const Options& options, Handler handler)
      : shared_(std::make_shared<Shared>(options, std::move(handler))), acceptor_(io_) {}

  Status open() {
    const Options& options = shared_->options;
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
    if (ec) return Error{ErrorCode::malformed, "--host must be an IP address: " + options.host};
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
    const std::string where = options.host + ":" + std::to_string(options.port);
    // SO_REUSEADDR only (a restart binds at once); never SO_REUSEPORT, so a second hub cannot share the port.
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Error{ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message()};
    port_ = acceptor_.local_endpoint().port();
    raise_open_file_limit();
    return {};
  }

  int port() const override { return port_; }

  void run() override {
    accept();
    // This file is built with exceptions (Beast's headers throw): one that escapes a handler ends that
    // handler's connection, never the hub.
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& error) {
        std::fprintf(stderr, "fep-hub: %s\n", error.what());
      }
    }
  }

 private:
  // Every connection is a file descriptor: the soft limit (often 1024) up to the hard one.
  static void raise_open_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }

  void accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        admit(std::move(socket));
        return accept();
      }
      // Out of file descriptors: try again shortly rather than spin.
      retry_.emplace(io_, std::chrono::milliseconds(50));
      retry_->async_wait([this](beast::error_code) { accept(); });
    });
  }

  void admit(tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    std::string address = peer.address().to_string();
    if (!shared_->counts.admit(address, !shared_->trusted(address), shared_->options.limits)) return;  // closed
    // An answer goes out as headers and then body: with Nagle's algorithm the body would wait for the
    // client's delayed ACK, 40 ms on every request.
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<Connection>(std::move(socket), shared_, std::move(address))->start();
  }

  std::shared_ptr<Shared> shared_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  std::optional<asio::steady_timer> retry_;
  int port_ = 0;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::listen(const Options& options, Handler handler) {
  auto listener = std::make_unique<Listener>(options, std::move(handler));
  if (auto opened = listener->open(); !opened) return opened.error();
  return std::unique_ptr<Server>(std::move(listener));
}

}  // namespace fep::hub::http
