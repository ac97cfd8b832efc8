// Keeps the dashboards staff look at current without making anyone wait for one: each dashboard asked
// for in the last day is checked when a record changes (wake) and every minute (another process may
// have changed one), and signed again, in the background, when a bundle in it changed. One thread per
// hub process; several processes may refresh the same dashboard (the store gives each seq once).
#pragma once

#include <date/date.h>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "hub/dashboards.h"

namespace fep::hub {

class DashboardRefresher {
 public:
  DashboardRefresher(Store& store, Issuer issuer, std::function<date::sys_seconds()> clock);
  ~DashboardRefresher();  // stops the thread and waits for it
  DashboardRefresher(const DashboardRefresher&) = delete;
  DashboardRefresher& operator=(const DashboardRefresher&) = delete;

  // `staff` asked for the dashboard of `scope` now: keep it current for a day.
  void watch(const Account& staff, const Scope& scope);
  // A record changed: check the watched dashboards now.
  void wake();

 private:
  struct Watched {
    Account staff;
    Scope scope;
    date::sys_seconds asked;
  };
  void run();
  void refresh_all();

  Store& store_;
  Issuer issuer_;
  std::function<date::sys_seconds()> clock_;
  std::mutex mutex_;
  std::condition_variable wakeup_;
  std::map<std::string, Watched> watched_;
  bool woken_ = false, stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace fep::hub
