#pragma once
// Drives the real bot::Service (verification, parsing, routing, the writer's
// transaction, the outbox) with signed requests, without sockets: the fake
// receiver of style.md. Each call waits for the reply and collects the
// outbox rows that request wrote.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/dispatch/service.hpp"
#include "bot/metrics.hpp"
#include "config/config.hpp"
#include "storage/outbox.hpp"
#include "storage/writer.hpp"
#include "tests/support/db.hpp"

namespace testing_support {

struct Exchange {
    unsigned status = 0;
    std::string body;
    std::string text;  // the reply's text: the JSON `text`, or the first DM for events/buttons
    std::vector<storage::outbox::Row> messages;  // outbox rows this request wrote
    std::string request_id;
    // A modal the request opened (views.open), and the trigger_id it used;
    // or the view it showed again (views.update), and that view's id.
    nlohmann::json view;
    std::string trigger_id;

    // The rows addressed to `recipient`.
    std::vector<storage::outbox::Row> to(const std::string& recipient) const;
};

class Harness {
public:
    explicit Harness(std::chrono::system_clock::time_point now,
                     config::Config cfg = config::Config{},
                     std::chrono::milliseconds ack_deadline = std::chrono::milliseconds(2500));
    ~Harness();

    // "/pto dec 21 vacation" as a slash command from `user`.
    Exchange slash(const std::string& user, const std::string& line);
    // A DM "pto dec 21" with the given event id (and retry number header).
    Exchange dm(const std::string& user, const std::string& text, const std::string& event_id,
                const std::string& retry_num = "");
    // A file shared in the DM (subtype file_share), with `text` (may be empty).
    Exchange share(const std::string& user, const std::string& text, const std::string& file_id,
                   const std::string& file_name, const std::string& event_id);
    // A button press whose value is `value` ("approve PTO-1") on message `ts`.
    Exchange press(const std::string& user, const std::string& action_id, const std::string& value,
                   const std::string& message_ts = "1700000000.000100");
    // `user` submits `view` (a modal as it was opened) with `values` by
    // block id; Slack sends a retry with the same view_id and values.
    Exchange submit(const std::string& user, const nlohmann::json& view,
                    const std::map<std::string, std::string>& values,
                    const std::string& view_id = "V0TEST");
    // `user` changes the field `changed` of the open `view`, whose fields
    // now hold `values`.
    Exchange change(const std::string& user, const nlohmann::json& view,
                    const std::map<std::string, std::string>& values, const std::string& changed,
                    const std::string& view_id = "V0TEST");
    // `user` opens the bot's Home tab.
    Exchange home_opened(const std::string& user, const std::string& event_id);
    // `user` uses the message shortcut `callback_id` on a message saying `text`.
    Exchange shortcut(const std::string& user, const std::string& callback_id,
                      const std::string& text);
    Exchange send(bot::HttpRequest req);
    // `user`'s Home tab as the outbox would publish it now.
    nlohmann::json home(const std::string& user);

    // A restart: a new writer and service over the same database file.
    void restart();

    long long count(const std::string& table, const std::string& where = "1") const {
        return db_.count(table, where);
    }
    const TempDb& db() const { return db_; }
    storage::Writer& writer() { return *writer_; }

    std::chrono::system_clock::time_point now;
    config::Config cfg;

private:
    void watch_views();
    TempDb db_;
    std::unique_ptr<storage::Writer> writer_;
    bot::Metrics metrics_;
    std::unique_ptr<bot::Service> service_;
    std::chrono::milliseconds ack_deadline_;
    int next_request_ = 1;
    std::mutex views_mutex_;
    std::map<std::string, std::pair<std::string, std::string>> views_;  // by request: trigger, view
};

}  // namespace testing_support
