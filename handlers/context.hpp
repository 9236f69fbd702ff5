#pragma once
// What every handler is given, and what it gives back.
//
// A handler runs in two halves. prepare() runs on the io thread: it parses,
// checks what needs no state, reads what needs no atomicity from a read-only
// connection, and renders the reply and the messages, leaving slots
// (core::slot) for what only the writer knows. The Plan's apply() runs on the
// one writer thread, in the request's unit: only the checks and writes that
// must be atomic. It returns the slots' values, or throws a Refusal, which
// undoes its writes; checking before writing makes that free.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <date/date.h>

#include "config/config.hpp"
#include "core/message.hpp"

namespace handlers {

// Handlers speak the core vocabulary.
using core::Message;
using core::Refusal;
using core::Reply;
using core::Result;
using core::Slots;

struct Context {
    const config::Config& cfg;
    std::string user_id;           // the Slack user who asked
    const config::Person* caller;  // null when not in the directory
    // The caller's site (the first for someone not in the directory): its
    // calendar counts their days, its zone says what "today" is.
    const config::Site& site;
    std::chrono::system_clock::time_point now;
    date::local_days today;  // "today" in the caller's site's time zone
    bool via_button = false;
    bool via_mention = false;  // in a channel, answered in the mention's thread
    std::string request_id;
    std::vector<core::SharedFile> files = {};  // shared in the same DM

    // A scheduled job's context at `site`: nobody asked.
    static Context job(const config::Config& cfg, const config::Site& site,
                       std::chrono::system_clock::time_point now) {
        return Context{cfg, {}, nullptr, site, now, site.today(now), false, false, {}, {}};
    }
};

struct Plan {
    Result result;  // rendered; may hold slots that apply() fills
    // Empty when nothing needs writing. Runs on the writer, in the request's
    // transaction: check, write, return the slots' values; throw a Refusal
    // to change nothing.
    std::function<Slots(SQLite::Database& db)> apply;
    // What is only learned from the request and acknowledges nothing (the
    // FAQ's question statistics): written on the writer after the answer
    // has left, without the answer waiting for its commit. A crash can lose
    // the last few of these; never anything a reply acknowledged. Runs after
    // apply() in the same unit when there is one, and not after a refusal.
    std::function<void(SQLite::Database& db)> record;

    // A plan that only answers.
    static Plan answer(Result r) {
        Plan p;
        p.result = std::move(r);
        return p;
    }
    static Plan answer(std::string text) {
        Plan p;
        p.result.reply.text = std::move(text);
        return p;
    }
};

// `reads` is a read-only connection of the calling thread.
using Prepare = Plan (*)(const Context& ctx, std::string_view args, SQLite::Database& reads);
// A plan for text that is no command, when the handler recognises it.
using Claim = std::optional<Plan> (*)(const Context& ctx, std::string_view text,
                                      SQLite::Database& reads);

}  // namespace handlers
