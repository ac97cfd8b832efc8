// fep-hub's HTTP front door: a route table (parse, authenticate, authorise, call, answer) over
// hub/http/server.h, which reads and writes the bytes. Every rule lives in auth.*, bundles.*,
// contacts.* or the core.
#pragma once

#include <date/date.h>

#include <functional>
#include <string>
#include <vector>

#include "hub/keys.h"
#include "hub/static_files.h"
#include "hub/store.h"
#include "hub/transfers.h"

namespace fep::hub {

// Database connections one process opens (PostgreSQL): threads wait for one, the server is not flooded.
inline constexpr int kDatabaseConnections = 12;
// Memory one process gives to compressed signed objects (about 7 KB per student's bundle).
inline constexpr std::size_t kCompressedCacheBytes = 256u << 20;

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port
  std::string public_url;  // the URL proofs name (htu); empty: http://<host>:<port>, never the Host header
  // The proxy in front (docs/deploy/): the only peers whose X-Forwarded-For names the client.
  std::vector<std::string> trusted_proxies;
  std::string iss;
  // School sites that embed the widget and call the API from the browser (exact origins, e.g.
  // "https://www.lincoln.example.org"): answered with CORS headers and preflights.
  std::vector<std::string> cors_origins;
  // The widget and its pages (scripts/bundle.mjs lays them out in build/site); null: API only.
  const StaticFiles* site = nullptr;
  // The trust directory transfers are verified against (--directory); empty: no transfers.
  TrustDirectory directory;
};

// Serves until the process is stopped. `ready(port)` is called once listening (tests read the port).
// `clock` is the hub's notion of now.
int serve(Store& store, const Keys& keys, const ServerConfig& config, const std::function<void(int)>& ready,
          const std::function<date::sys_seconds()>& clock);

}  // namespace fep::hub
