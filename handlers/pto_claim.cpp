// Time off said in a DM ("I need tomorrow off", "off sick today"): offered
// as the request it would be, with a button that sends it. Nothing is
// requested until the button is pressed. And "who's out next week?", "how
// many days do I have left?" and "cancel my time off friday" said in a DM:
// answered as `/pto out`, `/pto balance` and `/pto cancel friday` would.
// None in a mention: the offer would be the channel's, its button anyone's,
// and who is out on which leave, or anyone's balance, is not the channel's
// to read.

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/pto.hpp"
#include "handlers/pto_text.hpp"

namespace handlers::pto {
namespace {

bool is_one_of(const std::string& w, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

// Whether the words say the writer takes time off: a leave type or a word
// for one ("ill", "ooo"), or "day off", "time off", "off sick", "on leave",
// "on holiday", "I'm off"; `off_after_date`: "tomorrow off".
bool says_time_off(const config::Pto& pto, const std::vector<std::string>& w, bool off_after_date) {
    if (off_after_date) return true;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (is_one_of(w[i], {"ill", "unwell", "pto", "ooo"})) return true;
        if (config::find_leave_type(pto, w[i])) return true;
        if (i + 1 == w.size()) continue;
        const std::string& next = w[i + 1];
        if (next == "off" && is_one_of(w[i], {"day", "days", "time", "i'm", "im", "am"}))
            return true;
        if (w[i] == "off" && next == "sick") return true;
        if (w[i] == "on" && is_one_of(next, {"leave", "holiday", "holidays", "vacation"}))
            return true;
    }
    return false;
}

// The leave type the words name: sick for "ill" or "unwell", else a type
// named, else the default.
std::string type_in(const config::Pto& pto, const std::vector<std::string>& w) {
    for (const auto& word : w) {
        if (is_one_of(word, {"ill", "unwell"}) && config::find_leave_type(pto, "sick"))
            return "sick";
        if (config::find_leave_type(pto, word)) return word;
    }
    return pto.default_type;
}

// The first date phrase in `text`, from any word on: "I need *tomorrow* off".
std::optional<core::ParsedWhen> first_date_in(std::string_view text, date::local_days today) {
    for (std::string_view rest = core::trim(text); !rest.empty();
         rest = core::next_word(rest).second) {
        const auto parsed = core::parse_when(rest, today);
        if (const auto* when = std::get_if<core::ParsedWhen>(&parsed)) return *when;
    }
    return std::nullopt;
}

// The span as the /pto command reads it back, whatever the site's writing.
std::string command_dates(const core::DateSpan& span) {
    if (span.start != span.end)
        return fmt::format("{} to {}", core::iso(span.start), core::iso(span.end));
    switch (span.part) {
        case core::Part::am:
            return core::iso(span.start) + " am";
        case core::Part::pm:
            return core::iso(span.start) + " pm";
        case core::Part::full:
            break;
    }
    return core::iso(span.start);
}

// Whether the words ask who is out: "who's out next week?", "who else is off
// tomorrow", "is anyone on holiday friday", "anyone ooo today".
bool asks_who_is_out(const std::vector<std::string>& w) {
    std::size_t i = 0;
    const auto at = [&](std::initializer_list<std::string_view> words) {
        return i < w.size() && is_one_of(w[i], words);
    };
    if (at({"who", "who's", "whos"})) {
        ++i;
        if (at({"else"})) ++i;
        if (at({"is", "s", "are", "'s"})) ++i;
        if (at({"else"})) ++i;
    } else {
        if (at({"is", "are"})) ++i;
        if (!at({"anyone", "anybody", "someone", "people"})) return false;
        ++i;
        if (at({"else"})) ++i;
    }
    if (at({"out", "off", "away", "ooo"})) return true;
    return at({"on"}) && i + 1 < w.size() &&
           is_one_of(w[i + 1], {"leave", "holiday", "holidays", "vacation", "pto"});
}

// "Who's out next week?" asked in a DM: `/pto out` for those days (today
// when none is named), at the site the words name, else the caller's.
std::optional<Plan> who_is_out(const Context& ctx, std::string_view text,
                               const std::vector<std::string>& words, SQLite::Database& reads) {
    if (!asks_who_is_out(words)) return std::nullopt;
    std::string args;
    if (const auto when = first_date_in(text, ctx.today)) args = command_dates(when->span);
    if (ctx.cfg.sites.size() > 1)
        for (const auto& site : ctx.cfg.sites)
            if (std::find(words.begin(), words.end(), core::lower(site.id)) != words.end())
                args += " --site " + site.id;
    return views::out(ctx, args, reads);
}

// Whether the words ask the writer's own balance: "how many days off do I
// have left?", "how much vacation have I got remaining", "what's my pto
// balance". Not "how many vacation days do I get?" (the policy, the FAQ's),
// "can I carry over days left?" nor "I left my badge, can I have a day pass?".
bool asks_balance(const config::Pto& pto, const std::vector<std::string>& w) {
    // The place of the first of `words` from `from` on; w.size() if none.
    const auto at = [&](std::initializer_list<std::string_view> words, std::size_t from = 0) {
        while (from < w.size() && !is_one_of(w[from], words)) ++from;
        return from;
    };
    const auto has = [&](std::initializer_list<std::string_view> words) {
        return at(words) < w.size();
    };
    if (has({"balance"})) return has({"my", "pto", "vacation", "holiday", "leave"});
    const bool about_leave =
        has({"days", "day", "pto", "vacation", "holiday", "holidays", "leave", "off"}) ||
        std::any_of(w.begin(), w.end(),
                    [&](const std::string& x) { return config::find_leave_type(pto, x); });
    // "... do I have left", not "I left my badge ... have a day pass".
    const std::size_t have = at({"have", "got"});
    return about_leave && has({"i", "i've", "ive"}) && have < w.size() &&
           at({"left", "remaining"}, have) < w.size();
}

// "Cancel my time off tomorrow": what `/pto cancel tomorrow` lists (the
// caller's requests on those days, each with its command), never an offer
// to take the days.
std::optional<Plan> cancel_asked(const Context& ctx, std::string_view text,
                                 const std::vector<std::string>& words, SQLite::Database& reads) {
    if (!std::any_of(words.begin(), words.end(), [](const std::string& w) {
            return is_one_of(w, {"cancel", "withdraw", "unbook"});
        }))
        return std::nullopt;
    const auto when = first_date_in(text, ctx.today);
    if (!when && !says_time_off(ctx.cfg.pto, words, false)) return std::nullopt;
    return handle(ctx, "cancel " + (when ? command_dates(when->span) : std::string()), reads);
}

}  // namespace

std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads) {
    // Not in a channel's mention: who is out, and on which leave, is not
    // the channel's to read.
    if (!ctx.caller || ctx.via_mention) return std::nullopt;
    const auto words = core::lower_words(text);
    if (auto plan = who_is_out(ctx, text, words, reads)) return plan;
    if (asks_balance(ctx.cfg.pto, words)) return views::balance(ctx, reads);
    if (auto plan = cancel_asked(ctx, text, words, reads)) return plan;
    if (core::is_question(text)) return std::nullopt;
    const auto when = first_date_in(text, ctx.today);
    if (!when || when->span.start < ctx.today) return std::nullopt;
    const core::DateSpan span = requested_span(ctx.site.calendar(), *when);
    const auto after = core::lower_words(when->rest);
    if (!says_time_off(ctx.cfg.pto, words, !after.empty() && after.front() == "off"))
        return std::nullopt;

    const double days = ctx.site.calendar().count(span.start, span.end, span.part);
    if (days <= 0) return std::nullopt;  // a weekend or a holiday: nothing to take

    const std::string type = type_in(ctx.cfg.pto, words);
    const config::LeaveType* leave = ctx.cfg.leave_type(type);
    const bool asks = !leave || leave->needs_approval;
    const std::string command = fmt::format("pto {} {}", command_dates(span), type);
    const std::string ask = fmt::format("Shall I {} {} of {} for {}? You can also write `/{}`.",
                                        asks ? "request" : "record", core::days_text(days),
                                        type == "vacation" ? type : type + " leave",
                                        core::format_span(span, ctx.today), command);
    Plan plan = Plan::answer(ask);
    plan.result.reply.blocks = blocks::render(
        {blocks::section(ask),
         blocks::actions("pto-claim",
                         {blocks::button(asks ? "Request it" : "Record it", "pto.claim", command,
                                         blocks::Style::primary)})});
    return plan;
}

}  // namespace handlers::pto
