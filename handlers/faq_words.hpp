#pragma once
// How the FAQ search reads a question: its words as FTS5 splits them, its
// clauses, the kind of answer it asks for, and the FAQ's own words found
// again from a misspelling.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace handlers::faq {

// Lower-case words of letters and digits, split as FTS5's unicode61 splits
// them ("who's" and "who’s" are "who" and "s"): punctuation, symbols and
// emoji are no words, nor is an emoji as Slack writes it (":coffee:"), nor
// a mention, a channel or a link in Slack's markup ("<@U024BE7LH>").
std::vector<std::string> words_of(std::string_view text);
// Where each of those words begins and ends in `text`, in bytes.
std::vector<std::pair<std::size_t, std::size_t>> word_spans(std::string_view text);

// `tags` (words, space-separated) with the `words` it lacks added, in
// order, each once.
std::string with_tags(std::string_view tags, const std::vector<std::string>& words);

// The clauses of a question, split where its punctuation splits them
// ("woke up with a fever, who do I tell?" is two): a question is often
// written with its context around it.
std::vector<std::string> clauses_of(std::string_view text);

// What kind of answer a question asks for, from its first question word:
// "where is the printer" wants a place, as "Where are the printers?" gives,
// not what to do when it jams.
enum class Intent { none, where, when, who, how_much, how, can, is_there, what };
Intent intent_of(const std::vector<std::string>& words);

// The words the FAQ uses, found again from a misspelling: every word is
// filed under itself and what remains of it with one letter deleted (two
// for words of seven letters or more). Two words within one edit (a
// letter added, dropped, changed, or two swapped) share such a key, within
// two edits one of two deletions each; so the candidates of a misspelling
// are the words filed under its own keys, and only they are measured.
class Vocabulary {
public:
    void add(std::string word) { sorted_.push_back(std::move(word)); }
    // After the last add(). Each word is filed once under each of its keys,
    // in alphabetical order: every key's list comes out sorted.
    void file();
    // The nearest word within `most` edits, the first in alphabetical order
    // of the nearest; empty when there is none.
    std::string nearest(const std::string& w, int most) const;

private:
    std::vector<std::string> sorted_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> near_;
};

}  // namespace handlers::faq
