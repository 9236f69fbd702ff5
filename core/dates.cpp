#include "core/dates.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"

namespace core {
namespace {

using date::local_days;

// A cursor over the lower-cased input; positions are byte offsets shared with
// the original text, so the rest can be cut from what the user typed.
class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}

    std::size_t pos() const { return pos_; }
    void reset(std::size_t p) { pos_ = p; }
    bool done() const { return pos_ >= s_.size(); }
    char peek() const { return done() ? '\0' : s_[pos_]; }
    bool at_boundary() const { return done() || !is_alnum(s_[pos_]); }

    void skip_space() {
        while (!done() && is_space(s_[pos_])) ++pos_;
    }

    bool literal(std::string_view lit) {
        if (s_.substr(pos_, lit.size()) != lit) return false;
        pos_ += lit.size();
        return true;
    }

    std::string_view word() {
        const std::size_t begin = pos_;
        while (!done() && is_alpha(s_[pos_])) ++pos_;
        return s_.substr(begin, pos_ - begin);
    }

    // A whole run of digits, refused (and not consumed) when longer than max_digits.
    std::optional<unsigned> number(std::size_t max_digits, std::size_t* digits = nullptr) {
        std::size_t end = pos_;
        while (end < s_.size() && is_digit(s_[end])) ++end;
        const std::size_t len = end - pos_;
        if (len == 0 || len > max_digits) return std::nullopt;
        unsigned value = 0;
        for (std::size_t i = pos_; i < end; ++i) value = value * 10 + unsigned(s_[i] - '0');
        pos_ = end;
        if (digits) *digits = len;
        return value;
    }

