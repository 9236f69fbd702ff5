#include "storage/stems.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <sqlite3.h>

namespace storage {
namespace {

// FTS5's porter tokenizer made for one connection, kept as long as it is
// open: finding the API takes a prepared statement, making the tokenizer
// builds unicode61's tables, both far dearer than tokenizing a report.
struct Porter {
    fts5_tokenizer methods{};
    Fts5Tokenizer* tokenizer = nullptr;
};

std::mutex porters_mutex;
std::unordered_map<sqlite3*, Porter> porters;

// Runs when the connection closes (the destructor of a function registered
// on it), so that a later connection at the same address starts afresh.
void forget(void* handle) {
    std::lock_guard lock(porters_mutex);
    const auto it = porters.find(static_cast<sqlite3*>(handle));
    if (it == porters.end()) return;
    it->second.methods.xDelete(it->second.tokenizer);
    porters.erase(it);
}

void unused(sqlite3_context* context, int, sqlite3_value**) {
    sqlite3_result_null(context);
}

// The connection's FTS5 API (sqlite.org/fts5.html, "Extending FTS5").
fts5_api* fts5_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return api;
}

// A connection is used by one thread at a time, and so is its tokenizer.
const Porter& porter_of(sqlite3* db) {
    {
        std::lock_guard lock(porters_mutex);
        if (const auto it = porters.find(db); it != porters.end()) return it->second;
    }
    fts5_api* api = fts5_of(db);
    void* context = nullptr;
    Porter p;
    if (!api || api->xFindTokenizer(api, "porter", &context, &p.methods) != SQLITE_OK)
        throw std::runtime_error("this SQLite has no FTS5 porter tokenizer");
    const char* args[] = {"unicode61"};
    if (p.methods.xCreate(context, args, 1, &p.tokenizer) != SQLITE_OK)
        throw std::runtime_error("cannot create FTS5's porter tokenizer");
    // Registered before the entry exists: registering calls the destructor
    // of a function of that name left from before, which takes the lock.
    if (sqlite3_create_function_v2(db, "sitelead_porter_guard", 0, SQLITE_UTF8, db, unused, nullptr,
                                   nullptr, forget) != SQLITE_OK) {
        p.methods.xDelete(p.tokenizer);
        throw std::runtime_error("cannot watch the connection for its close");
    }
    std::lock_guard lock(porters_mutex);
    return porters.emplace(db, p).first->second;
}

int collect(void* out, int, const char* token, int size, int, int) {
    auto& words = *static_cast<std::vector<std::string>*>(out);
    std::string word(token, static_cast<std::size_t>(size));
    if (std::find(words.begin(), words.end(), word) == words.end())
        words.push_back(std::move(word));
    return SQLITE_OK;
}

}  // namespace

std::vector<std::string> stems(SQLite::Database& db, std::string_view text) {
    const Porter& porter = porter_of(db.getHandle());
    std::vector<std::string> out;
    if (porter.methods.xTokenize(porter.tokenizer, &out, FTS5_TOKENIZE_DOCUMENT, text.data(),
                                 static_cast<int>(text.size()), collect) != SQLITE_OK)
        throw std::runtime_error("FTS5's porter tokenizer failed");
    return out;
}

}  // namespace storage
