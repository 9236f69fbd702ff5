// The ids people type: read case-insensitively, alone or among words.

#include <gtest/gtest.h>

#include "core/ids.hpp"

namespace {

using core::IdKind;

TEST(Ids, AreReadCaseInsensitivelyAndOnlyWhole) {
    EXPECT_EQ(core::parse_id("PTO-12"), (core::Id{IdKind::pto, 12}));
    EXPECT_EQ(core::parse_id("exp-7"), (core::Id{IdKind::expense, 7}));
    EXPECT_EQ(core::parse_id("Q-4"), (core::Id{IdKind::question, 4}));
    for (const char* not_one : {"PTO", "PTO-", "PTO-x", "PTO-12a", "XYZ-1", "PTO12", ""})
        EXPECT_FALSE(core::parse_id(not_one)) << not_one;
    EXPECT_EQ((core::Id{IdKind::office, 5}.text()), "OFC-5");
}

TEST(Ids, TheFirstOfAKindIsFoundAmongWords) {
    EXPECT_EQ(core::first_id_in("has EXP-7 been paid yet?", IdKind::expense),
              (core::Id{IdKind::expense, 7}));
    EXPECT_EQ(core::first_id_in("any news on (ofc-3)?", IdKind::office),
              (core::Id{IdKind::office, 3}));
    EXPECT_EQ(core::first_id_in("PTO-2 and EXP-9, EXP-10", IdKind::expense),
              (core::Id{IdKind::expense, 9}));
    EXPECT_FALSE(core::first_id_in("has EXP-7 been paid yet?", IdKind::office));
    EXPECT_FALSE(core::first_id_in("EXP7 or EXP-7x", IdKind::expense));
    EXPECT_FALSE(core::first_id_in("", IdKind::expense));
}

}  // namespace
