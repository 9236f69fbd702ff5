#pragma once
// `/approve <ID> [note]`, `/deny <ID> <reason>` and the Approve / Deny
// buttons: one table routes the id's kind to the workflow that owns it, and
// what every decision shares (who may decide, "already decided", telling the
// requester, replacing the buttons wherever they were shown) lives here.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/context.hpp"
#include "handlers/forms.hpp"
#include "handlers/help.hpp"

namespace handlers {

enum class Decision { approve, deny };

// A workflow's side of a decision, once the id is known to be of its kind;
// `note` is trimmed (and not empty for a denial).
using Decide = Plan (*)(const Context& ctx, std::int64_t number, Decision decision,
                        std::string_view note, SQLite::Database& reads);

// One thing waiting for the person's decision: its id ("PTO-12"), line,
// and when it was made (Unix ms).
struct Decidable {
    std::string id;
    std::string line;
    std::int64_t since = 0;
};
// A workflow's requests waiting for the caller's decision, oldest first
// (`/pto pending`, the Home tab, `/approve` alone).
using Awaiting = std::vector<Decidable> (*)(const Context& ctx, SQLite::Database& reads);

// A request waiting for a decision, as the reminders see it.
struct Waiting {
    std::string id;  // "PTO-12"
    std::int64_t number = 0;
    std::string requester;  // Slack ids
    std::string approver;
    std::int64_t created_at = 0;  // Unix ms
    std::string what;             // "vacation, Mon Dec 21 – Wed Dec 23, 3 days"
};
// A workflow's side of the reminders (handlers/reminders.hpp), run on the
// writer: what of `ctx.site` waits for a decision, oldest first; one of them
// handed to `approver` as well (false when decided meanwhile); one nobody
// decided in `after_days` working days, expired: withdrawn as the requester
// would (anything held released), the requester and the approver told.
struct Remindable {
    std::vector<Waiting> (*waiting)(const Context& ctx, SQLite::Database& db);
    bool (*hand_to)(SQLite::Database& db, std::int64_t number, const std::string& approver);
    std::vector<Message> (*expire)(const Context& ctx, SQLite::Database& db, const Waiting& w,
                                   int after_days);
};

Plan approve(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan deny(const Context& ctx, std::string_view args, SQLite::Database& reads);
HelpSection approvals_help_section();
// The form the Deny button opens: the reason.
extern const Form deny_form;

namespace approvals {

// "approved", "denied"
std::string_view past_tense(Decision d);

// "2 requests waiting for your approval (oldest first):", a line each, and
// the commands that decide the first: `noun` counts them ("request").
std::string waiting_text(const std::vector<Decidable>& items, std::string_view noun);

// The refusal when a request is no longer waiting: "PTO-3 was already
// approved by <@U1> (enjoy); that decision stands." `by` is who decided
// ("<@U1>", "the requester"), empty when unknown.
std::string already_decided(std::string_view id, std::string_view state, std::string_view by,
                            std::string_view note);
// The refusal for somebody who is neither the approver, the requester's
// manager nor a site lead.
std::string only_approvers(const config::Config& cfg, std::string_view id,
                           std::string_view requester);
// The refusal for deciding one's own request.
std::string not_your_own(std::string_view id, std::string_view approver);

// What the decision tells people: the requester by DM, and every approval
// message about `id` loses its buttons for the outcome.
struct Decided {
    std::string id;         // "PTO-12"
    std::string requester;  // Slack id
    std::string what;       // "vacation Mon Dec 21 – Wed Dec 23 (3 days)"
    std::string summary;    // the approval message's summary, kept above the outcome
};
void announce(Result& result, const Context& ctx, const Decided& d, Decision decision,
              std::string_view note);

// What an expired request tells people: its approval messages lose their
// buttons for the outcome, the requester hears `to_requester`, the approver
// an FYI.
std::vector<Message> expired(const Waiting& w, const std::string& summary, int after_days,
                             std::string to_requester);

}  // namespace approvals
}  // namespace handlers
