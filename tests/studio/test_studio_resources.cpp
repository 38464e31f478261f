// What the app carries (resources/studio.qrc): the window icon, the samples of File > Open
// Sample (listed, written out, loaded through the menu), and the About box's text.
#include <QMenu>
#include <QSignalSpy>

#include <lreg/io/csv.h>
#include <lreg/version.h>
#include "app/studio/about.h"
#include "app/studio/resources.h"
#include "studio_fixture.h"

using namespace studio_test;
using lreg::studio::bundledSamples;

class TestStudioResources : public QObject {
  Q_OBJECT

 private slots:
  void iconIsTheBundledSvg() {
    const QIcon icon = lreg::studio::appIcon();
    QVERIFY(!icon.isNull());
    const QImage image = icon.pixmap(128, 128).toImage();
    QCOMPARE(image.size(), QSize(128, 128));
    image.save(outputPath("icon.png"));
    // The drawing is there: the tile's dark blue, the hat's amber, the fit's cyan.
    QVERIFY(pixelsLike(image, QColor("#1f2f52"), 30) > 2000);
    QVERIFY(pixelsLike(image, QColor("#f2b134"), 40) > 100);
    QVERIFY(pixelsLike(image, QColor("#5ec8e5"), 40) > 300);
  }

  void samplesAreBundled() {
    const auto samples = bundledSamples();
    QStringList names;
    for (const auto& s : samples) names << s.name;
    QCOMPARE(names, (QStringList{"A2", "B1", "C"}));
    const QMap<QString, QPair<long, int>> shape{
        {"A2", {500, 2}}, {"B1", {300, 1}}, {"C", {300, 1}}};
    for (const auto& s : samples) {
      QVERIFY2(s.title.contains("~"), qPrintable(s.title));  // the generator's distribution
      const std::string path = lreg::studio::extractSample(s);
      const lreg::Dataset d = lreg::readCsv(path);
      QCOMPARE(long(d.size()), shape[s.name].first);
      QCOMPARE(d.dim(), shape[s.name].second);
    }
  }

  void openSampleMenuLoadsIt() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QMenu* samples = nullptr;
    for (QMenu* m : w.findChildren<QMenu*>())
      if (m->title() == QObject::tr("Open &Sample")) samples = m;
    QVERIFY(samples);
    QAction* b1 = nullptr;
    for (QAction* a : samples->actions())
      if (a->text().startsWith("B1")) b1 = a;
    QVERIFY(b1);
    samples->popup(QPoint(40, 40));  // a picture of the menu for a person to look at
    QTest::qWait(100);
    samples->grab().save(outputPath("open_sample_menu.png"));
    samples->hide();
    QSignalSpy loaded(w.session(), &StudioSession::dataLoaded);
    b1->trigger();
    QVERIFY(loaded.wait(30000));
    QCOMPARE(long(w.session()->data()->train.size()), 300L);
    QCOMPARE(w.session()->data()->name, std::string("B1.csv"));
  }

  void aboutShowsVersionAndBuildOptions() {
    const QString text = lreg::studio::aboutText();
    QVERIFY2(text.contains(QString("LReg Studio</b> ") + lreg::kVersion), qPrintable(text));
    QVERIFY2(text.contains(lreg::kBuildOptions), qPrintable(text));  // as `lreg info` says
    QVERIFY2(text.contains("Qt " + QString(qVersion())) && text.contains("VTK 9"),
             qPrintable(text));
    QMessageBox box(QMessageBox::NoIcon, "About LReg Studio", text);
    box.setIconPixmap(lreg::studio::appIcon().pixmap(64, 64));
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    box.grab().save(outputPath("about.png"));
  }
};

STUDIO_TEST_MAIN(TestStudioResources)
#include "test_studio_resources.moc"
