"""Settings for the benchmark: the product's settings plus the bench app and its URLs.

``DJANGO_SETTINGS_MODULE=bench.settings`` gives ``manage.py generate_data`` and
mounts the raw-SQL twins at ``/bench/`` (bench/urls.py). The product's own
settings and URLs do not know this package, and it is not shipped.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
