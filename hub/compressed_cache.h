// Each signed object the hub serves, compressed once per coding (Brotli, gzip) and kept while memory
// allows: a bundle is immutable under its signature, so its compressed bytes never go stale. Without it
// every fetch of a 50 KB bundle paid a millisecond of deflate. Bounded by bytes; the oldest go first.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fep::hub {

class CompressedCache {
 public:
  explicit CompressedCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // `body`, whose signature is `tag`, in `coding` ("br" or "gzip"); computed on a miss (outside the lock).
  std::shared_ptr<const std::string> encoded(const std::string& tag, const std::string& body, std::string_view coding);

 private:
  std::size_t budget_, used_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
  std::deque<std::string> order_;  // oldest first
  std::mutex mutex_;
};

}  // namespace fep::hub
