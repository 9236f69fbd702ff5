// sitelead-bot: the service (`serve`) and the tools to try and check it
// without a Slack workspace.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "bot/app.hpp"
#include "bot/cli/faq.hpp"
#include "bot/cli/say.hpp"
#include "bot/outbox/cli.hpp"
#include "bot/outbox/file_share.hpp"
#include "config/config.hpp"
#include "handlers/expense.hpp"
#include "handlers/weekly.hpp"
#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace {

constexpr const char* kExampleConfig = "config/sitelead.example.json";

// --config, else $SITELEAD_CONFIG, else the example next to the sources
// (handy from a checkout).
std::string config_path(const std::string& given) {
    if (!given.empty()) return given;
    if (auto env = config::process_env("SITELEAD_CONFIG")) return *env;
    if (std::filesystem::exists(kExampleConfig)) return kExampleConfig;
    throw std::runtime_error(
        "no configuration file: pass --config FILE or set SITELEAD_CONFIG (config/README.md "
        "describes the file; config/sitelead.example.json is a starting point)");
}

config::Config load(const std::string& given) {
    config::Config cfg = config::load_file(config_path(given));
    config::apply_env(cfg);
    return cfg;
}

int serve(const std::string& given) {
    config::Config cfg = load(given);
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));
    if (cfg.slack.signing_secret.empty())
        throw std::runtime_error(
            "no Slack signing secret: set SLACK_SIGNING_SECRET to the app's Signing Secret");
    bot::App app(std::move(cfg));
    app.start();
    const config::Config& c = app.config();
    spdlog::info("listening on {}:{} (database {}; {})", c.server.address, app.port(),
                 c.database.path,
                 c.slack.bot_token.empty() ? "delivering to the log (no SLACK_BOT_TOKEN)"
                                           : "delivering to " + c.slack.api_base_url);
    app.wait();
    app.stop();
    return 0;
}

int check_config(const std::string& path) {
    try {
        const config::Config cfg = config::load_file(path);
        std::cout << "ok: " << cfg.people.size() << " people, "
                  << (cfg.sites.size() == 1 ? "site " : "sites ");
        for (std::size_t i = 0; i < cfg.sites.size(); ++i)
            std::cout << (i ? ", " : "") << cfg.sites[i].name << " (" << cfg.sites[i].time_zone
                      << ")";
        std::cout << "\n";
        return 0;
    } catch (const config::ConfigError& e) {
        std::cerr << path << ": not usable:\n";
        for (const auto& problem : e.problems()) std::cerr << "  " << problem << "\n";
        return 1;
    }
}

std::string some_names(const config::Config& cfg) {
    std::string out;
    for (std::size_t i = 0; i < cfg.people.size() && i < 5; ++i)
        out += (i ? ", " : "") + cfg.people[i].name + " (" + cfg.people[i].slack_id + ")";
    if (cfg.people.size() > 5) out += ", ...";
    return out.empty() ? "(the directory is empty)" : out;
}

// "Tiago Ferreira (U01TIAGO)" for a person, the id itself for a channel.
std::string who_is(const config::Config& cfg, const std::string& id) {
    if (const auto* p = cfg.find_person(id)) return p->name + " (" + id + ")";
    if (id.rfind("D0", 0) == 0)
        if (const auto* p = cfg.find_person(id.substr(2))) return "DM with " + p->name;
    return id;
}

// The last outbox row before a request is sent; 0 when the outbox cannot be
// read (print_messages() then says why).
std::int64_t outbox_before(const config::Config& cfg) {
    try {
        return storage::outbox::last_id(*storage::open_readonly(cfg.database));
    } catch (const std::exception&) {
        return 0;
    }
}

