#include "handlers/forms.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace handlers {

std::string field_message(std::string_view refusal) {
    // The usage and the examples of the typed command follow the reason.
    for (const std::string_view cut : {"\nUsage:", "\nTry ", "\ne.g."})
        if (const auto at = refusal.find(cut); at != std::string_view::npos)
            refusal = refusal.substr(0, at);
    std::string out(core::trim(refusal));
    // Slack shows a field's error in a line or two; the full text is in the DM.
    constexpr std::size_t kMost = 300;
    if (out.size() > kMost) out = core::utf8_prefix(out, kMost - 3) + "...";
    return out;
}

FieldErrors field_errors(const core::Refusal& refusal, const std::vector<std::string>& fields) {
    std::string field = refusal.field();
    if (std::find(fields.begin(), fields.end(), field) == fields.end())
        field = fields.empty() ? std::string() : fields.front();
    return {{field, field_message(refusal.what())}};
}

std::string value_of(const Values& values, const std::string& field) {
    const auto it = values.find(field);
    return it == values.end() ? std::string() : std::string(core::trim(it->second));
}

}  // namespace handlers
