"""Builds the extension lreg._lreg with the project's CMake build (core + python/), then lets
setuptools package it with the pure-Python modules. Called by `pip install ./python`.

Environment:
  LREG_BUILD_DIR   an already configured build tree to reuse (only `cmake --build` runs there)
  CMAKE_ARGS       extra arguments for the CMake configure step (e.g. -DLREG_ENABLE_CUDA=OFF)
  CMAKE_BUILD_PARALLEL_LEVEL  build jobs (default: all cores)
"""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE = Path(__file__).resolve().parent.parent  # the repository root (CMakeLists.txt)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("LREG_BUILD_DIR")
        if build_dir:
            build_dir = Path(build_dir).resolve()
        else:
            build_dir = Path(self.build_temp).resolve() / "cmake"
            build_dir.mkdir(parents=True, exist_ok=True)
            configure = [
                "cmake", "-S", str(SOURCE), "-B", str(build_dir),
                "-DCMAKE_BUILD_TYPE=Release",
                "-DLREG_BUILD_GUI=OFF", "-DLREG_BUILD_TESTS=OFF", "-DLREG_BUILD_PYTHON=ON",
                f"-DPython_EXECUTABLE={sys.executable}",
            ] + shlex.split(os.environ.get("CMAKE_ARGS", ""))
            subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_lreg", "-j", jobs],
                       check=True)
        built = build_dir / "python" / "lreg" / Path(self.get_ext_filename(ext.name)).name
        if not built.exists():
            raise RuntimeError(f"CMake did not produce {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(ext_modules=[Extension("lreg._lreg", sources=[])], cmdclass={"build_ext": CMakeBuild})
