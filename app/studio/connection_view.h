// The Connection view's widgets, wired to a ConnectionSession (which holds all the logic): the
// data (files or the Fashion-MNIST demo), the connection's settings, Train / Cancel with the
// progress per epoch, the component and output shown, figure and model export, and the
// figure itself (connection_figure.h), repainted as epochs arrive.
#pragma once

#include <QWidget>

#include "app/studio/connection_figure.h"
#include "app/studio/connection_session.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace lreg::studio {

class ConnectionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConnectionView(QWidget* parent = nullptr);

  ConnectionSession& session() { return *session_; }
  /// What the figure shows now.
  ConnectionPicture picture() const;
  /// The settings the controls show (task from the data).
  ConnectionOptions options() const;
  int epochs() const;
  void setEpochs(int epochs);
  /// The component j (0-based) and output k shown.
  void showComponent(int component, int output);
  /// Trains with the controls' settings (an error goes to errorReported).
  void train();
  /// Starts the demo (an error goes to errorReported).
  void loadDemo();
  /// The figure at `size` (.png, .svg or .pdf). Throws Error naming the file.
  void exportFigure(const QString& path, QSize size) const;
  QString statusText() const;

 signals:
  void errorReported(const QString& title, const QString& message);

 private:
  void openFiles();
  void exportFigureDialog();
  void saveModelDialog();
  void dataChanged();
  void updateState();
  void attempt(const QString& title, const std::function<void()>& action);

  ConnectionSession* session_;
  ConnectionSources sources_;
  QWidget* canvas_;
  QPushButton *openButton_, *demoButton_, *trainButton_, *cancelButton_, *figureButton_,
      *saveButton_;
  QLabel *demoNote_, *dataText_, *status_;
  QSpinBox *components_, *dof_, *epochs_, *batch_, *component_, *output_;
  QDoubleSpinBox* rate_;
};

}  // namespace lreg::studio
