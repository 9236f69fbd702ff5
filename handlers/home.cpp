#include "handlers/home.hpp"

#include <fmt/format.h>

#include "core/dates.hpp"

namespace handlers {

std::string home_view(const Context& ctx, const std::vector<FormButton>& buttons,
                      const std::vector<HomeSection>& sections, SQLite::Database& reads) {
    std::vector<blocks::Block> out;
    if (!ctx.caller) {
        out.push_back(blocks::section(
            "You're not in the site directory yet, so there is nothing here for you. Ask your "
            "site lead to add you."));
        return blocks::home(out);
    }
    out.push_back(blocks::header(fmt::format("Hi {}", ctx.caller->name)));
    std::vector<blocks::Element> opens;
    for (const auto& b : buttons)
        opens.push_back(
            blocks::button(b.label, fmt::format("home.{}", b.route), b.route,
                           opens.empty() ? blocks::Style::primary : blocks::Style::plain));
    if (!opens.empty()) out.push_back(blocks::actions("home-forms", opens));
    for (const auto section : sections) {
        const std::size_t before = out.size();
        out.push_back(blocks::divider());
        section(ctx, reads, out);
        if (out.size() == before + 1) out.pop_back();  // nothing for them
    }
    out.push_back(blocks::context(
        fmt::format("{} · updated {} · `/sitelead help` lists every command", ctx.site.name,
                    core::format_moment(ctx.site.tz(), ctx.now, ctx.today))));
    return blocks::home(out);
}

void decisions(std::vector<blocks::Block>& out, std::string_view title,
               const std::vector<Decidable>& items, std::string_view command) {
    if (items.empty()) return;
    out.push_back(blocks::section(fmt::format("*{}* ({})", title, items.size())));
    for (std::size_t i = 0; i < items.size() && i < kHomeItems; ++i) {
        const std::string& id = items[i].id;
        out.push_back(blocks::section(items[i].line));
        out.push_back(blocks::actions(
            "home-" + id,
            {blocks::button("Approve", "home.approve." + id, "approve " + id,
                            blocks::Style::primary),
             blocks::button("Deny", "home.deny." + id, "deny " + id, blocks::Style::danger)}));
    }
    if (items.size() > kHomeItems)
        out.push_back(blocks::context(more_line(items.size(), kHomeItems, command)));
}

std::string more_line(std::size_t total, std::size_t shown, std::string_view command) {
    if (total <= shown) return {};
    return fmt::format("\n…and {} more: `{}`", total - shown, command);
}

}  // namespace handlers
