#include "core/money.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "core/text.hpp"

namespace core {
namespace {

// ISO 4217 codes with their minor digits; the symbols are the unambiguous
// ones people type ("¥" is the yen; the yuan is written CNY).
constexpr std::array<Currency, 32> kCurrencies{{
    {"USD", 2, "$"},  {"EUR", 2, "€"}, {"GBP", 2, "£"}, {"JPY", 0, "¥"}, {"CHF", 2, ""},
    {"CAD", 2, ""},   {"AUD", 2, ""},  {"NZD", 2, ""},  {"SEK", 2, ""},  {"NOK", 2, ""},
    {"DKK", 2, ""},   {"PLN", 2, ""},  {"CZK", 2, ""},  {"HUF", 2, ""},  {"RON", 2, ""},
    {"BRL", 2, "R$"}, {"MXN", 2, ""},  {"INR", 2, "₹"}, {"CNY", 2, ""},  {"HKD", 2, ""},
    {"SGD", 2, ""},   {"ZAR", 2, ""},  {"ILS", 2, "₪"}, {"TRY", 2, "₺"}, {"KRW", 0, "₩"},
    {"ISK", 0, ""},   {"CLP", 0, ""},  {"KWD", 3, ""},  {"BHD", 3, ""},  {"OMR", 3, ""},
    {"JOD", 3, ""},   {"TND", 3, ""},
}};

constexpr std::string_view kHowToWrite = "write it like 42.50, 1,250.00, €30, 30 EUR or ¥3000";

bool decimal_digit(char c) {
    return c >= '0' && c <= '9';
}

// Three letters: the shape of a currency code, known or not.
bool looks_like_code(std::string_view w) {
    return w.size() == 3 && std::all_of(w.begin(), w.end(), is_alpha);
}

const Currency* by_symbol_prefix(std::string_view& token) {
    // Longest first: "R$" before "$".
    const Currency* best = nullptr;
    for (const auto& c : kCurrencies)
        if (!c.symbol.empty() && token.starts_with(c.symbol) &&
            (!best || c.symbol.size() > best->symbol.size()))
            best = &c;
    if (best) token.remove_prefix(best->symbol.size());
    return best;
}

const Currency* by_symbol_suffix(std::string_view& token) {
    for (const auto& c : kCurrencies)
        if (!c.symbol.empty() && token.ends_with(c.symbol) && token.size() > c.symbol.size() &&
            decimal_digit(token[token.size() - c.symbol.size() - 1])) {
            token.remove_suffix(c.symbol.size());
            return &c;
        }
    return nullptr;
}

// `int_part` with its thousands separator `group` (or none): groups of three
// after a first one of one to three digits. Digits only, in `out`.
bool ungroup(std::string_view int_part, char group, std::string& out) {
    if (int_part.empty()) return false;
    std::size_t start = 0;
    bool first = true;
    while (start <= int_part.size()) {
        const std::size_t end = group ? int_part.find(group, start) : std::string_view::npos;
        const std::string_view g =
            int_part.substr(start, end == std::string_view::npos ? end : end - start);
        if (g.empty() || !std::all_of(g.begin(), g.end(), decimal_digit)) return false;
        if (group && (first ? g.size() > 3 : g.size() != 3)) return false;
        out += g;
        first = false;
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return true;
}

// The number without its symbol or code, in minor units of `currency`.
std::variant<std::int64_t, std::string> parse_number(std::string_view written,
                                                     std::string_view number,
                                                     const Currency& currency) {
    const std::string not_an_amount =
        fmt::format("`{}` is not an amount: {}.", written, kHowToWrite);
    if (number.empty() || !decimal_digit(number.front())) return not_an_amount;
    if (!std::all_of(number.begin(), number.end(),
                     [](char c) { return decimal_digit(c) || c == ',' || c == '.'; }))
        return not_an_amount;
    const auto commas = std::count(number.begin(), number.end(), ',');
    const auto dots = std::count(number.begin(), number.end(), '.');
    char decimal = 0, group = 0;
    if (commas && dots) {
        decimal = number.find_last_of(",.") == number.rfind(',') ? ',' : '.';
        group = decimal == ',' ? '.' : ',';
    } else if (commas + dots == 1) {
        const char c = commas ? ',' : '.';
        const std::size_t after = number.size() - number.find(c) - 1;
        if (c == ',' && after == 3)
            group = ',';
        else
            decimal = c;
    } else if (commas + dots > 1) {
        group = commas ? ',' : '.';
    }
    std::string_view int_part = number, fraction;
    if (decimal) {
        const std::size_t at = number.rfind(decimal);
        int_part = number.substr(0, at);
        fraction = number.substr(at + 1);
        if (fraction.empty() || fraction.find_first_of(",.") != std::string_view::npos)
            return not_an_amount;
    }
    std::string digits;
    if (!ungroup(int_part, group, digits)) return not_an_amount;
    if (static_cast<int>(fraction.size()) > currency.digits)
        return currency.digits == 0
                   ? fmt::format("{} has no minor units: write `{}` as a whole number.",
                                 currency.code, written)
                   : fmt::format("`{}` has more decimals than {} has ({}).", written, currency.code,
                                 currency.digits);
    digits += fraction;
    digits.append(static_cast<std::size_t>(currency.digits) - fraction.size(), '0');
    std::int64_t minor = 0;
    for (const char c : digits) {
        if (minor > (kMaxMinorUnits - (c - '0')) / 10)
            return fmt::format("`{}` is more than any expense I can keep.", written);
        minor = minor * 10 + (c - '0');
    }
    return minor;
}

std::string grouped(std::int64_t whole) {
    std::string digits = std::to_string(whole);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::int64_t power_of_ten(int n) {
    std::int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

}  // namespace

const Currency* find_currency(std::string_view code) {
    if (code.size() != 3) return nullptr;
    std::string upper(code);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& c : kCurrencies)
        if (c.code == upper) return &c;
    return nullptr;
}

std::variant<ParsedAmount, std::string> parse_amount(std::string_view text,
                                                     const Currency& default_currency) {
    auto [first, after_first] = next_word(text);
    if (first.empty()) return fmt::format("Give an amount: {}.", kHowToWrite);
    const Currency* currency = nullptr;
    std::string_view rest = after_first;
    std::string_view word = first;
    std::string written(first);
    // A code before the amount ("EUR 30"); a code-like word before anything
    // else is no amount, and is refused as one below.
    if (looks_like_code(first) && !after_first.empty() && decimal_digit(after_first.front())) {
        currency = find_currency(first);
        if (!currency) return fmt::format("I don't know the currency `{}`.", first);
        auto [number, after_number] = next_word(after_first);
        word = number;
        written = std::string(first) + " " + std::string(number);
        rest = after_number;
    }
    std::string_view number = word;
    const bool negative = number.starts_with('-');
    if (negative) number.remove_prefix(1);
    if (!currency) {
        const Currency* symbol = by_symbol_prefix(number);
        if (!symbol) symbol = by_symbol_suffix(number);
        if (number.starts_with('-'))
            return fmt::format("`{}` is not an amount: {}.", written, kHowToWrite);
        auto [next, after_next] = next_word(rest);
        const Currency* code = nullptr;
        const bool all_caps =
            looks_like_code(next) && std::all_of(next.begin(), next.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c)) != 0;
            });
        if (looks_like_code(next)) code = find_currency(next);
        if (all_caps && !code) return fmt::format("I don't know the currency `{}`.", next);
        if (code && symbol && code != symbol)
            return fmt::format("`{} {}` names two currencies: write one.", word, next);
        if (code) {
            written += " " + std::string(next);
            rest = after_next;
        }
        currency = code ? code : symbol;
    }
    if (!currency) currency = &default_currency;
    auto minor = parse_number(written, number, *currency);
    if (auto* error = std::get_if<std::string>(&minor)) return *error;
    const std::int64_t value = std::get<std::int64_t>(minor);
    if (negative || value == 0)
        return fmt::format("An amount must be more than zero, and `{}` is not.", written);
    return ParsedAmount{Money{value, currency}, trim(rest)};
}

