// What people type, through every parser of their words: the PTO dates, an
// amount, an id, a mention, a response time, an office report's triage, and
// form encoding both ways. None may crash, loop or read out of bounds; an
// answer that fails to parse is a message, never an exception.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bot/slack/form.hpp"
#include "config/config.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/message.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "handlers/office_triage.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const config::Config cfg = [] {
        config::Config c;
        config::fill_defaults(c.office);
        return c;
    }();
    const auto today = date::local_days{date::year{2026} / 12 / 1};

    (void)core::parse_when(text, today);
    (void)core::parse_iso(text);
    (void)core::parse_time_of_day(text);
    for (const char* code : {"EUR", "JPY", "KWD"})
        (void)core::parse_amount(text, *core::find_currency(code));
    (void)core::parse_id(text);
    (void)core::mentioned_user(text);
    (void)config::parse_response_time(text);
    (void)core::utf8_prefix(text, size / 2);
    try {
        (void)handlers::office::triage(cfg.office, text);
    } catch (const core::Refusal&) {  // an unknown #category or !priority: a message
    }
    if (const auto form = bot::slack::parse_form(text))
        for (const auto& [key, value] : *form) {
            const auto again = bot::slack::parse_form(bot::slack::form_encode(key) + "=" +
                                                      bot::slack::form_encode(value));
            if (!again || again->at(key) != value) throw std::logic_error("form round trip");
        }
    return 0;
}
