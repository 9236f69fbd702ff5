// The real service in-process on a loopback port: signed requests over real
// HTTP, the answers, and what reached the database.

#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "bot/metrics.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/test_server.hpp"

using namespace testing_support;
using json = nlohmann::json;

namespace {

// A DM that the service records (processed_events) and answers with a
// message (outbox), so a refused copy of it shows whether anything changed.
json recorded_dm(const std::string& event_id) {
    return dm_event(kAna, "help", event_id);
}

struct Rows {
    long long events, outbox;
    bool operator==(const Rows&) const = default;
};
Rows rows(const TestServer& server) {
    return {server.count("processed_events"), server.count("outbox")};
}

void expect_refused_without_change(const SlackRequest& req, unsigned status) {
    TestServer server;
    const Rows before = rows(server);
    const auto res = server.post(req);
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_TRUE(rows(server) == before) << "the refused request changed the database";
}

TestServerOptions with_server(json settings) {
    TestServerOptions options;
    options.patch = {{"server", std::move(settings)}};
    return options;
}

// Until the server has begun reading n requests (its in-flight gauge).
bool wait_in_flight(TestServer& server, int n) {
    const std::string line = "sitelead_http_in_flight " + std::to_string(n) + "\n";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (server.app().metrics().render().find(line) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace

TEST(Server, AnswersSignedSlashCommandWithJsonReply) {
    TestServer server;
    const auto res = server.post(signed_slash("/sitelead", "help", kAna));
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(res.header("content-type"), "application/json");
    const json reply = res.json();
    EXPECT_EQ(reply.at("response_type"), "ephemeral");
    EXPECT_FALSE(reply.at("text").get<std::string>().empty());
}

TEST(Server, RecordsSignedDirectMessageAndQueuesItsAnswer) {
    TestServer server;
    const Rows before = rows(server);
    const auto res = server.post(signed_event(recorded_dm("Ev0RECORDED")));
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(server.count("processed_events"), before.events + 1);
    EXPECT_EQ(server.count("outbox"), before.outbox + 1);
}

TEST(Server, RefusesWrongSignatureWith401AndChangesNothing) {
    expect_refused_without_change(
        sign("application/json", recorded_dm("Ev0WRONGSIG").dump(), unix_now(), "not-the-secret"),
        401);
}

TEST(Server, RefusesTimestampSixMinutesOldWith401AndChangesNothing) {
    expect_refused_without_change(signed_event(recorded_dm("Ev0OLD"), unix_now() - 6 * 60), 401);
}

TEST(Server, RefusesTimestampSixMinutesAheadWith401AndChangesNothing) {
    expect_refused_without_change(signed_event(recorded_dm("Ev0AHEAD"), unix_now() + 6 * 60), 401);
}

TEST(Server, AnswersUrlVerificationWithTheChallenge) {
    TestServer server;
    const json handshake = {{"token", "Jhj5dZrVaK7ZwHHjRyZWjbDl"},
                            {"challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"},
                            {"type", "url_verification"}};
    const auto res = server.post(signed_event(handshake));
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(res.json().at("challenge"), handshake["challenge"]);
}

TEST(Server, RefusesBodyOverTheLimitWith413) {
    TestServer server;
    const std::size_t limit = server.config().server.body_limit;
    const auto res = server.post(sign("application/json", std::string(limit + 1, ' ')));
    ASSERT_EQ(res.status, 413u);
    EXPECT_EQ(res.json().at("error"), "body too large");
    EXPECT_EQ(res.json().at("limit"), limit);
    EXPECT_EQ(res.header("connection"), "close");
}

TEST(Server, AcceptsBodyExactlyAtTheLimit) {
    TestServer server;
    const std::size_t limit = server.config().server.body_limit;
    std::string body = R"({"type":"url_verification","challenge":"at-the-limit"})";
    body.append(limit - body.size(), ' ');  // JSON allows trailing whitespace
    const auto res = server.post(sign("application/json", body));
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(res.json().at("challenge"), "at-the-limit");
}

TEST(Server, RefusesChunkedBodyOverTheLimitWith413) {
    TestServer server;
    const std::size_t limit = server.config().server.body_limit;
    HttpConnection conn(server.port());
    const std::string chunk(limit / 2 + 1, 'x');
    std::ostringstream raw;
    raw << "POST /slack/events HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        << "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 2; ++i) raw << std::hex << chunk.size() << "\r\n" << chunk << "\r\n";
    raw << "0\r\n\r\n";
    conn.send_raw(raw.str());
    EXPECT_EQ(conn.read_response().status, 413u);
}

TEST(Server, TellsAClientThatExpectsIt100ContinueBeforeTheBody) {
    TestServer server;
    const std::string body = R"({"type":"url_verification","challenge":"go-on"})";
    const auto req = sign("application/json", body);
    std::string head =
        "POST /slack/events HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : req.headers) head += name + ": " + value + "\r\n";
    HttpConnection conn(server.port());
    conn.send_raw(head + "\r\n");
    EXPECT_EQ(conn.read_response().status, 100u);
    conn.send_raw(body);
    const auto res = conn.read_response();
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json().at("challenge"), "go-on");
}

TEST(Server, RefusesMalformedFormWith400AndChangesNothing) {
    expect_refused_without_change(
        sign("application/x-www-form-urlencoded",
             "command=%2Fsitelead&text=50%ZZoff&user_id=" + std::string(kAna)),
        400);
}

TEST(Server, RefusesMalformedJsonWith400AndChangesNothing) {
    expect_refused_without_change(
        sign("application/json", R"({"type":"event_callback","event":{"type":"message",)"), 400);
}

TEST(Server, AnswersUnknownPathWith404) {
    TestServer server;
    EXPECT_EQ(server.get("/slack/event").status, 404u);
    EXPECT_EQ(http_request(server.port(), "POST", "/", {}, "x=1").status, 404u);
}

TEST(Server, AnswersWrongMethodWith405) {
    TestServer server;
    const auto res = server.get("/slack/events");
    EXPECT_EQ(res.status, 405u);
    EXPECT_EQ(res.header("allow"), "POST");
}

TEST(Server, AcknowledgesEventFromABotWithoutAnswering) {
    TestServer server;
    const Rows before = rows(server);
    const auto res = server.post(signed_event(bot_dm_event("help", "Ev0FROMBOT")));
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.body, "");
    EXPECT_TRUE(rows(server) == before) << "a bot's message was answered";
}

