#include "calendar/reminders/report_message.hpp"

#include <doctest/doctest.h>

#include "calendar/model/time_format.hpp"

using namespace plancal::calendar;

namespace {

// The decoded text of the first base64 part whose Content-Type starts with `type`.
std::string part_text(const std::string& message, const std::string& type) {
  const size_t at = message.find("Content-Type: " + type);
  REQUIRE(at != std::string::npos);
  const size_t body = message.find("\r\n\r\n", at) + 4;
  const size_t end = message.find("\r\n--", body);
  std::string encoded;
  for (char c : message.substr(body, end - body))
    if (c != '\r' && c != '\n') encoded += c;
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  unsigned value = 0;  // the bits not yet output, at most 14 of them
  for (char c : encoded) {
    if (c == '=') break;
    value = ((value << 6) | unsigned(kAlphabet.find(c))) & 0x3FFFu;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((value >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("report message: red and yellow by unit, missing receipts, pending extensions, board") {
  WeeklyReport report;
  report.plan_title = "行动方案";
  report.document_number = "金发改规〔2023〕1号";
  report.today = make_date(2023, 11, 20);
  report.units = {{"区经委", {"3. 完成目标（期限 2023-06-30）"}, {"4. 办展（期限 2023-11-22）"}}};
  report.missing_receipts = {"区经委：3. 完成目标（期限 2023-06-30）"};
  report.pending_extensions = {"区医保局 · 缓缴：申请延期至 2024-01-31（年底申报）"};
  report.board_url = "https://cal.example/board/jinshan-2023/abc";
  const Unit fgw{"fgw", "区发改委", "", {}, {}, {"fgw@example.org"}, ""};
  const ReminderKey key{
      report_uid("jinshan-2023"), make_date(2023, 11, 20), "fgw", ReminderKind::kReport, 0, ""};
  ReminderMessageOptions options;
  options.message_id = "r1@plancal";
  options.from_address = "plancal@example.org";
  options.now = *parse_iso_instant("2023-11-20T09:00", kChinaOffsetMinutes);
  const ComposedMessage composed = compose_report_message(key, report, fgw, 480, options);
  REQUIRE(composed.message);
  const std::string& m = composed.message->bytes;
  CHECK(m.find("To: fgw@example.org\r\n") != std::string::npos);
  CHECK(m.find("X-Plancal-Reminder-Key: jinshan-2023.report@plancal/2023-11-20/fgw/report/0\r\n") !=
        std::string::npos);
  CHECK(m.find("Date: Mon, 20 Nov 2023 09:00:00 +0800\r\n") != std::string::npos);
  const std::string text = part_text(m, "text/plain");
  CHECK(text.find("区经委：红灯 1，黄灯 1") != std::string::npos);
  CHECK(text.find("  [红] 3. 完成目标（期限 2023-06-30）") != std::string::npos);
  CHECK(text.find("【尚未签收】\r\n区经委：3.") != std::string::npos);
  CHECK(text.find("申请延期至 2024-01-31") != std::string::npos);
  CHECK(text.find("督办：https://cal.example/board/jinshan-2023/abc") != std::string::npos);
  const std::string html = part_text(m, "text/html");
  CHECK(html.find("<a href=\"https://cal.example/board/jinshan-2023/abc\">") != std::string::npos);

  Unit no_mail = fgw;
  no_mail.emails.clear();
  CHECK_FALSE(compose_report_message(key, report, no_mail, 480, options).message);
  report.units.clear();
  report.missing_receipts.clear();
  const std::string quiet = part_text(
      compose_report_message(key, report, fgw, 480, options).message->bytes, "text/plain");
  CHECK(quiet.find("【尚未签收】\r\n无") != std::string::npos);
}
