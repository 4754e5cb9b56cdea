// Replays fuzz inputs without libFuzzer: the normal test build links each fuzz target with this
// main, so the seed corpus and every crash ever found run as a plain test (under ASan and UBSan
// there too). Arguments are files or directories (read one level deep, sorted by name so a
// failure always names the same file first).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// The files an argument names: itself, or the regular files directly inside it.
std::vector<fs::path> inputs_of(const fs::path& argument) {
  std::error_code ec;
  if (!fs::is_directory(argument, ec)) return {argument};
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(argument, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n", argv[0]);
    return 2;
  }
  size_t ran = 0;
  for (int i = 1; i < argc; ++i) {
    const std::vector<fs::path> files = inputs_of(argv[i]);
    if (files.empty()) {
      std::fprintf(stderr, "%s: no input files\n", argv[i]);
      return 1;
    }
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "%s: cannot be read\n", file.c_str());
        return 1;
      }
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      // A copy of exactly the input's size, so ASan sees a read one past its end.
      const std::vector<uint8_t> data(bytes.begin(), bytes.end());
      std::fprintf(stderr, "running %s (%zu bytes)\n", file.c_str(), data.size());
      LLVMFuzzerTestOneInput(data.data(), data.size());
      ++ran;
    }
  }
  std::printf("ran %zu inputs\n", ran);
  return 0;
}
