// The chat-robot form of a reminder or a report: a one-line title and a markdown body in
// the subset the WeCom, DingTalk and Feishu robots all render (a "###" heading, "> " quote,
// "[text](url)" links, hard line breaks), carrying the same "办理：" or "督办：" link as the
// e-mail. Produced by compose_reminder_chat / compose_report_chat; the robots' request
// format is calendar/robots.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

struct ChatText {
  std::string title;     // the e-mail's subject
  std::string markdown;  // the body
  bool operator==(const ChatText&) const = default;
};

struct ComposedChat {
  std::optional<ChatText> text;  // set on success
  std::string error;             // why there is none, otherwise
};

// `text` with the characters markdown would take as markup (\ * _ [ ] `) escaped.
std::string markdown_escape(std::string_view text);

// "[url](url)": a link showing its own address, so the line reads "办理：https://…".
std::string markdown_link(std::string_view url);

}  // namespace plancal::calendar
