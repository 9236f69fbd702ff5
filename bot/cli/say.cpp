#include "bot/cli/say.hpp"

#include <random>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/verify.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using json = nlohmann::json;

namespace bot::say {
namespace {

// Slack sends &, < and > in typed text as entities (they are its markup).
std::string escape_entities(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string random_token(std::size_t n) {
    static constexpr std::string_view chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::random_device rd;
    std::uniform_int_distribution<std::size_t> pick(0, chars.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += chars[pick(rd)];
    return out;
}

std::string slash_body(const config::Person& who, std::string_view line) {
    const std::size_t space = line.find(' ');
    const std::string_view command = line.substr(0, space);
    const std::string_view rest =
        space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    using slack::form_encode;
    const std::string channel = "D0" + who.slack_id;
    return "token=local&team_id=T0LOCAL&team_domain=local&channel_id=" + form_encode(channel) +
           "&channel_name=directmessage&user_id=" + form_encode(who.slack_id) +
           "&user_name=" + form_encode(who.name) + "&command=" + form_encode(command) +
           "&text=" + form_encode(escape_entities(rest)) +
           "&api_app_id=A0LOCAL&is_enterprise_install=false&response_url=" +
           form_encode("https://hooks.slack.com/commands/T0LOCAL/0/local") +
           "&trigger_id=" + form_encode("0.0." + random_token(16));
}

std::string event_body(const config::Person& who, std::string_view line, std::int64_t now_s) {
    const std::string ts = fmt::format("{}.{:06}", now_s, std::random_device{}() % 1000000);
    const json event = {{"type", "message"},   {"channel", "D0" + who.slack_id},
                        {"user", who.slack_id}, {"text", escape_entities(line)},
                        {"ts", ts},             {"event_ts", ts},
                        {"channel_type", "im"}};
    const json body = {{"token", "local"},
                       {"team_id", "T0LOCAL"},
                       {"api_app_id", "A0LOCAL"},
                       {"event", event},
                       {"type", "event_callback"},
                       {"event_id", "EvLOCAL" + random_token(10)},
                       {"event_time", now_s},
                       {"authorizations", json::array({{{"team_id", "T0LOCAL"},
                                                        {"user_id", "U0LOCALBOT"},
                                                        {"is_bot", true},
                                                        {"is_enterprise_install", false}}})}};
    return body.dump();
}

struct Url {
    std::string host, port, target;
};

Url parse_url(std::string_view text) {
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed || parsed->scheme() != "http" || parsed->host().empty())
        throw SendError("--url: expected http://HOST:PORT (optionally with a path), got \"" +
                        std::string(text) + "\"");
    Url url;
    url.host = parsed->host_address();
    url.port = parsed->has_port() ? std::string(parsed->port()) : "80";
    url.target = std::string(parsed->encoded_path());
    if (url.target.empty() || url.target == "/") url.target = "/slack/events";
    if (parsed->has_query()) url.target += "?" + std::string(parsed->encoded_query());
    return url;
}

std::string render_text_object(const json& obj) {
    if (obj.is_object()) return obj.value("text", "");
    return {};
}

std::string render_element(const json& element) {
    if (element.value("type", "") == "button")
        return "[" + render_text_object(element.value("text", json::object())) + "]";
    return render_text_object(element);
}

std::string render_blocks(const json& blocks) {
    std::string out;
    for (const json& block : blocks) {
        const std::string type = block.value("type", "");
        std::string line;
        if (type == "section" || type == "header") {
            line = render_text_object(block.value("text", json::object()));
            for (const json& field : block.value("fields", json::array()))
                line += "\n  " + render_text_object(field);
            if (block.contains("accessory")) line += "  " + render_element(block["accessory"]);
        } else if (type == "context" || type == "actions") {
            for (const json& element : block.value("elements", json::array())) {
                if (!line.empty()) line += type == "actions" ? " " : " · ";
                line += render_element(element);
            }
        } else if (type == "divider") {
            line = "----";
        } else {
            line = "(" + type + " block)";
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace

SignedRequest build(const config::Config& cfg, const config::Person& who, std::string_view text,
                    std::chrono::system_clock::time_point now) {
    const std::int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    SignedRequest req;
    req.slash = !text.empty() && text.front() == '/';
    if (req.slash) {
        req.content_type = "application/x-www-form-urlencoded";
        req.body = slash_body(who, text);
    } else {
        req.content_type = "application/json";
        req.body = event_body(who, text, now_s);
    }
    req.timestamp = std::to_string(now_s);
    req.signature = slack::sign(cfg.slack.signing_secret, req.timestamp, req.body);
    return req;
}

std::string default_url(const config::Server& server) {
    const std::string host = server.address == "0.0.0.0" ? "127.0.0.1"
                             : server.address == "::"   ? "[::1]"
                             : server.address.find(':') != std::string::npos
                                 ? "[" + server.address + "]"
                                 : server.address;
    return fmt::format("http://{}:{}/slack/events", host, server.port);
}

Reply send(std::string_view url_text, const SignedRequest& req, std::chrono::seconds timeout) {
    const Url url = parse_url(url_text);
    const std::string where = url.host + ":" + url.port;

    net::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    const auto endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) throw SendError("cannot resolve " + url.host + ": " + ec.message());

    http::request<http::string_body> request{http::verb::post, url.target, 11};
    request.set(http::field::host, where);
    request.set(http::field::user_agent, "sitelead-bot say");
    request.set(http::field::content_type, req.content_type);
    request.set("X-Slack-Request-Timestamp", req.timestamp);
    request.set("X-Slack-Signature", req.signature);
    request.body() = req.body;
    request.prepare_payload();

    // Asynchronous steps under one deadline: Beast's synchronous calls
    // would ignore the stream's timeout.
    beast::tcp_stream stream(ioc);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    const char* step = "connect";
    stream.expires_after(timeout);
    stream.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) {
        if ((ec = e)) return;
        step = "send the request";
        http::async_write(stream, request, [&](beast::error_code e, std::size_t) {
            if ((ec = e)) return;
            step = "read the reply";
            http::async_read(stream, buffer, response,
                             [&](beast::error_code e, std::size_t) { ec = e; });
        });
    });
    ioc.run();

    if (ec == net::error::connection_refused)
        throw SendError("nothing is listening on " + where +
                        " (connection refused): is `sitelead-bot serve` running on " + where + "?");
    if (ec == beast::error::timeout)
        throw SendError(fmt::format("no answer from {} within {}s (could not {})", where,
                                    timeout.count(), step));
    if (ec) throw SendError(fmt::format("could not {} ({}): {}", step, where, ec.message()));

    Reply reply;
    reply.status = response.result_int();
    reply.content_type = std::string(response[http::field::content_type]);
    reply.body = std::move(response.body());
    reply.request_id = std::string(response["X-Sitelead-Request-Id"]);
    return reply;
}

std::string render(const SignedRequest& req, const Reply& reply) {
    if (!req.slash) return "(acknowledged)\n";
    if (reply.body.empty()) return "(acknowledged, no reply)\n";
    const json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return reply.body + "\n";  // a plain-text reply
    // Slack shows the blocks when there are any; the text is their fallback.
    if (body.contains("blocks") && body["blocks"].is_array() && !body["blocks"].empty())
        return render_blocks(body["blocks"]);
    const std::string text = body.value("text", "");
    return text.empty() ? "(acknowledged, no reply)\n" : text + "\n";
}

}  // namespace bot::say
