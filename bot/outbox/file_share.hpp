#pragma once
// Files through the outbox: a row of method storage::outbox::kFileMethod
// shares a file in its recipient's DM, in Slack's three steps:
//
// 1. files.getUploadURLExternal, form-encoded (it takes no JSON): the file's
//    name and length in bytes; Slack answers with an upload URL and a file id;
// 2. a POST of the bytes to that URL (no token: the URL is its own grant);
// 3. files.completeUploadExternal: the file id and title, shared in
//    `channels` (the person's user id) with its introduction.
//
// The first failure ends the attempt with that step's outcome (a 429 or a
// 5xx is retried as any send is); a retry starts again at step 1, since an
// upload never shared expires at Slack.

#include <string>
#include <string_view>

#include "bot/slack/web_client.hpp"
#include "storage/outbox.hpp"

namespace bot {

inline bool is_file(const storage::outbox::Row& row) {
    return row.method == storage::outbox::kFileMethod;
}

// Shares the file of `row`; `done` runs once, with the outcome of the step
// that failed or of the last one. `api_base` is the Web API's base URL.
void share_file(slack::WebClient& client, const storage::outbox::Row& row,
                std::string_view api_base, slack::WebClient::Callback done);

// Whether the bytes may go to `upload_url`: over HTTPS, or to the Web API's
// own origin (a local fake Slack over plain HTTP). A month's expenses never
// travel in clear text to a host nobody configured.
bool upload_url_allowed(std::string_view upload_url, std::string_view api_base);

// "expenses-2026-11.csv (2310 bytes): Expenses spent in 2026-11", for logs and `say`.
std::string describe_file(const storage::outbox::Row& row);

}  // namespace bot
