#include "bot/slack/web_client.hpp"

#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "tests/support/fake_slack.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/tls_cert.hpp"

namespace {

namespace net = boost::asio;
using bot::slack::ApiResult;
using bot::slack::classify_response;
using bot::slack::classify_status;
using bot::slack::WebClient;
using testing_support::FakeSlack;
using testing_support::SlackFailure;
using Outcome = ApiResult::Outcome;
using namespace std::chrono_literals;

TEST(SlackClassify, OkTrueIsDelivered) {
    auto r = classify_response(200, "", R"({"ok":true,"channel":"D1","ts":"1.2"})");
    EXPECT_EQ(r.outcome, Outcome::ok);
    EXPECT_EQ(r.response["ts"], "1.2");
    EXPECT_TRUE(r.error.empty());
}

TEST(SlackClassify, OkFalseCodesThatCannotSucceedArePermanent) {
    for (const char* code : {"channel_not_found", "not_in_channel", "invalid_auth",
                             "invalid_blocks", "is_archived", "missing_scope"}) {
        auto r = classify_response(200, "", std::string(R"({"ok":false,"error":")") + code + "\"}");
        EXPECT_EQ(r.outcome, Outcome::permanent) << code;
        EXPECT_EQ(r.error, code);
    }
}

TEST(SlackClassify, OkFalseCodesThatMeanLaterAreRetried) {
    for (const char* code : {"ratelimited", "rate_limited", "internal_error", "fatal_error",
                             "service_unavailable", "request_timeout"}) {
        auto r = classify_response(200, "", std::string(R"({"ok":false,"error":")") + code + "\"}");
        EXPECT_EQ(r.outcome, Outcome::retry) << code;
    }
}

TEST(SlackClassify, TooManyRequestsCarriesRetryAfterInMilliseconds) {
    auto r = classify_response(429, "30", R"({"ok":false,"error":"ratelimited"})");
    EXPECT_EQ(r.outcome, Outcome::retry);
    EXPECT_EQ(r.retry_after, 30s);
    EXPECT_NE(r.error.find("429"), std::string::npos);
}

TEST(SlackClassify, RetryAfterThatIsNotWholeSecondsCountsAsAbsent) {
    EXPECT_EQ(classify_response(429, "Wed, 21 Oct 2015 07:28:00 GMT", "").retry_after, 0ms);
    EXPECT_EQ(classify_response(429, "-5", "").retry_after, 0ms);
    EXPECT_EQ(classify_response(429, "", "").retry_after, 0ms);
}

TEST(SlackClassify, ServerErrorsAreRetriedAndOtherClientErrorsAreNot) {
    EXPECT_EQ(classify_response(500, "", "oops").outcome, Outcome::retry);
    EXPECT_EQ(classify_response(503, "", "").outcome, Outcome::retry);
    EXPECT_EQ(classify_response(404, "", "").outcome, Outcome::permanent);
    EXPECT_EQ(classify_response(400, "", R"({"ok":false,"error":"invalid_json"})").error,
              "HTTP 400: invalid_json");
}

TEST(SlackClassify, A200ThatIsNotAWebApiReplyIsRetried) {
    EXPECT_EQ(classify_response(200, "", "<html>proxy error</html>").outcome, Outcome::retry);
    EXPECT_EQ(classify_response(200, "", R"({"channel":"C1"})").outcome, Outcome::retry);
}

TEST(UrlOrigin, IsTheSchemeHostAndPortTheClientWouldConnectTo) {
    using bot::slack::url_origin;
    EXPECT_EQ(url_origin("https://files.slack.com/upload/v1/Cw"), "https://files.slack.com:443");
    EXPECT_EQ(url_origin("https://files.slack.com:443/upload"), "https://files.slack.com:443");
    EXPECT_EQ(url_origin("http://127.0.0.1:4000/api"), "http://127.0.0.1:4000");
    EXPECT_EQ(url_origin("http://localhost/"), "http://localhost:80");
}

TEST(UrlOrigin, IsEmptyForWhatTheClientWouldNotCall) {
    using bot::slack::url_origin;
    EXPECT_EQ(url_origin("http://127.0.0.1:4000"), "");  // no path
    EXPECT_EQ(url_origin("ftp://files.slack.com/x"), "");
    EXPECT_EQ(url_origin("https://user@files.slack.com/x"), "");
    EXPECT_EQ(url_origin("not a url"), "");
    EXPECT_EQ(url_origin(""), "");
}

TEST(HttpClassify, APlainResponseIsJudgedByItsStatusAlone) {
    EXPECT_EQ(classify_status(200, "").outcome, Outcome::ok);
    EXPECT_EQ(classify_status(204, "").outcome, Outcome::ok);
    EXPECT_EQ(classify_status(503, "").outcome, Outcome::retry);
    EXPECT_EQ(classify_status(404, "").outcome, Outcome::permanent);
    EXPECT_EQ(classify_status(404, "").error, "HTTP 404");
    EXPECT_EQ(classify_status(301, "").outcome, Outcome::permanent);
    const auto limited = classify_status(429, "7");
    EXPECT_EQ(limited.outcome, Outcome::retry);
    EXPECT_EQ(limited.retry_after, 7s);
}

// An io_context on its own thread, and a blocking call for the test's thread.
class WebClientTest : public ::testing::Test {
protected:
    WebClientTest() : work_(net::make_work_guard(ioc_)), thread_([this] { ioc_.run(); }) {}
    ~WebClientTest() override {
        client_.reset();
        work_.reset();
        ioc_.stop();
        thread_.join();
    }

