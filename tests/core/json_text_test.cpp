#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "core/message.hpp"

namespace {

using core::json_string;

TEST(JsonText, EscapesWhatJsonRequiresAndKeepsUtf8) {
    EXPECT_EQ(json_string(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
    EXPECT_EQ(json_string("a\nb\tc"), R"("a\nb\u0009c")");
    EXPECT_EQ(json_string("Café 🚫 日本"), "\"Café 🚫 日本\"");
    // Whatever goes in, nlohmann reads back the same text.
    const std::string text = "line\none \"quoted\" \\ back\x1f 🚫";
    EXPECT_EQ(nlohmann::json::parse(json_string(text)).get<std::string>(), text);
}

TEST(JsonText, InvalidUtf8BecomesTheReplacementCharacter) {
    EXPECT_EQ(json_string("a\xff"
                          "b"),
              R"("a\ufffdb")");
    EXPECT_EQ(json_string("\xc3"), R"("\ufffd")");                                // cut short
    EXPECT_EQ(json_string("\xc0\xaf"), R"("\ufffd\ufffd")");                      // overlong
    EXPECT_EQ(json_string("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");            // a surrogate
    EXPECT_EQ(json_string("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // > U+10FFFF
    EXPECT_NO_THROW(nlohmann::json::parse(json_string("\xff\xfe")));
}

TEST(JsonText, SlotMarksSurviveEscapingAndAreFilledInPlace) {
    const std::string text = "Requested " + core::slot(0) + " \\u0001" + "0\\u0001 typed";
    const core::Template t(R"({"text":)" + json_string(text) + "}");
    const auto filled = nlohmann::json::parse(t.fill({"PTO-7"}));
    EXPECT_EQ(filled["text"], "Requested PTO-7 \\u00010\\u0001 typed");
}

}  // namespace
