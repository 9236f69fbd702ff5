// The text helpers every layer shares.

#include "core/text.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Text, EditDistanceCountsALetterAddedDroppedChangedOrSwapped) {
    EXPECT_EQ(core::edit_distance("sick", "sick", 1), 0);
    EXPECT_EQ(core::edit_distance("sik", "sick", 1), 1);    // dropped
    EXPECT_EQ(core::edit_distance("sickk", "sick", 1), 1);  // added
    EXPECT_EQ(core::edit_distance("vacaton", "vacation", 1), 1);
    EXPECT_EQ(core::edit_distance("vacatoin", "vacation", 1), 1);  // swapped
    EXPECT_EQ(core::edit_distance("sock", "sick", 1), 1);          // changed
    // Farther than `most` is `most` + 1, however far.
    EXPECT_EQ(core::edit_distance("personally", "personal", 1), 2);
    EXPECT_EQ(core::edit_distance("holiday", "vacation", 2), 3);
    EXPECT_EQ(core::edit_distance("", "sick", 1), 2);
}

}  // namespace
