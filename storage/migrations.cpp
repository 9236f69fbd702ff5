#include "storage/migrations.hpp"

namespace storage {

// All timestamps are INTEGER Unix milliseconds, UTC. Calendar dates are TEXT
// YYYY-MM-DD in the site's time zone.
const std::vector<std::string>& migrations() {
    // 1 to 10: the platform and PTO; 11 on: the workflows that came after
    // (storage/migrations_workflows.cpp).
    static const std::vector<std::string> platform_and_pto = {
        // 1: Slack de-duplication, the outbox, the scheduler's memory.
        R"sql(
CREATE TABLE processed_events (
    event_id    TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL,
    response    TEXT NOT NULL
);
CREATE TABLE interactions (
    key         TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL,
    response    TEXT NOT NULL
);
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    request_id      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    recipient       TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('chat.postMessage', 'chat.update')),
    subject         TEXT,
    has_buttons     INTEGER NOT NULL DEFAULT 0,
    target_id       INTEGER REFERENCES outbox (id),
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    slack_channel   TEXT,
    slack_ts        TEXT,
    sent_at         INTEGER
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_subject ON outbox (subject) WHERE subject IS NOT NULL;
CREATE INDEX outbox_request ON outbox (request_id);
CREATE TABLE scheduler_runs (
    job         TEXT PRIMARY KEY,
    last_run_at INTEGER NOT NULL
);
)sql",
        // 2: PTO requests, their per-year charges and their audit trail.
        R"sql(
CREATE TABLE pto_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    requester     TEXT NOT NULL,
    leave_type    TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    part          TEXT NOT NULL DEFAULT 'full' CHECK (part IN ('full', 'am', 'pm')),
    days          REAL NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'cancelled')),
    approver      TEXT,
    decided_by    TEXT,
    decided_at    INTEGER,
    decision_note TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX pto_by_requester ON pto_requests (requester, start_date);
CREATE INDEX pto_by_dates ON pto_requests (status, start_date, end_date);
CREATE INDEX pto_by_approver ON pto_requests (approver, status);
CREATE TABLE pto_charges (
    request_id INTEGER NOT NULL REFERENCES pto_requests (id),
    year       INTEGER NOT NULL,
    days       REAL NOT NULL,
    PRIMARY KEY (request_id, year)
);
CREATE TABLE pto_audit (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES pto_requests (id),
    action     TEXT NOT NULL CHECK (action IN ('created', 'recorded', 'approved', 'denied', 'cancelled', 'delegated')),
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
)sql",
        // 3: indexes the hot queries need. The outbox worker looks for the
        // oldest pending row of each recipient on every scan; the PTO
        // handler's per-person questions (balance, overlap, "is out") name the
        // person and the status, and with only (requester, start_date) the
        // planner chose the status index and scanned every open request.
        R"sql(
CREATE INDEX outbox_pending_heads ON outbox (recipient, id) WHERE state = 'pending';
DROP INDEX pto_by_requester;
CREATE INDEX pto_by_requester_status ON pto_requests (requester, status, start_date);
)sql",
        // 4: the outbox worker keeps its queue in memory and reads only rows
        // it has not seen, in id order: one small index of pending ids
        // replaces the two it no longer queries, so each enqueue and each
        // delivery maintains one pending index instead of two. Dead rows get
        // their own index for the gauge and the CLI.
        R"sql(
DROP INDEX outbox_pending;
DROP INDEX outbox_pending_heads;
CREATE INDEX outbox_queue ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';
)sql",
        // 5: the per-person PTO index becomes (requester, start_date,
        // end_date, status): a person's requests come in date order with no
        // sort, the interval and status tests are answered from the index
        // (only matching rows are read), and no IN list over status has to
        // drive the search, which made SQLite build a temporary table per
        // query.
        R"sql(
DROP INDEX pto_by_requester_status;
CREATE INDEX pto_by_requester_dates ON pto_requests (requester, start_date, end_date, status);
)sql",
        // 6: days charged per person, leave type and year, kept by triggers
        // beside the requests and their charges, so a balance check is one
        // key lookup whatever a person's history (before: a sum over all of
        // their requests of that year). The triggers are the only writers:
        // no code path can forget to keep it.
        R"sql(
CREATE TABLE pto_usage (
    requester  TEXT NOT NULL,
    leave_type TEXT NOT NULL,
    year       INTEGER NOT NULL,
    approved   REAL NOT NULL DEFAULT 0,
    pending    REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (requester, leave_type, year)
) WITHOUT ROWID;
INSERT INTO pto_usage (requester, leave_type, year, approved, pending)
SELECT r.requester, r.leave_type, c.year,
       coalesce(sum(c.days) FILTER (WHERE r.status = 'approved'), 0),
       coalesce(sum(c.days) FILTER (WHERE r.status = 'pending'), 0)
FROM pto_requests r JOIN pto_charges c ON c.request_id = r.id
WHERE r.status IN ('approved', 'pending')
GROUP BY r.requester, r.leave_type, c.year;
CREATE TRIGGER pto_usage_on_charge AFTER INSERT ON pto_charges
BEGIN
    INSERT INTO pto_usage (requester, leave_type, year, approved, pending)
    SELECT r.requester, r.leave_type, NEW.year,
           CASE r.status WHEN 'approved' THEN NEW.days ELSE 0 END,
           CASE r.status WHEN 'pending' THEN NEW.days ELSE 0 END
    FROM pto_requests r WHERE r.id = NEW.request_id AND r.status IN ('approved', 'pending')
    ON CONFLICT (requester, leave_type, year) DO UPDATE
    SET approved = approved + excluded.approved, pending = pending + excluded.pending;
