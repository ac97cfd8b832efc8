#include "hub/dashboard_refresher.h"

#include <vector>

namespace fep::hub {
namespace {

constexpr std::chrono::minutes kCheckEvery{1};
constexpr std::chrono::hours kWatchFor{24};

}  // namespace

DashboardRefresher::DashboardRefresher(Store& store, Issuer issuer, std::function<date::sys_seconds()> clock)
    : store_(store), issuer_(std::move(issuer)), clock_(std::move(clock)), thread_([this] { run(); }) {}

DashboardRefresher::~DashboardRefresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_one();
  thread_.join();
}

void DashboardRefresher::watch(const Account& staff, const Scope& scope) {
  std::lock_guard lock(mutex_);
  watched_[staff.id + " " + scope.text()] = {staff, scope, clock_()};
}

void DashboardRefresher::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

void DashboardRefresher::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wakeup_.wait_for(lock, kCheckEvery, [this] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
    lock.unlock();
    refresh_all();
    lock.lock();
  }
}

void DashboardRefresher::refresh_all() {
  std::vector<Watched> due;
  {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    for (auto it = watched_.begin(); it != watched_.end();) {
      if (now - it->second.asked > kWatchFor) {
        it = watched_.erase(it);
      } else {
        due.push_back(it->second);
        ++it;
      }
    }
  }
  // issue_dashboard keeps a current one as it is. A store failure is tried again at the next check;
  // a dashboard never goes out half computed.
  for (const auto& w : due) (void)issue_dashboard(store_, issuer_, w.staff, w.scope, clock_());
}

}  // namespace fep::hub
