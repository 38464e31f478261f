// lreg-studio's command line and headless mode, run as a separate process: it writes a PNG of
// the requested size with the plot in it and the model, exits 0, from generated data, CSV and
// .npy files and saved sessions; bad input exits non-zero with a message naming the problem.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cmath>

#include <lreg/base/error.h>
#include <lreg/io/npy.h>
#include <lreg/model/model_io.h>
#include "../core/test_util.h"
#include "app/studio/command_line.h"
#include "studio_fixture.h"

using lreg::studio::parseCommandLine;
using namespace studio_test;

namespace {

QString parseError(const std::vector<std::string>& args) {
  try {
    parseCommandLine(args);
  } catch (const lreg::Error& e) {
    return QString::fromStdString(e.what());
  }
  return "<accepted>";
}

}  // namespace

class TestStudioHeadless : public QObject {
  Q_OBJECT

 private slots:
  void parsesTheCommandLine() {
    const auto c = parseCommandLine({"--dataset", "c", "--iterations", "30", "--screenshot",
                                     "f/s.png", "--size", "1280x800", "--model-out", "m.json"});
    QVERIFY(c.headless());
    QVERIFY(c.data && c.data->generator == "C");  // canonical name from any case
    QCOMPARE(c.iterations, 30);
    QCOMPARE(c.options.iterations, 30);
    QCOMPARE(c.width, 1280);
    QCOMPARE(c.height, 800);
    QCOMPARE(c.modelOut, std::string("m.json"));

    const auto open = parseCommandLine({"--dataset=fig4a"});
    QVERIFY(!open.headless());
    QCOMPARE(open.data->generator, std::string("fig4a"));
    const auto file = parseCommandLine({"data/train.csv"});
    QVERIFY(file.data && file.data->kind == lreg::studio::DataRequest::Kind::File);

    QVERIFY(parseError({"--dataset", "nope"}).contains("unknown dataset"));
    QVERIFY(parseError({"--bogus"}).contains("unknown option '--bogus'"));
    QVERIFY(parseError({"--dataset", "C", "--screenshot", "x.jpg"}).contains(".png"));
    QVERIFY(parseError({"--dataset", "C", "--size", "big"}).contains("WIDTHxHEIGHT"));
    QVERIFY(parseError({"--screenshot", "x.png"}).contains("needs data"));
    QVERIFY(parseError({"--dataset", "C", "--data", "x.csv"}).contains("one data source"));
    QVERIFY(parseError({"--dataset", "C", "--iterations", "-1"}).contains(">= 0"));
    QVERIFY(parseError({"--data", "x.csv", "--points", "9"}).contains("--dataset"));
  }