END;
CREATE TRIGGER pto_usage_on_status AFTER UPDATE OF status ON pto_requests
WHEN OLD.status != NEW.status
BEGIN
    UPDATE pto_usage SET
        approved = approved
            - (CASE OLD.status WHEN 'approved' THEN c.days ELSE 0 END)
            + (CASE NEW.status WHEN 'approved' THEN c.days ELSE 0 END),
        pending = pending
            - (CASE OLD.status WHEN 'pending' THEN c.days ELSE 0 END)
            + (CASE NEW.status WHEN 'pending' THEN c.days ELSE 0 END)
    FROM pto_charges c
    WHERE c.request_id = NEW.id AND pto_usage.requester = NEW.requester
      AND pto_usage.leave_type = NEW.leave_type AND pto_usage.year = c.year;
END;
)sql",
        // 7: a person's requests by end date first. "Touching a span" (the
        // overlap check, who is out, the teammates line, `/pto list`) asks
        // for requests ending on or after the span's start: ordered by start,
        // the search had to step over every earlier request of the last
        // year; ordered by end, it starts at the first that can touch.
        R"sql(
DROP INDEX pto_by_requester_dates;
CREATE INDEX pto_by_requester_ends ON pto_requests (requester, end_date, start_date, status);
)sql",
        // 8: the CHECK constraints that listed their allowed values with IN
        // are spelled as ORs. SQLite evaluates an IN list of three or more
        // constants by building a temporary index every time the statement
        // runs: five of them for each PTO request created (its part and
        // status, the audit row's action, the outbox row's state, and again
        // when the message is marked sent). The tables are rebuilt the way
        // SQLite documents (new table, copy, drop, rename; foreign keys are
        // off while migrations run) with the same columns and indexes, and
        // the same ids and AUTOINCREMENT sequence.
        //
        // The triggers that kept pto_usage are not made again: the store's
        // two writers of charges and statuses keep it. A trigger made each
        // charge a multi-statement write with its own statement journal and
        // a second lookup of the request: about a fifth of SQLite's work per
        // new request.
        R"sql(
DROP TRIGGER pto_usage_on_charge;
CREATE TABLE pto_requests_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    requester     TEXT NOT NULL,
    leave_type    TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    part          TEXT NOT NULL DEFAULT 'full' CHECK (part = 'full' OR part = 'am' OR part = 'pm'),
    days          REAL NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'pending' OR status = 'approved'
                                       OR status = 'denied' OR status = 'cancelled'),
    approver      TEXT,
    decided_by    TEXT,
    decided_at    INTEGER,
    decision_note TEXT,
    created_at    INTEGER NOT NULL
);
INSERT INTO pto_requests_new SELECT * FROM pto_requests;
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'pto_requests')
WHERE name = 'pto_requests_new';
DROP TABLE pto_requests;
ALTER TABLE pto_requests_new RENAME TO pto_requests;
CREATE INDEX pto_by_dates ON pto_requests (status, start_date, end_date);
CREATE INDEX pto_by_approver ON pto_requests (approver, status);
CREATE INDEX pto_by_requester_ends ON pto_requests (requester, end_date, start_date, status);
CREATE TABLE pto_audit_new (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES pto_requests (id),
    action     TEXT NOT NULL CHECK (action = 'created' OR action = 'recorded' OR action = 'approved'
                                    OR action = 'denied' OR action = 'cancelled'
                                    OR action = 'delegated'),
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
INSERT INTO pto_audit_new SELECT * FROM pto_audit;
DROP TABLE pto_audit;
ALTER TABLE pto_audit_new RENAME TO pto_audit;
)sql" + outbox_rebuilt({"chat.postMessage", "chat.update"}, false),
        // 9: each request keeps the site whose calendar counted it (a
        // company has several offices). Requests saved before have none:
        // the service gives them the first configured site when it starts
        // (storage::pto::assign_site), since a migration cannot read the
        // configuration.
        R"sql(
ALTER TABLE pto_requests ADD COLUMN site TEXT;
)sql",
        // 10: one audit trail for every workflow (PTO, expenses, tickets):
        // who did what to which item, when, from which state to which, and
        // why. PTO's rows move over with the states their actions imply.
        R"sql(
CREATE TABLE audit_trail (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    item_id    INTEGER NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_item ON audit_trail (kind, item_id);
INSERT INTO audit_trail (kind, item_id, action, from_state, to_state, actor, at, note)
SELECT 'PTO', request_id, action,
       CASE WHEN action = 'approved' OR action = 'denied' OR action = 'delegated' THEN 'pending'
            ELSE '' END,
       CASE WHEN action = 'created' OR action = 'delegated' THEN 'pending'
            WHEN action = 'recorded' THEN 'approved' ELSE action END,
       actor, at, note
FROM pto_audit ORDER BY id;
DROP TABLE pto_audit;
)sql",
    };
    static const std::vector<std::string> steps = [] {
        std::vector<std::string> all = platform_and_pto;
        for (const auto& step : workflow_steps()) all.push_back(step);
        return all;
    }();
    return steps;
}

}  // namespace storage
