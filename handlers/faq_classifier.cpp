#include "handlers/faq_classifier.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <fasttext/fasttext.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "core/text.hpp"
#include "handlers/faq_search.hpp"
#include "storage/faq_stats.hpp"

namespace handlers::faq {

namespace {

// fastText reads words between spaces: a text becomes its words in lower
// case, punctuation aside (an apostrophe stays inside a word: "what's").
std::string words_for_fasttext(std::string_view text) {
    std::string out;
    for (const auto& w : core::lower_words(text)) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

std::string label(std::int64_t entry_id) {
    return "__label__" + std::to_string(entry_id);
}

// A file of its own in the temporary directory, removed when done with.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const char* suffix) {
        static std::atomic<int> n{0};
        path = std::filesystem::temp_directory_path() /
               ("sitelead-faq-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + suffix);
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

// Set at exit: a training under way stops, and none starts.
std::atomic<bool> stopping{false};

}  // namespace

Classifier::Classifier(std::unique_ptr<fasttext::FastText> model) : model_(std::move(model)) {}
Classifier::~Classifier() = default;

std::shared_ptr<const Classifier> Classifier::train(const std::vector<Example>& examples) {
    std::set<std::int64_t> entries;
    std::size_t not_ours = 0;
    for (const auto& x : examples) {
        if (x.entry_id == 0)
            ++not_ours;
        else
            entries.insert(x.entry_id);
    }
    if (not_ours < kMinNotOurs || entries.size() < 2 || stopping) return nullptr;

    TempFile input(".txt"), model(".bin");
    {
        std::ofstream out(input.path);
        for (const auto& x : examples) {
            const auto words = words_for_fasttext(x.question);
            if (!words.empty()) out << label(x.entry_id) << ' ' << words << '\n';
        }
        if (!out) throw std::runtime_error("cannot write the FAQ classifier's examples");
    }
    // What `fasttext supervised` does, with the settings measured in
    // tests/faq/README.md: word pairs and pieces of three to five letters
    // (typos, plurals), small vectors, one thread and a fixed seed, so that
    // the same examples always train the same classifier.
    fasttext::Args args;
    args.input = input.path.string();
    args.model = fasttext::model_name::sup;
    // A softmax over every entry is the more accurate, but its cost grows
    // with the entries; past a thousand, a tree of them.
    args.loss = entries.size() <= 1000 ? fasttext::loss_name::softmax : fasttext::loss_name::hs;
    args.dim = 20;
    args.epoch = 50;
    args.lr = 0.5;
    args.wordNgrams = 2;
    args.minn = 3;
    args.maxn = 5;
    args.bucket = 50000;
    args.minCount = 1;
    args.thread = 1;
    args.seed = 1;
    args.verbose = 0;
    {
        fasttext::FastText trainer;
        try {
            // fastText calls back as it trains (not while it reads the
            // examples, when its own abort() would be lost).
            trainer.train(args, [](float, float, double, double, std::int64_t) {
                if (stopping) throw fasttext::FastText::AbortError();
            });
        } catch (const fasttext::FastText::AbortError&) {
            return nullptr;  // stopped at exit
        }
        trainer.saveModel(model.path.string());
    }
    // Loaded again: the trainer's dictionary keeps a table sized for 30
    // million words (120 MB); a loaded one is sized for the words it has.
    auto loaded = std::make_unique<fasttext::FastText>();
    loaded->loadModel(model.path.string());
    return std::make_shared<const Classifier>(std::move(loaded));
}

Opinion Classifier::opinion(std::string_view question) const {
    std::istringstream in(words_for_fasttext(question) + "\n");
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    model_->predictLine(in, predictions, 1, 0.0);
    if (predictions.empty()) return {};
    const std::string& l = predictions.front().second;
    return {std::stoll(l.substr(l.find_last_of('_') + 1)), predictions.front().first};
}

namespace {

// What the classifier of `index` learns from: each entry's question and
// tags (three times each, to weigh as much as the questions asked of it),
// the examples of entries it has, and the questions learnt from use.
std::vector<Classifier::Example> examples_of(const config::Faq& faq, SQLite::Database& reads,
                                             const detail::Index& index) {
    std::vector<Classifier::Example> out;
    for (const auto& e : index.entries) {
        for (int i = 0; i < 3; ++i) {
            out.push_back({e.question, e.id});
            if (!e.tags.empty()) out.push_back({e.tags, e.id});
        }
    }
    for (const auto& x : faq.examples)
        if (const auto entry = index.entry_of(x)) out.push_back({x.question, *entry});
    for (const auto& l : storage::faq::learnt(reads))
        if (l.entry_id == 0 || index.by_id.count(l.entry_id)) out.push_back({l.text, l.entry_id});
    return out;
}

// One background thread trains classifiers, one at a time, in the order
// asked; at exit it stops the one under way and is joined.
class Trainer {
public:
    // The logger its jobs write to outlives it.
    Trainer() { spdlog::default_logger_raw(); }
    void post(std::function<void()> job) {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
        wake_.notify_one();
    }
    // At exit: the training under way stops, the rest are dropped.
    ~Trainer() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            jobs_.clear();
        }
        stopping = true;
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            auto job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            lock.lock();
        }
    }
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

// A database file's classifier, shared with the job that trains its next.
struct Slot {
    std::mutex mutex;
    std::int64_t version = -1, learnt = -1;  // what `trained` was trained on
    const void* examples = nullptr;
    std::shared_ptr<const Classifier> trained;
    bool training = false;
};

std::atomic<std::int64_t> trainings{0};
std::atomic<double> last_training_seconds{0};

std::shared_ptr<const Classifier> trained_now(std::vector<Classifier::Example> examples) {
    const auto start = std::chrono::steady_clock::now();
    auto trained = Classifier::train(examples);
    if (trained) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        last_training_seconds = took.count();
        ++trainings;
        spdlog::info("faq: classifier trained on {} questions in {:.0f} ms", examples.size(),
                     took.count() * 1000);
    }
    return trained;
}

}  // namespace

