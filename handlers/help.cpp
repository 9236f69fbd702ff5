#include "handlers/help.hpp"

#include <fmt/format.h>

#include "handlers/blocks.hpp"

namespace handlers {

bool may(const config::Person* caller, Audience audience, const config::Config& cfg) {
    if (!caller) return false;
    if (audience == Audience::everyone || caller->has_role(config::Role::admin)) return true;
    switch (audience) {
        case Audience::managers:
            return caller->is_site_lead() || !cfg.reports_of(caller->slack_id).empty();
        case Audience::site_leads:
            return caller->is_site_lead();
        case Audience::bizops:
            return caller->has_role(config::Role::bizops);
        case Audience::bizops_and_leads:
            return caller->has_role(config::Role::bizops) || caller->is_site_lead();
        case Audience::everyone:
        case Audience::admins:
            break;
    }
    return false;
}

std::string also(const Context& ctx, const HelpSection& section) {
    std::string out;
    for (std::size_t i = 1; i < section.lines.size(); ++i) {
        const HelpLine& line = section.lines[i];
        if (!may(ctx.caller, line.audience, ctx.cfg)) continue;
        out += fmt::format("{}`{}`", out.empty() ? "Also: " : ", ", line.usage);
    }
    return out;
}

Plan help(const Context& ctx, const std::vector<HelpSection>& sections) {
    const std::string who = ctx.caller ? ctx.caller->name : std::string("there");
    const std::string intro =
        fmt::format("Hi {}! Here is what I can do for you at {}:", who, ctx.site.name);
    std::string text = intro;
    std::vector<blocks::Block> shown{blocks::section(intro)};
    for (const auto& section : sections) {
        std::string body;
        for (const auto& line : section.lines) {
            if (!may(ctx.caller, line.audience, ctx.cfg)) continue;
            body += fmt::format("`{}`  {}\n", line.usage, line.summary);
        }
        if (body.empty()) continue;
        text += fmt::format("\n*{}*\n{}", section.title, body);
        shown.push_back(blocks::section(fmt::format("*{}*\n{}", section.title, body)));
    }
    const std::string tail = "In a DM with me you can drop the slash: `pto dec 21-23 family trip`.";
    text += "\n" + tail;
    shown.push_back(blocks::context(tail));
    Plan plan;
    plan.result.reply.text = std::move(text);
    plan.result.reply.blocks = blocks::render(shown);
    return plan;
}

}  // namespace handlers
