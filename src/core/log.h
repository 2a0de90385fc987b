#pragma once
// One JSON object per line on stdout, so logs can be shipped and grepped.
#include <boost/json/object.hpp>
#include <string_view>

namespace guanxi::log {

// Silences every line (for commands whose stdout is data, e.g. `guanxi routes`).
void set_quiet(bool quiet);

// Info lines gathered and written every 50 ms (the server, bulk commands)
// instead of one by one; warnings and errors are always written at once.
void set_buffered(bool buffered);

// Writes {"ts":…,"level":…,"msg":…, …fields} as one line; thread-safe.
void write(std::string_view level, std::string_view msg, boost::json::object fields = {});
// Writes out every line logged so far (before handing stdout to other output).
void flush();

inline void info(std::string_view msg, boost::json::object fields = {}) { write("info", msg, std::move(fields)); }
inline void warn(std::string_view msg, boost::json::object fields = {}) { write("warn", msg, std::move(fields)); }
inline void error(std::string_view msg, boost::json::object fields = {}) { write("error", msg, std::move(fields)); }

}  // namespace guanxi::log
