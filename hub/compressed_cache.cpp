#include "hub/compressed_cache.h"

#include "hub/compress.h"

namespace fep::hub {

std::shared_ptr<const std::string> CompressedCache::gzip_of(const std::string& tag, const std::string& body) {
  {
    std::lock_guard lock(mutex_);
    if (const auto found = entries_.find(tag); found != entries_.end()) return found->second;
  }
  auto made = std::make_shared<const std::string>(gzip(body));
  std::lock_guard lock(mutex_);
  if (entries_.emplace(tag, made).second) {
    order_.push_back(tag);
    used_ += made->size() + tag.size();
    while (used_ > budget_ && !order_.empty()) {
      const auto oldest = entries_.find(order_.front());
      used_ -= oldest->second->size() + oldest->first.size();
      entries_.erase(oldest);
      order_.pop_front();
    }
  }
  return made;
}

}  // namespace fep::hub
