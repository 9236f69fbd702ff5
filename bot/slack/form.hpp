#pragma once
// application/x-www-form-urlencoded bodies, decoded with Boost.URL.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bot::slack {

using Form = std::unordered_map<std::string, std::string>;

// Decodes every field ("+" is a space, %XX escapes). nullopt when the body is
// not valid form encoding (a bad escape, say). A repeated key keeps the first.
std::optional<Form> parse_form(std::string_view body);

// Percent-encodes one value for a form body (spaces as "+"). For building
// requests in the CLI, tests and benchmarks.
std::string form_encode(std::string_view value);

}  // namespace bot::slack
