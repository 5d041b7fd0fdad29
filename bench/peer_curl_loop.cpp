// peer_curl_loop: the delivery benchmark's peer. Sends every .eml file of a directory (in
// name order) to an SMTP server with plain libcurl, a fresh easy handle (so a fresh
// connection, EHLO and QUIT) per message: what a sender without connection reuse costs.
// Prints "sent <n>" and "elapsed_ms <sending time>"; exit status 1 on the first failure.
//
//   peer_curl_loop URL DIR FROM TO...
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Upload {
  const std::string* data;
  size_t pos;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data->size() - upload->pos);
  std::memcpy(buffer, upload->data->data() + upload->pos, n);
  upload->pos += n;
  return n;
}

// One message over a new connection; "" or curl's error.
std::string send_one(const char* url, const std::string& from, curl_slist* rcpt,
                     const std::string& message) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return "curl_easy_init failed";
  Upload upload{&message, 0};
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? "" : curl_easy_strerror(rc);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: peer_curl_loop URL DIR FROM TO...\n");
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[2]))
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> messages;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    messages.push_back(text.str());
  }
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "curl_global_init failed\n");
    return 1;
  }
  const std::string from = std::string("<") + argv[3] + ">";
  curl_slist* rcpt = nullptr;
  for (int i = 4; i < argc; ++i)
    rcpt = curl_slist_append(rcpt, (std::string("<") + argv[i] + ">").c_str());

  int status = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& message : messages) {
    const std::string error = send_one(argv[1], from, rcpt, message);
    if (!error.empty()) {
      std::fprintf(stderr, "send failed: %s\n", error.c_str());
      status = 1;
      break;
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  curl_slist_free_all(rcpt);
  curl_global_cleanup();
  std::printf("sent %zu\n", status == 0 ? messages.size() : size_t(0));
  std::printf("elapsed_ms %.3f\n", std::chrono::duration<double, std::milli>(elapsed).count());
  return status;
}