TEST(Server, AnswersHealthz) {
    TestServer server;
    const auto res = server.get("/healthz");
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json().at("status"), "ok");
}

TEST(Server, AnswersReadyzOnceTheDatabaseIsMigrated) {
    TestServer server;
    const auto res = server.get("/readyz");
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json().at("status"), "ready");
}

TEST(Server, CountsRequestsInMetrics) {
    TestServer server;
    ASSERT_EQ(server.get("/healthz").status, 200u);
    const auto res = server.get("/metrics");
    ASSERT_EQ(res.status, 200u);
    EXPECT_NE(res.body.find(R"(sitelead_http_requests_total{route="/healthz",status="200"} 1)"),
              std::string::npos)
        << res.body;
}

TEST(Server, KeepsTheConnectionAliveAcrossRequests) {
    TestServer server;
    HttpConnection conn(server.port());
    const auto first = conn.request("GET", "/healthz");
    const auto second = conn.request("GET", "/readyz");
    EXPECT_EQ(first.status, 200u);
    EXPECT_EQ(second.status, 200u);
    EXPECT_NE(first.header("connection"), "close");
    EXPECT_NE(first.header("x-sitelead-request-id"), second.header("x-sitelead-request-id"));
}

TEST(Server, RefusesOversizedHeaderWith431) {
    TestServer server;
    const std::size_t limit = server.config().server.header_limit;
    const auto res =
        http_request(server.port(), "GET", "/healthz", {{"X-Padding", std::string(limit, 'a')}});
    EXPECT_EQ(res.status, 431u);
    EXPECT_EQ(res.header("connection"), "close");
}

TEST(Server, RefusesMalformedHttpWith400) {
    TestServer server;
    HttpConnection conn(server.port());
    conn.send_raw("GET /healthz HTTP/1.1\r\nHost test\r\n\r\n");  // no colon
    EXPECT_EQ(conn.read_response().status, 400u);
    EXPECT_TRUE(conn.closed_by_server());
}

TEST(Server, ClosesAKeptAliveConnectionAfterTheIdleTimeout) {
    TestServer server(with_server({{"idle_timeout_seconds", 1}}));
    HttpConnection conn(server.port());
    ASSERT_EQ(conn.request("GET", "/healthz").status, 200u);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(conn.closed_by_server());
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, std::chrono::milliseconds(900));
    EXPECT_LT(waited, std::chrono::seconds(3));
}

TEST(Server, ClosesAConnectionWhoseRequestDoesNotArriveInTime) {
    TestServer server(with_server({{"read_timeout_seconds", 1}}));
    HttpConnection conn(server.port());
    conn.send_raw("GET /healthz HTTP/1.1\r\nHost: te");
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(conn.closed_by_server());
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(Server, FinishesARequestUnderWayWhenStopping) {
    TestServer server;
    HttpConnection conn(server.port());
    const std::string body = R"({"type":"url_verification","challenge":"finish-me"})";
    const auto req = sign("application/json", body);
    std::string head = "POST /slack/events HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : req.headers) head += name + ": " + value + "\r\n";
    conn.send_raw(head + "\r\n" + body.substr(0, 10));
    ASSERT_TRUE(wait_in_flight(server, 1));

    std::thread stopper([&] { server.app().stop(); });
    // Stopping has begun once the listener is gone; the request is still open.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            HttpConnection probe(server.port());
        } catch (const std::exception&) {
            break;  // connection refused
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    conn.send_raw(body.substr(10));
    const auto res = conn.read_response();
    stopper.join();
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json().at("challenge"), "finish-me");
    EXPECT_EQ(res.header("connection"), "close");
}

TEST(Server, StopsAfterTheGracePeriodWhenARequestNeverEnds) {
    TestServer server(with_server({{"shutdown_grace_seconds", 1}}));
    HttpConnection conn(server.port());
    conn.send_raw("POST /slack/events HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{");
    ASSERT_TRUE(wait_in_flight(server, 1));
    const auto start = std::chrono::steady_clock::now();
    server.app().stop();
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_GE(took, std::chrono::milliseconds(900));
    EXPECT_LT(took, std::chrono::seconds(3));
}

namespace {

TEST(Server, LoadsTheFaqSeedIntoAnEmptyFaqAndRefusesOneItCannotRead) {
    const std::string seed = (testing_support::source_dir() / "config" / "faq.json").string();
    {
        TestServer server{TestServerOptions{.patch = {{"faq", {{"seed_file", seed}}}}}};
        EXPECT_EQ(server.count("faq_entries"), 65);
        EXPECT_EQ(server.count("faq_entries", "key = 'wifi' AND site = 'lisbon'"), 1);
    }
    try {
        TestServer broken{
            TestServerOptions{.patch = {{"faq", {{"seed_file", seed + ".missing"}}}}}};
        FAIL() << "started without its FAQ seed file";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot read the FAQ seed file"), std::string::npos)
            << e.what();
    }
}

}  // namespace
