// Fits an LReg model to a CSV or .npy file (last column the target) and writes the model file
// that `lreg predict`, the app and Python read.
#include <lreg/lreg.h>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fit_from_cpp DATA.csv|DATA.npy MODEL.json\n";
    return 2;
  }
  try {
    const lreg::Dataset data = lreg::readData(argv[1]);
    lreg::MrcOptions options;
    options.dof = 32;
    const lreg::Model model = lreg::fit(data, options);
    lreg::saveModel(model, argv[2]);
    const lreg::Metrics m = lreg::computeMetrics(data.Y, model.predict(data.X));
    std::cout << "lreg " << lreg::kVersion << ": " << model.dof() << " nodes, train RMSE " << m.rmse
              << "\n";
  } catch (const lreg::Error& e) {
    std::cerr << "fit_from_cpp: " << e.what() << "\n";
    return 1;
  }
}
