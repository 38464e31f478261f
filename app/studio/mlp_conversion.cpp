#include "app/studio/mlp_conversion.h"

#include <QObject>

#include <cmath>

#include <lreg/data/normalizer.h>
#include <lreg/mlp/mlp_convert.h>
#include <lreg/simplicial/simplex_mesh.h>

namespace lreg::studio {

long lregParameterCount(int dof, int dim, int outputs) {
  return long(dof) * outputs + long(dof) * dim;
}

MlpOptions equalSizeMlp(int dof, int dim, int outputs) {
  MlpOptions o;
  o.hidden = {Mlp::widthForParameters(dim, outputs, lregParameterCount(dof, dim, outputs))};
  return o;
}

QString equalSizeExplanation(int dof, int dim, int outputs) {
  const int h = equalSizeMlp(dof, dim, outputs).hidden.front();
  const long mlp = long(dim + 1) * h + long(h + 1) * outputs;
  return QObject::tr(
             "MLP: one hidden layer of %1 ReLU units, (d+1)·h + (h+1)·C = %2 parameters; "
             "LReg: D·C + D·d = %3·%4 + %3·%5 = %6 parameters")
      .arg(h)
      .arg(mlp)
      .arg(dof)
      .arg(outputs)
      .arg(dim)
      .arg(lregParameterCount(dof, dim, outputs));
}

MlpConversion convertMlp(const Mlp& mlp, const DataBundle& data, int nodes) {
  // The engine's own normalisation, so startFrom accepts the model.
  const Normalizer normalizer = Normalizer::fit(data.train.X);
  MlpConversion c;
  Model model;
  if (mlp.dim() == 1) {
    model = convertMlp1D(mlp, normalizer);
    c.exact = true;
  } else {
    const int m =
        std::max(2, int(std::lround(std::pow(double(nodes), 1.0 / mlp.dim()))));  // m^d nodes
    model = convertMlpOnMesh(mlp, normalizer, SimplexMesh::kuhnGrid(mlp.dim(), m));
  }
  model.inputNames = data.train.inputNames;
  model.outputNames = data.train.outputNames;
  const RowMatrix net = mlp.predict(normalizer.toUnit(data.train.X));
  c.maxDifference = (model.predict(data.train.X) - net).cwiseAbs().maxCoeff();
  c.model = std::make_shared<const Model>(std::move(model));
  return c;
}

}  // namespace lreg::studio