// The messages the request caused, read from the outbox by request id among
// the rows written since `after_id`: what the bot will send to Slack (or,
// without a bot token, log).
void print_messages(const config::Config& cfg, const std::string& request_id,
                    std::int64_t after_id) {
    if (request_id.empty()) return;
    std::vector<storage::outbox::Row> rows;
    try {
        auto db = storage::open_readonly(cfg.database);
        rows = storage::outbox::by_request(*db, request_id, after_id);
    } catch (const std::exception& e) {
        std::cout << "(cannot read the messages it caused from " << cfg.database.path << ": "
                  << e.what() << ")\n";
        return;
    }
    if (rows.empty()) return;
    std::cout << "\nMessages the bot sends because of it:\n";
    for (const auto& row : rows) {
        if (row.method == storage::outbox::kFileMethod) {
            std::cout << "  > a file to " << who_is(cfg, row.recipient) << ": "
                      << bot::describe_file(row) << "\n";
            continue;
        }
        const nlohmann::json body = row.body();
        if (row.method == storage::outbox::kHomeMethod ||
            row.method == storage::outbox::kStatusMethod) {
            const bool home = row.method == storage::outbox::kHomeMethod;
            const auto prefix =
                home ? storage::outbox::kHomePrefix : storage::outbox::kStatusPrefix;
            std::cout << (home ? "  ~ refreshes the Home tab of " : "  ~ sets the Slack status of ")
                      << who_is(cfg, row.recipient.substr(prefix.size())) << "\n";
            continue;
        }
        if (row.method == "webhook") {
            std::cout << "  > webhook to " << row.recipient << ": " << body.value("event", "")
                      << "\n";
            continue;
        }
        const bool update = row.method == "chat.update";
        const char* how = update          ? "  ~ updates its message to "
                          : row.target_id ? "  > in the thread of its message to "
                                          : "  > to ";
        std::cout << how << who_is(cfg, row.recipient) << ":\n";
        std::string text = body.value("text", "");
        for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 5)
            text.replace(at, 1, "\n    ");
        std::cout << "    " << text << "\n";
        if (body.contains("blocks")) {
            std::string buttons;
            for (const auto& block : body["blocks"])
                if (block.value("type", "") == "actions")
                    for (const auto& e : block["elements"])
                        buttons += "[" + e["text"].value("text", "") + "] ";
            if (!buttons.empty()) std::cout << "    " << buttons << "\n";
        }
    }
}

int say(const std::string& given, const std::string& who, std::string url, const std::string& form,
        const std::vector<std::string>& words) {
    spdlog::set_level(spdlog::level::warn);
    const config::Config cfg = load(given);
    const config::Person* person = cfg.find_person_loose(who);
    if (!person)
        throw std::runtime_error("--as: nobody called \"" + who +
                                 "\" in the directory; try one of: " + some_names(cfg));
    if (cfg.slack.signing_secret.empty())
        throw std::runtime_error("no Slack signing secret to sign with: set SLACK_SIGNING_SECRET");
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    if (url.empty()) url = bot::say::default_url(cfg.server);

    const auto now = std::chrono::system_clock::now();
    const auto request = form.empty() ? bot::say::build(cfg, *person, text, now)
                                      : bot::say::build_submission(cfg, *person, form, words, now);
    const std::int64_t before = outbox_before(cfg);
    const auto reply = bot::say::send(url, request);
    if (reply.status != 200) {
        std::cerr << "the server answered " << reply.status << ": " << reply.body << "\n";
        if (reply.status == 401)
            std::cerr << "(is this configuration's signing secret the server's?)\n";
        return 1;
    }
    std::cout << bot::say::render(request, reply);
    print_messages(cfg, reply.request_id, before);
    return 0;
}

// `export expenses --month 2026-11 [--out FILE]`: the month's CSV, read
// from the database without disturbing the service.
int export_expenses(const std::string& given, const std::string& month_text,
                    const std::string& out_path) {
    const config::Config cfg = load(given);
    const auto month = handlers::expense::valid_month(month_text);
    if (!month)
        throw std::runtime_error("--month: expected a month as YYYY-MM, such as 2026-11, got \"" +
                                 month_text + "\"");
    auto db = storage::open_readonly(cfg.database);
    const std::string csv = handlers::expense::export_csv(cfg, *db, *month);
    if (out_path.empty() || out_path == "-") {
        std::cout << csv;
        return 0;
    }
    std::ofstream out(out_path, std::ios::binary);
    if (!(out << csv)) throw std::runtime_error("cannot write " + out_path);
    std::cerr << "wrote " << out_path << "\n";
    return 0;
}

