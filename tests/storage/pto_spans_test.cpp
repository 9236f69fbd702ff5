#include <gtest/gtest.h>

#include <future>
#include <random>
#include <stdexcept>

#include <date/date.h>
#include <fmt/format.h>

#include "storage/database.hpp"
#include "storage/pto_spans.hpp"
#include "storage/pto_store.hpp"
#include "tests/support/db.hpp"
#include "tests/support/pto_rows.hpp"

namespace {

namespace pto = storage::pto;

const auto kMarch1 = date::sys_days{date::year{2027} / 3 / 1};

using testing_support::add_request;

std::string listed(const std::vector<pto::Request>& rows) {
    std::string out;
    for (const auto& r : rows)
        out += fmt::format("{}:{}..{}:{}:{} ", r.requester, r.start_date, r.end_date, r.part,
                           pto::to_string(r.status));
    return out;
}

const std::vector<std::string> kTeam{"U2", "U3", "U4"};

std::string team_between(SQLite::Database& db, const std::string& start, const std::string& end) {
    return listed(pto::of_people_between(db, kTeam, start, end, 10));
}

// The copy starts from the committed rows and follows each transaction of
// the writer: inserts, decisions, and writes rolled back leave no trace.
TEST(PtoSpans, FollowTheWritersCommitsAndNotWhatItRollsBack) {
    testing_support::TempDb tmp;
    {
        auto db = tmp.connect();
        add_request(*db, "U2", "2027-03-08", "2027-03-12", pto::Status::approved);
        add_request(*db, "U3", "2027-03-09", "2027-03-09", pto::Status::denied);
        add_request(*db, "U4", "2027-01-04", "2027-01-08",
                    pto::Status::approved);  // ended long ago
    }
    auto writer = tmp.writer();
    pto::follow(*writer, kMarch1);
    auto reads = storage::open_readonly(tmp.cfg);
    ASSERT_NE(pto::followed(*reads), nullptr);
    EXPECT_EQ(team_between(*reads, "2027-03-08", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved ");

    std::int64_t id = 0;
    writer->run([&](SQLite::Database& db) {
        id = add_request(db, "U3", "2027-03-10", "2027-03-10", pto::Status::pending, "am");
    });
    EXPECT_EQ(team_between(*reads, "2027-03-08", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved U3:2027-03-10..2027-03-10:am:pending ");
    writer->run([&](SQLite::Database& db) {
        pto::set_status(db, id, pto::Status::pending, pto::Status::cancelled, "U3", "", 2);
    });
    EXPECT_EQ(team_between(*reads, "2027-03-08", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved ");

    // In one batch: a unit that commits, and one whose insert is undone.
    {
        testing_support::HeldWriter held(*writer);
        std::promise<void> kept, undone;
        writer->submit(
            [](SQLite::Database& db) {
                add_request(db, "U4", "2027-03-11", "2027-03-11", pto::Status::approved);
            },
            [&](std::exception_ptr e) { e ? kept.set_exception(e) : kept.set_value(); });
        writer->submit(
            [](SQLite::Database& db) {
                add_request(db, "U3", "2027-03-12", "2027-03-12", pto::Status::pending);
                throw std::runtime_error("refused after writing");
            },
            [&](std::exception_ptr e) { e ? undone.set_exception(e) : undone.set_value(); });
        held.release();
        kept.get_future().get();
        EXPECT_THROW(undone.get_future().get(), std::runtime_error);
    }
    EXPECT_EQ(team_between(*reads, "2027-03-08", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved U4:2027-03-11..2027-03-11:full:approved ");

    // A span before the copy's first day is asked of SQL: it has the rows
    // the copy left out.
    EXPECT_EQ(team_between(*reads, "2027-01-05", "2027-01-05"),
              "U4:2027-01-04..2027-01-08:full:approved ");

    // The answers come from the copy: a row written past the writer (here
    // by another connection) is not in it until the writer lets go.
    add_request(*tmp.connect(), "U3", "2027-03-12", "2027-03-12", pto::Status::approved);
    EXPECT_EQ(team_between(*reads, "2027-03-12", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved ");
    writer.reset();
    EXPECT_EQ(pto::followed(*reads), nullptr);
    EXPECT_EQ(team_between(*reads, "2027-03-12", "2027-03-12"),
              "U2:2027-03-08..2027-03-12:full:approved U3:2027-03-12..2027-03-12:full:approved ");
}

// Whatever the writes, committed as noted or undone, the copy answers as
// the SQL does on the same rows.
TEST(PtoSpans, AnswerAsTheSqlDoes) {
    testing_support::TempDb tmp;
    auto writer = tmp.writer();
    pto::follow(*writer, kMarch1);
    std::mt19937 random(20261205);
    auto pick = [&](int n) { return static_cast<int>(random() % n); };
    auto day = [](int offset) {
        return date::format("%F", date::sys_days{kMarch1 + date::days{offset}});
    };
    const std::vector<std::string> people{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8"};
    const pto::Status statuses[] = {pto::Status::pending, pto::Status::approved,
                                    pto::Status::denied};
    const char* parts[] = {"full", "am", "pm"};
    std::vector<std::int64_t> ids;
    // Every fourth round fails after writing, and all of it is undone (the
    // ids it took are still picked later: decisions of no request).
    for (int round = 0; round < 40; ++round) {
        auto unit = [&](SQLite::Database& db) {
            for (int i = 0; i < 10; ++i) {
                const int start = pick(60) - 5;
                ids.push_back(add_request(db, people[pick(8)], day(start), day(start + pick(8)),
                                          statuses[pick(3)], parts[pick(3)]));
            }
            for (int i = 0; i < 3; ++i) {
                const auto id = ids[pick(static_cast<int>(ids.size()))];
                pto::set_status(db, id, pto::Status::pending, pto::Status::approved, "UM", "", 2);
                pto::set_status(db, ids[pick(static_cast<int>(ids.size()))], pto::Status::approved,
                                pto::Status::cancelled, "UM", "", 3);
            }
            if (round % 4 == 3) throw std::runtime_error("refused after writing");
        };
        if (round % 4 == 3)
            EXPECT_THROW(writer->run(unit), std::runtime_error);
        else
            writer->run(unit);
    }
    auto reads = storage::open_readonly(tmp.cfg);
    ASSERT_NE(pto::followed(*reads), nullptr);
    struct Asked {
        std::vector<std::string> people;
        std::string start, end;
        int limit;
        std::string answer;
    };
    std::vector<Asked> asked;
    std::vector<std::pair<std::string, std::string>> out;  // is_out() said so, from memory
    for (int offset = 0; offset < 60; ++offset)
        for (const auto& p : people)
            if (pto::is_out(*reads, p, day(offset))) out.emplace_back(p, day(offset));
    for (int i = 0; i < 200; ++i) {
        Asked a;
        for (const auto& p : people)
            if (pick(2)) a.people.push_back(p);
        const int start = pick(60);
        a.start = day(start);
        a.end = day(start + pick(10));
        a.limit = 1 + pick(8);
        a.answer = listed(pto::of_people_between(*reads, a.people, a.start, a.end, a.limit));
        asked.push_back(std::move(a));
    }
    writer.reset();
    ASSERT_EQ(pto::followed(*reads), nullptr);
    std::vector<std::pair<std::string, std::string>> by_sql;
    for (int offset = 0; offset < 60; ++offset)
        for (const auto& p : people)
            if (pto::is_out(*reads, p, day(offset))) by_sql.emplace_back(p, day(offset));
    EXPECT_EQ(out, by_sql);
    EXPECT_GT(out.size(), 100u);
    int nonempty = 0;
    for (const auto& a : asked) {
        EXPECT_EQ(a.answer,
                  listed(pto::of_people_between(*reads, a.people, a.start, a.end, a.limit)))
            << a.start << ".." << a.end;
        nonempty += !a.answer.empty();
    }
    EXPECT_GT(nonempty, 100);  // the questions found rows
}

}  // namespace