    // "21st", "22nd", "23rd", "24th".
    void ordinal_suffix() {
        for (std::string_view sfx : {"st", "nd", "rd", "th"}) {
            const std::size_t p = pos_;
            if (literal(sfx) && at_boundary()) return;
            pos_ = p;
        }
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// One end of a span as written, before it is placed on the calendar.
struct Point {
    enum class Kind { date, month_day, day, today, tomorrow, yesterday, weekday, next_weekday };
    Kind kind = Kind::date;
    date::year y{0};
    date::month m{0};
    date::day d{0};
    date::weekday wd{};
    bool day_may_follow = false;  // "dec 21-23", "12/21-23": the end may be a bare day
};

struct NoMatch {};
using PointResult = std::variant<NoMatch, Point, std::string>;

std::string why_not_a_date(std::string_view typed, std::optional<date::year> y, unsigned m,
                           unsigned d) {
    std::string msg = "\"" + std::string(typed) + "\" is not a date: ";
    if (m < 1 || m > 12) return msg + "there is no month " + std::to_string(m) + ".";
    const date::month mon{m};
    if (d == 0) return msg + "days of the month start at 1.";
    unsigned last = 31;
    while (last > 28 && !(date::year{y ? int(*y) : 2000} / mon / date::day{last}).ok()) --last;
    msg += month_name(mon);
    if (y) msg += " " + std::to_string(int(*y));
    return msg + " has " + std::to_string(last) + " days.";
}

// A year written after a month and day: "dec 21 2027", "dec 21, 2027".
std::optional<date::year> trailing_year(Cursor& c) {
    const std::size_t p = c.pos();
    c.literal(",");
    c.skip_space();
    std::size_t len = 0;
    auto y = c.number(4, &len);
    if (y && len == 4 && c.at_boundary() && c.peek() != '-' && c.peek() != '/')
        return date::year{int(*y)};
    c.reset(p);
    return std::nullopt;
}

PointResult dated(std::string_view typed, std::optional<date::year> y, unsigned m, unsigned d,
                  bool day_may_follow) {
    const date::year check_year = y ? *y : date::year{2000};  // a leap year: Feb 29 is fine
    if (!(check_year / date::month{m} / date::day{d}).ok()) return why_not_a_date(typed, y, m, d);
    Point p;
    p.kind = y ? Point::Kind::date : Point::Kind::month_day;
    if (y) p.y = *y;
    p.m = date::month{m};
    p.d = date::day{d};
    p.day_may_follow = day_may_follow;
    return p;
}

// "24 dec", "24th of december", "24 dec 2027": the day before its month, as
// Europe writes it. The cursor is after the day's number.
std::optional<PointResult> day_first(Cursor& c, std::string_view original, std::size_t begin,
                                     unsigned d) {
    c.ordinal_suffix();
    c.skip_space();
    const std::size_t before_of = c.pos();
    if (c.word() == "of")
        c.skip_space();
    else
        c.reset(before_of);
    const auto m = month_named(c.word());
    if (!m || !c.at_boundary()) return std::nullopt;
    const auto y = trailing_year(c);
    return dated(original.substr(begin, c.pos() - begin), y, unsigned(*m), d, false);
}

PointResult numeric_point(Cursor& c, std::string_view original, bool allow_day) {
    const std::size_t begin = c.pos();
    auto typed = [&] { return original.substr(begin, c.pos() - begin); };
    std::size_t len = 0;
    const auto first = c.number(4, &len);
    if (!first) return NoMatch{};

    if (len == 4 && c.literal("-")) {
        const auto m = c.number(2);
        if (!m || !c.literal("-")) return NoMatch{};
        const auto d = c.number(2);
        if (!d || !c.at_boundary()) return NoMatch{};
        return dated(typed(), date::year{int(*first)}, *m, *d, false);
    }
    if (len <= 2 && c.literal("/")) {
        const auto d = c.number(2);
        if (!d) return NoMatch{};
        std::optional<date::year> y;
        if (c.literal("/")) {
            std::size_t ylen = 0;
            const auto yv = c.number(4, &ylen);
            if (!yv || ylen != 4) return NoMatch{};
            y = date::year{int(*yv)};
        }
        if (!c.at_boundary()) return NoMatch{};
        if (*first < 1 || *first > 12)
            return "\"" + std::string(typed()) + "\" is not a date: there is no month " +
                   std::to_string(*first) + " (dates with a slash are month/day, like `12/21`).";
        return dated(typed(), y, *first, *d, true);
    }
    if (len <= 2) {
        const std::size_t after_number = c.pos();
        if (auto p = day_first(c, original, begin, *first)) return *p;
        c.reset(after_number);
    }
    if (len <= 2 && allow_day) {
        c.ordinal_suffix();
        if (!c.at_boundary()) return NoMatch{};
        Point p;
        p.kind = Point::Kind::day;
        p.d = date::day{*first};
        return p;
    }
    return NoMatch{};
}

// Tries one date at the cursor. NoMatch leaves the cursor anywhere; the caller
// resets it. An error string means the text is clearly a date but not a valid one.
PointResult parse_point(Cursor& c, std::string_view original, bool allow_day) {
    if (is_digit(c.peek())) return numeric_point(c, original, allow_day);

    const std::size_t begin = c.pos();
    const std::string_view w = c.word();
    Point p;
    if (w == "today") {
        p.kind = Point::Kind::today;
        return p;
    }
    if (w == "tomorrow") {
        p.kind = Point::Kind::tomorrow;
        return p;
    }
    if (w == "yesterday") {
        p.kind = Point::Kind::yesterday;
        return p;
    }
    if (w == "next" || w == "this") {
        c.skip_space();
        const auto wd = weekday_named(c.word());
        if (!wd) return NoMatch{};
        p.kind = w == "next" ? Point::Kind::next_weekday : Point::Kind::weekday;
        p.wd = *wd;
        return p;
    }
    if (const auto wd = weekday_named(w)) {
        p.kind = Point::Kind::weekday;
        p.wd = *wd;
        return p;
    }
    if (const auto m = month_named(w)) {
        c.skip_space();
        const auto d = c.number(2);
        if (!d) return NoMatch{};
        c.ordinal_suffix();
        if (!c.at_boundary()) return NoMatch{};
        const auto y = trailing_year(c);
        return dated(original.substr(begin, c.pos() - begin), y, unsigned(*m), *d, true);
    }
    return NoMatch{};
}

local_days next_occurrence(date::month m, date::day d, local_days on_or_after) {
    // Feb 29 recurs at most 8 years apart (2096 -> 2104).
    auto y = date::year_month_day{on_or_after}.year();
    for (int i = 0; i <= 8; ++i, ++y) {
        const auto ymd = y / m / d;
        if (ymd.ok() && local_days{ymd} >= on_or_after) return local_days{ymd};
    }
    throw std::logic_error("month and day were validated but never recur");
}

// Plain weekday names count from the anchor, so `friday` on a Friday is that
// day. `next <day>` is that day in the week after the current one, with weeks
// running Monday to Sunday (ISO 8601) whatever the site's working week: on a
// Monday `next monday` is 7 days later, on a Saturday it is 2 days later, and
// on a Monday `next friday` is 11 days later, not this Friday.
local_days resolve(const Point& p, local_days anchor, local_days today) {
    switch (p.kind) {
        case Point::Kind::date:
            return local_days{p.y / p.m / p.d};
        case Point::Kind::month_day:
            return next_occurrence(p.m, p.d, anchor);
        case Point::Kind::today:
            return today;
        case Point::Kind::tomorrow:
            return today + date::days{1};
        case Point::Kind::yesterday:
            return today - date::days{1};
        case Point::Kind::weekday:
            return anchor + (p.wd - date::weekday{anchor});
        case Point::Kind::next_weekday: {
            const local_days this_monday = today - (date::weekday{today} - date::Monday);
            return this_monday + date::weeks{1} + (p.wd - date::Monday);
        }
        case Point::Kind::day:
            break;
    }
    throw std::logic_error("a bare day needs the month of the start");
}

// The end of "dec 21-23": that day of the start's month.
std::variant<local_days, std::string> bare_day_end(local_days start, date::day d,
                                                   std::string_view typed) {
    const date::year_month_day s{start};
    const auto ymd = s.year() / s.month() / d;
    if (!ymd.ok()) return why_not_a_date(typed, s.year(), unsigned(s.month()), unsigned(d));
    if (local_days{ymd} >= start) return local_days{ymd};
    const std::string end_day = std::to_string(unsigned(d));
    return "In \"" + std::string(typed) + "\" the last day (" + end_day +
           ") comes before the first. To run into the next month, name it: `" +
           month_abbrev(s.month()) + " " + std::to_string(unsigned(s.day())) + " - " +
           month_abbrev(s.month() + date::months{1}) + " " + end_day + "`.";
}

std::string quoted(std::string_view text) {
    constexpr std::size_t max = 40;
    std::string out = core::utf8_prefix(text, max);
    if (text.size() > max) out += "…";
    return "\"" + out + "\"";
}

// "-", "..", an en or em dash, or "to"/"through"/"thru"/"until". Returns
// whether the separator was a symbol (after which a digit must start a date).
std::optional<bool> separator(Cursor& c) {
    for (std::string_view sym : {"..", "-", "\u2013", "\u2014"})
        if (c.literal(sym)) return true;
    const std::size_t p = c.pos();
    const std::string_view w = c.word();
    if (w == "to" || w == "through" || w == "thru" || w == "until") return false;
    c.reset(p);
    return std::nullopt;
}

std::optional<Part> part_of_day(Cursor& c) {
    const std::size_t p = c.pos();
    const std::string_view w = c.word();
    if (w == "am" || w == "morning") return Part::am;
    if (w == "pm" || w == "afternoon") return Part::pm;
    if (w == "half") {
        const std::size_t after_half = c.pos();
        if (!c.literal("-")) c.skip_space();
        if (c.word() != "day") c.reset(after_half);
        return Part::am;
    }
    c.reset(p);
    return std::nullopt;
}

// Words people put in front of a date: "from dec 21", "on nov 3".
void skip_lead_word(Cursor& c) {
    const std::size_t lead = c.pos();
    if (const auto w = c.word(); w == "from" || w == "on")
        c.skip_space();
    else
        c.reset(lead);
}

// The first and last day of a span as written.
using Days = std::pair<local_days, local_days>;
using SpanResult = std::variant<NoMatch, Days, std::string>;

// "dec 21", "dec 21-23", "24 dec - 2 jan", "friday to next tuesday": a date,
// then maybe a separator and the last date (or, after "dec 21", a bare day).
SpanResult points_span(Cursor& c, std::string_view text, local_days today) {
    const std::size_t phrase = c.pos();
    auto first = parse_point(c, text, false);
    if (auto* err = std::get_if<std::string>(&first)) return *err;
    if (std::holds_alternative<NoMatch>(first)) return NoMatch{};
    const Point& from = std::get<Point>(first);
    const local_days start = resolve(from, today, today);
    local_days end = start;

    const std::size_t before_sep = c.pos();
    c.skip_space();
    if (const auto symbolic = separator(c)) {
        c.skip_space();
        const std::size_t end_begin = c.pos();
        auto second = parse_point(c, text, from.day_may_follow);
        if (auto* err = std::get_if<std::string>(&second)) return *err;
        if (const Point* to = std::get_if<Point>(&second)) {
            if (to->kind != Point::Kind::day) {
                end = resolve(*to, start, today);
            } else {
                auto day_end = bare_day_end(start, to->d, text.substr(phrase, c.pos() - phrase));
                if (auto* err = std::get_if<std::string>(&day_end)) return *err;
                end = std::get<local_days>(day_end);
            }
        } else {
            // "dec 21 - 2x" is a broken range; "dec 21 - family trip" is a reason.
            c.reset(end_begin);
            if (*symbolic && is_digit(c.peek()))
                return "I couldn't read the end of the range in " + quoted(trim(text)) + ". " +
                       std::string(kWhenHint);
            c.reset(before_sep);
        }
    } else {
        c.reset(before_sep);
    }
    return Days{start, end};
}

// "this week": from today to its Sunday, and at a weekend the week ahead, as
// people mean it then; "next week": its Monday to Sunday; "the week of dec
// 21": the Monday to Sunday around that day, from today when it has begun
// (ISO 8601 weeks, as `next monday` counts them).
SpanResult week_span(Cursor& c, std::string_view text, local_days today) {
    const std::string_view first = c.word();
    const bool before_week = first == "this" || first == "next" || first == "the";
    if (before_week) c.skip_space();
    if ((before_week ? c.word() : first) != "week") return NoMatch{};
    const local_days sunday = today + (date::Sunday - date::weekday{today});
    const bool weekend = date::weekday{today} == date::Saturday || today == sunday;
    if (first == "this" && !weekend) return Days{today, sunday};
    if (first == "this" || first == "next")
        return Days{sunday + date::days{1}, sunday + date::days{7}};
    c.skip_space();
    if (c.word() != "of") return NoMatch{};
    c.skip_space();
    auto point = parse_point(c, text, false);
    if (auto* err = std::get_if<std::string>(&point)) return *err;
    if (std::holds_alternative<NoMatch>(point)) return NoMatch{};
    const local_days day = resolve(std::get<Point>(point), today, today);
    const local_days monday = day - (date::weekday{day} - date::Monday);
    return Days{std::max(monday, std::min(today, day)), monday + date::days{6}};
}

// "24-31 dec", "28th to 30th december": days of one month, named once after
// the last of them.
SpanResult days_before_month(Cursor& c, std::string_view text, local_days today) {
    const std::size_t begin = c.pos();
    const auto first = c.number(2);
    if (!first) return NoMatch{};
    c.ordinal_suffix();
    if (!c.at_boundary()) return NoMatch{};
    c.skip_space();
    if (!separator(c)) return NoMatch{};
    c.skip_space();
    const std::size_t last_begin = c.pos();
    const auto last_day = c.number(2);
    if (!last_day) return NoMatch{};
    auto last = day_first(c, text, last_begin, *last_day);
    if (!last) return NoMatch{};
    if (auto* err = std::get_if<std::string>(&*last)) return *err;
    const local_days end = resolve(std::get<Point>(*last), today, today);
    const date::year_month_day e{end};
    const std::string_view typed = text.substr(begin, c.pos() - begin);
    if (*first == 0) return why_not_a_date(typed, e.year(), unsigned(e.month()), 0);
    if (*first > unsigned(e.day()))
        return "In \"" + std::string(typed) + "\" the first day (" + std::to_string(*first) +
               ") comes after the last. To start in the month before, name it: `" +
               std::to_string(*first) + " " + month_abbrev(e.month() - date::months{1}) + " - " +
               std::to_string(unsigned(e.day())) + " " + month_abbrev(e.month()) + "`.";
    return Days{local_days{e.year() / e.month() / date::day{*first}}, end};
}

}  // namespace

std::variant<ParsedWhen, std::string> parse_when(std::string_view text, local_days today) {
    const std::string folded = lower(text);
    Cursor c(folded);
    c.skip_space();
    if (c.done()) return "Tell me which days you'll be away. " + std::string(kWhenHint);

    skip_lead_word(c);
    // "half day friday", "morning of dec 21": the part of the day first.
    const std::size_t before_lead = c.pos();
    std::optional<Part> lead_part = part_of_day(c);
    if (lead_part) {
        c.skip_space();
        if (const std::size_t of = c.pos(); c.word() != "of") c.reset(of);
        c.skip_space();
        skip_lead_word(c);
        if (c.done()) {
            lead_part.reset();
            c.reset(before_lead);
        }
    }

    const std::size_t phrase = c.pos();
    SpanResult span;
    bool week = false;
    for (const auto read : {week_span, days_before_month, points_span}) {
        c.reset(phrase);
        span = read(c, text, today);
        week = read == week_span;
        if (!std::holds_alternative<NoMatch>(span)) break;
    }
    if (auto* err = std::get_if<std::string>(&span)) return *err;
    if (std::holds_alternative<NoMatch>(span))
        return "I couldn't read a date in " + quoted(trim(text)) + ". " + std::string(kWhenHint);
    const auto [start, end] = std::get<Days>(span);
    if (end < start)
        return "The range ends (" + iso(end) + ") before it starts (" + iso(start) +
               "). Put the first day first, like `2026-12-21 to 2026-12-23`.";

    const std::size_t before_part = c.pos();
    c.skip_space();
    Part part = Part::full;
    // After the date it says which half: "half day friday afternoon".
    std::optional<Part> p = part_of_day(c);
    if (!p) {
        c.reset(before_part);
        p = lead_part;
    }
    if (p) {
        if (end != start)
            return "A half day (`half`, `am` or `pm`) must be a single date, but " +
                   quoted(trim(text.substr(0, c.pos()))) + " is a range. " + std::string(kWhenHint);
        part = *p;
    }

    std::string_view rest = text.substr(c.pos());
    while (!rest.empty() && (is_space(rest.front()) ||
                             std::string_view(",;:-").find(rest.front()) != std::string_view::npos))
        rest.remove_prefix(1);
    return ParsedWhen{DateSpan{start, end, part}, std::string(trim(rest)), week};
}

bool starts_with_date(std::string_view text) {
    const std::string folded = lower(text);
    Cursor c(folded);
    c.skip_space();
    skip_lead_word(c);
    return !std::holds_alternative<NoMatch>(parse_point(c, text, false));
}

}  // namespace core
