// Figure export: PNG at a chosen size, vector PDF / SVG / EPS with the right file signatures,
// the on-screen zoom carried into the export, and clear errors for paths that can't be written.
#include <QtTest>
#ifdef LREG_HAVE_QTSVG
#include <QPainter>
#include <QSvgRenderer>
#endif

#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <lreg/base/error.h>
#include "gui_fixture.h"
#include "render/figure_export.h"
#include "render/scene1d.h"

using lreg::render::exportFigure;
using lreg::render::exportScene;
using lreg::render::Scene1D;
using namespace gui_test;

namespace {

QByteArray head(const QString& path, int n) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.read(n);
}

}  // namespace

class TestFigureExport : public QObject {
  Q_OBJECT

 private slots:
  void formatFromExtension() {
    using lreg::render::FigureFormat;
    QCOMPARE(lreg::render::figureFormatFor("a/b.PNG"), FigureFormat::Png);
    QCOMPARE(lreg::render::figureFormatFor("b.pdf"), FigureFormat::Pdf);
    QCOMPARE(lreg::render::figureFormatFor("b.Svg"), FigureFormat::Svg);
    QCOMPARE(lreg::render::figureFormatFor("b.eps"), FigureFormat::Eps);
    QVERIFY_THROWS_EXCEPTION(lreg::Error, lreg::render::figureFormatFor("b.jpg"));
  }

  void pngAtTheChosenSize() {
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    fillScene(scene);
    scene.setSelectedNode(5);
    for (QSize size : {QSize(1600, 1000), QSize(640, 480), QSize(300, 700)}) {
      const QString path =
          outputPath(QString("figure_%1x%2.png").arg(size.width()).arg(size.height()));
      QFile::remove(path);
      exportFigure(renderer, path.toStdString(), size.width(), size.height());
      const QImage image(path);
      QCOMPARE(image.size(), size);
      QCOMPARE(head(path, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
      QVERIFY(distinctColors(image) > 20);
    }
  }

  void vectorFormats() {
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    fillScene(scene);
    struct Case {
      const char* name;
      QByteArray magic;
    };
    for (const Case& c :
         {Case{"figure.pdf", "%PDF"}, Case{"figure.svg", "<?xml"}, Case{"figure.eps", "%!PS"}}) {
      const QString path = outputPath(c.name);
      QFile::remove(path);
      exportFigure(renderer, path.toStdString(), 1000, 620);
      QVERIFY2(head(path, c.magic.size()) == c.magic, c.name);
      QVERIFY(QFileInfo(path).size() > 2000);
      // No temporary file left behind next to it.
      QCOMPARE(QDir(QFileInfo(path).path()).entryList({"*lreg-export-tmp*"}).size(), 0);
    }
    // The SVG is a real drawing: lines, filled areas and the text of the labels.
    QFile svg(outputPath("figure.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("hard samples"));
    // Vector shapes, not one raster image: markers, polylines, filled polygons.
    QVERIFY(text.count("<polyline") + text.count("<line") > 5);
    QVERIFY(text.count("<polygon") > 50);
    QVERIFY(text.count("<path") + text.count("<circle") > 200);  // data dots and node markers

#ifdef LREG_HAVE_QTSVG
    // Drawn by an independent SVG renderer, it shows the same plot as the PNG: the fit's blue,
    // the inserted node's green and the removed node's red are all there.
    QSvgRenderer svgRenderer(outputPath("figure.svg"));
    QVERIFY(svgRenderer.isValid());
    QImage drawn(1000, 620, QImage::Format_RGB32);
    drawn.fill(Qt::white);
    QPainter painter(&drawn);
    svgRenderer.render(&painter);
    painter.end();
    drawn.save(outputPath("figure_svg_drawn_by_qt.png"));
    exportFigure(renderer, outputPath("figure_1000x620.png").toStdString(), 1000, 620);
    const QImage reference =
        QImage(outputPath("figure_1000x620.png")).convertToFormat(QImage::Format_RGB32);
    for (auto c : {lreg::render::color::kFit, lreg::render::color::kInserted,
                   lreg::render::color::kRemove, lreg::render::color::kCounts}) {
      const int inSvg = pixelsNear(drawn, QPoint(500, 310), 620, qcolor(c), 30);
      const int inPng = pixelsNear(reference, QPoint(500, 310), 620, qcolor(c), 30);
      QVERIFY2(inSvg > inPng / 2 && inSvg < inPng * 2,
               qPrintable(QString("%1 vs %2").arg(inSvg).arg(inPng)));
    }
#endif
  }

  void exportKeepsTheViewOfTheScene() {
    // The on-screen scene, zoomed in; its export must show the same zoom, at another size.
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    fillScene(scene);
    auto window = lreg::render::makeOffscreenWindow(800, 500);
    window->AddRenderer(renderer);
    window->Render();
    scene.zoom(400, 250, 3.0, 3.0);
    window->Render();
    QVERIFY(!scene.autoFit());

    const QString zoomed = outputPath("export_zoomed.png"),
                  fitted = outputPath("export_fitted.png");
    exportScene(scene, zoomed.toStdString(), 800, 500);
    vtkNew<vtkRenderer> fresh;
    Scene1D reference(fresh);
    fillScene(reference);
    exportScene(reference, fitted.toStdString(), 800, 500);
    QVERIFY(differingPixels(QImage(zoomed), QImage(fitted)) > 5000);

    // Same zoom, same size: the export equals the on-screen picture.
    const QString screen = outputPath("export_screen.png");
    lreg::render::writePng(window, screen.toStdString());
    QCOMPARE(differingPixels(QImage(zoomed).convertToFormat(QImage::Format_RGB32),
                             QImage(screen).convertToFormat(QImage::Format_RGB32)),
             0L);
    renderer->ReleaseGraphicsResources(window);
    window->RemoveRenderer(renderer);
  }

  void errorsNameThePath() {
    vtkNew<vtkRenderer> renderer;
    Scene1D scene(renderer);
    fillScene(scene);
    const std::string missing = "/nonexistent-folder/figure.png";
    try {
      exportFigure(renderer, missing, 400, 300);
      QFAIL("no error for a missing folder");
    } catch (const lreg::Error& e) {
      QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(lreg::Error, exportFigure(renderer, "/proc/figure.pdf", 400, 300));
    QVERIFY_THROWS_EXCEPTION(lreg::Error, exportFigure(renderer, "figure.bmp", 400, 300));
    QVERIFY_THROWS_EXCEPTION(lreg::Error,
                             exportFigure(renderer, outputPath("x.png").toStdString(), 0, 300));
    // A folder where the file should be.
    QVERIFY_THROWS_EXCEPTION(lreg::Error, exportFigure(renderer, LREG_GUI_TEST_OUTPUT, 400, 300));
    // A renderer shown in a window is not taken away from it.
    {
      auto window = lreg::render::makeOffscreenWindow(400, 300);
      window->AddRenderer(renderer);
      QVERIFY_THROWS_EXCEPTION(
          lreg::Error, exportFigure(renderer, outputPath("in_window.png").toStdString(), 400, 300));
      QCOMPARE(renderer->GetRenderWindow(), window.Get());
      window->RemoveRenderer(renderer);
    }
    // The renderer is still usable after the failures.
    exportFigure(renderer, outputPath("after_errors.png").toStdString(), 400, 300);
    QCOMPARE(QImage(outputPath("after_errors.png")).size(), QSize(400, 300));
  }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
