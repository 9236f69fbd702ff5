#pragma once
// `/sitelead help` and a DM `help`: what the caller's roles allow.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/message.hpp"
#include "handlers/context.hpp"

namespace handlers {

// Who a help line is for: those who may use it. Site leads may do what
// managers may, and an admin sees every line; BizOps and site leads both
// work tickets and export expenses.
enum class Audience { everyone, managers, site_leads, bizops, bizops_and_leads, admins };

struct HelpLine {
    std::string_view usage;                  // "/pto <when> [type] [reason]"
    std::string_view summary;                // "request time off"
    Audience audience = Audience::everyone;  // everyone = anyone in the directory
};

struct HelpSection {
    std::string_view title;
    std::vector<HelpLine> lines;
};

// Lists the lines of `sections` that the caller may use.
Plan help(const Context& ctx, const std::vector<HelpSection>& sections);

// "Also: `/pto balance`, `/pto list`, ...": the lines of `section` after its
// first (the command's own usage) that the caller may use, for a workflow's
// `help`; empty when there are none. The section is the one list of a
// workflow's commands.
std::string also(const Context& ctx, const HelpSection& section);

// A command of a workflow that takes one of its ids: "comment" with what
// follows the id (" <text>").
struct IdCommand {
    std::string_view name;
    std::string_view then = "";
};

// "/office confirm OFC-1", "/pto cancle PTO-1": a first word before one of
// the workflow's ids (`kind`) is a command mistyped, not a report, a date
// or an amount. The refusal names the command `word` nearly is (two edits
// at most), else every one of `commands` with the id, then `hint`. Nothing
// when `rest` does not start with such an id.
std::optional<Refusal> mistyped(std::string_view slash, std::string_view word,
                                std::string_view rest, core::IdKind kind,
                                const std::vector<IdCommand>& commands, std::string_view hint = "");

// True when the caller is in the directory and belongs to `audience`.
bool may(const config::Person* caller, Audience audience, const config::Config& cfg);

}  // namespace handlers
