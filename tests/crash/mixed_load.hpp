#pragma once
// The crash loop's load (crash_loop_test.cpp): a mixed stream of every
// workflow's requests, by slash command, DM and button, each chosen from
// what was acknowledged so far (an approval of a request that was made, a
// change of a ticket that was filed), and DMs that got no answer sent again
// with the same event id, as Slack retries them.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "tests/support/slack_requests.hpp"

namespace crash {

enum class Kind {
    sick,             // /pto DAY sick: recorded at once
    vacation,         // /pto DAY vacation: waits for the manager
    pto_approve,      // the manager approves one
    expense,          // a small expense, by slash command or DM
    big_expense,      // over the second-approval amount, with a receipt
    expense_approve,  // the manager approves one (a button)
    expense_second,   // the site lead approves a big one at stage 2
    ticket,           // an office report
    ticket_ack,       // BizOps acknowledges it
    ticket_resolve,   // and resolves it
    ticket_fixed,     // its reporter confirms it is fixed
    faq_add,          // the site lead adds an entry
    faq_ask,          // a question
    announce,         // the site lead announces something to everyone, by DM too
};
constexpr int kKinds = 14;

struct Op {
    Kind kind = Kind::sick;
    std::string user;
    std::string line;       // the command line without its slash, or the DM's text
    std::string tag;        // what finds its row: a unique word or day
    std::string requester;  // a ticket\'s change: who reported it
    std::int64_t target = 0;
    std::int64_t amount_minor = 0;
    bool by_dm = false, by_button = false;
    std::string event_id;
    int attempts = 0;
    bool acknowledged = false;
};

// A request of an acknowledged kind makes a new item (a row to find).
bool creates(Kind k);

// The load: what to send next, given what was acknowledged so far.
class Load {
public:
    explicit Load(unsigned seed) : random_(seed) {}

    // The index of the op to send next: a retry of a DM, or a new op.
    std::optional<std::size_t> next();
    testing_support::SlackRequest request(std::size_t i);
    // The op got a 200 with `body`.
    void acknowledged(std::size_t i, const std::string& body);
    // No answer: Slack retries a DM (up to three times); nothing else.
    void lost(std::size_t i);

    int acknowledged_count();
    std::size_t retries_left();
    const std::vector<Op>& ops() const { return ops_; }

private:
    struct Waiting {
        std::int64_t id;
        std::string requester;
        bool big = false;
    };

    Op make(int n, Kind kind);

    std::mutex mutex_;
    std::mt19937 random_;
    std::vector<Op> ops_;
    std::deque<std::size_t> retries_;
    int counter_ = 0, acknowledged_ = 0;
    std::map<std::string, int> vacation_days_, sick_days_;
    std::deque<Waiting> pto_waiting_, expense_waiting_;
    std::deque<std::int64_t> second_stage_;
    std::deque<Waiting> open_tickets_, acked_tickets_, resolved_tickets_;
};

// Sends until the server stops answering.
void drive(Load& load, unsigned short port);

}  // namespace crash