std::string format_money(const Money& m) {
    const Currency& c = *m.currency;
    const std::int64_t scale = power_of_ten(c.digits);
    const std::int64_t magnitude = m.minor < 0 ? -m.minor : m.minor;
    std::string number = grouped(magnitude / scale);
    if (c.digits > 0) number += fmt::format(".{:0{}}", magnitude % scale, c.digits);
    const std::string sign = m.minor < 0 ? "-" : "";
    if (c.symbol.empty()) return fmt::format("{}{} {}", sign, c.code, number);
    return fmt::format("{}{}{}", sign, c.symbol, number);
}

std::string plain_amount(const Money& m) {
    const Currency& c = *m.currency;
    const std::int64_t scale = power_of_ten(c.digits);
    const std::int64_t magnitude = m.minor < 0 ? -m.minor : m.minor;
    std::string out = (m.minor < 0 ? "-" : "") + std::to_string(magnitude / scale);
    if (c.digits > 0) out += fmt::format(".{:0{}}", magnitude % scale, c.digits);
    return out;
}

std::optional<std::int64_t> major_to_minor(std::string_view decimal, const Currency& currency) {
    const std::size_t dot = decimal.find('.');
    const std::string_view whole = decimal.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : decimal.substr(dot + 1);
    auto digits_only = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), decimal_digit);
    };
    if (!digits_only(whole) || (dot != std::string_view::npos && !digits_only(fraction)))
        return std::nullopt;
    std::string_view kept = fraction;
    while (!kept.empty() && kept.back() == '0') kept.remove_suffix(1);  // "25.50" in EUR is fine
    if (static_cast<int>(kept.size()) > currency.digits) return std::nullopt;
    std::string all(whole);
    all += kept;
    all.append(static_cast<std::size_t>(currency.digits) - kept.size(), '0');
    std::int64_t minor = 0;
    for (const char c : all) {
        if (minor > (kMaxMinorUnits - (c - '0')) / 10) return std::nullopt;
        minor = minor * 10 + (c - '0');
    }
    return minor;
}

}  // namespace core
