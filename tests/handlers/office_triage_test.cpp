// What office reports are about and how urgent, from the words people use,
// written as they write them: lower case, typos, no punctuation.

#include "handlers/office_triage.hpp"

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/message.hpp"

namespace {

using config::Priority;

struct Case {
    const char* report;
    const char* category;
    Priority priority;
};

config::Office defaults() {
    config::Office office;
    config::fill_defaults(office);
    return office;
}

TEST(OfficeTriage, ReadsCategoryAndPriorityFromTheWords) {
    const Case cases[] = {
        {"the 3F printer is jammed again", "it", Priority::normal},
        {"printer on 3rd floor not working", "it", Priority::high},
        {"wifi keeps dropping in the big meeting room", "it", Priority::normal},
        {"Wi-Fi is down for everyone on 2F!!", "it", Priority::high},
        {"projector in room lisbon wont turn on", "it", Priority::normal},
        {"my laptop charger is broken", "it", Priority::high},
        {"cant connect to the vpn from the office", "it", Priority::high},
        {"the tv in the lounge has no hdmi signal", "it", Priority::normal},
        {"need a second monitor for the new hire", "it", Priority::normal},
        {"keyboard missing keys at hot desk 12", "it", Priority::normal},
        {"kitchen sink is leaking", "facilities", Priority::urgent},
        {"theres water leaking from the ceiling near the lifts", "facilities", Priority::urgent},
        {"toilet on 2nd floor flooding", "facilities", Priority::urgent},
        {"the kitchen tap drips a bit", "facilities", Priority::normal},
        {"air con is way too cold in the open space", "facilities", Priority::normal},
        {"heating not working in room 4", "facilities", Priority::high},
        {"lights flickering in the corridor", "facilities", Priority::normal},
        {"my chair is broken", "facilities", Priority::high},
        {"fridge smells really bad someone clean it pls", "facilities", Priority::normal},
        {"dishwasher stuck mid cycle", "facilities", Priority::high},
        {"no power on the whole 3rd floor", "facilities", Priority::urgent},
        {"the lift is stuck between floors", "facilities", Priority::high},
        {"blinds in room 2 would be nice to fix when you can", "facilities", Priority::low},
        {"we ran out of printer paper", "supplies", Priority::normal},
        {"out of milk in the kitchen again", "supplies", Priority::normal},
        {"can we restock the pens and notebooks no rush", "supplies", Priority::low},
        {"toner low on the colour printer", "supplies", Priority::normal},
        {"no more tea or sugar", "supplies", Priority::normal},
        {"locked out of the building my badge doesnt work", "access", Priority::urgent},
        {"my keycard wont open the 4F door", "access", Priority::high},
        {"new starter needs a badge for monday", "access", Priority::normal},
        {"parking gate not opening", "access", Priority::high},
        {"lost my keys somewhere in the office", "access", Priority::normal},
        {"smoke coming from the microwave", "safety", Priority::urgent},
        {"smell of gas in the kitchen", "safety", Priority::urgent},
        {"someone slipped and is injured near reception", "safety", Priority::urgent},
        {"fire extinguisher on 2F is missing", "safety", Priority::high},
        {"broken glass on the stairs", "safety", Priority::high},
        {"trip hazard cable across the walkway", "safety", Priority::high},
        {"sparks from a socket in room 3", "safety", Priority::urgent},
        {"the plant in reception looks sad", "other", Priority::normal},
        {"can we get a foosball table sometime", "other", Priority::low},
    };
    const config::Office office = defaults();
    for (const auto& c : cases) {
        const auto t = handlers::office::triage(office, c.report);
        EXPECT_EQ(t.category, c.category) << c.report;
        EXPECT_EQ(config::to_string(t.priority), config::to_string(c.priority)) << c.report;
    }
}

TEST(OfficeTriage, ACategoryOrPriorityGivenWins) {
    const config::Office office = defaults();
    auto t = handlers::office::triage(office, "printer jammed #facilities !low");
    EXPECT_EQ(t.category, "facilities");
    EXPECT_EQ(t.priority, Priority::low);
    EXPECT_EQ(t.description, "printer jammed");
    t = handlers::office::triage(office, "#IT the screen in room 2 !URGENT");
    EXPECT_EQ(t.category, "it");
    EXPECT_EQ(t.priority, Priority::urgent);
    EXPECT_EQ(t.description, "the screen in room 2");
    EXPECT_THROW(handlers::office::triage(office, "printer #printers"), core::Refusal);
    EXPECT_THROW(handlers::office::triage(office, "printer !p1"), core::Refusal);
}

}  // namespace
