#include "handlers/faq_search.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/text.hpp"
#include "handlers/faq_classifier.hpp"
#include "handlers/faq_index.hpp"
#include "handlers/faq_learnt.hpp"
#include "handlers/faq_words.hpp"

namespace handlers::faq {
namespace {

using namespace detail;
namespace store = storage::faq;

// How much a question's words that an entry does not cover count against it,
// against its covered words' full weight (tuned on tests/faq).
constexpr double kMissing = 0.5;
// How much answering the kind of question asked (where, when, how much...)
// weighs in the order of the candidates: enough to break a near tie, never
// their confidence (tuned on tests/faq).
constexpr double kIntentBonus = 0.03;

// An FTS5 query for a word or phrase: its words, each quoted, all of them
// anywhere in the entry ("who is out" finds "Who's out of the office?"), as
// coverage counts them.
std::string fts_terms(const std::string& text) {
    std::string out;
    for (const auto& w : words_of(text)) out += (out.empty() ? "\"" : " AND \"") + w + "\"";
    return "(" + out + ")";
}

// A candidate answer to one text: its entry, the share of the text it
// covers (the confidence), its BM25 rank and the order it is offered in.
struct Scored {
    std::size_t entry;
    double coverage;
    double rank;
    double order;
};

// The candidates for a text of `words`, read as `read`, best first.
std::vector<Scored> rank(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                         const std::string& site, const std::vector<std::string>& words,
                         const Read& read) {
    const auto& entries = index.entries;
    const auto& concepts = read.concepts;
    const int unknown = read.unknown;
    if (concepts.empty()) return {};
    const auto& needs = read.needs;
    const auto where = [&](std::size_t c, std::uint32_t entry) {
        int best = 0;
        for (const auto& stems : needs[c]) {
            if (stems.empty()) continue;
            if (says_all(index.in_title, stems, entry)) return 2;
            if (says_all(index.in_answer, stems, entry)) best = 1;
        }
        return best;
    };
    const double n = static_cast<double>(entries.size());
    // A word the FAQ never uses is the surest sign of a question it cannot
    // answer ("netflix", "peru"): it counts in full.
    const double rarest = std::log(1 + n);  // the weight of a word no entry says
    const double strange = unknown * rarest;
    const auto& weight = read.weight;
    const double total = read.total;

    std::string match;
    for (const auto& c : concepts)
        for (const auto& alt : c.alternatives)
            match += (match.empty() ? "" : " OR ") + fts_terms(alt);
    const auto hits = store::search(reads, site, match, 8);

    std::vector<bool> elsewhere_concept(concepts.size());
    for (std::size_t c = 0; c < concepts.size(); ++c)
        elsewhere_concept[c] = concepts[c].alternatives.size() == 1 &&
                               is_elsewhere(faq, concepts[c].alternatives.front());

    // Among entries that cover a question alike, the one that answers the
    // kind of question asked comes first.
    const Intent asked = intent_of(words);
    std::vector<Scored> scored;
    for (const auto& hit : hits) {
        const auto it = index.by_id.find(hit.id);
        if (it == index.by_id.end()) continue;
        const std::size_t i = it->second;
        double covered = 0;
        double elsewhere = 0;  // the weight of the elsewhere words it does not say
        for (std::size_t c = 0; c < concepts.size(); ++c) {
            const int said = where(c, static_cast<std::uint32_t>(i));
            covered += weight[c] * said / 2.0;
            if (said == 0 && elsewhere_concept[c]) elsewhere += rarest;
        }
        // What the entry does not cover counts against it at half weight, an
        // elsewhere word in full.
        const double missing = total - covered;
        const double coverage =
            covered > 0 ? covered / (covered + kMissing * missing + strange + elsewhere) : 0;
        const bool same_kind = asked != Intent::none && index.kinds[i] == asked;
        scored.push_back({i, coverage, hit.rank, coverage + (same_kind ? kIntentBonus : 0)});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.order != b.order ? a.order > b.order : a.rank < b.rank;
    });
    return scored;
}

// The candidates for `text`, read here (a clause of the question).
std::vector<Scored> rank(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                         const std::string& site, std::string_view text) {
    const auto words = words_of(text);
    return rank(index, faq, reads, site, words, read_concepts(index, faq, reads, words, nullptr));
}

// A question is often written with its context around it ("woke up with
// a fever, who do I tell?"): the words of the context weigh against the
// best entry as much as those of the question proper. So the best entry's
// confidence is also measured on each clause that says two things or more,
// and is the mean of the whole's and the best clause's when that is higher.
// Each clause is asked with the whole question's unknown and elsewhere
// words, so that "my home router ..., how do I reset it?" stays as far from
// the password entry as the whole question is.
double confidence_by_clause(const Index& index, const config::Faq& faq, SQLite::Database& reads,
                            const std::string& site, std::string_view question, const Scored& top,
                            std::vector<std::string> telling) {
    const double whole = top.coverage;
    double best = whole;
    const auto clauses = clauses_of(question);
    if (clauses.size() < 2) return best;
    for (const auto& w : words_of(question))
        if (is_elsewhere(faq, w)) telling.push_back(w);
    for (const auto& clause : clauses) {
        const auto own = words_of(clause);
        const auto said = std::count_if(own.begin(), own.end(),
                                        [&](const std::string& w) { return !is_stop(faq, w); });
        if (said < 2) continue;
        std::string asked = clause;
        for (const auto& w : telling)
            if (std::find(own.begin(), own.end(), w) == own.end()) asked += " " + w;
        for (const auto& s : rank(index, faq, reads, site, asked))
            if (s.entry == top.entry) best = std::max(best, (whole + s.coverage) / 2);
    }
    return best;
}

// The same question asked another way before, and answered
// (handlers/faq_learnt.hpp), gets what it got, its entry or none, when it
// is nearer than the search is sure of its own best: "how do I reset my
// password" is not kept from its entry by "how do I reset the printer's
// password", which a site lead answered in words. The search's own best
// stays among the related, for the site lead.
void with_learnt(const Index& index, const config::Faq& faq, const std::vector<config::Site>& sites,
                 SQLite::Database& reads, const std::string& site, const Read& question,
                 Found& found) {
    const auto near = nearest_learnt(faq, sites, reads, index, site, question);
    if (!near || near->nearness <= found.confidence) return;
    std::optional<store::Entry> learnt;
    if (near->entry_id > 0) {
        const auto it = index.by_id.find(near->entry_id);
        if (it == index.by_id.end()) return;  // removed since
        const auto& e = index.entries[it->second];
        if (!e.site.empty() && e.site != site) return;  // another site's
        learnt = e;
        found.confidence = near->nearness;
    }
    if (found.best && learnt && found.best->id == learnt->id) return;
    auto& related = found.related;
    if (found.best) related.insert(related.begin(), *found.best);
    if (learnt) std::erase_if(related, [&](const store::Entry& e) { return e.id == learnt->id; });
    if (related.size() > 3) related.resize(3);
    found.best = std::move(learnt);
}

// The classifier's second opinion (faq_classifier.hpp). Sure enough that
// no entry answers the question, it vetoes the search's answer, which stays
// first among the related for the site lead. Agreeing with the search's best
// candidate below the search's minimum, it answers with it; surer still, with
// its own entry of the asker's site, over the search's or where the search
// has none.
void second_opinion(const Index& index, const Classifier* classifier, const std::string& site,
                    std::string_view question, Found& found) {
    if (!classifier) return;
    const Opinion says = classifier->opinion(question);
    auto& related = found.related;
    if (says.entry_id == 0) {
        if (!found.best || says.likelihood < kVeto) return;
        related.insert(related.begin(), *std::exchange(found.best, std::nullopt));
        if (related.size() > 3) related.resize(3);
        return;
    }
    const auto it = index.by_id.find(says.entry_id);
    if (it == index.by_id.end()) return;  // removed since it was trained
    const store::Entry& its = index.entries[it->second];
    if (!its.site.empty() && its.site != site) return;
    const bool answers =
        found.best ? found.best->id != its.id && says.likelihood >= kOverrule
                   : says.likelihood >= kAnswer ||
                         (says.likelihood >= kAgree && found.confidence >= kAgreedCoverage &&
                          !related.empty() && related.front().id == its.id);
    if (!answers) return;
    if (found.best) related.insert(related.begin(), *found.best);
    std::erase_if(related, [&](const store::Entry& e) { return e.id == its.id; });
    if (related.size() > 3) related.resize(3);
    found.best = its;
}

}  // namespace

