#include "config/faq.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "config/reader.hpp"
#include "core/text.hpp"

namespace config {

void read_faq(Reader& r, const nlohmann::json& j, Faq& faq) {
    const std::string p = "faq";
    r.get(j, p, "min_confidence", faq.min_confidence);
    r.get(j, p, "seed_file", faq.seed_file);
    r.get(j, p, "examples_file", faq.examples_file);
    r.get(j, p, "classifier", faq.classifier);
    std::vector<std::string> stop;
    r.get(j, p, "stop_words", stop);
    if (!stop.empty()) {
        faq.stop_words.clear();
        for (const auto& w : stop) faq.stop_words.push_back(core::lower(core::trim(w)));
    }
    std::vector<std::string> elsewhere;
    r.get(j, p, "elsewhere_words", elsewhere);
    if (!elsewhere.empty()) {
        faq.elsewhere_words.clear();
        for (const auto& w : elsewhere) faq.elsewhere_words.push_back(core::lower(core::trim(w)));
    }
    std::vector<std::vector<std::string>> groups;
    r.get(j, p, "synonyms", groups);
    if (!groups.empty()) {
        faq.synonyms.clear();
        for (const auto& g : groups) {
            std::vector<std::string> words;
            for (const auto& w : g) words.push_back(core::lower(core::trim(w)));
            faq.synonyms.push_back(std::move(words));
        }
    }
}

void fill_defaults(Faq& faq) {
    if (faq.synonyms.empty())
        faq.synonyms = {
            {"pto", "vacation", "holiday", "time off", "leave", "annual leave", "days off",
             "day off", "week off"},
            {"bank holiday", "public holiday", "national holiday"},
            {"xmas", "christmas", "christmas eve", "xmas eve"},
            {"closure", "closed", "shutdown", "shut"},
            {"wifi", "wi fi", "wireless", "internet"},
            {"password", "pw", "pwd", "passcode"},
            {"badge", "access card", "pass", "fob", "key card", "keycard"},
            {"lost", "missing", "forgot", "forgotten", "misplaced", "left behind"},
            {"expense", "reimbursement", "reimburse", "reimbursable", "claim", "costs",
             "expense report", "refund"},
            {"limit", "cap", "max", "maximum"},
            {"hotel", "lodging", "accommodation"},
            {"taxi", "uber", "cab"},
            {"remote", "wfh", "work from home", "working from home"},
            {"laptop", "computer", "pc", "macbook", "mac"},
            {"parcel", "package", "delivery", "amazon order"},
            {"mail", "post", "letter"},
            {"address", "street", "located", "location"},
            {"metro", "tube", "subway", "public transport", "train", "bus"},
            {"sick", "ill", "unwell"},
            {"bike", "bicycle", "cycle", "cyclist"},
            {"parking", "park"},
            {"ev", "electric car", "tesla", "charging", "charger point"},
            {"meeting room", "conference room"},
            {"book", "reserve", "booking", "reservation", "reservar"},
            {"salary", "paid", "pay", "payslip", "paycheck", "payday"},
            {"gym", "wellness", "fitness", "yoga"},
            {"pet", "dog", "cat", "puppy"},
            {"temperature", "cold", "hot", "heating", "air conditioning", "ac", "aircon"},
            {"approval", "approve", "sign off", "permission"},
            {"first day", "onboarding", "new hire", "new starter", "new joiner"},
            {"carry over", "roll over", "leftover", "unused", "untaken"},
            {"out of office", "ooo", "whos out", "who is out", "whos off"},
            {"bizops", "biz ops", "business operations"},
            {"dress code", "wear", "clothes", "outfit"},
            {"first aid", "fainted", "injured", "ambulance"},
            {"scan", "scanner", "scanning"},
            {"software", "licence", "license", "install", "installed"},
            {"tea", "coffee"},
            {"submit", "file", "send in", "put in"},
            {"visitor", "guest", "friend", "client", "external"},
        };
    if (faq.stop_words.empty())
        faq.stop_words = {
            "a",          "an",         "the",        "is",         "are",        "was",
            "were",       "be",         "been",       "am",         "i",          "me",
            "my",         "mine",       "we",         "our",        "you",        "your",
            "it",         "its",        "this",       "that",       "these",      "those",
            "there",      "here",       "what",       "whats",      "which",      "who",
            "whom",       "where",      "when",       "why",        "how",        "do",
            "does",       "did",        "can",        "cant",       "could",      "should",
            "would",      "will",       "shall",      "may",        "might",      "must",
            "to",         "of",         "in",         "on",         "at",         "for",
            "from",       "by",         "with",       "about",      "and",        "or",
            "but",        "if",         "so",         "any",        "some",       "get",
            "got",        "have",       "has",        "had",        "please",     "pls",
            "plz",        "thanks",     "thank",      "hi",         "hey",        "hello",
            "anyone",     "someone",    "somebody",   "know",       "tell",       "need",
            "want",       "im",         "ive",        "id",         "much",       "many",
            "they",       "them",       "us",         "not",        "no",         "yes",
            "just",       "also",       "still",      "again",      "really",     "find",
            "out",        "up",         "into",       "then",       "than",       "too",
            "very",       "remember",   "send",       "use",        "using",      "coming",
            "come",       "pick",       "people",     "give",       "gives",      "kept",
            "keep",       "ran",        "near",       "nearest",    "options",    "set",
            "happens",    "happen",     "end",        "take",       "ask",        "see",
            "showing",    "show",       "kind",       "long",       "ago",        "contact",
            "help",       "turn",       "fix",        "fixes",      "around",     "somewhere",
            "yesterday",  "tomorrow",   "tmrw",       "allowed",    "ok",         "okay",
            "does",       "doing",      "way",        "thing",      "things",     "stuff",
            "time",       "times",      "sure",       "per",        "today",      "tonight",
            "now",        "week",       "monday",     "tuesday",    "wednesday",  "thursday",
            "friday",     "saturday",   "sunday",     "he",         "she",        "him",
            "her",        "his",        "hers",       "their",      "theirs",     "ours",
            "yours",      "myself",     "everything", "says",       "anywhere",   "since",
            "actually",   "place",      "takes",      "dont",       "sorry",      "let",
            "look",       "super",      "getting",    "ever",       "nobody",     "little",
            "thru",       "chance",     "basically",  "sometimes",  "trying",     "different",
            "someones",   "grab",       "proper",     "exactly",    "telling",    "asap",
            "ppl",        "wk",         "rn",         "bc",         "cos",        "thats",
            "theyre",     "whose",      "wher",       "ther",       "bother",     "thinking",
            "seems",      "said",       "heard",      "called",     "asked",      "idea",
            "absolutely", "feel",       "feeling",    "bit",        "whether",    "even",
            "true",       "confused",   "fancy",      "reckon",     "em",         "besides",
            "looking",    "itself",     "came",       "hanging",    "sitting",    "waiting",
            "supposed",   "desperate",  "talk",       "speak",      "towards",    "shout",
            "nightmare",  "guy",        "lady",       "man",        "round",      "olá",
            "advise",     "revert",     "needful",    "applicable", "lowkey",     "ngl",
            "fr",         "smth",       "literally",  "regarding",  "b4",         "hola",
            "bothering",  "afraid",     "trouble",    "apologies",  "basic",      "wondered",
            "idk",        "quick",      "behalf",     "exec",       "question",   "meant",
            "cannot",     "confirm",    "marvellous", "apparently", "wondering",  "obvious",
            "excuse",     "possible",   "promise",    "thought",    "mention",    "whole",
            "mate",       "lol",        "nah",        "gonna",      "wanna",      "lmk",
            "tbh",        "kindly",     "apologise",  "regret",     "several",    "explain",
            "mostly",     "recently",   "appears",    "necessary",  "obtain",     "require",
            "considered", "simple",     "correct",    "inform",     "sufficient", "required",
            "heading",    "yday",       "wks",        "bloke",      "because",    "often",
            "third",      "exact",      "love",       "till",       "easiest",    "quarterly",
            "killing",    "beforehand", "tue",        "tues",       "wed",        "weds",
            "thu",        "thur",       "thurs",      "fri",        "three",      "four",
            "five",       "six",        "seven",      "eight",      "nine",       "ten",
            "eleven",     "twelve",     "fifteen",    "twenty",     "thirty",     "forty",
            "fifty",      "hundred",    "thousand",   "min",        "mins",       "um",
            "don",        "doesn",      "didn",       "isn",        "aren",       "wasn",
            "weren",      "haven",      "hasn",       "hadn",       "won",        "wouldn",
            "couldn",     "shouldn",    "mustn",      "needn",      "ll",         "ve",
            "re",         "honestly",   "forget",     "awkward",    "especially", "anyway",
            "rather",     "already",    "probably",   "couple",     "barely",     "assumed",
            "constantly", "fourth",     "fifth",      "sixth",      "seventh",    "eighth",
            "ninth",      "tenth",      "clarify",    "certain",    "maybe",      "aware",
            "make",       "quite",      "terrible",   "decent",     "normal",     "normally",
            "seen",       "became",     "ages",       "almost",     "mad",        "wee",
            "folks",      "steadily",   "fully",      "hearing",    "fortnight",  "tomorow",
            "amanhã",     "dealing"};
    // Words that place a question outside the office (tests/faq/README.md):
    // the asker's home, their personal things, the law of the land, another
    // company ("googles" is how people type "Google's").
    if (faq.elsewhere_words.empty())
        faq.elsewhere_words = {"home", "personal", "law", "google", "googles"};
}

void check_faq(const Faq& faq, std::vector<std::string>& problems) {
    if (faq.min_confidence <= 0 || faq.min_confidence > 1)
        problems.push_back(
            "faq.min_confidence: expected a share above 0 and at most 1, such as "
            "0.6, got " +
            std::to_string(faq.min_confidence));
    for (std::size_t i = 0; i < faq.synonyms.size(); ++i)
        if (faq.synonyms[i].size() < 2)
            problems.push_back("faq.synonyms[" + std::to_string(i) +
                               "]: a group names at least two words that mean the same");
}

void read_examples(Faq& faq, std::vector<std::string>& problems) {
    if (faq.examples_file.empty()) return;
    const std::string name = "faq.examples_file \"" + faq.examples_file + "\"";
    std::ifstream in(faq.examples_file);
    if (!in) {
        problems.push_back(name + ": cannot open the file");
        return;
    }
    const auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("examples") || !doc["examples"].is_array()) {
        problems.push_back(name +
                           ": expected JSON such as {\"examples\": [{\"q\": \"whats the wifi "
                           "password\", \"entry\": \"wifi\"}, {\"q\": \"capital of peru\", "
                           "\"entry\": null}]}");
        return;
    }
    const auto& examples = doc["examples"];
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto& x = examples[i];
        const bool question = x.is_object() && x.contains("q") && x["q"].is_string() &&
                              !core::trim(x["q"].get<std::string>()).empty();
        const bool entry = x.is_object() && x.contains("entry") &&
                           (x["entry"].is_null() || x["entry"].is_string());
        if (!question || !entry) {
            problems.push_back(name + ": examples[" + std::to_string(i) +
                               "]: expected {\"q\": \"the question\", \"entry\": \"its entry's "
                               "key\"}, or \"entry\": null for a question the FAQ must not answer");
            continue;
        }
        faq.examples.push_back(
            {x["q"].get<std::string>(), x["entry"].is_null() ? "" : x["entry"].get<std::string>()});
    }
}

}  // namespace config
