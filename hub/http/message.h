// One HTTP request and its answer as the hub's routes see them: no server library's types, so the
// routes and their tests do not depend on how bytes reach the hub (hub/http/server.h does that).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fep::hub::http {

struct Request {
  std::string method;                        // HEAD is answered as GET, without the body
  std::string path;                          // the path as sent (still percent-encoded): what a DPoP proof's htu names
  std::map<std::string, std::string> query;  // decoded; a name given twice keeps its first value
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_addr;          // the peer, or the client a trusted proxy names (X-Forwarded-For)
  std::vector<std::string> params;  // the route's placeholders, decoded

  // A header's value ("" when absent); `name` in lower case.
  std::string header(std::string_view name) const;
  std::string query_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body that outlives the answer (a static file loaded at start): sent as it is, never copied.
  const std::string* shared_body = nullptr;

  void set_header(std::string name, std::string value);  // replaces a header of the same name
  std::string header(std::string_view name) const;       // "" when absent
  bool has_header(std::string_view name) const;
  const std::string& content() const { return shared_body ? *shared_body : body; }
};

// "%41b+c" -> "Ab+c" (`plus_is_space`: "Ab c", as a query's form encoding writes it); nullopt when a
// '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// Splits a target into its path and decoded query; false when the query cannot be decoded.
bool split_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace fep::hub::http
