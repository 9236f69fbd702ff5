#include "bot/dispatch/service.hpp"

#include <SQLiteCpp/Statement.h>

#include "storage/query.hpp"
#include <spdlog/spdlog.h>

#include "bot/slack/parse.hpp"
#include "bot/slack/verify.hpp"
#include "storage/outbox.hpp"

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

const char* source_name(Source s) {
    switch (s) {
        case Source::slash_command: return "slash";
        case Source::direct_message: return "dm";
        case Source::mention: return "mention";
        case Source::button: return "button";
    }
    return "?";
}

// What makes a repeated button press the same press: the same person
// pressing the same button on the same message.
std::string interaction_key(const Command& cmd) {
    return cmd.user_id + '|' + cmd.message_ts + '|' + cmd.action_id + '|' + cmd.action_value;
}

// Looks up an earlier answer in processed_events or interactions.
std::optional<std::string> earlier_response(SQLite::Database& db, const char* table,
                                            const char* key_column, const std::string& key) {
    storage::Query q(db, fmt::format("SELECT response FROM {} WHERE {} = :key", table,
                                        key_column));
    q->bind(":key", key);
    if (q->executeStep()) return q->getColumn(0).getString();
    return std::nullopt;
}

void remember_response(SQLite::Database& db, const char* table, const char* key_column,
                       const std::string& key, std::int64_t now_ms, const std::string& response) {
    storage::Query q(db, fmt::format("INSERT INTO {} ({}, received_at, response) "
                                        "VALUES (:key, :now, :response)",
                                        table, key_column));
    q->bind(":key", key);
    q->bind(":now", static_cast<std::int64_t>(now_ms));
    q->bind(":response", response);
    q->exec();
}

}  // namespace

Service::Service(const config::Config& cfg, storage::Writer& writer, Metrics& metrics, core::Clock clock)
    : cfg_(cfg), writer_(writer), metrics_(metrics), clock_(clock), router_(cfg, clock) {}

void Service::handle(HttpRequest req, Respond respond) {
    const auto started = std::chrono::steady_clock::now();
    std::string route(path_of(req.target));
    // The route label is bounded: unknown paths all count as "other".
    if (route != "/healthz" && route != "/readyz" && route != "/metrics" && route != "/slack/events")
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
        if (only("GET")) finish(HttpResponse{200, "text/plain; version=0.0.4", metrics_.render(), {}});
    } else {
        finish(error_response(404, "no such path; Slack requests go to POST /slack/events"));
    }
}

void Service::handle_slack(HttpRequest req, Respond respond) {
    const auto verdict = slack::verify(cfg_.slack.signing_secret, req.body, req.slack_timestamp,
                                       req.slack_signature, clock_());
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
        dispatch(std::get<Command>(std::move(parsed)), req.request_id, std::move(respond));
    }
}

void Service::dispatch(Command cmd, std::string request_id, Respond respond) {
    // A slash command that needs no store (help, an unknown command) changes
    // nothing and is not de-duplicated: answer it here, without the writer.
    if (cmd.source == Source::slash_command) {
        if (auto answer = router_.answer_without_store(cmd, request_id)) {
            respond(json_response(200, answer->reply.to_json()));
            return;
        }
    }
    struct Outcome {
        std::string body;
        bool wrote_messages = false;
    };
    auto outcome = std::make_shared<Outcome>();
    const Source source = cmd.source;
    spdlog::debug("{} {} /{} from {}", request_id, source_name(source), cmd.name, cmd.user_id);

    auto work = [this, cmd = std::move(cmd), request_id, outcome](SQLite::Database& db) {
        const std::int64_t now_ms = core::unix_ms(clock_());
        // Exactly once: a retried event or a repeated press gets the first answer.
        const char* table = nullptr;
        const char* key_column = nullptr;
        std::string key;
        if (!cmd.event_id.empty()) {
            table = "processed_events", key_column = "event_id", key = cmd.event_id;
        } else if (cmd.source == Source::button) {
            table = "interactions", key_column = "key", key = interaction_key(cmd);
        }
        if (table) {
            if (auto earlier = earlier_response(db, table, key_column, key)) {
                spdlog::info("{} repeat of {}: answered as before", request_id, key);
                outcome->body = *earlier;
                return;
            }
        }

        core::Result result;
        storage::execute(db, "SAVEPOINT handler");
        try {
            result = router_.dispatch(cmd, db, request_id);
            storage::execute(db, "RELEASE handler");
        } catch (const core::Refusal& refusal) {
            // A refusal changes nothing: roll back whatever the handler wrote.
            storage::execute(db, "ROLLBACK TO handler");
            storage::execute(db, "RELEASE handler");
            result = core::Result{};
            result.reply.text = refusal.what();
        }

        // Only a slash command shows its reply in the HTTP response; in a DM,
        // a mention or after a button the reply is a message of the bot.
        if (cmd.source == Source::slash_command) {
            outcome->body = result.reply.to_json().dump();
        } else if (!result.reply.text.empty()) {
            const std::string& where =
                cmd.source == Source::button ? cmd.user_id : cmd.channel_id;
            result.messages.insert(result.messages.begin(),
                                   core::Message::dm(where, result.reply.text,
                                                         result.reply.blocks));
        }
        if (!result.messages.empty())
            outcome->wrote_messages =
                storage::outbox::enqueue(db, request_id, result.messages, now_ms) > 0;
        if (table) remember_response(db, table, key_column, key, now_ms, outcome->body);
    };

    auto done = [this, outcome, source, request_id,
                 respond = std::move(respond)](std::exception_ptr error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                spdlog::error("{} failed, nothing saved: {}", request_id, e.what());
            }
            if (source == Source::slash_command) {
                core::Reply sorry{"Sorry, something went wrong on my side and nothing was "
                                      "saved. Please try again in a moment."};
                respond(json_response(200, sorry.to_json()));
            } else {
                // Slack retries an event that did not get a 2xx; nothing was saved.
                respond(error_response(500, "internal error"));
            }
            return;
        }
        if (outcome->wrote_messages && messages_committed_) messages_committed_();
        if (source == Source::slash_command || source == Source::button)
            respond(HttpResponse{200, "application/json", outcome->body, {}});
        else
            respond(HttpResponse{200, "text/plain", outcome->body, {}});
    };
    writer_.submit(std::move(work), std::move(done));
}

}  // namespace bot