  // Every number is range-checked (the shared parser of lreg and lreg-studio) and the message
  // quotes what was typed.
  void numbersAreRangeChecked_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    // A generated data set and one bad number: the message names it.
    auto row = [](const char* name, const QStringList& bad, const char* message) {
      QTest::newRow(name) << QStringList{"--dataset", "C"} + bad << QString(message);
    };
    row("dof beyond int", {"--dof", "1000000000000"},
        "--dof: '1000000000000' is out of range (must be <= 10000000)");
    row("dof below 2", {"--dof", "1"}, "--dof: '1' is out of range (must be >= 2)");
    row("dof not a number", {"--dof", "x64"}, "--dof: expects a whole number, got 'x64'");
    row("points below 2", {"--points", "1"}, "--points: '1' is out of range (must be >= 2)");
    row("points beyond 10^9", {"--points", "2000000000"},
        "--points: '2000000000' is out of range (must be <= 1000000000)");
    row("absurd noise", {"--noise", "2e6"}, "--noise: '2e6' is out of range (must be <= 1e+06)");
    row("negative noise", {"--noise", "-1"}, "--noise: '-1' is out of range (must be >= 0)");
    row("infinite noise", {"--noise", "inf"},
        "--noise: 'inf' is out of range (must be a finite number)");
    row("negative seed", {"--seed", "-2"}, "--seed: '-2' is out of range (must be >= 0)");
    row("iterations beyond int", {"--iterations", "4294967296"},
        "--iterations: '4294967296' is out of range (must be <= 2147483647)");
    row("narrow window", {"--size", "100x800"}, "--size: '100' is out of range (must be >= 320)");
    row("tall window", {"--size", "800x9000"}, "--size: '9000' is out of range (must be <= 8192)");
    row("zero threads", {"--threads", "0"}, "--threads: '0' is out of range (must be >= 1)");
    row("threads beyond 1024", {"--threads", "2000"},
        "--threads: '2000' is out of range (must be <= 1024)");
    row("unknown device", {"--device", "tpu"}, "--device: unknown device 'tpu'");
    row("control character typed", {"--dof", "6\t4"}, R"(got '6\t4')");
  }
  void numbersAreRangeChecked() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    std::vector<std::string> words;
    for (const QString& a : args) words.push_back(a.toStdString());
    const QString msg = parseError(words);
    QVERIFY2(msg.contains(message), qPrintable(msg));
  }

  void sharedOptionsReachTheCommand() {
    const auto c =
        parseCommandLine({"--dataset", "B1", "--points", "500", "--noise", "0.5", "--seed", "9",
                          "--threads", "3", "--device", "cpu", "--dof", "48", "--fit", "adam"});
    QCOMPARE(c.data->trainSize, 500L);
    QCOMPARE(c.data->noiseScale, 0.5);
    QCOMPARE(c.data->seed, std::uint64_t(9));
    QCOMPARE(c.threads, 3);
    QVERIFY(c.options.device == lreg::Device::Cpu);
    QCOMPARE(c.options.dof, 48);
    QVERIFY(c.options.fit == lreg::FitMethod::Adam);
    const StudioRun help = runStudio({"--help"});
    QCOMPARE(help.code, 0);
    QVERIFY2(help.out.startsWith("usage: lreg-studio"), qPrintable(help.out));
    for (const char* line : {"data:", "model:", "compute:", "  --dataset NAME", "  --threads N",
                             "  --device DEV", "  --size WxH", "  --version", "  --help"})
      QVERIFY2(help.out.contains(line), line);
    const StudioRun bad = runStudio({"--dataset", "C", "--dof", "1000000000000"});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("'1000000000000' is out of range"), qPrintable(bad.err));
  }

  void writesPictureAndModel() {
    QTemporaryDir dir;
    const QString png = dir.filePath("studio.png"), model = dir.filePath("model.json");
    const StudioRun r = runStudio({"--dataset", "c", "--points", "3000", "--iterations", "4",
                                   "--screenshot", png, "--size", "900x620", "--model-out", model});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("4 iterations"), qPrintable(r.out));
    // The figures of the model it writes, which can be better than the last fit's.
    QVERIFY2(
        r.out.contains(QRegularExpression("; best model: iteration [0-4], train RMSE [0-9.e-]+, "
                                          "test RMSE [0-9.e-]+ \\(Save Model writes it\\)")),
        qPrintable(r.out));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(900, 620));
    QVERIFY(pixelsLike(image, fitBlue()) > 300);  // the VTK view's content is in the picture
    image.save(outputPath("headless_C.png"));
    const lreg::Model m = lreg::loadModel(model.toStdString());
    QCOMPARE(m.dof(), 64);
  }

  // 2D data sets draw the fitted surface: viridis colours from its low (purple) and high
  // (yellow) ends fill a good part of the picture. appc4 has two outputs and must work too.
  void drawsTwoDimensionalData() {
    QTemporaryDir dir;
    for (const char* name : {"A2", "appc4"}) {
      const QString png = dir.filePath(QString(name) + ".png");
      const StudioRun r = runStudio({"--dataset", name, "--points", "3000", "--iterations", "2",
                                     "--screenshot", png, "--size", "1000x700"});
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QVERIFY2(r.out.contains("2 iterations"), qPrintable(r.out));
      const QImage image(png);
      QCOMPARE(image.size(), QSize(1000, 700));
      image.save(outputPath(QString("headless_%1.png").arg(name)));
      const long yellow = pixelsLike(image, QColor::fromRgbF(0.99f, 0.91f, 0.14f), 60);
      const long purple = pixelsLike(image, QColor::fromRgbF(0.27f, 0.0f, 0.33f), 60);
      QVERIFY2(yellow > 200 && purple > 200,
               qPrintable(QString("%1: yellow %2, purple %3").arg(name).arg(yellow).arg(purple)));
    }
  }

  void readsCsvData() {
    QTemporaryDir dir;
    QFile f(dir.filePath("sine.csv"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("t,v\n");
    for (int i = 0; i < 500; ++i) {
      f.write(QByteArray::number(i / 50.0) + "," + QByteArray::number(std::sin(i / 50.0)) + "\n");
    }
    f.close();
    const QString png = dir.filePath("csv.png");
    const StudioRun r = runStudio(
        {"--data", f.fileName(), "--iterations", "2", "--screenshot", png, "--size", "800x600"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(png).size(), QSize(800, 600));

    // Two inputs, then the target: the 2D view.
    QFile plane(dir.filePath("plane.csv"));
    QVERIFY(plane.open(QIODevice::WriteOnly));
    plane.write("a,b,z\n");
    for (int i = 0; i < 900; ++i) {
      const double a = (i % 30) / 29.0, b = (i / 30) / 29.0;
      plane.write(QByteArray::number(a) + "," + QByteArray::number(b) + "," +
                  QByteArray::number(std::sin(3 * a) + b) + "\n");
    }
    plane.close();
    const StudioRun r2 = runStudio({"--data", plane.fileName(), "--iterations", "1", "--screenshot",
                                    dir.filePath("plane.png"), "--size", "800x600"});
    QVERIFY2(r2.code == 0, qPrintable(r2.err));
    QVERIFY(pixelsLike(QImage(dir.filePath("plane.png")), QColor::fromRgbF(0.99f, 0.91f, 0.14f),
                       60) > 100);
  }

  void readsNpyData() {
    QTemporaryDir dir;
    const lreg::Dataset d = testutil::curve1D(
        600, [](int i) { return i / 60.0; },
        [](int i) { return std::sin(i / 60.0) + 0.3 * std::sin(5 * i / 60.0); });
    const QString npy = dir.filePath("wave.npy");
    lreg::writeNpy(npy.toStdString(), d);
    const QString png = dir.filePath("npy.png");
    const StudioRun r =
        runStudio({"--data", npy, "--iterations", "2", "--screenshot", png, "--size", "900x600"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("wave.npy, 2 iterations"), qPrintable(r.out));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(900, 600));
    QVERIFY(pixelsLike(image, fitBlue()) > 300);
    image.save(outputPath("headless_npy.png"));
    // A bad .npy: exit 1 naming the file and the problem.
    QFile bad(dir.filePath("bad.npy"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("\x93NUMPY garbage");
    bad.close();
    const StudioRun b = runStudio({"--data", bad.fileName(), "--screenshot", png});
    QCOMPARE(b.code, 1);
    QVERIFY2(b.err.contains("bad.npy"), qPrintable(b.err));
  }

  void opensASession() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.lreg-session.json");
    lreg::Model best;
    {
      StudioSession s;
      QSignalSpy loaded(&s, &StudioSession::dataLoaded);
      s.loadData(DataRequest::generated("C", 2500));
      QVERIFY(loaded.wait(30000));
      QSignalSpy finished(&s, &StudioSession::runFinished);
      s.run(3);
      QVERIFY(finished.wait(60000));
      QSignalSpy written(&s, &StudioSession::fileWritten);
      s.saveSession(path);
      QVERIFY(written.wait(30000));
      best = *s.bestModel();
    }
    const QString png = dir.filePath("session.png"), model = dir.filePath("best.json");
    StudioRun r = runStudio(
        {"--session", path, "--screenshot", png, "--size", "1000x640", "--model-out", model});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("C, 3 iterations"), qPrintable(r.out));  // as saved, not run on
    QVERIFY(pixelsLike(QImage(png), fitBlue()) > 300);
    QImage(png).save(outputPath("headless_session.png"));
    const lreg::Model m = lreg::loadModel(model.toStdString());
    QCOMPARE(m.coefficients, best.coefficients);
    QCOMPARE(m.nodes, best.nodes);
    // With --iterations it runs on to that iteration.
    r = runStudio({"--session", path, "--iterations", "5", "--screenshot", png});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("C, 5 iterations"), qPrintable(r.out));
    // A bad session: exit 1, the file, the line and the problem.
    QFile bad(dir.filePath("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\n \"format\": \"lreg-studio-session\",\n \"version\": 1\n \"data\": {}\n}\n");
    bad.close();
    r = runStudio({"--session", bad.fileName(), "--screenshot", png});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("bad.json:4:"), qPrintable(r.err));
    QVERIFY(parseError({"--session", "s.json", "--dataset", "C"}).contains("one data source"));
    QVERIFY(parseError({"--session", "s.json", "--dof", "9"}).contains("does not go with"));
  }

  void failsWithAMessage() {
    QTemporaryDir dir;
    StudioRun r = runStudio({"--dataset", "nope", "--screenshot", dir.filePath("x.png")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("unknown dataset 'nope'"), qPrintable(r.err));

    QFile bad(dir.filePath("bad.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("x,y\n1,2\n3,oops\n");
    bad.close();
    r = runStudio(
        {"--data", bad.fileName(), "--iterations", "1", "--screenshot", dir.filePath("x.png")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("bad.csv:3:") && r.err.contains("oops"), qPrintable(r.err));
    QVERIFY(!QFile::exists(dir.filePath("x.png")));

    r = runStudio(
        {"--dataset", "A1", "--iterations", "1", "--screenshot", "/nonexistent/dir/x.png"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("/nonexistent/dir/x.png"), qPrintable(r.err));
  }
};

STUDIO_TEST_MAIN(TestStudioHeadless)
#include "test_studio_headless.moc"
