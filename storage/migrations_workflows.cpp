#include "storage/migrations.hpp"

namespace storage {

std::string outbox_rebuilt(std::initializer_list<std::string_view> methods, bool home_index) {
    std::string check;
    for (const auto method : methods)
        check +=
            std::string(check.empty() ? "" : " OR ") + "method = '" + std::string(method) + "'";
    std::string sql = R"sql(
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    request_id      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    recipient       TEXT NOT NULL,
    method          TEXT NOT NULL CHECK ()sql" +
                      check + R"sql(),
    subject         TEXT,
    has_buttons     INTEGER NOT NULL DEFAULT 0,
    target_id       INTEGER REFERENCES outbox (id),
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state = 'pending' OR state = 'sent' OR state = 'dead'),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    slack_channel   TEXT,
    slack_ts        TEXT,
    sent_at         INTEGER
);
INSERT INTO outbox_new SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_subject ON outbox (subject) WHERE subject IS NOT NULL;
CREATE INDEX outbox_request ON outbox (request_id);
CREATE INDEX outbox_queue ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';
)sql";
    if (home_index)
        sql +=
            "CREATE INDEX outbox_home ON outbox (recipient) "
            "WHERE state = 'pending' AND method = 'views.publish';\n";
    return sql;
}

// Steps 11 on: expenses, office tickets, the FAQ, Home tabs, reminders,
// calendar feeds.
// Timestamps are INTEGER Unix milliseconds, UTC; calendar dates TEXT
// YYYY-MM-DD in the site's time zone.
const std::vector<std::string>& workflow_steps() {
    static const std::vector<std::string> steps = {
        // 11: expenses. Amounts in integer minor units of their currency;
        // spent_on is the submitter's site's calendar date. The state and
        // its stage (1: the approver rule's, 2: a site lead's) move together.
        R"sql(
CREATE TABLE expenses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    submitter     TEXT NOT NULL,
    site          TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL,
    category      TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    spent_on      TEXT NOT NULL,
    receipt_url   TEXT NOT NULL DEFAULT '',
    receipt_file  TEXT NOT NULL DEFAULT '',
    receipt_name  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'needs_receipt' OR status = 'pending'
                                       OR status = 'approved' OR status = 'denied'
                                       OR status = 'cancelled' OR status = 'reimbursed'),
    stage         INTEGER NOT NULL DEFAULT 1 CHECK (stage = 1 OR stage = 2),
    approver      TEXT NOT NULL DEFAULT '',
    flags         TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    decided_by    TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX expenses_by_submitter ON expenses (submitter, created_at);
CREATE INDEX expenses_by_approver ON expenses (approver, status);
CREATE INDEX expenses_by_day ON expenses (spent_on);
)sql",
        // 12: office tickets, their followers, and a full-text index (FTS5,
        // Porter stems) of the descriptions of those still open, where a
        // new report looks for the ticket it repeats.
        R"sql(
CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    requester   TEXT NOT NULL,
    site        TEXT NOT NULL,
    description TEXT NOT NULL,
    category    TEXT NOT NULL,
    priority    TEXT NOT NULL CHECK (priority = 'low' OR priority = 'normal'
                                     OR priority = 'high' OR priority = 'urgent'),
    status      TEXT NOT NULL CHECK (status = 'open' OR status = 'acknowledged'
                                     OR status = 'resolved' OR status = 'closed'),
    assignee    TEXT NOT NULL DEFAULT '',
    photo       TEXT NOT NULL DEFAULT '',
    similar_to  INTEGER REFERENCES tickets (id),
    due_at      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX tickets_waiting ON tickets (site, due_at) WHERE status = 'open';
CREATE INDEX tickets_by_requester ON tickets (requester, status);
CREATE TABLE ticket_followers (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    person    TEXT NOT NULL,
    PRIMARY KEY (ticket_id, person)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE ticket_text USING fts5(description, tokenize = 'porter unicode61');
)sql",
        // 13: a ticket's escalation: when its site lead is told (twice the
        // response time), and how far it has gone, so that each step
        // happens once, across restarts.
        R"sql(
