#pragma once
// The FAQ's second opinion: a fastText classifier (Debian's libfasttext)
// trained on the entries' questions and tags, the configured examples and
// the questions learnt from use, each labelled with the entry that answers
// it, or with none for a question the FAQ must not answer. The search
// (faq_search.hpp) counts which of a question's words an entry says; the
// classifier has learnt which words, word pairs and pieces of words go with
// which entry and which with no entry at all ("netflix password", "my
// sister's laptop"). So it vetoes an answer to a question it is sure is not
// the FAQ's, and an entry it agrees on is answered below the search's own
// minimum. Measured in tests/faq/README.md.
//
// Training takes a second or two for an office's FAQ; it runs at start-up
// (warm) and, when the entries or what the FAQ has learnt change, on a
// background thread, never on a request's: until it is done the search
// asks the classifier it had.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "config/faq.hpp"
#include "handlers/faq_index.hpp"

namespace fasttext {
class FastText;
}

namespace handlers::faq {

// Chosen on the development sets, each left out of the examples in turn
// (tests/faq/README.md). The classifier vetoes an answer when it gives no
// entry at least kVeto. It answers with the search's best candidate below
// the search's minimum when it agrees at least kAgree and the candidate
// covers at least kAgreedCoverage of the question. And when it is surer
// still, its own entry: over the search's at kOverrule, where the search
// has none at kAnswer.
constexpr double kVeto = 0.3;
constexpr double kAgree = 0.3;
constexpr double kAgreedCoverage = 0.3;
constexpr double kOverrule = 0.8;
constexpr double kAnswer = 0.9;
// It has an opinion only when it has learnt from this many questions the
// FAQ must not answer (and from two entries at least): without them it
// cannot tell a question no entry answers.
constexpr std::size_t kMinNotOurs = 10;

// What the classifier says of a question: the entry it most likely asks
// about (0: none), and how likely.
struct Opinion {
    std::int64_t entry_id = 0;
    double likelihood = 0;
};

class Classifier {
public:
    struct Example {
        std::string question;
        std::int64_t entry_id = 0;  // 0: not the FAQ's to answer
    };
    // Trained on `examples`: none when they lack either kind.
    static std::shared_ptr<const Classifier> train(const std::vector<Example>& examples);
    Opinion opinion(std::string_view question) const;

    explicit Classifier(std::unique_ptr<fasttext::FastText> model);
    ~Classifier();

private:
    std::unique_ptr<fasttext::FastText> model_;
};

// The classifier of the FAQ in `reads` with what it has learnt, for `faq`'s
// examples. Kept per database file; when the entries or the questions
// learnt have changed since it was trained, `wait` trains a new one now,
// else one is trained on a background thread and the one before (or none)
// is given meanwhile. None when `faq.classifier` is off or the examples
// lack a kind.
std::shared_ptr<const Classifier> classifier_of(const config::Faq& faq, SQLite::Database& reads,
                                                const detail::Index& index, bool wait);

}  // namespace handlers::faq
