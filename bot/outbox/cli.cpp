#include "bot/outbox/cli.hpp"

#include <algorithm>
#include <filesystem>

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace bot {
namespace {

constexpr int kListLimit = 1000;
constexpr std::size_t kTextChars = 60;

// The first `chars` characters of `text` on one line, never cutting a UTF-8
// sequence in half.
std::string excerpt(const std::string& text, std::size_t chars) {
    std::string out;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool starts_char = (byte & 0xC0) != 0x80;
        if (starts_char && seen++ == chars) return out + "...";
        out += (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') ? ' ' : text[i];
    }
    return out;
}

bool database_exists(const config::Config& cfg, std::ostream& out) {
    if (std::filesystem::exists(cfg.database.path)) return true;
    out << "no database at " << cfg.database.path
        << " (set database.path in the config file or SITELEAD_DB)\n";
    return false;
}

}  // namespace

int outbox_list(const config::Config& cfg, const std::string& state, std::ostream& out) {
    if (state != "pending" && state != "sent" && state != "dead") {
        out << "unknown state \"" << state << "\": use pending, sent or dead\n";
        return 2;
    }
    if (!database_exists(cfg, out)) return 1;
    std::vector<storage::outbox::Row> rows;
    std::int64_t total = 0;
    try {
        auto db = storage::open_readonly(cfg.database);
        rows = storage::outbox::list(*db, state, kListLimit);
        total = storage::outbox::count(*db, state);
    } catch (const std::exception& e) {
        out << "cannot read the outbox in " << cfg.database.path << ": " << e.what() << "\n";
        return 1;
    }
    if (rows.empty()) {
        out << "no " << state << " messages\n";
        return 0;
    }
    std::size_t recipient_w = 9, method_w = 6, error_w = 10;
    for (const auto& r : rows) {
        recipient_w = std::max(recipient_w, r.recipient.size());
        method_w = std::max(method_w, r.method.size());
        error_w = std::max(error_w, r.last_error.size());
    }
    out << fmt::format("{:>6}  {:<7}  {:>5}  {:<{}}  {:<{}}  {:<{}}  {}\n", "ID", "STATE", "TRIES",
                       "RECIPIENT", recipient_w, "METHOD", method_w, "LAST ERROR", error_w, "TEXT");
    for (const auto& r : rows) {
        out << fmt::format("{:>6}  {:<7}  {:>5}  {:<{}}  {:<{}}  {:<{}}  {}\n", r.id, r.state,
                           r.attempts, r.recipient, recipient_w, r.method, method_w,
                           r.last_error.empty() ? "-" : r.last_error, error_w,
                           excerpt(r.body().value("text", ""), kTextChars));
    }
    if (total > static_cast<std::int64_t>(rows.size()))
        out << "(the oldest " << rows.size() << " of " << total << " shown)\n";
    return 0;
}

int outbox_requeue(const config::Config& cfg, std::optional<std::int64_t> id, std::ostream& out) {
    if (!database_exists(cfg, out)) return 1;
    try {
        auto db = storage::open(cfg.database);
        SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
        const int requeued =
            storage::outbox::requeue_dead(*db, id, core::unix_ms(core::system_clock()()));
        if (id && requeued == 0) {
            auto row = storage::outbox::get(*db, *id);
            if (row)
                out << "message #" << *id << " is " << row->state
                    << ", not dead; only dead messages can be re-queued\n";
            else
                out << "there is no outbox message #" << *id
                    << " (see `sitelead-bot outbox list dead`)\n";
            return 2;
        }
        tx.commit();
        out << "re-queued " << requeued << (requeued == 1 ? " message" : " messages")
            << "; a running server delivers them within a second\n";
        return 0;
    } catch (const std::exception& e) {
        out << "cannot re-queue in " << cfg.database.path << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace bot
