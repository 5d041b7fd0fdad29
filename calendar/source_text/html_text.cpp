#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cctype>
#include <cstring>
#include <string>

#include "calendar/source_text/source_text.hpp"

namespace plancal::calendar {

namespace {

bool named(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool is_any(const xmlNode* node, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (named(node, name)) return true;
  return false;
}

// Navigation, scripts and forms carry no plan text.
bool is_skipped(const xmlNode* node) {
  return is_any(node, {"script", "style", "nav", "header", "footer", "noscript", "iframe", "form",
                       "select", "button", "head", "aside"});
}

bool is_block(const xmlNode* node) {
  return is_any(node, {"p",          "div",    "br",   "h1",    "h2",      "h3",      "h4",  "h5",
                       "h6",         "li",     "tr",   "table", "section", "article", "ul",  "ol",
                       "blockquote", "center", "main", "dl",    "dt",      "dd",      "pre", "hr"});
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Site furniture named by its class or id, as government sites name it: menus, headers and
// footers, breadcrumbs, sidebars, share and print bars.
bool is_furniture(const xmlNode* node) {
  static const char* const kWords[] = {"nav",     "menu",   "header",    "footer",  "crumb",
                                       "sidebar", "share",  "copyright", "toolbar", "logo",
                                       "search",  "bottom", "topbar",    "print",   "weizhi"};
  for (const char* name : {"class", "id"}) {
    const std::string value = attribute(node, name);
    if (value.empty()) continue;
    for (const char* word : kWords)
      if (value.find(word) != std::string::npos) return true;
  }
  return false;
}

// Bytes of text under a node, and how many of them are inside links.
void text_bytes(const xmlNode* node, bool in_link, size_t& all, size_t& linked) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE && child->content != nullptr) {
      const size_t n = std::strlen(reinterpret_cast<const char*>(child->content));
      all += n;
      if (in_link) linked += n;
    } else if (child->type == XML_ELEMENT_NODE) {
      text_bytes(child, in_link || named(child, "a"), all, linked);
    }
  }
}

// A list or block that is mostly links (a menu without a telling class).
bool is_link_list(const xmlNode* node) {
  if (!is_any(node, {"ul", "ol", "div", "p", "table"})) return false;
  size_t all = 0;
  size_t linked = 0;
  text_bytes(node, false, all, linked);
  return all > 0 && linked * 10 >= all * 7 && all < 600;
}

class TextEmitter {
 public:
  void emit(const xmlNode* node) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
        add(reinterpret_cast<const char*>(child->content));
      } else if (child->type == XML_ELEMENT_NODE && !is_skipped(child) && !is_furniture(child) &&
                 !is_link_list(child)) {
        if (named(child, "tr")) {
          row(child);
        } else {
          if (is_block(child)) newline();
          emit(child);
          if (is_block(child)) newline();
        }
      }
    }
  }
  std::string text() && { return std::move(out_); }

 private:
  // One table row per line, its cells separated by tabs; a cell's own lines run together.
  void row(const xmlNode* tr) {
    newline();
    bool first = true;
    for (const xmlNode* cell = tr->children; cell != nullptr; cell = cell->next) {
      if (!is_any(cell, {"td", "th"})) continue;
      if (!first) out_ += '\t';
      first = false;
      in_cell_ = true;
      emit(cell);
      in_cell_ = false;
    }
    newline();
  }

  void add(const char* text) {
    if (text == nullptr) return;
    for (const char* c = text; *c; ++c) {
      char ch = *c;
      if (ch == '\r' || ch == '\n' || ch == '\t') ch = ' ';
      // U+00A0 (&nbsp;) as a space.
      if (static_cast<unsigned char>(ch) == 0xC2 && static_cast<unsigned char>(c[1]) == 0xA0) {
        ++c;
        ch = ' ';
      }
      if (ch == ' ' &&
          (out_.empty() || out_.back() == ' ' || out_.back() == '\n' || out_.back() == '\t'))
        continue;
      out_ += ch;
    }
  }

  void newline() {
    if (in_cell_) return;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
  }

  std::string out_;
  bool in_cell_ = false;
};

const xmlNode* find_element(const xmlNode* node, const char* name) {
  for (; node != nullptr; node = node->next) {
    if (named(node, name)) return node;
    if (const xmlNode* found = find_element(node->children, name)) return found;
  }
  return nullptr;
}

}  // namespace

SourceText html_text(std::string_view bytes) {
  SourceText result;
  result.format = SourceFormat::kHtml;
  // The page's <meta charset> decides; without one, the encoding the bytes decode as.
  const std::string head(bytes.substr(0, 4096));
  const char* encoding = nullptr;
  std::string detected;
  if (head.find("charset") == std::string::npos) {
    const SourceText decoded = decode_text(bytes);
    detected = decoded.encoding.empty() ? "UTF-8" : decoded.encoding;
    encoding = detected.c_str();
  }
  htmlDocPtr document = htmlReadMemory(
      bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding,
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (document == nullptr) {
    result.error = "not an HTML page libxml2 can read";
    return result;
  }
  const xmlNode* root = xmlDocGetRootElement(document);
  const xmlNode* body = find_element(root, "body");
  TextEmitter emitter;
  if (const xmlNode* title = find_element(root, "title"); title != nullptr && body == nullptr)
    emitter.emit(title);
  if (body != nullptr) emitter.emit(body);
  result.text = std::move(emitter).text();
  result.encoding = document->encoding != nullptr
                        ? reinterpret_cast<const char*>(document->encoding)
                        : (encoding != nullptr ? encoding : "UTF-8");
  xmlFreeDoc(document);
  if (result.text.find_first_not_of(" \n\t") == std::string::npos)
    result.error = "the HTML page has no body text";
  return result;
}

}  // namespace plancal::calendar
