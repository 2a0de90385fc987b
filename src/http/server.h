#pragma once
// The HTTP/1.1 server (Boost.Beast on Asio). A few network threads do I/O;
// handlers run on a separate worker pool because they block on the database.
// The only translation unit that includes Beast is server.cpp.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/message.h"

namespace guanxi::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  int network_threads = 2;
  int worker_threads = 4;
  size_t max_body_bytes = 8 * 1024 * 1024;
  size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};    // also the keep-alive idle limit
  std::chrono::seconds shutdown_grace{4};   // time in-flight requests get after SIGTERM
};

using RequestHandler = std::function<Response(Request&)>;
// Answers a request the server refused before handling it (body or header too
// large, unparseable target); runs on a network thread, so it must not block.
using RejectHandler = std::function<Response(Request&, const Error&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, RejectHandler reject);
  ~Server();
  // Binds and listens; returns the bound "host:port". Throws on failure.
  std::string bind();
  // Serves until SIGINT/SIGTERM or stop(): then stops accepting, lets
  // in-flight requests finish (up to shutdown_grace), closes idle connections
  // and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guanxi::http
