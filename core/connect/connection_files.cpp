#include <lreg/connect/connection_files.h>

#include <lreg/io/npy.h>

namespace lreg {

RowMatrix readMatrix(const std::string& path) {
  return readData(path, 0, 1).X;
}

ConnectionData readConnectionData(const ConnectionFiles& files, ConnectionTask task) {
  ConnectionData d;
  d.features = readMatrix(files.features);
  d.outputs = readMatrix(files.outputs);
  d.featuresSource = files.features;
  d.outputsSource = files.outputs;
  d.truthSource = files.truth;
  if (!files.truth.empty()) {
    RowMatrix truth = readMatrix(files.truth);
    if (task == ConnectionTask::Classification)
      d.labels = labelsFromColumn(truth, files.truth);
    else
      d.targets = std::move(truth);
  }
  if (files.truth.empty())
    d.validateInputs();
  else
    d.validate(task);
  return d;
}

}  // namespace lreg
