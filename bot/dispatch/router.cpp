#include "bot/dispatch/router.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/calendar.hpp"
#include "handlers/approvals.hpp"
#include "handlers/expense.hpp"
#include "handlers/faq.hpp"
#include "handlers/office.hpp"
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

}  // namespace

Router::Router(const config::Config& cfg, core::Clock clock) : cfg_(cfg), clock_(std::move(clock)) {
    // The command table: a workflow adds its line here.
    routes_ = {
        {"help", false, nullptr, {}},
        {"pto", true, handlers::pto::handle, handlers::pto::help_section()},
        {"expense", true, handlers::expense::handle, handlers::expense::help_section(),
         handlers::expense::shared_files},
        {"office", true, handlers::office::handle, handlers::office::help_section(), nullptr,
         handlers::office::claim},
        {"faq", true, handlers::faq::handle, handlers::faq::help_section(), nullptr,
         handlers::faq::claim, true},
        {"approve", true, handlers::approve, handlers::approvals_help_section()},
        {"deny", true, handlers::deny, {}},
        {"sitelead",
         false,
         nullptr,
         {"Site lead", {{"/sitelead help", "list what you may do (this message)"}}}},
    };
}

handlers::Context Router::context(const Command& cmd, const std::string& request_id) const {
    const auto now = clock_();
    const config::Person* caller = cfg_.find_person(cmd.user_id);
    const config::Site& site = caller ? cfg_.site_of(*caller) : cfg_.sites.front();
    return handlers::Context{cfg_,
                             cmd.user_id,
                             caller,
                             site,
                             now,
                             site.today(now),
                             cmd.source == Source::button,
                             cmd.source == Source::mention,
                             request_id,
                             cmd.files};
}

bool Router::answers_at_once(const Command& cmd) const {
    if (cmd.source != Source::slash_command) return false;
    const Route* route = find(cmd.name);
    return !route || !route->prepare || route->answers_at_once;
}

const Router::Route* Router::find(std::string_view name) const {
    auto route = std::find_if(routes_.begin(), routes_.end(),
                              [&](const Route& r) { return r.name == name; });
    return route == routes_.end() ? nullptr : &*route;
}

handlers::Plan Router::prepare(const Command& cmd, const std::string& request_id,
                               storage::Readers& readers) const {
    const Route* route = find(cmd.name);
    if (!route && (cmd.source == Source::direct_message || cmd.source == Source::mention)) {
        const handlers::Context ctx = context(cmd, request_id);
        if (ctx.caller)
            for (const Route& r : routes_) {
                if (!r.claim) continue;
                auto lease = readers.lease();
                if (auto plan = r.claim(ctx, cmd.message, lease.db())) return std::move(*plan);
            }
    }
    if (!route && !cmd.files.empty()) {
        const auto taker = std::find_if(routes_.begin(), routes_.end(),
                                        [](const Route& r) { return r.files != nullptr; });
        if (taker != routes_.end()) {
            const handlers::Context ctx = context(cmd, request_id);
            if (!ctx.caller) return not_in_directory();
            auto lease = readers.lease();
            return taker->files(ctx, cmd.message, lease.db());
        }
    }
    if (!route) return fallback(cmd);
    const handlers::Context ctx = context(cmd, request_id);
    if (!ctx.caller && route->directory_only) return not_in_directory();
    if (route->prepare) {
        auto lease = readers.lease();
        return route->prepare(ctx, cmd.text, lease.db());
    }
    if (route->name == "help") return help(ctx);
    return sitelead(ctx, cmd);
}

handlers::Plan Router::help(const handlers::Context& ctx) const {
    if (!ctx.caller) return not_in_directory();
    std::vector<handlers::HelpSection> sections;
    for (const auto& r : routes_)
        if (!r.help.lines.empty()) sections.push_back(r.help);
    return handlers::help(ctx, sections);
}

// `/sitelead`, whose only subcommand so far is help.
handlers::Plan Router::sitelead(const handlers::Context& ctx, const Command& cmd) const {
    if (cmd.text.empty() || cmd.text == "help") return help(ctx);
    return handlers::Plan::answer(
        fmt::format("I don't know `/sitelead {}`.\nUsage: `/sitelead help`", cmd.text));
}

handlers::Plan Router::fallback(const Command& cmd) const {
    const std::string hint = cmd.source == Source::slash_command ? "`/sitelead help`" : "`help`";
    if (cmd.source == Source::direct_message || cmd.source == Source::mention)
        return handlers::Plan::answer(fmt::format(
            "Sorry, I didn't understand \"{}\". I answer commands such as `pto dec 21-23`; "
            "say {} to see them all.",
            cmd.message, hint));
    const std::string shown = cmd.source == Source::slash_command ? "/" + cmd.name : cmd.name;
    return handlers::Plan::answer(fmt::format(
        "`{}` isn't something I can do here yet. Say {} to see what I can do.", shown, hint));
}

handlers::Plan Router::not_in_directory() const {
    return handlers::Plan::answer(fmt::format(
        "You're not in the {} directory, so I can't do that for you yet. Ask {} to add you.",
        cfg_.sites.size() == 1 ? cfg_.sites.front().name + " site" : std::string("company"),
        site_lead_names(cfg_)));
}

}  // namespace bot
