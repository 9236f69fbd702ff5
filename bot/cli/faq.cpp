#include "bot/cli/faq.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>

#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/faq_store.hpp"

namespace bot {

int faq_import(const config::Config& cfg, const std::string& file, std::ostream& out) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) throw std::runtime_error(file + ": not valid JSON");
    auto db = storage::open(cfg.database);
    storage::migrate(*db);
    SQLite::Transaction tx(*db);
    storage::faq::Imported n;
    try {
        n = storage::faq::import_document(*db, doc, "sitelead-bot",
                                          core::unix_ms(std::chrono::system_clock::now()));
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(file + ": " + e.what());
    }
    tx.commit();
    out << file << ": " << n.added << " added, " << n.changed << " changed, " << n.unchanged
        << " unchanged\n";
    return 0;
}

int faq_export(const config::Config& cfg, const std::string& path, std::ostream& out) {
    auto db = storage::open_readonly(cfg.database);
    const std::string text = storage::faq::export_document(*db).dump(2) + "\n";
    if (path.empty() || path == "-") {
        out << text;
        return 0;
    }
    std::ofstream file(path, std::ios::binary);
    if (!(file << text)) throw std::runtime_error("cannot write " + path);
    return 0;
}

}  // namespace bot
