#include "handlers/faq_learnt.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "handlers/faq_index.hpp"
#include "handlers/faq_search.hpp"
#include "storage/faq_stats.hpp"
#include "storage/faq_store.hpp"
#include "storage/stems.hpp"

namespace handlers::faq {

using namespace detail;

namespace {

// The learnt questions read as the search reads a question, and, by
// concept, the questions that say it.
struct Learnt {
    struct Question {
        std::int64_t entry_id;
        double weight;     // of all its concepts
        std::string site;  // whose entries it asked about; empty: an example, for every site
    };
    std::vector<Question> questions;
    std::unordered_map<std::string, std::vector<std::size_t>> saying;
};

// What the search reads of a text, kept by text while the FAQ's entries
// (which weigh and correct its words) stay the same.
using ReadTexts = std::unordered_map<std::string, std::vector<Weighted>>;

// A learnt question as it was searched: about the site it names, if
// another than its asker's, without the words that name it.
Asked as_searched(const std::vector<config::Site>& sites, const storage::faq::Learnt& l) {
    const auto own = std::find_if(sites.begin(), sites.end(),
                                  [&](const config::Site& s) { return s.id == l.site; });
    if (own == sites.end()) return {nullptr, l.text};  // a site since removed
    return asked_about(sites, *own, l.text);
}

std::shared_ptr<const Learnt> read(const config::Faq& faq, const std::vector<config::Site>& sites,
                                   SQLite::Database& reads, const Index& index, ReadTexts& texts) {
    auto out = std::make_shared<Learnt>();
    const auto learn = [&](const std::string& question, std::int64_t entry_id, std::string site) {
        auto [it, added] = texts.try_emplace(question);
        if (added) it->second = concepts_of(index, faq, reads, question);
        const auto& concepts = it->second;
        if (concepts.empty()) return;
        double weight = 0;
        for (const auto& c : concepts) {
            weight += c.weight;
            out->saying[c.key].push_back(out->questions.size());
        }
        out->questions.push_back({entry_id, weight, std::move(site)});
    };
    for (const auto& l : storage::faq::learnt(reads)) {
        const Asked asked = as_searched(sites, l);
        learn(asked.question, l.entry_id, asked.site ? asked.site->id : l.site);
    }
    for (const auto& x : faq.examples)
        if (const auto entry = index.entry_of(x)) learn(x.question, *entry, "");
    return out;
}

// Kept per database file until the FAQ's entries or what it has learnt
// change; a question learnt before is not read again unless the entries
// changed.
std::shared_ptr<const Learnt> learnt_of(const config::Faq& faq,
                                        const std::vector<config::Site>& sites,
                                        SQLite::Database& reads, const Index& index,
                                        std::int64_t learnt_version) {
    struct Cached {
        std::int64_t version = -1, learnt = -1;
        std::shared_ptr<const Learnt> read;
        std::shared_ptr<ReadTexts> texts = std::make_shared<ReadTexts>();
    };
    static std::mutex mutex;
    static std::map<std::string, Cached> cache;
    const std::string file = sqlite3_db_filename(reads.getHandle(), "main");
    const std::int64_t version = index.version;
    std::shared_ptr<ReadTexts> texts;
    {
        std::lock_guard lock(mutex);
        const auto it = cache.find(file);
        if (it != cache.end() && it->second.version == version) {
            if (it->second.learnt == learnt_version) return it->second.read;
            texts = std::make_shared<ReadTexts>(*it->second.texts);  // its own copy to add to
        }
    }
    if (!texts) texts = std::make_shared<ReadTexts>();
    auto fresh = read(faq, sites, reads, index, *texts);  // outside the lock, as the search's index
    std::lock_guard lock(mutex);
    cache[file] = {version, learnt_version, fresh, texts};
    return fresh;
}

}  // namespace

std::optional<Nearest> nearest_learnt(const config::Faq& faq,
                                      const std::vector<config::Site>& sites,
                                      SQLite::Database& reads, const Index& index,
                                      const std::string& site, const Read& question) {
    const std::int64_t learnt_version = storage::faq::learnt_version(reads);
    if (learnt_version == 0 && faq.examples.empty()) return std::nullopt;  // nothing learnt yet
    const auto learnt = learnt_of(faq, sites, reads, index, learnt_version);
    if (learnt->questions.empty()) return std::nullopt;
    const auto concepts = weighted(index, question);
    double weight = 0;
    std::unordered_map<std::size_t, double> shared;  // by learnt question
    for (const auto& c : concepts) {
        weight += c.weight;
        if (const auto it = learnt->saying.find(c.key); it != learnt->saying.end())
            for (const auto q : it->second) shared[q] += c.weight;
    }
    std::optional<Nearest> best;
    std::size_t best_index = 0;
    for (const auto& [q, both] : shared) {
        const auto& learnt_question = learnt->questions[q];
        if (learnt_question.entry_id == 0 && !learnt_question.site.empty() &&
            learnt_question.site != site)
            continue;
        const double nearness = std::min(both / weight, both / learnt_question.weight);
        // The first learnt of equally near ones, whatever the map's order.
        if (!best || nearness > best->nearness || (nearness == best->nearness && q < best_index)) {
            best = Nearest{learnt_question.entry_id, nearness};
            best_index = q;
        }
    }
    if (!best || best->nearness < kLearntNearness) return std::nullopt;
    return best;
}

void warm_learnt(const config::Faq& faq, const std::vector<config::Site>& sites,
                 SQLite::Database& reads, const Index& index) {
    learnt_of(faq, sites, reads, index, storage::faq::learnt_version(reads));
}

Lesson lesson_for(const config::Faq& faq, SQLite::Database& reads, const storage::faq::Entry& e,
                  std::string_view question) {
    const auto index = index_of(faq, reads);
    const std::string said_text = e.question + " " + e.tags + " " + e.answer;
    const auto said_stems = storage::stems(reads, said_text);
    const std::set<std::string> said(said_stems.begin(), said_stems.end());
    const auto says = [&](const std::string& phrase) {
        const auto stems = stems_by_word(reads, phrase);
        return !stems.empty() && std::all_of(stems.begin(), stems.end(), [&](const auto& stem) {
            return said.count(stem) > 0;
        });
    };
    Vocabulary own;  // the entry's words, for the typos of them
    for (auto& w : words_of(said_text)) own.add(std::move(w));
    own.file();

    const auto words = words_of(question);
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stems_by_word(reads, w).front());
    Lesson out;
    const auto seen = [&](const std::string& w) {
        return std::find(out.words.begin(), out.words.end(), w) != out.words.end() ||
               std::find(out.unused.begin(), out.unused.end(), w) != out.unused.end();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (says_nothing(faq, w) || seen(w) || said.count(stems[i]) > 0) continue;
        // A synonym the entry says another way ("time off" for "vacation").
        if (const auto [group, taken] = index->group_at(stems, i);
            group && std::any_of(group->begin(), group->end(), says)) {
            i += taken - 1;
            continue;
        }
        if (const int most = typo_edits(w); most > 0 && !own.nearest(w, most).empty()) continue;
        if (index->knows(stems[i]))
            out.words.push_back(w);
        else if (!index->says_nothing_either(w, stems[i]))
            out.unused.push_back(w);
    }
    return out;
}

}  // namespace handlers::faq
