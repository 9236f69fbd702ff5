// Amounts as people write them, to integer minor units and back: every form
// the product names, every refusal, and the edges (0 and 3 minor digits,
// amounts near 2^53 minor units: exact or refused, never rounded).

#include "core/money.hpp"

#include <gtest/gtest.h>

namespace {

using core::find_currency;
using core::Money;

const core::Currency& eur = *find_currency("EUR");

struct Accepted {
    const char* text;
    std::int64_t minor;
    const char* currency;
    const char* rest;
};

TEST(ParseAmount, ReadsEveryWrittenForm) {
    const Accepted cases[] = {
        {"42.50 meals lunch", 4250, "EUR", "meals lunch"},
        {"42,50 EUR meals", 4250, "EUR", "meals"},
        {"$42.50 meals", 4250, "USD", "meals"},
        {"€30 travel", 3000, "EUR", "travel"},
        {"30€ travel", 3000, "EUR", "travel"},
        {"1,250 equipment", 125000, "EUR", "equipment"},
        {"1,250.00 equipment", 125000, "EUR", "equipment"},
        {"1.250,00 equipment", 125000, "EUR", "equipment"},
        {"1,250,000", 125000000, "EUR", ""},
        {"EUR 30 meals", 3000, "EUR", "meals"},
        {"eur 30 meals", 3000, "EUR", "meals"},
        {"30 EUR meals", 3000, "EUR", "meals"},
        {"30 gbp meals", 3000, "GBP", "meals"},
        {"£12.5 meals", 1250, "GBP", "meals"},
        {"¥3000 meals", 3000, "JPY", "meals"},
        {"JPY 3000 meals", 3000, "JPY", "meals"},
        {"3,000 JPY", 3000, "JPY", ""},
        {"12.345 KWD meals", 12345, "KWD", "meals"},
        {"KWD 0.5", 500, "KWD", ""},
        {"R$10 meals", 1000, "BRL", "meals"},
        {"7", 700, "EUR", ""},
        {"0.01", 1, "EUR", ""},
        // 2^53 - 1 minor units exactly, in a 2-digit and a 0-digit currency.
        {"90071992547409.91", 9007199254740991, "EUR", ""},
        {"JPY 9007199254740991", 9007199254740991, "JPY", ""},
    };
    for (const auto& c : cases) {
        auto parsed = core::parse_amount(c.text, eur);
        ASSERT_TRUE(std::holds_alternative<core::ParsedAmount>(parsed))
            << c.text << ": " << std::get<std::string>(parsed);
        const auto& p = std::get<core::ParsedAmount>(parsed);
        EXPECT_EQ(p.money.minor, c.minor) << c.text;
        EXPECT_EQ(p.money.currency->code, c.currency) << c.text;
        EXPECT_EQ(p.rest, c.rest) << c.text;
    }
}

struct Refused {
    const char* text;
    const char* says;
};

TEST(ParseAmount, RefusesWithWhatWasWrong) {
    const Refused cases[] = {
        {"", "Give an amount"},
        {"0 meals", "must be more than zero"},
        {"0.00", "must be more than zero"},
        {"-5 meals", "must be more than zero"},
        {"-€5", "must be more than zero"},
        {"42.505 meals", "`42.505` has more decimals than EUR has (2)"},
        {"¥3000.5", "JPY has no minor units"},
        {"12.3456 KWD", "has more decimals than KWD has (3)"},
        {"30 XYZ meals", "I don't know the currency `XYZ`"},
        {"XYZ 30", "I don't know the currency `XYZ`"},
        {"$30 EUR", "names two currencies"},
        {"lunch 30", "`lunch` is not an amount"},
        {"12,34,5", "is not an amount"},
        {"1,2345", "has more decimals than EUR has"},
        {"4.2.", "is not an amount"},
        {"42.", "is not an amount"},
        {"$", "is not an amount"},
        {"90071992547409.92", "more than any expense"},  // 2^53 minor units
        {"JPY 9007199254740992", "more than any expense"},
        {"99999999999999999999999", "more than any expense"},
    };
    for (const auto& c : cases) {
        auto parsed = core::parse_amount(c.text, eur);
        ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << c.text;
        EXPECT_NE(std::get<std::string>(parsed).find(c.says), std::string::npos)
            << c.text << ": " << std::get<std::string>(parsed);
    }
}

TEST(FormatMoney, WritesAmountsForPeopleAndForMachines) {
    auto m = [](std::int64_t minor, const char* code) { return Money{minor, find_currency(code)}; };
    EXPECT_EQ(core::format_money(m(125000, "EUR")), "€1,250.00");
    EXPECT_EQ(core::format_money(m(4250, "USD")), "$42.50");
    EXPECT_EQ(core::format_money(m(5, "GBP")), "£0.05");
    EXPECT_EQ(core::format_money(m(300000, "JPY")), "¥300,000");
    EXPECT_EQ(core::format_money(m(12345, "KWD")), "KWD 12.345");
    EXPECT_EQ(core::format_money(m(-500, "EUR")), "-€5.00");
    EXPECT_EQ(core::format_money(m(core::kMaxMinorUnits, "EUR")), "€90,071,992,547,409.91");
    EXPECT_EQ(core::plain_amount(m(125000, "EUR")), "1250.00");
    EXPECT_EQ(core::plain_amount(m(3000, "JPY")), "3000");
    EXPECT_EQ(core::plain_amount(m(12345, "KWD")), "12.345");
    // What is written comes back the same.
    for (const char* text : {"€1,250.00", "$42.50", "¥300,000", "KWD 12.345"}) {
        auto parsed = core::parse_amount(text, eur);
        ASSERT_TRUE(std::holds_alternative<core::ParsedAmount>(parsed)) << text;
        EXPECT_EQ(core::format_money(std::get<core::ParsedAmount>(parsed).money), text);
    }
}

TEST(MajorToMinor, ConvertsAFilesAmountExactlyOrNotAtAll) {
    EXPECT_EQ(core::major_to_minor("500", eur), 50000);
    EXPECT_EQ(core::major_to_minor("25.5", eur), 2550);
    EXPECT_EQ(core::major_to_minor("25.50", eur), 2550);
    EXPECT_EQ(core::major_to_minor("500", *find_currency("JPY")), 500);
    EXPECT_EQ(core::major_to_minor("1.5", *find_currency("JPY")), std::nullopt);
    EXPECT_EQ(core::major_to_minor("0.125", *find_currency("KWD")), 125);
    EXPECT_EQ(core::major_to_minor("1.005", eur), std::nullopt);
    EXPECT_EQ(core::major_to_minor("-5", eur), std::nullopt);
    EXPECT_EQ(core::major_to_minor("1e3", eur), std::nullopt);
    EXPECT_EQ(core::major_to_minor("100000000000000000", eur), std::nullopt);
}

TEST(FindCurrency, KnowsCodesInAnyCaseAndNothingElse) {
    EXPECT_EQ(find_currency("eur")->digits, 2);
    EXPECT_EQ(find_currency("JPY")->digits, 0);
    EXPECT_EQ(find_currency("KWD")->digits, 3);
    EXPECT_EQ(find_currency("XYZ"), nullptr);
    EXPECT_EQ(find_currency("EURO"), nullptr);
}

}  // namespace
