#include "bot/outbox/handover.hpp"

#include <gtest/gtest.h>

namespace {

using bot::Handover;
using storage::outbox::Row;

Row row(std::int64_t id) {
    Row r;
    r.id = id;
    return r;
}

TEST(Handover, WakesTheTakerOnceForEverythingPutBeforeItTakes) {
    Handover h;
    EXPECT_TRUE(h.put({row(3), row(4)}));
    EXPECT_FALSE(h.put({row(1), row(2)}));  // a wake-up is on its way already
    const auto taken = h.take();
    ASSERT_EQ(taken.rows.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(taken.rows[i].id, static_cast<int>(i) + 1);
    EXPECT_FALSE(taken.unknown);
    EXPECT_TRUE(h.put({row(5)}));  // taken: the next put wakes it again
}

TEST(Handover, RowsNobodyHandedOverAreSaidToBeUnknownUntilTaken) {
    Handover h;
    EXPECT_TRUE(h.put({}));
    EXPECT_FALSE(h.put({row(7)}));
    const auto taken = h.take();
    EXPECT_TRUE(taken.unknown);
    EXPECT_EQ(taken.rows.size(), 1u);
    EXPECT_FALSE(h.take().unknown);
}

}  // namespace
