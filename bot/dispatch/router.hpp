#pragma once
// The one table of commands: a command word, who may use it, the handler
// that prepares its plan, and what `/sitelead help` lists for it. Text that
// is no command goes to one fallback route.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/dispatch/command.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "handlers/context.hpp"
#include "handlers/forms.hpp"
#include "handlers/help.hpp"
#include "handlers/home.hpp"
#include "storage/readers.hpp"

namespace bot {

class Router {
public:
    struct Route {
        std::string_view name;                // "pto"
        bool directory_only = true;           // refused for people outside the site directory
        handlers::Prepare prepare = nullptr;  // null: answered by the router itself (help)
        handlers::HelpSection help = {};      // what /sitelead help lists for this route
        // A DM with files and no command word goes to the route that takes
        // them (expenses: receipts); null for the others.
        handlers::Prepare files = nullptr;
        // A DM or mention with no command word is offered to the routes
        // that claim such text (office reports) before the fallback.
        handlers::Claim claim = nullptr;
        // Its slash commands are mostly questions (the FAQ): prepared at once
        // on the io thread, never queued behind work for the writer.
        bool answers_at_once = false;
        // Its modal: opened by the command with nothing to do (or by a
        // button or shortcut naming the route), and submitted as the command.
        const handlers::Form* form = nullptr;
        // Its part of a person's Home tab; null for none.
        handlers::HomeSection home = nullptr;
    };

    Router(const config::Config& cfg, core::Clock clock);

    // The io thread's half of a request: the route's plan, prepared with a
    // read-only connection of `reads` when the route needs one.
    // A handlers::Refusal escapes to the caller.
    handlers::Plan prepare(const Command& cmd, const std::string& request_id,
                           storage::Snapshot& reads) const;

    handlers::Context context(const Command& cmd, const std::string& request_id) const;
    // Whether `cmd` is prepared at once on the io thread that read it (a
    // slash command the router answers itself, or of a route that answers
    // questions) rather than queued with the work for the writer.
    bool answers_at_once(const Command& cmd) const;
    const std::vector<Route>& routes() const { return routes_; }
    // Whether `user_id` has a Home tab to keep current: a person of the directory.
    bool has_home(const std::string& user_id) const { return cfg_.find_person(user_id) != nullptr; }
    // `user_id`'s Home tab as it is now: a view's JSON text.
    std::string home(const std::string& user_id, SQLite::Database& reads) const;

private:
    const Route* find(std::string_view name) const;
    handlers::Plan help(const handlers::Context& ctx) const;
    handlers::Plan fallback(const Command& cmd) const;
    // The plan of the first route that claims `text` as a DM's words, if any.
    std::optional<handlers::Plan> claimed(const handlers::Context& ctx, std::string_view text,
                                          storage::Snapshot& reads) const;
    handlers::Plan not_in_directory() const;
    handlers::Plan submitted(const Route* route, const Command& cmd, const std::string& request_id,
                             storage::Snapshot& reads) const;
    // Whether `cmd` opens `route`'s form rather than running the command.
    bool opens_form(const Route* route, const Command& cmd) const;

    const config::Config& cfg_;
    core::Clock clock_;
    std::vector<Route> routes_;
};

}  // namespace bot
