#include "handlers/approvals.hpp"

#include <fmt/format.h>

#include "handlers/pto.hpp"
#include "core/text.hpp"

namespace handlers {
namespace {

using namespace core;

constexpr std::string_view kApproveUsage = "Usage: `/approve PTO-12 [note]`";
constexpr std::string_view kDenyUsage = "Usage: `/deny PTO-12 <reason>` (the reason is sent to the requester)";

Result run(const Context& ctx, std::string_view args, SQLite::Database& db, bool approving) {
    const std::string_view usage = approving ? kApproveUsage : kDenyUsage;
    auto [word, rest] = split_first_word(args);
    if (word.empty() || word == "help")
        throw Refusal(fmt::format("{}\n{}", approving ? "Approve a request by its id."
                                                      : "Deny a request by its id, with a reason.",
                                  usage));
    const auto id = parse_id(word);
    if (!id)
        throw Refusal(fmt::format("\"{}\" isn't a request id; ids look like `PTO-12`.\n{}", word,
                                  usage));
    if (id->kind != "PTO")
        throw Refusal(fmt::format("I can only decide PTO requests so far; `{}` isn't one.\n{}",
                                  word, usage));
    if (!approving && trim(rest).empty()) {
        const std::string how = fmt::format("`/deny {} <reason>`", format_id("PTO", id->number));
        throw Refusal(ctx.via_button
                          ? fmt::format("To deny {}, type {}: the reason is sent to the requester.",
                                        format_id("PTO", id->number), how)
                          : fmt::format("A reason is required to deny: {}.", how));
    }
    return pto::decide(ctx, id->number, approving, trim(rest), db);
}

}  // namespace

Result approve(const Context& ctx, std::string_view args, SQLite::Database& db) {
    return run(ctx, args, db, true);
}

Result deny(const Context& ctx, std::string_view args, SQLite::Database& db) {
    return run(ctx, args, db, false);
}

HelpSection approvals_help_section() {
    return {"Approvals",
            {{"/pto pending", "requests waiting for your approval", "manager"},
             {"/approve PTO-12 [note]", "approve a request", "manager"},
             {"/deny PTO-12 <reason>", "deny a request; the reason goes to the requester",
              "manager"}}};
}

}  // namespace handlers
