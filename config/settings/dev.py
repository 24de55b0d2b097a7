"""Settings for a developer's machine and the demo: SQLite by default, debug off unless asked."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("CANBO_DEBUG", False)
# The demo runs on 127.0.0.1 only; a fixed key is acceptable there and nowhere else (prod refuses it).
SECRET_KEY = SECRET_KEY or "canbo-demo-only-not-for-production"  # noqa: F405

# Serve the front-end libraries straight from node_modules through WhiteNoise: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
