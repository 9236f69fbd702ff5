#include "handlers/help.hpp"

#include <fmt/format.h>

#include "handlers/blocks.hpp"

namespace handlers {

bool may(const config::Person* caller, std::string_view role, const config::Config& cfg) {
    if (!caller) return false;
    if (role.empty()) return true;
    if (caller->has_role("admin")) return true;
    if (role == "manager") return caller->is_site_lead() || !cfg.reports_of(caller->slack_id).empty();
    if (role == "site_lead") return caller->is_site_lead();
    return caller->has_role(role);
}

Plan help(const Context& ctx, const std::vector<HelpSection>& sections) {
    const std::string who = ctx.caller ? ctx.caller->name : std::string("there");
    const std::string intro =
        fmt::format("Hi {}! Here is what I can do for you at {}:", who, ctx.cfg.site.name);
    std::string text = intro;
    auto shown = blocks::json::array({blocks::section(intro)});
    for (const auto& section : sections) {
        std::string body;
        for (const auto& line : section.lines) {
            if (!may(ctx.caller, line.role, ctx.cfg)) continue;
            body += fmt::format("`{}`  {}\n", line.usage, line.summary);
        }
        if (body.empty()) continue;
        text += fmt::format("\n*{}*\n{}", section.title, body);
        shown.push_back(blocks::section(fmt::format("*{}*\n{}", section.title, body)));
    }
    const std::string tail =
        "In a DM with me you can drop the slash: `pto dec 21-23 family trip`.";
    text += "\n" + tail;
    shown.push_back(blocks::context(tail));
    Plan plan;
    plan.result.reply.text = std::move(text);
    plan.result.reply.blocks = blocks::render(shown);
    return plan;
}

}  // namespace handlers
