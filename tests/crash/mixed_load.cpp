#include "tests/crash/mixed_load.hpp"

#include <regex>

#include <fmt/format.h>

#include "tests/support/bot_process.hpp"
#include "tests/support/http_client.hpp"

namespace crash {

using namespace testing_support;

namespace {

constexpr int kVacationDays = 18;  // of the 20 each person has in a year

std::string money(std::int64_t minor) {
    return fmt::format("{}.{:02}", minor / 100, minor % 100);
}

std::int64_t id_in(const std::string& body, const char* prefix) {
    std::smatch m;
    if (!std::regex_search(body, m, std::regex(std::string(prefix) + "-([0-9]+)"))) return 0;
    return std::stoll(m[1]);
}

}  // namespace

bool creates(Kind k) {
    return k == Kind::sick || k == Kind::vacation || k == Kind::expense || k == Kind::big_expense ||
           k == Kind::ticket || k == Kind::faq_add || k == Kind::announce;
}

std::optional<std::size_t> Load::next() {
    std::lock_guard lock(mutex_);
    if (!retries_.empty()) {
        const auto i = retries_.front();
        retries_.pop_front();
        ++ops_[i].attempts;
        return i;
    }
    const int n = counter_++;
    ops_.push_back(make(n, static_cast<Kind>(n % kKinds)));
    ops_.back().attempts = 1;
    return ops_.size() - 1;
}

SlackRequest Load::request(std::size_t i) {
    std::lock_guard lock(mutex_);
    const Op& op = ops_[i];
    if (op.by_button) {
        const auto space = op.line.find(' ');
        return signed_action(button_press(op.user, "exp." + op.line.substr(0, space), op.line));
    }
    if (op.by_dm) {
        auto req = signed_event(dm_event(op.user, op.line, op.event_id));
        if (op.attempts > 1)
            req.headers.emplace_back("X-Slack-Retry-Num", std::to_string(op.attempts - 1));
        return req;
    }
    const auto space = op.line.find(' ');
    return signed_slash("/" + op.line.substr(0, space), op.line.substr(space + 1), op.user);
}

void Load::acknowledged(std::size_t i, const std::string& body) {
    std::lock_guard lock(mutex_);
    Op& op = ops_[i];
    op.acknowledged = true;
    ++acknowledged_;
    if (op.by_dm) return;  // its answer goes by DM: no id to decide on
    switch (op.kind) {
        case Kind::vacation:
            if (const auto id = id_in(body, "PTO")) pto_waiting_.push_back({id, op.user});
            break;
        case Kind::expense:
        case Kind::big_expense:
            if (const auto id = id_in(body, "EXP"))
                expense_waiting_.push_back({id, op.user, op.kind == Kind::big_expense});
            break;
        case Kind::expense_approve:
            if (op.amount_minor) second_stage_.push_back(op.target);
            break;
        case Kind::ticket:
            if (const auto id = id_in(body, "OFC")) open_tickets_.push_back({id, op.user});
            break;
        case Kind::ticket_ack:
            acked_tickets_.push_back({op.target, op.requester});
            break;
        case Kind::ticket_resolve:
            resolved_tickets_.push_back({op.target, op.requester});
            break;
        default:
            break;
    }
}

void Load::lost(std::size_t i) {
    std::lock_guard lock(mutex_);
    if (ops_[i].by_dm && ops_[i].attempts < 4) retries_.push_back(i);
}

int Load::acknowledged_count() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
}

std::size_t Load::retries_left() {
    std::lock_guard lock(mutex_);
    return retries_.size();
}