ALTER TABLE tickets ADD COLUMN escalate_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
)sql",
        // 14: the outbox also holds webhooks (method 'webhook': the payload
        // POSTed to the URL in recipient), with the columns, rows and
        // indexes of step 8.
        outbox_rebuilt({"chat.postMessage", "chat.update", "webhook"}, false),
        // 15: the stems of open tickets' words (FTS5's porter tokenizer, the
        // same terms as ticket_text), in a plain index by site and stem: a
        // new report looks there first for an open ticket sharing two of its
        // words, and asks FTS5 to rank only when one does. Filled here from
        // the FTS5 index itself.
        R"sql(
CREATE TABLE ticket_stems (
    site      TEXT NOT NULL,
    stem      TEXT NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (site, stem, ticket_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.ticket_terms USING fts5vocab(main, ticket_text, 'instance');
INSERT OR IGNORE INTO ticket_stems (site, stem, ticket_id)
SELECT t.site, v.term, v.doc FROM temp.ticket_terms v JOIN tickets t ON t.id = v.doc;
DROP TABLE temp.ticket_terms;
)sql",
        // 16: the FAQ: curated entries (for every site, site '', or one),
        // their full-text index (FTS5, porter stems; question, tags and
        // answer as columns, weighted when ranked), and the questions asked.
        R"sql(
CREATE TABLE faq_entries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT UNIQUE,
    site       TEXT NOT NULL DEFAULT '',
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    tags       TEXT NOT NULL DEFAULT '',
    contact    TEXT NOT NULL DEFAULT '',
    command    TEXT NOT NULL DEFAULT '',
    removed    INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE VIRTUAL TABLE faq_text USING fts5(question, tags, answer, tokenize = 'porter unicode61');
)sql",
        // 17: the questions the FAQ could not answer (Q-n): who asked, at
        // which site, and the answer a site lead gave.
        R"sql(
CREATE TABLE faq_questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    asker       TEXT NOT NULL,
    site        TEXT NOT NULL,
    text        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL DEFAULT '',
    entry_id    INTEGER REFERENCES faq_entries (id),
    asked_at    INTEGER NOT NULL,
    answered_at INTEGER
);
CREATE INDEX faq_questions_open ON faq_questions (site, asked_at) WHERE answered_at IS NULL;
)sql",
        // 18: a counter every change of the FAQ's entries moves, so that
        // readers keep what they derive from the entries until it does.
        R"sql(
CREATE TABLE faq_version (n INTEGER NOT NULL);
INSERT INTO faq_version (n) VALUES (0);
)sql",
        // 19: every question asked of the FAQ, what it got (an entry, or a
        // Q-n), and the asker's feedback on the answer.
        R"sql(
CREATE TABLE faq_asks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    asker       TEXT NOT NULL,
    site        TEXT NOT NULL,
    text        TEXT NOT NULL,
    entry_id    INTEGER REFERENCES faq_entries (id),
    question_id INTEGER REFERENCES faq_questions (id),
    confidence  REAL NOT NULL,
    helpful     INTEGER,
    asked_at    INTEGER NOT NULL,
    feedback_at INTEGER
);
CREATE INDEX faq_asks_by_asker ON faq_asks (asker, entry_id);
CREATE INDEX faq_asks_by_site ON faq_asks (site, asked_at);
)sql",
        // 20: the outbox also publishes Home tabs (method 'views.publish',
        // recipient 'home:<user>', rendered when delivered), one waiting per
        // person, found by its own small index: a burst of changes queues one.
        outbox_rebuilt({"chat.postMessage", "chat.update", "webhook", "views.publish"}, true),
        // 21: how far the reminders of a request waiting for a decision have
        // gone: how many were sent, and whether a site lead was handed it.
        R"sql(
CREATE TABLE reminders (
    kind    TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    sent    INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id)
) WITHOUT ROWID;
)sql",
        // 22: each person's secret for their calendar feed (GET
        // /calendar.ics?token=...); a new one replaces the old.
        R"sql(
