// Commands of every workflow, as anyone may type them, through the router:
// the first byte picks who asks (someone of the demo directory, or a
// stranger), the second how (slash command, DM, mention, button), the rest is
// the command line ("pto dec 21-23 vacation", "expense 12.50 EUR taxi",
// "office printer jammed !high", "faq add ...", "approve PTO-1"). Each is
// prepared as the io thread would, then applied and recorded as the writer
// would, in a transaction that is rolled back, over a database holding a few
// requests of each kind. A refusal is an answer; any other exception, a
// crash or a sanitizer report is a finding.

#include <unistd.h>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "bot/dispatch/router.hpp"
#include "config/config.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/faq_store.hpp"
#include "storage/readers.hpp"

namespace {

using namespace std::chrono;

const system_clock::time_point kNow = date::sys_days{date::year{2026} / 12 / 1} + hours(10);

struct Office {
    config::Config cfg;
    std::unique_ptr<SQLite::Database> db;
    std::unique_ptr<storage::Readers> readers;
    std::unique_ptr<bot::Router> router;
    std::vector<std::string> people;

    Office() {
        cfg = config::load_file(std::string(SITELEAD_SOURCE_DIR) + "/config/sitelead.example.json");
        const auto dir = std::filesystem::temp_directory_path() /
                         ("sitelead-fuzz-commands-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        cfg.database.path = (dir / "office.db").string();
        std::filesystem::remove(cfg.database.path);
        db = storage::open(cfg.database);
        storage::migrate(*db);
        std::ifstream in(std::string(SITELEAD_SOURCE_DIR) + "/config/faq.json");
        storage::faq::import_document(*db, nlohmann::json::parse(in), "UFUZZ", 1);
        readers = std::make_unique<storage::Readers>(cfg.database);
        router = std::make_unique<bot::Router>(cfg, [] { return kNow; });
        for (const auto& p : cfg.people) people.push_back(p.slack_id);
        people.push_back("U0STRANGER");
        // Something for the decisions, edits and changes to find.
        const char* alice = "U01ALICE";
        const char* tiago = "U01TIAGO";
        for (const auto& [user, line] : std::initializer_list<std::pair<const char*, const char*>>{
                 {alice, "pto dec 21-23 vacation"},
                 {alice, "pto jan 12 half day pm"},
                 {tiago, "approve PTO-1"},
                 {alice, "expense 18.40 meals sandwiches with a client"},
                 {alice, "expense 22 EUR travel train https://files.example.com/t.pdf"},
                 {tiago, "approve EXP-2"},
                 {alice, "office the printer on floor 2 is jammed !high"},
                 {"U01MARTA", "office ack OFC-1"},
                 {alice, "faq what is the capital of peru"},
             })
            run(user, bot::Source::slash_command, line, true);
    }

    void run(const std::string& user, bot::Source source, std::string_view line, bool keep) {
        bot::Command cmd;
        cmd.source = source;
        cmd.user_id = user;
        cmd.channel_id = "D0FUZZ";
        auto [word, rest] = core::split_first_word(line);
        cmd.name = std::move(word);
        cmd.text = std::string(rest);
        cmd.message = std::string(line);
        if (source == bot::Source::button) {
            cmd.action_id = cmd.name;
            cmd.action_value = std::string(line);
            cmd.message_ts = "1700000000.000100";
        }
        handlers::Plan plan;
        try {
            storage::Snapshot reads(*readers);
            plan = router->prepare(cmd, "fuzz", reads);
        } catch (const core::Refusal&) {
            return;
        }
        if (!plan.apply && !plan.record) return;
        SQLite::Transaction tx(*db);
        try {
            if (plan.apply) (void)plan.apply(*db);
            if (plan.record) plan.record(*db);
        } catch (const core::Refusal&) {
        }
        if (keep) tx.commit();  // otherwise rolled back: every input meets the same state
    }
};

constexpr std::array kSources{bot::Source::slash_command, bot::Source::direct_message,
                              bot::Source::mention, bot::Source::button};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Office office;
    if (size < 2) return 0;
    const auto& user = office.people[data[0] % office.people.size()];
    const auto source = kSources[data[1] % kSources.size()];
    office.run(user, source, std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2),
               false);
    return 0;
}
