#include "tests/support/harness.hpp"

#include <future>

#include "bot/slack/form.hpp"
#include "bot/slack/requests.hpp"
#include "bot/slack/verify.hpp"
#include "tests/support/site.hpp"

namespace testing_support {

std::vector<storage::outbox::Row> Exchange::to(const std::string& recipient) const {
    std::vector<storage::outbox::Row> out;
    for (const auto& m : messages)
        if (m.recipient == recipient) out.push_back(m);
    return out;
}

Harness::Harness(std::chrono::system_clock::time_point now_, config::Config cfg_,
                 std::chrono::milliseconds ack_deadline)
    : now(now_),
      cfg(cfg_.people.empty() ? site_config() : std::move(cfg_)),
      ack_deadline_(ack_deadline) {
    cfg.database = db_.cfg;
    writer_ = db_.writer();
    service_ = std::make_unique<bot::Service>(
        cfg, *writer_, metrics_, [this] { return now; }, ack_deadline_);
    watch_views();
    service_->set_ready(true);
}

void Harness::watch_views() {
    service_->on_view([this](const bot::Dispatcher::ViewTarget& target, std::string view,
                             const std::string& request_id) {
        std::lock_guard lock(views_mutex_);
        views_[request_id] = {target.view_id.empty() ? target.trigger_id : target.view_id,
                              std::move(view)};
    });
}

Harness::~Harness() {
    writer_->stop();
}

void Harness::restart() {
    service_.reset();
    writer_->stop();
    writer_ = db_.writer();
    service_ = std::make_unique<bot::Service>(
        cfg, *writer_, metrics_, [this] { return now; }, ack_deadline_);
    watch_views();
    service_->set_ready(true);
}

Exchange Harness::send(bot::HttpRequest req) {
    req.request_id = "t-" + std::to_string(next_request_++);
    const auto signed_request = bot::slack::sign_request(
        cfg.slack.signing_secret, req.content_type, req.body,
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    req.method = "POST";
    req.target = "/slack/events";
    req.headers.emplace_back(bot::slack::kTimestampHeader, signed_request.timestamp);
    req.headers.emplace_back(bot::slack::kSignatureHeader, signed_request.signature);
    std::promise<bot::HttpResponse> answer;
    const std::string id = req.request_id;
    const std::int64_t before = storage::outbox::last_id(*db_.connect());
    service_->handle(std::move(req),
                     [&answer](bot::HttpResponse res) { answer.set_value(std::move(res)); });
    bot::HttpResponse res = answer.get_future().get();

    Exchange ex;
    ex.status = res.status;
    ex.body = res.body;
    ex.request_id = id;
    auto conn = db_.connect();
    ex.messages = storage::outbox::by_request(*conn, id, before);
    if (res.content_type == "application/json" && !res.body.empty()) {
        auto j = nlohmann::json::parse(res.body);
        if (j.contains("text")) ex.text = j["text"].get<std::string>();
    }
    if (ex.text.empty() && !ex.messages.empty() && ex.messages.front().method != "views.publish")
        ex.text = ex.messages.front().body()["text"];
    {
        std::lock_guard lock(views_mutex_);
        if (const auto it = views_.find(id); it != views_.end()) {
            ex.trigger_id = it->second.first;
            ex.view = nlohmann::json::parse(it->second.second);
        }
    }
    return ex;
}

Exchange Harness::submit(const std::string& user, const nlohmann::json& view,
                         const std::map<std::string, std::string>& values,
                         const std::string& view_id) {
    bot::HttpRequest req;
    req.content_type = "application/x-www-form-urlencoded";
    req.body =
        "payload=" + bot::slack::form_encode(
                         bot::slack::view_submission(user, view, values, view_id, "T1").dump());
    return send(std::move(req));
}

Exchange Harness::change(const std::string& user, const nlohmann::json& view,
                         const std::map<std::string, std::string>& values,
                         const std::string& changed, const std::string& view_id) {
    bot::HttpRequest req;
    req.content_type = "application/x-www-form-urlencoded";
    req.body = "payload=" +
               bot::slack::form_encode(
                   bot::slack::view_change(user, view, values, changed, view_id, "T1").dump());
    return send(std::move(req));
}

Exchange Harness::home_opened(const std::string& user, const std::string& event_id) {
    bot::HttpRequest req;
    req.content_type = "application/json";
    req.body = bot::slack::home_opened_event(user, event_id, "T1").dump();
    return send(std::move(req));
}

Exchange Harness::shortcut(const std::string& user, const std::string& callback_id,
                           const std::string& text) {
    bot::HttpRequest req;
    req.content_type = "application/x-www-form-urlencoded";
    req.body = "payload=" + bot::slack::form_encode(bot::slack::message_shortcut(
                                                        user, callback_id, text, "C0GENERAL",
                                                        "1700000000.123456", "1.2.shortcut", "T1")
                                                        .dump());
    return send(std::move(req));
}

nlohmann::json Harness::home(const std::string& user) {
    auto conn = db_.connect();
    return nlohmann::json::parse(service_->router().home(user, *conn));
}

Exchange Harness::slash(const std::string& user, const std::string& line) {
    const auto space = line.find(' ');
    const std::string command = line.substr(0, space);
    const std::string text = space == std::string::npos ? "" : line.substr(space + 1);
    using bot::slack::form_encode;
    bot::HttpRequest req;
    req.content_type = "application/x-www-form-urlencoded";
    req.body = "token=x&team_id=T1&team_domain=test&channel_id=C1&channel_name=general&user_id=" +
               form_encode(user) + "&user_name=someone&command=" + form_encode(command) +
               "&text=" + form_encode(text) +
               "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3";
    return send(std::move(req));
}

Exchange Harness::dm(const std::string& user, const std::string& text, const std::string& event_id,
                     const std::string& retry_num) {
    nlohmann::json body = {{"token", "x"},
                           {"team_id", "T1"},
                           {"api_app_id", "A1"},
                           {"type", "event_callback"},
                           {"event_id", event_id},
                           {"event_time", 1},
                           {"event",
                            {{"type", "message"},
                             {"channel", "D" + user},
                             {"user", user},
                             {"text", text},
                             {"ts", "1.000001"},
                             {"event_ts", "1.000001"},
                             {"channel_type", "im"}}}};
    bot::HttpRequest req;
    req.content_type = "application/json";
    req.body = body.dump();
    if (!retry_num.empty()) req.headers.emplace_back("X-Slack-Retry-Num", retry_num);
    return send(std::move(req));
}

Exchange Harness::share(const std::string& user, const std::string& text,
                        const std::string& file_id, const std::string& file_name,
                        const std::string& event_id) {
    nlohmann::json body = {{"type", "event_callback"},
                           {"event_id", event_id},
                           {"event",
                            {{"type", "message"},
                             {"subtype", "file_share"},
                             {"channel", "D" + user},
                             {"user", user},
                             {"text", text},
                             {"files",
                              {{{"id", file_id},
                                {"name", file_name},
                                {"mimetype", "image/png"},
                                {"permalink", "https://test.slack.com/files/" + user + "/" +
                                                  file_id + "/" + file_name}}}},
                             {"ts", "1.000002"},
                             {"channel_type", "im"}}}};
    bot::HttpRequest req;
    req.content_type = "application/json";
    req.body = body.dump();
    return send(std::move(req));
}

Exchange Harness::press(const std::string& user, const std::string& action_id,
                        const std::string& value, const std::string& message_ts) {
    nlohmann::json payload = {{"type", "block_actions"},
                              {"user", {{"id", user}, {"username", "someone"}, {"team_id", "T1"}}},
                              {"api_app_id", "A1"},
                              {"token", "x"},
                              {"container",
                               {{"type", "message"},
                                {"message_ts", message_ts},
                                {"channel_id", "D" + user},
                                {"is_ephemeral", false}}},
                              {"trigger_id", "1.2.3"},
                              {"team", {{"id", "T1"}, {"domain", "test"}}},
                              {"channel", {{"id", "D" + user}, {"name", "directmessage"}}},
                              {"response_url", "https://hooks.slack.com/actions/T1/1/x"},
                              {"actions",
                               {{{"action_id", action_id},
                                 {"block_id", "b"},
                                 {"value", value},
                                 {"type", "button"},
                                 {"action_ts", "1.2"},
                                 {"text", {{"type", "plain_text"}, {"text", "Button"}}}}}}};
    bot::HttpRequest req;
    req.content_type = "application/x-www-form-urlencoded";
    req.body = "payload=" + bot::slack::form_encode(payload.dump());
    return send(std::move(req));
}

}  // namespace testing_support
