#include "hub/fetch.h"

#include <curl/curl.h>

#include <memory>

namespace fep::hub {
namespace {

struct Body {
  std::string text;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  const std::size_t bytes = size * count;
  if (body->text.size() + bytes > body->limit) {
    body->too_large = true;
    return 0;  // ends the transfer
  }
  body->text.append(data, bytes);
  return bytes;
}

struct CurlCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

}  // namespace

Result<std::string> fetch_https(const std::string& url, const FetchOptions& options) {
  if (url.rfind("https://", 0) != 0) return Error{ErrorCode::unavailable, url + ": only https is fetched"};
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return Error{ErrorCode::unavailable, "libcurl did not start"};
  const std::unique_ptr<CURL, CurlCleanup> handle(curl_easy_init());
  if (!handle) return Error{ErrorCode::unavailable, "libcurl did not start"};
  Body body;
  body.limit = options.max_bytes;
  CURL* h = handle.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count() * 1000));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // a worker thread: no SIGALRM for timeouts
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  if (!options.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
  const CURLcode done = curl_easy_perform(h);
  if (body.too_large) return Error{ErrorCode::too_large, url + ": more than a signed object can be"};
  if (done != CURLE_OK) return Error{ErrorCode::unavailable, url + ": " + curl_easy_strerror(done)};
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return Error{ErrorCode::unavailable, url + ": HTTP " + std::to_string(status)};
  while (!body.text.empty() && (body.text.back() == '\n' || body.text.back() == '\r')) body.text.pop_back();
  return body.text;
}

}  // namespace fep::hub
