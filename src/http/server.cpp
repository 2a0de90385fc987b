#include "http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/file_body.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/log.h"
#include "core/messages.h"
#include "core/random.h"
#include "http/context.h"

namespace guanxi::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

class Session;

struct Shared {
  Shared(ServerOptions o, RequestHandler h, RejectHandler r)
      : options(std::move(o)),
        handler(std::move(h)),
        reject(std::move(r)),
        ioc(options.network_threads),
        workers(options.worker_threads) {}
  ServerOptions options;
  RequestHandler handler;
  RejectHandler reject;
  net::io_context ioc;
  net::thread_pool workers;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<Session>> sessions;

  void track(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(sessions_mutex);
    std::erase_if(sessions, [](const auto& s) { return s.expired(); });
    sessions.push_back(session);
  }
  std::vector<std::shared_ptr<Session>> live_sessions() {
    std::lock_guard lock(sessions_mutex);
    std::vector<std::shared_ptr<Session>> out;
    for (auto& s : sessions) {
      if (auto p = s.lock()) out.push_back(std::move(p));
    }
    return out;
  }
};

Response safe_handle(Shared& shared, Request& request) {
  try {
    return shared.handler(request);
  } catch (...) {
    // The handler has its own guard; this one only catches a failure in it.
    log::error("handler threw", {{"request_id", request.request_id}});
    return problem_response(Error::make(500, "internal_error"), Locale::zh_CN, request.request_id);
  }
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }

  void start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

  // Called during shutdown: closes the connection unless a request is being
  // handled (that one finishes and then closes, since keep-alive is off).
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->busy_) return;
      beast::error_code ec;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      self->stream_.socket().close(ec);
    });
  }

 private:
  void read() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
    stream_.expires_after(shared_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec == bhttp::error::end_of_stream) return close();
    if (ec == bhttp::error::body_limit) {
      return reject(Error::make(413, "payload_too_large", {std::to_string(shared_.options.max_body_bytes)}));
    }
    if (ec == bhttp::error::header_limit) return reject(Error::make(431, "headers_too_large"));
    if (ec) return;  // timeout, reset or garbage: drop the connection

    busy_ = true;
    auto& message = parser_->get();
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == bhttp::verb::head;
    auto request = std::make_shared<Request>(request_head());
    request->body = std::move(message.body());
    if (!parse_target(request->target, request->path, request->query)) {
      request->path = request->target;  // for the log line
      return write(shared_.reject(*request, Error::make(400, "bad_request")), false, head, false);
    }
    net::post(shared_.workers, [self = shared_from_this(), request, keep_alive, head] {
      Response response = safe_handle(self->shared_, *request);
      net::post(self->stream_.get_executor(), [self, response = std::move(response), keep_alive, head]() mutable {
        self->write(std::move(response), keep_alive, head, false);
      });
    });
  }

  // The request line and headers read so far (all of them once the header is
  // done; Beast raises body_limit from Content-Length before that flag is set,
  // but the fields are already there).
  Request request_head() {
    Request request;
    const auto& message = parser_->get();
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.path = request.target.substr(0, request.target.find('?'));
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.remote_address = remote_;
    const std::string_view inbound_id = request.header("x-request-id");
    if (!inbound_id.empty() && inbound_id.size() <= 64) request.request_id = std::string(inbound_id);
    return request;
  }

  void reject(const Error& error) {
    busy_ = true;
    Request request = request_head();
    write(shared_.reject(request, error), false, false, true);
  }

  void write(Response response, bool keep_alive, bool head, bool drain_after) {
    if (!response.body_file.empty()) return write_file(std::move(response), keep_alive, head);
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    res->set(bhttp::field::server, "guanxi");
    if (!response.content_type.empty()) res->set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) res->insert(name, value);
    const size_t length = response.body.size();
    res->body() = std::move(response.body);
    keep_alive = keep_alive && !shared_.stopping;
    res->keep_alive(keep_alive);
    res->prepare_payload();
    if (head) {
      res->body().clear();
      res->content_length(length);
    }
    response_ = res;
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), keep_alive, drain_after](beast::error_code ec, size_t) {
                         self->on_write(ec, keep_alive, drain_after);
                       });
  }

  // A body the handler left in a file: sent from disk, then deleted, so the
  // process never holds it in memory.
  void write_file(Response response, bool keep_alive, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::file_body>>();
    beast::error_code ec;
    res->body().open(response.body_file.c_str(), beast::file_mode::scan, ec);
    std::remove(response.body_file.c_str());  // the open descriptor keeps it readable until sent
    if (ec) {
      log::error("response file vanished", {{"path", response.body_file}});
      Response failed = problem_response(Error::make(500, "internal_error"), Locale::zh_CN, "");
      return write(std::move(failed), false, head, false);
    }
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    res->set(bhttp::field::server, "guanxi");
    if (!response.content_type.empty()) res->set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) res->insert(name, value);
    keep_alive = keep_alive && !shared_.stopping;
    res->keep_alive(keep_alive);
    res->prepare_payload();
    if (head) {
      const auto length = res->body().size();
      res->body().close();
      auto empty = std::make_shared<bhttp::response<bhttp::empty_body>>(std::move(res->base()));
      empty->content_length(length);
      response_ = empty;
      return bhttp::async_write(stream_, *empty, [self = shared_from_this(), keep_alive](beast::error_code e, size_t) {
        self->on_write(e, keep_alive, false);
      });
    }
    response_ = res;
    write_file_part(std::make_shared<bhttp::response_serializer<bhttp::file_body>>(*res), keep_alive);
  }

  // A stream's deadline covers everything written until it is set again, so a
  // large file on a slow link is written part by part, each with its own
  // deadline: only a stalled client is cut off, not a slow one.
  void write_file_part(std::shared_ptr<bhttp::response_serializer<bhttp::file_body>> serializer, bool keep_alive) {
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_write_some(stream_, *serializer,
                            [self = shared_from_this(), serializer, keep_alive](beast::error_code e, size_t) {
                              if (e || serializer->is_done()) return self->on_write(e, keep_alive, false);
                              self->write_file_part(serializer, keep_alive);
                            });
  }

  void on_write(beast::error_code ec, bool keep_alive, bool drain_after) {
    response_.reset();
    busy_ = false;
    if (ec) return;
    if (drain_after) return drain();
    if (!keep_alive) return close();
    read();
  }

  // After refusing a request whose body is still arriving, read and discard
  // it for a moment: closing with unread data makes the kernel send RST, and
  // the client would lose the 413 we just sent.
  void drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->drain_more();
    });
  }
  void drain_more() {
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->drain_more();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::array<char, 16 * 1024> drain_buffer_{};
  std::string remote_;
  bool busy_ = false;  // only touched on this session's strand
};