Found find(const config::Faq& faq, const std::vector<config::Site>& sites, SQLite::Database& reads,
           const std::string& site, std::string_view question) {
    const auto index = index_of(faq, reads);
    const auto& entries = index->entries;
    const auto words = words_of(question);
    std::vector<std::string> unknown;
    const Read read = read_concepts(*index, faq, reads, words, &unknown);
    auto scored = rank(*index, faq, reads, site, words, read);
    Found found;
    if (!scored.empty()) {
        scored.front().coverage = confidence_by_clause(*index, faq, reads, site, question,
                                                       scored.front(), std::move(unknown));
        found.confidence = scored.front().coverage;
        if (found.confidence >= faq.min_confidence) found.best = entries[scored.front().entry];
        // Related: the next candidates that cover at least half of what an
        // answer must, not whatever else shares a word.
        for (std::size_t i = found.best ? 1 : 0; i < scored.size() && found.related.size() < 3; ++i)
            if (scored[i].coverage >= faq.min_confidence / 2)
                found.related.push_back(entries[scored[i].entry]);
    }
    with_learnt(*index, faq, sites, reads, site, read, found);
    second_opinion(*index, classifier_of(faq, reads, *index, /*wait=*/false).get(), site, question,
                   found);
    return found;
}

Asked asked_about(const std::vector<config::Site>& sites, const config::Site& own,
                  std::string_view question) {
    // The question's words (as words_of reads them), each with its place.
    struct Word {
        std::string text;
        std::size_t begin, end;
    };
    std::vector<Word> words;
    for (const auto& [begin, end] : word_spans(question))
        words.push_back({core::lower(question.substr(begin, end - begin)), begin, end});
    // The places where site `s` is named, by its id or its whole name.
    const auto places = [&](const config::Site& s) {
        std::vector<std::pair<std::size_t, std::size_t>> out;
        for (const auto& label : {s.id, s.name}) {
            const auto name = words_of(label);
            if (name.empty()) continue;
            for (auto at = words.begin(); at != words.end(); ++at) {
                at = std::search(at, words.end(), name.begin(), name.end(),
                                 [](const Word& w, const std::string& n) { return w.text == n; });
                if (at == words.end()) break;
                out.emplace_back(at->begin, (at + name.size() - 1)->end);
            }
        }
        // By place, the longer of two at the same place first.
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second > b.second;
        });
        return out;
    };
    const config::Site* site = nullptr;
    std::vector<std::pair<std::size_t, std::size_t>> named;
    for (const auto& s : sites) {
        if (s.id == own.id) continue;
        auto at = places(s);
        if (at.empty()) continue;
        if (site) {  // two others: neither
            site = nullptr;
            break;
        }
        site = &s;
        named = std::move(at);
    }
    if (!site) {
        site = &own;
        named = places(own);
    }
    std::string text;
    std::size_t from = 0;
    for (const auto& [begin, end] : named) {
        if (begin < from) continue;  // inside a longer label's place
        text.append(question.substr(from, begin - from));
        from = end;
    }
    text.append(question.substr(from));
    return {site, std::move(text)};
}

}  // namespace handlers::faq
