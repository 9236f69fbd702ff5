// A closed-loop HTTP/1.1 load generator for sitelead-bot: N keep-alive
// connections on one thread, each sending its next request as soon as the
// previous answer arrives. Slack requests are signed on the fly, exactly as
// Slack signs them, so the server's verification path is measured too.
//
//   loadgen --port 3000 --mode healthz|help|digest|pto|expense|office|faq --connections 32
//           --seconds 10 [--secret S] [--users N] [--user-prefix UBENCH] [--entries N]
//   loadgen --write-site FILE --users N [--faq FILE [--examples FILE]]   (the benchmark's
//           site configuration)
//   loadgen --write-faq FILE --entries N [--write-examples FILE]   (a generated FAQ of N
//           entries, and its classifier's examples)
//
// Prints requests/s, p50/p90/p99/max latency and the status counts.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fstream>

#include <date/date.h>
#include <CLI/CLI.hpp>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "bot/slack/requests.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string host = "127.0.0.1";
    unsigned short port = 3000;
    std::string mode = "healthz";
    int connections = 32;
    double seconds = 10;
    std::string secret = "bench-signing-secret";
    int users = 1000;
    std::string user_prefix = "UBENCH";
    int entries = 10000;  // of the generated FAQ
    // The number of the first request: a run after another against the same
    // server starts where that one stopped (`/pto` requests never repeat).
    long long first = 0;
};

// Five letters spelling n in base 26, scrambled so that neighbours differ in
// every letter: "qzkeb". Distinct for every n below 26^5.
std::string made_up_word(long long n) {
    unsigned long long x = static_cast<unsigned long long>(n) * 2654435761ULL % 11881376ULL;
    std::string w(5, 'a');
    for (char& c : w) {
        c = static_cast<char>('a' + x % 26);
        x /= 26;
    }
    return w;
}

// The generated FAQ's entry i is about two made-up things of its own.
std::string faq_thing(long long i) {
    return made_up_word(2 * i) + " " + made_up_word(2 * i + 1);
}

// Produces the i-th request of a mode. For `pto` every request is a new
// single-day vacation request: user i % users on the (i / users)-th working
// day after a fixed start, so no two requests overlap. For `expense` every
// request submits a meal with a receipt link (below the limit, with an
// amount of its own so that none is flagged a duplicate), which goes to the
// user's manager for approval. For `office` every request files a ticket
// in words no other report shares (made-up words from its number), so none
// is offered as a repeat of another and each is filed and posted to BizOps.
// For `faq` every request asks about entry i % entries of the generated FAQ
// as people type it: lower case, "pls", and every fourth with a typo.
class Requests {
public:
    explicit Requests(const Options& o) : o_(o) {}

    http::request<http::string_body> make(long long i) const {
        http::request<http::string_body> req;
        req.version(11);
        req.keep_alive(true);
        req.set(http::field::host, o_.host);
        if (o_.mode == "healthz") {
            req.method(http::verb::get);
            req.target("/healthz");
            return req;
        }
        std::string user, text, command;
        if (o_.mode == "help") {
            user = o_.user_prefix + std::to_string(i % o_.users);
            command = "/sitelead";
            text = "help";
        } else if (o_.mode == "digest") {
            user = "UBENCHLEAD";  // the site lead's digest, read on the io thread
            command = "/sitelead";
            text = "digest";
        } else if (o_.mode == "office") {
            user = o_.user_prefix + std::to_string(i % o_.users);
            command = "/office";
            text = "the " + made_up_word(4 * i) + " " + made_up_word(4 * i + 1) + " by the " +
                   made_up_word(4 * i + 2) + " won't " + made_up_word(4 * i + 3);
        } else if (o_.mode == "faq") {
            user = o_.user_prefix + std::to_string(i % o_.users);
            command = "/faq";
            std::string thing = faq_thing(i % o_.entries);
            if (i % 4 == 0) std::swap(thing[1], thing[2]);
            text = "where do i find the " + thing + " pls";
        } else if (o_.mode == "expense") {
            user = o_.user_prefix + std::to_string(i % o_.users);
            command = "/expense";
            text = std::to_string(10 + (i / o_.users) % 40) + "." + std::to_string(10 + i % 90) +
                   " meals bench lunch https://receipts.example.com/" + std::to_string(i) + ".pdf";
        } else {
            user = o_.user_prefix + std::to_string(i % o_.users);
            command = "/pto";
            text = date::format("%F", working_day(i / o_.users)) + " vacation bench";
        }
        bot::slack::SlashCommand cmd;
        cmd.user_id = user;
        cmd.user_name = "bench";
        cmd.command = command;
        cmd.text = text;
        cmd.channel_id = "C0BENCH";
        cmd.team_id = "T0BENCH";
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch());
        const auto signed_request =
            bot::slack::sign_request(o_.secret, std::string(bot::slack::kFormType),
                                     bot::slack::slash_body(cmd), now.count());
        req.method(http::verb::post);
        req.target("/slack/events");
        for (const auto& [name, value] : signed_request.headers()) req.set(name, value);
        req.body() = signed_request.body;
        req.prepare_payload();
        return req;
    }

