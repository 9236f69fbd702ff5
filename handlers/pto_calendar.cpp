// The calendar feed: approved time off and the site's holidays as
// iCalendar, for Google Calendar, Outlook and Apple Calendar to subscribe
// to, behind a per-person secret that `/pto calendar` gives and `/pto
// calendar rotate` replaces. Who is in it goes by role: a site lead sees
// their sites, a manager their team, anyone else their teammates.

#include <openssl/rand.h>

#include <algorithm>
#include <map>

#include <date/tz.h>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/ics.hpp"
#include "core/text.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"
#include "storage/calendar_store.hpp"
#include "storage/pto_store.hpp"

namespace handlers::pto::calendar {
namespace {

namespace store = storage::pto;
using core::ics::line;
constexpr int kTokenSlot = 0;
const auto kPast = date::days{90};
const auto kAhead = date::days{366};

std::string new_token() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw std::runtime_error("cannot draw a random calendar token");
    std::string hex;
    for (const unsigned char b : bytes) hex += fmt::format("{:02x}", b);
    return hex;
}

std::string feed_url(const config::Config& cfg, const std::string& token) {
    const std::string base = cfg.server.public_url.empty()
                                 ? fmt::format("http://{}:{}", cfg.server.address, cfg.server.port)
                                 : cfg.server.public_url;
    return fmt::format("{}/calendar.ics?token={}", base, token);
}

// Whose time off a person sees, and which sites' holidays.
struct Audience {
    std::string name;
    std::vector<const config::Person*> people;
    std::vector<const config::Site*> sites;
};

Audience audience_of(const config::Config& cfg, const config::Person& me) {
    Audience a;
    for (const auto& site : cfg.sites)
        if (site.leads(me.slack_id)) a.sites.push_back(&site);
    if (!a.sites.empty()) {
        for (const auto& p : cfg.people)
            if (std::find(a.sites.begin(), a.sites.end(), &cfg.site_of(p)) != a.sites.end())
                a.people.push_back(&p);
        a.name = a.sites.size() == 1 ? a.sites.front()->name + ": time off"
                                     : std::string("Your sites: time off");
        return a;
    }
    a.sites.push_back(&cfg.site_of(me));
    a.people = cfg.reports_of(me.slack_id);
    if (!a.people.empty()) {
        a.name = fmt::format("{}'s team: time off", me.name);
    } else if (!me.manager.empty()) {
        a.people = cfg.reports_of(me.manager);
        std::erase_if(a.people, [&](const auto* p) { return p->slack_id == me.slack_id; });
        a.name = "Your team: time off";
    } else {
        a.name = "Your time off";
    }
    a.people.push_back(&me);
    return a;
}

std::string event(const std::string& uid, int sequence, std::chrono::system_clock::time_point now,
                  const std::string& summary, const std::string& when) {
    return line("BEGIN:VEVENT") + line("UID:" + uid) + line(fmt::format("SEQUENCE:{}", sequence)) +
           line("DTSTAMP:" + core::ics::utc_value(now)) + when +
           line("SUMMARY:" + core::ics::escape(summary)) + line("TRANSP:TRANSPARENT") +
           line("END:VEVENT");
}

std::string all_day(date::local_days first, date::local_days last) {
    return line("DTSTART;VALUE=DATE:" + core::ics::date_value(first)) +
           line("DTEND;VALUE=DATE:" + core::ics::date_value(last + date::days{1}));
}

}  // namespace

