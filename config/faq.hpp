#pragma once
// The FAQ's search: words that mean the same (applied to a question before
// it is looked up), words too common to say anything, and how sure the bot
// must be before it answers rather than saying it does not know yet.

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace config {

struct Faq {
    // Each group: words or phrases, lower case, that mean the same ("pto",
    // "vacation", "time off", ...).
    std::vector<std::vector<std::string>> synonyms;
    std::vector<std::string> stop_words;  // lower case
    // Words that place a question somewhere other than the office ("home":
    // "how do i fix the printer at home"): said by the question and not by
    // an entry, they count against it as fully as a word the FAQ never uses.
    std::vector<std::string> elsewhere_words;  // lower case
    // The share of a question's words its best entry must cover, 0 to 1.
    double min_confidence = 0.5;
    // Loaded into an empty FAQ at start-up; relative to the configuration
    // file. Empty: none.
    std::string seed_file;

    // Questions as people ask them, each with the key of the entry that
    // answers it, or none for a question the FAQ must not answer ("what is
    // the capital of Peru"): what the classifier learns from beside the
    // entries and the questions learnt from use (handlers/faq_classifier.hpp).
    struct Example {
        std::string question;
        std::string entry;  // the entry's key; empty: not the FAQ's to answer
    };
    std::vector<Example> examples;
    // Read into `examples` when the configuration is loaded; relative to the
    // configuration file. Empty: none.
    std::string examples_file;
    // Whether the classifier gives its second opinion (it needs examples of
    // both kinds to have one).
    bool classifier = true;
};

class Reader;

void read_faq(Reader& r, const nlohmann::json& j, Faq& faq);
// The synonyms, stop words and elsewhere words an office FAQ needs, when the
// file gives none.
void fill_defaults(Faq& faq);
void check_faq(const Faq& faq, std::vector<std::string>& problems);
// Reads `faq.examples_file` (a JSON document {"examples": [{"q": "...",
// "entry": "wifi"}, {"q": "...", "entry": null}]}) into `faq.examples`;
// what is wrong with it goes to `problems`, named by its place.
void read_examples(Faq& faq, std::vector<std::string>& problems);

}  // namespace config
