#pragma once
// A DM or mention that only greets or thanks the bot ("hi", "thanks!",
// "thank you so much 🙏", "bom dia") gets a greeting or a "you're welcome"
// back, not "Sorry, I didn't understand". Asked after every workflow has
// declined the text, so "hi, the printer is broken" stays a report.

#include <optional>
#include <string_view>

#include "handlers/context.hpp"

namespace handlers {

std::optional<Plan> small_talk(const Context& ctx, std::string_view text);

// Whether the text only asks what the bot does ("what can you do?", "how do
// I use you", "who are you"): the help, not a question for the site lead.
bool asks_what_i_do(std::string_view text);

}  // namespace handlers
