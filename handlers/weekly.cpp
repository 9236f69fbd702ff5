#include "handlers/weekly.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <date/iso_week.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "core/calendar.hpp"
#include "core/dates.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "storage/faq_stats.hpp"
#include "storage/pto_store.hpp"
#include "storage/sitelead_store.hpp"

namespace handlers::weekly {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;
constexpr int kListed = 3;

// Local midnight at the start of `day` at `site`, in Unix ms.
std::int64_t start_of(const config::Site& site, date::local_days day) {
    const auto at =
        site.tz()->to_sys(date::local_seconds{day.time_since_epoch()}, date::choose::earliest);
    return std::chrono::duration_cast<milliseconds>(at.time_since_epoch()).count();
}

date::local_days monday_of(date::local_days day) {
    return day - (date::weekday{day} - date::Monday);
}

// Working days of `r` within [from, to].
double days_within(const core::Calendar& calendar, const storage::pto::Request& r,
                   date::local_days from, date::local_days to) {
    const auto start = core::parse_iso(r.start_date), end = core::parse_iso(r.end_date);
    if (!start || !end) return 0;
    const auto a = std::max(*start, from), b = std::min(*end, to);
    if (b < a) return 0;
    return calendar.count(a, b, a == b ? core::parse_part(r.part) : core::Part::full);
}

std::string time_off(const config::Site& site, SQLite::Database& db, date::local_days monday,
                     std::int64_t from_ms, std::int64_t to_ms) {
    const auto calendar = site.calendar();
    const auto sunday = monday + date::days{6};
    double taken = 0, ahead = 0;
    std::set<std::string> people;
    for (const auto& r :
         storage::pto::out_between(db, core::iso(monday), core::iso(sunday), site.id)) {
        const double d = days_within(calendar, r, monday, sunday);
        taken += d;
        if (d > 0) people.insert(r.requester);
    }
    for (const auto& r : storage::pto::approved_between(db, site.id, from_ms, to_ms))
        ahead += days_within(calendar, r, sunday + date::days{1}, date::local_days::max());
    if (taken == 0 && ahead == 0) return {};
    return fmt::format("*Time off*: {} taken by {} {}; {} approved for later dates.\n",
                       core::days_text(taken), people.size(),
                       people.size() == 1 ? "person" : "people", core::days_text(ahead));
}

std::string expenses(const config::Site& site, SQLite::Database& db, std::int64_t from_ms,
                     std::int64_t to_ms) {
    const auto approved = storage::sitelead::expenses_approved(db, site.id, from_ms, to_ms);
    if (approved.empty()) return {};
    std::string text = "*Expenses approved*: ";
    for (std::size_t i = 0; i < approved.size(); ++i) {
        const auto& a = approved[i];
        const core::Currency* currency = core::find_currency(a.currency);
        text += fmt::format("{}{} {} ({})", i == 0 ? "" : " · ", a.category,
                            currency ? core::format_money({a.total_minor, currency})
                                     : fmt::format("{} {}", a.total_minor, a.currency),
                            a.count);
    }
    return text + "\n";
}

// "25m", "3h 10m", "2d 4h"
std::string duration_text(std::int64_t ms) {
    const std::int64_t minutes = ms / 60000;
    if (minutes < 60) return fmt::format("{}m", minutes);
    if (minutes < 24 * 60) return fmt::format("{}h {}m", minutes / 60, minutes % 60);
    return fmt::format("{}d {}h", minutes / (24 * 60), minutes % (24 * 60) / 60);
}

std::int64_t median(std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string tickets(const config::Site& site, SQLite::Database& db, std::int64_t from_ms,
                    std::int64_t to_ms) {
    const auto in_week = [&](std::int64_t at) { return at >= from_ms && at < to_ms; };
    int opened = 0, resolved = 0;
    std::map<std::string, std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>> times;
    for (const auto& t : storage::sitelead::ticket_times(db, site.id, from_ms, to_ms)) {
        opened += in_week(t.created_at);
        if (t.acknowledged_at && in_week(t.acknowledged_at))
            times[t.priority].first.push_back(t.acknowledged_at - t.created_at);
        if (t.resolved_at && in_week(t.resolved_at)) {
            ++resolved;
            times[t.priority].second.push_back(t.resolved_at - t.created_at);
        }
    }
    if (opened == 0 && resolved == 0 && times.empty()) return {};
    std::string text = fmt::format("*Tickets*: {} opened, {} resolved.", opened, resolved);
    std::string medians;
    for (const char* priority : {"urgent", "high", "normal", "low"}) {
        const auto it = times.find(priority);
        if (it == times.end()) continue;
        const auto& [ack, res] = it->second;
        std::string parts;
        if (!ack.empty())
            parts += fmt::format("acknowledged in {} ({})", duration_text(median(ack)), ack.size());
        if (!res.empty())
            parts += fmt::format("{}resolved in {} ({})", parts.empty() ? "" : ", ",
                                 duration_text(median(res)), res.size());
        medians += fmt::format("\n• {}: {}", priority, parts);
    }
    if (!medians.empty()) text += " Median times:" + medians;
    return text + "\n";
}

std::string questions(const config::Site& site, SQLite::Database& db, std::int64_t from_ms,
                      std::int64_t to_ms) {
    const auto use = storage::faq::usage(db, {site.id}, from_ms, kListed, to_ms);
    if (use.asked == 0) return {};
    std::string text = fmt::format("*FAQ*: {} questions, {} answered.", use.asked, use.answered);
    if (!use.most_asked.empty()) {
        text += " Most asked:";
        for (const auto& u : use.most_asked)
            text += fmt::format(" FAQ-{} {} ({});", u.entry_id, u.question, u.asked);
        text.pop_back();
    }
    if (!use.least_helpful.empty()) {
        text += ". Least helpful:";
        for (const auto& u : use.least_helpful)
            text += fmt::format(" FAQ-{} {} ({} of {} said it did not help);", u.entry_id,
                                u.question, u.not_helpful, u.helpful + u.not_helpful);
        text.pop_back();
    }
    return text + "\n";
}

}  // namespace

std::optional<date::local_days> parse_week(std::string_view text) {
    int year = 0;
    unsigned week = 0;
    char tail = 0;
    const std::string s(core::trim(text));
    if (s.size() != 8 || std::sscanf(s.c_str(), "%4d-W%2u%c", &year, &week, &tail) != 2)
        return std::nullopt;
    const iso_week::year y{year};
    if (week < 1 ||
        week >
            unsigned(iso_week::year_lastweek_weekday{y, iso_week::weekday{date::Monday}}.weeknum()))
        return std::nullopt;
    return date::local_days{date::sys_days{
        iso_week::year_weeknum_weekday{y, iso_week::weeknum{week}, iso_week::weekday{date::Monday}}}
                                .time_since_epoch()};
}

std::string summary(const config::Site& site, SQLite::Database& db, date::local_days monday) {
    const std::int64_t from = start_of(site, monday), to = start_of(site, monday + date::days{7});
    const iso_week::year_weeknum_weekday week{date::sys_days{monday.time_since_epoch()}};
    std::string text = fmt::format(
        "*{}, week {}-W{:02}* ({})\n", site.name, int(week.year()), unsigned(week.weeknum()),
        core::format_span(core::DateSpan{monday, monday + date::days{6}}, monday));
    std::string body = time_off(site, db, monday, from, to) + expenses(site, db, from, to) +
                       tickets(site, db, from, to) + questions(site, db, from, to);
    return text + (body.empty() ? "A quiet week: no time off, no expenses approved, no tickets "
                                  "and no questions.\n"
                                : body);
}

date::local_days last_week(const config::Site& site, std::chrono::system_clock::time_point now) {
    return monday_of(site.today(now)) - date::days{7};
}

std::vector<core::Message> run(const config::Config& cfg, const config::Site& site,
                               SQLite::Database& db, system_clock::time_point now) {
    const auto today = site.today(now);
    const auto calendar = site.calendar();
    for (auto d = monday_of(today); d < today; d += date::days{1})
        if (calendar.is_working_day(d)) return {};  // not the week's first working day
    std::vector<core::Message> out;
    const auto leads = cfg.site_leads_of(site);
    if (leads.empty()) return out;
    const std::string text = summary(site, db, last_week(site, now));
    for (const auto* lead : leads) out.push_back(core::Message::dm(lead->slack_id, text));
    return out;
}

}  // namespace handlers::weekly
