#include "handlers/office_repeats.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace handlers::office {
namespace {

constexpr std::array<std::string_view, 58> kSmallWords = {
    "a",       "an",   "the",  "is",     "are",   "was",    "were", "be",    "been",   "on",
    "in",      "at",   "of",   "to",     "for",   "and",    "or",   "it",    "its",    "again",
    "my",      "our",  "we",   "i",      "me",    "please", "pls",  "there", "theres", "this",
    "that",    "with", "from", "near",   "by",    "has",    "have", "not",   "still",  "some",
    "someone", "just", "very", "really", "can",   "could",  "any",  "all",   "too",    "do",
    "does",    "did",  "dont", "doesnt", "didnt", "isnt",   "wont", "cant"};

bool small(std::string_view w) {
    return std::find(kSmallWords.begin(), kSmallWords.end(), w) != kSmallWords.end();
}

// Where, not what: "2nd", "3F", "floor", "room". Two reports from the same
// floor are not the same problem.
bool place(std::string_view w) {
    static constexpr std::array<std::string_view, 9> kPlaces = {
        "floor", "floors", "room", "rooms", "level", "building", "office", "area", "side"};
    return w.find_first_of("0123456789") != std::string_view::npos ||
           std::find(kPlaces.begin(), kPlaces.end(), w) != kPlaces.end();
}

}  // namespace

std::vector<std::string> significant_words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.size() >= 2 && !small(word) &&
            std::find(out.begin(), out.end(), word) == out.end())
            out.push_back(word);
        word.clear();
    };
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'') continue;  // "can't" is "cant"
        if (std::isalnum(u) || u >= 0x80)
            word += static_cast<char>(std::tolower(u));
        else
            flush();
    }
    flush();
    return out;
}

std::optional<storage::office::Ticket> repeat_of(SQLite::Database& reads, const std::string& site,
                                                 std::string_view report) {
    const auto words = significant_words(report);
    // A repeat shares two words that name a thing: none does, no ranking.
    std::string things;
    for (const auto& w : words)
        if (!place(w)) things += w + ' ';
    if (!storage::office::may_repeat(reads, site, things)) return std::nullopt;
    for (const auto& ticket : storage::office::resembling(reads, site, words, 3)) {
        const auto theirs = significant_words(ticket.description);
        long shared = 0, shared_things = 0;
        for (const auto& w : words) {
            if (!storage::office::has_word(reads, ticket.id, w)) continue;
            ++shared;
            if (!place(w)) ++shared_things;
        }
        const auto shorter = static_cast<long>(std::min(words.size(), theirs.size()));
        if (shared_things >= 2 && 2 * shared >= shorter) return ticket;
    }
    return std::nullopt;
}

}  // namespace handlers::office
