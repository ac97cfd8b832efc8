// The hub's HTTP/1.1 server (Boost.Beast over Asio): a few threads wait on every connection, so an idle
// or slow client costs memory, not a thread; the routes run on a pool of workers (they may wait for the
// database). Every limit an attacker would probe is enforced here, while bytes are read, before any
// route runs: docs/hub.md, "Under attack".
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "hub/http/message.h"

namespace fep::hub::http {

struct Limits {
  std::size_t max_body = 1024 * 1024;  // any transfer encoding, counted while it is read: 413
  std::size_t max_header = 16 * 1024;  // request line and headers: 431
  // From a connection's start, or its last answer, until the request's headers are in: an idle
  // keep-alive connection and a client trickling its headers both end here.
  std::chrono::seconds header_deadline{10};
  std::chrono::seconds body_deadline{30};  // the whole body, once the headers are in (1 MiB on 2G)
  std::chrono::seconds write_deadline{30};
  int connections_per_address = 128;  // a trusted proxy is exempt: it carries every client
  int connections = 10000;            // in all (the hub raises its open-file limit to fit)
  int requests_per_connection = 1000;
  int workers = 16;  // threads that run routes (the database's connection pool is 12)
};

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  Limits limits;
  // Peers whose X-Forwarded-For names the client (the proxy in front, e.g. 127.0.0.1): only theirs.
  std::vector<std::string> trusted_proxies;
};

// Runs a route. The request is the handler's to fill in (a route's placeholders), never copied.
using Handler = std::function<void(Request&, Response&)>;

class Server {
 public:
  // Listens on host:port (a port another process holds is an error, never shared).
  static Result<std::unique_ptr<Server>> listen(const Options& options, Handler handler);
  virtual ~Server() = default;
  virtual int port() const = 0;
  // Serves until the process ends.
  virtual void run() = 0;
};

}  // namespace fep::hub::http
