#include "app/housekeeping.h"

#include <boost/json/serialize.hpp>

#include "core/log.h"

namespace guanxi::app {

Housekeeping::Housekeeping(Services& services, const Clock& clock, const Config& config)
    : services_(services),
      clock_(clock),
      retention_days_(config.access_log_retention_days),
      audit_retention_days_(config.audit_retention_days) {}

Housekeeping::~Housekeeping() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Housekeeping::start(std::chrono::milliseconds first_after, std::chrono::milliseconds every) {
  thread_ = std::thread([this, first_after, every] { run(first_after, every); });
}

Housekeeping::Round Housekeeping::run_once() {
  Round round;
  if (audit_retention_days_ > 0) {
    const auto purged = services_.audit.purge_before(clock_.now_ms() - int64_t{audit_retention_days_} * 86'400'000);
    round.audit_entries = purged.entries;
    if (purged.entries > 0) {
      log::info("audit log purged", {{"entries", purged.entries}, {"purged_through", purged.purged_through}});
    }
  }
  if (retention_days_ <= 0) return round;
  const int64_t before = clock_.now_ms() - int64_t{retention_days_} * 86'400'000;
  const int64_t removed = services_.access_log.purge_before(before);
  round.access_log_entries = removed;
  if (removed > 0) {
    // Deleting log entries is itself security-relevant: the audit chain says when and how many.
    services_.audit.append({std::nullopt, "system", "access_log.purged", "access_log", "", "",
                            boost::json::serialize(boost::json::object{
                                {"before", before}, {"entries", removed}, {"retention_days", retention_days_}})});
    log::info("access log purged", {{"entries", removed}, {"retention_days", retention_days_}});
  }
  return round;
}

void Housekeeping::run(std::chrono::milliseconds first_after, std::chrono::milliseconds every) {
  std::unique_lock lock(mutex_);
  auto next = std::chrono::steady_clock::now() + first_after;
  while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
    lock.unlock();
    try {
      run_once();
    } catch (const std::exception& e) {
      log::error("housekeeping round failed", {{"error", e.what()}});
    }
    lock.lock();
    next = std::chrono::steady_clock::now() + every;
  }
}

}  // namespace guanxi::app