    WebClient& client(const std::string& base_url, const std::string& ca_file = "") {
        config::Slack cfg;
        cfg.bot_token = "xoxb-test-token";
        cfg.api_base_url = base_url;
        cfg.ca_file = ca_file;
        client_.emplace(ioc_, cfg);
        return *client_;
    }

    // What `start` gets its callback called with.
    static ApiResult completed(const std::function<void(WebClient::Callback)>& start) {
        std::promise<ApiResult> done;
        auto result = done.get_future();
        start([&done](ApiResult r) { done.set_value(std::move(r)); });
        if (result.wait_for(20s) != std::future_status::ready)
            throw std::runtime_error("the client did not complete the call");
        return result.get();
    }
    static ApiResult call(WebClient& c, const std::string& method, const nlohmann::json& body) {
        return completed(
            [&](WebClient::Callback done) { c.call(method, body.dump(), std::move(done)); });
    }
    static ApiResult post(WebClient& c, const std::string& url, const std::string& body) {
        return completed([&](WebClient::Callback done) {
            c.post(url, body, {{"Content-Type", "application/json"}, {"X-Test", "1"}},
                   std::move(done));
        });
    }

    net::io_context ioc_;
    net::executor_work_guard<net::io_context::executor_type> work_;
    std::thread thread_;
    std::optional<WebClient> client_;
};

TEST_F(WebClientTest, PostsJsonWithTheBearerTokenToTheMethodUnderTheBasePath) {
    FakeSlack slack;
    auto r =
        call(client(slack.base_url()), "chat.postMessage", {{"channel", "C1"}, {"text", "hi"}});
    ASSERT_EQ(r.outcome, Outcome::ok) << r.error;
    EXPECT_EQ(r.response["channel"], "C1");
    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].path, "/api/chat.postMessage");
    EXPECT_EQ(calls[0].header("authorization"), "Bearer xoxb-test-token");
    EXPECT_EQ(calls[0].header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(calls[0].body["text"], "hi");
}

TEST_F(WebClientTest, ReusesOneKeptAliveConnectionForCallsInSequence) {
    FakeSlack slack;
    auto& c = client(slack.base_url());
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(call(c, "chat.postMessage", {{"channel", "C1"}, {"text", "n"}}).outcome,
                  Outcome::ok);
    EXPECT_EQ(slack.connections_accepted(), 1u);
}

