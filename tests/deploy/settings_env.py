"""giamngheo/settings.py evaluated afresh with some environment variables, so tests check the
configuration the real settings build (not a copy of it) for REDIS_URL, S3_BUCKET, …"""

import os
import runpy
from pathlib import Path
from unittest import mock

import giamngheo

SETTINGS = Path(giamngheo.__file__).parent / "settings.py"


def settings_with(**env: str) -> dict:
    with mock.patch.dict(os.environ, env):
        return runpy.run_path(str(SETTINGS))
