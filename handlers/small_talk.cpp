#include "handlers/small_talk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "handlers/faq_words.hpp"

namespace handlers {

namespace {

using Words = std::vector<std::string>;

template <std::size_t N>
bool among(const std::array<std::string_view, N>& set, std::string_view word) {
    return std::find(set.begin(), set.end(), word) != set.end();
}

// What says the message is a greeting or a thanks; of the other words, the
// ones that may come with it ("hi there", "thanks a lot"). A message with
// any other word is about something else.
constexpr std::array<std::string_view, 18> kGreetings = {
    "hi",      "hello", "hey", "hiya", "heya", "howdy", "yo",    "morning", "afternoon",
    "evening", "olá",   "ola", "oi",   "dia",  "tarde", "hallo", "bonjour", "hola"};
constexpr std::array<std::string_view, 12> kWithGreeting = {
    "there", "all",  "everyone", "bot", "sitelead", "team",
    "again", "good", "bom",      "boa", "guys",     "folks"};
constexpr std::array<std::string_view, 13> kThanks = {
    "thanks",   "thank", "thx",     "ty",    "tks",      "cheers", "obrigado",
    "obrigada", "merci", "gracias", "danke", "thankyou", "ta"};
constexpr std::array<std::string_view, 27> kWithThanks = {
    "you",   "so",      "much",    "a",    "lot",  "many",      "very",  "ok",       "okay",
    "great", "perfect", "awesome", "cool", "nice", "brilliant", "super", "again",    "for",
    "that",  "this",    "the",     "help", "all",  "mate",      "bot",   "sitelead", "lovely"};

template <std::size_t N, std::size_t M>
bool only(const Words& words, const std::array<std::string_view, N>& says,
          const std::array<std::string_view, M>& with) {
    bool said = false;
    for (const auto& w : words) {
        if (among(says, w))
            said = true;
        else if (!among(with, w))
            return false;
    }
    return said;
}

// Said to the bot about itself, once fillers are dropped.
constexpr std::array<std::string_view, 16> kAboutMe = {
    "what can you do",       "what do you do",      "what are you able to do",
    "how can you help",      "how can you help me", "how do you work",
    "how does this work",    "how do i use you",    "how to use you",
    "who are you",           "what are you",        "help me",
    "what can i ask",        "what can i ask you",  "what commands",
    "what are your commands"};
constexpr std::array<std::string_view, 10> kFillers = {
    "bot", "sitelead", "please", "pls", "exactly", "hey", "hi", "so", "else", "again"};

}  // namespace

bool asks_what_i_do(std::string_view text) {
    std::string said;
    for (const auto& w : faq::words_of(text))
        if (!among(kFillers, w)) said += (said.empty() ? "" : " ") + w;
    return among(kAboutMe, said);
}

std::optional<Plan> small_talk(const Context& ctx, std::string_view text) {
    // Read as the FAQ reads a question: no punctuation, emoji or Slack markup.
    const Words words = faq::words_of(text);
    if (words.empty() || words.size() > 8) return std::nullopt;
    if (only(words, kThanks, kWithThanks)) return Plan::answer("You're welcome!");
    if (only(words, kGreetings, kWithGreeting))
        return Plan::answer(fmt::format(
            "Hi {}! I can help you request time off, submit expenses, report what's broken at "
            "the office and find answers to your questions. Say `help` to see how.",
            ctx.caller ? ctx.caller->name : std::string("there")));
    return std::nullopt;
}

}  // namespace handlers
