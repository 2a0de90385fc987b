#pragma once
// Upkeep while the server runs, on a thread of its own: the retention purges
// of the access log (SEC-7) and of the audit log (issue 4 point 6);
// 网络安全法 art. 21 asks for at least six months, PIPL for no longer than
// needed. A round runs a minute after start and
// then every six hours; one that fails is logged and tried again next time.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "app/config.h"
#include "app/services.h"
#include "core/clock.h"

namespace guanxi::app {

class Housekeeping {
 public:
  Housekeeping(Services& services, const Clock& clock, const Config& config);
  // Stops the thread, waiting for a round in progress.
  ~Housekeeping();

  // Starts the periodic rounds.
  void start(std::chrono::milliseconds first_after = std::chrono::minutes(1),
             std::chrono::milliseconds every = std::chrono::hours(6));
  struct Round {
    int64_t access_log_entries = 0;  // removed (0 when its retention is off)
    int64_t audit_entries = 0;
  };
  // One round now.
  Round run_once();

 private:
  void run(std::chrono::milliseconds first_after, std::chrono::milliseconds every);

  Services& services_;
  const Clock& clock_;
  int retention_days_;
  int audit_retention_days_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace guanxi::app