TEST_F(WebClientTest, PostsABodyToAnyUrlWithItsHeadersButNeverTheToken) {
    FakeSlack slack;
    auto r = post(client(slack.base_url()), slack.hook_url("orders?key=k1"), R"({"a": 1})");
    ASSERT_EQ(r.outcome, Outcome::ok) << r.error;  // the receiver's 202
    EXPECT_TRUE(r.response.is_null());
    auto calls = slack.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].path, "/hooks/orders?key=k1");
    EXPECT_EQ(calls[0].raw_body, R"({"a": 1})");
    EXPECT_EQ(calls[0].header("x-test"), "1");
    EXPECT_EQ(calls[0].header("content-type"), "application/json");
    EXPECT_EQ(calls[0].header("authorization"), "");
}

TEST_F(WebClientTest, PostsAndCallsToOneHostShareItsKeptAliveConnection) {
    FakeSlack slack;
    auto& c = client(slack.base_url());
    ASSERT_EQ(post(c, slack.hook_url("a"), "{}").outcome, Outcome::ok);
    ASSERT_EQ(call(c, "chat.postMessage", {{"channel", "C1"}, {"text", "n"}}).outcome, Outcome::ok);
    ASSERT_EQ(post(c, slack.hook_url("b"), "{}").outcome, Outcome::ok);
    EXPECT_EQ(slack.connections_accepted(), 1u);
}

TEST_F(WebClientTest, APostClassifiesTheStatusAndRefusesAUrlThatIsNotHttp) {
    FakeSlack slack;
    auto& c = client(slack.base_url());
    slack.fail_next(1, SlackFailure::http_status(400));
    EXPECT_EQ(post(c, slack.hook_url("a"), "{}").outcome, Outcome::permanent);
    slack.fail_next(1, SlackFailure::server_error(502));
    EXPECT_EQ(post(c, slack.hook_url("a"), "{}").outcome, Outcome::retry);
    const auto bad = post(c, "ftp://example.com/hook", "{}");
    EXPECT_EQ(bad.outcome, Outcome::permanent);
    EXPECT_NE(bad.error.find("bad URL"), std::string::npos) << bad.error;
}

TEST_F(WebClientTest, ReconnectsWhenTheServerHasClosedAnIdleConnection) {
    FakeSlack::Options options;
    options.keep_alive_timeout = 100ms;
    FakeSlack slack(options);
    auto& c = client(slack.base_url());
    ASSERT_EQ(call(c, "chat.postMessage", {{"channel", "C1"}, {"text", "1"}}).outcome, Outcome::ok);
    std::this_thread::sleep_for(300ms);
    auto r = call(c, "chat.postMessage", {{"channel", "C1"}, {"text", "2"}});
    EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
    EXPECT_EQ(slack.connections_accepted(), 2u);
    EXPECT_EQ(slack.call_count(), 2u);
}

TEST_F(WebClientTest, OpensSeveralConnectionsForCallsAtOnce) {
    FakeSlack::Options options;
    options.delay = 300ms;
    FakeSlack slack(options);
    auto& c = client(slack.base_url());
    std::vector<std::promise<ApiResult>> done(4);
    const auto start = std::chrono::steady_clock::now();
    for (auto& d : done)
        c.call("chat.postMessage", R"({"channel":"C1","text":"n"})",
               [&d](ApiResult r) { d.set_value(std::move(r)); });
    for (auto& d : done) EXPECT_EQ(d.get_future().get().outcome, Outcome::ok);
    // Four delayed answers in parallel, not one after another.
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1100ms);
    EXPECT_EQ(slack.connections_accepted(), 4u);
}

TEST_F(WebClientTest, PassesOnRetryAfterFromA429) {
    FakeSlack slack;
    slack.fail_next(1, SlackFailure::rate_limited(3));
    auto r = call(client(slack.base_url()), "chat.postMessage", {{"channel", "C1"}, {"text", "x"}});
    EXPECT_EQ(r.outcome, Outcome::retry);
    EXPECT_EQ(r.retry_after, 3s);
}

