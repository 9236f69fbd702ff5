#pragma once
// Money as people write it in chat and as the books keep it: an integer
// count of the currency's minor units (cents, pence; yen have none, dinars
// three) with its ISO 4217 code. No floating point anywhere on the way in,
// through storage and sums, or out.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace core {

struct Currency {
    std::string_view code;    // ISO 4217, "EUR"
    int digits;               // minor digits: JPY 0, EUR 2, KWD 3
    std::string_view symbol;  // written before the amount ("€"); empty: the code is
};

// The currencies the bot knows, by code (any case); null for another.
const Currency* find_currency(std::string_view code);

struct Money {
    std::int64_t minor = 0;  // in the currency's minor units
    const Currency* currency = nullptr;

    friend bool operator==(const Money& a, const Money& b) {
        return a.minor == b.minor && a.currency == b.currency;
    }
};

// The largest amount any parse or sum accepts, in minor units: 2^53 - 1, so
// that a value also survives tools that read numbers as doubles.
inline constexpr std::int64_t kMaxMinorUnits = (std::int64_t{1} << 53) - 1;

// An amount at the start of `text` and what follows it. Written
// `42.50`, `42,50 EUR`, `$42.50`, `€30`, `1,250`, `1,250.00`, `EUR 30`,
// `30 EUR`, `¥3000`, `JPY 3000`, `12.345 KWD`: a number with a symbol
// before it, or a currency code before or after it; without either, in
// `default_currency`. A comma before exactly three digits groups thousands,
// before one or two it is the decimal point; with both, the last one is.
struct ParsedAmount {
    Money money;
    std::string_view rest;  // trimmed
};
// The error says what was wrong and how to write it.
std::variant<ParsedAmount, std::string> parse_amount(std::string_view text,
                                                     const Currency& default_currency);

// "€1,250.00", "$42.50", "¥3,000", "KWD 12.345", "-€5.00".
std::string format_money(const Money& m);
// "1250.00", "3000", "12.345": the currency's own decimals, no grouping, for
// CSV and other machine-read places.
std::string plain_amount(const Money& m);

// A decimal amount in major units as written in a file ("500", "25.5"),
// converted to `currency`'s minor units; nothing when it has more decimals
// than the currency, is negative, or is out of range.
std::optional<std::int64_t> major_to_minor(std::string_view decimal, const Currency& currency);

}  // namespace core
