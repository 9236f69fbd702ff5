#include "handlers/help.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
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

std::optional<Refusal> mistyped(std::string_view slash, std::string_view word,
                                std::string_view rest, core::IdKind kind,
                                const std::vector<IdCommand>& commands, std::string_view hint) {
    const auto [first, after] = core::split_first_word(rest);
    const auto id = core::parse_id(first);
    if (!id || id->kind != kind) return std::nullopt;
    const std::string lower = core::lower(word);
    const IdCommand* nearest = nullptr;
    int edits = 3;
    for (const auto& command : commands)
        if (const int d = core::edit_distance(lower, command.name, 2); d < edits)
            nearest = &command, edits = d;
    if (nearest)
        return Refusal(fmt::format("`{}` is no {} command: did you mean `{} {} {}{}`?", word, slash,
                                   slash, nearest->name, id->text(),
                                   after.empty() ? "" : " " + std::string(core::trim(after))));
    std::string listed;
    for (const auto& command : commands)
        listed += fmt::format("{}`{} {} {}{}`", listed.empty() ? "" : ", ", slash, command.name,
                              id->text(), command.then);
    return Refusal(fmt::format("`{}` is no {} command. With {}: {}.{}{}", word, slash, id->text(),
                               listed, hint.empty() ? "" : " ", hint));
}

}  // namespace handlers
