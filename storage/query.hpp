#pragma once
// A statement for one use. On the writer's thread, inside a batch, it is
// borrowed from the writer's cache of prepared statements (each SQL text is
// parsed once per connection, not once per request: parsing was a third of
// the writer's time); anywhere else it is prepared afresh. Either way it
// comes reset, with no bindings.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace storage {

// Prepared statements of one connection, keyed by their SQL text. Must be
// destroyed before the connection closes.
class StatementCache {
public:
    explicit StatementCache(SQLite::Database& db) : db_(db) {}
    SQLite::Database& db() const { return db_; }
    SQLite::Statement& get(std::string_view sql);

private:
    SQLite::Database& db_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>, std::less<>> statements_;
};

// Makes `cache` the one Query uses on this thread while the scope lasts.
class UseCache {
public:
    explicit UseCache(StatementCache& cache);
    ~UseCache();
    UseCache(const UseCache&) = delete;
    UseCache& operator=(const UseCache&) = delete;

private:
    StatementCache* previous_;
};

class Query {
public:
    // `sql` is only copied when it is prepared: a literal costs no allocation.
    Query(SQLite::Database& db, std::string_view sql);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    SQLite::Statement* operator->() { return statement_; }
    SQLite::Statement& operator*() { return *statement_; }

private:
    std::unique_ptr<SQLite::Statement> owned_;
    SQLite::Statement* statement_;
};

// Binds `values` to the statement's parameters 1, 2, ... in the order they
// appear in its SQL: the way of the statements every request runs (SQLite
// finds a named parameter by comparing its name with each of them in turn,
// a tenth of the writer's binding). Text is bound without a copy, so it must
// outlive the statement's step: a std::string (or an optional one) must be a
// named object (a temporary one does not compile), a const char* a literal
// or as lasting.
// An empty optional binds NULL. The count must match the statement's.
template <class... T>
void bind_all(SQLite::Statement& statement, T&&... values);

// NULL for an empty text, else the text (not copied).
inline std::optional<std::reference_wrapper<const std::string>> or_null(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return std::cref(s);
}

// Runs a statement that returns no rows (SAVEPOINT, COMMIT, ...) through the
// cache when there is one: cheaper than SQLite::Database::exec, which parses
// the text on every call.
void execute(SQLite::Database& db, std::string_view sql);

namespace detail {

void check_count(SQLite::Statement& statement, int count);

inline void bind_one(SQLite::Statement& s, int at, const std::string& text) {
    s.bindNoCopy(at, text);
}
inline void bind_one(SQLite::Statement& s, int at, const char* text) {
    s.bindNoCopy(at, text);
}
inline void bind_one(SQLite::Statement& s, int at, std::reference_wrapper<const std::string> text) {
    s.bindNoCopy(at, text.get());
}
inline void bind_one(SQLite::Statement& s, int at, double value) {
    s.bind(at, value);
}
template <class I>
requires std::is_integral_v<I>
void bind_one(SQLite::Statement& s, int at, I value) {
    s.bind(at, static_cast<std::int64_t>(value));
}
template <class V>
void bind_one(SQLite::Statement& s, int at, const std::optional<V>& value) {
    if (value)
        bind_one(s, at, *value);
    else
        s.bind(at);
}

// What holds its own text: bound without a copy, it must be a named object.
template <class T>
inline constexpr bool owns_text =
    std::is_same_v<T, std::string> || std::is_same_v<T, std::optional<std::string>>;

}  // namespace detail

template <class... T>
void bind_all(SQLite::Statement& statement, T&&... values) {
    static_assert(
        ((!detail::owns_text<std::remove_cvref_t<T>> || std::is_lvalue_reference_v<T>)&&...),
        "text is bound without a copy: bind a named std::string (or optional of one), "
        "not a temporary");
    static_assert((!std::is_same_v<std::remove_cvref_t<T>, std::string_view> && ...),
                  "a string_view need not end in NUL: bind the std::string or literal it views");
    detail::check_count(statement, static_cast<int>(sizeof...(T)));
    int at = 0;
    (detail::bind_one(statement, ++at, values), ...);
}

}  // namespace storage
