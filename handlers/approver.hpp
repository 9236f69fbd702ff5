#pragma once
// Who decides a request: the one rule every workflow calls (product.md).
// The requester's manager; when there is none, or the manager is out today,
// a site lead of the requester's site, then of any site, then an admin (one
// who is in today before one who is out); never the requester.

#include <functional>
#include <string>

#include "config/config.hpp"

namespace handlers {

struct Approver {
    enum class Why {
        manager,      // the requester's manager decides
        no_manager,   // nobody is the requester's manager: a stand-in decides
        manager_out,  // the manager is out today: a stand-in decides
    };
    const config::Person* person = nullptr;
    Why why = Why::manager;
    // Why a stand-in is asked, for the messages: "<@M> is out today, so <@L>
    // (site lead) decides instead", "<@R> has no manager in the directory,
    // so <@A> (admin) decides"; empty when the manager decides.
    std::string explanation;

    bool stands_in() const { return why != Why::manager; }
};

// Whether a person is out (on approved leave) today.
using IsOut = std::function<bool(const config::Person&)>;

// Throws core::Refusal when nobody but the requester could decide.
Approver approver_for(const config::Config& cfg, const config::Person& requester,
                      const IsOut& is_out_today);

}  // namespace handlers
