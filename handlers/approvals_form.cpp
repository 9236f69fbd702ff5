// The Deny form: the Deny button (or `/deny PTO-12` without a reason) opens
// it to ask for the reason; a submission is `/deny PTO-12 <reason>`.

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "handlers/approvals.hpp"
#include "handlers/blocks.hpp"

namespace handlers {
namespace {

// The Deny button, which carries just the id: the reason is still to be
// asked for. A typed `/deny PTO-12` is told to add it.
bool opens(std::string_view args, bool via_button) {
    const auto [word, rest] = core::split_first_word(args);
    return via_button && core::trim(rest).empty() && core::parse_id(word).has_value();
}

std::string open(const Context&, std::string_view args, const Prefill&, SQLite::Database&) {
    const std::string id = core::parse_id(core::trim(args))->text();
    return blocks::modal(
        "deny", "Deny " + id, "Deny", id,
        {blocks::section(
             fmt::format("Why are you denying *{}*? The requester sees your reason.", id)),
         blocks::input(
             "reason", "Reason",
             blocks::text_input("reason", {true, "", "We're short-staffed that week", 500}))});
}

std::variant<std::string, FieldErrors> read(const Context&, const Values& values,
                                            std::string_view metadata) {
    // The id comes back from the view's metadata; deny() checks it again.
    const auto id = core::parse_id(metadata);
    if (!id) return FieldErrors{{"reason", "This form has no request to deny; press Deny again."}};
    const std::string reason = value_of(values, "reason");
    if (reason.empty()) return FieldErrors{{"reason", "Say why: the requester sees it."}};
    return id->text() + " " + reason;
}

}  // namespace

const Form deny_form{.opens = opens, .open = open, .read = read, .fields = {"reason"}};

}  // namespace handlers
