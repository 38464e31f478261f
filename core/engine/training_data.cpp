#include <lreg/engine/training_data.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <lreg/base/parallel.h>
#include <lreg/io/npy.h>
#include "base/huge_pages.h"
#include "engine/full_passes.h"
#include "engine/sample_source.h"
#include "io/csv_rows.h"
#include "io/npy_rows.h"
#include "io/too_few_columns.h"

namespace lreg {
namespace {

// Rows [first, first + count) of the .npy files into `out`, one contiguous piece per thread,
// each through its own block reader and file handles: at 10^8 rows reading is most of an
// in-memory fit's serial time. A bad value stops its piece; the lowest piece's problem is
// reported, so the message names the first bad row, as a serial read would.
void readShare(const std::vector<detail::NpyHeader>& headers, int targets, long first, long count,
               Dataset& out) {
  const long d = headers.front().cols - targets;
  out.X.resize(count, d);
  out.Y.resize(count, targets);
  detail::adviseHugePages(out.X.data(), sizeof(double) * size_t(out.X.size()));
  detail::adviseHugePages(out.Y.data(), sizeof(double) * size_t(out.Y.size()));
  constexpr long kRowsPerPiece = 1L << 20;  // smaller files: one reader
  const long pieces = std::clamp(count / kRowsPerPiece, 1L, long(threadCount()));
  std::vector<std::string> failures(static_cast<size_t>(pieces));
  parallelFor(pieces, [&](long p0, long p1) {
    for (long p = p0; p < p1; ++p) {
      const long a = count * p / pieces, b = count * (p + 1) / pieces;
      try {
        detail::npyStreamSource(headers, targets, first + a, b - a)
            ->forEachBlock(
                [&](const double* X, const double* Y, long n, long at) {
                  std::copy_n(X, n * d, out.X.data() + (at - first) * d);
                  std::copy_n(Y, n * targets, out.Y.data() + (at - first) * targets);
                },
                1);
      } catch (const Error& e) {
        failures[size_t(p)] = e.what();
      } catch (const std::bad_alloc&) {
        failures[size_t(p)] = "out of memory reading the training data";
      }
    }
  });
  for (const auto& failure : failures)
    if (!failure.empty()) throw Error(failure);
}

// An open file for reading byte ranges; closed when it goes out of scope.
struct ByteFile {
  explicit ByteFile(const std::string& p) : path(p), f(std::fopen(p.c_str(), "rb")) {
    if (!f) throw Error(path + ": cannot open file (" + std::strerror(errno) + ")");
  }
  ~ByteFile() { std::fclose(f); }
  ByteFile(const ByteFile&) = delete;
  ByteFile& operator=(const ByteFile&) = delete;
  // Up to `n` bytes from `offset` (fewer at the end of the file).
  std::string read(long offset, long n) {
    std::string s(size_t(std::max(0L, n)), '\0');
    if (fseeko(f, off_t(offset), SEEK_SET) != 0)
      throw Error(path + ": cannot seek (" + std::strerror(errno) + ")");
    s.resize(std::fread(s.data(), 1, s.size(), f));
    return s;
  }
  std::string path;
  std::FILE* f;
};

long fileSize(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(path + ": cannot open file (" + ec.message() + ")");
  return long(size);
}

// The first byte after the line break at or after `at` (the file's size when there is none).
long nextLineStart(ByteFile& file, long at) {
  for (;;) {
    const std::string chunk = file.read(at, 1 << 16);
    if (chunk.empty()) return at;
    const size_t nl = chunk.find('\n');
    if (nl != std::string::npos) return at + long(nl) + 1;
    at += long(chunk.size());
  }
}

// The whole lines of a CSV file that start in bytes [a, b) (bodyStart <= a): a line belongs to
// the range that holds its first byte.
std::string linesStartingIn(ByteFile& file, long bodyStart, long a, long b) {
  const long from = a > bodyStart && file.read(a - 1, 1) != "\n" ? nextLineStart(file, a) : a;
  if (from >= b) return {};
  std::string text = file.read(from, b - from);
  if (long(text.size()) == b - from && text.back() != '\n') {
    const long end = nextLineStart(file, b);
    text += file.read(b, end - b);
  }
  return text;
}

}  // namespace

int TrainingData::dim() const {
  return samples_->dim;
}
int TrainingData::outputs() const {
  return samples_->outputs;
}

TrainingData TrainingData::borrow(const Dataset& data) {
  TrainingData t;
  t.samples_ = detail::memorySource(data, 0, nullptr);
  t.comm_ = &serialCommunicator();
  t.size_ = data.size();
  t.inputNames_ = data.inputNames;
  t.outputNames_ = data.outputNames;
  t.source_ = data.source;
  return t;
}

TrainingData TrainingData::borrow(const DatasetView& view) {
  auto data = std::make_shared<Dataset>();
  data->X = view.X;
  data->Y = view.Y;
  data->inputNames = view.inputNames;
  data->outputNames = view.outputNames;
  data->source = view.source;
  TrainingData t = borrow(*data);
  t.samples_ = detail::memorySource(*data, 0, data);
  return t;
}

TrainingData TrainingData::open(const std::vector<std::string>& files, int targets, bool stream,
                                Communicator& comm, long minRows) {
  if (files.empty()) throw Error("no data files given");
  const bool npy = isNpyPath(files.front());
  for (const auto& f : files)
    if (isNpyPath(f) != npy)
      throw Error(f + ": cannot mix CSV and .npy files (" + files.front() + ")");
  if (stream && !npy) throw Error(files.front() + ": --stream reads .npy files only");
  if (targets < 1) throw Error("the number of target columns must be at least 1");
  const int R = comm.size(), r = comm.rank();
  TrainingData t;
  t.comm_ = &comm;
  t.streamed_ = stream;
  t.source_ = files.size() == 1 ? files.front()
                                : files.front() + " and " + std::to_string(files.size() - 1) +
                                      " more file" + (files.size() > 2 ? "s" : "");
  std::string failure;
  auto attempt = [&](auto&& step) {
    try {
      step();
    } catch (const Error& e) {
      failure = e.what();
    } catch (const std::bad_alloc&) {
      failure = "out of memory reading the training data";
    }
    comm.agree(failure);  // every process stops here when any has failed
  };

  if (npy) {
    // Every process reads every header (a few bytes each): the row counts place the shares.
    std::vector<detail::NpyHeader> headers;
    long total = 0;
    attempt([&] {
      for (const auto& f : files) {
        headers.push_back(detail::readNpyHeader(f));
        const auto& h = headers.back();
        if (h.cols <= targets) throw Error(f + ": " + detail::tooFewColumns(targets, h.cols));
        if (h.cols != headers.front().cols)
          throw Error(f + ": has " + std::to_string(h.cols) + " columns, " + files.front() +
                      " has " + std::to_string(headers.front().cols));
        total += h.rows;
      }
    });
    if (total < std::max(1L, minRows))
      throw CollectiveError(t.source_ + ": too few rows: " + std::to_string(total) + " (at least " +
                            std::to_string(std::max(1L, minRows)) + " needed)");
    const long first = total * r / R, count = total * (r + 1) / R - first;
    t.size_ = total;
    t.inputNames_ = defaultNames("x", int(headers.front().cols - targets));
    t.outputNames_ = defaultNames("y", targets);
    if (stream) {
      t.samples_ = detail::npyStreamSource(headers, targets, first, count);
      return t;
    }
    // In memory: the share, read once, by the same block reader in pieces (readShare).
    auto share = std::make_shared<Dataset>();
    attempt([&] { readShare(headers, targets, first, count, *share); });
    share->inputNames = t.inputNames_;
    share->outputNames = t.outputNames_;
    share->source = t.source_;
    t.samples_ = detail::memorySource(*share, first, share);
    return t;
  }

  // CSV: every process reads each file's header; the bodies, concatenated, are cut into R byte
  // ranges and each process parses the lines that start in its range.
  std::vector<detail::CsvHeader> headers;
  std::vector<long> sizes;
  attempt([&] {
    for (const auto& f : files) {
      ByteFile file(f);
      sizes.push_back(fileSize(f));
      long probe = 1 << 16;
      auto header = [&] {  // a long header is read in growing pieces until its line ends
        return detail::parseCsvHeader(file.read(0, probe), f, targets, probe >= sizes.back());
      };
      detail::CsvHeader h = header();
      while (!h.complete && probe < sizes.back()) {
        probe *= 16;
        h = header();
      }
      if (!headers.empty() && h.names != headers.front().names)
        throw Error(
            locatedMessage(f, h.line, 0, "the header row differs from " + files.front() + "'s"));
      headers.push_back(std::move(h));
    }
  });
  long bodies = 0;
  for (size_t f = 0; f < files.size(); ++f) bodies += sizes[f] - long(headers[f].bodyOffset);
  const long a = bodies * r / R, b = bodies * (r + 1) / R;
  std::vector<std::string> texts(files.size());
  std::vector<long> lines(files.size(), 0);
  attempt([&] {
    long start = 0;  // of this file's body in the concatenation
    for (size_t f = 0; f < files.size(); ++f) {
      const long body = long(headers[f].bodyOffset), length = sizes[f] - body;
      const long from = std::max(a, start), to = std::min(b, start + length);
      if (from < to) {
        ByteFile file(files[f]);
        texts[f] = linesStartingIn(file, body, body + from - start, body + to - start);
        lines[f] = long(std::count(texts[f].begin(), texts[f].end(), '\n'));
        if (!texts[f].empty() && texts[f].back() != '\n') ++lines[f];
      }
      start += length;
    }
  });
  std::vector<double> values;
  long rows = 0;
  for (size_t f = 0; f < files.size(); ++f) {
    // The line number of this process's first line in file f: the lines of lower ranks.
    const long before = comm.exclusivePrefix(lines[f]);
    attempt([&] {
      rows += detail::parseCsvRows(texts[f], headers[f].names, files[f],
                                   headers[f].line + 1 + before, values);
      std::string().swap(texts[f]);
    });
  }
  long total = rows;
  comm.sum(&total, 1);
  if (total < std::max(1L, minRows))
    throw CollectiveError(locatedMessage(t.source_, 0, 0,
                                         total == 0 ? "no data rows after the header row"
                                                    : "too few rows: " + std::to_string(total) +
                                                          " (at least " + std::to_string(minRows) +
                                                          " needed)"));
  const long first = comm.exclusivePrefix(rows);
  auto share = std::make_shared<Dataset>(
      detail::csvDataset(values, rows, headers.front().names, targets, t.source_));
  t.size_ = total;
  t.inputNames_ = share->inputNames;
  t.outputNames_ = share->outputNames;
  t.samples_ = detail::memorySource(*share, first, share);
  return t;
}

Metrics evaluate(const Model& model, const TrainingData& data) {
  if (data.dim() != model.dim || data.outputs() != model.outputs)
    throw Error(data.source() + ": has " + std::to_string(data.dim()) + " inputs and " +
                std::to_string(data.outputs()) + " outputs, the model " +
                std::to_string(model.dim) + " and " + std::to_string(model.outputs));
  return detail::metricsOf(model, data.samples(), data.comm());
}

}  // namespace lreg
