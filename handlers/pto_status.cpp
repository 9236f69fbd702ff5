// Slack status while away: the person's status shows their leave type's
// emoji and text from the first day of approved leave until it ends.

#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/dates.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/outbox.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto::status {
namespace {

using std::chrono::system_clock;

// When the leave ends: the end of its last day in the site's zone, or, for
// a morning off, the middle of the site's working day.
system_clock::time_point ends_at(const config::Site& site, const storage::pto::Request& r) {
    const auto span = span_of(r);
    const date::local_seconds end =
        r.part == "am" ? date::local_seconds{span.end.time_since_epoch()} +
                             (site.hours.start + site.hours.end) / 2
                       : date::local_seconds{(span.end + date::days{1}).time_since_epoch()};
    return site.tz()->to_sys(end, date::choose::latest);
}

}  // namespace

std::optional<Message> set(const config::Config& cfg, const config::Site& site,
                           const storage::pto::Request& r, const std::string& subject,
                           system_clock::time_point now) {
    if (!cfg.pto.slack_status || cfg.slack.user_token.empty()) return std::nullopt;
    const config::LeaveType* type = cfg.leave_type(r.leave_type);
    const auto start = core::parse_iso(r.start_date);
    if (!type || !start || *start > site.today(now)) return std::nullopt;
    const auto end = ends_at(site, r);
    if (end <= now) return std::nullopt;
    std::string text = type->status_text;
    if (r.part == "am") text += " this morning";
    if (r.part == "pm") text += " this afternoon";
    const nlohmann::json profile = {
        {"status_text", text},
        {"status_emoji", type->status_emoji},
        {"status_expiration",
         std::chrono::duration_cast<std::chrono::seconds>(end.time_since_epoch()).count()}};
    Message m = Message::status(r.requester, profile.dump());
    m.subject = subject;
    return m;
}

std::vector<Message> morning(const config::Config& cfg, const config::Site& site,
                             SQLite::Database& db, system_clock::time_point due) {
    std::vector<Message> out;
    if (!cfg.pto.slack_status || cfg.slack.user_token.empty()) return out;
    const std::string today = core::iso(site.today(due));
    // Leave that began today, or earlier while the service was down or
    // statuses were off, and has no status yet.
    for (const auto& r : storage::pto::out_between(db, today, today, site.id)) {
        const std::string subject = id_text(r.id);
        if (storage::outbox::any_about(db, subject, storage::outbox::kStatusMethod)) continue;
        if (auto m = set(cfg, site, r, subject, due)) out.push_back(std::move(*m));
    }
    return out;
}

}  // namespace handlers::pto::status