CREATE TABLE calendar_tokens (
    person     TEXT PRIMARY KEY,
    token      TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
        // 23: announcements of a site: to its channel and, with dm, to
        // everyone of it by DM; at once or scheduled. dms_until is when the
        // last of its DMs is due: the next announcement's DMs follow it, so
        // that together they keep to announcements.dms_per_minute.
        R"sql(
CREATE TABLE announcements (
    id         INTEGER PRIMARY KEY,
    site       TEXT NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    channel    TEXT NOT NULL DEFAULT '',
    dm         INTEGER NOT NULL,
    state      TEXT NOT NULL CHECK (state = 'scheduled' OR state = 'sent' OR state = 'cancelled'),
    due_at     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    messages   INTEGER NOT NULL DEFAULT 0,
    dms_until  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX announcements_scheduled ON announcements (site, due_at) WHERE state = 'scheduled';
CREATE INDEX announcements_by_site ON announcements (site, due_at);
)sql",
        // 24: the outbox also sets people's Slack status while they are
        // away (method 'users.profile.set', recipient 'status:<user>').
        outbox_rebuilt(
            {"chat.postMessage", "chat.update", "webhook", "views.publish", "users.profile.set"},
            true),
        // 25: the index of a person's requests by end date also holds the
        // part of the day, so that "touching a span" (the teammates line on
        // every request, the overlap check on the writer) reads its rows
        // from the index alone, without a seek into the table for each.
        R"sql(
DROP INDEX pto_by_requester_ends;
CREATE INDEX pto_by_requester_ends ON pto_requests (requester, end_date, start_date, status, part);
)sql",
        // 26: the outbox also shares files in a DM (method
        // 'files.completeUploadExternal': a month's expenses as CSV).
        outbox_rebuilt({"chat.postMessage", "chat.update", "webhook", "views.publish",
                        "users.profile.set", "files.completeUploadExternal"},
                       true),
        // 27: what the FAQ learns from whole questions (the asks its answer
        // helped, rated so, and the questions site leads answered): a
        // counter that moves whenever one is added, so that readers keep the
        // questions they have read until it does, and a small index that
        // finds the helped ones among all the asks.
        R"sql(
CREATE TABLE faq_learnt (n INTEGER NOT NULL);
INSERT INTO faq_learnt (n) VALUES (0);
CREATE INDEX faq_asks_helpful ON faq_asks (id) WHERE helpful = 1;
)sql",
        // 28: a site lead may make the FAQ forget a question it learnt
        // (`/faq forget ASK-7`): what it learnt of that text for that entry
        // (0: answered in words) up to then no longer counts; a later
        // helpful press or answer teaches it again. What counts is one
        // view, read by the search and by the site lead's review alike.
        R"sql(
CREATE TABLE faq_forgotten (
    text         TEXT NOT NULL,
    entry_id     INTEGER NOT NULL,
    forgotten_by TEXT NOT NULL,
    forgotten_at INTEGER NOT NULL,
    PRIMARY KEY (text, entry_id)
) WITHOUT ROWID;
CREATE VIEW faq_lessons AS
SELECT * FROM (
    SELECT 'ASK' AS kind, id, text, site, asker AS taught_by, entry_id, feedback_at AS at
    FROM faq_asks INDEXED BY faq_asks_helpful WHERE helpful = 1
    UNION ALL
    SELECT 'Q', id, text, site, answered_by, coalesce(entry_id, 0), answered_at
    FROM faq_questions WHERE answered_at IS NOT NULL
) AS l
WHERE NOT EXISTS (SELECT 1 FROM faq_forgotten AS f
                  WHERE f.text = l.text AND f.entry_id = l.entry_id AND f.forgotten_at >= l.at);
)sql",
        // 29: no index finds outbox rows by request: only `say` looked them
        // up so, and every message paid for it (an index entry and its WAL
        // frames). `say` now reads the rows written since it sent the
        // command.
        "DROP INDEX outbox_request;",
        // 30: two structures written on every created PTO request, made
        // smaller. A charge is found only by its key (request, year), so
        // its table is that key (WITHOUT ROWID): one b-tree written per
        // charge instead of a table and its index. And the Home tab's
        // "a publish already waits for this person" check, run twice per
        // change, reads the index alone instead of seeking each outbox row
        // it finds (SQLite 3.40 counts a partial index as covering only
        // when it holds every column the query names, its condition's too).
        R"sql(
CREATE TABLE pto_charges_new (
    request_id INTEGER NOT NULL REFERENCES pto_requests (id),
    year       INTEGER NOT NULL,
    days       REAL NOT NULL,
    PRIMARY KEY (request_id, year)
) WITHOUT ROWID;
INSERT INTO pto_charges_new SELECT request_id, year, days FROM pto_charges;
DROP TABLE pto_charges;
ALTER TABLE pto_charges_new RENAME TO pto_charges;
DROP INDEX outbox_home;
CREATE INDEX outbox_home ON outbox (recipient, next_attempt_at, state, method)
WHERE state = 'pending' AND method = 'views.publish';
)sql",
    };
    return steps;
}

}  // namespace storage
