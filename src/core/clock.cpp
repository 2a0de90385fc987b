#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace guanxi {

std::string format_iso8601_utc(int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(epoch_ms % 1000));
  return buf;
}

}  // namespace guanxi

namespace guanxi {

int business_date(int64_t epoch_ms) {
  using namespace std::chrono;
  const auto local = sys_days(floor<days>(milliseconds(epoch_ms + 8LL * 3600 * 1000)));
  const year_month_day ymd(local);
  return static_cast<int>(ymd.year()) * 10000 + static_cast<int>(static_cast<unsigned>(ymd.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(ymd.day()));
}

std::string business_date_iso(int64_t epoch_ms) {
  const int d = business_date(epoch_ms);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return text;
}

}  // namespace guanxi
