#pragma once
// Time comes from an injectable clock so rules about minutes and days (session
// expiry, lockouts) are tested without waiting.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace guanxi {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // Milliseconds since the Unix epoch (UTC): the form timestamps take in the database.
  int64_t now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock tests move by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'767'225'600'000)  // 2026-01-01T00:00:00Z
      : ms_(start_ms) {}
  TimePoint now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

 private:
  std::atomic<int64_t> ms_;
};

// 2026-11-23T08:05:00.123Z
std::string format_iso8601_utc(int64_t epoch_ms);

// The business date in Asia/Shanghai as YYYYMMDD (e.g. 20261123). China has
// kept UTC+8 without daylight saving since 1991, so a fixed offset is exact
// for every date the system stores.
int business_date(int64_t epoch_ms);
// The same date as YYYY-MM-DD (e.g. "2026-11-23").
std::string business_date_iso(int64_t epoch_ms);

}  // namespace guanxi
