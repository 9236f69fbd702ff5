#include "handlers/reminders.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/approver.hpp"
#include "handlers/expense.hpp"
#include "handlers/pto.hpp"
#include "storage/pto_store.hpp"
#include "storage/reminder_store.hpp"

namespace handlers::reminders {
namespace {

using core::mention;

// The workflows whose requests wait for decisions. A workflow with
// approvals adds its line here.
constexpr std::array<std::pair<std::string_view, const Remindable*>, 2> kRemindables = {{
    {"PTO", &pto::remindable},
    {"EXP", &expense::remindable},
}};

std::string ordinal(int n) {
    static constexpr std::array<std::string_view, 4> words = {"first", "second", "third", "fourth"};
    return n >= 1 && n <= 4 ? std::string(words[n - 1]) : fmt::format("#{}", n);
}

class Run {
public:
    Run(const config::Config& cfg, const config::Site& site, SQLite::Database& db,
        std::chrono::system_clock::time_point now)
        : ctx_(Context::job(cfg, site, now)), db_(db) {}

    void remind(std::string_view kind, const Remindable& workflow) {
        const auto& cfg = ctx_.cfg.reminders;
        for (const auto& w : workflow.waiting(ctx_, db_)) {
            const int age = working_days_since(w.created_at);
            if (cfg.expire_after_days > 0 && age >= cfg.expire_after_days) {
                for (auto& m : workflow.expire(ctx_, db_, w, cfg.expire_after_days))
                    out_.push_back(std::move(m));
                continue;
            }
            const int sent = storage::reminders::sent(db_, kind, w.number);
            const int reminders = static_cast<int>(cfg.days.size());
            if (sent < reminders && age >= cfg.days[sent]) {
                out_.push_back(reminder(w, sent + 1, age));
                storage::reminders::set_sent(db_, kind, w.number, sent + 1);
            } else if (sent == reminders && age > (reminders ? cfg.days.back() : 0) &&
                       hand_to_site_lead(workflow, w, age)) {
                storage::reminders::set_sent(db_, kind, w.number, sent + 1);
            }
        }
    }

    std::vector<core::Message> take() { return std::move(out_); }

private:
    int working_days_since(std::int64_t at_ms) const {
        return ctx_.site.working_days_since(
            std::chrono::system_clock::time_point(std::chrono::milliseconds(at_ms)), ctx_.today);
    }

    bool out_today(const config::Person& p) const {
        return storage::pto::is_out(db_, p.slack_id,
                                    core::iso(ctx_.cfg.site_of(p).today(ctx_.now)));
    }

    // Who is reminded: the approver, or whoever stands in for them today.
    std::string reminded(const Waiting& w) const {
        const config::Person* approver = ctx_.cfg.find_person(w.approver);
        const config::Person* requester = ctx_.cfg.find_person(w.requester);
        if (!approver || !requester || !out_today(*approver)) return w.approver;
        try {
            const Approver stand_in = approver_for(
                ctx_.cfg, *requester, [this](const config::Person& p) { return out_today(p); });
            if (stand_in.person && stand_in.person->slack_id != w.approver)
                return stand_in.person->slack_id;
        } catch (const Refusal&) {  // nobody else could decide
        }
        return w.approver;
    }

    core::Message reminder(const Waiting& w, int n, int age) const {
        const std::string to = reminded(w);
        const std::string instead =
            to == w.approver
                ? ""
                : fmt::format(" {} is out today, so you stand in.", mention(w.approver));
        return core::Message::dm(
            to, fmt::format("Reminder ({}): {} from {} ({}) has waited {} working {} for a "
                            "decision.{}\nDecide with `/approve {}` or `/deny {} <reason>`.",
                            ordinal(n), w.id, mention(w.requester), w.what, age,
                            age == 1 ? "day" : "days", instead, w.id, w.id));
    }

    // After the last reminder a site lead of the requester's site, in today
    // and not the requester, is told and may decide it as its approver.
    // False when none is in today: tried again the next morning.
    bool hand_to_site_lead(const Remindable& workflow, const Waiting& w, int age) {
        const config::Site& site = ctx_.cfg.site_of(w.requester);
        if (site.leads(w.approver)) return true;  // a site lead was reminded already
        for (const config::Person* lead : ctx_.cfg.site_leads_of(site)) {
            if (lead->slack_id == w.requester || out_today(*lead)) continue;
            if (!workflow.hand_to(db_, w.number, lead->slack_id)) return true;  // decided
            const int reminders = static_cast<int>(ctx_.cfg.reminders.days.size());
            out_.push_back(core::Message::dm(
                lead->slack_id,
                fmt::format("{} from {} ({}) has waited {} working days: {} was reminded {} "
                            "{} and has not decided. It is yours to decide too: `/approve {}` "
                            "or `/deny {} <reason>`.",
                            w.id, mention(w.requester), w.what, age, mention(w.approver), reminders,
                            reminders == 1 ? "time" : "times", w.id, w.id)));
            return true;
        }
        return false;
    }

    const Context ctx_;
    SQLite::Database& db_;
    std::vector<core::Message> out_;
};

}  // namespace

std::vector<core::Message> run(const config::Config& cfg, const config::Site& site,
                               SQLite::Database& db, std::chrono::system_clock::time_point now) {
    Run run(cfg, site, db, now);
    for (const auto& [kind, workflow] : kRemindables) run.remind(kind, *workflow);
    return run.take();
}

}  // namespace handlers::reminders
