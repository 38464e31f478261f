// The Qt6 <-> VTK bridge: a QOpenGLWidget hosting a vtkGenericOpenGLRenderWindow that renders
// into Qt's context (Debian's QVTKOpenGLNativeWidget is built for Qt5, so we do it ourselves).
// Mouse and wheel events go to a VTK interactor with a 2D plot style acting on a PlotNavigator
// (the scene): drag pans, the wheel and right-drag zoom, nothing rotates; 'r' or a double click
// resets the view; a click (press and release without moving) emits clicked().
#pragma once

#include <QOpenGLWidget>
#include <QPoint>
#include <QPointF>

#include <vtkSmartPointer.h>

#include <vector>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkObject;

namespace lreg::render {

class PlotInteractorStyle;
class PlotNavigator;

class VtkViewWidget : public QOpenGLWidget {
  Q_OBJECT

 public:
  explicit VtkViewWidget(QWidget* parent = nullptr);
  ~VtkViewWidget() override;

  /// Makes OpenGL 3.2 Core the default surface format. Call in main() before QApplication.
  static void setDefaultSurfaceFormat();
  /// False on platforms that can't host a QOpenGLWidget (QT_QPA_PLATFORM offscreen or minimal):
  /// show a placeholder there instead. Needs a QGuiApplication, or reads the environment.
  static bool isSupported();

  /// The one renderer of this view (white background). Add scene content to it.
  vtkRenderer* renderer() const;
  vtkGenericOpenGLRenderWindow* renderWindow() const;
  /// The plot that mouse and keys move (a Scene1D); nullptr: none. Not owned.
  void setNavigator(PlotNavigator* navigator);
  /// Schedules a repaint that re-renders the VTK scene: call after changing the scene.
  void renderLater();

 signals:
  /// Left click without drag at data point (x, y) of the navigator (the scene's raw units;
  /// world coordinates in the z = 0 plane when there is no navigator). `pixel` is in VTK's
  /// display pixels (origin bottom left), e.g. for Scene1D::nodeAtPixel.
  void clicked(double x, double y, QPointF pixel);
  /// The view went back to showing all the data ('r' or a double click).
  void viewReset();

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void onWindowEvent(vtkObject* caller, unsigned long event, void* data);
  void releaseGL();  // frees VTK's GL resources while the context still exists
  /// Copies position and modifiers into the interactor (device pixels, y up).
  void setEventInfo(const QPointF& pos, Qt::KeyboardModifiers modifiers);
  QPointF displayPixel(const QPointF& pos) const;  // Qt widget position -> VTK display pixel
  void resetView();

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<PlotInteractorStyle> style_;
  std::vector<unsigned long> observers_;
  bool initialized_ = false;
  bool framePending_ = false;  // VTK rendered on its own (interaction): the next paint only blits
  bool inPaint_ = false;
  QPoint pressPos_;
  bool pressed_ = false;
};

}  // namespace lreg::render
