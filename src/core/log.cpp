#include "core/log.h"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"

namespace guanxi::log {
namespace {

std::atomic<bool> quiet_{false};
std::atomic<bool> buffered_{false};

// When buffered, lines are gathered and written to stdout every 50 ms by one
// thread: a write and flush per line cost a system call per request under
// load (the server's request lines, demo-data's audit lines). Warnings and
// errors go out at once, with everything before them, so the line that
// explains a crash is not the one left in the buffer.
class Sink {
 public:
  static Sink& instance() {
    // Never destroyed: threads may log during shutdown. atexit flushes it.
    static Sink* sink = [] {
      auto* s = new Sink();
      std::atexit([] { instance().flush(); });
      return s;
    }();
    return *sink;
  }

  void append(const std::string& text, bool urgent) {
    std::unique_lock lock(mutex_);
    buffer_ += text;
    if (urgent || buffer_.size() >= kFlushBytes) {
      write_locked();
      return;
    }
    if (!flusher_started_) {
      flusher_started_ = true;
      std::thread([this] { run(); }).detach();
    }
  }

  void flush() {
    std::lock_guard lock(mutex_);
    write_locked();
  }

 private:
  static constexpr size_t kFlushBytes = 64 * 1024;

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait_for(lock, std::chrono::milliseconds(50));
      write_locked();
    }
  }

  void write_locked() {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    std::fflush(stdout);
    buffer_.clear();
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string buffer_;
  bool flusher_started_ = false;
};

}  // namespace

void set_quiet(bool quiet) { quiet_ = quiet; }

void set_buffered(bool buffered) {
  buffered_ = buffered;
  if (!buffered) flush();
}

void flush() { Sink::instance().flush(); }

void write(std::string_view level, std::string_view msg, boost::json::object fields) {
  if (quiet_) return;
  boost::json::object line;
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  line["ts"] = format_iso8601_utc(now_ms.count());
  line["level"] = level;
  line["msg"] = msg;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  Sink::instance().append(boost::json::serialize(line) + "\n", !buffered_ || level != "info");
}

}  // namespace guanxi::log
