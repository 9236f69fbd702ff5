#pragma once
// A person's Home tab in the bot's app: what they have under way and what
// waits for them, across the workflows, with buttons that open the forms.
// Rendered when it is published (the outbox's views.publish), from what is
// current then.

#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/approvals.hpp"
#include "handlers/blocks.hpp"
#include "handlers/context.hpp"

namespace handlers {

// A workflow's part of the tab, appended to `out`: nothing when it has
// nothing for this person. At most kHomeItems items of each list.
using HomeSection = void (*)(const Context& ctx, SQLite::Database& reads,
                             std::vector<blocks::Block>& out);
inline constexpr std::size_t kHomeItems = 8;

// A button that opens a workflow's form: its label and the route it names.
struct FormButton {
    std::string_view label;
    std::string_view route;
};

// The whole tab: a greeting, the buttons, then each section.
std::string home_view(const Context& ctx, const std::vector<FormButton>& buttons,
                      const std::vector<HomeSection>& sections, SQLite::Database& reads);

// What waits for the person's decision, under `title`: each item with
// Approve and Deny (at most kHomeItems of them), then how many more
// `command` lists. Nothing when there is nothing.
void decisions(std::vector<blocks::Block>& out, std::string_view title,
               const std::vector<Decidable>& items, std::string_view command);

// "…and 3 more: `/pto pending`" when `total` is above what was shown.
std::string more_line(std::size_t total, std::size_t shown, std::string_view command);

}  // namespace handlers
