// Shared helpers of the LReg Studio GUI tests: a main() that sets OpenGL up before the
// QApplication (as the app does), a window with a small generated data set, waiting for the
// worker's results, answering modal message boxes, and picture comparisons.
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

#include "app/studio/main_window.h"
#include "app/studio/plot_panel.h"
#include "app/studio/studio_session.h"
#include "render/vtk_view_widget.h"

namespace studio_test {

using lreg::studio::DataRequest;
using lreg::studio::MainWindow;
using lreg::studio::StudioSession;

/// Where pictures and files go, so a person can look at them after the run.
inline QString outputPath(const QString& name) {
  const QString dir = QStringLiteral(LREG_STUDIO_TEST_OUTPUT);
  QDir().mkpath(dir);
  return dir + "/" + name;
}

/// The environment of an lreg-studio child process: its autosave goes to `stateHome`
/// (XDG_STATE_HOME) every `autosaveMs` (the app's 30 s when 0), never to the user's own folder.
inline QProcessEnvironment studioEnvironment(const QString& stateHome, int autosaveMs = 0) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("XDG_STATE_HOME", stateHome);
  if (autosaveMs > 0) env.insert("LREG_STUDIO_AUTOSAVE_MS", QString::number(autosaveMs));
  return env;
}

/// What an lreg-studio child process did: its exit code (-2 when it crashed, -1 when it was
/// killed after the time-out, with "timed out" in err), stdout and stderr.
struct StudioRun {
  int code = -1;
  QString out, err;
};

/// Runs lreg-studio with `args` (its autosaves in a temporary state folder) and waits for it.
inline StudioRun runStudio(const QStringList& args, int timeoutMs = 120000) {
  QTemporaryDir state;
  QProcess p;
  p.setProcessEnvironment(studioEnvironment(state.path()));
  p.start(QStringLiteral(LREG_STUDIO), args);
  StudioRun r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out";
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

/// The first label below `w` whose text satisfies `match` (null when none does).
inline QLabel* findLabel(const QWidget& w, const std::function<bool(const QString&)>& match) {
  for (QLabel* l : w.findChildren<QLabel*>())
    if (match(l->text())) return l;
  return nullptr;
}

/// A shown, exposed window; `points` training points of generator `name` loaded (seed 1).
inline std::unique_ptr<MainWindow> openWindow(const char* name = "C", long points = 2000,
                                              QSize size = QSize(1200, 760)) {
  auto w = std::make_unique<MainWindow>();
  w->resize(size);
  w->show();
  if (!QTest::qWaitForWindowExposed(w.get())) return nullptr;
  QSignalSpy loaded(w->session(), &StudioSession::dataLoaded);
  w->session()->loadData(DataRequest::generated(name, points));
  if (!loaded.wait(30000)) return nullptr;
  return w;
}

/// The plot's picture, also written to the output folder as `name` for a person to look at.
inline QImage savedPlot(MainWindow& w, const QString& name) {
  const QImage image = w.plot()->grabView();
  image.save(outputPath(name));
  return image;
}

/// Waits until the window has drawn a snapshot for which `done` is true.
inline bool waitShown(MainWindow& w, const std::function<bool(const lreg::Snapshot&)>& done,
                      int timeoutMs = 30000) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    const lreg::SnapshotPtr s = w.shownSnapshot();
    if (s && done(*s) && !w.session()->isRunning()) return true;
    QTest::qWait(10);
  }
  return false;
}

/// Clicks `button` on the next modal message box that opens (polling from a timer, since the
/// box runs its own event loop); its text goes to *text.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString* text) {
  auto* timer = new QTimer;
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, timer, [timer, button, text] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box) return;
    if (text) *text = box->text();
    if (QAbstractButton* b = box->button(button)) {
      b->click();
    } else {
      box->reject();
    }
    timer->stop();
    timer->deleteLater();
  });
  timer->start();
}

/// Pixels that differ between two equally sized pictures (-1 when the sizes differ).
inline long differingPixels(const QImage& a, const QImage& b) {
  if (a.size() != b.size()) return -1;
  const QImage x = a.convertToFormat(QImage::Format_RGB32);
  const QImage y = b.convertToFormat(QImage::Format_RGB32);
  long n = 0;
  for (int r = 0; r < x.height(); ++r) {
    for (int c = 0; c < x.width(); ++c) n += x.pixel(c, r) != y.pixel(c, r);
  }
  return n;
}

/// Pixels whose colour is within `tolerance` (per channel) of `target`.
inline long pixelsLike(const QImage& image, QColor target, int tolerance = 40) {
  const QImage x = image.convertToFormat(QImage::Format_RGB32);
  long n = 0;
  for (int r = 0; r < x.height(); ++r) {
    for (int c = 0; c < x.width(); ++c) {
      const QColor p = x.pixelColor(c, r);
      n += std::abs(p.red() - target.red()) <= tolerance &&
           std::abs(p.green() - target.green()) <= tolerance &&
           std::abs(p.blue() - target.blue()) <= tolerance;
    }
  }
  return n;
}

/// The fit's blue (render's color::kFit), to find the plot in a picture.
inline QColor fitBlue() {
  return QColor::fromRgbF(0.12f, 0.40f, 0.80f);
}

}  // namespace studio_test

/// Like QTEST_MAIN, with VTK's OpenGL format set before the QApplication exists.
#define STUDIO_TEST_MAIN(TestClass)                         \
  int main(int argc, char** argv) {                         \
    lreg::render::VtkViewWidget::setDefaultSurfaceFormat(); \
    QApplication app(argc, argv);                           \
    TestClass test;                                         \
    return QTest::qExec(&test, argc, argv);                 \
  }
