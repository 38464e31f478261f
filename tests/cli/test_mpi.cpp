// `mpirun -n R lreg fit ...` against the one-process fit of the same rows: the same model (nodes
// and coefficients to 1e-10 relative) whatever R, in 1D and 2D, least squares and Adam, from
// .npy, CSV and streamed files. Faults: a rank that cannot read its share stops every rank with
// a message naming it and the file; a killed rank ends the job and leaves no model behind.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <unistd.h>
#include <csignal>

#include <lreg/data/generators.h>
#include <lreg/io/csv.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>

using namespace lreg;

namespace {

struct Result {
  int exitCode;
  QString out, err;
};

// mpirun with this build's flags (OpenMPI: --oversubscribe on a small machine, and
// --allow-run-as-root where the tests run as root), then the CLI.
QStringList mpirun(int ranks) {
  QStringList args = QString(LREG_MPIEXEC_FLAGS).split(' ', Qt::SkipEmptyParts);
  if (geteuid() == 0 && QString(LREG_MPIEXEC_FLAGS).contains("oversubscribe"))
    args << "--allow-run-as-root";
  return args << "-n" << QString::number(ranks) << LREG_CLI;
}

Result run(int ranks, const QStringList& args) {
  QProcess p;
  if (ranks == 0)
    p.start(LREG_CLI, args);
  else
    p.start(LREG_MPIEXEC, mpirun(ranks) + args);
  if (!p.waitForFinished(180000)) p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

double relativeDifference(const RowMatrix& a, const RowMatrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return HUGE_VAL;
  return ((a - b).array().abs() / a.array().abs().max(1e-300)).maxCoeff();
}

}  // namespace

class TestMpi : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const QString& name) const { return dir_.filePath(name).toStdString(); }
  QString qpath(const QString& name) const { return dir_.filePath(name); }

  // Fits with `ranks` processes (0: no mpirun) and returns the model it wrote.
  Model fit(int ranks, const QStringList& data, const QStringList& options, const QString& name) {
    const Result r = run(ranks, QStringList{"fit"} + data + options +
                                    QStringList{"--quiet", "--model", qpath(name)});
    if (r.exitCode != 0) {
      QTest::qFail(qPrintable("lreg fit failed: " + r.err), __FILE__, __LINE__);
      return {};
    }
    return loadModel(path(name));
  }

  void expectSameModel(const Model& reference, const Model& model, double tolerance) {
    QVERIFY2(relativeDifference(reference.nodes, model.nodes) <= tolerance,
             qPrintable(QString::number(relativeDifference(reference.nodes, model.nodes))));
    QVERIFY2(relativeDifference(reference.coefficients, model.coefficients) <= tolerance,
             qPrintable(
                 QString::number(relativeDifference(reference.coefficients, model.coefficients))));
    QCOMPARE(model.simplices, reference.simplices);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // 1D: 20,000 noisy samples of C's sin(1/x), as one .npy, as two .npy parts and as a CSV.
    const Dataset c = generate("C", 3, {20000, 10, 1.0}).train;
    writeNpy(path("c.npy"), c);
    writeCsv(path("c.csv"), c);
    const long half = 7001;
    Dataset first{c.X.topRows(half), c.Y.topRows(half), c.inputNames, c.outputNames, "c"};
    Dataset rest{c.X.bottomRows(c.size() - half), c.Y.bottomRows(c.size() - half), c.inputNames,
                 c.outputNames, "c"};
    writeNpy(path("c1.npy"), first);
    writeNpy(path("c2.npy"), rest);
    writeNpy(path("small.npy"), generate("B1", 4, {1500, 10, 1.0}).train);
    writeNpy(path("b2.npy"), generate("B2", 5, {12000, 10, 1.0}).train);
  }

  // The loop places nodes on a gathered placement sample (identical on every rank), the final
  // refit and polish sum over all 20,000 samples per rank and then over the ranks.
  void placementFitMatchesOneProcess() {
    const QStringList o{"--dof", "24", "--placement", "1000", "--iterations", "8"};
    const Model one = fit(0, {qpath("c.npy")}, o, "one.json");
    QCOMPARE(one.training.at("placement_samples"), std::string("1536"));
    expectSameModel(one, fit(2, {qpath("c.npy")}, o, "two.json"), 1e-10);
    expectSameModel(one, fit(3, {qpath("c1.npy"), qpath("c2.npy")}, o, "three.json"), 1e-10);
  }

  // Few samples: every rank gathers them all and runs the very same loop, bit for bit.
  void smallDataFitIsExact() {
    const QStringList o{"--dof", "16"};
    const Model one = fit(0, {qpath("small.npy")}, o, "small1.json");
    expectSameModel(one, fit(3, {qpath("small.npy")}, o, "small3.json"), 0.0);
  }

  void adamFitMatchesOneProcess() {
    const QStringList o{"--dof",       "24",     "--fit",        "adam",
                        "--indicator", "counts", "--iterations", "4"};
    const Model one = fit(0, {qpath("small.npy")}, o, "adam1.json");
    expectSameModel(one, fit(2, {qpath("small.npy")}, o, "adam2.json"), 1e-10);
  }

  void fit2DMatchesOneProcess() {
    const QStringList o{"--dof", "64", "--placement", "3000", "--iterations", "4"};
    const Model one = fit(0, {qpath("b2.npy")}, o, "b2one.json");
    QVERIFY(one.training.count("placement_samples"));
    expectSameModel(one, fit(2, {qpath("b2.npy")}, o, "b2two.json"), 1e-10);
    expectSameModel(one, fit(3, {qpath("b2.npy")}, o, "b2three.json"), 1e-10);
  }

  // Each rank parses the lines that start in its third of the bytes.
  void csvSharesMatchOneProcess() {
    const QStringList o{"--dof", "24", "--placement", "1000", "--iterations", "8"};
    const Model one = fit(0, {qpath("c.npy")}, o, "csv1.json");
    expectSameModel(one, fit(3, {qpath("c.csv")}, o, "csv3.json"), 1e-10);
  }

  void streamedFitMatchesInMemory() {
    const QStringList o{"--dof", "24", "--placement", "1000", "--iterations", "8"};
    const Model memory = fit(0, {qpath("c.npy")}, o, "mem.json");
    expectSameModel(memory, fit(0, {qpath("c.npy")}, o + QStringList{"--stream"}, "st1.json"),
                    1e-9);
    expectSameModel(
        memory, fit(2, {qpath("c1.npy"), qpath("c2.npy")}, o + QStringList{"--stream"}, "st2.json"),
        1e-9);
    const QStringList o2{"--dof", "64", "--placement", "3000", "--iterations", "4"};
    expectSameModel(fit(0, {qpath("b2.npy")}, o2, "b2mem.json"),
                    fit(3, {qpath("b2.npy")}, o2 + QStringList{"--stream"}, "b2st.json"), 1e-9);
  }

  // Rank 0 alone prints the report: stdout is exactly one JSON object, with the rank count and
  // the bytes this rank moved; the training errors are those of one process.
  void reportComesFromRankZero() {
    const QStringList args{"fit",         qpath("c.npy"), "--dof",        "24",
                           "--placement", "1000",         "--iterations", "8",
                           "--json",      "--quiet",      "--test",       qpath("c.csv")};
    const Result one = run(0, args), three = run(3, args);
    QCOMPARE(three.exitCode, 0);
    QJsonParseError error;
    const QJsonObject a = QJsonDocument::fromJson(one.out.toUtf8()).object();
    const QJsonObject b = QJsonDocument::fromJson(three.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(b["ranks"].toInt(), 3);
    QVERIFY(b["communication"].toObject()["bytes"].toDouble() > 0);
    for (const char* set : {"train", "test"})
      for (const char* m : {"mae", "rmse", "r2"}) {
        const double x = a[set].toObject()[m].toDouble(), y = b[set].toObject()[m].toDouble();
        QVERIFY2(std::abs(x - y) <= 1e-10 * std::abs(x), qPrintable(QString(set) + " " + m));
      }
  }

  // --reference searches on the placement sample (identical on every rank) and refits the
  // winner through the full passes: the same reference errors with 1 and 3 ranks and streamed.
  void referenceMatchesOneProcess() {
    for (const QStringList& data :
         {QStringList{qpath("c.npy"), "--dof", "24", "--placement", "1000", "--iterations", "8"},
          QStringList{qpath("b2.npy"), "--dof", "36", "--placement", "3000", "--iterations",
                      "2"}}) {
      const QStringList args =
          QStringList{"fit"} + data + QStringList{"--reference", "--json", "--quiet"};
      const Result one = run(0, args), three = run(3, args),
                   streamed = run(2, args + QStringList{"--stream"});
      QJsonObject json[3];
      int i = 0;
      for (const Result* r : {&one, &three, &streamed}) {
        QVERIFY2(r->exitCode == 0, qPrintable(r->err));
        json[i++] = QJsonDocument::fromJson(r->out.toUtf8()).object();
      }
      const double best = json[0]["reference_rmse"].toDouble();
      QVERIFY(best > 0);
      QCOMPARE(json[0]["reference"].toObject()["train"].toObject()["rmse"].toDouble(), best);
      for (int k = 1; k < 3; ++k) {
        const double x = json[k]["reference_rmse"].toDouble();
        QVERIFY2(std::abs(x - best) <= 1e-9 * best,
                 qPrintable(QString("%1 vs %2 (%3)").arg(x).arg(best).arg(data.first())));
      }
    }
  }

  // The NaN sits in the last rows: only rank 2 reads them, and every rank stops.
  void malformedShareStopsEveryRank() {
    Dataset c = readNpy(path("c.npy"));
    c.Y(c.size() - 3, 0) = std::nan("");
    writeNpy(path("bad.npy"), c);
    for (const QStringList& extra : {QStringList{}, QStringList{"--stream"}}) {
      QFile::remove(qpath("bad.json"));
      const Result r = run(
          3, QStringList{"fit", qpath("bad.npy"), "--model", qpath("bad.json"), "--quiet"} + extra);
      QVERIFY(r.exitCode != 0);
      QVERIFY2(r.err.contains("rank 2 of 3: " + qpath("bad.npy") +
                              ": row 19998, column 2: value "
                              "is not finite"),
               qPrintable(r.err));
      QVERIFY(!QFile::exists(qpath("bad.json")));
    }
  }

  void missingFileStopsEveryRank() {
    const Result r = run(2, {"fit", qpath("c1.npy"), qpath("nowhere.npy"), "--model",
                             qpath("none.json"), "--quiet"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("rank 1 of 2: " + qpath("nowhere.npy") + ": cannot open file"),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(qpath("none.json")));
  }

  // mpirun ends the job when a rank dies mid-fit: no rank waits forever, no model is written.
  // The loop runs on a placement sample smaller than the data and is long (1000 iterations:
  // half a minute), so the kill lands in it, and the final refit would need the killed rank's
  // share: a job that went on regardless could not write a model either (with --placement 0
  // no collective follows the gather, and rank 0 could finish before mpirun stops it).
  void killedRankEndsTheJob() {
    writeNpy(path("long.npy"), generate("C", 6, {400000, 10, 1.0}).train);
    QProcess p;
    p.start(LREG_MPIEXEC,
            mpirun(2) + QStringList{"fit", qpath("long.npy"), "--placement", "100000", "--dof",
                                    "256", "--iterations", "1000", "--patience", "1000", "--model",
                                    qpath("killed.json")});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    while (!err.contains("iteration") && p.state() == QProcess::Running) {
      p.waitForReadyRead(200);
      err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("iteration"), err.constData());  // the loop is running
    QFile children(QString("/proc/%1/task/%1/children").arg(p.processId()));
    QVERIFY(children.open(QIODevice::ReadOnly));
    const QList<QByteArray> ranks = children.readAll().trimmed().split(' ');
    QCOMPARE(ranks.size(), 2);
    QCOMPARE(::kill(pid_t(ranks.last().toLong()), SIGKILL), 0);
    QVERIFY(p.waitForFinished(60000));  // no hang
    QVERIFY(p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0);
    QVERIFY(!QFile::exists(qpath("killed.json")));
  }
};

QTEST_APPLESS_MAIN(TestMpi)
#include "test_mpi.moc"
