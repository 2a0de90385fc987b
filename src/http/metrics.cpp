#include "http/metrics.h"

#include <cstdio>
#include <set>
#include <sstream>

namespace guanxi::http {
namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string format_double(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

void Metrics::observe(const std::string& raw_method, const std::string& route, int status, double seconds) {
  // Clients choose the method; only known ones become labels, so a client
  // cannot grow the series without bound.
  static const std::set<std::string, std::less<>> known = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  const std::string method = known.contains(raw_method) ? raw_method : "OTHER";
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  Histogram& h = durations_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP guanxi_http_requests_total HTTP requests by method, route and status.\n"
         "# TYPE guanxi_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out << "guanxi_http_requests_total{method=\"" << method << "\",route=\"" << escape_label(route)
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP guanxi_http_request_duration_seconds Time to handle a request, by route.\n"
         "# TYPE guanxi_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : durations_) {
    const std::string labels = "method=\"" + key.first + "\",route=\"" + escape_label(key.second) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "guanxi_http_request_duration_seconds_bucket{" << labels << ",le=\"" << format_double(kBuckets[i])
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "guanxi_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
    out << "guanxi_http_request_duration_seconds_sum{" << labels << "} " << format_double(h.sum) << "\n";
    out << "guanxi_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  return out.str();
}

}  // namespace guanxi::http
