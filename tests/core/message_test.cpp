#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/message.hpp"

namespace {

using core::slot;
using core::Template;

std::string rendered(const std::string& text) {
    return nlohmann::json(text).dump();
}

TEST(Template, FillsSlotsRenderedInsideJsonStrings) {
    const Template t(rendered("Requested PTO-" + slot(0) + "; " + slot(1) + " left"));
    EXPECT_EQ(t.fill({"12", "17 days"}), R"("Requested PTO-12; 17 days left")");
}

TEST(Template, EscapesTheValuesForTheStringTheyStandIn) {
    const Template t(rendered("a" + slot(0) + "b"));
    EXPECT_EQ(t.fill({"\n\"x\"\\"}), R"("a\n\"x\"\\b")");
}

TEST(Template, NeverTakesTypedTextForASlot) {
    // A user who types the escaped form of a mark gets their text back.
    const std::string typed = R"(\u00010\u0001)";
    const Template t(rendered(typed + slot(0)));
    EXPECT_EQ(nlohmann::json::parse(t.fill({"7"})).get<std::string>(), typed + "7");
}

TEST(Template, LeavesASlotWithoutAValueEmpty) {
    EXPECT_EQ(Template(rendered("x" + slot(3))).fill({}), R"("x")");
}

TEST(FillSlots, ReplacesMarksInPlainText) {
    EXPECT_EQ(core::fill_slots("PTO-" + slot(0), {"4"}), "PTO-4");
}

}  // namespace
