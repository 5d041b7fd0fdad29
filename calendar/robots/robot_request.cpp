#include "calendar/robots/robot_request.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "calendar/crypto/base64.hpp"
#include "calendar/crypto/hmac_sha256.hpp"

namespace plancal::calendar {
namespace {

constexpr std::string_view kCutNote = "\n……（内容过长，其余从略）\n";

std::string digest_text(const Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

// RFC 3986 unreserved characters stay, everything else becomes %XX: base64's + / = too.
std::string url_encode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::string dingtalk_signature(std::string_view secret, std::int64_t unix_millis) {
  const std::string to_sign = std::to_string(unix_millis) + "\n" + std::string(secret);
  return to_base64(digest_text(hmac_sha256(secret, to_sign)));
}

std::string feishu_signature(std::string_view secret, std::int64_t unix_seconds) {
  const std::string key = std::to_string(unix_seconds) + "\n" + std::string(secret);
  return to_base64(digest_text(hmac_sha256(key, "")));
}

std::size_t markdown_limit(RobotKind kind) {
  switch (kind) {
    case RobotKind::kWecom:
      return 4096;
    case RobotKind::kDingtalk:
      return 20000;
    case RobotKind::kFeishu:
      return 20000;
  }
  return 4096;
}

std::string fit_markdown(std::string_view markdown, std::size_t limit) {
  if (markdown.size() <= limit) return std::string(markdown);
  const std::size_t room = limit > kCutNote.size() ? limit - kCutNote.size() : 0;
  std::size_t end = markdown.rfind('\n', room);
  if (end == std::string_view::npos) end = 0;
  return std::string(markdown.substr(0, end)) + std::string(kCutNote);
}

RobotRequest robot_request(const Webhook& webhook, std::string_view title,
                           std::string_view markdown, std::int64_t unix_millis) {
  const std::string text = fit_markdown(markdown, markdown_limit(webhook.kind));
  RobotRequest out{webhook.url, ""};
  nlohmann::json body;
  switch (webhook.kind) {
    case RobotKind::kWecom:
      body = {{"msgtype", "markdown"}, {"markdown", {{"content", text}}}};
      break;
    case RobotKind::kDingtalk:
      body = {{"msgtype", "markdown"}, {"markdown", {{"title", title}, {"text", text}}}};
      if (!webhook.secret.empty()) {
        out.url += (out.url.find('?') == std::string::npos ? "?" : "&");
        out.url += "timestamp=" + std::to_string(unix_millis) +
                   "&sign=" + url_encode(dingtalk_signature(webhook.secret, unix_millis));
      }
      break;
    case RobotKind::kFeishu: {
      body = {{"msg_type", "interactive"},
              {"card",
               {{"header", {{"title", {{"tag", "plain_text"}, {"content", title}}}}},
                {"elements", nlohmann::json::array({{{"tag", "markdown"}, {"content", text}}})}}}};
      if (!webhook.secret.empty()) {
        const std::int64_t seconds = unix_millis / 1000;
        body["timestamp"] = std::to_string(seconds);
        body["sign"] = feishu_signature(webhook.secret, seconds);
      }
      break;
    }
  }
  // Invalid UTF-8 (never in plan text, which is checked) is replaced rather than thrown on.
  out.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out;
}

}  // namespace plancal::calendar
