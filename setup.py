"""Build of the compiled screening loops (the rest of the package is plain Python; see
pyproject.toml for everything else)."""

from Cython.Build import cythonize
from setuptools import setup

setup(
    ext_modules=cythonize(
        ["src/vigil/screening/_fast.pyx"],
        compiler_directives={"language_level": 3},
    )
)
