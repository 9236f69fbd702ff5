#include "core/ids.hpp"

#include <array>
#include <charconv>
#include <tuple>
#include <utility>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "core/text.hpp"

namespace core {
namespace {

constexpr std::array<std::pair<IdKind, std::string_view>, 7> kPrefixes = {{
    {IdKind::pto, "PTO"},
    {IdKind::expense, "EXP"},
    {IdKind::office, "OFC"},
    {IdKind::faq, "FAQ"},
    {IdKind::question, "Q"},
    {IdKind::announcement, "ANN"},
    {IdKind::ask, "ASK"},
}};

}  // namespace

std::string_view prefix(IdKind kind) {
    for (const auto& [k, p] : kPrefixes)
        if (k == kind) return p;
    return "?";
}

std::string Id::text() const {
    return format_id(kind, number);
}

std::optional<Id> parse_id(std::string_view word) {
    const auto dash = word.find('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    const std::string upper = lower(word.substr(0, dash));
    const IdKind* kind = nullptr;
    for (const auto& [k, p] : kPrefixes)
        if (lower(p) == upper) kind = &k;
    if (!kind) return std::nullopt;
    const std::string_view digits = word.substr(dash + 1);
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || n <= 0)
        return std::nullopt;
    return Id{*kind, n};
}

std::string format_id(IdKind kind, std::int64_t number) {
    return fmt::format(FMT_COMPILE("{}-{}"), prefix(kind), number);
}

std::optional<Id> first_id_in(std::string_view text, IdKind kind) {
    for (auto [word, rest] = next_word(text); !word.empty();
         std::tie(word, rest) = next_word(rest)) {
        while (!word.empty() && !is_alnum(word.front())) word.remove_prefix(1);
        while (!word.empty() && !is_alnum(word.back())) word.remove_suffix(1);
        if (const auto id = parse_id(word); id && id->kind == kind) return id;
    }
    return std::nullopt;
}

}  // namespace core
