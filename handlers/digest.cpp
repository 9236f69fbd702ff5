#include "handlers/digest.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/expense_text.hpp"
#include "handlers/faq.hpp"
#include "handlers/office_parts.hpp"
#include "handlers/pto_text.hpp"
#include "storage/expense_store.hpp"
#include "storage/office_store.hpp"
#include "storage/pto_store.hpp"

namespace handlers::digest {
namespace {

using std::chrono::system_clock;
namespace pto_store = storage::pto;
namespace expense_store = storage::expense;
namespace office_store = storage::office;
using core::mention;

constexpr std::size_t kListed = 8;     // items per list
constexpr std::size_t kApprovers = 6;  // other approvers listed with what waits on them
constexpr std::size_t kQuestions = 5;  // groups of unanswered questions
constexpr auto kNearDeadline = std::chrono::hours(2);

// Whole working days at `site` since `at_ms` (Unix ms).
int working_days_since(const config::Site& site, std::int64_t at_ms, date::local_days today) {
    return site.working_days_since(system_clock::time_point(std::chrono::milliseconds(at_ms)),
                                   today);
}

std::string age_text(int days) {
    return days == 1 ? "1 working day" : fmt::format("{} working days", days);
}

std::string waiting_text(int days) {
    return days == 0 ? "new today" : "waiting " + age_text(days);
}

date::local_days next_working_day(const config::Site& site, date::local_days today) {
    const auto calendar = site.calendar();
    auto d = today + date::days{1};
    for (int i = 0; i < 31 && !calendar.is_working_day(d); ++i) d += date::days{1};
    return d;
}

std::string day_text(date::local_days d, date::local_days today) {
    return core::format_span(core::DateSpan{d, d}, today);
}

// "<@U1> (vacation, until Wed Dec 23), <@U2> (sick, afternoon)"
std::string absences(const std::vector<pto_store::Request>& out, date::local_days day,
                     date::local_days today) {
    std::string text;
    for (const auto& r : out) {
        std::string how = r.leave_type;
        if (r.part == "am") how += ", morning";
        if (r.part == "pm") how += ", afternoon";
        const auto end = core::parse_iso(r.end_date);
        if (end && *end > day) how += ", until " + day_text(*end, today);
        text += fmt::format("{}{} ({})", text.empty() ? "" : ", ", mention(r.requester), how);
    }
    return text;
}

// Who is out today and on the next working day, and today's holiday.
std::string out_section(const Context& ctx, SQLite::Database& reads,
                        const std::vector<std::string>& only) {
    const config::Site& site = ctx.site;
    std::string text;
    const auto calendar = site.calendar();
    if (const auto holiday = calendar.holiday_name(ctx.today))
        text += fmt::format("Today is {}{}.\n", *holiday,
                            calendar.working_value(ctx.today) == 0.5 ? " (a half day)" : "");
    const auto next = next_working_day(site, ctx.today);
    for (const auto& [day, label] :
         {std::pair{ctx.today, std::string("today")},
          std::pair{next, next == ctx.today + date::days{1} ? std::string("tomorrow")
                                                            : day_text(next, ctx.today)}}) {
        auto out = pto_store::out_between(reads, core::iso(day), core::iso(day), site.id);
        if (!only.empty())
            std::erase_if(out, [&](const auto& r) {
                return std::find(only.begin(), only.end(), r.requester) == only.end();
            });
        if (!out.empty())
            text += fmt::format("*Out {}*: {}\n", label, absences(out, day, ctx.today));
    }
    return text;
}

// A decision waiting: a PTO request or an expense, and on whom it waits.
struct Decision {
    std::string approver;
    std::int64_t created_at = 0;
    const pto_store::Request* pto = nullptr;
    const expense_store::Expense* expense = nullptr;
};

// The PTO requests and expenses waiting for a decision at the site, or only
// those waiting for `approver`, oldest first. `items` points into the rows.
struct Waiting {
    Waiting() = default;
    Waiting(const Waiting&) = delete;  // a copy's items would point into the original
    Waiting(Waiting&&) = default;      // a vector moved keeps its elements where they are
    std::vector<pto_store::Request> pto;
    std::vector<expense_store::Expense> expenses;
    std::vector<Decision> items;
};

Waiting waiting_decisions(const Context& ctx, SQLite::Database& reads,
                          const std::string& approver) {
    Waiting w;
    w.pto = approver.empty() ? pto_store::pending_at(reads, ctx.site.id)
                             : pto_store::pending_for(reads, approver);
    w.expenses = approver.empty()
                     ? expense_store::at_site(reads, ctx.site.id, expense_store::Status::pending)
                     : expense_store::waiting_for(reads, approver);
    w.items.reserve(w.pto.size() + w.expenses.size());
    for (const auto& r : w.pto) w.items.push_back({r.approver, r.created_at, &r, nullptr});
    for (const auto& e : w.expenses) w.items.push_back({e.approver, e.created_at, nullptr, &e});
    std::stable_sort(w.items.begin(), w.items.end(), [](const Decision& a, const Decision& b) {
        return a.created_at < b.created_at;
    });
    return w;
}

// One decision's line, formatted only for the decisions shown.
std::string decision_line(const Context& ctx, const Decision& d) {
    const std::string what = d.pto       ? pto::decision_text(ctx, *d.pto)
                             : d.expense ? expense::decision_text(*d.expense)
                                         : std::string();
    return fmt::format("• {} · {}\n", what,
                       waiting_text(working_days_since(ctx.site, d.created_at, ctx.today)));
}

std::string decision_lines(const Context& ctx, const std::vector<const Decision*>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < kListed; ++i)
        text += decision_line(ctx, *items[i]);
    if (items.size() > kListed) text += fmt::format("• …and {} more\n", items.size() - kListed);
    return text;
}

// The decisions waiting, on the reader first, then on each approver, the
// one with the oldest first: the reader's own and kApprovers others listed,
// each a part of its own (a section of the Home tab, well within Slack's
// 3000 characters), then how many more decisions wait on how many others.
std::vector<std::string> decisions_section(const Context& ctx, SQLite::Database& reads) {
    const auto waiting = waiting_decisions(ctx, reads, {});
    const auto& items = waiting.items;
    if (items.empty()) return {};
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Decision*>> by;
    for (const auto& d : items) {
        auto& mine = by[d.approver];
        if (mine.empty()) order.push_back(d.approver);
        mine.push_back(&d);
    }
    std::stable_partition(order.begin(), order.end(),
                          [&](const std::string& a) { return a == ctx.user_id; });
    std::vector<std::string> parts;
    std::size_t others = 0, unlisted = 0, unlisted_items = 0;
    for (const auto& approver : order) {
        const bool reader = approver == ctx.user_id;
        const auto& waiting_on = by.at(approver);
        if (!reader && ++others > kApprovers) {
            ++unlisted;
            unlisted_items += waiting_on.size();
            continue;
        }
        parts.push_back(fmt::format("On {}:\n", reader ? "you" : mention(approver)) +
                        decision_lines(ctx, waiting_on));
    }
    if (unlisted > 0)
        parts.back() += fmt::format("…and {} more waiting on {} other approver{}\n", unlisted_items,
                                    unlisted, unlisted == 1 ? "" : "s");
    parts.front().insert(
        0, fmt::format("*Waiting for a decision* ({}; `/approve` lists yours)\n", items.size()));
    return parts;
}

std::string unreimbursed_section(const Context& ctx, SQLite::Database& reads) {
    const int after = ctx.cfg.digest.unreimbursed_after_days;
    std::string lines;
    std::size_t count = 0;
    for (const auto& e :
         expense_store::at_site(reads, ctx.site.id, expense_store::Status::approved)) {
        const int age = working_days_since(ctx.site, e.updated_at, ctx.today);
        if (age < after) continue;
        if (++count <= kListed)
            lines += fmt::format("• `{}` {} {} · {} · approved {} ago\n", expense::id_text(e.id),
                                 mention(e.submitter), expense::amount_text(e), e.category,
                                 age_text(age));
    }
    if (count == 0) return {};
    if (count > kListed) lines += fmt::format("• …and {} more\n", count - kListed);
    return fmt::format(
               "*Approved, not reimbursed after {}* ({}; BizOps: `/expense reimburse EXP-n`)\n",
               age_text(after), count) +
           lines;
}

// Every open ticket, counted by how long it has been open, and the oldest.
std::string open_by_age(const Context& ctx, const std::vector<office_store::Ticket>& open) {
    if (open.empty()) return {};
    int today = 0, this_week = 0, older = 0;
    const office_store::Ticket* oldest = &open.front();
    int oldest_age = -1;
    for (const auto& t : open) {
        const int age = working_days_since(ctx.site, t.created_at, ctx.today);
        (age == 0 ? today : age < 5 ? this_week : older) += 1;
        if (age > oldest_age) oldest = &t, oldest_age = age;
    }
    std::vector<std::string> counts;
    if (today > 0) counts.push_back(fmt::format("{} new today", today));
    if (this_week > 0) counts.push_back(fmt::format("{} of 1 to 4 working days", this_week));
    if (older > 0) counts.push_back(fmt::format("{} of 5 or more", older));
    std::string text = fmt::format("*Open tickets by age* ({}; `/office queue`): {}", open.size(),
                                   fmt::join(counts, " · "));
    if (oldest_age > 0)
        text += fmt::format("; the oldest is {}, open {}", office::parts::id_text(oldest->id),
                            age_text(oldest_age));
    return text + "\n";
}

std::string tickets_section(const Context& ctx, SQLite::Database& reads) {
    namespace parts = office::parts;
    const std::int64_t now = core::unix_ms(ctx.now);
    const std::int64_t near = core::unix_ms(ctx.now + kNearDeadline);
    std::string lines;
    std::size_t count = 0;
    const auto add = [&](const office_store::Ticket& t, const std::string& why) {
        if (++count <= kListed)
            lines += fmt::format("• {} · {}\n", parts::ticket_line(ctx, t), why);
    };
    const auto reopened = office_store::reopened(reads, ctx.site.id);
    const auto is_reopened = [&](const office_store::Ticket& t) {
        return std::any_of(reopened.begin(), reopened.end(),
                           [&](const auto& r) { return r.id == t.id; });
    };
    const auto late = [&](const office_store::Ticket& t) {
        return t.status == office_store::Status::open && t.due_at <= near;
    };
    const auto lateness = [&](const office_store::Ticket& t) {
        return t.due_at <= now ? "*past its deadline*" : "*due soon*";
    };
    const auto open = office_store::queue(reads, ctx.site.id);
    for (const auto& t : open)
        if (late(t) && !is_reopened(t)) add(t, lateness(t));
    for (const auto& t : reopened)
        add(t, std::string("*reopened*: still broken") +
                   (late(t) ? ", " + std::string(lateness(t)) : ""));
    const std::string by_age = open_by_age(ctx, open);
    if (count == 0) return by_age;
    if (count > kListed) lines += fmt::format("• …and {} more\n", count - kListed);
    return by_age + fmt::format("*Tickets that need a push* ({})\n", count) + lines;
}

std::string questions_section(const Context& ctx, SQLite::Database& reads) {
    const auto w = faq::waiting(ctx, reads, {ctx.site.id}, kQuestions);
    if (w.questions == 0) return {};
    return fmt::format("*Unanswered questions* ({}, most asked first; `/faq unanswered`)\n",
                       w.questions) +
           w.lines;
}

// A site lead's digest of one site: its title, then each part that has
// something, or one line on a quiet day.
std::vector<std::string> site_digest(const Context& ctx, SQLite::Database& reads) {
    std::vector<std::string> parts{
        fmt::format("*{}, {}*", ctx.site.name, day_text(ctx.today, ctx.today))};
    std::vector<std::string> sections{out_section(ctx, reads, {})};
    for (auto& part : decisions_section(ctx, reads)) sections.push_back(std::move(part));
    for (auto* section : {unreimbursed_section, tickets_section, questions_section})
        sections.push_back(section(ctx, reads));
    for (const auto& part : sections)
        if (!part.empty()) parts.push_back(part.substr(0, part.size() - 1));  // no last newline
    if (parts.size() == 1)
        parts.push_back(
            "A quiet day: nobody is out, nothing waits for a decision, no ticket is late and every "
            "question has its answer.");
    return parts;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& p : parts) text += p + "\n";
    return text;
}

