#include "bot/outbox/outcome.hpp"

namespace bot {

void write_outcome(SQLite::Database& db, const Settlement& s) {
    switch (s.out.kind) {
        case Outcome::Kind::sent:
            storage::outbox::mark_sent(db, s.row.id, s.out.channel, s.out.ts, s.at);
            break;
        case Outcome::Kind::retry:
            storage::outbox::mark_retry(db, s.row.id, s.out.attempts, s.out.next_attempt_at,
                                        s.out.error);
            break;
        case Outcome::Kind::dead:
            storage::outbox::mark_dead(db, s.row.id, s.out.attempts, s.out.error);
            break;
    }
}

}  // namespace bot