TEST_F(WebClientTest, ReportsARefusedConnectionAsRetryWithoutTheToken) {
    // Port 1 needs root to listen on; nothing does.
    auto r = call(client("http://127.0.0.1:1/api"), "chat.postMessage", {{"channel", "C1"}});
    EXPECT_EQ(r.outcome, Outcome::retry);
    EXPECT_NE(r.error.find("127.0.0.1:1"), std::string::npos) << r.error;
    EXPECT_EQ(r.error.find("xoxb"), std::string::npos);
}

TEST_F(WebClientTest, RefusesABaseUrlThatIsNotHttp) {
    EXPECT_THROW(client("ftp://slack.com/api"), std::invalid_argument);
    EXPECT_THROW(client("https:///api"), std::invalid_argument);
    EXPECT_THROW(client("slack.com/api"), std::invalid_argument);
}

TEST_F(WebClientTest, RefusesACaFileThatIsNotPem) {
    const testing_support::TempDir dir("sitelead-ca");
    std::ofstream(dir / "bad.pem") << "not a certificate\n";
    EXPECT_THROW(client("https://localhost/api", (dir / "bad.pem").string()), std::runtime_error);
}

// HTTPS against a local server whose certificate the test has just made.
class WebClientTlsTest : public WebClientTest {
protected:
    static FakeSlack::Options tls_options(const testing_support::TlsCertificate& cert) {
        FakeSlack::Options options;
        options.tls_certificate_pem = cert.certificate_pem;
        options.tls_private_key_pem = cert.private_key_pem;
        return options;
    }
    std::string write_ca(const testing_support::TlsCertificate& cert) {
        std::ofstream(dir_ / "ca.pem") << cert.certificate_pem;
        return (dir_ / "ca.pem").string();
    }
    testing_support::TempDir dir_{"sitelead-tls"};
};

TEST_F(WebClientTlsTest, CallsAServerWhoseCertificateItTrustsThroughCaFile) {
    auto cert = testing_support::make_self_signed_certificate("DNS:localhost,IP:127.0.0.1");
    FakeSlack slack(tls_options(cert));
    ASSERT_EQ(slack.base_url().rfind("https://localhost:", 0), 0u);
    auto r = call(client(slack.base_url(), write_ca(cert)), "chat.postMessage",
                  {{"channel", "C1"}, {"text", "over TLS"}});
    ASSERT_EQ(r.outcome, Outcome::ok) << r.error;
    ASSERT_EQ(slack.call_count(), 1u);
    EXPECT_EQ(slack.calls()[0].header("authorization"), "Bearer xoxb-test-token");
}

TEST_F(WebClientTlsTest, RefusesACertificateItDoesNotTrust) {
    auto cert = testing_support::make_self_signed_certificate("DNS:localhost,IP:127.0.0.1");
    FakeSlack slack(tls_options(cert));
    auto r = call(client(slack.base_url()), "chat.postMessage", {{"channel", "C1"}, {"text", "x"}});
    EXPECT_EQ(r.outcome, Outcome::retry);
    EXPECT_NE(r.error.find("certificate verify failed"), std::string::npos) << r.error;
    EXPECT_EQ(slack.call_count(), 0u);  // nothing, token included, was sent
    // The server sees the handshake fail once the client has hung up.
    for (int i = 0; i < 200 && slack.failed_handshakes() == 0; ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(slack.failed_handshakes(), 1u);
}

TEST_F(WebClientTlsTest, RefusesATrustedCertificateIssuedForAnotherHost) {
    auto cert = testing_support::make_self_signed_certificate("DNS:slack.example");
    FakeSlack slack(tls_options(cert));
    auto r = call(client(slack.base_url(), write_ca(cert)), "chat.postMessage",
                  {{"channel", "C1"}, {"text", "x"}});
    EXPECT_EQ(r.outcome, Outcome::retry);
    EXPECT_NE(r.error.find("certificate verify failed"), std::string::npos) << r.error;
    EXPECT_EQ(slack.call_count(), 0u);
}

}  // namespace
