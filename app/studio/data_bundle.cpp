#include "app/studio/data_bundle.h"

#include <algorithm>
#include <filesystem>

#include <lreg/base/error.h>
#include <lreg/base/number_text.h>
#include <lreg/data/generators.h>
#include <lreg/io/npy.h>

namespace lreg::studio {
namespace fs = std::filesystem;
namespace {

constexpr int kTruthUniform = 3000;   // evenly spaced truth samples...
constexpr int kTruthQuantile = 3000;  // ...plus samples where the data are dense

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
  b.shownInputs.resize(m, b.train.X.cols());
  b.shownTargets.resize(m, b.train.Y.cols());
  for (long k = 0; k < m; ++k) {
    const long i = m == n ? k : k * n / m;  // generated data are unordered: a stride is a sample
    b.shownInputs.row(k) = b.train.X.row(i);
    b.shownTargets.row(k) = b.train.Y.row(i);
  }
  b.shownX = b.shownInputs.col(0);
  b.shownY = b.shownTargets.col(0);
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

void requireDrawable(const Dataset& d, const std::string& what) {
  if (d.dim() < 1 || d.dim() > 3) {
    throw Error(what + ": has " + std::to_string(d.dim()) +
                " input columns; LReg Studio fits 1 to 3 inputs (the inputs, then the target)");
  }
  if (d.outputs() < 1) throw Error(what + ": has no target column");
}

std::string summarize(const DataBundle& b) {
  std::string s = withThousands(b.train.size()) + " training points";
  s += b.hasTest() ? ", " + withThousands(b.test.size()) + " test points" : ", no test set";
  auto names = [](const std::vector<std::string>& given, long n, const std::string& stem) {
    std::vector<std::string> out;
    for (long i = 0; i < n; ++i)
      out.push_back(i < long(given.size()) ? given[size_t(i)]
                    : n == 1               ? stem
                                           : stem + std::to_string(i + 1));
    return out;
  };
  const auto inputs = names(b.train.inputNames, b.train.dim(), "x");
  const auto outputs = names(b.train.outputNames, b.train.outputs(), "y");
  auto list = [](const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out;
  };
  s += "\n" + std::to_string(b.train.dim()) + (b.train.dim() == 1 ? " input (" : " inputs (") +
       list(inputs) + "), " + std::to_string(b.train.outputs()) +
       (b.train.outputs() == 1 ? " output (" : " outputs (") + list(outputs) + ")";
  for (long a = 0; a < b.train.dim(); ++a) {
    s += "\n" + inputs[size_t(a)] + " ∈ [" + significant(b.lo[a], 4) + ", " +
         significant(b.hi[a], 4) + "]";
  }
  for (long c = 0; c < b.train.outputs(); ++c) {
    s += "\n" + outputs[size_t(c)] + " ∈ [" + significant(b.train.Y.col(c).minCoeff(), 4) + ", " +
         significant(b.train.Y.col(c).maxCoeff(), 4) + "]";
  }
  if (b.train.size() > kMaxShownPoints)
    s += "\n(plot shows " + withThousands(kMaxShownPoints) + ")";
  return s;
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

DataRequest DataRequest::file(const std::string& path) {
  DataRequest r;
  r.kind = Kind::File;
  r.path = path;
  return r;
}

DataRequest DataRequest::embedded(std::shared_ptr<const Dataset> train,
                                  std::shared_ptr<const Dataset> test, const std::string& name,
                                  const std::string& path) {
  DataRequest r;
  r.kind = Kind::Embedded;
  r.train = std::move(train);
  r.test = std::move(test);
  r.name = name;
  r.path = path;
  return r;
}

bool isDataFile(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv" || ext == ".npy";
}

DataPtr loadData(const DataRequest& request) {
  auto b = std::make_shared<DataBundle>();
  b->request = request;
  TruthFunction truth;
  if (request.kind == DataRequest::Kind::Generator) {
    const GeneratorInfo& info = findGenerator(request.generator);
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
  } else if (request.kind == DataRequest::Kind::Embedded) {
    if (!request.train) throw Error(request.path + ": the embedded data have no training set");
    b->train = *request.train;
    requireDrawable(b->train, request.path);
    if (request.test) b->test = *request.test;
    b->name = request.name;
    b->description = request.path;
  } else {
    b->train = readData(request.path, 1, 2);
    requireDrawable(b->train, request.path);
    const fs::path path(request.path);
    const fs::path sibling = path.parent_path() / ("test" + path.extension().string());
    if (path.stem() == "train" && fs::is_regular_file(sibling)) {
      b->test = readData(sibling.string(), 1, 1);
      requireDrawable(b->test, sibling.string());
      if (b->test.dim() != b->train.dim()) {
        throw Error(sibling.string() + ": has " + std::to_string(b->test.dim()) +
                    " input columns, " + request.path + " has " + std::to_string(b->train.dim()));
      }
    }
    b->name = path.filename().string();
    b->description = request.path;
  }
  b->lo = b->train.X.colwise().minCoeff().transpose();
  b->hi = b->train.X.colwise().maxCoeff().transpose();
  for (long a = 0; a < b->lo.size(); ++a) {
    if (!(b->hi[a] > b->lo[a])) b->hi[a] = b->lo[a] + 1;  // a constant column, as the Normalizer
  }
  b->xLo = b->lo[0];
  b->xHi = b->hi[0];
  thinForPlot(*b);
  if (truth && b->dim() == 1) sampleTruth(*b, truth);  // a curve: only 1D draws the truth
  b->summary = summarize(*b);
  return b;
}

}  // namespace lreg::studio