Op Load::make(int n, Kind kind) {
    static const std::vector<std::string> staff = {"UANNA", "UBEN", "UCARL", "UBIZ"};
    static const std::map<std::string, std::string> manager = {
        {"UANNA", "UMGR1"}, {"UBEN", "UMGR1"}, {"UCARL", "UMGR2"}};
    const auto pick = [&](const std::vector<std::string>& from) {
        return from[random_() % from.size()];
    };
    const std::string word = fmt::format("crash{}", n);
    Op op;
    op.kind = kind;
    op.tag = word;
    switch (kind) {
        case Kind::vacation: {
            op.user = pick({"UANNA", "UCARL"});
            if (vacation_days_[op.user] >= kVacationDays) return make(n, Kind::sick);
            op.tag = working_day_ahead(vacation_days_[op.user]++, 2);
            op.line = "pto " + op.tag + " vacation " + word;
            return op;
        }
        case Kind::sick:
            op.user = pick(staff);
            op.tag = working_day_ahead(sick_days_[op.user]++, 1);
            op.line = "pto " + op.tag + " sick " + word;
            op.by_dm = random_() % 2 == 0;
            break;
        case Kind::pto_approve: {
            if (pto_waiting_.empty()) return make(n, Kind::vacation);
            const auto w = pto_waiting_.front();
            pto_waiting_.pop_front();
            op.user = manager.at(w.requester);
            op.target = w.id;
            op.line = fmt::format("approve PTO-{}", w.id);
            return op;
        }
        case Kind::expense:
            op.user = pick({"UANNA", "UBEN", "UCARL"});
            op.amount_minor = 1000 + n % 1500;  // under the receipt amount
            op.line = fmt::format("expense {} meals {}", money(op.amount_minor), word);
            op.by_dm = random_() % 2 == 0;
            break;
        case Kind::big_expense:
            op.user = pick({"UANNA", "UBEN", "UCARL"});
            op.amount_minor = 110000 + n % 10000;  // a second approval's
            op.line = fmt::format("expense {} equipment {} https://files.example.com/{}.pdf",
                                  money(op.amount_minor), word, word);
            break;
        case Kind::expense_approve: {
            if (expense_waiting_.empty()) return make(n, Kind::expense);
            const auto w = expense_waiting_.front();
            expense_waiting_.pop_front();
            op.user = manager.at(w.requester);
            op.target = w.id;
            op.amount_minor = w.big;  // remembered: goes on to stage 2
            op.line = fmt::format("approve EXP-{}", w.id);
            op.by_button = true;
            return op;
        }
        case Kind::expense_second: {
            if (second_stage_.empty()) return make(n, Kind::big_expense);
            op.target = second_stage_.front();
            second_stage_.pop_front();
            op.user = "ULEAD";
            op.line = fmt::format("approve EXP-{}", op.target);
            return op;
        }
        case Kind::ticket:
            op.user = pick(staff);
            op.tag = fmt::format("{0}x {0}y {0}z", word);
            op.line = "office " + op.tag;
            op.by_dm = random_() % 4 == 0;
            break;
        case Kind::ticket_ack:
        case Kind::ticket_resolve:
        case Kind::ticket_fixed: {
            auto& from = kind == Kind::ticket_ack       ? open_tickets_
                         : kind == Kind::ticket_resolve ? acked_tickets_
                                                        : resolved_tickets_;
            if (from.empty()) return make(n, Kind::ticket);
            const auto w = from.front();
            from.pop_front();
            op.target = w.id;
            op.requester = w.requester;
            op.user = kind == Kind::ticket_fixed ? w.requester : "UBIZ";
            op.line = fmt::format("office {} OFC-{}",
                                  kind == Kind::ticket_ack       ? "ack"
                                  : kind == Kind::ticket_resolve ? "resolve"
                                                                 : "fixed",
                                  op.target);
            return op;
        }
        case Kind::faq_add:
            op.user = "ULEAD";
            op.tag = fmt::format("Where is the {} room?", word);
            op.line = fmt::format("faq add {} | Behind the {} door.", op.tag, word);
            break;
        case Kind::announce:
            // One in three of its turns: each brings nine messages.
            if ((n / kKinds) % 3 != 0) return make(n, Kind::faq_ask);
            op.user = "ULEAD";
            op.tag = fmt::format("news of {}", word);
            op.line = "sitelead announce --dm --send " + op.tag;
            break;
        case Kind::faq_ask:
            op.user = pick(staff);
            op.line = pick({"faq where do packages go", "faq wifi password",
                            "faq what is the capital of peru"});
            break;
    }
    if (op.by_dm) op.event_id = fmt::format("EvCRASH{}", n);
    return op;
}

void drive(Load& load, unsigned short port) {
    while (const auto i = load.next()) {
        HttpResult r;
        try {
            r = post_slack(port, load.request(*i));
        } catch (const std::exception&) {
            load.lost(*i);
            return;
        }
        if (r.status != 200) {
            load.lost(*i);
            return;
        }
        load.acknowledged(*i, r.body);
    }
}

}  // namespace crash
