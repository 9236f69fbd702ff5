// The office form: `/office` with nothing after it, the Home tab's button,
// or the "Report to BizOps" shortcut on any message (pre-filled with it)
// opens it; a submission is the ticket `/office new <report> #category
// !priority` would file.

#include <fmt/format.h>

#include "core/text.hpp"
#include "handlers/blocks.hpp"
#include "handlers/office.hpp"
#include "handlers/office_triage.hpp"

namespace handlers::office {
namespace {

// A ticket's description is at most this long (handlers/office.cpp).
constexpr std::size_t kMostPrefilled = 900;

std::string open(const Context& ctx, std::string_view, const Prefill& prefill, SQLite::Database&) {
    std::string report = core::utf8_prefix(prefill.text, kMostPrefilled);
    if (!prefill.link.empty()) report += (report.empty() ? "" : "\n") + prefill.link;
    // What the bot would infer from the message, shown so it can be changed.
    std::string category, priority;
    if (!prefill.text.empty()) {
        try {
            const Triage t = triage(ctx.cfg.office, prefill.text);
            category = t.category;
            priority = std::string(config::to_string(t.priority));
        } catch (const Refusal&) {  // a #word that is no category: let them choose
        }
    }
    std::vector<blocks::Option> categories;
    for (const auto& c : ctx.cfg.office.categories)
        categories.push_back({c.name, ctx.cfg.office.label_of(c.name)});
    categories.push_back({"other", ctx.cfg.office.label_of("other")});
    std::vector<blocks::Option> priorities;
    for (const auto p : {config::Priority::low, config::Priority::normal, config::Priority::high,
                         config::Priority::urgent})
        priorities.push_back(
            {std::string(config::to_string(p)), std::string(config::to_string(p))});
    return blocks::modal(
        "office", "Report an office issue", "Report", "",
        {blocks::input(
             "description", "What is wrong?",
             blocks::text_input("description", {true, report, "The 3F printer is jammed", 1000})),
         blocks::input("category", "Category",
                       blocks::select("category", "Let me decide", categories, category), true,
                       "Left empty, I choose from the words of the report."),
         blocks::input("priority", "Priority",
                       blocks::select("priority", "Let me decide", priorities, priority), true),
         blocks::context(fmt::format("Goes to the BizOps team of {}; you hear of every change.",
                                     ctx.site.name))});
}

std::variant<std::string, FieldErrors> read(const Context&, const Values& values,
                                            std::string_view) {
    FieldErrors errors;
    const std::string description = value_of(values, "description");
    if (description.empty()) errors["description"] = "Say what is wrong.";
    if (!errors.empty()) return errors;
    // The category and the priority are checked where typed ones are (triage).
    const std::string category = value_of(values, "category");
    const std::string priority = value_of(values, "priority");
    // "new": the form is a report, never one of /office's other words.
    std::string line = "new " + description;
    if (!category.empty()) line += " #" + category;
    if (!priority.empty()) line += " !" + priority;
    return line;
}

}  // namespace

const Form form{.open = open,
                .read = read,
                .fields = {"description", "category", "priority"},
                .button = "Report an issue"};

}  // namespace handlers::office