Context context_for(const config::Config& cfg, const config::Person& person,
                    const config::Site& site, system_clock::time_point now) {
    return Context{cfg, person.slack_id, &person, site, now, site.today(now), false, false, {}, {}};
}

// The sites whose digest `person` gets: those they lead; for an admin who
// leads none, their own (an admin may do all a site lead may).
std::vector<const config::Site*> led_by(const config::Config& cfg, const config::Person& person) {
    std::vector<const config::Site*> out;
    for (const auto& site : cfg.sites)
        if (site.leads(person.slack_id)) out.push_back(&site);
    if (out.empty() && person.has_role(config::Role::admin)) out.push_back(&cfg.site_of(person));
    return out;
}

}  // namespace

std::optional<std::string> compose(const config::Config& cfg, const config::Person& person,
                                   SQLite::Database& reads, system_clock::time_point now,
                                   When when) {
    std::string text;
    for (const auto* site : led_by(cfg, person)) {
        const Context ctx = context_for(cfg, person, *site, now);
        text += (text.empty() ? "" : "\n") + joined(site_digest(ctx, reads));
    }
    if (!text.empty()) return text;

    const auto team = cfg.reports_of(person.slack_id);
    if (team.empty()) return std::nullopt;
    const Context ctx = context_for(cfg, person, cfg.site_of(person), now);
    const auto waiting = waiting_decisions(ctx, reads, person.slack_id);
    std::vector<const Decision*> mine;
    for (const auto& d : waiting.items) mine.push_back(&d);
    if (mine.empty() && when == When::something_waits) return std::nullopt;
    std::vector<std::string> ids;
    for (const auto* p : team) ids.push_back(p->slack_id);
    text = fmt::format("*Your team, {}*\n", day_text(ctx.today, ctx.today)) +
           out_section(ctx, reads, ids);
    if (mine.empty())
        text += "Nothing waits for your decision.\n";
    else
        text +=
            fmt::format("*Waiting for your decision* ({}; `/approve` lists them)\n", mine.size()) +
            decision_lines(ctx, mine);
    return text;
}

