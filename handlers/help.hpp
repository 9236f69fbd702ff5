#pragma once
// `/sitelead help` and a DM `help`: what the caller's roles allow.

#include <string>
#include <string_view>
#include <vector>

#include "handlers/context.hpp"
#include "core/message.hpp"

namespace handlers {

struct HelpLine {
    std::string_view usage;    // "/pto <when> [type] [reason]"
    std::string_view summary;  // "request time off"
    std::string_view role;     // "" = everyone in the directory, else the role needed
};

struct HelpSection {
    std::string_view title;
    std::vector<HelpLine> lines;
};

// Lists the lines of `sections` that the caller may use.
Plan help(const Context& ctx, const std::vector<HelpSection>& sections);

// True when the caller holds `role` ("" = anyone in the directory; site leads
// and admins may do what managers may; admins what site leads may).
bool may(const config::Person* caller, std::string_view role, const config::Config& cfg);

}  // namespace handlers
