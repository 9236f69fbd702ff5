// Every modal and Home tab the bot shows, rendered through the real service
// at a fixed moment: each is checked against Slack's limits on views
// (api.slack.com/reference/surfaces/views, .../block-kit/blocks and
// .../block-elements) and compared with its golden file in golden/, which
// scripts/check-blockkit.sh also type-checks against @slack/types.
//
// SITELEAD_UPDATE_GOLDEN=1 rewrites the golden files from what is rendered.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/support/common.hpp"
#include "tests/support/harness.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/site.hpp"

namespace {

using nlohmann::json;
using testing_support::Exchange;
using testing_support::Harness;
using testing_support::noon_at;

// Characters, as Slack counts them (UTF-8 code points).
std::size_t length(const std::string& s) {
    std::size_t n = 0;
    for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// The limits a view is held to; each problem found is one string.
class Limits {
public:
    std::vector<std::string> problems;

    void check_view(const json& view) {
        const std::string type = view.value("type", "");
        const bool modal = type == "modal";
        if (!modal && type != "home") complain("view type " + type);
        if (modal) {
            for (const char* key : {"title", "submit", "close"})
                text(view[key], 24, std::string("modal ") + key, true);
            most(view.value("private_metadata", ""), 3000, "private_metadata");
            most(view.value("callback_id", ""), 255, "callback_id");
        }
        const json& blocks = view["blocks"];
        if (!blocks.is_array() || blocks.empty()) return complain("no blocks");
        if (blocks.size() > 100) complain("more than 100 blocks");
        for (const json& b : blocks) block(b, modal);
    }

private:
    std::set<std::string> block_ids_, action_ids_;

    void complain(const std::string& what) { problems.push_back(what); }
    void most(const std::string& s, std::size_t n, const std::string& what) {
        if (length(s) > n) complain(what + " longer than " + std::to_string(n));
    }
    void text(const json& t, std::size_t n, const std::string& what, bool plain_only = false) {
        if (!t.is_object()) return complain(what + " is not a text object");
        const std::string kind = t.value("type", "");
        if (kind != "plain_text" && (plain_only || kind != "mrkdwn"))
            complain(what + " is " + kind + ", not plain_text");
        const std::string s = t.value("text", "");
        if (s.empty()) complain(what + " is empty");
        most(s, n, what);
    }
    void id(const json& holder, const char* key, std::set<std::string>& seen, bool required) {
        if (!holder.contains(key)) {
            if (required) complain(std::string("missing ") + key);
            return;
        }
        const std::string v = holder[key];
        most(v, 255, key);
        if (!seen.insert(v).second) complain(std::string(key) + " " + v + " is not unique");
    }
    void option(const json& o) {
        text(o["text"], 75, "option text");
        most(o.value("value", ""), 150, "option value");
    }
    void element(const json& e) {
        const std::string type = e.value("type", "");
        id(e, "action_id", action_ids_, type != "image");
        if (type == "button") {
            text(e["text"], 75, "button text", true);
            most(e.value("value", ""), 2000, "button value");
        } else if (type == "static_select") {
            if (!e.contains("options") || e["options"].empty() || e["options"].size() > 100)
                complain("a menu needs 1 to 100 options");
            for (const json& o : e["options"]) option(o);
            if (e.contains("initial_option")) option(e["initial_option"]);
            text(e["placeholder"], 150, "menu placeholder", true);
        } else if (type == "plain_text_input" || type == "url_text_input") {
            if (e.contains("placeholder")) text(e["placeholder"], 150, "input placeholder", true);
            if (e.contains("max_length") && e["max_length"].get<int>() > 3000)
                complain("max_length above 3000");
            most(e.value("initial_value", ""), 3000, "initial_value");
        } else if (type != "datepicker") {
            complain("element type " + type);
        }
    }
    void block(const json& b, bool modal) {
        const std::string type = b.value("type", "");
        id(b, "block_id", block_ids_, false);
        if (type == "section") {
            text(b["text"], 3000, "section text");
        } else if (type == "header") {
            text(b["text"], 150, "header text", true);
        } else if (type == "context") {
            if (b["elements"].empty() || b["elements"].size() > 10) complain("context elements");
            for (const json& t : b["elements"]) text(t, 3000, "context text");
        } else if (type == "actions") {
            if (b["elements"].empty() || b["elements"].size() > 25) complain("actions elements");
            for (const json& e : b["elements"]) element(e);
        } else if (type == "input") {
            if (!modal) complain("an input block outside a modal");
            text(b["label"], 2000, "input label", true);
            if (b.contains("hint")) text(b["hint"], 2000, "input hint", true);
            element(b["element"]);
        } else if (type != "divider") {
            complain("block type " + type);
        }
    }
};

std::filesystem::path golden_path(const std::string& name) {
    return testing_support::source_dir() / "tests" / "views" / "golden" / (name + ".json");
}

// Checks `view` against Slack's limits and its golden file.
void expect_view(const std::string& name, const json& view) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(view.is_object()) << "no view rendered";
    Limits limits;
    limits.check_view(view);
    for (const auto& p : limits.problems) ADD_FAILURE() << p;
    const std::string rendered = view.dump(2) + "\n";
    const auto path = golden_path(name);
    if (const char* update = std::getenv("SITELEAD_UPDATE_GOLDEN"); update && *update == '1') {
        std::ofstream(path) << rendered;
        return;
    }
    std::ifstream in(path);
    ASSERT_TRUE(in) << path << " is missing: run with SITELEAD_UPDATE_GOLDEN=1 to write it";
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(rendered, golden.str())
        << "the view differs from " << path
        << " (if the change is meant, rerun with SITELEAD_UPDATE_GOLDEN=1)";
}

struct Views : ::testing::Test {
    Harness site{noon_at(2026, 12, 1)};
};

TEST_F(Views, EveryFormIsWithinSlacksLimitsAndMatchesItsGoldenFile) {
    const json pto = site.slash("UANNA", "/pto").view;
    expect_view("pto-form", pto);
    // Picking the days shows what they come to, in place (views.update).
    const Exchange picked =
        site.change("UANNA", pto, {{"start", "2026-12-21"}, {"end", "2026-12-23"}}, "end");
    EXPECT_EQ(picked.trigger_id, "V0TEST");  // the view's id
    expect_view("pto-form-days-picked", picked.view);
    expect_view("expense-form", site.slash("UANNA", "/expense").view);
    expect_view("office-form", site.slash("UANNA", "/office").view);
    expect_view("office-form-from-message",
                site.shortcut("UANNA", "office",
                              "The <b>kitchen</b> sink is leaking all over the floor & the mop "
                              "is gone")
                    .view);
    site.slash("UANNA", "/pto dec 21-23 vacation family trip");
    expect_view("deny-form", site.press("UMGR1", "pto.deny", "deny PTO-1").view);
}

TEST_F(Views, EveryHomeTabIsWithinSlacksLimitsAndMatchesItsGoldenFile) {
    // Anna has time off coming and waiting, an expense and a ticket; her
    // manager has both to decide; the site lead sees the queue, their digest
    // and the announcement they scheduled, with its Cancel button.
    site.slash("UANNA", "/pto dec 21-23 vacation family trip");
    site.slash("UBEN", "/pto dec 1 sick");
    site.slash("UANNA", "/expense 18.40 meals sandwiches with a client");
    site.slash("UANNA", "/office the kitchen sink is leaking");
    site.slash("ULEAD",
               "/sitelead announce --at \"2026-12-04 16:00\" --dm --send Pizza in the kitchen.");
    expect_view("home-employee", site.home("UANNA"));
    expect_view("home-manager", site.home("UMGR1"));
    expect_view("home-site-lead", site.home("ULEAD"));
    expect_view("home-not-in-directory", site.home("UNOBODY"));
}

TEST_F(Views, AHomeTabOfManyItemsStaysWithinSlacksLimits) {
    for (int day = 1; day <= 20; ++day)
        site.slash("UANNA", "/pto jan " + std::to_string(day) + " 2027 personal");
    for (int i = 0; i < 20; ++i)
        site.slash("UANNA", "/office broken thing number " + std::to_string(i) + " " +
                                std::string(900, 'x'));
    for (int i = 0; i < 20; ++i)
        site.slash("ULEAD", "/sitelead announce --at \"2026-12-2" + std::to_string(i % 10) +
                                " 09:00\" " + std::string(2900, 'y'));
    for (const char* user : {"UANNA", "UMGR1", "ULEAD"}) {
        SCOPED_TRACE(user);
        Limits limits;
        limits.check_view(site.home(user));
        EXPECT_TRUE(limits.problems.empty()) << limits.problems.front();
    }
}

TEST(ViewLimits, CatchWhatSlackRefuses) {
    Limits limits;
    limits.check_view(json::parse(R"({"type":"modal","title":{"type":"plain_text",
        "text":"A title much longer than Slack allows"},"submit":{"type":"plain_text","text":"Go"},
        "close":{"type":"plain_text","text":"No"},"blocks":[
        {"type":"actions","block_id":"a","elements":[
          {"type":"button","action_id":"x","text":{"type":"plain_text","text":"1"}},
          {"type":"button","action_id":"x","text":{"type":"mrkdwn","text":"2"}}]},
        {"type":"section","block_id":"a","text":{"type":"mrkdwn","text":""}}]})"));
    EXPECT_EQ(limits.problems,
              (std::vector<std::string>{"modal title longer than 24", "action_id x is not unique",
                                        "button text is mrkdwn, not plain_text",
                                        "block_id a is not unique", "section text is empty"}));
}

}  // namespace
