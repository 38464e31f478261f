#include <lreg/connect/connection.h>

#include <string>

#include <lreg/base/error.h>
#include <lreg/base/parallel.h>
#include <lreg/base/printable.h>
#include "connect/connection_pass.h"

namespace lreg {

std::string connectionTaskName(ConnectionTask task) {
  return task == ConnectionTask::Classification ? "classification" : "regression";
}

ConnectionTask parseConnectionTask(const std::string& name) {
  if (name == "classification") return ConnectionTask::Classification;
  if (name == "regression") return ConnectionTask::Regression;
  throw Error("unknown connection task '" + printable(name) + "' (classification or regression)");
}

long ConnectionModel::parameterCount() const {
  return long(inputs() + 1) * components() + long(components()) * dof() * outputs();
}

namespace {

void checkFeatures(const ConnectionModel& m, const RowMatrix& features) {
  if (features.cols() != m.inputs())
    throw Error("the connection takes " + std::to_string(m.inputs()) +
                " features per sample, the data has " + std::to_string(features.cols()));
}

// Runs the forward pass on every row; visit(n, state) sees sample n's components.
template <class Visit>
void forEachSample(const ConnectionModel& m, const RowMatrix& features, RowMatrix& out,
                   const Visit& visit) {
  const int d = m.components();
  parallelFor(
      features.rows(),
      [&](long first, long last) {
        std::vector<double> z(static_cast<size_t>(d)), t(static_cast<size_t>(d));
        std::vector<int> cell(static_cast<size_t>(d));
        for (long n = first; n < last; ++n) {
          detail::ComponentState s{z.data(), cell.data(), t.data()};
          detail::connectionForward(m, features.row(n).data(), s, out.row(n).data());
          visit(n, s);
        }
      },
      1024);
}

}  // namespace

RowMatrix ConnectionModel::correction(const RowMatrix& features) const {
  checkFeatures(*this, features);
  RowMatrix out = RowMatrix::Zero(features.rows(), outputs());
  forEachSample(*this, features, out, [](long, const detail::ComponentState&) {});
  return out;
}

RowMatrix ConnectionModel::predict(const RowMatrix& features, const RowMatrix& baseOutputs) const {
  checkFeatures(*this, features);
  if (baseOutputs.rows() != features.rows())
    throw Error("the base outputs have " + std::to_string(baseOutputs.rows()) +
                " rows, the features " + std::to_string(features.rows()));
  if (baseOutputs.cols() != outputs())
    throw Error("the connection corrects " + std::to_string(outputs()) +
                " outputs per sample, the base outputs have " + std::to_string(baseOutputs.cols()));
  RowMatrix out = baseOutputs;
  forEachSample(*this, features, out, [](long, const detail::ComponentState&) {});
  return out;
}

RowMatrix ConnectionModel::components(const RowMatrix& features) const {
  checkFeatures(*this, features);
  RowMatrix out = RowMatrix::Zero(features.rows(), outputs());
  RowMatrix z(features.rows(), components());
  forEachSample(*this, features, out, [&](long n, const detail::ComponentState& s) {
    for (int j = 0; j < components(); ++j) z(n, j) = s.z[j];
  });
  return z;
}

void ConnectionModel::validate() const {
  auto bad = [](const std::string& what) { throw Error("invalid connection: " + what); };
  const int d = components();
  if (d < 1) bad("needs at least one component");
  if (inputs() < 1) bad("needs at least one feature");
  if (outputs() < 1) bad("needs at least one output");
  if (b.size() != d) bad("b must have one value per component");
  if (int(meshes.size()) != d) bad("needs one mesh per component");
  const int n = dof();
  if (n < 2) bad("a component mesh needs at least 2 nodes");
  for (int j = 0; j < d; ++j) {
    const Mesh1D& mesh = meshes[size_t(j)];
    if (mesh.size() != n) bad("every component mesh must have " + std::to_string(n) + " nodes");
    mesh.validate();
    if (mesh.node(0) != 0.0 || mesh.node(n - 1) != 1.0)
      bad("component mesh " + std::to_string(j) + " must run from 0 to 1");
  }
  if (coefficients.rows() != long(d) * n) bad("coefficients must have d n rows");
  if (!W.allFinite()) bad("a value of W is not finite");
  if (!b.allFinite()) bad("a value of b is not finite");
  if (!coefficients.allFinite()) bad("a coefficient is not finite");
}

}  // namespace lreg
