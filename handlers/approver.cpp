#include "handlers/approver.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/message.hpp"
#include "core/text.hpp"

namespace handlers {

Approver approver_for(const config::Config& cfg, const config::Person& requester,
                      const IsOut& is_out_today) {
    const config::Person* manager = cfg.find_person(requester.manager);
    if (manager && manager->slack_id != requester.slack_id && !is_out_today(*manager))
        return {manager, Approver::Why::manager, {}};

    // A site lead of the requester's site, then of any site, then an admin;
    // whoever is in today before whoever is out.
    const config::Site& site = cfg.site_of(requester);
    std::vector<const config::Person*> stand_ins = cfg.site_leads_of(site);
    for (const auto* lead : cfg.site_leads())
        if (!site.leads(lead->slack_id)) stand_ins.push_back(lead);
    for (const auto& p : cfg.people)
        if (p.has_role(config::Role::admin) && !p.has_role(config::Role::site_lead))
            stand_ins.push_back(&p);
    std::stable_partition(stand_ins.begin(), stand_ins.end(),
                          [&](const config::Person* p) { return !is_out_today(*p); });
    for (const auto* lead : stand_ins) {
        if (lead->slack_id == requester.slack_id) continue;
        const std::string_view as = lead->has_role(config::Role::site_lead) ? "site lead" : "admin";
        if (manager)
            return {
                lead, Approver::Why::manager_out,
                fmt::format("{} is out today, so {} ({}) decides instead",
                            core::mention(manager->slack_id), core::mention(lead->slack_id), as)};
        return {lead, Approver::Why::no_manager,
                fmt::format("{} has no manager in the directory, so {} ({}) decides",
                            core::mention(requester.slack_id), core::mention(lead->slack_id), as)};
    }
    throw core::Refusal(
        "There is nobody else who can approve your requests: ask an admin to set your manager "
        "in the site directory.");
}

}  // namespace handlers