std::pair<std::string, unsigned short> split_host_port(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be host:port, got " + listen);
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))};
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, RequestHandler handler, RejectHandler reject)
      : shared(std::move(options), std::move(handler), std::move(reject)),
        acceptor(shared.ioc),
        signals(shared.ioc, SIGINT, SIGTERM),
        shutdown_timer(shared.ioc),
        guard(net::make_work_guard(shared.ioc)) {}

  Shared shared;
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer shutdown_timer;
  std::chrono::steady_clock::time_point shutdown_deadline;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;

  void accept() {
    acceptor.async_accept(net::make_strand(shared.ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (!shared.stopping && acceptor.is_open()) accept();
        return;
      }
      auto session = std::make_shared<Session>(std::move(socket), shared);
      shared.track(session);
      session->start();
      accept();
    });
  }

  void begin_shutdown() {
    if (shared.stopping.exchange(true)) return;
    log::info("shutting down", {{"grace_seconds", shared.options.shutdown_grace.count()}});
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    shutdown_deadline = std::chrono::steady_clock::now() + shared.options.shutdown_grace;
    tick_shutdown();
  }

  void tick_shutdown() {
    auto live = shared.live_sessions();
    if (live.empty() || std::chrono::steady_clock::now() >= shutdown_deadline) {
      if (!live.empty()) log::warn("shutdown grace over; closing busy connections", {{"connections", live.size()}});
      guard.reset();
      shared.ioc.stop();
      return;
    }
    for (auto& session : live) session->close_if_idle();
    live.clear();
    shutdown_timer.expires_after(std::chrono::milliseconds(20));
    shutdown_timer.async_wait([this](beast::error_code ec) {
      if (!ec) tick_shutdown();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler handler, RejectHandler reject)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(reject))) {}

Server::~Server() {
  impl_->shared.ioc.stop();
  impl_->shared.workers.join();
}

std::string Server::bind() {
  auto [host, port] = split_host_port(impl_->shared.options.listen);
  tcp::endpoint endpoint(net::ip::make_address(host), port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(net::socket_base::max_listen_connections);
  const auto bound = acceptor.local_endpoint();
  const std::string address = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                       : bound.address().to_string();
  return address + ":" + std::to_string(bound.port());
}

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->begin_shutdown();
  });
  impl_->accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->shared.options.network_threads; ++i) {
    threads.emplace_back([this] { impl_->shared.ioc.run(); });
  }
  impl_->shared.ioc.run();
  for (auto& t : threads) t.join();
  impl_->shared.workers.join();
}

void Server::stop() {
  net::post(impl_->shared.ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace guanxi::http
