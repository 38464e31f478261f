// Every `lreg` command: its name, the one-line summary `lreg --help` lists, the usage line and
// description its --help opens with, and what adds its options.
#include "app/cli/commands.h"

#include "app/common/cli_parser.h"

namespace lreg::cli {

const std::vector<Command>& commandTable() {
  static const std::vector<Command> table = {
      {"generate", "Writes the paper's data sets (train.csv and test.csv, or .npy).",
       "lreg generate NAME --out DIR [--seed S] [options]",
       "Writes DIR/train.csv and DIR/test.csv drawn from one of the paper's data sets\n"
       "(A1, B1, C, fig4a, appc2, appc3, A2, B2, appc4, appc1; case-insensitive). NAME list\n"
       "lists them.",
       defineGenerate},
      {"fit", "Fits an LReg model to a CSV or .npy training set and reports its errors.",
       "lreg fit TRAIN.csv|.npy... [--test TEST.csv] [--dof D] [--iterations K] "
       "[--fit lstsq|adam] [--seed S] [--model OUT.json] [--targets C] [--stream] [--json]",
       "Fits an LReg model with the mesh refinement-coarsening loop and reports its errors.\n"
       "Several training files are concatenated (the same columns in each). Under mpirun\n"
       "(mpirun -n R lreg fit ...) each rank reads only its share of the rows and the result\n"
       "does not depend on R; rank 0 writes the model and the report.\n"
       "Progress goes to stderr; with --json stdout is exactly one JSON object.",
       defineFit},
      {"predict", "Predicts a model's outputs for new inputs.",
       "lreg predict MODEL.json INPUT.csv [--out OUT.csv] [--outputs O.npy]",
       "Predicts the outputs for INPUT.csv (a header row, then the input columns only).\n"
       "Writes the inputs followed by the predicted outputs, to OUT.csv or stdout.\n"
       "For a connection model INPUT holds the frozen model's features and --outputs its outputs;\n"
       "the corrected outputs are written (OUT ending in .npy: a NumPy array).",
       definePredict},
      {"eval", "Reports a model's MAE, RMSE and R^2 on a data set.",
       "lreg eval MODEL.json DATA.csv [--json] [--outputs O.npy --labels Y.npy]",
       "Reports MAE, RMSE and R^2 of a model on DATA.csv (input columns, then the model's\n"
       "output columns). For a connection model DATA holds the frozen model's features, --outputs\n"
       "its outputs and --labels (or --targets) the truth; the loss (and accuracy) of the frozen\n"
       "model and of the connected one are reported.",
       defineEval},
      {"scaling", "Reports test error against the node budget (the paper's Figure 3).",
       "lreg scaling TRAIN.csv --test TEST.csv --dofs 16,32,64 [--json]",
       "Fits each node budget to convergence and reports test MAE and RMSE against the number\n"
       "of nodes, with the fitted log-log slope of test MAE against dof (the paper's Figure 3).",
       defineScaling},
      {"export", "Writes a model's mesh as a VTK .vtu file for ParaView.",
       "lreg export MODEL.json --vtu OUT.vtu [--data DATA.csv]",
       "Writes the model's mesh and fitted values as a VTK XML unstructured grid for ParaView;\n"
       "with --data, also the RMS residual of the samples under each node's hat.",
       defineExport},
      {"info", "Prints the version, the build options and the compute backends.",
       "lreg info [--json]",
       "Prints the version, the build options and the compute backends (CPU threads; whether\n"
       "CUDA was compiled in, how many GPUs are usable, and if none, why; whether MPI was\n"
       "compiled in, its library and, under mpirun, the number of ranks).",
       defineInfo},
      {"connect", "Trains an LReg connection that corrects a frozen model's outputs.",
       "lreg connect --features F.npy --outputs O.npy (--labels Y.npy | --targets T.npy) "
       "[--val-features F --val-outputs O --val-labels Y] [--components d] [--dof n] "
       "[--epochs E] [--model OUT.json] [--json]",
       "Trains an LReg connection on a frozen model: its features F (one row per sample) and\n"
       "outputs O (logits, or predictions with --targets) are corrected by sum_j c_j(z_j),\n"
       "z = sigmoid(W x + b), with one 1D mesh of n nodes per component (the paper's Section\n"
       "2.7). Progress goes to stderr; with --json stdout is exactly one JSON object.",
       defineConnect},
      {"mlp", "Trains a softmax MLP classifier to attach a connection to.",
       "lreg mlp --images X --labels Y [--val-images X --val-labels Y] [--hidden 256,128] "
       "[--epochs E] [--export DIR] [--json]",
       "Trains a softmax MLP classifier (ReLU layers, Adam on cross-entropy): a frozen model to\n"
       "attach an LReg connection to. Images are idx files (gzip'd or not; bytes scaled to\n"
       "[0, 1], e.g. Fashion-MNIST's) or .npy/CSV (used as they are). With --export DIR it\n"
       "writes {train,val}_{features,logits,labels}.npy: the last hidden layer, the logits, the\n"
       "labels.",
       defineMlp},

  };
  return table;
}

CommandApp Command::makeApp() const {
  CommandApp c;
  c.app = app::makeApp(std::string("lreg ") + name);
  app::describe(*c.app, usage, description);
  c.run = define(*c.app);
  return c;
}

}  // namespace lreg::cli
