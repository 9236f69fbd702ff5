// The office webhook's document (config/README.md, Webhooks): one JSON
// object per new ticket and change of state, delivered through the outbox.

#include <date/date.h>

#include "core/json_text.hpp"
#include "handlers/office_parts.hpp"

namespace handlers::office::parts {
namespace {

std::string utc(std::chrono::system_clock::time_point t) {
    return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

std::string utc_ms(std::int64_t ms) {
    return utc(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

}  // namespace

std::vector<Message> webhook(const Context& ctx, std::string_view event, const store::Ticket& t,
                             const std::string& id, const std::string& note) {
    const std::string& url = ctx.cfg.office.webhook_url;
    if (url.empty()) return {};
    using core::json_string;
    std::string doc = R"({"event":)" + json_string(event) + R"(,"at":)" +
                      json_string(utc(ctx.now)) + R"(,"actor":)" + json_string(ctx.user_id) +
                      R"(,"note":)" + json_string(note) + R"(,"ticket":{"id":)" + json_string(id) +
                      R"(,"site":)" + json_string(t.site) + R"(,"status":)" +
                      json_string(store::to_string(t.status)) + R"(,"category":)" +
                      json_string(t.category) + R"(,"priority":)" + json_string(t.priority) +
                      R"(,"description":)" + json_string(t.description) + R"(,"requester":)" +
                      json_string(t.requester) + R"(,"assignee":)" + json_string(t.assignee) +
                      R"(,"photo":)" + json_string(t.photo) + R"(,"resembles":)" +
                      (t.similar_to > 0 ? json_string(id_text(t.similar_to)) : "null") +
                      R"(,"due_at":)" + json_string(utc_ms(t.due_at)) + "}}";
    Message m = Message::webhook(url, std::move(doc));
    m.subject = id;
    return {std::move(m)};
}

}  // namespace handlers::office::parts
