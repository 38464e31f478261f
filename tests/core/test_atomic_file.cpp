// Whole-file writes: the content arrives complete or not at all, with the mode a plain create
// (or the replaced file) would have, and a writer killed in the middle of a large write leaves
// the old file intact.
#include <QtTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>

#include <lreg/base/atomic_file.h>
#include <lreg/base/error.h>
#include "test_util.h"

using testutil::errorMessage;
namespace fs = std::filesystem;

namespace {

int modeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// Files in `dir` other than `keep`: the temporaries a write left behind.
QStringList strays(const QString& dir, const QString& keep) {
  QStringList out = QDir(dir).entryList(QDir::Files | QDir::Hidden);
  out.removeAll(keep);
  return out;
}

}  // namespace

class TestAtomicFile : public QObject {
  Q_OBJECT

 private slots:
  void writesAndReplacesWithThePlainMode() {
    QTemporaryDir dir;
    const std::string file = dir.filePath("a.txt").toStdString();
    const mode_t old = ::umask(022);
    lreg::writeFileAtomically(file, "first");
    QCOMPARE(modeOf(file), 0644);
    ::chmod(file.c_str(), 0600);
    lreg::writeFileAtomically(file, "second");
    ::umask(old);
    QCOMPARE(lreg::readFile(file), std::string("second"));
    QCOMPARE(modeOf(file), 0600);  // the replaced file's mode is kept
    QVERIFY(strays(dir.path(), "a.txt").isEmpty());
  }

  void failedWriterLeavesTheOldFile() {
    QTemporaryDir dir;
    const std::string file = dir.filePath("fig.png").toStdString();
    lreg::writeFileAtomically(file, "old");
    QCOMPARE(errorMessage([&] {
               lreg::replaceFileAtomically(
                   file, [](const std::string&) { throw lreg::Error("renderer failed"); });
             }),
             QString("renderer failed"));
    QVERIFY(errorMessage([&] {
              lreg::replaceFileAtomically(file, [](const std::string&) {});
            }).contains("nothing was written"));
    QCOMPARE(lreg::readFile(file), std::string("old"));
    QVERIFY2(strays(dir.path(), "fig.png").isEmpty(),
             qPrintable(strays(dir.path(), "fig.png").join(",")));
    lreg::replaceFileAtomically(file, [](const std::string& temp) {
      lreg::writeFileAtomically(temp, "new");  // a writer that replaces the temporary itself
    });
    QCOMPARE(lreg::readFile(file), std::string("new"));
  }

  void missingFolderIsNamed() {
    const QString msg =
        errorMessage([] { lreg::writeFileAtomically("/nonexistent-folder/x.json", "x"); });
    QVERIFY2(msg.startsWith("/nonexistent-folder/x.json: cannot write file"), qPrintable(msg));
  }

  // A child process writes 256 MB over a small file; it is killed once its temporary exists.
  void killedWriterLeavesTheOldFileIntact() {
    QTemporaryDir dir;
    const std::string file = dir.filePath("model.json").toStdString();
    lreg::writeFileAtomically(file, "the old content");
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
      const std::string big(size_t(256) << 20, 'x');
      for (;;) lreg::writeFileAtomically(file, big);
    }
    bool sawTemporary = false;
    for (int i = 0; i < 20000 && !sawTemporary; ++i) {
      sawTemporary = !strays(dir.path(), "model.json").isEmpty();
      if (!sawTemporary) ::usleep(500);
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    QVERIFY(sawTemporary);
    QVERIFY(WIFSIGNALED(status));
    const std::string now = lreg::readFile(file);
    // Either the old file, or (had a whole write finished) the complete new one; never a mix.
    QVERIFY2(now == "the old content" || now == std::string(size_t(256) << 20, 'x'),
             qPrintable(QString("file holds %1 bytes").arg(now.size())));
  }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
