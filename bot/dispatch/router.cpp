#include "bot/dispatch/router.hpp"

#include <algorithm>

#include <date/tz.h>
#include <fmt/format.h>

#include "handlers/approvals.hpp"
#include "handlers/pto.hpp"

namespace bot {
namespace {

std::string site_lead_names(const config::Config& cfg) {
    std::string out;
    for (const auto* p : cfg.site_leads()) {
        if (!out.empty()) out += " or ";
        out += fmt::format("<@{}>", p->slack_id);
    }
    return out.empty() ? std::string("your site lead") : out;
}

core::Result reply(std::string text) {
    core::Result r;
    r.reply.text = std::move(text);
    return r;
}

}  // namespace

Router::Router(const config::Config& cfg, core::Clock clock)
    : cfg_(cfg), clock_(std::move(clock)), zone_(date::locate_zone(cfg.site.time_zone)) {
    routes_ = {
        {"help", false, nullptr, {}},
        {"pto", true, handlers::pto::handle, handlers::pto::help_section()},
        {"approve", true, handlers::approve, handlers::approvals_help_section()},
        {"deny", true, handlers::deny, {}},
        {"sitelead",
         false,
         nullptr,
         {"Site lead",
          {{"/sitelead help", "list what you may do (this message)", ""}}}},
    };
}

handlers::Context Router::context(const Command& cmd, const std::string& request_id) const {
    const auto now = clock_();
    const auto local = date::zoned_time<std::chrono::system_clock::duration>(zone_, now)
                           .get_local_time();
    return handlers::Context{cfg_,
                             cmd.user_id,
                             cfg_.find_person(cmd.user_id),
                             now,
                             date::floor<date::days>(local),
                             cmd.source == Source::button,
                             request_id};
}

const Router::Route* Router::find(const Command& cmd) const {
    auto route = std::find_if(routes_.begin(), routes_.end(),
                              [&](const Route& r) { return r.name == cmd.name; });
    return route == routes_.end() ? nullptr : &*route;
}

std::optional<core::Result> Router::answer_without_store(const Command& cmd,
                                                             const std::string& request_id) const {
    const Route* route = find(cmd);
    if (route && route->handler && (!route->directory_only || cfg_.find_person(cmd.user_id)))
        return std::nullopt;
    const handlers::Context ctx = context(cmd, request_id);
    if (!route) return unknown(ctx, cmd);
    if (!ctx.caller && route->directory_only) return not_in_directory(ctx);
    // `help`, and `/sitelead` whose only subcommand so far is help.
    if (route->name == "help" || cmd.text.empty() || cmd.text == "help") return help(ctx);
    return reply(fmt::format("I don't know `/sitelead {}`.\nUsage: `/sitelead help`", cmd.text));
}

core::Result Router::dispatch(const Command& cmd, SQLite::Database& db,
                                  const std::string& request_id) const {
    if (auto answer = answer_without_store(cmd, request_id)) return std::move(*answer);
    return find(cmd)->handler(context(cmd, request_id), cmd.text, db);
}

core::Result Router::help(const handlers::Context& ctx) const {
    if (!ctx.caller) return not_in_directory(ctx);
    std::vector<handlers::HelpSection> sections;
    for (const auto& r : routes_)
        if (!r.help.lines.empty()) sections.push_back(r.help);
    return handlers::help(ctx, sections);
}

core::Result Router::unknown(const handlers::Context& ctx, const Command& cmd) const {
    std::string hint = cmd.source == Source::slash_command ? "`/sitelead help`" : "`help`";
    if (cmd.name.empty()) {
        return reply(fmt::format(
            "Sorry, I didn't understand \"{}\". I answer commands such as `pto dec 21-23`; "
            "say {} to see them all.",
            cmd.text, hint));
    }
    const std::string shown = cmd.source == Source::slash_command ? "/" + cmd.name : cmd.name;
    (void)ctx;
    return reply(fmt::format("`{}` isn't something I can do here yet. Say {} to see what I can do.",
                             shown, hint));
}

core::Result Router::not_in_directory(const handlers::Context& ctx) const {
    return reply(fmt::format(
        "You're not in the {} site directory, so I can't do that for you yet. "
        "Ask {} to add you.",
        cfg_.site.name, site_lead_names(ctx.cfg)));
}

}  // namespace bot
