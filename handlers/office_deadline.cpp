#include "handlers/office_deadline.hpp"

#include "core/working_time.hpp"

namespace handlers::office {

std::chrono::system_clock::time_point due_at(const config::Office& office, const config::Site& site,
                                             config::Priority priority,
                                             std::chrono::system_clock::time_point filed_at,
                                             int times) {
    const config::ResponseTime& response = office.response(priority);
    const core::Calendar calendar = site.calendar();
    const core::WorkingTime hours{calendar, site.hours.start, site.hours.end, site.tz()};
    const std::chrono::minutes length = response.length(hours.day()) * times;
    if (!response.working_time()) return filed_at + length;
    return hours.add(filed_at, length);
}

}  // namespace handlers::office