private:
    // Working days from next year's Jan 4 onward, so dates are never past.
    static date::sys_days working_day(long long n) {
        const auto today = date::floor<date::days>(std::chrono::system_clock::now());
        const auto year = date::year_month_day{today}.year() + date::years{1};
        date::sys_days d = date::sys_days{year / date::January / 4};
        while (date::weekday{d} != date::Monday) d += date::days{1};
        return d + date::days{(n / 5) * 7 + n % 5};
    }
    const Options& o_;
};

struct Stats {
    std::vector<double> latencies_ms;
    std::map<unsigned, long long> statuses;
    long long errors = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(net::io_context& io, const Options& o, const Requests& reqs, Stats& stats,
               long long& next, Clock::time_point deadline)
        : stream_(io), o_(o), reqs_(reqs), stats_(stats), next_(next), deadline_(deadline) {}

    void start() {
        stream_.async_connect(tcp::endpoint(net::ip::make_address(o_.host), o_.port),
                              [self = shared_from_this()](beast::error_code ec) {
                                  if (ec) return self->fail(ec);
                                  self->send();
                              });
    }

private:
    void send() {
        if (Clock::now() >= deadline_) return;
        req_ = reqs_.make(next_++);
        started_ = Clock::now();
        http::async_write(
            stream_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec) return self->fail(ec);
                self->res_ = {};
                http::async_read(
                    self->stream_, self->buffer_, self->res_,
                    [self](beast::error_code ec, std::size_t) {
                        if (ec) return self->fail(ec);
                        self->stats_.latencies_ms.push_back(
                            std::chrono::duration<double, std::milli>(Clock::now() - self->started_)
                                .count());
                        ++self->stats_.statuses[self->res_.result_int()];
                        self->send();
                    });
            });
    }
    void fail(beast::error_code ec) {
        ++stats_.errors;
        std::fprintf(stderr, "connection error: %s\n", ec.message().c_str());
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
    const Options& o_;
    const Requests& reqs_;
    Stats& stats_;
    long long& next_;
    Clock::time_point deadline_;
    Clock::time_point started_;
};

// A site whose directory holds `users` employees (UBENCH0...) in teams of
// ten, each with its manager, with allowances large enough that no
// benchmark request is refused.
int write_site(const Options& o, const std::string& path, const std::string& faq,
               const std::string& examples) {
    nlohmann::json people = nlohmann::json::array();
    people.push_back(
        {{"slack_id", "UBENCHLEAD"}, {"name", "Bench Lead"}, {"roles", {"site_lead"}}});
    for (int team = 0; team * 10 < o.users; ++team)
        people.push_back({{"slack_id", "UBENCHMGR" + std::to_string(team)},
                          {"name", "Bench Manager " + std::to_string(team)},
                          {"manager", "UBENCHLEAD"}});
    for (int i = 0; i < o.users; ++i)
        people.push_back({{"slack_id", o.user_prefix + std::to_string(i)},
                          {"name", "Bench User " + std::to_string(i)},
                          {"manager", "UBENCHMGR" + std::to_string(i / 10)}});
    nlohmann::json site = {
        {"log_level", "warn"},
        {"server", {{"address", o.host}, {"port", o.port}, {"threads", 2}}},
        {"database", {{"path", "bench.db"}, {"synchronous", "FULL"}}},
        {"slack", {{"signing_secret", o.secret}, {"bizops_channel", "C0BENCH"}}},
        {"site", {{"name", "Bench Office"}, {"time_zone", "Europe/Lisbon"}}},
        {"pto",
         {{"max_request_days", 30},
          {"types", {{{"name", "vacation"}, {"allowance", 5000}, {"needs_approval", true}}}},
          {"default_type", "vacation"}}},
        {"people", people}};
    if (!faq.empty()) site["faq"] = {{"seed_file", faq}};
    if (!examples.empty()) site["faq"]["examples_file"] = examples;
    std::ofstream(path) << site.dump(2) << "\n";
    return 0;
}

