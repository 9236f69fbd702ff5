// `sitelead-bot faq import` and `faq export`, run as the real binary: the
// seed file imported into an empty database exports as the same bytes, a
// second import changes nothing, and a bad file is refused naming its entry.

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_server.hpp"

namespace {

using namespace testing_support;

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(FaqFile, ImportThenExportGivesTheSameFileAndASecondImportChangesNothing) {
    const TempDir dir("sitelead-faq");
    std::ofstream(dir / "site.json") << test_config_json(dir / "faq.db").dump(2);
    const std::string config = (dir / "site.json").string();
    const auto seed = source_dir() / "config" / "faq.json";

    const auto first =
        run_child(bot_binary(), {{"faq", "--config", config, "import", seed.string()}, {}, {}});
    ASSERT_EQ(first.status, 0) << first.output;
    EXPECT_EQ(first.output, seed.string() + ": 65 added, 0 changed, 0 unchanged\n");
    const auto again =
        run_child(bot_binary(), {{"faq", "--config", config, "import", seed.string()}, {}, {}});
    EXPECT_EQ(again.output, seed.string() + ": 0 added, 0 changed, 65 unchanged\n");

    const auto out = dir / "exported.json";
    const auto exported = run_child(
        bot_binary(), {{"faq", "--config", config, "export", "--out", out.string()}, {}, {}});
    ASSERT_EQ(exported.status, 0) << exported.output;
    EXPECT_EQ(read_file(out), read_file(seed));

    std::ofstream(dir / "bad.json") << R"({"entries": [{"key": "x", "question": "q"}]})";
    const auto bad = run_child(
        bot_binary(), {{"faq", "--config", config, "import", (dir / "bad.json").string()}, {}, {}});
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.output.find("entries[0].answer: expected a non-empty string"), std::string::npos)
        << bad.output;
}

}  // namespace
