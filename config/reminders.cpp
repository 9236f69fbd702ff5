#include "config/reminders.hpp"

#include "config/reader.hpp"

namespace config {

void read_reminders(Reader& r, const nlohmann::json& j, Reminders& reminders) {
    const std::string p = "reminders";
    r.get(j, p, "days", reminders.days);
    r.get(j, p, "expire_after_days", reminders.expire_after_days);
}

void check_reminders(const Reminders& reminders, std::vector<std::string>& problems) {
    int last = 0;
    for (const int d : reminders.days) {
        if (d <= last || d > 250) {
            problems.push_back(
                "reminders.days: expected working days from 1 to 250 in ascending order, such as "
                "[1, 3, 5]");
            return;
        }
        last = d;
    }
    if (reminders.expire_after_days < 0 || reminders.expire_after_days > 250 ||
        (reminders.expire_after_days != 0 && reminders.expire_after_days <= last))
        problems.push_back(
            "reminders.expire_after_days: expected 0 (never) or a number of working days after "
            "the last reminder day and at most 250, got " +
            std::to_string(reminders.expire_after_days));
}

}  // namespace config
