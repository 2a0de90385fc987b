#pragma once
// Request counts and a latency histogram per route, in Prometheus text format.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace guanxi::http {

class Metrics {
 public:
  // `route` is the route pattern (not the concrete path) so labels stay bounded.
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render_prometheus() const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> durations_;
};

}  // namespace guanxi::http
