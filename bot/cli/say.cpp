#include "bot/cli/say.hpp"

#include <map>
#include <random>

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/requests.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using json = nlohmann::json;

namespace bot::say {
namespace {

std::string random_token(std::size_t n) {
    static constexpr std::string_view chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::random_device rd;
    std::uniform_int_distribution<std::size_t> pick(0, chars.size() - 1);
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += chars[pick(rd)];
    return out;
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

slack::SignedRequest build(const config::Config& cfg, const config::Person& who,
                           std::string_view text, std::chrono::system_clock::time_point now) {
    const std::int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const std::string_view secret = cfg.slack.signing_secret;
    if (!text.empty() && text.front() == '/') {
        const std::size_t space = text.find(' ');
        slack::SlashCommand cmd;
        cmd.user_id = who.slack_id;
        cmd.user_name = who.name;
        cmd.command = text.substr(0, space);
        if (space != std::string_view::npos)
            cmd.text = slack::escape_entities(text.substr(space + 1));
        cmd.trigger_id = "0.0." + random_token(16);
        return slack::sign_request(secret, std::string(slack::kFormType), slack::slash_body(cmd),
                                   now_s);
    }
    const std::string ts = fmt::format("{}.{:06}", now_s, std::random_device{}() % 1000000);
    const json event = slack::dm_event(who.slack_id, slack::escape_entities(text),
                                       "EvLOCAL" + random_token(10), ts);
    return slack::sign_request(secret, std::string(slack::kJsonType), event.dump(), now_s);
}

slack::SignedRequest build_submission(const config::Config& cfg, const config::Person& who,
                                      std::string_view form, const std::vector<std::string>& fields,
                                      std::chrono::system_clock::time_point now) {
    json view = {{"callback_id", form}, {"private_metadata", ""}};
    std::map<std::string, std::string> values;
    for (const auto& f : fields) {
        const auto eq = f.find('=');
        if (eq == std::string::npos) {
            view["private_metadata"] = f;
            continue;
        }
        if (eq == 0)
            throw std::invalid_argument(
                "\"" + f + "\": write each field as name=value, e.g. start=2026-12-21");
        values[f.substr(0, eq)] = f.substr(eq + 1);
    }
    const std::int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const json payload =
        slack::view_submission(who.slack_id, view, values, "VLOCAL" + random_token(8));
    return slack::sign_request(cfg.slack.signing_secret, std::string(slack::kFormType),
                               "payload=" + slack::form_encode(payload.dump()), now_s);
}

std::string default_url(const config::Server& server) {
    const std::string host = server.address == "0.0.0.0" ? "127.0.0.1"
                             : server.address == "::"    ? "[::1]"
                             : server.address.find(':') != std::string::npos
                                 ? "[" + server.address + "]"
                                 : server.address;
    return fmt::format("http://{}:{}/slack/events", host, server.port);
}

Reply send(std::string_view url_text, const slack::SignedRequest& req,
           std::chrono::seconds timeout) {
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
    for (const auto& [name, value] : req.headers()) request.set(name, value);
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

std::string render(const slack::SignedRequest& req, const Reply& reply) {
    if (req.content_type != slack::kFormType) return "(acknowledged)\n";
    if (reply.body.empty())
        return "(a form opens in Slack; without a bot token the server logs the view it would "
               "open. Fill it in here with --submit)\n";
    const json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return reply.body + "\n";  // a plain-text reply
    if (body.value("response_action", "") == "clear") return "(submitted)\n";
    if (body.value("response_action", "") == "errors") {
        std::string out = "Not submitted; the form shows:\n";
        for (const auto& [field, message] : body["errors"].items())
            out += "  " + field + ": " + message.get<std::string>() + "\n";
        return out;
    }
    // Slack shows the blocks when there are any; the text is their fallback.
    if (body.contains("blocks") && body["blocks"].is_array() && !body["blocks"].empty())
        return render_blocks(body["blocks"]);
    const std::string text = body.value("text", "");
    return text.empty() ? "(acknowledged, no reply)\n" : text + "\n";
}

}  // namespace bot::say
