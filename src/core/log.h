#pragma once
// One JSON object per line on stdout, so logs can be shipped and grepped.
#include <boost/json/object.hpp>
#include <string_view>

namespace guanxi::log {

// Silences every line (for commands whose stdout is data, e.g. `guanxi routes`).
void set_quiet(bool quiet);

// Writes {"ts":…,"level":…,"msg":…, …fields} as one line; thread-safe.
void write(std::string_view level, std::string_view msg, boost::json::object fields = {});
inline void info(std::string_view msg, boost::json::object fields = {}) { write("info", msg, std::move(fields)); }
inline void warn(std::string_view msg, boost::json::object fields = {}) { write("warn", msg, std::move(fields)); }
inline void error(std::string_view msg, boost::json::object fields = {}) { write("error", msg, std::move(fields)); }

}  // namespace guanxi::log
