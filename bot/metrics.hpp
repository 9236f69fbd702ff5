#pragma once
// Prometheus text-format metrics: requests by route and status, a latency
// histogram, and gauges that other parts register (outbox depth, ...).

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace bot {

class Metrics {
public:
    Metrics();
    void observe_request(const std::string& route, unsigned status, double seconds);
    // A gauge read at scrape time, e.g. the number of dead outbox rows.
    void add_gauge(std::string name, std::string help, std::function<double()> read);
    void count(const std::string& name, double by = 1.0);  // a counter by name
    std::string render() const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    struct Gauge {
        std::string name, help;
        std::function<double()> read;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size() + 1> buckets_{};
    double latency_sum_ = 0;
    std::uint64_t latency_count_ = 0;
    std::map<std::string, double> counters_;
    std::vector<Gauge> gauges_;
};

}  // namespace bot
