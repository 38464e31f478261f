#include "app/studio/data_bundle.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/csv.h"
#include "core/error.h"
#include "core/generators.h"

namespace lreg::studio {
namespace fs = std::filesystem;
namespace {

constexpr int kTruthUniform = 3000;   // evenly spaced truth samples...
constexpr int kTruthQuantile = 3000;  // ...plus samples where the data are dense

std::string formatNumber(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

std::string withThousands(long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void thinForPlot(DataBundle& b) {
  const long n = b.train.size();
  const long m = std::min(n, kMaxShownPoints);
  b.shownX.resize(m);
  b.shownY.resize(m);
  for (long k = 0; k < m; ++k) {
    const long i = m == n ? k : k * n / m;  // generated data are unordered: a stride is a sample
    b.shownX[k] = b.train.X(i, 0);
    b.shownY[k] = b.train.Y(i, 0);
  }
}

// The truth at evenly spaced x and at quantiles of the training x, so that sin(1/x) is drawn
// finely where it oscillates (which is where those data sets put their samples).
void sampleTruth(DataBundle& b, const TruthFunction& truth) {
  std::vector<double> xs;
  for (int i = 0; i < kTruthUniform; ++i)
    xs.push_back(b.xLo + (b.xHi - b.xLo) * i / (kTruthUniform - 1));
  std::vector<double> sorted(b.train.X.data(), b.train.X.data() + b.train.size());
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < kTruthQuantile; ++i) {
    xs.push_back(sorted[size_t(double(i) / (kTruthQuantile - 1) * double(sorted.size() - 1))]);
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  b.truthX.resize(long(xs.size()));
  b.truthY.resize(long(xs.size()));
  for (size_t i = 0; i < xs.size(); ++i) {
    double y[2] = {0, 0};
    truth(&xs[i], y);
    b.truthX[long(i)] = xs[i];
    b.truthY[long(i)] = y[0];
  }
}

void requireOneDimensional(const Dataset& d, const std::string& what) {
  if (d.dim() != 1) {
    throw Error(what + ": has " + std::to_string(d.dim()) +
                " input columns; LReg Studio shows 1D data for now (one input, then the target)");
  }
  if (d.outputs() < 1) throw Error(what + ": has no target column");
}

}  // namespace

DataRequest DataRequest::generated(const std::string& name, long trainSize, double noise,
                                   std::uint64_t seed) {
  DataRequest r;
  r.kind = Kind::Generator;
  r.generator = name;
  r.trainSize = trainSize;
  r.noiseScale = noise;
  r.seed = seed;
  return r;
}

DataRequest DataRequest::csv(const std::string& path) {
  DataRequest r;
  r.kind = Kind::Csv;
  r.path = path;
  return r;
}

DataPtr loadData(const DataRequest& request) {
  auto b = std::make_shared<DataBundle>();
  b->request = request;
  TruthFunction truth;
  if (request.kind == DataRequest::Kind::Generator) {
    const GeneratorInfo& info = findGenerator(request.generator);
    if (info.dim != 1) {
      throw Error("data set " + info.name + " is " + std::to_string(info.dim) +
                  "D; LReg Studio shows 1D data sets for now");
    }
    if (request.trainSize < 0 || request.trainSize == 1) {
      throw Error("data set " + info.name + ": needs at least 2 training points");
    }
    GeneratorOptions options;
    options.trainSize = request.trainSize;
    options.noiseScale = request.noiseScale;
    GeneratedData g = generate(info.name, request.seed, options);
    b->train = std::move(g.train);
    b->test = std::move(g.test);
    truth = g.truth;
    b->name = info.name;
    b->description = info.description;
  } else {
    b->train = readCsv(request.path, 1, 2);
    requireOneDimensional(b->train, request.path);
    const fs::path path(request.path);
    const fs::path sibling = path.parent_path() / "test.csv";
    if (path.filename() == "train.csv" && fs::is_regular_file(sibling)) {
      b->test = readCsv(sibling.string(), 1, 1);
      requireOneDimensional(b->test, sibling.string());
    }
    b->name = path.filename().string();
    b->description = request.path;
  }
  b->xLo = b->train.X.col(0).minCoeff();
  b->xHi = b->train.X.col(0).maxCoeff();
  if (!(b->xHi > b->xLo)) b->xHi = b->xLo + 1;  // a constant column (the Normalizer does the same)
  thinForPlot(*b);
  if (truth) sampleTruth(*b, truth);
  return b;
}

std::string DataBundle::summary() const {
  std::string s = withThousands(train.size()) + " training points";
  s += hasTest() ? ", " + withThousands(test.size()) + " test points" : ", no test set";
  s += "\n" + std::to_string(train.dim()) + " input (" +
       (train.inputNames.empty() ? "x" : train.inputNames[0]) + "), " +
       std::to_string(train.outputs()) + " output (" +
       (train.outputNames.empty() ? "y" : train.outputNames[0]) + ")";
  s += "\nx ∈ [" + formatNumber(xLo) + ", " + formatNumber(xHi) + "]";
  s += "\ny ∈ [" + formatNumber(train.Y.col(0).minCoeff()) + ", " +
       formatNumber(train.Y.col(0).maxCoeff()) + "]";
  if (train.size() > kMaxShownPoints) s += "\n(plot shows " + withThousands(kMaxShownPoints) + ")";
  return s;
}

}  // namespace lreg::studio
