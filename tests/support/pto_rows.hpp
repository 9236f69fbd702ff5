#pragma once
// A PTO request row written straight through the store, for storage tests.

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

#include "storage/pto_store.hpp"

namespace testing_support {

// A request of `who` from `start` to `end` (in 2027) in `status`.
inline std::int64_t add_request(SQLite::Database& db, const std::string& who,
                                const std::string& start, const std::string& end,
                                storage::pto::Status status, const std::string& part = "full") {
    storage::pto::NewRequest r;
    r.requester = who;
    r.leave_type = "vacation";
    r.start_date = start;
    r.end_date = end;
    r.part = part;
    r.days = 1;
    r.charges = {{2027, 1}};
    r.status = status;
    return storage::pto::insert(db, r, 1);
}

}  // namespace testing_support
