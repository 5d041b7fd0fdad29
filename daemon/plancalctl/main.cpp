// plancalctl: the operators' command-line tool (placeholder until commands land).
#include <cstdio>

int main() {
  std::puts("plancalctl " PLANCAL_VERSION);
  return 0;
}
