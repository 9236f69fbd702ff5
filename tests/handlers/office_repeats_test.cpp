// Repeat detection over real SQLite FTS5: pairs of an open ticket and a new
// report at the same site, which should or should not be taken as a repeat.

#include "handlers/office_repeats.hpp"

#include <gtest/gtest.h>

#include "tests/support/db.hpp"

namespace {

struct Pair {
    const char* open;
    const char* report;
    bool repeats;
};

std::int64_t file(SQLite::Database& db, const std::string& site, const std::string& text,
                  storage::office::Status status = storage::office::Status::open) {
    storage::office::Ticket t;
    t.requester = "U1";
    t.site = site;
    t.description = text;
    t.category = "other";
    t.priority = "normal";
    t.status = status;
    return storage::office::insert(db, t, 1);
}

TEST(OfficeRepeats, FindsTheOpenTicketAReportRepeats) {
    const Pair pairs[] = {
        {"printer on 3F jammed", "the 3rd floor printer is jammed again", true},
        {"printer on 3F jammed", "kitchen tap leaking", false},
        {"printer on 3F jammed", "printer out of toner", false},
        {"wifi down on 2F", "wifi is down again on the 2nd floor", true},
        {"wifi down on 2F", "projector on 2F not working", false},
        {"kitchen sink leaking", "the sink in the kitchen is leaking", true},
        {"kitchen sink leaking", "kitchen fridge smells", false},
        {"kitchen tap leaking", "leak under the kitchen tap", true},
        {"air con too cold in open space", "its freezing in the open space aircon too cold", true},
        {"air con too cold in open space", "heating broken in room 4", false},
        {"lift stuck between floors 2 and 3", "the lift is stuck again", true},
        {"lift stuck between floors 2 and 3", "stuck in traffic, late for standup", false},
        {"badge reader on 4F door broken", "4F door badge reader not working", true},
        {"badge reader on 4F door broken", "my badge is lost", false},
        {"out of milk in the kitchen", "no milk in kitchen again", true},
        {"out of milk in the kitchen", "out of printer paper", false},
        {"toilet on 2nd floor flooding", "2nd floor toilet is flooding", true},
        {"toilet on 2nd floor flooding", "2nd floor printer jammed", false},
        {"lights flickering in the corridor", "corridor lights keep flickering", true},
        {"lights flickering in the corridor", "corridor door squeaks", false},
        {"projector in room lisbon wont turn on", "lisbon room projector doesnt turn on", true},
        {"projector in room lisbon wont turn on", "lisbon room too hot", false},
    };
    for (const auto& p : pairs) {
        testing_support::TempDb tmp;
        auto db = tmp.connect();
        const auto open = file(*db, "office", p.open);
        const auto found = handlers::office::repeat_of(*db, "office", p.report);
        EXPECT_EQ(found.has_value(), p.repeats) << p.open << " / " << p.report;
        if (found) {
            EXPECT_EQ(found->id, open) << p.report;
        }
    }
}

TEST(OfficeRepeats, OnlyOpenTicketsOfTheSameSiteCount) {
    testing_support::TempDb tmp;
    auto db = tmp.connect();
    file(*db, "london", "printer on 3F jammed");
    file(*db, "office", "printer on 3F jammed", storage::office::Status::resolved);
    EXPECT_FALSE(handlers::office::repeat_of(*db, "office", "3F printer jammed again"));
    const auto acked =
        file(*db, "office", "printer on 3F jammed", storage::office::Status::acknowledged);
    EXPECT_EQ(handlers::office::repeat_of(*db, "office", "3F printer jammed again")->id, acked);
}

TEST(OfficeRepeats, KeepsOnlyTheWordsThatSaySomething) {
    EXPECT_EQ(handlers::office::significant_words("The 3rd floor printer is jammed AGAIN, pls!"),
              (std::vector<std::string>{"3rd", "floor", "printer", "jammed"}));
    EXPECT_EQ(handlers::office::significant_words("can't \"get\" in"),
              (std::vector<std::string>{"get"}));
    EXPECT_EQ(handlers::office::significant_words("the door doesn't lock"),
              (std::vector<std::string>{"door", "lock"}));
}

}  // namespace
