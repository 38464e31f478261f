#include <lreg/io/vtu_export.h>

#include <Eigen/LU>
#include <cmath>
#include <cstdio>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include <lreg/simplicial/simplex_locator.h>
#include "1d/basis1d.h"

namespace lreg {
namespace {

void appendNumbers(std::string& out, const double* v, long n) {
  char buf[32];
  for (long i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%.17g ", v[i]);
    out += buf;
  }
}

// Hat weights of every sample: calls visit(node, weight, sample).
template <typename Visit>
void forEachHat(const Model& m, const RowMatrix& U, Visit visit) {
  if (m.dim == 1) {
    const Mesh1D mesh(std::vector<double>(m.nodes.data(), m.nodes.data() + m.nodes.rows()));
    for (long n = 0; n < U.rows(); ++n) {
      const detail::HatWeights w = detail::hatWeights(mesh, U(n, 0));
      visit(w.left, w.wLeft, n);
      visit(w.left + 1, w.wRight, n);
    }
    return;
  }
  const SimplexMesh mesh{m.dim, m.nodes, m.simplices};
  const SimplexLocator locator(mesh);
  const LocatedSamples located = LocatedSamples::locate(mesh, locator, U);
  for (long n = 0; n < U.rows(); ++n)
    for (int k = 0; k <= m.dim; ++k)
      visit(mesh.simplices(located.simplex[n], k), located.lambda(n, k), n);
}

}  // namespace

void writeVtu(const Model& m, const std::string& path, const Dataset* data) {
  m.validate();
  const long D = m.nodes.rows(), T = m.simplices.rows();
  const int C = m.outputs, v = m.dim + 1;
  const RowMatrix raw = m.normalizer.fromUnit(m.nodes);
  RowMatrix rms, weight;
  if (data) {
    if (data->dim() != m.dim || data->outputs() != C)
      throw Error(data->source + ": does not match the model's inputs and outputs");
    const RowMatrix residual = data->Y - m.predict(data->X);
    RowMatrix sq = RowMatrix::Zero(D, C);
    weight = RowMatrix::Zero(D, 1);
    forEachHat(m, m.normalizer.toUnit(data->X), [&](int i, double w, long n) {
      sq.row(i) += w * residual.row(n).cwiseAbs2();
      weight(i, 0) += w;
    });
    rms = RowMatrix(D, C);
    for (long i = 0; i < D; ++i)
      rms.row(i) = weight(i, 0) > 0 ? (sq.row(i) / weight(i, 0)).cwiseSqrt().eval()
                                    : Eigen::RowVectorXd::Zero(C).eval();
  }
  std::string out =
      "<?xml version=\"1.0\"?>\n"
      "<VTKFile type=\"UnstructuredGrid\" version=\"1.0\" byte_order=\"LittleEndian\">\n"
      "<UnstructuredGrid>\n<Piece NumberOfPoints=\"" +
      std::to_string(D) + "\" NumberOfCells=\"" + std::to_string(T) +
      "\">\n<Points>\n<DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n";
  for (long i = 0; i < D; ++i) {
    double p[3] = {0, 0, 0};
    for (int k = 0; k < m.dim; ++k) p[k] = raw(i, k);
    appendNumbers(out, p, 3);
    out += '\n';
  }
  out +=
      "</DataArray>\n</Points>\n<Cells>\n<DataArray type=\"Int64\" Name=\"connectivity\" "
      "format=\"ascii\">\n";
  for (long t = 0; t < T; ++t) {
    for (int k = 0; k < v; ++k) out += std::to_string(m.simplices(t, k)) + ' ';
    out += '\n';
  }
  out += "</DataArray>\n<DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n";
  for (long t = 1; t <= T; ++t) out += std::to_string(t * v) + (t % 16 ? ' ' : '\n');
  const int cellType = m.dim == 1 ? 3 : m.dim == 2 ? 5 : 10;  // VTK_LINE, VTK_TRIANGLE, VTK_TETRA
  out += "\n</DataArray>\n<DataArray type=\"UInt8\" Name=\"types\" format=\"ascii\">\n";
  for (long t = 1; t <= T; ++t) out += std::to_string(cellType) + (t % 32 ? ' ' : '\n');
  out += "\n</DataArray>\n</Cells>\n<PointData Scalars=\"fit\">\n";
  auto array = [&](const std::string& name, const RowMatrix& values) {
    out += "<DataArray type=\"Float64\" Name=\"" + name + "\" NumberOfComponents=\"" +
           std::to_string(values.cols()) + "\" format=\"ascii\">\n";
    for (long i = 0; i < values.rows(); ++i) {
      appendNumbers(out, values.row(i).data(), values.cols());
      out += '\n';
    }
    out += "</DataArray>\n";
  };
  array("fit", m.coefficients);
  out += "<DataArray type=\"Int64\" Name=\"node\" format=\"ascii\">\n";
  for (long i = 0; i < D; ++i) out += std::to_string(i) + (i % 16 == 15 ? '\n' : ' ');
  out += "\n</DataArray>\n";
  if (data) {
    array("residual_rms", rms);
    array("samples", weight);
  }
  out += "</PointData>\n<CellData>\n";
  RowMatrix volume(T, 1);
  for (long t = 0; t < T; ++t) {
    Eigen::MatrixXd e(m.dim, m.dim);
    for (int k = 0; k < m.dim; ++k)
      e.row(k) = raw.row(m.simplices(t, k + 1)) - raw.row(m.simplices(t, 0));
    volume(t, 0) = std::abs(m.dim == 1   ? e(0, 0)
                            : m.dim == 2 ? e(0, 0) * e(1, 1) - e(0, 1) * e(1, 0)
                                         : e.determinant()) /
                   (m.dim == 3   ? 6.0
                    : m.dim == 2 ? 2.0
                                 : 1.0);
  }
  array("volume", volume);
  out += "</CellData>\n</Piece>\n</UnstructuredGrid>\n</VTKFile>\n";
  writeFileAtomically(path, out);
}

}  // namespace lreg