// `report weekly [--week 2026-W48] [--site ID]`: the week's numbers of every
// site (or one), as its site leads get them on the Monday after; without
// --week, the last whole week at each site.
int report_weekly(const std::string& given, const std::string& week_text,
                  const std::string& site_id) {
    const config::Config cfg = load(given);
    const auto monday = week_text.empty() ? std::nullopt : handlers::weekly::parse_week(week_text);
    if (!week_text.empty() && !monday)
        throw std::runtime_error(
            "--week: expected an ISO week as YYYY-Www, such as 2026-W48, got \"" + week_text +
            "\"");
    if (!site_id.empty() && !cfg.find_site(site_id))
        throw std::runtime_error("--site: there is no site \"" + site_id + "\"");
    auto db = storage::open_readonly(cfg.database);
    std::string out;
    for (const auto& site : cfg.sites)
        if (site_id.empty() || site.id == site_id)
            out += (out.empty() ? "" : "\n") +
                   handlers::weekly::summary(site, *db,
                                             monday ? *monday
                                                    : handlers::weekly::last_week(
                                                          site, std::chrono::system_clock::now()));
    std::cout << out;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{
        "sitelead-bot: a Slack bot for the site lead (PTO, expenses, office tickets, FAQ)"};
    cli.require_subcommand(1);

    std::string serve_config;
    auto* serve_cmd = cli.add_subcommand("serve", "Run the service");
    serve_cmd->add_option(
        "--config", serve_config,
        "Configuration file (default: $SITELEAD_CONFIG, else " + std::string(kExampleConfig) + ")");

    std::string check_path;
    auto* check_cmd = cli.add_subcommand("check-config", "Check a configuration file");
    check_cmd->add_option("file", check_path, "Configuration file")->required();

    std::string say_config, say_as, say_url, say_form;
    std::vector<std::string> say_words;
    auto* say_cmd = cli.add_subcommand(
        "say", "Send what Slack would send when a person types TEXT, and print the reply");
    say_cmd->add_option("--as", say_as, "Slack id, name, first name or email of the sender")
        ->required();
    say_cmd->add_option("--config", say_config, "Configuration file (as for serve)");
    say_cmd->add_option("--url", say_url,
                        "Server to send to (default http://<server.address>:<server.port>)");
    say_cmd->add_option("--submit", say_form,
                        "Submit the form FORM (pto, expense, office, deny) instead: TEXT is its "
                        "fields, e.g. start=2026-12-21 end=2026-12-23 type=vacation");
    say_cmd->add_option("text", say_words, "What the person types, e.g. \"/pto dec 21\"")
        ->required();

    std::string outbox_config, outbox_state = "dead";
    std::optional<std::int64_t> requeue_id;
    auto* outbox_cmd = cli.add_subcommand("outbox", "Inspect and re-send outbound messages");
    outbox_cmd->require_subcommand(1);
    outbox_cmd->add_option("--config", outbox_config, "Configuration file (as for serve)");
    auto* list_cmd = outbox_cmd->add_subcommand("list", "List messages in a state (default dead)");
    list_cmd->add_option("--state", outbox_state, "pending, sent or dead");
    auto* requeue_cmd =
        outbox_cmd->add_subcommand("requeue", "Send dead messages again (all, or the one given)");
    requeue_cmd->add_option("id", requeue_id, "Outbox row id");

    std::string export_config, export_month, export_out;
    auto* export_cmd = cli.add_subcommand("export", "Write records for finance tools");
    export_cmd->require_subcommand(1);
    auto* expenses_cmd =
        export_cmd->add_subcommand("expenses", "A month of expenses as CSV (RFC 4180)");
    expenses_cmd->add_option("--month", export_month, "The month they were spent, YYYY-MM")
        ->required();
    expenses_cmd->add_option("--out", export_out, "The file to write (default: standard output)");
    expenses_cmd->add_option("--config", export_config, "Configuration file (as for serve)");

    std::string faq_config, faq_file, faq_out;
    std::string report_config, report_week, report_site;
    auto* report_cmd = cli.add_subcommand("report", "Print reports of the bot's records");
    report_cmd->require_subcommand(1);
    auto* weekly_cmd =
        report_cmd->add_subcommand("weekly", "A week in numbers, as the site leads get it");
    weekly_cmd->add_option(
        "--week", report_week,
        "The ISO week, YYYY-Www (e.g. 2026-W48); the last whole week if left out");
    weekly_cmd->add_option("--site", report_site, "Only this site (its id)");
    weekly_cmd->add_option("--config", report_config, "Configuration file (as for serve)");

    auto* faq_cmd = cli.add_subcommand("faq", "Import or export the FAQ as JSON");
    faq_cmd->require_subcommand(1);
    faq_cmd->add_option("--config", faq_config, "Configuration file (as for serve)");
    auto* faq_import_cmd =
        faq_cmd->add_subcommand("import", "Add and change entries from a FAQ file, by key");
    faq_import_cmd->add_option("file", faq_file, "A FAQ file, as config/faq.json")->required();
    auto* faq_export_cmd = faq_cmd->add_subcommand("export", "Write the FAQ as JSON");
    faq_export_cmd->add_option("--out", faq_out, "The file to write (default: standard output)");

    CLI11_PARSE(cli, argc, argv);

    try {
        if (*serve_cmd) return serve(serve_config);
        if (*check_cmd) return check_config(check_path);
        if (*say_cmd) return say(say_config, say_as, say_url, say_form, say_words);
        if (*list_cmd) return bot::outbox_list(load(outbox_config), outbox_state, std::cout);
        if (*requeue_cmd) return bot::outbox_requeue(load(outbox_config), requeue_id, std::cout);
        if (*expenses_cmd) return export_expenses(export_config, export_month, export_out);
        if (*weekly_cmd) return report_weekly(report_config, report_week, report_site);
        if (*faq_import_cmd) return bot::faq_import(load(faq_config), faq_file, std::cout);
        if (*faq_export_cmd) return bot::faq_export(load(faq_config), faq_out, std::cout);
    } catch (const config::ConfigError& e) {
        std::cerr << "sitelead-bot: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "sitelead-bot: " << e.what() << "\n";
        return 1;
    }
    return 1;
}