std::vector<Message> morning(const config::Config& cfg, const config::Site& site,
                             SQLite::Database& db, system_clock::time_point due) {
    std::vector<Message> out;
    for (const auto& person : cfg.people) {
        if (&cfg.site_of(person) != &site) continue;  // their own site's morning tells them
        if (led_by(cfg, person).empty() && !cfg.digest.managers) continue;
        if (auto text = compose(cfg, person, db, due, When::something_waits))
            out.push_back(Message::dm(person.slack_id, std::move(*text)));
    }
    return out;
}

Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    if (!core::trim(args).empty())
        throw Refusal(fmt::format("`/sitelead digest` takes nothing after it (I got \"{}\").",
                                  core::plain(core::trim(args))));
    auto text = compose(ctx.cfg, *ctx.caller, reads, ctx.now, When::always);
    if (!text)
        return Plan::answer(
            "The digest is for site leads and managers: you have no site and no team to hear "
            "about. `/sitelead help` lists what you can do.");
    return Plan::answer(std::move(*text));
}

HelpLine help_line() {
    return {"/sitelead digest",
            "what needs you today: who is out, decisions waiting, late tickets, unanswered "
            "questions (sent every working morning)",
            Audience::managers};
}

void home(const Context& ctx, SQLite::Database& reads, std::vector<blocks::Block>& out) {
    if (!ctx.caller || !ctx.site.leads(ctx.user_id)) return;
    // A section a part: each stays well within Slack's 3000 characters.
    for (const auto& part : site_digest(ctx, reads)) out.push_back(blocks::section(part));
}

}  // namespace handlers::digest
