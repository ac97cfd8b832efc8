#include "hub/compressed_cache.h"

#include "hub/compress.h"

namespace fep::hub {

std::shared_ptr<const std::string> CompressedCache::encoded(const std::string& tag, const std::string& body,
                                                            std::string_view coding) {
  const std::string key = std::string(coding) + " " + tag;
  {
    std::lock_guard lock(mutex_);
    if (const auto found = entries_.find(key); found != entries_.end()) return found->second;
  }
  auto made = std::make_shared<const std::string>(encode(body, coding));
  std::lock_guard lock(mutex_);
  if (entries_.emplace(key, made).second) {
    order_.push_back(key);
    used_ += made->size() + key.size();
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
