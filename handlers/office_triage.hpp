#pragma once
// What an office report is about and how urgent it is, from the words people
// use ("the kitchen sink is leaking again" is facilities, urgent), unless
// the report says so itself with a #category or a !priority.

#include <string>
#include <string_view>

#include "config/office.hpp"

namespace handlers::office {

struct Triage {
    std::string category;  // a configured category, or "other"
    config::Priority priority = config::Priority::normal;
    std::string description;  // as typed, without the #category and !priority
};

// Throws core::Refusal for a #category or !priority that does not exist,
// naming those that do.
Triage triage(const config::Office& office, std::string_view report);

}  // namespace handlers::office