Plan command(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    const std::string word = core::lower(core::trim(args));
    if (!word.empty() && word != "rotate")
        throw Refusal(
            "Usage: `/pto calendar` (a link your calendar app subscribes to) or `/pto calendar "
            "rotate` (a new link; the old one stops working)");
    const auto existing = storage::calendar::token_of(reads, ctx.user_id);
    const std::string how =
        "Add it in Google Calendar (Other calendars > From URL), Outlook (Add calendar > "
        "Subscribe from web) or Apple Calendar (File > New Calendar Subscription). Keep it to "
        "yourself: anyone with the link sees it. `/pto calendar rotate` replaces it.";
    if (existing && word.empty())
        return Plan::answer(
            fmt::format("Your time-off calendar: {}\n{}", feed_url(ctx.cfg, *existing), how));
    Plan plan;
    plan.result.reply.text = fmt::format(
        "{}: {}\n{}", word.empty() ? "Your time-off calendar" : "Your new calendar link",
        feed_url(ctx.cfg, core::slot(kTokenSlot)), how);
    plan.apply = [token = new_token(), user = ctx.user_id, rotate = !word.empty(),
                  now = core::unix_ms(ctx.now)](SQLite::Database& db) {
        // Two asks at once give one link: the first one written.
        if (!rotate)
            if (auto earlier = storage::calendar::token_of(db, user)) return Slots{*earlier};
        storage::calendar::set_token(db, user, token, now);
        return Slots{token};
    };
    return plan;
}

std::optional<std::string> feed(const config::Config& cfg, SQLite::Database& reads,
                                const std::string& token,
                                std::chrono::system_clock::time_point now) {
    if (token.size() != 64) return std::nullopt;
    const auto person_id = storage::calendar::person_of(reads, token);
    const config::Person* me = person_id ? cfg.find_person(*person_id) : nullptr;
    if (!me) return std::nullopt;
    const Audience audience = audience_of(cfg, *me);
    const auto today = cfg.site_of(*me).today(now);
    const auto from = today - kPast, to = today + kAhead;

    std::string events;
    std::map<std::string, const date::time_zone*> zones;  // by name, each once
    for (const auto* p : audience.people)
        for (const auto& r :
             store::approved_of(reads, p->slack_id, core::iso(from), core::iso(to))) {
            const auto span = span_of(r);
            const config::Site* site = cfg.find_site(r.site);
            if (!site) site = &cfg.site_of(*p);
            std::string when, summary = fmt::format("{}: {}", p->name, r.leave_type);
            if (r.part == "am" || r.part == "pm") {
                // A half day: the morning or the afternoon of the site's working hours.
                const auto mid = (site->hours.start + site->hours.end) / 2;
                const auto begin = r.part == "am" ? site->hours.start : mid;
                const auto end = r.part == "am" ? mid : site->hours.end;
                const std::string tz = core::ics::escape(site->time_zone);
                when = line(fmt::format("DTSTART;TZID={}:{}", tz,
                                        core::ics::local_value(span.start + begin))) +
                       line(fmt::format("DTEND;TZID={}:{}", tz,
                                        core::ics::local_value(span.start + end)));
                summary += r.part == "am" ? " (morning)" : " (afternoon)";
                zones.emplace(site->time_zone, site->tz());
            } else {
                when = all_day(span.start, span.end);
            }
            events += event(fmt::format("{}@sitelead-bot", id_text(r.id)),
                            std::max(0, store::changes(reads, r.id) - 1), now, summary, when);
        }
    for (const auto* site : audience.sites)
        for (const auto& h : site->holidays) {
            const date::local_days day{h.day};
            if (day < from || day > to) continue;
            events += event(
                fmt::format("holiday-{}-{}@sitelead-bot", site->id, core::ics::date_value(day)), 0,
                now, fmt::format("{} ({}{})", h.name, site->name, h.half ? ", half day" : ""),
                all_day(day, day));
        }

    std::string out = line("BEGIN:VCALENDAR") + line("VERSION:2.0") +
                      line("PRODID:-//sitelead-bot//Time off//EN") + line("CALSCALE:GREGORIAN") +
                      line("METHOD:PUBLISH") +
                      line("X-WR-CALNAME:" + core::ics::escape(audience.name));
    const auto window_start = date::sys_seconds{date::sys_days{from.time_since_epoch()}};
    const auto window_end = date::sys_seconds{date::sys_days{to.time_since_epoch()}};
    for (const auto& [name, zone] : zones)
        out += core::ics::vtimezone(zone, window_start, window_end);
    return out + events + line("END:VCALENDAR");
}

}  // namespace handlers::pto::calendar
