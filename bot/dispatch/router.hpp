#pragma once
// One explicit table of routes from a command word to its handler, with a
// fallback for anything unknown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "core/clock.hpp"
#include "bot/dispatch/command.hpp"
#include "config/config.hpp"
#include "handlers/context.hpp"
#include "handlers/help.hpp"
#include "core/message.hpp"

namespace date {
class time_zone;
}

namespace bot {

class Router {
public:
    using Handler = core::Result (*)(const handlers::Context&, std::string_view args,
                                         SQLite::Database& db);
    struct Route {
        std::string_view name;      // "pto"
        bool directory_only;        // refused for people outside the site directory
        Handler handler;            // null: answered by the router itself (help)
        handlers::HelpSection help; // what /sitelead help lists for this route
    };

    Router(const config::Config& cfg, core::Clock clock);

    // Runs inside the writer's transaction. A core::Refusal escapes to
    // the caller, which rolls the handler's writes back.
    core::Result dispatch(const Command& cmd, SQLite::Database& db,
                              const std::string& request_id) const;

    // The answer when no handler needs the store (help, unknown commands,
    // people outside the directory); nullopt when one does.
    std::optional<core::Result> answer_without_store(const Command& cmd,
                                                         const std::string& request_id) const;

    handlers::Context context(const Command& cmd, const std::string& request_id) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    const Route* find(const Command& cmd) const;
    core::Result help(const handlers::Context& ctx) const;
    core::Result unknown(const handlers::Context& ctx, const Command& cmd) const;
    core::Result not_in_directory(const handlers::Context& ctx) const;

    const config::Config& cfg_;
    core::Clock clock_;
    const date::time_zone* zone_;
    std::vector<Route> routes_;
};

}  // namespace bot
