// /faq stats: what the FAQ learned from use at the caller's sites. The most
// asked entries, the least helpful ones, and the questions still waiting for
// an answer, alike ones together, most asked first.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "handlers/faq.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "storage/stems.hpp"

namespace handlers::faq {
namespace {

namespace store = storage::faq;

// Two questions are alike when half their words (stems, small words left
// out) are the same.
constexpr double kAlike = 0.5;

struct Group {
    std::set<std::string> words;  // of its first question
    std::vector<store::Question> questions;
};

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::size_t common = 0;
    for (const auto& w : a) common += b.count(w);
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// The unanswered questions, alike ones in one group, the largest first.
std::vector<Group> group_alike(const Context& ctx, SQLite::Database& reads,
                               const std::vector<store::Question>& questions) {
    std::string small;
    for (const auto& w : ctx.cfg.faq.stop_words) small += w + ' ';
    const auto small_stems = storage::stems(reads, small);
    const std::set<std::string> skip(small_stems.begin(), small_stems.end());
    std::vector<Group> groups;
    for (const auto& q : questions) {
        std::set<std::string> words;
        for (auto& s : storage::stems(reads, q.text))
            if (!skip.contains(s)) words.insert(std::move(s));
        const auto alike = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
            return overlap(g.words, words) >= kAlike;
        });
        if (alike != groups.end())
            alike->questions.push_back(q);
        else
            groups.push_back(Group{std::move(words), {q}});
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        return a.questions.size() > b.questions.size();
    });
    return groups;
}

}  // namespace

Waiting waiting(const Context& ctx, SQLite::Database& reads, const std::vector<std::string>& sites,
                std::size_t limit) {
    std::vector<store::Question> questions;
    for (const auto& id : sites)
        for (auto& q : store::unanswered(reads, id)) questions.push_back(std::move(q));
    const auto groups = group_alike(ctx, reads, questions);
    Waiting out;
    out.groups = groups.size();
    out.questions = questions.size();
    if (!groups.empty()) out.first_id = groups.front().questions.front().id;
    for (std::size_t i = 0; i < groups.size() && i < limit; ++i) {
        const auto& g = groups[i];
        std::string refs;
        for (const auto& q : g.questions)
            refs += fmt::format("{}Q-{}", refs.empty() ? "" : ", ", q.id);
        out.lines += fmt::format("• {}× \"{}\" ({})\n", g.questions.size(),
                                 core::plain(g.questions.front().text), refs);
    }
    return out;
}

namespace curate {
namespace {

constexpr int kDays = 30;
constexpr int kListed = 5;
// The sites the caller curates: every site for an admin, else those they lead.
std::vector<const config::Site*> curated_sites(const Context& ctx) {
    std::vector<const config::Site*> out;
    for (const auto& site : ctx.cfg.sites)
        if (ctx.caller->has_role(config::Role::admin) || ctx.cfg.leads(*ctx.caller, site))
            out.push_back(&site);
    return out;
}

std::string names(const std::vector<const config::Site*>& sites) {
    std::string out;
    for (std::size_t i = 0; i < sites.size(); ++i)
        out += (i == 0 ? "" : i + 1 == sites.size() ? " and " : ", ") + sites[i]->name;
    return out;
}

std::string feedback_text(const store::EntryUse& u) {
    if (u.helpful + u.not_helpful == 0) return {};
    return fmt::format(" ({} helpful, {} not)", u.helpful, u.not_helpful);
}

}  // namespace

Plan stats(const Context& ctx, SQLite::Database& reads) {
    check_may(ctx);
    const auto sites = curated_sites(ctx);
    if (sites.empty())
        throw Refusal("You lead no site, so there are no FAQ figures of yours to show.");
    std::vector<std::string> ids;
    for (const auto* site : sites) ids.push_back(site->id);
    const auto since = ctx.now - std::chrono::days(kDays);
    const store::Usage use = store::usage(reads, ids, core::unix_ms(since), kListed);

    std::string text = fmt::format("*The FAQ at {}, last {} days*\n", names(sites), kDays);
    if (use.asked == 0)
        text += "No questions asked.\n";
    else
        text += fmt::format(
            "{} questions: {} answered ({}%), {} sent to a site lead. Feedback: {} helpful, {} not "
            "helpful.\n",
            use.asked, use.answered, (use.answered * 200 + use.asked) / (2 * use.asked),
            use.asked - use.answered, use.helpful, use.not_helpful);
    if (!use.most_asked.empty()) {
        text += "*Most asked*\n";
        for (const auto& u : use.most_asked)
            text += fmt::format("• FAQ-{} {}: {} {}{}\n", u.entry_id, u.question, u.asked,
                                u.asked == 1 ? "time" : "times", feedback_text(u));
    }
    if (!use.least_helpful.empty()) {
        text += "*Least helpful*\n";
        for (const auto& u : use.least_helpful)
            text += fmt::format("• FAQ-{} {}: {} of {} said it did not help\n", u.entry_id,
                                u.question, u.not_helpful, u.helpful + u.not_helpful);
    }
    const Waiting questions = waiting(ctx, reads, ids, kListed);
    if (questions.groups > 0) {
        text += "*Waiting for an answer, most asked first*\n" + questions.lines;
        text += fmt::format(
            "Answer with `/faq answer Q-{0} <answer> [--add]`, or `/faq answer Q-{0} FAQ-3` when "
            "an entry answers it.",
            questions.first_id);
    }
    return Plan::answer(std::move(text));
}

}  // namespace curate
}  // namespace handlers::faq
