#include "bot/metrics.hpp"

#include <sstream>

#include <fmt/format.h>

namespace bot {

Metrics::Metrics() = default;

void Metrics::observe_request(const std::string& route, unsigned status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    std::size_t i = 0;
    while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
    ++buckets_[i];
    latency_sum_ += seconds;
    ++latency_count_;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

void Metrics::count(const std::string& name, double by) {
    std::lock_guard lock(mutex_);
    counters_[name] += by;
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP sitelead_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE sitelead_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out += fmt::format("sitelead_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                           key.first, key.second, n);
    out += "# HELP sitelead_http_request_duration_seconds Time from request to response.\n";
    out += "# TYPE sitelead_http_request_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += buckets_[i];
        out += fmt::format("sitelead_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                           kBuckets[i], cumulative);
    }
    cumulative += buckets_[kBuckets.size()];
    out += fmt::format("sitelead_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                       cumulative);
    out += fmt::format("sitelead_http_request_duration_seconds_sum {}\n", latency_sum_);
    out += fmt::format("sitelead_http_request_duration_seconds_count {}\n", latency_count_);
    for (const auto& [name, value] : counters_) {
        out += fmt::format("# TYPE {} counter\n{} {}\n", name, name, value);
    }
    for (const auto& g : gauges_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name,
                           g.read());
    }
    return out;
}

}  // namespace bot
