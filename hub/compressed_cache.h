// The gzip of each signed object the hub serves, made once and kept while memory allows: a bundle is
// immutable under its signature, so its compressed bytes never go stale. Without it every fetch of a
// 50 KB bundle paid a millisecond of deflate. Bounded by bytes; the oldest entries go first.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fep::hub {

class CompressedCache {
 public:
  explicit CompressedCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The gzip of `body`, whose signature is `tag`; computed on a miss (outside the lock).
  std::shared_ptr<const std::string> gzip_of(const std::string& tag, const std::string& body);

 private:
  std::size_t budget_, used_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
  std::deque<std::string> order_;  // oldest first
  std::mutex mutex_;
};

}  // namespace fep::hub