std::shared_ptr<const Classifier> classifier_of(const config::Faq& faq, SQLite::Database& reads,
                                                const detail::Index& index, bool wait) {
    if (!faq.classifier) return nullptr;
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<Slot>> slots;
    static Trainer trainer;  // after the slots: it stops before they go
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard lock(mutex);
        const std::string file = sqlite3_db_filename(reads.getHandle(), "main");
        auto& s = slots[file];
        if (!s) {
            s = std::make_shared<Slot>();
            // Forget the classifiers of databases since removed (a test's).
            std::erase_if(slots, [&](const auto& f) {
                std::error_code ignored;
                return f.first != file && !std::filesystem::exists(f.first, ignored);
            });
        }
        slot = s;
    }
    const std::int64_t learnt = storage::faq::learnt_version(reads);
    std::unique_lock lock(slot->mutex);
    // One trained on other examples (another configuration's) says nothing
    // of these; one trained on an older FAQ serves until the next is done.
    const bool ours = slot->examples == &faq.examples;
    const bool current = ours && slot->version == index.version && slot->learnt == learnt;
    if (current || (!wait && slot->training)) return ours ? slot->trained : nullptr;
    if (!wait) {
        slot->training = true;  // this one trains it: the others ask the one before
        if (!ours) slot->trained = nullptr;
    }
    const auto before = slot->trained;
    lock.unlock();  // the examples are read without keeping other questions waiting
    std::vector<Classifier::Example> examples;
    try {
        examples = examples_of(faq, reads, index);
    } catch (...) {
        lock.lock();
        slot->training = false;
        throw;
    }
    if (wait) {
        auto trained = trained_now(std::move(examples));
        lock.lock();
        slot->version = index.version;
        slot->learnt = learnt;
        slot->examples = &faq.examples;
        slot->trained = trained;
        return trained;
    }
    trainer.post([slot, examples = std::move(examples), version = index.version, learnt,
                  of = &faq.examples]() mutable {
        std::shared_ptr<const Classifier> trained;
        try {
            trained = trained_now(std::move(examples));
        } catch (const std::exception& e) {
            spdlog::error("faq: the classifier could not be trained: {}", e.what());
        }
        std::lock_guard done(slot->mutex);
        slot->training = false;
        if (slot->examples == of &&
            (slot->version > version || (slot->version == version && slot->learnt >= learnt)))
            return;  // one trained since, waited for
        slot->version = version;
        slot->learnt = learnt;
        slot->examples = of;
        if (trained) slot->trained = std::move(trained);
    });
    return before;
}

Trainings classifier_trainings() {
    return {trainings.load(), last_training_seconds.load()};
}

}  // namespace handlers::faq
