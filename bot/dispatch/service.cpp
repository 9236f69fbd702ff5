#include "bot/dispatch/service.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/parse.hpp"
#include "bot/slack/verify.hpp"
#include "handlers/pto.hpp"

namespace bot {
namespace {

using json = nlohmann::json;

HttpResponse json_response(unsigned status, const json& body) {
    return HttpResponse{status, "application/json", body.dump(), {}};
}

HttpResponse error_response(unsigned status, std::string_view message) {
    return json_response(status, json{{"error", message}});
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

}  // namespace

Service::Service(const config::Config& cfg, storage::Writer& writer, Metrics& metrics,
                 core::Clock clock, std::chrono::milliseconds ack_deadline)
    : cfg_(cfg),
      writer_(writer),
      metrics_(metrics),
      clock_(clock),
      router_(cfg, clock),
      readers_(cfg.database),
      dispatcher_(router_, writer_, readers_, clock, ack_deadline, cfg.server.threads) {}

void Service::handle(HttpRequest req, Respond respond) {
    const auto started = std::chrono::steady_clock::now();
    std::string route(path_of(req.target));
    // The route label is bounded: unknown paths all count as "other".
    if (route != "/healthz" && route != "/readyz" && route != "/metrics" &&
        route != "/slack/events" && route != "/calendar.ics")
        route = "other";
    Respond finish = [this, started, route, id = req.request_id, method = req.method,
                      respond = std::move(respond)](HttpResponse res) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        metrics_.observe_request(route, res.status, seconds);
        spdlog::info("{} {} {} {} {:.2f}ms", id, method, route, res.status, seconds * 1000);
        respond(std::move(res));
    };

    const std::string_view path = path_of(req.target);
    auto only = [&](std::string_view method) {
        if (req.method == method) return true;
        HttpResponse res = error_response(405, "method not allowed");
        res.headers.emplace_back("Allow", std::string(method));
        finish(std::move(res));
        return false;
    };
    if (path == "/slack/events") {
        if (only("POST")) handle_slack(std::move(req), std::move(finish));
    } else if (path == "/healthz") {
        if (only("GET")) finish(json_response(200, {{"status", "ok"}}));
    } else if (path == "/readyz") {
        if (only("GET"))
            finish(ready_ ? json_response(200, {{"status", "ready"}})
                          : json_response(503, {{"status", "starting"}}));
    } else if (path == "/metrics") {
        if (only("GET"))
            finish(HttpResponse{200, "text/plain; version=0.0.4", metrics_.render(), {}});
    } else if (path == "/calendar.ics") {
        if (only("GET")) finish(calendar(req.target));
    } else {
        finish(error_response(404, "no such path; Slack requests go to POST /slack/events"));
    }
}

// A person's calendar feed (handlers/pto.hpp): read on this io thread. The
// token is in the query, which no log line shows.
HttpResponse Service::calendar(std::string_view target) {
    const auto query = target.find('?') == std::string_view::npos
                           ? std::string_view()
                           : target.substr(target.find('?') + 1);
    const auto form = slack::parse_form(query);
    const auto token = form && form->count("token") ? form->at("token") : std::string();
    auto lease = readers_.lease();
    auto ics = handlers::pto::calendar::feed(cfg_, lease.db(), token, clock_());
    if (!ics)
        return HttpResponse{404,
                            "text/plain; charset=utf-8",
                            "No calendar here: the link is wrong or was replaced. `/pto calendar` "
                            "in Slack gives yours.\n",
                            {}};
    return HttpResponse{200,
                        "text/calendar; charset=utf-8",
                        std::move(*ics),
                        {{"Cache-Control", "private, max-age=300"}}};
}

void Service::handle_slack(HttpRequest req, Respond respond) {
    const auto verdict =
        slack::verify(cfg_.slack.signing_secret, req.body, req.header(slack::kTimestampHeader),
                      req.header(slack::kSignatureHeader), clock_());
    if (verdict != slack::Verdict::ok) {
        spdlog::warn("{} refused: {}", req.request_id, slack::to_string(verdict));
        respond(error_response(401, "invalid request"));
        return;
    }
    auto parsed = slack::parse(req.content_type, req.body);
    if (auto* bad = std::get_if<slack::BadRequest>(&parsed)) {
        respond(error_response(400, bad->reason));
    } else if (auto* challenge = std::get_if<slack::UrlVerification>(&parsed)) {
        respond(json_response(200, {{"challenge", challenge->challenge}}));
    } else if (std::holds_alternative<slack::SslCheck>(parsed)) {
        respond(HttpResponse{200, "text/plain", "", {}});
    } else if (auto* ignored = std::get_if<slack::Ignored>(&parsed)) {
        spdlog::debug("{} ignored: {}", req.request_id, ignored->why);
        respond(HttpResponse{200, "text/plain", "", {}});
    } else {
        dispatcher_.dispatch(std::get<Command>(std::move(parsed)), req.request_id,
                             std::move(respond));
    }
}

}  // namespace bot