// A FAQ of `entries` entries in config/faq.json's format, each about two
// made-up things of its own, with an answer of a realistic length.
int write_faq(const Options& o, const std::string& path) {
    nlohmann::json entries = nlohmann::json::array();
    for (int i = 0; i < o.entries; ++i) {
        const std::string thing = faq_thing(i);
        entries.push_back(
            {{"key", "bench-" + std::to_string(i)},
             {"question", "Where do I find the " + thing + "?"},
             {"answer", "The " + thing + " is kept in room " + std::to_string(100 + i % 400) +
                            " on floor " + std::to_string(1 + i % 6) +
                            ". Ask BizOps for the key if the door is locked, and put it back "
                            "when you are done so the next person finds it."},
             {"tags", {made_up_word(2 * i), "bench"}}});
    }
    std::ofstream(path) << nlohmann::json{{"entries", entries}}.dump(2) << "\n";
    return 0;
}

// The examples the FAQ's classifier learns from, as a site's would be: a
// question asked of every tenth entry, and 500 questions the FAQ must not
// answer, made of other made-up words.
int write_examples(const Options& o, const std::string& path) {
    nlohmann::json examples = nlohmann::json::array();
    for (int i = 0; i < o.entries; i += 10)
        examples.push_back(
            {{"q", "is the " + faq_thing(i) + " still on floor " + std::to_string(1 + i % 6) + "?"},
             {"entry", "bench-" + std::to_string(i)}});
    for (int i = 0; i < 500; ++i)
        examples.push_back({{"q", "how do i " + made_up_word(1000003 + 3 * i) + " my " +
                                      made_up_word(1000004 + 3 * i) + " at home"},
                            {"entry", nullptr}});
    std::ofstream(path) << nlohmann::json{{"examples", examples}}.dump(2) << "\n";
    return 0;
}

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"sitelead-bot load generator"};
    app.add_option("--host", o.host);
    std::string site_file;
    app.add_option("--write-site", site_file, "write the benchmark site configuration and exit");
    std::string faq_file, seed_file, examples_out, examples_file;
    app.add_option("--write-faq", faq_file, "write a generated FAQ of --entries entries and exit");
    app.add_option("--write-examples", examples_out, "with --write-faq: its classifier's examples");
    app.add_option("--faq", seed_file, "with --write-site: the FAQ file the site starts with");
    app.add_option("--examples", examples_file, "with --faq: its classifier's examples file");
    app.add_option("--entries", o.entries);
    app.add_option("--port", o.port);
    app.add_option("--mode", o.mode)
        ->check(CLI::IsMember({"healthz", "help", "digest", "pto", "expense", "office", "faq"}));
    app.add_option("--connections", o.connections);
    app.add_option("--seconds", o.seconds);
    app.add_option("--secret", o.secret);
    app.add_option("--users", o.users);
    app.add_option("--user-prefix", o.user_prefix);
    app.add_option("--first", o.first, "the number of the first request (default 0)");
    CLI11_PARSE(app, argc, argv);
    if (!site_file.empty()) return write_site(o, site_file, seed_file, examples_file);
    if (!faq_file.empty())
        return write_faq(o, faq_file) || (!examples_out.empty() && write_examples(o, examples_out));

    net::io_context io;
    Requests reqs(o);
    Stats stats;
    long long next = o.first;
    const auto begin = Clock::now();
    const auto deadline = begin + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(o.seconds));
    for (int i = 0; i < o.connections; ++i)
        std::make_shared<Connection>(io, o, reqs, stats, next, deadline)->start();
    io.run();
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();

    auto& l = stats.latencies_ms;
    std::sort(l.begin(), l.end());
    auto pct = [&](double p) {
        return l.empty() ? 0.0 : l[std::min(l.size() - 1, static_cast<std::size_t>(p * l.size()))];
    };
    std::printf("mode=%s connections=%d seconds=%.1f requests=%zu errors=%lld\n", o.mode.c_str(),
                o.connections, elapsed, l.size(), stats.errors);
    std::printf("req/s=%.0f p50=%.3fms p90=%.3fms p99=%.3fms max=%.3fms\n", l.size() / elapsed,
                pct(0.50), pct(0.90), pct(0.99), l.empty() ? 0.0 : l.back());
    for (const auto& [status, n] : stats.statuses) std::printf("status %u: %lld\n", status, n);
    return stats.errors == 0 ? 0 : 1;
}
