#include "core/log.h"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace guanxi::log {
namespace {
std::atomic<bool> quiet_{false};
}

void set_quiet(bool quiet) { quiet_ = quiet; }

void write(std::string_view level, std::string_view msg, boost::json::object fields) {
  if (quiet_) return;
  boost::json::object line;
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  line["ts"] = format_iso8601_utc(now_ms.count());
  line["level"] = level;
  line["msg"] = msg;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  const std::string text = boost::json::serialize(line) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace guanxi::log
