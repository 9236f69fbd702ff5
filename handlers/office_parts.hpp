#pragma once
// What the office commands share: finding a ticket, who may work it, the
// audit trail, the live triage post and the updates everyone involved gets.
// Internal to handlers/office*.cpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/context.hpp"
#include "storage/office_store.hpp"

namespace handlers::office::parts {

namespace store = storage::office;

inline constexpr int kIdSlot = 0;

std::string id_text(std::int64_t id);  // "OFC-5"
std::int64_t now_ms(const Context& ctx);
const config::Site& site_of(const Context& ctx, const store::Ticket& t);

bool is_follower(const std::vector<std::string>& followers, const std::string& who);
// BizOps, admins and the ticket's site leads change a ticket's state.
bool may_work(const config::Config& cfg, const config::Person& p, const config::Site& site);
// The ticket `word` names; a refusal with `usage` when there is none.
store::Ticket find(SQLite::Database& reads, std::string_view word, std::string_view usage);
// The refusal of a write that found the ticket moved on since it was read.
Refusal changed_meanwhile(std::int64_t id);
// A change of ticket `id` in the audit trail; `actor` empty for the bot.
void trail(SQLite::Database& db, std::int64_t id, std::string_view action, std::string_view from,
           store::Status to, const std::string& actor, const std::string& note, std::int64_t now);

// "today 17:30" at the ticket's site.
std::string due_text(const Context& ctx, const config::Site& site, std::int64_t at_ms);
// "🔴 urgent", "🟠 high", "normal", "low".
std::string priority_text(std::string_view priority);
// "open, due today 17:30", "acknowledged by <@U>", "resolved by <@U>", "closed".
std::string state_text(const Context& ctx, const store::Ticket& t);
// One line of a list: "OFC-5 · 🔴 urgent · facilities · open, due ... · the sink leaks".
std::string ticket_line(const Context& ctx, const store::Ticket& t);

// The BizOps channel's post of a ticket, as it is now: what, who, when due,
// its state and the buttons its state allows. `id` may hold the id slot.
Message triage_post(const Context& ctx, const store::Ticket& t, const std::string& id);
// The same post edited in place, with `line` added to its thread.
std::vector<Message> triage_change(const Context& ctx, const store::Ticket& now,
                                   const std::string& line);

// `text` by DM to the requester and the followers, but not to `actor`.
std::vector<Message> tell(const store::Ticket& t, const std::vector<std::string>& followers,
                          const std::string& actor, const std::string& text);

// The document the office webhook receives for a new ticket or a change of
// state: config/README.md, Webhooks. Empty when no webhook is configured.
std::vector<Message> webhook(const Context& ctx, std::string_view event, const store::Ticket& t,
                             const std::string& id, const std::string& note);

}  // namespace handlers::office::parts
