#include "storage/pto_spans.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

#include <date/date.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "core/dates.hpp"
#include "storage/query.hpp"

namespace storage::pto {

namespace {

constexpr std::array<std::string_view, 3> kParts = {"full", "am", "pm"};

// A request as the teammates question needs it, in 40 bytes: the dates as
// written (YYYY-MM-DD compares as the calendar does).
struct Span {
    std::int64_t id = 0;
    std::array<char, 10> start{}, end{};
    std::uint8_t part = 0;  // into kParts
    Status status = Status::pending;
};

std::array<char, 10> day(std::string_view iso) {
    std::array<char, 10> d{};
    std::copy_n(iso.data(), std::min(iso.size(), d.size()), d.begin());
    return d;
}

std::string_view text(const std::array<char, 10>& d) {
    return {d.data(), d.size()};
}

// The registry of copies, by database file.
std::mutex registry_mutex;
std::map<std::string, std::weak_ptr<const Spans>, std::less<>> registry;

std::string_view file_of(SQLite::Database& db) {
    const char* f = sqlite3_db_filename(db.getHandle(), "main");
    return f ? f : "";
}

constexpr const char* kSpanRow = "SELECT id, requester, start_date, end_date, part, status";

bool by_start(const Span& a, const Span& b) {
    return a.start < b.start;
}

}  // namespace

struct Spans::State {
    std::string since;
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::vector<Span>> by_person;
    std::unordered_map<std::int64_t, std::string> person_of;  // a request's requester
    std::atomic<bool> usable{true};

    // Puts a request's row, as read, in place of what was known of it.
    void put(std::int64_t id, std::string person, Span span) {
        forget(id);
        if (span.status != Status::pending && span.status != Status::approved) return;
        if (text(span.end) < since) return;
        // By start, so that a question reads only the spans that start
        // between the earliest it allows and its end.
        auto& spans = by_person[person];
        spans.insert(std::upper_bound(spans.begin(), spans.end(), span, by_start), span);
        person_of.emplace(id, std::move(person));
    }
    void forget(std::int64_t id) {
        const auto who = person_of.find(id);
        if (who == person_of.end()) return;
        auto& spans = by_person[who->second];
        std::erase_if(spans, [id](const Span& s) { return s.id == id; });
        if (spans.empty()) by_person.erase(who->second);
        person_of.erase(who);
    }
};

namespace {

std::pair<std::string, Span> read_row(SQLite::Statement& q) {
    Span s;
    s.id = q.getColumn(0).getInt64();
    s.start = day(q.getColumn(2).getText());
    s.end = day(q.getColumn(3).getText());
    const std::string_view part = q.getColumn(4).getText();
    s.part =
        static_cast<std::uint8_t>(std::find(kParts.begin(), kParts.end(), part) - kParts.begin());
    if (s.part >= kParts.size()) s.part = 0;
    s.status = parse_status(q.getColumn(5).getText());
    return {q.getColumn(1).getString(), s};
}

}  // namespace

Spans::Spans(std::string since) : state_(std::make_unique<State>()) {
    state_->since = std::move(since);
}

Spans::~Spans() = default;

void Spans::load(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kSpanRow) +
                                " FROM pto_requests WHERE status IN ('approved', 'pending') "
                                "AND end_date >= ?1");
    q.bind(1, state_->since);
    std::unique_lock lock(state_->mutex);
    state_->by_person.clear();
    state_->person_of.clear();
    while (q.executeStep()) {
        auto [person, span] = read_row(q);
        state_->put(span.id, std::move(person), span);
    }
}

void Spans::reread(SQLite::Database& db, const std::vector<std::int64_t>& ids) {
    try {
        // Read first, then change the copy in one go: readers wait for
        // memory, never for the database.
        std::vector<std::pair<std::string, Span>> rows;
        std::vector<std::int64_t> gone;
        storage::Query q(db, std::string(kSpanRow) + " FROM pto_requests WHERE id = ?1");
        for (const auto id : ids) {
            q->reset();
            q->bind(1, id);
            if (q->executeStep())
                rows.push_back(read_row(*q));
            else
                gone.push_back(id);  // an insert rolled back
        }
        std::unique_lock lock(state_->mutex);
        for (const auto id : gone) state_->forget(id);
        for (auto& [person, span] : rows) state_->put(span.id, std::move(person), span);
    } catch (...) {
        state_->usable = false;
        throw;
    }
}

std::optional<std::vector<Request>> Spans::between(const std::vector<std::string>& people,
                                                   const std::string& start,
                                                   const std::string& end) const {
    if (!state_->usable || start < state_->since) return std::nullopt;
    // As of_people_between()'s SQL: touching [start, end], starting no
    // earlier than the longest request allows.
    const auto first = core::parse_iso(start);
    if (!first) return std::nullopt;
    Span earliest, last;
    earliest.start = day(core::iso(*first - date::days{kLongestRequestDays}));
    last.start = day(end);
    std::vector<Request> out;
    std::shared_lock lock(state_->mutex);
    for (const auto& person : people) {
        const auto spans = state_->by_person.find(person);
        if (spans == state_->by_person.end()) continue;
        const auto& all = spans->second;
        for (auto s = std::lower_bound(all.begin(), all.end(), earliest, by_start);
             s != all.end() && !by_start(last, *s); ++s) {
            if (text(s->end) < start) continue;
            Request r;
            r.id = s->id;
            r.requester = person;
            r.start_date = text(s->start);
            r.end_date = text(s->end);
            r.part = kParts[s->part];
            r.status = s->status;
            out.push_back(std::move(r));
        }
    }
    return out;
}

void follow(Writer& writer, std::chrono::system_clock::time_point now) {
    const auto today = date::floor<date::days>(now);
    auto spans = std::make_shared<Spans>(
        core::iso(date::local_days{today.time_since_epoch()} - date::days{1}));
    std::string file;
    writer.follow(
        "pto_requests",
        [&](SQLite::Database& db) {
            spans->load(db);
            file = file_of(db);
        },
        [spans](SQLite::Database& db, const std::vector<std::int64_t>& ids) {
            spans->reread(db, ids);
        });
    if (file.empty()) return;  // an in-memory database: no other connection sees it
    std::lock_guard lock(registry_mutex);
    std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });
    registry[file] = spans;
}

std::shared_ptr<const Spans> followed(SQLite::Database& db) {
    const std::string_view file = file_of(db);
    if (file.empty()) return nullptr;
    std::lock_guard lock(registry_mutex);
    const auto it = registry.find(file);
    return it == registry.end() ? nullptr : it->second.lock();
}

}  // namespace storage::pto
