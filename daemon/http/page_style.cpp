#include "daemon/http/page_style.hpp"

#include <cctype>

#include "calendar/model/time_format.hpp"
#include "calendar/reminders/mime_text.hpp"

namespace plancal::daemon {

namespace {

// Category colours, also used by the filter links; hedged dates are striped, a single day
// is a round marker, today is a red line across the month scale and every track.
constexpr std::string_view kStyle = R"css(
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:64em;margin:auto;padding:.8em;color:#222;line-height:1.5}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.2em}h3{font-size:1em;margin:1em 0 .3em}
a{color:#0b57a4}.meta,.source,small{color:#666}
.filters a{display:inline-block;margin:.1em .2em;padding:0 .4em;border-radius:.8em;border:1px solid #ccc;text-decoration:none}
.filters a.on{background:#0b57a4;color:#fff;border-color:#0b57a4}
.scale{position:relative;display:grid;grid-template-columns:repeat(12,1fr);font-size:.8em;color:#666;border-bottom:1px solid #ccc}
.scale span{text-align:center}
.rows{list-style:none;padding:0;margin:0}
.row a{display:block;padding:.35em 0;border-bottom:1px solid #eee;text-decoration:none;color:inherit}
.row a:hover{background:#f5f8fc}
.when{font-weight:bold;color:#0b57a4}.where{color:#666}
.track{position:relative;display:block;height:.7em;margin:.25em 0;background:repeating-linear-gradient(90deg,#f1f1f1 0,#f1f1f1 calc(8.333% - 1px),#ddd calc(8.333% - 1px),#ddd 8.333%)}
.bar{position:absolute;top:0;height:100%;border-radius:.2em;min-width:4px}
.bar.marker{width:.7em!important;border-radius:50%;margin-left:-.35em}
.bar.hedged{background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.55) 0,rgba(255,255,255,.55) 3px,transparent 3px,transparent 7px)}
.bar.open{border-right:2px dashed #888}
.today{position:absolute;top:0;bottom:0;width:2px;background:#d00}
.scale .today{top:-.2em;bottom:-.2em}
.cat-job_fair{background-color:#2e7d32}.cat-event{background-color:#ef6c00}.cat-forum{background-color:#6a1b9a}
.cat-milestone{background-color:#1565c0}.cat-policy_window{background-color:#00838f}.cat-deadline{background-color:#c62828}
.filters a[class^=cat-]{color:#fff;border:0}
.feeds,.subscribe ul{padding-left:1.2em}
dl.reading dt{font-weight:bold;margin-top:.6em}dl.reading dd{margin-left:1em}
.state{display:inline-block;padding:0 .5em;border-radius:.8em;background:#eee}
.light{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:middle;background:#ccc}
.light-green{background:#2e7d32}.light-yellow{background:#f9a825}.light-red{background:#c62828}
table.board{border-collapse:collapse;width:100%;font-size:.9em}
table.board th,table.board td{border-bottom:1px solid #eee;padding:.3em .4em;text-align:left;vertical-align:top}
form.desk textarea{width:100%;min-height:4em}form.desk button{margin:.3em .4em .3em 0;padding:.3em 1em}
.notice{padding:.4em .6em;border-left:4px solid #0b57a4;background:#f5f8fc}
@media (max-width:40em){body{padding:.4em}.scale{font-size:.65em}}
)css";

}  // namespace

std::string page_head(std::string_view title) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         calendar::html_escape(title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n";
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string page_time(calendar::TimePoint t, int utc_offset_minutes) {
  std::string text = calendar::format_iso_instant(t, utc_offset_minutes).substr(0, 16);
  text[10] = ' ';
  return text;
}

}  // namespace plancal::daemon
