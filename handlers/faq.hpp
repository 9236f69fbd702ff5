#pragma once
// The FAQ (product.md, FAQ): a question answered from the curated entries,
// or recorded as Q-n and sent to the asker's site lead, whose answer reaches
// the asker and may become an entry.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "handlers/context.hpp"
#include "handlers/help.hpp"
#include "storage/faq_store.hpp"

namespace handlers::faq {

// `/faq <question>`, `/faq answer Q-4 <answer> [--add]` or `/faq answer Q-4 FAQ-3`, and
// the curation commands (namespace curate).
Plan handle(const Context& ctx, std::string_view args, SQLite::Database& reads);

// A DM or mention that is no command and is written as a question ("where
// is the wifi password?"), when the FAQ has entries. Nothing otherwise.
std::optional<Plan> claim(const Context& ctx, std::string_view text, SQLite::Database& reads);

HelpSection help_section();

// The questions waiting for an answer at `sites`, alike ones together (half
// their significant words the same), the most asked first.
struct Waiting {
    std::size_t questions = 0, groups = 0;
    std::int64_t first_id = 0;  // the first question of the largest group
    std::string lines;  // one per group, at most `limit`: • 2× "wifi in the garden?"
};
Waiting waiting(const Context& ctx, SQLite::Database& reads, const std::vector<std::string>& sites,
                std::size_t limit);

namespace curate {
// Refuses everyone but site leads and admins.
void check_may(const Context& ctx);
// An entry for one site is that site's own: its leads and admins change
// it. One for every site, any site lead.
void check_may_change(const Context& ctx, const storage::faq::Entry& e);
// The entry `word` names (`FAQ-3`); a refusal with `usage` when there is none.
storage::faq::Entry find_entry(SQLite::Database& reads, std::string_view word,
                               std::string_view usage);
Plan add(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan edit(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan remove(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan contact(const Context& ctx, std::string_view args, SQLite::Database& reads);
// `/faq tags FAQ-3 <word> ...` (or `none`): the words replace its tags.
Plan tags(const Context& ctx, std::string_view args, SQLite::Database& reads);
Plan list(const Context& ctx, SQLite::Database& reads);
Plan unanswered(const Context& ctx, SQLite::Database& reads);
Plan history(const Context& ctx, std::string_view args, SQLite::Database& reads);
// `/faq learnt [FAQ-3]`: the questions learnt from use at the caller's site,
// or an entry's at every site, each with its id, who taught it and when.
Plan learnt(const Context& ctx, std::string_view args, SQLite::Database& reads);
// `/faq forget ASK-7` (or a Q-4): what that question taught no longer counts.
Plan forget(const Context& ctx, std::string_view args, SQLite::Database& reads);
// The most asked entries, the least helpful ones and the unanswered
// questions asked most (alike ones together), at the caller's sites over
// the last 30 days.
Plan stats(const Context& ctx, SQLite::Database& reads);
}  // namespace curate

}  // namespace handlers::faq
