#include <lreg/mlp/mlp_convert.h>

#include <algorithm>
#include <cmath>

#include <lreg/base/error.h>
#include <lreg/data/dataset.h>

namespace lreg {
namespace {

// A piece [a, b] of the input interval on which the current layer's input is affine in x:
// value = slope * x + offset (one entry per unit of that layer).
struct Piece {
  double a, b;
  Eigen::VectorXd slope, offset;
};

}  // namespace

std::vector<double> mlpBreakpoints1D(const Mlp& mlp, double lo, double hi) {
  if (mlp.dim() != 1) throw Error("exact MLP conversion is for 1D networks");
  std::vector<Piece> pieces = {{lo, hi, Eigen::VectorXd::Ones(1), Eigen::VectorXd::Zero(1)}};
  const auto& W = mlp.weights();
  const auto& B = mlp.biases();
  for (size_t l = 0; l + 1 < W.size(); ++l) {  // every hidden layer (ReLU after it)
    std::vector<Piece> next;
    for (const Piece& p : pieces) {
      const Eigen::VectorXd s = W[l] * p.slope, o = W[l] * p.offset + B[l];
      // Where a pre-activation changes sign inside the piece, the ReLU makes a kink.
      std::vector<double> cuts = {p.a, p.b};
      for (Eigen::Index i = 0; i < s.size(); ++i)
        if (s(i) != 0) {
          const double x = -o(i) / s(i);
          if (x > p.a && x < p.b) cuts.push_back(x);
        }
      std::sort(cuts.begin(), cuts.end());
      for (size_t c = 0; c + 1 < cuts.size(); ++c) {
        const double mid = 0.5 * (cuts[c] + cuts[c + 1]);
        const Eigen::VectorXd active = ((s * mid + o).array() > 0).cast<double>();
        next.push_back({cuts[c], cuts[c + 1], s.cwiseProduct(active), o.cwiseProduct(active)});
      }
    }
    pieces = std::move(next);
  }
  std::vector<double> points;
  for (const Piece& p : pieces) points.push_back(p.a);
  points.push_back(hi);
  return points;
}

Model convertMlp1D(const Mlp& mlp, const Normalizer& normalizer, double mergeWidth) {
  std::vector<double> raw = mlpBreakpoints1D(mlp, 0.0, 1.0);
  std::vector<double> nodes = {raw.front()};
  for (size_t i = 1; i + 1 < raw.size(); ++i)
    if (raw[i] - nodes.back() > mergeWidth && raw.back() - raw[i] > mergeWidth)
      nodes.push_back(raw[i]);
  nodes.push_back(raw.back());
  Model m;
  m.dim = 1;
  m.outputs = mlp.outputs();
  m.normalizer = normalizer;
  m.nodes = Eigen::Map<const RowMatrix>(nodes.data(), long(nodes.size()), 1);
  m.simplices.resize(long(nodes.size()) - 1, 2);
  for (long j = 0; j + 1 < long(nodes.size()); ++j) m.simplices.row(j) << int(j), int(j + 1);
  m.coefficients = mlp.predict(m.nodes);
  m.inputNames = defaultNames("x", 1);
  m.outputNames = defaultNames("y", m.outputs);
  m.training["method"] = "mlp-conversion";
  m.training["mlp_parameters"] = std::to_string(mlp.parameterCount());
  return m;
}

Model convertMlpOnMesh(const Mlp& mlp, const Normalizer& normalizer, const SimplexMesh& mesh) {
  if (mlp.dim() != mesh.dim) throw Error("the network and the mesh differ in dimension");
  Model m;
  m.dim = mesh.dim;
  m.outputs = mlp.outputs();
  m.normalizer = normalizer;
  m.nodes = mesh.nodes;
  m.simplices = mesh.simplices;
  m.coefficients = mlp.predict(mesh.nodes);
  m.inputNames = defaultNames("x", m.dim);
  m.outputNames = defaultNames("y", m.outputs);
  m.training["method"] = "mlp-sampled-on-mesh";
  m.training["mlp_parameters"] = std::to_string(mlp.parameterCount());
  return m;
}

}  // namespace lreg
