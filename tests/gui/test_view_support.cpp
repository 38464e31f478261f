// Without a window system (QT_QPA_PLATFORM=offscreen, set by CTest) Qt 6.4 cannot host a
// QOpenGLWidget: isSupported() must say so, so the app shows a placeholder instead of crashing.
#include <QtTest>

#include "render/vtk_view_widget.h"

class TestViewSupport : public QObject {
  Q_OBJECT

 private slots:
  void unsupportedOffscreen() {
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    QVERIFY(!lreg::render::VtkViewWidget::isSupported());
  }
};

QTEST_MAIN(TestViewSupport)
#include "test_view_support.moc"
