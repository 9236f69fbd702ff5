#include "bot/outbox/file_share.hpp"

#include <memory>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bot/slack/form.hpp"
#include "bot/slack/web_client.hpp"

namespace bot {
namespace {

using slack::ApiResult;
using slack::WebClient;

// What one share needs across its three steps.
struct Share {
    WebClient& client;
    std::string name, channels, comment, content;
    WebClient::Callback done;
    std::string file_id;
};

// `result` with the step it came from named in its error.
ApiResult failed_at(const char* step, ApiResult result) {
    result.error = std::string(step) + ": " + result.error;
    return result;
}

void complete(const std::shared_ptr<Share>& share) {
    const nlohmann::json body = {{"files", {{{"id", share->file_id}, {"title", share->name}}}},
                                 {"channels", share->channels},
                                 {"initial_comment", share->comment}};
    share->client.call("files.completeUploadExternal", body.dump(), [share](ApiResult result) {
        if (result.outcome != ApiResult::Outcome::ok)
            result = failed_at("files.completeUploadExternal", std::move(result));
        share->done(std::move(result));
    });
}

void upload(const std::shared_ptr<Share>& share, const std::string& url) {
    share->client.post(
        url, std::move(share->content), {{"Content-Type", "application/octet-stream"}},
        [share](ApiResult result) {
            if (result.outcome != ApiResult::Outcome::ok)
                return share->done(failed_at("uploading the file", std::move(result)));
            complete(share);
        });
}

}  // namespace

bool upload_url_allowed(std::string_view upload_url, std::string_view api_base) {
    const std::string origin = slack::url_origin(upload_url);
    return origin.starts_with("https://") ||
           (!origin.empty() && origin == slack::url_origin(api_base));
}

void share_file(WebClient& client, const storage::outbox::Row& row, std::string_view api_base,
                WebClient::Callback done) {
    const nlohmann::json body = row.body();
    auto share = std::make_shared<Share>(Share{client,
                                               body.value("filename", ""),
                                               body.value("channels", ""),
                                               body.value("initial_comment", ""),
                                               body.value("content", ""),
                                               std::move(done),
                                               {}});
    const std::string form = "filename=" + slack::form_encode(share->name) +
                             "&length=" + std::to_string(share->content.size());
    client.call_form(
        "files.getUploadURLExternal", form,
        [share, api_base = std::string(api_base)](ApiResult result) {
            if (result.outcome != ApiResult::Outcome::ok)
                return share->done(failed_at("files.getUploadURLExternal", std::move(result)));
            const std::string url = result.response.value("upload_url", "");
            share->file_id = result.response.value("file_id", "");
            if (url.empty() || share->file_id.empty()) {
                ApiResult wrong;
                wrong.outcome = ApiResult::Outcome::permanent;
                wrong.error = "files.getUploadURLExternal answered without upload_url or file_id";
                return share->done(std::move(wrong));
            }
            if (!upload_url_allowed(url, api_base)) {
                ApiResult refused;
                refused.outcome = ApiResult::Outcome::permanent;
                refused.error = "files.getUploadURLExternal gave an upload URL that is not HTTPS";
                return share->done(std::move(refused));
            }
            upload(share, url);
        });
}

std::string describe_file(const storage::outbox::Row& row) {
    const nlohmann::json body = row.body();
    return fmt::format("{} ({} bytes): {}", body.value("filename", ""),
                       body.value("content", "").size(), body.value("initial_comment", ""));
}

}  // namespace bot
