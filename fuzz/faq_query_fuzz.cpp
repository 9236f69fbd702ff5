// Questions asked of the FAQ (config/faq.json in a real SQLite file) at each
// of two sites, as the handler asks them (of the site a question names, if
// another): no question, whatever it holds (FTS5's quotes, operators, column
// filters, NEAR, parentheses, stars, broken UTF-8, emoji codes), may reach
// SQLite as query syntax. An exception from SQLite is a finding: it escapes
// and the fuzzer reports it.

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "handlers/faq_search.hpp"
#include "storage/database.hpp"
#include "storage/faq_store.hpp"

namespace {

struct Faq {
    config::Config cfg;
    std::unique_ptr<SQLite::Database> db;

    Faq() {
        config::fill_defaults(cfg.faq);
        cfg.sites.resize(2);
        cfg.sites[0].id = "lisbon", cfg.sites[0].name = "Lisbon office";
        cfg.sites[1].id = "london", cfg.sites[1].name = "London studio";
        const auto dir = std::filesystem::temp_directory_path() /
                         ("sitelead-fuzz-faq-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        cfg.database.path = (dir / "faq.db").string();
        std::filesystem::remove(cfg.database.path);
        db = storage::open(cfg.database);
        storage::migrate(*db);
        std::ifstream in(std::string(SITELEAD_SOURCE_DIR) + "/config/faq.json");
        storage::faq::import_document(*db, nlohmann::json::parse(in), "UFUZZ", 1);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Faq faq;
    const std::string question(reinterpret_cast<const char*>(data), size);
    for (const auto& own : faq.cfg.sites) {
        const auto asked = handlers::faq::asked_about(faq.cfg.sites, own, question);
        (void)handlers::faq::find(faq.cfg.faq, faq.cfg.sites, *faq.db, asked.site->id,
                                  asked.question);
    }
    return 0;
}
