#include "bot/dispatch/router.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/calendar.hpp"
#include "core/message.hpp"
#include "core/text.hpp"
#include "handlers/approvals.hpp"
#include "handlers/digest.hpp"
#include "handlers/expense.hpp"
#include "handlers/faq.hpp"
#include "handlers/office.hpp"
#include "handlers/pto.hpp"
#include "handlers/sitelead.hpp"
#include "handlers/small_talk.hpp"

namespace bot {
namespace {

std::string site_lead_names(const config::Config& cfg) {
    std::string out;
    for (const auto* p : cfg.site_leads()) {
        if (!out.empty()) out += " or ";
        out += fmt::format("<@{}>", p->slack_id);
    }
    return out.empty() ? std::string("your site lead") : out;
}

}  // namespace

Router::Router(const config::Config& cfg, core::Clock clock) : cfg_(cfg), clock_(std::move(clock)) {
    // The command table: a workflow adds its line here.
    routes_ = {
        {.name = "help", .directory_only = false, .prepare = nullptr},
        {.name = "pto",
         .directory_only = true,
         .prepare = handlers::pto::handle,
         .help = handlers::pto::help_section(),
         .claim = handlers::pto::claim,
         .form = &handlers::pto::form,
         .home = handlers::pto::home},
        {.name = "expense",
         .directory_only = true,
         .prepare = handlers::expense::handle,
         .help = handlers::expense::help_section(),
         .files = handlers::expense::shared_files,
         .claim = handlers::expense::claim,
         .form = &handlers::expense::form,
         .home = handlers::expense::home},
        {.name = "office",
         .directory_only = true,
         .prepare = handlers::office::handle,
         .help = handlers::office::help_section(),
         .claim = handlers::office::claim,
         .form = &handlers::office::form,
         .home = handlers::office::home},
        {.name = "faq",
         .directory_only = false,  // anyone may ask; curating checks the caller
         .prepare = handlers::faq::handle,
         .help = handlers::faq::help_section(),
         .claim = handlers::faq::claim,
         .answers_at_once = true},
        {.name = "approve",
         .directory_only = true,
         .prepare = handlers::approve,
         .help = handlers::approvals_help_section()},
        {.name = "deny",
         .directory_only = true,
         .prepare = handlers::deny,
         .form = &handlers::deny_form},
        {.name = "sitelead",
         .directory_only = true,
         .prepare = handlers::sitelead::handle,
         .help = handlers::sitelead::help_section(),
         .answers_at_once = true,
         .home = handlers::sitelead::home},
    };
}

handlers::Context Router::context(const Command& cmd, const std::string& request_id) const {
    const auto now = clock_();
    const config::Person* caller = cfg_.find_person(cmd.user_id);
    const config::Site& site = caller ? cfg_.site_of(*caller) : cfg_.sites.front();
    return handlers::Context{cfg_,
                             cmd.user_id,
                             caller,
                             site,
                             now,
                             site.today(now),
                             cmd.source == Source::button,
                             cmd.source == Source::mention,
                             request_id,
                             cmd.files};
}

bool Router::answers_at_once(const Command& cmd) const {
    const Route* route = find(cmd.name);
    // A form opens at once: its trigger_id expires three seconds after Slack
    // sent it. What a change in an open form shows comes as quickly.
    if (opens_form(route, cmd) || cmd.source == Source::form_changed) return true;
    if (cmd.source != Source::slash_command) return false;
    return !route || !route->prepare || route->answers_at_once;
}

bool Router::opens_form(const Route* route, const Command& cmd) const {
    if (!route || !route->form || cmd.trigger_id.empty()) return false;
    if (cmd.source == Source::shortcut) return true;
    return (cmd.source == Source::slash_command || cmd.source == Source::button) &&
           route->form->opened_by(cmd.text, cmd.source == Source::button);
}

const Router::Route* Router::find(std::string_view name) const {
    auto route = std::find_if(routes_.begin(), routes_.end(),
                              [&](const Route& r) { return r.name == name; });
    return route == routes_.end() ? nullptr : &*route;
}

handlers::Plan Router::prepare(const Command& cmd, const std::string& request_id,
                               storage::Snapshot& reads) const {
    const Route* route = find(cmd.name);
    if (cmd.source == Source::form) return submitted(route, cmd, request_id, reads);
    if (cmd.source == Source::form_changed) {
        handlers::Plan plan;
        if (!route || !route->form || !route->form->update) return plan;
        const handlers::Context ctx = context(cmd, request_id);
        if (!ctx.caller) return plan;
        plan.result.view =
            route->form->update(ctx, cmd.submission.values, cmd.submission.metadata, reads.db());
        return plan;
    }
    if (cmd.source == Source::home_opened) {
        handlers::Plan plan;
        plan.result.messages.push_back(core::Message::home(cmd.user_id, 0));
        return plan;
    }
    if (opens_form(route, cmd)) {
        const handlers::Context ctx = context(cmd, request_id);
        if (!ctx.caller) return not_in_directory();
        handlers::Plan plan;
        plan.result.view =
            route->form->open(ctx, cmd.text, {cmd.message, cmd.permalink}, reads.db());
        return plan;
    }
    // "What can you do?" is the help, not a question for the site lead.
    if (!route && (cmd.source == Source::direct_message || cmd.source == Source::mention) &&
        handlers::asks_what_i_do(cmd.message))
        return help(context(cmd, request_id));
    if (!route && (cmd.source == Source::direct_message || cmd.source == Source::mention))
        if (auto plan = claimed(context(cmd, request_id), cmd.message, reads))
            return std::move(*plan);
    if (!route && !cmd.files.empty()) {
        const auto taker = std::find_if(routes_.begin(), routes_.end(),
                                        [](const Route& r) { return r.files != nullptr; });
        if (taker != routes_.end()) {
            const handlers::Context ctx = context(cmd, request_id);
            if (!ctx.caller) return not_in_directory();
            return taker->files(ctx, cmd.message, reads.db());
        }
    }
    if (!route && (cmd.source == Source::direct_message || cmd.source == Source::mention))
        if (auto plan = handlers::small_talk(context(cmd, request_id), cmd.message))
            return std::move(*plan);
    if (!route) return fallback(cmd);
    const handlers::Context ctx = context(cmd, request_id);
    // `help` and `/sitelead [help]` are the router's own: the list of commands.
    if (route->name == "help" ||
        (route->name == "sitelead" && (cmd.text.empty() || cmd.text == "help")))
        return help(ctx);
    if (!ctx.caller && route->directory_only) return not_in_directory();
    try {
        return route->prepare(ctx, cmd.text, reads.db());
    } catch (const core::Refusal&) {
        // "/pto how many days do I have left": a question the command cannot
        // read is answered as the same question in a DM is (the FAQ's).
        if (!core::is_question(cmd.text)) throw;
        if (auto plan = claimed(ctx, cmd.text, reads)) return std::move(*plan);
        throw;
    }
}

std::optional<handlers::Plan> Router::claimed(const handlers::Context& ctx, std::string_view text,
                                              storage::Snapshot& reads) const {
    for (const Route& r : routes_) {
        if (!r.claim || (!ctx.caller && r.directory_only)) continue;
        if (auto plan = r.claim(ctx, text, reads.db())) return plan;
    }
    return std::nullopt;
}

// A form's submission: its values read into the command's words, prepared
// by the command's own handler; what is wrong comes back by field.
handlers::Plan Router::submitted(const Route* route, const Command& cmd,
                                 const std::string& request_id, storage::Snapshot& reads) const {
    if (!route || !route->form || !route->prepare)
        return handlers::Plan::answer(fmt::format(
            "That form (`{}`) is not one I know any more; nothing was saved.", cmd.name));
    const handlers::Context ctx = context(cmd, request_id);
    if (!ctx.caller) return not_in_directory();
    const handlers::Form& form = *route->form;
    handlers::Plan plan;
    try {
        auto read = form.read(ctx, cmd.submission.values, cmd.submission.metadata);
        if (auto* errors = std::get_if<handlers::FieldErrors>(&read)) {
            plan.result.reply.errors = std::move(*errors);
            return plan;
        }
        plan = route->prepare(ctx, std::get<std::string>(read), reads.db());
    } catch (const core::Refusal& refusal) {
        plan = {};
        plan.result.reply.errors = handlers::field_errors(refusal, form.fields);
        return plan;
    }
    // A refusal on the writer is shown in the form as well.
    plan.result.reply.fields = form.fields;
    return plan;
}

std::string Router::home(const std::string& user_id, SQLite::Database& reads) const {
    Command cmd;
    cmd.source = Source::home_opened;
    cmd.user_id = user_id;
    const handlers::Context ctx = context(cmd, "home");
    std::vector<handlers::FormButton> buttons;
    std::vector<handlers::HomeSection> sections;
    for (const auto& r : routes_) {
        if (r.form && !r.form->button.empty()) buttons.push_back({r.form->button, r.name});
        if (r.home) sections.push_back(r.home);
    }
    return handlers::home_view(ctx, buttons, sections, reads);
}

handlers::Plan Router::help(const handlers::Context& ctx) const {
    if (!ctx.caller) return not_in_directory();
    std::vector<handlers::HelpSection> sections;
    for (const auto& r : routes_)
        if (!r.help.lines.empty()) sections.push_back(r.help);
    return handlers::help(ctx, sections);
}

handlers::Plan Router::fallback(const Command& cmd) const {
    const std::string hint = cmd.source == Source::slash_command ? "`/sitelead help`" : "`help`";
    if (cmd.source == Source::direct_message || cmd.source == Source::mention)
        return handlers::Plan::answer(fmt::format(
            "Sorry, I didn't understand \"{}\". I answer commands such as `pto dec 21-23`; "
            "say {} to see them all.",
            cmd.message, hint));
    const std::string shown = cmd.source == Source::slash_command ? "/" + cmd.name : cmd.name;
    return handlers::Plan::answer(fmt::format(
        "`{}` isn't something I can do here yet. Say {} to see what I can do.", shown, hint));
}

handlers::Plan Router::not_in_directory() const {
    return handlers::Plan::answer(fmt::format(
        "You're not in the {} directory, so I can't do that for you yet. Ask {} to add you.",
        cfg_.sites.size() == 1 ? cfg_.sites.front().name + " site" : std::string("company"),
        site_lead_names(cfg_)));
}

}  // namespace bot
