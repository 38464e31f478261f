// lreg-studio: the desktop app (app/studio/studio_app.cpp does the work).
#include "app/studio/studio_app.h"

int main(int argc, char** argv) {
  return lreg::studio::runStudio(argc, argv);
}
