#pragma once
// The ids people type and read: PTO-12, EXP-7, OFC-5, FAQ-3, Q-4 (a
// question the FAQ could not answer), ANN-2, ASK-9 (one it answered)
// (case-insensitive on input).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

enum class IdKind { pto, expense, office, faq, question, announcement, ask };

struct Id {
    IdKind kind = IdKind::pto;
    std::int64_t number = 0;

    std::string text() const;  // "PTO-12"
    bool operator==(const Id&) const = default;
};

std::string_view prefix(IdKind kind);  // "PTO", "EXP", "OFC", "FAQ", "Q", "ANN", "ASK"
// "PTO-12", "pto-12", "Pto-12" -> {pto, 12}; anything else -> nullopt.
std::optional<Id> parse_id(std::string_view word);
std::string format_id(IdKind kind, std::int64_t number);
// The first id of `kind` among the words of `text`, punctuation around it
// aside: EXP-7 in "has EXP-7 been paid yet?".
std::optional<Id> first_id_in(std::string_view text, IdKind kind);

}  // namespace core
