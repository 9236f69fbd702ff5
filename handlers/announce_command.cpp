#include "handlers/announce_command.hpp"

#include <array>

#include <date/tz.h>
#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace handlers::announce {
namespace {

using std::chrono::system_clock;

constexpr std::size_t kMaxText = 3000;  // a section's text in Slack
constexpr auto kFarthest = date::days{366};
constexpr const char* kUsage =
    "`/sitelead announce [--dm [--send]] [--at \"YYYY-MM-DD HH:MM\"] [--site ID] <text>`, for "
    "example "
    "`/sitelead announce --dm --at \"2026-12-01 09:00\" The kitchen is closed on Friday.`";

constexpr std::array<std::string_view, 6> kQuotes = {"\"",     "'",      "\u201c",
                                                     "\u201d", "\u2018", "\u2019"};

// A quote mark at the start of `s`: its length in bytes, else 0.
std::size_t quote_at(std::string_view s) {
    for (const auto q : kQuotes)
        if (s.starts_with(q)) return q.size();
    return 0;
}

// The value of --at ("2026-12-01 09:00", quoted or not) and what follows it.
std::pair<std::string, std::string_view> at_value(std::string_view rest) {
    rest = core::trim(rest);
    if (const std::size_t open = quote_at(rest)) {
        rest.remove_prefix(open);
        for (std::size_t i = 0; i < rest.size(); ++i)
            if (const std::size_t close = quote_at(rest.substr(i)))
                return {std::string(core::trim(rest.substr(0, i))), rest.substr(i + close)};
        throw Refusal(
            fmt::format("The time after `--at` has no closing quote.\nUsage: {}", kUsage));
    }
    const auto [day, after_day] = core::next_word(rest);
    const auto [time, after_time] = core::next_word(after_day);
    return {fmt::format("{} {}", day, time), after_time};
}

system_clock::time_point local_time(const Context& ctx, const config::Site& site,
                                    const std::string& value) {
    const auto space = value.find(' ');
    const auto day = core::parse_iso(value.substr(0, space));
    const auto time = space == std::string::npos ? std::nullopt
                                                 : core::parse_time_of_day(value.substr(space + 1));
    if (!day || !time)
        throw Refusal(fmt::format(
            "I can't read \"{}\" as a date and time. Write it as \"YYYY-MM-DD HH:MM\" (24-hour, "
            "{} time), e.g. `--at \"{} 09:00\"`.",
            core::plain(value), site.name, core::iso(site.today(ctx.now) + date::days{1})));
    // Far dates are refused before any clock arithmetic (year 4054 would
    // overflow the system clock's nanoseconds).
    const auto today = site.today(ctx.now);
    if (*day > today + kFarthest)
        throw Refusal("An announcement can be scheduled up to a year ahead.");
    if (*day < today)
        throw Refusal(fmt::format(
            "{} {} has passed. Give a time to come, or leave out `--at` to announce now.",
            core::plain(value), site.name));
    const date::local_seconds local{(*day + *time).time_since_epoch()};
    if (site.tz()->get_info(local).result == date::local_info::nonexistent)
        throw Refusal(fmt::format(
            "{} does not exist in {} ({}): the clocks go forward then. Pick another time.",
            core::plain(value), site.name, site.time_zone));
    // A time that happens twice (the clocks go back) is the first of the two.
    return site.tz()->to_sys(local, date::choose::earliest);
}

}  // namespace

Draft read_command(const Context& ctx, std::string_view args) {
    Draft d;
    std::string_view rest = core::trim(args);
    std::string at_text;
    const config::Site* site = &ctx.site;
    while (rest.starts_with("--")) {
        const auto [option, after] = core::next_word(rest);
        const std::string name = core::lower(option);
        if (name == "--dm") {
            d.dm = true;
            rest = after;
        } else if (name == "--send") {
            d.send = true;
            rest = after;
        } else if (name == "--at") {
            std::tie(at_text, rest) = at_value(after);
        } else if (name == "--site") {
            const auto [id, after_id] = core::next_word(after);
            site = ctx.cfg.find_site(core::lower(id));
            if (!site) {
                std::string ids;
                for (const auto& s : ctx.cfg.sites) ids += (ids.empty() ? "`" : ", `") + s.id + "`";
                throw Refusal(fmt::format("There is no site \"{}\". The sites are {}.",
                                          core::plain(id), ids));
            }
            rest = after_id;
        } else {
            throw Refusal(fmt::format("I don't know the option `{}`.\nUsage: {}",
                                      core::plain(option), kUsage));
        }
        rest = core::trim(rest);
    }
    d.site = site;
    // Options after the text would be sent as part of it.
    for (std::string_view words = rest; !words.empty();) {
        const auto [word, after] = core::next_word(words);
        const std::string w = core::lower(word);
        if (w == "--dm" || w == "--at" || w == "--site" || w == "--send")
            throw Refusal(
                fmt::format("Put `{}` before the text, or it is announced as part of "
                            "it.\nUsage: {}",
                            w, kUsage));
        words = after;
    }
    // The time first: an unquoted one takes two words ("--at tomorrow
    // hello"), which may leave no text, and the time is what is wrong.
    if (!at_text.empty()) {
        const auto at = local_time(ctx, *site, at_text);
        if (at <= ctx.now)
            throw Refusal(fmt::format(
                "{} {} has passed. Give a time to come, or leave out `--at` to announce now.",
                core::plain(at_text), site->name));
        if (at > ctx.now + kFarthest)
            throw Refusal("An announcement can be scheduled up to a year ahead.");
        d.at = at;
    }
    if (rest.empty()) throw Refusal(fmt::format("What should I announce?\nUsage: {}", kUsage));
    if (const std::size_t length = core::utf8_characters(rest); length > kMaxText)
        throw Refusal(
            fmt::format("An announcement is at most {} characters; this one has {}. "
                        "Shorten it, or link to the details.",
                        kMaxText, length));
    d.text = std::string(rest);
    return d;
}

}  // namespace handlers::announce
