// The admin's directory and configuration commands (product.md: "admin:
// everything the site lead may, plus directory and configuration
// commands"). Both read; the directory and the configuration are the file's,
// changed where it is kept, so nothing here writes.

#include "handlers/sitelead_admin.hpp"

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "handlers/approver.hpp"
#include "handlers/expense_parts.hpp"
#include "storage/faq_store.hpp"
#include "storage/pto_store.hpp"

namespace handlers::sitelead {
namespace {

using core::days_text;
using core::mention;

constexpr std::string_view kWhoisUsage = "Usage: `/sitelead whois @someone` (or a name or email)";

void admins_only(const Context& ctx, std::string_view command) {
    if (!ctx.caller || !ctx.caller->has_role(config::Role::admin))
        throw Refusal(fmt::format("`/sitelead {}` is for admins.", command));
}

std::string roles_text(const config::Person& p) {
    std::string out;
    for (const auto role : p.roles) out += (out.empty() ? "" : ", ") + std::string(to_string(role));
    return out.empty() ? "employee" : out;
}

std::string mentions(const std::vector<const config::Person*>& people) {
    std::string out;
    for (const auto* p : people) out += (out.empty() ? "" : ", ") + mention(p->slack_id);
    return out.empty() ? "none" : out;
}

// "1 admin", "3 admins".
std::string counted(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string channel_text(const std::string& channel) {
    return channel.empty() ? "none" : core::channel_link(channel);
}

}  // namespace

// ---- /sitelead whois @someone --------------------------------------------

Plan whois(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    admins_only(ctx, "whois");
    const std::string_view who = core::trim(args);
    if (who.empty()) throw Refusal(fmt::format("Whom? {}", kWhoisUsage));
    const std::string id = core::mentioned_user(who);
    const config::Person* p = ctx.cfg.find_person_loose(id.empty() ? who : std::string_view(id));
    if (!p)
        throw Refusal(fmt::format("Nobody in the directory is {}. {}",
                                  id.empty() ? "`" + core::plain(who) + "`" : mention(id),
                                  kWhoisUsage));
    const config::Site& site = ctx.cfg.site_of(*p);
    const std::string today = core::iso(site.today(ctx.now));
    const config::Person* manager = ctx.cfg.find_person(p->manager);

    std::string text = fmt::format("*{}* {}{}\n", p->name, mention(p->slack_id),
                                   p->email.empty() ? "" : " · " + p->email);
    text += fmt::format("*Site:* {} (`{}`) · *roles:* {}\n", site.name, site.id, roles_text(*p));
    text += fmt::format("*Manager:* {} · *reports:* {}\n",
                        manager              ? mention(manager->slack_id)
                        : p->manager.empty() ? std::string("none")
                                             : p->manager + " (not in the directory)",
                        mentions(ctx.cfg.reports_of(p->slack_id)));
    if (storage::pto::is_out(reads, p->slack_id, today)) text += "*Out today* on approved leave\n";
    // Who decides their requests today: the approvals' one rule.
    try {
        const Approver approver = approver_for(ctx.cfg, *p, [&](const config::Person& other) {
            return storage::pto::is_out(reads, other.slack_id, today);
        });
        text += fmt::format("*Their requests go to:* {}{}\n", mention(approver.person->slack_id),
                            approver.stands_in() ? " (" + approver.explanation + ")" : "");
    } catch (const Refusal& nobody) {
        text += fmt::format("*Their requests go to:* nobody: {}\n", nobody.what());
    }
    const int year = core::year_of(site.today(ctx.now));
    text += fmt::format("*Time off in {}:*", year);
    for (const auto& type : ctx.cfg.pto.types) {
        const double allowance = ctx.cfg.allowance(*p, type);
        const double taken = storage::pto::usage(reads, p->slack_id, type.name, year).taken();
        text += allowance < 0 ? fmt::format(" {} {} taken, no limit;", type.name, days_text(taken))
                              : fmt::format(" {} {} of {} taken;", type.name, days_text(taken),
                                            days_text(allowance));
    }
    text.back() = '\n';
    return Plan::answer(text);
}

// ---- /sitelead config -----------------------------------------------------

Plan configuration(const Context& ctx, std::string_view args, SQLite::Database& reads) {
    admins_only(ctx, "config");
    if (!core::trim(args).empty())
        throw Refusal(fmt::format("`/sitelead config` takes nothing after it (I got \"{}\").",
                                  core::plain(core::trim(args))));
    const config::Config& cfg = ctx.cfg;
    std::string text = "*The configuration in use* (read at start; change it in its file)\n";
    text += fmt::format("*Sites* ({}):\n", cfg.sites.size());
    for (const auto& s : cfg.sites)
        text += fmt::format(
            "• `{}` {} · {} · {} · hours {}–{} · leads {} · BizOps {} · announcements {}\n", s.id,
            s.name, s.time_zone, s.currency, core::time_of_day_text(s.hours.start),
            core::time_of_day_text(s.hours.end), mentions(cfg.site_leads_of(s)),
            channel_text(s.bizops_channel.empty() ? cfg.slack.bizops_channel : s.bizops_channel),
            channel_text(s.announcements_channel.empty() ? cfg.announcements.channel
                                                         : s.announcements_channel));
    std::size_t managers = 0;
    for (const auto& p : cfg.people)
        if (!cfg.reports_of(p.slack_id).empty()) ++managers;
    const auto with = [&](config::Role role) {
        return std::count_if(cfg.people.begin(), cfg.people.end(),
                             [&](const config::Person& p) { return p.has_role(role); });
    };
    text += fmt::format(
        "*Directory:* {}: {}, {}, {} in BizOps, {} (`/sitelead whois @someone` for one)\n",
        counted(cfg.people.size(), "person", "people"), counted(managers, "manager", "managers"),
        counted(with(config::Role::site_lead), "site lead", "site leads"),
        with(config::Role::bizops), counted(with(config::Role::admin), "admin", "admins"));
    text += "*Leave types:*";
    for (const auto& type : cfg.pto.types)
        text += fmt::format(" {} ({}, {});", type.name,
                            type.allowance ? days_text(*type.allowance) + " a year" : "no limit",
                            type.needs_approval ? "approved" : "recorded");
    text.back() = '\n';
    const config::Site& here = ctx.site;
    text += fmt::format(
        "*Expenses* (at {}): a receipt above {} · a site lead approves too above {} · at most "
        "{}; {} categories\n",
        here.name, expense::parts::limit_text(cfg.expenses.receipt_above, here),
        expense::parts::limit_text(cfg.expenses.second_approval_above, here),
        expense::parts::limit_text(cfg.expenses.ceiling, here), cfg.expenses.categories.size());
    text += fmt::format("*Office tickets:* {} categories\n", cfg.office.categories.size());
    text += fmt::format("*FAQ:* {} entries · answered from confidence {}\n",
                        storage::faq::count(reads), cfg.faq.min_confidence);
    text += fmt::format("*Slack:* bot token {} · user token {} (status while away {})\n",
                        cfg.slack.bot_token.empty() ? "not set: messages go to the log" : "set",
                        cfg.slack.user_token.empty() ? "not set" : "set",
                        cfg.pto.slack_status ? "on" : "off");
    return Plan::answer(text);
}

std::vector<HelpLine> admin_help_lines() {
    return {{"/sitelead whois @someone", "their site, roles, manager, who approves them today",
             Audience::admins},
            {"/sitelead config", "the configuration in use, in short", Audience::admins}};
}

}  // namespace handlers::sitelead
